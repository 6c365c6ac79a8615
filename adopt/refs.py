"""References between resources: finding them in argument values, and finding
the resource a reference points at.

A reference holds a value (an ID, an ARN, a name) and the type it names.
Names are only unique within a region (a DB subnet group "main" may exist in
every region), so the target is the one in the referring resource's region,
else a global one, else the only one there is.  Built once, every lookup is a
dictionary hit.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping
from typing import Any, Generic, TypeVar

from .catalog.spec import Ref, parse_json
from .errors import BadInput
from .model import GLOBAL_REGION, Reference, Resource

_STEP = re.compile(r"([A-Za-z0-9_]+)(\[\*\])?")


def find_references(attributes: Mapping[str, Any], declared: Mapping[str, Ref]) -> Iterator[tuple[str, str, Ref, str]]:
    """Yield ``(path, type, ref, value)`` for each value a declared pattern reaches.

    Patterns are argument paths where ``[*]`` stands for every list element:
    ``vpc_security_group_ids[*]`` gives ``vpc_security_group_ids[0]``, ...;
    a path may go on into a JSON document (``redrive_policy.deadLetterTargetArn``).
    """
    for pattern, ref in declared.items():
        for path, value in _walk(attributes, _STEP.findall(pattern), ""):
            if isinstance(value, str) and value:
                tf_type = ref.type_for(value)
                if tf_type:
                    yield path, tf_type, ref, value


def _walk(value: Any, steps: list[tuple[str, str]], prefix: str) -> Iterator[tuple[str, Any]]:
    if not steps:
        yield prefix, value
        return
    (name, star), rest = steps[0], steps[1:]
    if isinstance(value, str):
        value = parse_json(value)  # a JSON document argument: the path goes on inside it
    if not isinstance(value, Mapping) or value.get(name) is None:
        return
    here = f"{prefix}.{name}" if prefix else name
    child = value[name]
    if star:
        for index, element in enumerate(child if isinstance(child, list) else []):
            yield from _walk(element, rest, f"{here}[{index}]")
    else:
        yield from _walk(child, rest, here)


def parse_path(path: str) -> list[str | int]:
    """``a[1].b`` -> ``["a", 1, "b"]``."""
    steps: list[str | int] = []
    for part in path.split("."):
        name, _, rest = part.partition("[")
        steps.append(name)
        while rest:
            index, _, rest = rest.partition("]")
            if not index.isdigit():
                raise BadInput(f"The inventory is damaged: {path!r} is not an argument path.")
            steps.append(int(index))
            rest = rest.lstrip("[")
    return steps


def lookup_keys(ref_type: str, attribute: str, value: str) -> list[tuple[str, str, str]]:
    """Where to look a reference's target up: the declared attribute first,
    then ``id`` and ``arn``, because APIs return whichever form they were
    given (a KMS key by ID in one place, by ARN in another)."""
    return [(ref_type, a, value) for a in dict.fromkeys((attribute, "id", "arn"))]


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
