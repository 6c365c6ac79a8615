"""A resource's CloudFormation properties as awscc arguments, by the awscc schema.

awscc's argument names are the CloudFormation property names in its own
snake case (``Ipv6CidrBlock`` -> ``ipv_6_cidr_block``), at every level, so a
property is matched to the one attribute of the schema (or of the nested
object) with the same letters and digits.  What the schema cannot take is
left out and said: a property it does not have, a value of another shape.
What AWS computes (``readOnlyProperties``, computed-only in the schema) is
left out; what is never read back (``writeOnlyProperties``) is never kept,
even when an answer holds it.  Tags keep CloudFormation's list of
``{Key, Value}``, which awscc takes as a list (or set) of ``{key, value}``.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from ..schema import Block
from .cfn import CfnSchema, Path
from .types import plain


def argument_name(prop: str, block: Block) -> str | None:
    """The awscc attribute for a top-level CloudFormation property."""
    return _match(prop, block.attributes)


def _match(prop: str, names) -> str | None:
    wanted = plain(prop)
    found = [name for name in names if plain(name) == wanted]
    return found[0] if len(found) == 1 else None


@dataclass
class Mapped:
    arguments: dict[str, Any] = field(default_factory=dict)
    left_out: list[str] = field(default_factory=list)  # "Path: why", for the scan's notes


def _drops(paths: tuple[Path, ...]) -> set[Path]:
    return set(paths)


def map_properties(properties: dict[str, Any], block: Block, cfn: CfnSchema) -> Mapped:
    """The arguments of one resource; ``properties`` as Cloud Control's GetResource gives them."""
    out = Mapped()
    dropped = _drops(cfn.read_only) | _drops(cfn.write_only)
    documents = set(cfn.documents)
    for prop, value in sorted(properties.items()):
        if (prop,) in dropped or value is None:
            continue
        name = argument_name(prop, block)
        attribute = block.attributes.get(name) if name else None
        if attribute is None:
            out.left_out.append(f"{prop}: not an argument of the awscc type")
            continue
        if not attribute.writable:
            continue  # computed by AWS
        if prop in documents and not isinstance(value, str):
            value = json.dumps(value, sort_keys=True, separators=(",", ":"))
        converted = _convert(value, attribute.type, (prop,), dropped, out)
        if converted is not None:
            out.arguments[name] = converted
    return out


def _convert(value: Any, tf_type: Any, path: Path, dropped: set[Path], out: Mapped) -> Any:
    """``value`` in the shape of ``tf_type``; None (and a note) when it has another shape."""
    where = "/".join(path)
    if tf_type == "string":
        if isinstance(value, (dict, list)):  # a document the schema takes as JSON text
            return json.dumps(value, sort_keys=True, separators=(",", ":"))
        if isinstance(value, bool):
            return "true" if value else "false"
        return value if isinstance(value, str) else (str(value) if isinstance(value, (int, float)) else None)
    if tf_type in ("number", "bool", "dynamic"):
        ok = {
            "number": isinstance(value, (int, float)) and not isinstance(value, bool),
            "bool": isinstance(value, bool),
            "dynamic": True,
        }[tf_type]
        if not ok:
            out.left_out.append(f"{where}: {type(value).__name__} where the schema has {tf_type}")
            return None
        return value
    kind = tf_type[0] if isinstance(tf_type, list) and tf_type else None
    if kind in ("list", "set") and isinstance(value, list):
        items = [_convert(v, tf_type[1], (*path, "*"), dropped, out) for v in value]
        return [v for v in items if v is not None]
    if kind == "map" and isinstance(value, dict):
        items = {k: _convert(v, tf_type[1], (*path, k), dropped, out) for k, v in sorted(value.items())}
        return {k: v for k, v in items.items() if v is not None}
    if kind == "object" and isinstance(value, dict):
        members = tf_type[1]
        obj: dict[str, Any] = {}
        for prop, inner in sorted(value.items()):
            if (*path, prop) in dropped or inner is None:
                continue
            name = _match(prop, members)
            if name is None:
                out.left_out.append(f"{where}/{prop}: not in the awscc type")
                continue
            converted = _convert(inner, members[name], (*path, prop), dropped, out)
            if converted is not None:
                obj[name] = converted
        return obj
    out.left_out.append(f"{where}: {type(value).__name__} where the schema has {json.dumps(tf_type)[:60]}")
    return None
