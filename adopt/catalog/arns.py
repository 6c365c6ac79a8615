"""ARNs: the shape a spec's ARN has, and which type an ARN names.

An argument that may name "any target" by ARN (an SNS subscription's
endpoint, an EventBridge target) refers to whichever registered type's ARN
it is: the table is derived from the specs' ARN templates, by their service
and resource-type segments (``arn:aws:lambda:...:function:orders`` is
``("lambda", "function")``, ``arn:aws:sqs:...:orders`` is ``("sqs", "")``).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING, Any

from .expressions import Expr, Expression
from .templates import Format, render_template

if TYPE_CHECKING:
    from .spec import ResourceSpec

_FIELD = "\0"  # stands for a template field while the literal segments are read


@dataclass(frozen=True)
class Arn(Expression):
    """An ARN the API answers whole (``"{QueueArn}"``), with the segments every
    such ARN has: ``Arn("{FunctionArn}", "lambda", "function")``.  A template
    that spells the ARN out (``"arn:aws:ec2:{region}:{account}:vpc/{VpcId}"``)
    says them itself and needs no ``Arn``."""

    template: Expr
    service: str
    resource_type: str = ""
    _parts = ("template",)

    def evaluate(self, item, ctx):
        return render_template(self.template, item, ctx)


def split_arn(value: str) -> tuple[str, str] | None:
    """``(service, resource type)`` of an ARN; the type is ``""`` when the
    resource part has none (``arn:aws:s3:::bucket``)."""
    parts = value.split(":", 5)
    if len(parts) < 6 or parts[0] != "arn" or not parts[2]:
        return None
    resource = parts[5].lstrip("/")
    cut = min((i for i in (resource.find("/"), resource.find(":")) if i >= 0), default=-1)
    return parts[2], resource[:cut] if cut >= 0 else ""


def template_shape(template: str) -> tuple[str, str] | None:
    """The literal service and resource-type segments of an ARN template, or
    ``None`` when the template does not spell them (a bare ``"{Arn}"``)."""
    import string

    flat = "".join(
        literal + ("" if field is None else _FIELD) for literal, field, _s, _c in string.Formatter().parse(template)
    )
    shape = split_arn(flat)
    if shape is None or _FIELD in shape[0]:
        return None
    return shape[0], "" if _FIELD in shape[1] else shape[1]


def arn_shape(arn: Any) -> tuple[str, str] | None:
    """The shape of a spec's ``arn``: declared by :class:`Arn`, or read from its template."""
    if isinstance(arn, Arn):
        return arn.service, arn.resource_type
    if isinstance(arn, Format):
        arn = arn.template
    return template_shape(arn) if isinstance(arn, str) else None


def _ancestors(spec: ResourceSpec, by_type: Mapping[str, ResourceSpec]) -> set[str]:
    out: set[str] = set()
    while spec.parent and spec.parent not in out and spec.parent in by_type:
        out.add(spec.parent)
        spec = by_type[spec.parent]
    return out


def derive_targets(specs: tuple[ResourceSpec, ...]) -> dict[tuple[str, str], str]:
    """Each ARN shape and the one type it names.  Where a child's ARN nests
    under its parent's (a topic's subscriptions, an API's stages), the ARN
    names the parent; a shape that two unrelated types share (ingress and
    egress rules) names neither: a wrong reference is worse than none."""
    by_type = {s.tf_type: s for s in specs}
    claims: dict[tuple[str, str], list[ResourceSpec]] = {}
    for spec in specs:
        shape = arn_shape(spec.arn)
        if shape:
            claims.setdefault(shape, []).append(spec)
    table: dict[tuple[str, str], str] = {}
    for shape, claimants in claims.items():
        names = {s.tf_type for s in claimants}
        outermost = [s for s in claimants if not (_ancestors(s, by_type) & names)]
        if len(outermost) == 1:
            table[shape] = outermost[0].tf_type
    return table


@cache
def arn_targets() -> dict[tuple[str, str], str]:
    from . import registry  # the registry imports the specs, which use this module

    return derive_targets(registry.all_specs())


class ArnTargets:
    """The type of a :class:`~adopt.catalog.spec.Ref` to whatever registered resource an ARN names."""

    def __repr__(self) -> str:
        return "ARN_TARGET"

    @property
    def types(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(arn_targets().values()))

    def type_for(self, value: str) -> str | None:
        shape = split_arn(value)
        if shape is None:
            return None
        table = arn_targets()
        return table.get(shape) or table.get((shape[0], ""))


ARN_TARGET = ArnTargets()
