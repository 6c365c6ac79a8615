"""Collects the resource specs from ``adopt.catalog.services.*`` and looks them up."""

from __future__ import annotations

import difflib
import importlib
import pkgutil
from functools import cache, lru_cache

from ..errors import BadInput
from . import services as specs_package
from .spec import BatchGroup, ResourceSpec, SpecError


@lru_cache(maxsize=1)
def all_specs() -> tuple[ResourceSpec, ...]:
    """Every spec, in module order then declaration order (parents before children)."""
    found: list[ResourceSpec] = []
    for module_info in sorted(pkgutil.iter_modules(specs_package.__path__), key=lambda m: m.name):
        module = importlib.import_module(f"{specs_package.__name__}.{module_info.name}")
        found.extend(getattr(module, "SPECS", ()))
    return checked(found)


def checked(found: list[ResourceSpec]) -> tuple[ResourceSpec, ...]:
    """The specs, once each type is declared once and after its parent."""
    registered = {spec.tf_type for spec in found}
    seen: set[str] = set()
    for spec in found:
        if spec.tf_type in seen:
            raise SpecError(f"{spec.tf_type}: two specs declare it.")
        if spec.parent and spec.parent not in registered:
            raise SpecError(f"{spec.tf_type}: its parent {spec.parent} is not a registered type.")
        if spec.parent and spec.parent not in seen:
            # The engine, the plan and generation take parents first.
            raise SpecError(f"{spec.tf_type}: declared before its parent {spec.parent}; declare the parent first.")
        seen.add(spec.tf_type)
    return tuple(found)


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
    try:
        return _by_type()[tf_type]
    except KeyError:
        raise BadInput(unknown_type_message(tf_type)) from None


def find(tf_type: str) -> ResourceSpec | None:
    return _by_type().get(tf_type)


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
