"""Find the concrete argument values that a spec declares to be references."""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from typing import Any

from ..errors import BadInput
from ..spec import Ref, parse_json

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
