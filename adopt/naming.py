"""Terraform labels: readable, valid, unique per type, stable across runs.

A resource is named after what a person calls it (its Name tag or name, its
parent's label, the resource its spec's ``label_from`` names).  When several
resources of one type would get the same label, they are told apart by what
differs between them, in this order: the region (as short as still tells them
apart: ``eu``, ``eu_west``, ``eu_west_1``), the label of the VPC they are in,
the label of their parent.  Only resources alike in all of these get a counter
(``_2``, ``_3``).  A label that would start with a digit is led by a short
noun for its type (``sg_1_ops_admin``, ``bucket_2019_archive``).

Labels depend only on the resources they are assigned over: ``adopt plan``
assigns them over the whole inventory, so a resource keeps its label whichever
slice of the inventory is selected.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from itertools import combinations

from .catalog import registry
from .model import Resource, ResourceKey
from .refs import TargetIndex

_INVALID = re.compile(r"[^a-z0-9_]+")
MAX_LENGTH = 64

# Compound type words people abbreviate; any other type is called by its last
# word, or its last two when the last alone says little (``log_group``).
_ABBREVIATIONS = {
    "security_group": "sg",
    "autoscaling_group": "asg",
    "network_acl": "nacl",
    "internet_gateway": "igw",
    "nat_gateway": "nat",
    "network_interface": "eni",
    "db_instance": "db",
    "s3_bucket": "bucket",
}
_VAGUE_LAST_WORDS = {
    "group",
    "table",
    "set",
    "configuration",
    "association",
    "attachment",
    "version",
    "mapping",
    "point",
    "control",
    "log",
}


def type_noun(tf_type: str) -> str:
    """A short noun for what a resource of the type is: ``aws_security_group`` ->
    ``sg``, ``aws_s3_bucket`` -> ``bucket``, ``aws_cloudwatch_log_group`` -> ``log_group``."""
    words = [w for w in _INVALID.sub("_", tf_type.lower()).removeprefix("aws_").split("_") if w]
    if not words:
        return "resource"
    for start in range(len(words)):
        abbreviation = _ABBREVIATIONS.get("_".join(words[start:]))
        if abbreviation:
            return abbreviation
    noun = "_".join(words[-2:]) if words[-1] in _VAGUE_LAST_WORDS and len(words) > 1 else words[-1]
    return noun if not noun[0].isdigit() else f"resource_{noun}"


def sanitize(text: str, *, leading: bool = True, tf_type: str | None = None) -> str:
    """``Web Server #1`` -> ``web_server_1``.

    A label may not start with a digit: one that would is led by the noun of
    ``tf_type`` (``1-ops`` of a security group -> ``sg_1_ops``; ``r`` when no
    type is known).  A suffix joined after another label (``leading=False``) may.
    """
    label = _INVALID.sub("_", text.strip().lower()).strip("_")
    label = _shorten(re.sub(r"_+", "_", label))
    if label and leading and label[0].isdigit():
        label = _shorten(f"{type_noun(tf_type) if tf_type else 'r'}_{label}")
    return label


def _shorten(label: str) -> str:
    return label[:MAX_LENGTH].rstrip("_")


def short_regions(regions: Iterable[str]) -> dict[str, str]:
    """Each region as short as still tells it from the others given:
    ``{eu-west-1, us-east-1, us-east-2}`` -> ``eu``, ``us_east_1``, ``us_east_2``."""
    parts = {region: [p for p in sanitize(region, leading=False).split("_") if p] for region in set(regions)}
    short = {}
    for region, mine in parts.items():
        others = [p for r, p in parts.items() if r != region]
        length = next(
            (n for n in range(1, len(mine)) if all(other[:n] != mine[:n] for other in others)),
            len(mine),
        )
        short[region] = "_".join(mine[:length])
    return short


def tell_apart(base: str, dimensions: Sequence[Sequence[str]]) -> list[str]:
    """Labels for resources that would all be called ``base``.

    ``dimensions[i][j]`` is what resource ``j`` is in dimension ``i`` (its
    region, its VPC's label...; ``""`` when it has none), most telling first.
    The dimensions that tell the most resources apart lead the label, the
    fewest such (the earliest, among as few): a dimension that adds nothing
    (a region the VPC's label already says) is left out.  A counter tells
    apart the rest, in the order given.
    """
    count = len(dimensions[0]) if dimensions else 0
    varying = [i for i, values in enumerate(dimensions) if len(set(values)) > 1]

    def qualifiers(chosen: Sequence[int]) -> list[tuple[str, ...]]:
        return [tuple(dimensions[i][j] for i in chosen) for j in range(count)]

    def classes(chosen: Sequence[int]) -> int:
        return len(set(qualifiers(chosen)))

    subsets = [c for size in range(len(varying) + 1) for c in combinations(varying, size)]
    chosen = max(subsets, key=lambda c: (classes(c), -len(c)))  # max() keeps the first of equals
    labels = [_shorten("_".join([*(q for q in qualifier if q), base])) for qualifier in qualifiers(chosen)]
    return numbered(labels)


def numbered(labels: list[str], taken: set[str] | None = None) -> list[str]:
    """The labels with a counter on each repeat (``web``, ``web_2``), avoiding ``taken``."""
    used = set(taken or ())
    out = []
    for label in labels:
        unique, n = label, 2
        while unique in used:
            suffix = f"_{n}"
            unique, n = f"{label[: MAX_LENGTH - len(suffix)].rstrip('_')}{suffix}", n + 1
        used.add(unique)
        out.append(unique)
    return out


class _Labeller:
    """Labels type by type: a type's labels need the final labels of the
    resources its bases are made of (parents, ``label_from`` targets, VPCs),
    which are labelled first, on demand."""

    def __init__(self, resources: Iterable[Resource]) -> None:
        self.resources = sorted(resources, key=lambda r: (r.type, r.region, r.id))
        self.targets: TargetIndex[Resource] = TargetIndex((r, r) for r in self.resources)
        self.by_key = {r.key: r for r in self.resources}
        self.by_type: dict[str, list[Resource]] = {}
        for resource in self.resources:
            self.by_type.setdefault(resource.type, []).append(resource)
        self.labels: dict[ResourceKey, str] = {}
        self.labelling: set[str] = set()
        self._containers: dict[ResourceKey, frozenset[ResourceKey | str]] = {}

    def run(self) -> dict[ResourceKey, str]:
        for tf_type in self.by_type:
            self.label_type(tf_type)
        return self.labels

    def label_of(self, resource: Resource) -> str:
        if resource.key not in self.labels:
            if resource.type in self.labelling:  # a cycle of bases: named on its own
                return self.plain(resource)
            self.label_type(resource.type)
        return self.labels[resource.key]

    def label_type(self, tf_type: str) -> None:
        if tf_type in self.labelling or self.by_type[tf_type][0].key in self.labels:
            return
        self.labelling.add(tf_type)
        members = self.by_type[tf_type]
        alike: dict[str, list[Resource]] = {}
        for resource in members:
            alike.setdefault(self.base(resource), []).append(resource)
        # A made-up label never takes the plain one another resource has, nor one made before.
        taken = {base for base, group in alike.items() if len(group) == 1}
        told_apart: dict[ResourceKey, str] = {}
        for base, group in alike.items():
            if len(group) == 1:
                told_apart[group[0].key] = base
                continue
            labels = numbered(tell_apart(base, self.dimensions(group)), taken)
            taken.update(labels)
            for resource, label in zip(group, labels, strict=True):
                told_apart[resource.key] = label
        self.labelling.discard(tf_type)
        self.labels.update(told_apart)

    def dimensions(self, group: list[Resource]) -> list[list[str]]:
        regions = short_regions(r.region for r in group)
        return [
            [regions[r.region] for r in group],
            ["_".join(sorted(self.container_label(c) for c in self.containers(r))) for r in group],
            [self.parent_label(r) for r in group],
        ]

    # -- what a resource is called on its own ------------------------------------

    def base(self, resource: Resource) -> str:
        """In order of preference: after the resource its spec's ``label_from``
        argument references (a route table association after its subnet); after
        its parent plus its own suffix (a bucket's versioning after the bucket, a
        route ``public_default``); after its label hint (Name tag or name);
        after its ID."""
        spec = registry.find(resource.type)
        if spec and spec.label_from:
            for ref in resource.references:
                if ref.path != spec.label_from:
                    continue
                found = self.targets.find(ref, resource.region, exclude=resource)
                if found is not None and found.target is not None:
                    return self.label_of(found.target)
        if resource.parent:
            suffix = sanitize(resource.label or "", leading=False)
            parent_label = self.parent_label(resource)
            return _shorten(f"{parent_label}_{suffix}") if suffix else parent_label
        return self.plain(resource)

    def plain(self, resource: Resource) -> str:
        return (
            sanitize(resource.label or "", tf_type=resource.type)
            or sanitize(resource.id, tf_type=resource.type)
            or sanitize(resource.type.removeprefix("aws_"))
        )

    def parent_label(self, resource: Resource) -> str:
        if not resource.parent:
            return ""
        parent = self.targets.get(resource.parent["type"], "id", resource.parent["id"], resource.region)
        return self.label_of(parent) if parent else sanitize(resource.parent["id"], tf_type=resource.parent["type"])

    # -- the VPCs a resource is in ---------------------------------------------

    def containers(self, resource: Resource) -> frozenset[ResourceKey | str]:
        """The containers (a spec's ``container``: VPCs) the resource is in: those it
        references, and those of what it references; an ID where the container is
        not among the resources.  A container is not in itself."""
        key = resource.key
        if key not in self._containers:
            self._containers[key] = frozenset()  # a reference cycle ends here
            found: set[ResourceKey | str] = set()
            for ref in resource.references:
                if ref.ambiguous:
                    continue
                match = self.targets.find(ref.lookup, resource.region, exclude=resource)
                target = match.target if match else None
                if registry.is_container(ref.type):
                    found.add(target.key if target is not None else ref.lookup.value)
                elif target is not None:
                    found |= self.containers(target)
            self._containers[key] = frozenset(found)
        return self._containers[key]

    def container_label(self, container: ResourceKey | str) -> str:
        if isinstance(container, ResourceKey):
            return self.label_of(self.by_key[container])
        return sanitize(container, leading=False)


def assign_labels(resources: Iterable[Resource]) -> dict[ResourceKey, str]:
    """Labels keyed by resource key: unique per type, and the same for the
    same resources whatever their order (see the module's docstring)."""
    return _Labeller(resources).run()


def containers_label(resources: Iterable[Resource], labels: dict[ResourceKey, str]) -> Callable[[Resource], str]:
    """What tells a resource's VPCs apart in a label: their labels (from
    ``labels``), joined; ``""`` outside any VPC."""
    labeller = _Labeller(resources)
    labeller.labels = dict(labels)

    def label(resource: Resource) -> str:
        return "_".join(sorted(labeller.container_label(c) for c in labeller.containers(resource)))

    return label
