"""Templates: ``str.format`` strings whose fields are paths into the item.

``"{RouteTableId}_{DestinationCidrBlock}"``, ``"{parent.Name}"`` (the
parent's item), ``"{region}"`` and ``"{account}"``.  A template renders to
``None`` when a field it needs is missing, so an ID is never half made.
:class:`Format` adds named fields computed by expressions.
"""

from __future__ import annotations

import string
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from .expressions import Context, Expr, Expression, evaluate

SPECIAL_FIELDS = ("region", "account")


class _PathFormatter(string.Formatter):
    def __init__(self, ctx: Context, named: Mapping[str, Expr]) -> None:
        self.ctx = ctx
        self.named = named

    def get_field(self, field_name, args, kwargs):
        item = kwargs["item"]
        if field_name == "region":
            return self.ctx.region, field_name
        if field_name == "account":
            return self.ctx.account or "", field_name
        value = evaluate(self.named.get(field_name, field_name), item, self.ctx)
        if value is None:
            raise KeyError(field_name)
        return value, field_name


def _render(template: str, named: Mapping[str, Expr], item: Mapping[str, Any], ctx: Context) -> str | None:
    try:
        return _PathFormatter(ctx, named).format(template, item=item)
    except KeyError:
        return None


@dataclass(frozen=True)
class Format(Expression):
    """A template whose named fields are expressions:
    ``Format("{parent.RouteTableId}_{destination}", destination=Or("DestinationCidrBlock", ...))``.
    Other fields are paths, as in any template."""

    template: str
    named: Mapping[str, Expr]

    def __init__(self, template: str, **named: Expr) -> None:
        object.__setattr__(self, "template", template)
        object.__setattr__(self, "named", named)

    def parts(self):
        yield from self.named.values()

    def __hash__(self) -> int:
        return hash((self.template, tuple(self.named)))

    def evaluate(self, item, ctx):
        return _render(self.template, self.named, item, ctx)


def render_template(template: str | Expression | Callable | None, item: Mapping[str, Any], ctx: Context) -> str | None:
    """Fill a template; ``None`` when a field it needs is missing."""
    if template is None:
        return None
    if isinstance(template, str):
        return _render(template, {}, item, ctx)
    value = evaluate(template, item, ctx)
    return None if value is None else str(value)


def fill_params(params: Any, item: Mapping[str, Any], ctx: Context) -> Any:
    """Call parameters with ``{...}`` templates filled from the item/parent; a
    parameter may also be an expression (a :class:`Format` whose fields are computed)."""
    if isinstance(params, Expression):
        return evaluate(params, item, ctx)
    if isinstance(params, str):
        if "{" in params:
            return render_template(params, item, ctx)
        return params
    if isinstance(params, Mapping):
        return {k: fill_params(v, item, ctx) for k, v in params.items()}
    if isinstance(params, (list, tuple)):
        return [fill_params(v, item, ctx) for v in params]
    return params


def template_fields(template: str) -> Iterator[tuple[str, str | None, str | None]]:
    """``(field, format_spec, conversion)`` of each field; raises ``ValueError`` on bad syntax."""
    for _literal, field, spec, conversion in string.Formatter().parse(template):
        if field is not None:
            yield field, spec or None, conversion


def literal_prefix(template: str) -> str:
    """The text before the first field (``arn:aws:ec2:`` of ``arn:aws:ec2:{region}:...``)."""
    out = []
    for literal, field, _spec, _conversion in string.Formatter().parse(template):
        out.append(literal)
        if field is not None:
            break
    return "".join(out)
