"""Which families are written as one ``for_each`` resource, and under which address.

A family (:mod:`.families`) is written once, its members as instances of one
resource (``aws_instance.server["server1"]``), unless that cannot plan as
cleanly as writing them one by one:

- a member has a secret: a ``for_each`` over values derived from a
  sensitive variable is refused by Terraform, and what is ignored of each
  member's secrets is its own;
- its members need different ``lifecycle.ignore_changes`` (an imported
  certificate beside a requested one), which one resource cannot have;
- a member references another member of its family: a resource cannot refer
  to its own instances.

Such a family is written one by one, and the reason is reported.  ``adopt
plan`` and ``adopt generate`` both decide here, so a plan file's indexed
addresses and a generated module agree.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from ..catalog import registry
from ..model import Resource, ResourceKey
from ..naming import numbered, sanitize, short_regions
from ..refs import TargetIndex
from ..schema import Schema
from .families import Family, find_families


@dataclass(frozen=True)
class Group:
    """A family as it is written: one resource ``<type>.<label>`` whose
    instances are the members, each under its key."""

    type: str
    region: str
    label: str
    members: tuple[tuple[ResourceKey, str], ...]  # (resource, instance key), in key order

    @property
    def address(self) -> str:
        return f"{self.type}.{self.label}"

    @property
    def keys(self) -> set[ResourceKey]:
        return {k for k, _ in self.members}


@dataclass(frozen=True)
class Ungrouped:
    """A family written one by one, and why."""

    family: Family
    why: str


def find_groups(
    resources: list[Resource],
    schema: Schema,
    labels: Mapping[ResourceKey, str],
    only: set[ResourceKey] | None = None,
) -> tuple[list[Group], list[Ungrouped]]:
    """The families among ``resources`` (restricted to ``only``) that are
    written as one resource each, labelled apart from every other resource
    of their type (``labels``: what each resource is called on its own)."""
    families = find_families(resources, schema, only)
    targets = TargetIndex((r, r.key) for r in resources)
    groups: list[Group] = []
    ungrouped: list[Ungrouped] = []
    for family in families:
        why = _why_not(family, targets)
        if why:
            ungrouped.append(Ungrouped(family, why))
            continue
        groups.append(Group(family.type, family.region, family.name, _instance_keys(family, labels)))
    return _labelled(groups, labels), ungrouped


def _why_not(family: Family, targets: TargetIndex[ResourceKey]) -> str | None:
    keys = {m.resource.key for m in family.members}
    spec = registry.find(family.type)
    ignores = {tuple(spec.ignored_for(m.resource)) if spec else () for m in family.members}
    if len(ignores) > 1:
        return "its members need different lifecycle ignore_changes, which one resource cannot have"
    for member in family.members:
        resource = member.resource
        if resource.sensitive:
            return f"{resource.id} has a secret, which a for_each cannot range over"
        for ref in resource.references:
            found = targets.find(ref, resource.region, exclude=resource.key)
            if found is not None and found.target in keys:
                return f"{resource.id} references {found.target.id}, another member, which a for_each cannot express"
    return None


def _instance_keys(family: Family, labels: Mapping[ResourceKey, str]) -> tuple[tuple[ResourceKey, str], ...]:
    """The family's member keys (from their names, through :func:`adopt.naming.sanitize`);
    a member whose name gives none is keyed by its label.  Unique, never empty."""
    used: set[str] = set()
    out = []
    for member in family.members:
        base = member.key or labels[member.resource.key]
        key, n = base, 2
        while key in used:
            key, n = f"{base}_{n}", n + 1
        used.add(key)
        out.append((member.resource.key, key))
    return tuple(out)


def _labelled(groups: Iterable[Group], labels: Mapping[ResourceKey, str]) -> list[Group]:
    """Each group's label made unique among the labels of its type that stay
    (those of resources outside any group, and of groups before it): led by
    its region where the label's holder is in another one (``eu_server``),
    else by a counter, as :mod:`adopt.naming` tells labels apart."""
    groups = list(groups)
    grouped = {k for g in groups for k in g.keys}
    taken: dict[str, dict[str, str]] = {}  # type -> label -> region of its holder
    for key, label in labels.items():
        if key not in grouped:
            taken.setdefault(key.type, {})[label] = key.region
    out = []
    for group in groups:
        used = taken.setdefault(group.type, {})
        label = group.label
        holder = used.get(label)
        if holder is not None and holder != group.region:
            label = sanitize(f"{short_regions([holder, group.region])[group.region]}_{label}", leading=False)
        label = numbered([label], set(used))[0]
        used[label] = group.region
        out.append(Group(group.type, group.region, label, group.members))
    return out
