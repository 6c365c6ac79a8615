"""The checks every spec passes before it is registered.

Each finds what would otherwise fail quietly at scan or generate time: a
template field that can never be filled, a path of the wrong form, a
``parent.*`` value in a type that has no parent, a reference or default to an
argument that does not exist, a reference path that does not follow the
argument's shape (``[*]`` on a block, none on a list).  ``problems(spec)``
lists them; the registry (:func:`adopt.catalog.registry.checked`) raises on any.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from typing import Any

from .arns import Arn, ArnTargets, arn_shape
from .documents import JsonDocument
from .expressions import Default, Each, Expression, Keep, ListOf, Pluck, Sorted, Split, Unless, When
from .spec import Call, Ignore, Ref, ResourceSpec
from .templates import SPECIAL_FIELDS, Format, template_fields

TF_TYPE = re.compile(r"aws_[a-z0-9_]+")
SERVICE = re.compile(r"[a-z0-9-]+")
OPERATION = re.compile(r"[a-z][a-z0-9_]*")
ARGUMENT = re.compile(r"[a-z_][a-z0-9_]*")
# A dotted path into an API item; keys may hold "-" and ":" (condition keys such as "AWS:SourceArn").
PATH = re.compile(r"[^.\s{}\[\]]+(\.[^.\s{}\[\]]+)*")
ITEMS_PATH = re.compile(r"[^.\s{}\[\]]+(\[\])?(\.[^.\s{}\[\]]+(\[\])?)*")
REFERENCE = re.compile(r"[A-Za-z0-9_]+(\[\*\])?(\.[A-Za-z0-9_]+(\[\*\])?)*")
ATTRIBUTES = ("id", "arn", "name")  # what a reference can be resolved by


class _Any:
    """The shape of a value the spec does not describe (a path, a hook, a JSON document)."""

    def __repr__(self) -> str:
        return "ANY"


ANY = _Any()


def problems(spec: ResourceSpec) -> list[str]:
    out: list[str] = []
    if not isinstance(spec.tf_type, str) or not TF_TYPE.fullmatch(spec.tf_type):
        out.append(f"tf_type {spec.tf_type!r} is not a Terraform AWS type name")
    if not isinstance(spec.service, str) or not SERVICE.fullmatch(spec.service):
        out.append(f"service {spec.service!r} is not a boto3 service name")
    out += _listing(spec)
    out += _templates(spec)
    out += _expressions(spec)
    out += _argument_lists(spec)
    out += _references(spec)
    out += _exports(spec)
    out += _arn(spec)
    return out


# -- how it is found ------------------------------------------------------------------------


def _listing(spec: ResourceSpec) -> Iterator[str]:
    child = spec.child
    if child is None:
        if not isinstance(spec.list, Call):
            yield "nothing lists it: give list=Call(...), or child=Child(...) for a type found per parent item"
        else:
            yield from _call(spec.list, "list", fields_from=())
            if spec.list.service is not None:
                yield "service= is for detail calls; a type is listed by its own service"
    else:
        if spec.list is not None:
            yield "a child is listed by its Child(...): drop list="
        if spec.is_global:
            yield "a child is global when its parent is: drop is_global="
        if child.call is not None:
            if child.call.service is not None:
                yield "service= is for detail calls; a child is listed by its own service"
            if child.join is not None:
                # Listed once per region, before any parent item is known.
                yield from _call(child.call, "the Child's regional listing", fields_from=())
            else:
                yield from _call(child.call, "the Child's call", fields_from=("parent",))
                if not any(f.startswith("parent.") for f in _call_fields(child.call)):
                    yield (
                        "the Child's call takes nothing from the parent, so it would list the same items for "
                        "every parent: template a parameter from it ({parent.X}), or list once with join="
                    )
        if child.join is not None and not PATH.fullmatch(child.join):
            yield f"join {child.join!r} is not a path"
        if child.items is not None and not ITEMS_PATH.fullmatch(child.items):
            yield f"the Child's items {child.items!r} is not a path"
    if spec.item_region is not None and not spec.is_global:
        yield "item_region is for global listings of regional things: it needs is_global=True"
    for detail in spec.details:
        if not isinstance(detail, Call):
            yield f"details holds {detail!r}, not a Call"
        else:
            fields_from = ("item", "parent") if child else ("item",)
            yield from _call(detail, "detail call " + str(detail.operation), fields_from=fields_from)
            if detail.service is not None and not (
                isinstance(detail.service, str) and SERVICE.fullmatch(detail.service)
            ):
                yield f"detail call {detail.operation}: service {detail.service!r} is not a boto3 service name"


def _call_fields(call: Call) -> Iterator[str]:
    for template in _strings(call.params):
        try:
            yield from (f for f, _, _ in template_fields(template))
        except ValueError:
            continue


def _strings(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, Format):
        yield value.template
    elif isinstance(value, Mapping):
        for v in value.values():
            yield from _strings(v)
    elif isinstance(value, (list, tuple)):
        for v in value:
            yield from _strings(v)


def _call(call: Call, what: str, fields_from: tuple[str, ...]) -> Iterator[str]:
    if not isinstance(call.operation, str) or not OPERATION.fullmatch(call.operation):
        yield f"{what}: {call.operation!r} is not a boto3 operation name (snake_case)"
    if isinstance(call.items, str) and not ITEMS_PATH.fullmatch(call.items):
        yield f"{what}: items {call.items!r} is not a path"
    if not isinstance(call.absent_on, tuple) or not all(isinstance(c, str) for c in call.absent_on):
        yield f"{what}: absent_on takes a tuple of error codes, such as ('NoSuchBucketPolicy',)"
    for name, values in dict(call.over).items():
        if not isinstance(values, tuple) or not values:
            yield f"{what}: over[{name!r}] takes a tuple of the values to call with"
        elif name in call.params:
            yield f"{what}: {name!r} is in both params and over"
    for template in _strings(call.params):
        for problem in _template(template, fields_from):
            yield f"{what}: {problem}"


# -- templates ------------------------------------------------------------------------------------


def _template(template: str, fields_from: tuple[str, ...], named: Mapping[str, Any] | None = None) -> Iterator[str]:
    """``fields_from``: "item" (paths into the item), "parent" (``parent.*``)."""
    named = named or {}
    try:
        fields = list(template_fields(template))
    except ValueError as exc:
        yield f"template {template!r} does not parse ({exc})"
        return
    for name, spec, conversion in fields:
        where = f"template {template!r}"
        if spec or conversion:
            yield f"{where}: field {{{name}}} has a format or conversion; templates hold plain fields"
        elif not name or name.isdigit():
            yield f"{where}: every field names a path ({{VpcId}}), not a position"
        elif name in SPECIAL_FIELDS or name in named:
            continue
        elif not PATH.fullmatch(name):
            yield f"{where}: field {{{name}}} is not a path"
        elif name.startswith("parent."):
            if "parent" not in fields_from:
                yield f"{where}: {{{name}}} reads a parent's item, but there is none here"
        elif "item" not in fields_from:
            yield (
                f"{where}: {{{name}}} reads an item, but there is none yet "
                "(a listing is called before any item is known)"
                + ("; a child's call reads the parent's item as {parent.X}" if "parent" in fields_from else "")
            )
    unused = set(named) - {name for name, _, _ in fields}
    if unused:
        yield f"template {template!r} never uses its named field(s) {', '.join(sorted(unused))}"


def _templates(spec: ResourceSpec) -> Iterator[str]:
    fields_from = ("item", "parent") if spec.child else ("item",)
    if spec.id is None:
        yield "id is required (a template such as '{VpcId}')"
    for name in ("id", "import_id"):
        value = getattr(spec, name)
        if isinstance(value, str):
            for problem in _template(value, fields_from):
                yield f"{name}: {problem}"


# -- expressions ------------------------------------------------------------------------------------


def _expressions(spec: ResourceSpec) -> Iterator[str]:
    has_parent = spec.child is not None
    for name, expr in spec.arguments.items():
        yield from _expression(expr, f"argument {name}", has_parent)
    for name, expr in spec.exports.items():
        yield from _expression(expr, f"export {name}", has_parent)
    for name in ("name", "label", "tags", "include", "is_default", "item_region", "id", "import_id"):
        value = getattr(spec, name)
        if name in ("id", "import_id") and isinstance(value, str):
            continue  # templates, checked as such
        yield from _expression(value, name, has_parent)


def _expression(expr: Any, where: str, has_parent: bool) -> Iterator[str]:
    if expr is None:
        return
    if isinstance(expr, str):
        if not PATH.fullmatch(expr):
            yield f"{where}: {expr!r} is not a path (a literal value is Const({expr!r}))"
        elif expr.startswith("parent.") and not has_parent:
            yield f"{where}: {expr!r} reads a parent's item, but this type has no parent"
        return
    if isinstance(expr, Format):
        for problem in _template(expr.template, ("item", "parent") if has_parent else ("item",), expr.named):
            yield f"{where}: {problem}"
    if isinstance(expr, Mapping):
        for key, sub in expr.items():
            if not isinstance(key, str) or not ARGUMENT.fullmatch(key):
                yield f"{where}: block key {key!r} is not an argument name"
            yield from _expression(sub, f"{where}.{key}", has_parent)
        return
    if isinstance(expr, Expression):
        for part in expr.parts():
            yield from _expression(part, where, has_parent)
        return
    if callable(expr):
        return  # a hook: its logic is its own
    yield f"{where}: {expr!r} is not an expression (a constant is Const({expr!r}))"


# -- argument lists ----------------------------------------------------------------------------------


def _argument_lists(spec: ResourceSpec) -> Iterator[str]:
    arguments = set(spec.arguments)
    for name in arguments:
        if not ARGUMENT.fullmatch(name):
            yield f"argument {name!r} is not an argument name"
    for what, names in (
        ("defaults", spec.defaults),
        ("json_arguments", spec.json_arguments),
        ("not_secret", spec.not_secret),
        ("identity", spec.identity),
    ):
        if isinstance(names, str):
            yield f"{what} takes a tuple of argument names, not the string {names!r}"
            continue
        # not_secret may name an argument inside a block ("token_validity_units.refresh_token").
        tops = {name.split(".", 1)[0] for name in names} if what == "not_secret" else set(names)
        missing = sorted(tops - arguments)
        if missing:
            yield f"{what} names {', '.join(missing)}, which {'is' if len(missing) == 1 else 'are'} not an argument"
    # member_identity may name one key of a map argument ("tags.Owner").
    if isinstance(spec.member_identity, str):
        yield f"member_identity takes a tuple of argument names, not the string {spec.member_identity!r}"
    else:
        missing = sorted({name.split(".", 1)[0] for name in spec.member_identity} - arguments)
        if missing:
            yield f"member_identity names {', '.join(missing)}, which {'is' if len(missing) == 1 else 'are'} not an argument"
    for name in spec.default_with:
        if name not in spec.references:
            yield f"default_with names {name}, which is not a reference"
    if spec.label_from is not None and spec.label_from not in spec.references:
        yield f"label_from names {spec.label_from}, which is not a reference"
    # ignore_changes may name any of the provider's attributes, written or not.
    if isinstance(spec.ignore_changes, str):
        yield f"ignore_changes takes a tuple of attribute names, not the string {spec.ignore_changes!r}"
    if spec.ignored_arguments and not spec.ignore_reason:
        yield "ignore_changes needs an ignore_reason, for the reviewer"
    for entry in spec.ignore_changes:
        if isinstance(entry, str):
            continue
        if not isinstance(entry, Ignore) or isinstance(entry.arguments, str) or not entry.reason:
            yield f"ignore_changes: {entry!r} is neither an argument name nor an Ignore with arguments and a reason"
        elif entry.when is not None and not callable(entry.when):
            yield "ignore_changes: an Ignore's when must be a function of the resource"
    for name in spec.secret_placeholders:
        if name not in arguments:
            yield f"secret_placeholders names {name}, which is not an argument"
    for inline in spec.inline_in:
        if inline.owner_argument not in arguments:
            yield f"inline_in: owner_argument {inline.owner_argument} is not an argument"
        if not callable(inline.managed):
            yield "inline_in: managed must be a function (attributes, owner_state) -> bool"


# -- references --------------------------------------------------------------------------------------


def shape_of(expr: Any) -> Any:
    """What an argument's value looks like, as far as the spec says: a dict of
    block shapes, a one-element list (a list of that shape), or ``ANY``."""
    if isinstance(expr, Mapping):
        return {k: shape_of(v) for k, v in expr.items()}
    if isinstance(expr, Each):
        return [shape_of(dict(expr.fields))]
    if isinstance(expr, ListOf):
        return [shape_of(expr.expr)]
    if isinstance(expr, When):
        then, otherwise = shape_of(expr.then), shape_of(expr.otherwise)
        return then if expr.otherwise is None or then == otherwise else ANY
    if isinstance(expr, JsonDocument) or not isinstance(expr, Expression):
        return ANY
    if isinstance(expr, (Keep, Default, Unless)):
        return shape_of(expr.expr)  # the shape of what they wrap
    if isinstance(expr, (Sorted, Pluck, Split)):
        return [ANY]
    return ANY


def _references(spec: ResourceSpec) -> Iterator[str]:
    shapes = {name: shape_of(expr) for name, expr in spec.arguments.items()}
    for pattern, ref in spec.references.items():
        where = f"reference {pattern!r}"
        if not isinstance(ref, Ref):
            yield f"{where} is declared with {ref!r}, not a Ref"
            continue
        if not isinstance(ref.attribute, str) or not ARGUMENT.fullmatch(ref.attribute):
            yield f"{where}: references resolve by {', '.join(ATTRIBUTES)} or an export, not {ref.attribute!r}"
        if isinstance(ref.type, str) and not TF_TYPE.fullmatch(ref.type):
            yield f"{where}: {ref.type!r} is not a Terraform AWS type name"
        elif not isinstance(ref.type, (str, Mapping, ArnTargets)):
            yield f"{where}: its type is a Terraform type, a map of ARN services to types, or ARN_TARGET"
        if not isinstance(pattern, str) or not REFERENCE.fullmatch(pattern):
            yield f"{where} is not an argument path (name, name.block, list[*].name)"
            continue
        problem = _follow(pattern, shapes)
        if problem:
            yield f"{where}: {problem}"


def _exports(spec: ResourceSpec) -> Iterator[str]:
    """Exports are attribute names of the type; id and arn are indexed already."""
    for name in spec.exports:
        if not isinstance(name, str) or not ARGUMENT.fullmatch(name):
            yield f"export {name!r} is not an attribute name"
        elif name in ("id", "arn"):
            yield f"export {name!r}: every resource is found by its id and arn already"


def _follow(pattern: str, shapes: Mapping[str, Any]) -> str | None:
    shape: Any = dict(shapes)
    here = ""
    for step in pattern.split("."):
        name, star = (step[:-3], True) if step.endswith("[*]") else (step, False)
        if shape is ANY:
            return None  # a document or a hook's value: the path goes on inside it
        if isinstance(shape, list):
            return f"{here} is a list: write {here}[*]"
        if not isinstance(shape, dict) or name not in shape:
            return f"{'no argument' if not here else here + ' has no'} {name!r}"
        shape = shape[name]
        here = f"{here}.{name}" if here else name
        if star:
            if isinstance(shape, list):
                shape = shape[0]
            elif shape is not ANY:
                return f"{here} is a block, not a list: drop the [*]"
    if isinstance(shape, list):
        return f"{here} is a list: write {here}[*]"
    if isinstance(shape, dict):
        return f"{here} is a block, not a value"
    return None


# -- ARN -------------------------------------------------------------------------------------------------


def _arn(spec: ResourceSpec) -> Iterator[str]:
    arn = spec.arn
    if arn is None:
        return
    has_parent = spec.child is not None
    template = arn.template if isinstance(arn, Arn) else arn
    if isinstance(template, str):
        for problem in _template(template, ("item", "parent") if has_parent else ("item",)):
            yield f"arn: {problem}"
    else:
        yield from _expression(template, "arn", has_parent)
    if isinstance(arn, Arn):
        if not isinstance(arn.service, str) or not SERVICE.fullmatch(arn.service):
            yield f"arn: {arn.service!r} is not an ARN service segment"
        if not isinstance(arn.resource_type, str) or not re.fullmatch(r"[A-Za-z0-9-]*", arn.resource_type):
            yield f"arn: {arn.resource_type!r} is not an ARN resource type"
        spelled = arn_shape(arn.template)
        if spelled and spelled != (arn.service, arn.resource_type):
            yield f"arn: the template says {spelled}, Arn(...) says {(arn.service, arn.resource_type)}"
    elif arn_shape(arn) is None:
        yield (
            "arn: say which service and resource type the ARN has: a template that spells it out "
            "('arn:aws:ec2:{region}:{account}:vpc/{VpcId}'), or Arn('{FunctionArn}', 'lambda', 'function')"
        )
