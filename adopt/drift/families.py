"""Families: resources of one type that were meant to be alike.

The grouping rule, for the resources of one type in one region (children,
such as a group's rules or a bucket's settings, are compared as part of their
parent and never form families of their own):

1. *Signals* say a set was made to be alike: names that differ only by an
   index (a shared name stem, :mod:`.names`), the same role tag (``Role``,
   ``Service``, ``App``, ``Component``), or the same source (a launch
   template or launch configuration).  The resources of each signal are a
   candidate set.  Resources whose role tags disagree are never in one set: a
   set is split by role, and a resource without that tag may join any part.
2. In a candidate set, the *baseline* holds, for each compared argument
   (:mod:`.compare`), the value most members share.  A member must agree with
   the baseline on more than half of the compared arguments; the member that
   agrees least is dropped until every member does.  So resources with a few
   differences stay a family with drift, and resources that differ in most
   arguments are no family.
3. The largest set left (then: a name signal before a role before a source)
   becomes a family when it has at least two members, and its members leave
   every other set.  Repeat until no set has two members.

A family records its signals, its members under stable keys made from their
names, the values all members share (``common``), the baseline of the rest
(``ties`` names the arguments where the most shared value was a tie, decided
by the first member in key order), and each member's deviations from it.
"""

from __future__ import annotations

import heapq
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from ..model import Resource, ResourceKey
from ..naming import numbered, sanitize, short_regions, tell_apart, type_noun
from ..schema import Schema
from .compare import Comparer, canonical, display_name
from .names import WILDCARD, stem_label, stems

ROLE_TAGS = ("Role", "Service", "App", "Component")
# Arguments that name the template a resource was launched from.
SOURCE_ARGUMENTS = ("launch_template", "launch_configuration")
# Signal kinds, strongest first: ties between sets of one size go to the first.
SIGNAL_KINDS = ("name", "role_tag", "source")
# A member must agree with the baseline on more than this share of the arguments.
AGREEMENT = 0.5


@dataclass(frozen=True, order=True)
class Signal:
    """Why members were grouped: ``name`` (a stem such as ``server*``, or the
    very same name), ``role_tag`` (``Role=app``) or ``source`` (an argument
    and its value)."""

    kind: str
    value: str

    def to_json(self) -> dict[str, str]:
        return {"kind": self.kind, "value": self.value}

    @property
    def what(self) -> str:
        """What the signal is, before its value: ``name stem`` ``server*``."""
        if self.kind == "name":
            return "name stem" if WILDCARD in self.value else "same name"
        return "tag" if self.kind == "role_tag" else "same"


@dataclass
class Member:
    resource: Resource
    key: str  # stable, from its name: the future for_each key ("server1")
    values: dict[str, Any]  # what it was compared on (see :mod:`.compare`)
    identity: dict[str, Any]  # what was set aside as its own (name, subnet, zone)

    @property
    def id(self) -> str:
        return self.resource.id

    @property
    def name(self) -> str:
        return display_name(self.resource) or self.resource.id


@dataclass
class Family:
    type: str
    region: str
    name: str  # unique among the families of a report; a valid Terraform name
    members: list[Member]  # in key order
    signals: list[Signal]
    common: dict[str, Any] = field(default_factory=dict)
    baseline: dict[str, Any] = field(default_factory=dict)
    ties: list[str] = field(default_factory=list)
    deviations: dict[str, dict[str, Any]] = field(default_factory=dict)  # member id -> argument -> value

    @property
    def varying(self) -> list[str]:
        return sorted(self.baseline)

    def member(self, resource_id: str) -> Member:
        return next(m for m in self.members if m.id == resource_id)


@dataclass
class _Candidate:
    resource: Resource
    values: dict[str, Any]
    spelled: dict[str, str]  # canonical(values[key]), to compare quickly
    order: tuple
    stems: frozenset[str]
    name: str | None
    roles: dict[str, str]  # role tag -> value, lower-cased to compare
    sources: frozenset[tuple[str, str]]


def find_families(resources: Iterable[Resource], schema: Schema, only: set[ResourceKey] | None = None) -> list[Family]:
    """The families among ``resources`` (restricted to the keys in ``only``),
    sorted by type, region and name."""
    resources = list(resources)
    comparer = Comparer(resources, schema)
    present = {(r.type, r.region, r.id) for r in resources}
    partitions: dict[tuple[str, str], list[_Candidate]] = {}
    for resource in resources:
        if only is not None and resource.key not in only:
            continue
        parent = resource.parent
        if parent and (parent["type"], resource.region, parent["id"]) in present:
            continue  # compared as part of its parent
        partitions.setdefault((resource.type, resource.region), []).append(_candidate(resource, comparer))
    names = {r.id: n for r in resources if (n := display_name(r))}
    families: list[Family] = []
    for (tf_type, region), candidates in sorted(partitions.items()):
        for members, signals in _group(candidates):
            families.append(_family(tf_type, region, members, signals, comparer, names))
    families.sort(key=lambda f: (f.type, f.region, f.name, f.members[0].id))
    _unique_names(families)
    return families


def _candidate(resource: Resource, comparer: Comparer) -> _Candidate:
    name = display_name(resource)
    roles = {}
    for wanted in ROLE_TAGS:
        value = next((v for k, v in resource.tags.items() if k.lower() == wanted.lower() and v.strip()), None)
        if value is not None:
            roles[wanted] = value.strip().lower()
    sources = frozenset(
        (argument, source) for argument in SOURCE_ARGUMENTS if (source := _source(resource.attributes.get(argument)))
    )
    values = comparer.values(resource)
    return _Candidate(
        resource=resource,
        values=values,
        spelled={key: canonical(value) for key, value in values.items()},
        order=(_natural(sanitize(name or "") or resource.id), resource.id),
        stems=frozenset(stems(name)),
        name=name.lower() if name else None,
        roles=roles,
        sources=sources,
    )


def _natural(text: str) -> tuple:
    """``server2`` before ``server10``."""
    return tuple((0, int(part), part) if part.isdigit() else (1, 0, part) for part in re.split(r"(\d+)", text) if part)


def _signals_of(c: _Candidate) -> set[Signal]:
    found = {Signal("name", stem) for stem in c.stems}
    if c.name:
        found.add(Signal("name", c.name))
    found |= {Signal("role_tag", f"{tag}={value}") for tag, value in c.roles.items()}
    found |= {Signal("source", f"{argument}={value}") for argument, value in c.sources}
    return found


def _split_by_role(members: list[_Candidate], tags: tuple[str, ...] = ROLE_TAGS) -> list[list[_Candidate]]:
    """Parts whose role tags never disagree; a member without the tag joins every part."""
    for position, tag in enumerate(tags):
        values = sorted({m.roles[tag] for m in members if tag in m.roles})
        if len(values) > 1:
            parts = []
            for value in values:
                part = [m for m in members if m.roles.get(tag, value) == value]
                parts.extend(_split_by_role(part, tags[position + 1 :]))
            return parts
    return [members]


def _group(candidates: list[_Candidate]) -> list[tuple[list[_Candidate], list[Signal]]]:
    by_signal: dict[Signal, list[_Candidate]] = {}
    for c in sorted(candidates, key=lambda c: c.order):
        for signal in _signals_of(c):
            by_signal.setdefault(signal, []).append(c)
    sets = [
        (signal, part)
        for signal, members in sorted(by_signal.items())
        if len(members) >= 2
        for part in _split_by_role(members)
        if len(part) >= 2
    ]
    # Greedy, largest set first; a set is looked at again only when a family
    # took some of its members (a heap with stale entries skipped).
    in_sets: dict[str, list[int]] = {}
    for index, (_, members) in enumerate(sets):
        for m in members:
            in_sets.setdefault(m.resource.id, []).append(index)
    taken: set[str] = set()
    version = [0] * len(sets)
    heap: list[tuple] = []

    def consider(index: int) -> None:
        signal, members = sets[index]
        alive = [m for m in members if m.resource.id not in taken]
        core = _core(alive) if len(alive) >= 2 else []
        if len(core) >= 2:
            rank = (-len(core), SIGNAL_KINDS.index(signal.kind), signal.value, index)
            heapq.heappush(heap, (rank, version[index], core))

    for index in range(len(sets)):
        consider(index)
    found = []
    while heap:
        rank, seen, core = heapq.heappop(heap)
        index = rank[-1]
        if seen != version[index]:
            continue
        taken |= {m.resource.id for m in core}
        shared = set.intersection(*(_signals_of(m) for m in core))
        found.append((core, sorted(shared, key=lambda s: (SIGNAL_KINDS.index(s.kind), s.value))))
        for affected in sorted({i for m in core for i in in_sets[m.resource.id]}):
            version[affected] += 1
            consider(affected)
    return found


_UNSET = canonical(None)


def _core(members: list[_Candidate]) -> list[_Candidate]:
    """Drop the member that agrees least with the baseline (the last of equals)
    until every member agrees on more than half of the compared arguments.

    Exact but incremental, for sets of thousands: per-argument counts follow
    the members that leave, a member's agreement changes only where the
    baseline of an argument does, and the least agreeing member comes from a
    heap (all members share the denominator, so agreement orders as the count).
    """
    alive = list(members)
    counts = {k: Counter() for m in alive for k in m.spelled}
    for key, counter in counts.items():
        counter.update(m.spelled.get(key, _UNSET) for m in alive)
    live = {k for k, counter in counts.items() if counter[_UNSET] < len(alive)}
    baseline = {k: _most_shared(counts[k], alive, k) for k in live}
    same = [sum(1 for k in live if m.spelled.get(k, _UNSET) == baseline[k]) for m in alive]
    gone = [False] * len(alive)
    heap = [(n, -i) for i, n in enumerate(same)]
    heapq.heapify(heap)
    remaining = len(alive)
    while remaining >= 2:
        n, negative = heap[0]
        i = -negative
        if gone[i] or same[i] != n:
            heapq.heappop(heap)  # stale
            continue
        if not live or n / len(live) > AGREEMENT:
            break
        heapq.heappop(heap)
        gone[i], remaining = True, remaining - 1
        left = alive[i]
        members_now = [m for j, m in enumerate(alive) if not gone[j]]
        for key, counter in counts.items():
            counter[left.spelled.get(key, _UNSET)] -= 1
            if key not in live:
                continue
            old = baseline[key]
            if counter[_UNSET] >= remaining:  # no one left sets it: no longer compared
                live.discard(key)
                del baseline[key]
                new = None
            else:
                new = baseline[key] = _most_shared(counter, members_now, key)
            if new == old:
                continue
            for j, m in enumerate(alive):
                if not gone[j]:
                    spelled = m.spelled.get(key, _UNSET)
                    change = (spelled == new) - (spelled == old)
                    if change:
                        same[j] += change
                        heapq.heappush(heap, (same[j], -j))
    return [m for j, m in enumerate(alive) if not gone[j]]


def _most_shared(counter: Counter, members: list[_Candidate], key: str) -> str:
    """The spelling most members share; on a tie, the first member's."""
    top = max(counter.values())
    tied = [s for s, n in counter.items() if n == top]
    if len(tied) == 1:
        return tied[0]
    return next(s for m in members if (s := m.spelled.get(key, _UNSET)) in tied)


def summarise(values: list[dict[str, Any]]) -> tuple[dict[str, Any], dict[str, Any], list[str]]:
    """``(common, baseline, ties)`` of members' values, in member order.

    ``common``: the arguments every member has with the same value;
    ``baseline``: for every other argument, the value most members share
    (``None``: most do not set it); on a tie, the first member's among the
    tied values, and the argument is listed in ``ties``.
    """
    common: dict[str, Any] = {}
    baseline: dict[str, Any] = {}
    ties: list[str] = []
    for key in sorted(set().union(*values)):
        spelled = [canonical(v.get(key)) for v in values]
        counts = Counter(spelled)
        if len(counts) == 1:
            common[key] = values[0][key]
            continue
        top = max(counts.values())
        tied = {s for s, n in counts.items() if n == top}
        if len(tied) > 1:
            ties.append(key)
        first = next(i for i, s in enumerate(spelled) if s in tied)
        baseline[key] = values[first].get(key)
    return common, baseline, ties


def _family(
    tf_type: str,
    region: str,
    core: list[_Candidate],
    signals: list[Signal],
    comparer: Comparer,
    names: dict[str, str],
) -> Family:
    members: list[Member] = []
    used: set[str] = set()
    for c in sorted(core, key=lambda c: c.order):
        base = sanitize(display_name(c.resource) or "", leading=False) or sanitize(c.resource.id, leading=False)
        key, n = base, 2
        while key in used:
            key, n = f"{base}_{n}", n + 1
        used.add(key)
        members.append(Member(c.resource, key, c.values, comparer.identity(c.resource)))
    common, baseline, ties = summarise([m.values for m in members])
    deviations = {
        m.id: {
            key: m.values.get(key)
            for key, value in baseline.items()
            if canonical(m.values.get(key)) != canonical(value)
        }
        for m in members
    }
    return Family(
        type=tf_type,
        region=region,
        name=_name(signals, tf_type, names),
        members=members,
        signals=signals,
        common=common,
        baseline=baseline,
        ties=ties,
        deviations=deviations,
    )


def _name(signals: list[Signal], tf_type: str, names: dict[str, str]) -> str:
    for signal in signals:
        if signal.kind == "name":
            label = stem_label(signal.value, tf_type)
        elif signal.kind == "role_tag":
            label = sanitize(signal.value.partition("=")[2], tf_type=tf_type)
        else:
            label = sanitize(_source_name(signal.value.partition("=")[2], names), tf_type=tf_type)
        if label:
            return label
    return sanitize(tf_type.removeprefix("aws_"))


def _source(value: Any) -> str | None:
    """The template a value names (``{"id": "lt-..", "version": ..}`` -> its ID):
    two versions of one template are one source."""
    if isinstance(value, dict):
        value = value.get("id") or value.get("name")
    return str(value) if isinstance(value, (str, int)) and str(value) else None


def _source_name(source: str, names: dict[str, str]) -> str:
    """What the template is called: its name when the inventory has it, else its ID."""
    return names.get(source, source)


def _unique_names(families: list[Family]) -> None:
    """Family names become Terraform names (``local.server``): one each.  Alike
    names are told apart by what differs (the region, then the type), as
    :mod:`adopt.naming` tells labels apart; by a counter only where nothing does."""
    alike: dict[str, list[Family]] = {}
    for family in families:
        alike.setdefault(family.name, []).append(family)
    taken = {name for name, group in alike.items() if len(group) == 1}
    for name, group in alike.items():
        if len(group) == 1:
            continue
        regions = short_regions(f.region for f in group)
        dimensions = [[regions[f.region] for f in group], [type_noun(f.type) for f in group]]
        for family, unique in zip(group, numbered(tell_apart(name, dimensions), taken), strict=True):
            family.name = unique
            taken.add(unique)
