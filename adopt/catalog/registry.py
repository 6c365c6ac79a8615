"""Collects the resource specs from ``adopt.catalog.services.*``, checks them, and looks them up.

Collecting is where what one spec cannot know alone is settled: each spec is
checked (:mod:`adopt.catalog.validate`), each type must be declared once and
after its parent, and ``ARN_TARGET`` references are bound to the table of
ARN shapes derived from all of them.
"""

from __future__ import annotations

import dataclasses
import difflib
import importlib
import pkgutil
from collections.abc import Mapping, Sequence
from functools import cache, lru_cache

from ..errors import BadInput
from . import cloudcontrol
from . import services as specs_package
from .arns import ArnTargets, arn_shape
from .spec import BatchGroup, Ref, ResourceSpec, SpecError
from .validate import problems


@lru_cache(maxsize=1)
def all_specs() -> tuple[ResourceSpec, ...]:
    """Every spec, in module order then declaration order (parents before children)."""
    found: list[ResourceSpec] = []
    for module_info in sorted(pkgutil.iter_modules(specs_package.__path__), key=lambda m: m.name):
        module = importlib.import_module(f"{specs_package.__name__}.{module_info.name}")
        found.extend(getattr(module, "SPECS", ()))
    return checked(found)


def checked(found: Sequence[ResourceSpec]) -> tuple[ResourceSpec, ...]:
    """The specs, once each passes its checks, each type is declared once and
    after its parent, and their ``ARN_TARGET`` references are bound."""
    registered = {spec.tf_type for spec in found}
    seen: set[str] = set()
    for spec in found:
        wrong = problems(spec)
        if wrong:
            raise SpecError(f"{spec.tf_type}: " + "; ".join(wrong) + ".")
        if spec.tf_type in seen:
            raise SpecError(f"{spec.tf_type}: two specs declare it.")
        if spec.parent and spec.parent not in registered:
            raise SpecError(f"{spec.tf_type}: its parent {spec.parent} is not a registered type.")
        if spec.parent and spec.parent not in seen:
            # The engine, the plan and generation take parents first.
            raise SpecError(f"{spec.tf_type}: declared before its parent {spec.parent}; declare the parent first.")
        seen.add(spec.tf_type)
    _check_reference_attributes(found)
    targets = ArnTargets(derive_arn_targets(found))
    return tuple(_bind_arn_targets(spec, targets) for spec in found)


def _check_reference_attributes(found: Sequence[ResourceSpec]) -> None:
    """A reference by an attribute other than id, arn or name names one its
    target types export: nothing else is in an inventory to match."""
    exports = {spec.tf_type: set(spec.exports) for spec in found}
    for spec in found:
        for pattern, declared in spec.references.items():
            for ref in (declared, *declared.also):
                if ref.attribute in ("id", "arn", "name") or isinstance(ref.type, ArnTargets):
                    continue
                missing = [t for t in ref.types if ref.attribute not in exports.get(t, ())]
                if missing:
                    raise SpecError(
                        f"{spec.tf_type}: reference {pattern!r} resolves by {ref.attribute!r}, "
                        f"which {', '.join(missing)} does not export (exports={{...}} in its spec)."
                    )


def derive_arn_targets(specs: Sequence[ResourceSpec]) -> dict[tuple[str, str], str]:
    """Each ARN shape and the one type it names.  Where a child's ARN nests
    under its parent's (a topic's subscriptions, an API's stages), the ARN
    names the parent; a shape that two unrelated types share (ingress and
    egress rules) names neither: a wrong reference is worse than none."""
    by_type = {s.tf_type: s for s in specs}
    claims: dict[tuple[str, str], list[ResourceSpec]] = {}
    for spec in specs:
        shape = arn_shape(spec.arn)
        if shape:
            claims.setdefault(shape, []).append(spec)
    table: dict[tuple[str, str], str] = {}
    for shape, claimants in claims.items():
        names = {s.tf_type for s in claimants}
        outermost = [s for s in claimants if not (_ancestors(s, by_type) & names)]
        if len(outermost) == 1:
            table[shape] = outermost[0].tf_type
    return table


def _ancestors(spec: ResourceSpec, by_type: Mapping[str, ResourceSpec]) -> set[str]:
    out: set[str] = set()
    while spec.parent and spec.parent not in out and spec.parent in by_type:
        out.add(spec.parent)
        spec = by_type[spec.parent]
    return out


def _bind_arn_targets(spec: ResourceSpec, targets: ArnTargets) -> ResourceSpec:
    if not any(isinstance(ref.type, ArnTargets) for ref in spec.references.values()):
        return spec
    bound = {
        pattern: Ref(targets, ref.attribute) if isinstance(ref.type, ArnTargets) else ref
        for pattern, ref in spec.references.items()
    }
    return dataclasses.replace(spec, references=bound)


def arn_target() -> ArnTargets:
    """``ARN_TARGET`` as the registered specs bind it: which type an ARN names."""
    for spec in all_specs():
        for ref in spec.references.values():
            if isinstance(ref.type, ArnTargets):
                return ref.type
    return ArnTargets(derive_arn_targets(all_specs()))


@lru_cache(maxsize=1)
def declared_batch_groups() -> dict[str, BatchGroup]:
    """The groups service modules declare (``BATCH_GROUPS``), by name."""
    groups: dict[str, BatchGroup] = {}
    for module_info in pkgutil.iter_modules(specs_package.__path__):
        module = importlib.import_module(f"{specs_package.__name__}.{module_info.name}")
        for group in getattr(module, "BATCH_GROUPS", ()):
            if group.name in groups:
                raise RuntimeError(f"two declarations of the batch group {group.name}")
            groups[group.name] = group
    return groups


def batch_group(spec: ResourceSpec) -> BatchGroup:
    """The group a spec's resources are batched in: declared, or its service's own."""
    return batch_group_named(spec.batch_group or spec.service)


def batch_group_named(name: str) -> BatchGroup:
    return declared_batch_groups().get(name) or BatchGroup(name)


def is_container(tf_type: str) -> bool:
    spec = find(tf_type)
    return bool(spec and spec.container)


@lru_cache(maxsize=1)
def _by_type() -> dict[str, ResourceSpec]:
    return {spec.tf_type: spec for spec in all_specs()}


def get(tf_type: str) -> ResourceSpec:
    spec = find(tf_type)
    if spec is None:
        raise BadInput(unknown_type_message(tf_type))
    return spec


def find(tf_type: str) -> ResourceSpec | None:
    """The spec of a type: a curated one, else (``awscc_*``) the one derived for the long tail."""
    spec = _by_type().get(tf_type)
    if spec is None and cloudcontrol.is_long_tail(tf_type):
        return cloudcontrol.spec_for(tf_type)
    return spec


def types() -> list[str]:
    return [spec.tf_type for spec in all_specs()]


@cache
def children_of(tf_type: str) -> tuple[ResourceSpec, ...]:
    """Asked for every item a scan visits: computed once per type."""
    return tuple(spec for spec in all_specs() if spec.parent == tf_type)


def unknown_type_message(tf_type: str) -> str:
    close = difflib.get_close_matches(tf_type, types(), n=3, cutoff=0.6)
    hint = f" Did you mean {', '.join(close)}?" if close else ""
    return f"Unknown resource type {tf_type!r}.{hint} `adopt types` lists the supported types."


def select(include: list[str] | tuple[str, ...], exclude: list[str] | tuple[str, ...]) -> list[ResourceSpec]:
    """The specs to scan.  Patterns may use ``*`` (``aws_s3_*``).

    A child needs its parent's items, so including a child scans its parent
    too (the parent itself is then reported only if it was asked for).
    """
    import fnmatch

    names = types()
    for pattern in list(include) + list(exclude):
        if not any(fnmatch.fnmatchcase(name, pattern) for name in names):
            raise BadInput(unknown_type_message(pattern))
    chosen = [n for n in names if not include or any(fnmatch.fnmatchcase(n, p) for p in include)]
    chosen = [n for n in chosen if not any(fnmatch.fnmatchcase(n, p) for p in exclude)]
    return [get(n) for n in chosen]
