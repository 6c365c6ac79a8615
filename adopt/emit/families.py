"""A family written once: a ``locals`` map of what differs, one ``for_each``
resource, one ``for_each`` import block.

For a family of servers::

    locals {
      server = {
        server1 = { import_id = "i-1", subnet_id = aws_subnet.a.id, instance_type = "t3.medium", ... }
        ...
      }
    }

    resource "aws_instance" "server" {
      for_each = local.server

      ami           = "ami-1"                    # the same in every member: written once
      instance_type = each.value.instance_type   # differs: each member's own
      tags = merge({ Role = "app" }, each.value.tags)
    }

    import {
      for_each = local.server
      to       = aws_instance.server[each.key]
      id       = each.value.import_id
    }

Each member's object holds its import ID, its identity arguments (names,
placement, addresses: see :func:`adopt.drift.compare.identity_arguments`) and
every argument whose written value is not the same in all members, ``null``
where a member has none, so every object has the same attributes.  The
values are those :func:`adopt.emit.render.prepare_resource` writes for the
member alone, so each instance plans exactly as its own block would.

A nested block that differs between members becomes a ``dynamic`` block over
the member's list of elements, with nested blocks inside it dynamic too.
Elements are written with every argument any element has (``null`` where it
has none, ``[]`` for an absent nested block): setting an argument to null is
leaving it out, and an empty ``for_each`` writes no block, so each instance
is configured exactly as its member alone would be and the plan stays clean.
Grouping the family on everything but such a block instead would have made
its members' blocks a second, ungrouped copy of the same resource.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from ..catalog.spec import ResourceSpec
from ..drift.grouping import Group
from ..schema import Block
from ..writers import hcl
from ..writers.hcl import Expr, JsonEncode, Line, Merge
from .render import Dynamic, Prepared, block_body, lifecycle_lines, tidy

IMPORT_ID = "import_id"


@dataclass
class FamilyMember:
    key: str  # the instance key
    import_id: str
    prepared: Prepared


@dataclass
class FamilyBlocks:
    locals: list[Line]
    resource: list[Line]
    imports: list[Line]


def local_names(addresses: list[tuple[str, str]]) -> dict[tuple[str, str], str]:
    """The ``local`` each family's map is called, by (type, label): its label,
    or ``<type>_<label>`` where two families of different types share one."""
    counts: dict[str, int] = {}
    for _, label in addresses:
        counts[label] = counts.get(label, 0) + 1
    return {
        (tf_type, label): label if counts[label] == 1 else f"{tf_type.removeprefix('aws_')}_{label}"
        for tf_type, label in addresses
    }


def render_family(
    group: Group,
    local: str,
    members: list[FamilyMember],
    spec: ResourceSpec,
    block: Block,
    identity: frozenset[str],
    provider: str | None,
) -> FamilyBlocks:
    hcl.check_identifier(local, "The family name")
    id_field = _import_id_field(block)
    own: dict[str, dict[str, Any]] = {m.key: {id_field: m.import_id} for m in members}
    own_notes: dict[str, dict[str, list[str]]] = {m.key: {} for m in members}
    written: dict[str, Any] = {}
    notes: dict[str, list[str]] = {}
    names = list(dict.fromkeys(name for m in members for name in m.prepared.values))
    for name in names:
        values = [m.prepared.values.get(name) for m in members]
        each = Expr(f"each.value.{name}")
        if name in block.attributes:
            shared = _shared_entries(name, values, block, identity)
            if name not in identity and _all_same(values):
                written[name] = values[0]
            elif shared:
                written[name] = Merge(shared, each)
                for m, value in zip(members, values, strict=True):
                    own[m.key][name] = {k: v for k, v in value.items() if k not in shared}
            else:
                written[name] = each
                for m, value in zip(members, values, strict=True):
                    own[m.key][name] = value
        elif name not in identity and _all_same(values):
            written[name] = values[0]
        else:
            nested = block.block_types[name].block
            elements = [value or [] for value in values]
            content, filled = _dynamic(name, nested, elements)
            written[name] = Dynamic(each, content)
            for m, value in zip(members, filled, strict=True):
                own[m.key][name] = value
        if isinstance(written[name], (Merge, Expr, Dynamic)):
            for m in members:
                if m.prepared.notes.get(name):
                    own_notes[m.key][name] = m.prepared.notes[name]
        else:
            notes[name] = list(dict.fromkeys(n for m in members for n in m.prepared.notes.get(name, [])))
    return FamilyBlocks(
        locals=_locals(local, own, own_notes),
        # Alike for every member (adopt.drift.grouping makes sure of it).
        resource=_resource(group, local, written, notes, spec, block, provider, members[0].prepared.ignores),
        imports=_import(group, local, id_field, provider),
    )


def _import_id_field(block: Block) -> str:
    """``import_id``, unless the type has an argument of that name."""
    name = IMPORT_ID
    while name in block.attributes or name in block.block_types:
        name = f"adopt_{name}"
    return name


def _spelled(value: Any) -> str:
    """One spelling per written value, expressions included, to compare members."""

    def plain(v: Any) -> Any:
        if isinstance(v, Expr):
            return {"$expr": v.text}
        if isinstance(v, JsonEncode):
            return {"$json": plain(v.document)}
        if isinstance(v, dict):
            return {str(k): plain(x) for k, x in v.items()}
        if isinstance(v, (list, tuple)):
            return [plain(x) for x in v]
        return v

    return json.dumps(plain(value), sort_keys=True, ensure_ascii=False)


def _all_same(values: list[Any]) -> bool:
    return all(v is not None for v in values) and len({_spelled(v) for v in values}) == 1


def _shared_entries(name: str, values: list[Any], block: Block, identity: frozenset[str]) -> dict[str, Any]:
    """Of a map argument every member sets (``tags``), the entries all share,
    less the identity ones (``tags.Name``); nothing when every entry is shared."""
    kind = block.attributes[name].type
    if not (isinstance(kind, list) and kind[0] == "map") or not all(isinstance(v, dict) for v in values):
        return {}
    first = values[0]
    shared = {
        k: v
        for k, v in first.items()
        if f"{name}.{k}" not in identity
        and all(k in other and _spelled(other[k]) == _spelled(v) for other in values[1:])
    }
    if all(len(v) == len(shared) for v in values) and name not in identity:
        return {}
    return shared


def _dynamic(name: str, block: Block, elements: list[list[dict[str, Any]]]) -> tuple[dict[str, Any], list[list]]:
    """The content of ``dynamic "<name>"`` and each member's elements, filled
    so that every element has every argument the content names."""
    everything = [e for member in elements for e in member]
    arguments = list(dict.fromkeys(k for e in everything for k in e))
    content: dict[str, Any] = {}
    nested_filled: dict[str, list[list]] = {}
    for argument in arguments:
        if argument in block.attributes:
            content[argument] = Expr(f"{name}.value.{argument}")
            continue
        inner, filled = _dynamic(
            argument, block.block_types[argument].block, [e.get(argument) or [] for e in everything]
        )
        content[argument] = Dynamic(Expr(f"{name}.value.{argument}"), inner)
        nested_filled[argument] = filled
    position = 0
    out: list[list] = []
    for member in elements:
        filled_member = []
        for element in member:
            filled_element = {}
            for argument in arguments:
                if argument in nested_filled:
                    filled_element[argument] = nested_filled[argument][position]
                else:
                    filled_element[argument] = element.get(argument)
            filled_member.append(filled_element)
            position += 1
        out.append(filled_member)
    return content, out


def _locals(local: str, own: dict[str, dict[str, Any]], notes: dict[str, dict[str, list[str]]]) -> list[Line]:
    lines = [Line(0, "locals {"), Line(1, f"{local} = {{")]
    for key, values in own.items():
        lines.append(Line(2, f"{hcl.key(key)} = {{"))
        for name, value in values.items():
            lines.extend(hcl.comment(n, 3) for n in notes[key].get(name, []))
            lines.extend(hcl.assignment(hcl.key(name), value, 3))
        lines.append(Line(2, "}"))
    lines += [Line(1, "}"), Line(0, "}")]
    return lines


def _resource(
    group: Group,
    local: str,
    written: dict[str, Any],
    notes: dict[str, list[str]],
    spec: ResourceSpec,
    block: Block,
    provider: str | None,
    ignores: list[tuple[str, str]],
) -> list[Line]:
    body = [Line(1, f"local.{local}", key="for_each"), Line(1)]
    if provider:
        body.append(Line(1, Expr(provider).text, key="provider"))
    body.extend(block_body(written, block, 1, notes))
    body.extend(lifecycle_lines(spec, ignores))
    return [hcl.block_header("resource", group.type, group.label), *tidy(body), Line(0, "}")]


def _import(group: Group, local: str, id_field: str, provider: str | None) -> list[Line]:
    hcl.check_identifier(group.type, "The resource type")
    hcl.check_identifier(group.label, "The resource label")
    lines = [Line(0, "import {"), Line(1, f"local.{local}", key="for_each")]
    if provider:
        lines.append(Line(1, Expr(provider).text, key="provider"))
    lines.append(Line(1, f"{group.address}[each.key]", key="to"))
    lines.append(Line(1, f"each.value.{id_field}", key="id"))
    lines.append(Line(0, "}"))
    return lines
