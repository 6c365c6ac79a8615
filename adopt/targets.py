"""Finding the resource a reference points at.

A reference holds a value (an ID, an ARN, a name) and the type it names.
Names are only unique within a region (a DB subnet group "main" may exist in
every region), so the target is the one in the referring resource's region,
else a global one, else the only one there is.  Built once, every lookup is a
dictionary hit.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Generic, TypeVar

from .model import GLOBAL_REGION, Reference, Resource
from .scan.references import lookup_keys

T = TypeVar("T")


class TargetIndex(Generic[T]):
    def __init__(self, items: Iterable[tuple[Resource, T]]) -> None:
        self._index: dict[tuple[str, str, str], dict[str, T]] = {}
        for resource, value in items:
            for attribute, key in (("id", resource.id), ("arn", resource.arn), ("name", resource.name)):
                if key:
                    self._index.setdefault((resource.type, attribute, key), {}).setdefault(resource.region, value)

    def find(self, ref: Reference, region: str) -> tuple[T, str] | None:
        """The target and the attribute that matched (the declared one, or ``id``/``arn``)."""
        for key in lookup_keys(ref.type, ref.attribute, ref.value):
            by_region = self._index.get(key)
            if not by_region:
                continue
            for candidate in (region, GLOBAL_REGION):
                if candidate in by_region:
                    return by_region[candidate], key[1]
            # Another region's (a global bucket referenced from a regional
            # resource): deterministic when several regions share the value.
            return by_region[min(by_region)], key[1]
        return None

    def get(self, tf_type: str, attribute: str, value: str, region: str) -> T | None:
        found = self.find(Reference("", tf_type, attribute, value), region)
        return found[0] if found else None
