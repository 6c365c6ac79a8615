"""The follow-up to an adoption: each family's members brought to its baseline.

Adoption writes every member as it is; this change writes it as the family's
baseline, so the plan shows exactly the drift to remove, member by member.
A deviation is converged by giving the member the value a member holding the
baseline has (its references with it), or, for a map entry the baseline does
not set (``tags.Hotfix``), by removing it.  A deviation stays as it is, with
the reason, when converging it would

- replace the resource (:mod:`.replacement`): never part of this change;
- need resources added or removed (the family's members differ in their
  children: a group's rules, a bucket's settings);
- carry another member's own name, ID or placement (a policy naming its own
  bucket, a subnet inside a nested block): no member's value is the baseline.
"""

from __future__ import annotations

import copy
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from ..catalog import registry
from ..model import Resource, ResourceKey
from ..schema import Schema
from .compare import OwnWords, argument_head, canonical, without_placement
from .families import Family, Member, find_families
from .replacement import replacing_arguments
from .risks import risks


@dataclass(frozen=True)
class Change:
    """One deviation removed: ``argument`` of ``member`` goes from ``now`` to ``becomes``."""

    member: str  # resource ID
    argument: str
    now: Any
    becomes: Any  # None: the argument (or map entry) is removed
    risks: tuple[str, ...]


@dataclass(frozen=True)
class Held:
    """One deviation kept as it is, and why."""

    member: str
    argument: str
    now: Any
    why: str


@dataclass
class Convergence:
    family: Family
    changes: list[Change] = field(default_factory=list)
    held: list[Held] = field(default_factory=list)

    @property
    def changed_members(self) -> list[str]:
        return sorted({c.member for c in self.changes})


def converge(
    resources: list[Resource], schema: Schema, only: set[ResourceKey] | None = None
) -> tuple[list[Resource], list[Convergence]]:
    """``resources`` with every family's members at its baseline (copies of
    the members changed; the rest as they are), and what changed or stays."""
    by_key = {r.key: r for r in resources}
    convergences = []
    for family in find_families(resources, schema, only):
        convergence = Convergence(family)
        for member in family.members:
            changed = _converge_member(family, member, schema, convergence)
            if changed is not None:
                by_key[member.resource.key] = changed
        if convergence.changes or convergence.held:
            convergences.append(convergence)
    return [by_key[r.key] for r in resources], convergences


def _converge_member(family: Family, member: Member, schema: Schema, out: Convergence) -> Resource | None:
    deviations = family.deviations.get(member.id) or {}
    if not deviations:
        return None
    resource = copy.deepcopy(member.resource)
    changed = False
    block = schema.resource(family.type) if schema.has(family.type) else None
    replacing = replacing_arguments(family.type)
    for argument, now in sorted(deviations.items()):
        baseline = family.baseline.get(argument)
        why = _why_held(family, argument, block, replacing)
        donor = None if why else _donor(family, argument, baseline)
        if why is None and baseline is not None and donor is None:
            why = "no member holds the baseline value as its own (it names a member's own name, ID or placement)"
        if why is None and not _plain(member, argument):
            why = "its value holds the member's own name, ID or placement"
        if why:
            out.held.append(Held(member.id, argument, now, why))
            continue
        _apply(resource, argument, donor)
        out.changes.append(Change(member.id, argument, now, baseline, tuple(risks(family.type, argument))))
        changed = True
    return resource if changed else None


def _why_held(family: Family, argument: str, block, replacing: dict[str, str]) -> str | None:
    head = argument_head(argument)
    if block is not None and head not in block.attributes and head not in block.block_types:
        child = registry.find(argument)
        kind = f"{argument} resources" if child is not None else "resources of their own"
        return f"the members differ in their {kind}: converging means adding or removing them, a change of its own"
    if head in replacing:
        return replacing[head]
    return None


def _value(resource: Resource, argument: str) -> tuple[bool, Any]:
    """(present, raw value) of an argument or of a map entry (``tags.Hotfix``)."""
    head, _, key = argument.partition(".")
    raw = resource.attributes.get(head)
    if key:
        return (isinstance(raw, dict) and key in raw), (raw or {}).get(key) if isinstance(raw, dict) else None
    return head in resource.attributes, raw


def _plain(member: Member, argument: str) -> bool:
    """The member's raw value says nothing of the member itself: replacing it loses nothing of its own."""
    _, raw = _value(member.resource, argument)
    return canonical(OwnWords(member.resource).replace(raw)) == canonical(raw) and canonical(
        without_placement(raw)
    ) == canonical(raw)


def _donor(family: Family, argument: str, baseline: Any) -> Member | None:
    """The first member (in key order) whose own raw value is the baseline."""
    for candidate in family.members:
        if canonical(candidate.values.get(argument)) != canonical(baseline):
            continue
        present, _ = _value(candidate.resource, argument)
        if present and _plain(candidate, argument):
            return candidate
    return None


def _apply(resource: Resource, argument: str, donor: Member | None) -> None:
    head, _, key = argument.partition(".")
    if key:
        entries = dict(resource.attributes.get(head) or {})
        if donor is None:
            entries.pop(key, None)
        else:
            entries[key] = copy.deepcopy(donor.resource.attributes[head][key])
        resource.attributes[head] = entries
        if head == "tags":
            resource.tags = {k: v for k, v in entries.items() if isinstance(v, str)}
        return
    resource.references = [r for r in resource.references if argument_head(r.path) != head]
    if donor is None:
        resource.attributes.pop(head, None)
        return
    resource.attributes[head] = copy.deepcopy(donor.resource.attributes[head])
    resource.references += [copy.deepcopy(r) for r in donor.resource.references if argument_head(r.path) == head]


def summary(convergences: Iterable[Convergence]) -> tuple[int, int, int]:
    """(members changed, changes, deviations held)."""
    convergences = list(convergences)
    return (
        sum(len(c.changed_members) for c in convergences),
        sum(len(c.changes) for c in convergences),
        sum(len(c.held) for c in convergences),
    )
