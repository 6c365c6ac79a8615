"""Gradual adoption: select a slice, order it, cut it into reviewable batches.

The plan file (``adopt-plan.json``) is meant to be edited by a person: moving a
resource to another batch, renaming its address, or deleting it are all fine,
and :func:`validate` checks the result (a resource may reference only what is
managed, what is in an earlier batch, or what is in its own batch).

A family of alike resources (see :mod:`adopt.drift.grouping`) is planned as
the instances of one ``for_each`` resource, ``aws_instance.server["server1"]``,
all in one batch; renaming the members to plain addresses writes them one by
one.
"""

from __future__ import annotations

import fnmatch
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

import networkx as nx

from .. import formats, naming
from ..catalog import registry
from ..drift.grouping import Group, find_groups
from ..errors import BadInput
from ..existing.status import UNMANAGED, StatusReport
from ..fileio import read_json, write_json
from ..model import Inventory, Resource, ResourceKey
from ..refs import TargetIndex
from ..schema import Schema, bundled
from ..writers.hcl import index
from . import graph, packing
from .titles import Places

# adopt-plan/2 adds the instance addresses of families; /1 plans read the same.
FORMAT = "adopt-plan/2"
READABLE = ("adopt-plan/1", FORMAT)
_ADDRESS = re.compile(
    r'(awscc_[a-z0-9_]+|aws_[a-z0-9_]+)\.([A-Za-z_][A-Za-z0-9_-]*)(?:\["([A-Za-z0-9_][A-Za-z0-9_-]*)"\])?'
)


@dataclass
class Batch:
    number: int
    name: str
    resources: list[dict[str, str]] = field(default_factory=list)  # type, id, region, import_id, address


@dataclass
class Plan:
    inventory: str
    batches: list[Batch]
    # (address, path) -> why the reference stays a literal ID
    literal: dict[tuple[str, str], str] = field(default_factory=dict)
    ownership: dict[str, Any] = field(default_factory=dict)  # --state/--config/--ignore-file used
    dependencies: bool = True

    def to_json(self) -> dict[str, Any]:
        return {
            "format": FORMAT,
            "inventory": self.inventory,
            "ownership": self.ownership,
            "dependencies": self.dependencies,
            "batches": [
                {"batch": b.number, "name": b.name, "resources": [dict(r) for r in b.resources]} for b in self.batches
            ],
            "literal_references": [
                {"from": address, "path": path, "why": why} for (address, path), why in sorted(self.literal.items())
            ],
        }

    def save(self, path: str) -> None:
        write_json(path, self.to_json())

    @classmethod
    def load(cls, path: str) -> Plan:
        what = f"Plan file {path}"
        data = read_json(path, what, missing_hint="Create it with `adopt plan`.")
        if not isinstance(data, dict) or data.get("format") not in READABLE:
            raise BadInput(f"{path} is not an adopt plan (expected format {FORMAT!r}).")
        formats.check(data, "plan", what, kind="adopt plan")
        batches = [
            Batch(int(b.get("batch", i + 1)), str(b.get("name", "")), [dict(r) for r in b["resources"]])
            for i, b in enumerate(data["batches"])
        ]
        literal = {(x["from"], x["path"]): x.get("why", "") for x in data.get("literal_references") or []}
        return cls(
            inventory=str(data.get("inventory", "")),
            batches=batches,
            literal=literal,
            ownership=dict(data.get("ownership") or {}),
            dependencies=bool(data.get("dependencies", True)),
        )


# -- selection ---------------------------------------------------------------------


def select(inventory: Inventory, report: StatusReport, selectors: Iterable[str], g: nx.DiGraph) -> set[ResourceKey]:
    """The unmanaged resources the selectors name (all unmanaged when none)."""
    unmanaged = adoptable(report)
    selectors = list(selectors)
    if not selectors:
        return unmanaged
    chosen: set[ResourceKey] = set()
    by_key = {r.key: r for r in inventory.resources}
    for selector in selectors:
        kind, sep, value = selector.partition(":")
        if not sep:
            kind, value = "type", selector
        if kind == "type":
            if not any(fnmatch.fnmatchcase(t, value) for t in registry.types()):
                raise BadInput(registry.unknown_type_message(value))
            chosen |= {k for k in unmanaged if fnmatch.fnmatchcase(k[0], value)}
        elif kind == "id":
            chosen |= {k for k in unmanaged if fnmatch.fnmatchcase(k[2], value) or by_key[k].import_id == value}
        elif kind == "tag":
            tag, _, wanted = value.partition("=")
            chosen |= {
                k
                for k in unmanaged
                if tag in by_key[k].tags and fnmatch.fnmatchcase(by_key[k].tags[tag], wanted or "*")
            }
        elif kind == "region":
            chosen |= {k for k in unmanaged if k[1] == value}
        elif kind == "vpc":
            chosen |= {k for k in unmanaged if value in vpcs_of(g).get(k, ())}
        else:
            raise BadInput(
                f"Unknown selector {selector!r}: use TYPE, type:TYPE, id:ID, tag:KEY=VALUE, vpc:VPC_ID or region:NAME."
            )
    return chosen


def adoptable(report: StatusReport) -> set[ResourceKey]:
    """The unmanaged resources of the scan (not those the census alone saw: adopt cannot write them)."""
    return {item.resource.key for item in report.items if item.status == UNMANAGED and item.census is None}


def vpcs_of(g: nx.DiGraph) -> dict[ResourceKey, frozenset[str]]:
    """The containers (VPCs: a spec's ``container``) each resource lives in:
    itself, those it references, or those of what it references.

    Computed once over the graph, dependencies first (linear in its size).
    """
    cached = g.graph.get("vpcs")
    if cached is not None:
        return cached
    out: dict[ResourceKey, frozenset[str]] = {}
    for node in reversed(list(nx.topological_sort(_acyclic(g)))):
        found = set(g.nodes[node].get("container_refs", ()))
        if registry.is_container(node.type):
            found.add(node.id)
        for dependency in g.successors(node):
            found |= out.get(dependency, frozenset())
        out[node] = frozenset(found)
    g.graph["vpcs"] = out
    return out


def _acyclic(g: nx.DiGraph) -> nx.DiGraph:
    if nx.is_directed_acyclic_graph(g):
        return g
    h = g.copy()
    for a, b in g.graph.get("broken", ()):
        h.remove_edge(a, b)
    return h


# -- the graph ---------------------------------------------------------------------


def resource_graph(resources: list[Resource]) -> nx.DiGraph:
    """Nodes: resources; an edge a -> b for each reference of a that is b.

    Edges carry the argument paths.  Remaining cycles (rare once rules and
    routes are resources of their own) are broken at a fixed place: the
    reference of the member that sorts last (by type, then ID) to the next
    member is removed from ordering and recorded in ``graph["broken"]``.
    """
    targets = TargetIndex((r, r.key) for r in resources)
    g = nx.DiGraph()
    for r in resources:
        g.add_node(r.key, container_refs=tuple(ref.value for ref in r.references if registry.is_container(ref.type)))
    for r in resources:
        for ref in r.references:
            if ref.ambiguous:
                continue  # several resources hold the value: it stays a literal, depending on none
            found = targets.find(ref.lookup, r.region, exclude=r.key)
            target = found.target if found else None
            if target is not None:
                if g.has_edge(r.key, target):
                    g.edges[r.key, target]["paths"].append(ref.path)
                else:
                    g.add_edge(r.key, target, paths=[ref.path])
    g.graph["broken"] = break_cycles(g)
    return g


def break_cycles(g: nx.DiGraph) -> list[tuple[ResourceKey, ResourceKey]]:
    broken: list[tuple[ResourceKey, ResourceKey]] = []
    h = g.copy()
    while True:
        cycles = graph.cycles(h)
        if not cycles:
            return broken
        for members in cycles:
            member_set = set(members)
            last = max(members)
            target = min(t for t in h.successors(last) if t in member_set)
            h.remove_edge(last, target)
            broken.append((last, target))


# -- batches -----------------------------------------------------------------------


def make_plan(
    inventory: Inventory,
    inventory_path: str,
    report: StatusReport,
    selectors: list[str],
    with_dependencies: bool = True,
    max_batch: int | None = None,
    ownership_options: dict[str, Any] | None = None,
    *,
    families: bool = True,
    schema: Schema | None = None,
    by: str = "group",
) -> Plan:
    """``families``: plan each family of alike resources as one ``for_each``
    resource, in one batch (compared with ``schema``, the bundled one by default);
    ``by``: the first cut into groups before packing (:data:`packing.FIRST_CUTS`)."""
    g = resource_graph(inventory.resources)
    by_key = {r.key: r for r in inventory.resources}
    unmanaged = adoptable(report)
    chosen = select(inventory, report, selectors, g)
    if with_dependencies:
        for key in list(chosen):
            chosen |= {d for d in nx.descendants(g, key) if d in unmanaged}
    # Over the whole inventory, so that a resource's label does not depend on the slice selected.
    labels = naming.assign_labels(inventory.resources)
    address = {k: f"{k[0]}.{labels[k]}" for k in chosen}
    groups: list[Group] = []
    if families:
        groups, _ = find_groups(inventory.resources, schema or bundled(), labels, only=chosen)
    for group in groups:
        for key, instance_key in group.members:
            address[key] = f"{group.address}{index(instance_key)}"

    literal: dict[tuple[str, str], str] = {}
    broken = set(g.graph["broken"])
    for a, b in broken:
        if a in chosen and b in chosen:
            for path in g.edges[a, b]["paths"]:
                literal[(address[a], path)] = f"breaks the reference cycle through {address[b]}"
    if not with_dependencies:
        for a in chosen:
            for b in g.successors(a):
                if b not in chosen and b in unmanaged:
                    for path in g.edges[a, b]["paths"]:
                        literal[(address[a], path)] = f"{b[0]} {b[2]} is not adopted in this plan (--no-dependencies)"

    batches = _batches(g, by_key, chosen, address, max_batch, groups, by)
    return Plan(
        inventory=inventory_path,
        batches=batches,
        literal=literal,
        ownership=ownership_options or {},
        dependencies=with_dependencies,
    )


def _batches(
    g: nx.DiGraph,
    by_key: dict,
    chosen: set[ResourceKey],
    address: dict,
    max_batch: int | None,
    groups: list[Group],
    by: str = "group",
) -> list[Batch]:
    sub = _acyclic(g).subgraph(chosen)
    vpcs = vpcs_of(g)
    group_of = {k: packing.first_cut(by_key[k], vpcs.get(k, frozenset()), by) for k in chosen}
    for family in groups:  # adopted together, in one batch group
        shared = packing.family_group([group_of[key] for key in family.keys])
        for key in family.keys:
            group_of[key] = shared
    type_rank = {t: i for i, t in enumerate(registry.types())}
    place = {key: i for family in groups for i, (key, _) in enumerate(family.members)}
    order_key = lambda k: (type_rank.get(k[0], 9999), address[k].split("[")[0], place.get(k, 0), address[k])  # noqa: E731
    family_of = {key: family.address for family in groups for key in family.keys}
    places = Places({k: r.tags.get("Name") for k, r in by_key.items() if registry.is_container(k.type)})
    packed = packing.pack(sub, group_of, family_of, order_key, max_batch, places)
    return [
        Batch(number, batch.title, [_entry(by_key[k], address[k]) for k in batch.keys])
        for number, batch in enumerate(packed, start=1)
    ]


def _entry(resource: Resource, address: str) -> dict[str, str]:
    return {
        "address": address,
        "type": resource.type,
        "id": resource.id,
        "region": resource.region,
        "import_id": resource.import_id,
    }


# -- validation of a (possibly edited) plan -------------------------------------------


@dataclass
class CheckedPlan:
    """A plan matched against its inventory: who is where, under which address."""

    plan: Plan
    batch_of: dict[ResourceKey, int]
    address_of: dict[ResourceKey, str]
    by_key: dict[ResourceKey, Resource]
    groups: list[Group] = field(default_factory=list)  # the families, from the indexed addresses

    def label_of(self, key: ResourceKey) -> str:
        """The label of the resource's block: ``web`` of ``aws_instance.web``, ``server`` of ``aws_instance.server["a"]``."""
        return self.address_of[key].split(".", 1)[1].split("[", 1)[0]


def validate(plan: Plan, inventory: Inventory, source: str = "the plan") -> CheckedPlan:
    by_key = {r.key: r for r in inventory.resources}
    batch_of: dict[ResourceKey, int] = {}
    address_of: dict[ResourceKey, str] = {}
    seen_addresses: dict[str, str] = {}
    problems: list[str] = []
    for batch in plan.batches:
        for entry in batch.resources:
            if not isinstance(entry, dict):
                problems.append(f"batch {batch.number}: an entry is not an object")
                continue
            bad = next((f for f in ("type", "region", "id", "address") if not isinstance(entry.get(f), str)), None)
            if bad:
                problems.append(f"batch {batch.number}: an entry lacks {bad!r} (a string)")
                continue
            key = ResourceKey(entry["type"], entry["region"], entry["id"])
            addr = entry["address"]
            where = f"batch {batch.number}: {addr}"
            if key not in by_key:
                problems.append(f"{where}: {key[0]} {key[2]} in {key[1]} is not in the inventory {plan.inventory}")
                continue
            match = _ADDRESS.fullmatch(addr)
            if not match or match.group(1) != key[0]:
                problems.append(
                    f'{where}: not a valid address for a {key[0]} (use {key[0]}.NAME or {key[0]}.NAME["KEY"])'
                )
            if addr in seen_addresses:
                problems.append(f"{where}: the address is used twice (also in {seen_addresses[addr]})")
            seen_addresses[addr] = f"batch {batch.number}"
            if key in batch_of:
                problems.append(f"{where}: already planned in batch {batch_of[key]}")
            batch_of[key] = batch.number
            address_of[key] = addr
    groups = _groups(plan, batch_of, address_of, problems)
    if not problems:
        g = resource_graph(inventory.resources)
        for group in groups:
            secret = next((k for k in sorted(group.keys) if by_key[k].sensitive), None)
            if secret is not None:
                problems.append(
                    f"{address_of[secret]} has a secret supplied as a variable, which a for_each cannot range over; "
                    "give it an address of its own"
                )
            for a, b in g.subgraph(group.keys).edges:
                problems.append(
                    f"{address_of[a]} references {address_of[b]}: a resource cannot reference its own instances; "
                    "give one of them an address of its own"
                )
        for key, number in batch_of.items():
            for target in g.successors(key):
                later = batch_of.get(target)
                if later is None or later <= number:
                    continue
                for path in g.edges[key, target]["paths"]:
                    if (address_of[key], path) in plan.literal:
                        continue
                    problems.append(
                        f"batch {number}: {address_of[key]}.{path} references {address_of[target]}, "
                        f"which is in the later batch {later}; move one of them, or list the reference under "
                        "literal_references"
                    )
    if problems:
        shown = "; ".join(problems[:10]) + (f"; and {len(problems) - 10} more" if len(problems) > 10 else "")
        raise BadInput(f"{source} cannot be used: {shown}.")
    return CheckedPlan(plan, batch_of, address_of, by_key, groups)


def _groups(
    plan: Plan, batch_of: dict[ResourceKey, int], address_of: dict[ResourceKey, str], problems: list[str]
) -> list[Group]:
    """The families the indexed addresses make: each in one batch and one region, and
    its address never also a plain one."""
    instances: dict[str, list[tuple[ResourceKey, str]]] = {}
    plain = set()
    for key, address in address_of.items():
        match = _ADDRESS.fullmatch(address)
        if match is None:
            continue
        base = f"{match.group(1)}.{match.group(2)}"
        if match.group(3) is None:
            plain.add(base)
        else:
            instances.setdefault(base, []).append((key, match.group(3)))
    order = {k: i for i, k in enumerate(address_of)}  # the plan's: the order members are written in
    groups = []
    for base, members in sorted(instances.items()):
        in_batches = sorted({batch_of[k] for k, _ in members})
        regions = sorted({k.region for k, _ in members})
        if base in plain:
            problems.append(f"{base} is both a resource and a family's instances; rename one")
        if len(in_batches) > 1:
            problems.append(f"the instances of {base} are in batches {in_batches}: a family is adopted in one batch")
        if len(regions) > 1:
            problems.append(f"the instances of {base} are in regions {regions}: a family lives in one region")
        members.sort(key=lambda m: order[m[0]])
        tf_type, label = base.split(".", 1)
        groups.append(Group(tf_type, regions[0], label, tuple(members)))
    return groups
