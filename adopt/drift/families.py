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

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from ..model import Resource
from ..naming import sanitize
from ..schema import Schema
from .compare import Comparer, canonical, display_name
from .names import WILDCARD, stem_label, stems

Key = tuple[str, str, str]

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
    order: tuple
    stems: frozenset[str]
    name: str | None
    roles: dict[str, str]  # role tag -> value, lower-cased to compare
    sources: frozenset[tuple[str, str]]


def find_families(resources: Iterable[Resource], schema: Schema, only: set[Key] | None = None) -> list[Family]:
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
    families: list[Family] = []
    for (tf_type, region), candidates in sorted(partitions.items()):
        for members, signals in _group(candidates):
            families.append(_family(tf_type, region, members, signals, comparer))
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
        (argument, canonical(resource.attributes[argument]))
        for argument in SOURCE_ARGUMENTS
        if resource.attributes.get(argument) not in (None, "", [], {})
    )
    return _Candidate(
        resource=resource,
        values=comparer.values(resource),
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
    cores: dict[tuple[str, ...], list[_Candidate]] = {}
    taken: set[str] = set()
    found = []
    while True:
        best = None
        for signal, members in sets:
            alive = [m for m in members if m.resource.id not in taken]
            if len(alive) < 2:
                continue
            ids = tuple(m.resource.id for m in alive)
            if ids not in cores:
                cores[ids] = _core(alive)
            core = cores[ids]
            if len(core) < 2:
                continue
            rank = (-len(core), SIGNAL_KINDS.index(signal.kind), signal.value)
            if best is None or rank < best[0]:
                best = (rank, core)
        if best is None:
            return found
        core = best[1]
        taken |= {m.resource.id for m in core}
        shared = set.intersection(*(_signals_of(m) for m in core))
        found.append((core, sorted(shared, key=lambda s: (SIGNAL_KINDS.index(s.kind), s.value))))


def _core(members: list[_Candidate]) -> list[_Candidate]:
    """Drop the member that agrees least with the baseline until every member
    agrees on more than half of the compared arguments."""
    members = list(members)
    while len(members) >= 2:
        _, baseline, _ = summarise([m.values for m in members])
        keys = set().union(*(m.values for m in members))
        scores = [_agreement(m.values, keys, baseline) for m in members]
        worst = min(range(len(members)), key=lambda i: (scores[i], -i))
        if scores[worst] > AGREEMENT:
            return members
        del members[worst]
    return members


def _agreement(values: dict[str, Any], keys: set[str], baseline: dict[str, Any]) -> float:
    if not keys:
        return 1.0
    same = sum(1 for key in keys if key not in baseline or canonical(values.get(key)) == canonical(baseline[key]))
    return same / len(keys)


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


def _family(tf_type: str, region: str, core: list[_Candidate], signals: list[Signal], comparer: Comparer) -> Family:
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
        name=_name(signals, tf_type),
        members=members,
        signals=signals,
        common=common,
        baseline=baseline,
        ties=ties,
        deviations=deviations,
    )


def _name(signals: list[Signal], tf_type: str) -> str:
    for signal in signals:
        if signal.kind == "name":
            label = stem_label(signal.value)
        elif signal.kind == "role_tag":
            label = sanitize(signal.value.partition("=")[2])
        else:
            label = sanitize(_source_name(signal.value.partition("=")[2]))
        if label:
            return label
    return sanitize(tf_type.removeprefix("aws_"))


def _source_name(spelled: str) -> str:
    """A launch template's name (or ID) from its spelled value."""
    import json

    value = json.loads(spelled)
    if isinstance(value, dict):
        return str(value.get("name") or value.get("id") or "")
    return str(value)


def _unique_names(families: list[Family]) -> None:
    """Family names become Terraform names (``local.server``): one each."""
    used: set[str] = set()
    for family in families:
        base, n = family.name, 2
        while family.name in used:
            family.name, n = f"{base}_{n}", n + 1
        used.add(family.name)
