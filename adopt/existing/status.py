"""Managed or not: classify every inventory resource against existing Terraform.

A live resource is *managed* when a state holds it, found by what identifies
it for its type: the state ``id`` (equal to the ID or the import ID), the
``arn``, or the spec's identity arguments; or when an owner manages it inline
(a security group's ``ingress``, a route table's ``route``...).  It is
*declared* when code names it (an ``import`` block with its ID, or a resource
block whose literal identity arguments or Name tag match) but no state holds
it yet; *ignored* when the ignore file says so; otherwise *unmanaged*.

The inventory's census adds what the scan could not adopt: a resource of a
type adopt has no spec for (or none could be derived) is *unsupported*,
unless a state or code holds it or the ignore file names it; one of a
supported type that the scan missed is classified like any other.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from typing import Any

from ..catalog import registry
from ..model import GAP, CensusEntry, Inventory, Resource
from ..refs import ANY_REGION, TargetIndex
from .config import Config
from .ignore import IgnoreRules
from .tfstate import StateEntry

MANAGED, DECLARED, IGNORED, UNMANAGED, UNSUPPORTED = "managed", "declared", "ignored", "unmanaged", "unsupported"
STATUSES = (MANAGED, DECLARED, IGNORED, UNMANAGED, UNSUPPORTED)


@dataclass
class Classification:
    resource: Resource
    status: str
    address: str | None = None
    detail: str = ""
    # For managed resources: whether the address can be referenced from the root module.
    visible: bool = False
    # Set when the resource is known only from the inventory's census.
    census: CensusEntry | None = None

    def to_json(self) -> dict[str, Any]:
        data = {
            "type": self.resource.type,
            "id": self.resource.id,
            "import_id": self.resource.import_id,
            "region": self.resource.region,
            "status": self.status,
            "address": self.address,
            "detail": self.detail,
        }
        if self.census is not None:
            data["census"] = {"status": self.census.status, "cfn_type": self.census.cfn_type, "arn": self.census.arn}
        return data


def _without_instance_keys(address: str) -> str:
    """``module.a[0].aws_s3_bucket.b["x"]`` -> ``module.a.aws_s3_bucket.b`` (as code names it)."""
    return re.sub(r"\[[^\]]*\]", "", address)


def _identity(values: dict[str, Any], names: tuple[str, ...]) -> tuple | None:
    """The identity key of a resource or state entry; None when it has none.

    Only plain values identify: a damaged or unexpected list or map never matches.
    """
    key = tuple(values.get(n) or None for n in names)
    if not key or key[0] is None or not all(v is None or isinstance(v, (str, int, float)) for v in key):
        return None
    return key


class Ownership:
    """Indexes of states and code, built once: every lookup is a dict hit."""

    def __init__(self, states: list[StateEntry], config: Config | None = None, ignore: IgnoreRules | None = None):
        self.ignore = ignore or IgnoreRules([])
        # What states manage, by id, arn and name; a state does not say the region.
        self.managed: TargetIndex[StateEntry] = TargetIndex()
        self.by_identity: dict[tuple, StateEntry] = {}
        for entry in states:
            spec = registry.find(entry.type)
            exports = spec.exports if spec else ()
            self.managed.add_values(entry.type, ANY_REGION, entry, entry.attributes, exports)
            if spec and spec.identity:
                key = _identity(entry.attributes, spec.identity)
                if key:
                    self.by_identity.setdefault((entry.type, key), entry)
        self.imports: dict[tuple[str, str], str] = {}
        self.declared_by_literal: dict[tuple, str] = {}
        self.removed: set[str] = set()
        self.live_names: Counter = Counter()
        self.code_arguments: dict[str, frozenset[str]] = {}
        if config is not None:
            self.code_arguments = {d.address: d.arguments for d in config.declared}
            for block in config.imports:
                self.imports.setdefault((block.type, block.id), block.address)
            for declared in config.declared:
                self._index_declared(declared.type, declared.address, declared.literals)
            self.removed = set(config.removed)

    def _index_declared(self, tf_type: str, address: str, literals: dict[str, Any]) -> None:
        spec = registry.find(tf_type)
        if spec and spec.identity:
            key = _identity(literals, spec.identity)
            if key:
                self.declared_by_literal.setdefault((tf_type, "identity", key), address)
        name = literals.get(spec.name_argument) if spec and spec.name_argument else None
        if isinstance(name, str):
            self.declared_by_literal.setdefault((tf_type, "name", name), address)
        tags = literals.get("tags")
        if isinstance(tags, dict) and isinstance(tags.get("Name"), str):
            self.declared_by_literal.setdefault((tf_type, "tag:Name", tags["Name"]), address)

    # -- lookups -----------------------------------------------------------------

    def state_entry(self, resource: Resource) -> tuple[StateEntry | None, str]:
        t = resource.type
        for attribute, value in (("id", resource.id), ("id", resource.import_id), ("arn", resource.arn)):
            entry = self.managed.first(t, attribute, value)
            if entry is not None:
                return entry, ""
        spec = registry.find(t)
        if spec and spec.identity:
            key = _identity(resource.attributes, spec.identity)
            if key and (t, key) in self.by_identity:
                return self.by_identity[(t, key)], ""
        for inline in spec.inline_in if spec else ():
            owner = self.managed.first(inline.owner_type, "id", resource.attributes.get(inline.owner_argument))
            if owner is None or not inline.managed(resource.attributes, owner.attributes):
                continue
            code = self.code_arguments.get(_without_instance_keys(owner.address))
            if code is not None and inline.owner_attribute not in code:
                continue  # the owner's code does not write it: the state's copy is only computed
            return owner, f"inline in {owner.address}"
        return None, ""

    def classify(self, resource: Resource) -> Classification:
        entry, how = self.state_entry(resource)
        if entry is not None and entry.address not in self.removed:
            detail = how or f"in {entry.source}"
            return Classification(resource, MANAGED, entry.address, detail, visible=entry.in_root_module)
        address = self.imports.get((resource.type, resource.import_id))
        if address:
            return Classification(resource, DECLARED, address, "import block")
        address = self._declared(resource)
        if address:
            return Classification(resource, DECLARED, address, "resource block in code")
        rule = self.ignore.ignored(resource)
        if rule is not None:
            return Classification(resource, IGNORED, None, f"{self.ignore.source}, line {rule.line}: {rule.pattern}")
        return Classification(resource, UNMANAGED)

    def _declared(self, resource: Resource) -> str | None:
        """A code block matching on a name or Name tag counts only when no
        other live resource of the type shares that name (code may say
        ``name = "web"`` in one VPC while three VPCs have a "web")."""
        t = resource.type
        spec = registry.find(t)
        candidates = []
        if spec and spec.identity:
            key = _identity(resource.attributes, spec.identity)
            if key:
                candidates.append((t, "identity", key))
        if resource.name:
            candidates.append((t, "name", resource.name))
        if resource.tags.get("Name"):
            candidates.append((t, "tag:Name", resource.tags["Name"]))
        for key in candidates:
            if key in self.declared_by_literal and self.live_names[key] == 1:
                return self.declared_by_literal[key]
        return None

    def count_live_names(self, resources: list[Resource]) -> None:
        self.live_names = Counter()
        for r in resources:
            self.live_names.update({(r.type, "name", r.name), (r.type, "tag:Name", r.tags.get("Name"))})
            spec = registry.find(r.type)
            if spec and spec.identity:
                self.live_names[(r.type, "identity", _identity(r.attributes, spec.identity))] += 1


@dataclass
class StatusReport:
    items: list[Classification]

    def counts(self) -> Counter:
        return Counter(item.status for item in self.items)

    def by_type(self) -> dict[str, Counter]:
        out: dict[str, Counter] = {}
        for item in self.items:
            out.setdefault(item.resource.type, Counter())[item.status] += 1
        return dict(sorted(out.items()))

    def summary(self) -> str:
        counts = self.counts()
        return f"{len(self.items)} resources: " + ", ".join(f"{counts[s]} {s}" for s in STATUSES)

    def to_json(self) -> dict[str, Any]:
        return {
            "summary": {s: self.counts()[s] for s in STATUSES} | {"total": len(self.items)},
            "by_type": {t: {s: c[s] for s in STATUSES} for t, c in self.by_type().items()},
            "resources": [item.to_json() for item in self.items],
        }


def classify(inventory: Inventory, ownership: Ownership) -> StatusReport:
    ownership.count_live_names(inventory.resources)
    items = [ownership.classify(resource) for resource in inventory.resources]
    return StatusReport(items + classify_census(inventory.census or [], ownership))


def census_resource(entry: CensusEntry) -> Resource:
    """A census entry as a resource to look up: by its ARN or identifier."""
    return Resource(
        type=entry.type_name,
        id=entry.identifier,
        import_id=entry.identifier,
        region=entry.region,
        arn=entry.arn,
        tags=dict(entry.tags),
    )


def classify_census(entries: list[CensusEntry], ownership: Ownership) -> list[Classification]:
    """The census entries adopt did not adopt and AWS does not own: managed,
    declared or ignored like any resource; else unsupported (or, for a type
    adopt supports, unmanaged: the scan missed it, and says why)."""
    from ..census.report import NOT_ADOPTED

    out = []
    for entry in entries:
        if entry.status not in NOT_ADOPTED:
            continue
        item = ownership.classify(census_resource(entry))
        item.census = entry
        if item.status == UNMANAGED:
            if entry.status == GAP:
                item.detail = f"seen only by the census: {entry.reason}"
            else:
                item.status, item.detail = UNSUPPORTED, entry.reason
        out.append(item)
    return out


def load_ownership(
    state_sources: list[str], config_dirs: list[str], ignore_file: str | None, session_factory
) -> Ownership:
    """States, code and the ignore file named on the command line, read once."""
    from .config import Config, read_config
    from .sources import read_states

    entries = read_states(state_sources, session_factory) if state_sources else []
    config = Config()
    for directory in config_dirs:
        part = read_config(directory)
        config.declared += part.declared
        config.imports += part.imports
        config.removed += part.removed
    return Ownership(entries, config, IgnoreRules.load(ignore_file))
