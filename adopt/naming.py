"""Terraform labels: readable, valid, unique per type, stable across runs."""

from __future__ import annotations

import re
from collections.abc import Iterable

from .catalog import registry
from .model import Resource, ResourceKey
from .refs import TargetIndex

_INVALID = re.compile(r"[^a-z0-9_]+")
MAX_LENGTH = 64


def sanitize(text: str, *, leading: bool = True) -> str:
    """``Web Server #1`` -> ``web_server_1``.

    A label may not start with a digit; a suffix joined after another label
    (``leading=False``) may.
    """
    label = _INVALID.sub("_", text.strip().lower()).strip("_")
    label = re.sub(r"_+", "_", label)[:MAX_LENGTH].rstrip("_")
    if label and leading and label[0].isdigit():
        label = f"r_{label}"
    return label


def assign_labels(resources: Iterable[Resource]) -> dict[ResourceKey, str]:
    """Labels keyed by resource key.

    A resource is named, in order of preference: after the resource its spec's
    ``label_from`` argument references (a route table association after its
    subnet); after its parent plus its own suffix (a bucket's versioning after
    the bucket, a route ``public_default``); after its label hint (Name tag or
    name); after its ID.  Resources are visited in a fixed order so collisions
    resolve the same way each run: the first keeps the plain label, the next
    get ``_2``, ``_3``...
    """
    ordered = sorted(resources, key=lambda r: (r.parent is not None, r.type, r.region, r.id))
    targets = TargetIndex((r, r) for r in ordered)
    labels: dict[ResourceKey, str] = {}
    taken: dict[str, set[str]] = {}

    def base_of(resource: Resource) -> str:
        spec = registry.find(resource.type)
        if spec and spec.label_from:
            for ref in resource.references:
                found = targets.find(ref, resource.region, exclude=resource) if ref.path == spec.label_from else None
                if found is not None and found.target is not None:
                    return label_of(found.target)
        if resource.parent:
            parent = targets.get(resource.parent["type"], "id", resource.parent["id"], resource.region)
            parent_label = label_of(parent) if parent else sanitize(resource.parent["id"])
            suffix = sanitize(resource.label or "", leading=False)
            return f"{parent_label}_{suffix}" if suffix else parent_label
        return sanitize(resource.label or "") or sanitize(resource.id) or sanitize(resource.type.removeprefix("aws_"))

    def label_of(resource: Resource) -> str:
        key = resource.key
        if key not in labels:
            base = base_of(resource)
            used = taken.setdefault(resource.type, set())
            label, n = base, 2
            while label in used:
                label, n = f"{base}_{n}", n + 1
            used.add(label)
            labels[key] = label
        return labels[key]

    for resource in ordered:
        label_of(resource)
    return labels
