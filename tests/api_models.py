"""Checks a spec against botocore's service models: do its calls, parameters,
template fields and paths name things the API really has?

A spec cannot know on its own that ``"{VpcID}"`` is a typo; botocore's model of
each operation's input and output can.  The item a spec evaluates against is
the list call's item with each detail call's answer merged in (as the engine
merges it); a path is followed through structures, and stops where the model
cannot say more (a map, a JSON document held as a string, an item shaped by a
hook).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from functools import cache
from typing import Any

import botocore.session
from botocore.model import ListShape, MapShape, Shape, StructureShape

from adopt.catalog import registry
from adopt.catalog.expressions import (
    AsMap,
    Each,
    Expression,
    First,
    HasTag,
    Lookup,
    Pluck,
    Some,
    Tag,
    Tags,
)
from adopt.catalog.spec import Arn, Call, ResourceSpec
from adopt.catalog.templates import SPECIAL_FIELDS, Format, template_fields

OPEN = None  # a shape the model cannot describe: anything goes below it


@dataclass(frozen=True)
class Listed:
    """A list of ``member`` (what ``merge_into`` stores for a detail call with ``items``)."""

    member: Any


@dataclass
class Item:
    """The fields of an item: name -> botocore shape (or OPEN); ``open`` when
    a hook shaped some of it, so unknown names cannot be told from typos."""

    fields: dict[str, Any] = field(default_factory=dict)
    open: bool = False


@cache
def _model(service: str):
    return botocore.session.get_session().get_service_model(service)


@cache
def _operations(service: str) -> dict[str, str]:
    from botocore import xform_name

    return {xform_name(name): name for name in _model(service).operation_names}


def _answer(service: str, call: Call, problems: list[str]) -> tuple[Any, Shape | None]:
    """``(items shape, output shape)`` of a call: the shape of one item (OPEN if unknown)."""
    name = _operations(service).get(call.operation)
    if name is None:
        problems.append(f"{call.operation} is not an operation of {service}")
        return OPEN, None
    operation = _model(service).operation_model(name)
    accepted = set(operation.input_shape.members) if operation.input_shape else set()
    for param in (*call.params, *call.over):
        if param not in accepted:
            problems.append(f"{call.operation} takes no parameter {param!r}")
    output = operation.output_shape
    if call.items is None or callable(call.items):
        return (output if call.items is None else OPEN), output
    shape: Any = output
    for part in call.items.split("."):
        flatten = part.endswith("[]")
        key = part[:-2] if flatten else part
        if not isinstance(shape, StructureShape) or key not in shape.members:
            problems.append(f"{call.operation}: items {call.items!r}: the answer has no {key!r}")
            return OPEN, output
        shape = shape.members[key]
        if flatten:
            shape = shape.member if isinstance(shape, ListShape) else OPEN
    if isinstance(shape, ListShape):
        shape = shape.member
    return shape, output


def _as_item(shape: Any, item_key: str) -> Item:
    if shape is OPEN:
        return Item(open=True)
    if isinstance(shape, StructureShape):
        return Item(dict(shape.members))
    return Item({item_key: shape})  # scalar items become {item_key: value}


@cache
def item_of(tf_type: str) -> tuple[Item, tuple[str, ...]]:
    """The item a registered type's expressions read, and the problems found building it."""
    return build_item(registry.get(tf_type))


def build_item(spec: ResourceSpec) -> tuple[Item, tuple[str, ...]]:
    problems: list[str] = []
    child = spec.child
    if child is None:
        shape, _ = _answer(spec.service, spec.list, problems)
        item = _as_item(shape, spec.list.item_key)
    elif child.same_item:
        item = Item(dict(item_of(child.parent)[0].fields), item_of(child.parent)[0].open)
    elif child.items is not None:
        parent = item_of(child.parent)[0]
        shape = _follow(parent, child.items.replace("[]", ""), problems, "the Child's items")
        item = _as_item(shape.member if isinstance(shape, ListShape) else OPEN, "Value")
    else:
        shape, _ = _answer(spec.service, child.call, problems)
        item = _as_item(shape, child.call.item_key)
        if child.joined_on:
            _follow(item, child.joined_on[0], problems, "join")
            _follow(item_of(child.parent)[0], child.joined_on[1], problems, "parent_key")
    for detail in spec.details:
        shape, output = _answer(detail.service or spec.service, detail, problems)
        if detail.merge_into:
            item.fields[detail.merge_into] = (
                OPEN if shape is OPEN else (Listed(shape) if detail.items is not None else output)
            )
        else:
            merged = _as_item(shape, detail.item_key)
            item.open = item.open or merged.open
            for name, sub in merged.fields.items():
                item.fields.setdefault(name, sub)
    return item, tuple(problems)


def _follow(item: Item | None, path: str, problems: list[str], where: str) -> Any:
    """The shape at a dotted path (OPEN where the model cannot say)."""
    if item is None:
        return OPEN
    first, *rest = path.split(".")
    if first not in item.fields:
        if not item.open:
            problems.append(f"{where}: {path!r}: the item has no {first!r}")
        return OPEN
    shape = item.fields[first]
    for step in rest:
        if shape is OPEN or isinstance(shape, MapShape):
            return OPEN
        if isinstance(shape, StructureShape):
            if step not in shape.members:
                problems.append(f"{where}: {path!r}: {shape.name} has no {step!r}")
                return OPEN
            shape = shape.members[step]
        elif isinstance(shape, (ListShape, Listed)):
            problems.append(f"{where}: {path!r} goes through a list: use Each, Pluck or First")
            return OPEN
        else:
            return OPEN  # a string: perhaps a JSON document
    return shape


def _elements(item: Item | None, expr: Any, problems: list[str], where: str, parent: Item | None) -> Item | None:
    """The item each element of the list at ``expr`` is, for expressions evaluated per element."""
    if isinstance(expr, str):
        shape = _follow(parent if expr.startswith("parent.") else item, expr.removeprefix("parent."), problems, where)
        member = getattr(shape, "member", OPEN)
        return _as_item(member, "Value") if isinstance(member, StructureShape) else Item(open=True)
    check(expr, item, parent, problems, where)
    return Item(open=True)


def check(expr: Any, item: Item | None, parent: Item | None, problems: list[str], where: str) -> None:
    """Every path in an expression names something in the item it is evaluated against."""
    if expr is None or callable(expr) and not isinstance(expr, Expression):
        return
    if isinstance(expr, str):
        if expr == "region":
            return
        if expr.startswith("parent."):
            _follow(parent, expr.removeprefix("parent."), problems, where)
        else:
            _follow(item, expr, problems, where)
        return
    if isinstance(expr, Mapping):
        for name, sub in expr.items():
            check(sub, item, parent, problems, f"{where}.{name}")
        return
    if isinstance(expr, Format):
        _template(expr.template, item, parent, problems, where, expr.named)
    if isinstance(expr, (Each, First, Some, Pluck)):
        element = _elements(item, expr.path, problems, where, parent)
        for sub in (getattr(expr, "fields", None), getattr(expr, "where", None)):
            check(sub, element, parent, problems, where)
        if isinstance(expr, (First, Pluck)) and expr.field:
            check(expr.field, element, parent, problems, where)
        return
    if isinstance(expr, (AsMap, Lookup, Tags, Tag, HasTag)):
        check(expr.path, item, parent, problems, where)
        return
    if isinstance(expr, Expression):
        for part in expr.parts():
            check(part, item, parent, problems, where)


def _template(template: str, item: Item | None, parent: Item | None, problems: list[str], where: str, named=()) -> None:
    for name, _, _ in template_fields(template):
        if name not in SPECIAL_FIELDS and name not in named:
            check(name, item, parent, problems, f"{where} {template!r}")


def _call_templates(call: Call, item: Item | None, parent: Item | None, problems: list[str], where: str) -> None:
    def strings(value: Any) -> Iterator[str]:
        if isinstance(value, str):
            yield value
        elif isinstance(value, Mapping):
            for v in value.values():
                yield from strings(v)
        elif isinstance(value, (list, tuple)):
            for v in value:
                yield from strings(v)

    for text in strings(call.params):
        _template(text, item, parent, problems, where)


def problems(spec: ResourceSpec) -> list[str]:
    item, found = build_item(spec)
    out = list(found)
    parent = item_of(spec.parent)[0] if spec.parent else None
    listed_from = parent if spec.child and spec.child.call and not spec.child.join else None
    if spec.child and spec.child.call:
        _call_templates(spec.child.call, None, listed_from, out, "the Child's call")
    for detail in spec.details:
        _call_templates(detail, item, parent, out, f"detail call {detail.operation}")
    for name in ("id", "import_id", "arn"):
        value = getattr(spec, name)
        value = value.template if isinstance(value, Arn) else value
        if isinstance(value, str):
            _template(value, item, parent, out, name)
        else:
            check(value, item, parent, out, name)
    for name in ("name", "label", "tags", "include", "is_default", "item_region"):
        check(getattr(spec, name), item, parent, out, name)
    for name, expr in spec.arguments.items():
        check(expr, item, parent, out, f"argument {name}")
    return out
