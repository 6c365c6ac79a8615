"""Cutting a plan's resources into batches of at most ``--max-batch``.

First every resource gets a batch group (:func:`first_cut`): IAM, each VPC's
network, each service in each VPC or region.  The groups are put in a
dependency order that keeps a place together -- a VPC's network, then what
runs in it, then the next VPC of the region, then the region's other services
-- and cut into units a batch never splits (a family of alike resources, a
reference cycle, or one resource).  Consecutive units are then packed up to
the limit, so small groups share a batch with their neighbours.  Because the
order is a dependency order, a batch of consecutive units references only
what is managed, what is in an earlier batch, or itself.
"""

from __future__ import annotations

import heapq
from collections.abc import Callable
from dataclasses import dataclass

import networkx as nx

from ..catalog import registry
from ..model import Resource, ResourceKey
from . import graph
from .titles import EVERYTHING, GroupKey, Places, batch_title

# The first cuts ``adopt plan --by`` offers: the batch groups the specs declare
# (IAM, each VPC's network, each service where it runs), or one of these.
FIRST_CUTS = ("group", "service", "vpc", "region")
Unit = list[ResourceKey]


@dataclass
class Packed:
    title: str
    keys: list[ResourceKey]


def first_cut(resource: Resource, containers: frozenset[str], by: str = "group") -> GroupKey:
    """The batch group of a resource: where it is (its VPCs, else its region) and what."""
    region = "" if resource.region == "global" else resource.region
    where = tuple(sorted(containers))
    if by == "service":
        spec = registry.get(resource.type)
        return GroupKey(spec.service, "" if spec.is_global else region)
    if by == "vpc":
        return GroupKey(EVERYTHING, region, where)
    if by == "region":
        return GroupKey(EVERYTHING, region)
    group = registry.batch_group(registry.get(resource.type))
    if not group.by_place:
        return GroupKey(group.name, "")
    return GroupKey(group.name, region, where)


def family_group(members: list[GroupKey]) -> GroupKey:
    """A family is adopted in one batch: in its members' group, or, when they
    are in several VPCs, in the group of their region (so that no VPC's group
    holds another VPC's resources, which would tie the VPCs' groups together)."""
    if len(set(members)) == 1:
        return members[0]
    first = members[0]
    return GroupKey(first.name, first.region)


def pack(
    sub: nx.DiGraph,
    group_of: dict[ResourceKey, GroupKey],
    family_of: dict[ResourceKey, str],
    order_key: Callable[[ResourceKey], tuple],
    max_batch: int | None,
    places: Places,
) -> list[Packed]:
    """The batches of the resources in ``sub`` (an acyclic reference graph):
    at most ``max_batch`` resources each, but for a unit larger than that,
    alone; without a limit, one batch per batch group."""
    units = _units(sub, family_of, order_key)
    if max_batch:
        in_order = _in_place_order(sub, units, group_of)
        packed = _packed([(group_of[unit[0]], unit) for unit in in_order], max_batch)
    else:
        packed = _one_per_group(sub, units, group_of)
    spans: dict[GroupKey, list[int]] = {}  # group -> the batches holding it
    for number, batch in enumerate(packed):
        for group in dict.fromkeys(group for group, _ in batch):
            spans.setdefault(group, []).append(number)
    out = []
    for number, batch in enumerate(packed):
        held = list(dict.fromkeys(group for group, _ in batch))
        span = spans[held[0]]
        part = (span.index(number) + 1, len(span)) if len(held) == 1 and len(span) > 1 else None
        out.append(Packed(batch_title(held, places, part), [k for _, unit in batch for k in unit]))
    return out


def _rank(group: GroupKey) -> tuple:
    return (registry.batch_group_named(group.name).rank, group)


class _Ready:
    """The units whose references are all placed, by place (region, VPCs): the
    next is taken from the VPC of the last one while it has any, then from its
    region, lowest ranked group first, then from anywhere -- so that a VPC's
    network is followed by what runs in it, and a region is done before the next."""

    def __init__(self) -> None:
        self._at: dict[tuple[str, tuple[str, ...]], list] = {}

    def add(self, group: GroupKey, index: int) -> None:
        # ``index``: the unit's place in a dependency order, which breaks ties as it did.
        heapq.heappush(self._at.setdefault((group.region, group.containers), []), (_rank(group), index))

    def take(self, last: GroupKey | None) -> int | None:
        heads = [(place, heap[0]) for place, heap in self._at.items() if heap]
        if not heads:
            return None
        if last is None:
            place, _ = min(heads, key=lambda h: h[1])
        else:
            # Only a VPC holds on: a region's other services wait for its VPCs' networks.
            here = (last.region, last.containers) if last.containers else None
            place, _ = min(heads, key=lambda h: (h[0] != here, h[0][0] != last.region, h[1]))
        return heapq.heappop(self._at[place])[1]


def _in_place_order(sub: nx.DiGraph, units: list[Unit], group_of: dict[ResourceKey, GroupKey]) -> list[Unit]:
    """``units`` (in a dependency order) reordered, dependencies still first, place by place."""
    unit_of = {k: i for i, unit in enumerate(units) for k in unit}
    waiting = [0] * len(units)  # units each one references, not yet placed
    dependents: list[set[int]] = [set() for _ in units]
    for a, b in sub.edges:
        i, j = unit_of[a], unit_of[b]
        if i != j and i not in dependents[j]:
            dependents[j].add(i)
            waiting[i] += 1
    ready = _Ready()
    for i, unit in enumerate(units):
        if waiting[i] == 0:
            ready.add(group_of[unit[0]], i)
    order: list[Unit] = []
    last: GroupKey | None = None
    while (i := ready.take(last)) is not None:
        order.append(units[i])
        last = group_of[units[i][0]]
        for dependent in dependents[i]:
            waiting[dependent] -= 1
            if waiting[dependent] == 0:
                ready.add(group_of[units[dependent][0]], dependent)
    return order


def _units(sub: nx.DiGraph, family_of: dict[ResourceKey, str], order_key) -> list[Unit]:
    """The resources in dependency order, as the units a batch is never cut
    inside: a family (with whatever a reference cycle through it holds), or
    one resource."""
    unit_of = {k: family_of.get(k, k) for k in sub.nodes}
    units = nx.DiGraph()
    units.add_nodes_from(set(unit_of.values()))
    units.add_edges_from((unit_of[a], unit_of[b]) for a, b in sub.edges if unit_of[a] != unit_of[b])
    condensed = nx.condensation(units)
    keys: dict[int, list[ResourceKey]] = {}
    for k in sub.nodes:
        keys.setdefault(condensed.graph["mapping"][unit_of[k]], []).append(k)
    for members in keys.values():
        members[:] = graph.dependency_order(sub.subgraph(members), order_key)
    order = nx.lexicographical_topological_sort(
        condensed.reverse(copy=False), key=lambda c: min(order_key(k) for k in keys[c])
    )
    return [keys[c] for c in order]


def _one_per_group(
    sub: nx.DiGraph, units: list[Unit], group_of: dict[ResourceKey, GroupKey]
) -> list[list[tuple[GroupKey, Unit]]]:
    """A batch per batch group, groups that reference each other together, in dependency order."""
    groups_graph = nx.DiGraph()
    groups_graph.add_nodes_from(set(group_of.values()))
    groups_graph.add_edges_from((group_of[a], group_of[b]) for a, b in sub.edges if group_of[a] != group_of[b])
    condensed = nx.condensation(groups_graph)
    mapping = condensed.graph["mapping"]
    lowest: dict[int, tuple] = {}
    for group, c in mapping.items():
        lowest[c] = min(lowest.get(c, _rank(group)), _rank(group))
    order = nx.lexicographical_topological_sort(condensed.reverse(copy=False), key=lowest.__getitem__)
    position = {c: i for i, c in enumerate(order)}
    batches: list[list[tuple[GroupKey, Unit]]] = [[] for _ in position]
    for unit in units:  # a unit's resources are all in one group, or in groups that reference each other
        group = group_of[unit[0]]
        batches[position[mapping[group]]].append((group, unit))
    return [batch for batch in batches if batch]


def _packed(units: list[tuple[GroupKey, Unit]], max_batch: int) -> list[list[tuple[GroupKey, Unit]]]:
    """Consecutive units up to ``max_batch`` resources a batch (a unit larger than that alone)."""
    out: list[list[tuple[GroupKey, Unit]]] = []
    size = 0
    for group, unit in units:
        if out and size + len(unit) <= max_batch:
            out[-1].append((group, unit))
            size += len(unit)
        else:
            out.append([(group, unit)])
            size = len(unit)
    return out
