"""Value expressions: what a spec says an argument is, evaluated against one API item.

A plain string is a dotted path into the item (``"Placement.Tenancy"``);
``"parent.X"`` reads the parent's item and ``"region"`` the scanned region.
The classes here cover what a path cannot say.  Every expression is also
callable as ``expr(item, ctx)``, so one can stand wherever a hook function
could (``include``, ``is_default``, ``id``...).

Literal values inside an expression (``Is("State", "available")``,
``Unless("Tier", "Standard")``) are constants, never paths; wrap a path in
:class:`Path` where a value must be read instead (``Unless("Group", REGION)``).
See :mod:`adopt.catalog.spec` for the whole language.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any

Expr = Any  # str path | Expression | dict of sub-expressions (a nested block) | hook fn(item, ctx)


@dataclass(frozen=True)
class Context:
    """What an expression may know besides its item."""

    region: str
    account: str | None
    parent: Mapping[str, Any] | None = None


def get_path(item: Any, path: str) -> Any:
    """Dotted lookup that tolerates missing keys (``None``)."""
    value = item
    for part in path.split("."):
        if isinstance(value, Mapping):
            value = value.get(part)
        else:
            return None
        if value is None:
            return None
    return value


class Expression:
    """A value computed from an item.  ``_parts`` names the attributes that
    hold sub-expressions, for the checks in :mod:`adopt.catalog.validate`."""

    _parts: tuple[str, ...] = ()

    def evaluate(self, item: Mapping[str, Any], ctx: Context) -> Any:  # pragma: no cover - interface
        raise NotImplementedError

    def __call__(self, item: Mapping[str, Any], ctx: Context) -> Any:
        return self.evaluate(item, ctx)

    def parts(self) -> Iterator[Expr]:
        for name in self._parts:
            value = getattr(self, name)
            if isinstance(value, tuple):
                yield from value
            elif value is not None:
                yield value


def evaluate(expr: Expr, item: Mapping[str, Any], ctx: Context) -> Any:
    if expr is None:
        return None
    if isinstance(expr, str):
        if expr == "region":
            return ctx.region
        if expr.startswith("parent."):
            return get_path(ctx.parent or {}, expr[len("parent.") :])
        return get_path(item, expr)
    if isinstance(expr, Expression):
        return expr.evaluate(item, ctx)
    if isinstance(expr, Mapping):
        obj = {name: evaluate(sub, item, ctx) for name, sub in expr.items()}
        return obj if any(v is not None for v in obj.values()) else None
    if callable(expr):
        return expr(item, ctx)
    raise TypeError(f"not an expression: {expr!r}")


def _values(values: tuple[Any, ...], item: Mapping[str, Any], ctx: Context) -> list[Any]:
    """Literal constants, except expressions (a :class:`Path`), which are evaluated."""
    return [evaluate(v, item, ctx) if isinstance(v, Expression) else v for v in values]


def _order(value: Any) -> tuple:
    """A sort key that never compares across types (``None`` last)."""
    return (value is None, type(value).__name__, 0 if value is None else value)


def _elements(expr: Expr, item: Mapping[str, Any], ctx: Context) -> list[Any]:
    value = evaluate(expr, item, ctx)
    return list(value) if isinstance(value, (list, tuple)) else []


# -- reading ------------------------------------------------------------------------


@dataclass(frozen=True)
class Path(Expression):
    """A path read where a literal would be taken (``Is("Device", Path("parent.RootDeviceName"))``)."""

    path: str
    _parts = ("path",)

    def evaluate(self, item, ctx):
        return evaluate(self.path, item, ctx)


REGION = Path("region")  # the region being scanned


@dataclass(frozen=True)
class Const(Expression):
    value: Any

    def evaluate(self, item, ctx):
        return self.value


@dataclass(frozen=True)
class Kept:
    """A value kept even when empty (see :class:`Keep`)."""

    value: Any


@dataclass(frozen=True)
class Keep(Expression):
    """Keep the value even when it is empty: the engine drops ``""``, ``[]``
    and ``{}`` as unset, but some are meaningful (a required
    ``target_prefix = ""``, a lifecycle filter on every key: ``prefix = ""``)."""

    expr: Expr
    _parts = ("expr",)

    def evaluate(self, item, ctx):
        value = evaluate(self.expr, item, ctx)
        return None if value is None else Kept(value)


@dataclass(frozen=True)
class Shared(Expression):
    """An export that many resources of the type have alike (every load
    balancer of a region is in one hosted zone, every distribution in
    CloudFront's): it names a resource only beside a value that names that
    resource alone, such as the DNS name next to it in a Route 53 alias."""

    expr: Expr
    _parts = ("expr",)

    def evaluate(self, item, ctx):
        return evaluate(self.expr, item, ctx)


@dataclass(frozen=True)
class Default(Expression):
    """The value, or ``value`` (a constant) where there is none."""

    expr: Expr
    value: Any
    _parts = ("expr",)

    def evaluate(self, item, ctx):
        got = evaluate(self.expr, item, ctx)
        return self.value if got is None else got


@dataclass(frozen=True)
class Map(Expression):
    """Translate an API value to the provider's spelling (``{"enabled": True}``);
    a value the table does not name passes unchanged."""

    path: Expr
    table: Mapping[Any, Any]
    _parts = ("path",)

    def evaluate(self, item, ctx):
        value = evaluate(self.path, item, ctx)
        try:
            return self.table.get(value, value)
        except TypeError:  # an unhashable value (a list) is in no table
            return value


# -- conditions (each returns a bool, except Or, which returns the value) -------------


@dataclass(frozen=True)
class Has(Expression):
    """True when the value is set and not empty (``false``, ``0`` and ``""`` are not set)."""

    expr: Expr
    _parts = ("expr",)

    def evaluate(self, item, ctx):
        return bool(evaluate(self.expr, item, ctx))


@dataclass(frozen=True)
class Is(Expression):
    """True when the value is one of ``values`` (``None`` matches a missing value)."""

    expr: Expr
    values: tuple[Any, ...]
    _parts = ("expr",)

    def __init__(self, expr: Expr, *values: Any) -> None:
        object.__setattr__(self, "expr", expr)
        object.__setattr__(self, "values", values)

    def parts(self):
        yield self.expr
        yield from (v for v in self.values if isinstance(v, Expression))

    def evaluate(self, item, ctx):
        value = evaluate(self.expr, item, ctx)
        return any(value == v for v in _values(self.values, item, ctx))


@dataclass(frozen=True)
class Not(Expression):
    expr: Expr
    _parts = ("expr",)

    def evaluate(self, item, ctx):
        return not evaluate(self.expr, item, ctx)


@dataclass(frozen=True)
class And(Expression):
    exprs: tuple[Expr, ...]
    _parts = ("exprs",)

    def __init__(self, *exprs: Expr) -> None:
        object.__setattr__(self, "exprs", exprs)

    def evaluate(self, item, ctx):
        return all(evaluate(e, item, ctx) for e in self.exprs)


@dataclass(frozen=True)
class Or(Expression):
    """The first alternative that is set (truthy), else ``None``."""

    exprs: tuple[Expr, ...]
    _parts = ("exprs",)

    def __init__(self, *exprs: Expr) -> None:
        object.__setattr__(self, "exprs", exprs)

    def evaluate(self, item, ctx):
        for expr in self.exprs:
            value = evaluate(expr, item, ctx)
            if value:
                return value
        return None


@dataclass(frozen=True)
class _TextTest(Expression):
    expr: Expr
    text: str
    _parts = ("expr",)

    def evaluate(self, item, ctx):
        value = evaluate(self.expr, item, ctx)
        return isinstance(value, str) and self.test(value)

    def test(self, value: str) -> bool:  # pragma: no cover - interface
        raise NotImplementedError


class StartsWith(_TextTest):
    def test(self, value):
        return value.startswith(self.text)


class EndsWith(_TextTest):
    def test(self, value):
        return value.endswith(self.text)


class Contains(_TextTest):
    def test(self, value):
        return self.text in value


@dataclass(frozen=True)
class Above(Expression):
    """True for a number greater than ``limit`` (on-demand tables report 0 capacity: unset)."""

    expr: Expr
    limit: float
    _parts = ("expr",)

    def evaluate(self, item, ctx):
        value = evaluate(self.expr, item, ctx)
        return isinstance(value, (int, float)) and not isinstance(value, bool) and value > self.limit


@dataclass(frozen=True)
class Some(Expression):
    """True when an element of the list at ``path`` satisfies ``where`` (evaluated on the element)."""

    path: Expr
    where: Expr
    _parts = ("path", "where")

    def evaluate(self, item, ctx):
        return any(evaluate(self.where, e, ctx) for e in _elements(self.path, item, ctx))


@dataclass(frozen=True)
class HasTag(Expression):
    """True when the AWS tag list has a tag ``key`` (AWS's own ``aws:`` tags included)."""

    key: str
    path: Expr = "Tags"
    _parts = ("path",)

    def evaluate(self, item, ctx):
        return any(isinstance(t, Mapping) and t.get("Key") == self.key for t in _elements(self.path, item, ctx))


@dataclass(frozen=True)
class When(Expression):
    """``then`` where ``condition`` holds, else ``otherwise`` (unset by default)."""

    condition: Expr
    then: Expr
    otherwise: Expr = None
    _parts = ("condition", "then", "otherwise")

    def evaluate(self, item, ctx):
        return evaluate(self.then if evaluate(self.condition, item, ctx) else self.otherwise, item, ctx)


@dataclass(frozen=True)
class Unless(Expression):
    """The value, unset where it is one of ``usual`` (AWS's usual value, the
    provider's default inside a block).  As with ``in``, ``False == 0``."""

    expr: Expr
    usual: tuple[Any, ...]
    _parts = ("expr",)

    def __init__(self, expr: Expr, *usual: Any) -> None:
        object.__setattr__(self, "expr", expr)
        object.__setattr__(self, "usual", usual)

    def parts(self):
        yield self.expr
        yield from (v for v in self.usual if isinstance(v, Expression))

    def evaluate(self, item, ctx):
        value = evaluate(self.expr, item, ctx)
        return None if any(value == v for v in _values(self.usual, item, ctx)) else value


@dataclass(frozen=True)
class Flag(Expression):
    """``true`` when set, else unset: for flags whose default is false."""

    expr: Expr
    _parts = ("expr",)

    def evaluate(self, item, ctx):
        return True if evaluate(self.expr, item, ctx) else None


# -- coercion: AWS answers many values as strings ("60", "true") ------------------------


@dataclass(frozen=True)
class Int(Expression):
    """A whole number from a number or its text; unset for anything else."""

    expr: Expr
    _parts = ("expr",)

    def evaluate(self, item, ctx):
        value = evaluate(self.expr, item, ctx)
        if isinstance(value, bool) or value is None:
            return None
        try:
            return int(value)
        except (TypeError, ValueError):
            return None


@dataclass(frozen=True)
class Bool(Expression):
    """A boolean from ``true``/``false`` text (any case) or a boolean; unset when empty."""

    expr: Expr
    _parts = ("expr",)

    def evaluate(self, item, ctx):
        value = evaluate(self.expr, item, ctx)
        if value is None or value == "":
            return None
        if isinstance(value, bool):
            return value
        return str(value).lower() == "true"


@dataclass(frozen=True)
class Str(Expression):
    """Text, as the provider wants for tri-states and numbers it types as strings
    (a boolean is ``"true"``/``"false"``)."""

    expr: Expr
    _parts = ("expr",)

    def evaluate(self, item, ctx):
        value = evaluate(self.expr, item, ctx)
        if value is None:
            return None
        if isinstance(value, bool):
            return "true" if value else "false"
        return str(value)


@dataclass(frozen=True)
class Timestamp(Expression):
    """A time (boto3 parses them) as RFC 3339 in UTC, ``2030-01-01T00:00:00Z``."""

    expr: Expr
    _parts = ("expr",)

    def evaluate(self, item, ctx):
        value = evaluate(self.expr, item, ctx)
        if isinstance(value, dt.datetime):
            return value.astimezone(dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
        return value


# -- text ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class _TextOp(Expression):
    expr: Expr
    _parts = ("expr",)

    def evaluate(self, item, ctx):
        value = evaluate(self.expr, item, ctx)
        return self.apply(value) if isinstance(value, str) else value

    def apply(self, value: str) -> Any:  # pragma: no cover - interface
        raise NotImplementedError


class Lower(_TextOp):
    def apply(self, value):
        return value.lower()


class Trim(_TextOp):
    """Without surrounding white space (a public key's trailing newline)."""

    def apply(self, value):
        return value.strip()


@dataclass(frozen=True)
class TrimPrefix(Expression):
    expr: Expr
    prefix: str
    _parts = ("expr",)

    def evaluate(self, item, ctx):
        value = evaluate(self.expr, item, ctx)
        return value.removeprefix(self.prefix) if isinstance(value, str) else value


@dataclass(frozen=True)
class Replace(Expression):
    expr: Expr
    old: str
    new: str
    _parts = ("expr",)

    def evaluate(self, item, ctx):
        value = evaluate(self.expr, item, ctx)
        return value.replace(self.old, self.new) if isinstance(value, str) else value


@dataclass(frozen=True)
class Part(Expression):
    """One part of a text split on ``sep``: ``Part("Engine", "-", 0)`` of ``aurora-mysql`` is ``aurora``."""

    expr: Expr
    sep: str
    index: int
    _parts = ("expr",)

    def evaluate(self, item, ctx):
        value = evaluate(self.expr, item, ctx)
        if value is None:
            return None
        parts = str(value).split(self.sep)
        return parts[self.index] if -len(parts) <= self.index < len(parts) else None


def NameFromUrl(expr: Expr) -> Part:
    """The last segment of a URL or path (``https://sqs.../123/orders`` -> ``orders``, ``/dev/sdf`` -> ``sdf``)."""
    return Part(expr, "/", -1)


@dataclass(frozen=True)
class NameFromArn(Expression):
    """The last part of an ARN (``...:instance-profile/web`` -> ``web``)."""

    path: Expr
    _parts = ("path",)

    def evaluate(self, item, ctx):
        arn = evaluate(self.path, item, ctx)
        if not arn:
            return None
        return str(arn).rsplit("/", 1)[-1].rsplit(":", 1)[-1]


@dataclass(frozen=True)
class Split(Expression):
    """A text list (``"subnet-a,subnet-b"``) as a list, without empty parts."""

    expr: Expr
    sep: str
    _parts = ("expr",)

    def evaluate(self, item, ctx):
        value = evaluate(self.expr, item, ctx)
        return [p for p in str(value).split(self.sep) if p] or None if value else None


@dataclass(frozen=True)
class Join(Expression):
    """A list as one text (``" ".join``)."""

    expr: Expr
    sep: str
    _parts = ("expr",)

    def evaluate(self, item, ctx):
        values = [v for v in _elements(self.expr, item, ctx) if v is not None]
        return self.sep.join(str(v) for v in values) if values else None


# -- lists and maps ----------------------------------------------------------------------


@dataclass(frozen=True)
class Each(Expression):
    """A list of nested objects, one per element of the list at ``path``;
    ``fields`` are evaluated against each element.  ``where`` keeps only the
    elements it holds for; ``sort_by`` orders the objects by one of their fields."""

    path: Expr
    fields: Mapping[str, Expr]
    where: Expr = None
    sort_by: str | None = None
    _parts = ("path", "fields", "where")

    def evaluate(self, item, ctx):
        elements = _elements(self.path, item, ctx)
        if self.where is not None:
            elements = [e for e in elements if evaluate(self.where, e, ctx)]
        out = [evaluate(dict(self.fields), element, ctx) for element in elements]
        out = [o for o in out if o is not None]
        if self.sort_by:
            out.sort(key=lambda o: _order(o.get(self.sort_by)))
        return out or None


@dataclass(frozen=True)
class Pluck(Expression):
    """A list of one field of each element: ``Pluck("SecurityGroups", "GroupId")``."""

    path: Expr
    field: str
    _parts = ("path",)

    def evaluate(self, item, ctx):
        values = [get_path(e, self.field) for e in _elements(self.path, item, ctx)]
        return [v for v in values if v is not None] or None


@dataclass(frozen=True)
class Sorted(Expression):
    """A list in a stable order, without empty values: how sets are written."""

    expr: Expr
    _parts = ("expr",)

    def evaluate(self, item, ctx):
        values = [v for v in _elements(self.expr, item, ctx) if v is not None and v != ""]
        return sorted(values, key=_order) or None


@dataclass(frozen=True)
class First(Expression):
    """The first element of a list (the first ``where`` holds for), or its ``field``."""

    path: Expr
    field: str | None = None
    where: Expr = None
    _parts = ("path", "where")

    def evaluate(self, item, ctx):
        for element in _elements(self.path, item, ctx):
            if self.where is None or evaluate(self.where, element, ctx):
                return get_path(element, self.field) if self.field else element
        return None


@dataclass(frozen=True)
class ListOf(Expression):
    """The value as a one-element list, for blocks the provider types as lists."""

    expr: Expr
    _parts = ("expr",)

    def evaluate(self, item, ctx):
        value = evaluate(self.expr, item, ctx)
        return None if value is None else [value]


@dataclass(frozen=True)
class Lookup(Expression):
    """One entry of an attribute list (``[{"Key": "idle_timeout.timeout_seconds",
    "Value": "60"}, ...]``): the ``value_field`` of the entry whose
    ``key_field`` is ``key``."""

    path: Expr
    key: str
    key_field: str = "Key"
    value_field: str = "Value"
    _parts = ("path",)

    def evaluate(self, item, ctx):
        for entry in _elements(self.path, item, ctx):
            if isinstance(entry, Mapping) and entry.get(self.key_field) == self.key:
                return entry.get(self.value_field)
        return None


@dataclass(frozen=True)
class AsMap(Expression):
    """A list of name/value entries as a map (CloudWatch dimensions), in the
    API's order or, with ``sort``, by name."""

    path: Expr
    key_field: str = "Key"
    value_field: str = "Value"
    sort: bool = False
    _parts = ("path",)

    def evaluate(self, item, ctx):
        pairs = [
            (e.get(self.key_field), e.get(self.value_field))
            for e in _elements(self.path, item, ctx)
            if isinstance(e, Mapping) and e.get(self.key_field)
        ]
        if self.sort:
            pairs.sort(key=lambda p: _order(p[0]))
        return dict(pairs) or None


@dataclass(frozen=True)
class Entries(Expression):
    """A map as a list of ``{"Key": k, "Value": v}``, by key (to go through with :class:`Each`)."""

    expr: Expr
    _parts = ("expr",)

    def evaluate(self, item, ctx):
        value = evaluate(self.expr, item, ctx)
        if not isinstance(value, Mapping):
            return None
        return [{"Key": k, "Value": v} for k, v in sorted(value.items(), key=lambda kv: _order(kv[0]))] or None


# -- tags -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Tags(Expression):
    """An AWS tag list (``[{"Key": .., "Value": ..}]``) or map, as a Terraform map.

    Tags under the reserved ``aws:`` prefix are set by AWS and cannot be
    written, so they are left out.
    """

    path: Expr = "Tags"
    _parts = ("path",)

    def evaluate(self, item, ctx):
        return tags_of(evaluate(self.path, item, ctx))


@dataclass(frozen=True)
class Tag(Expression):
    """The value of one tag (``Tag("Name")``), not counting AWS's ``aws:`` tags."""

    key: str
    path: Expr = "Tags"
    _parts = ("path",)

    def evaluate(self, item, ctx):
        return (tags_of(evaluate(self.path, item, ctx)) or {}).get(self.key)


def tags_of(raw: Any) -> dict[str, str] | None:
    """Tags in any of AWS's spellings (``Key``/``Value``, ``key``/``value``,
    KMS's ``TagKey``/``TagValue``, or a map), sorted, without ``aws:`` tags."""
    if not raw:
        return None
    if isinstance(raw, Mapping):
        pairs: Iterable[tuple[Any, Any]] = raw.items()
    else:
        pairs = (_tag_pair(t) for t in raw if isinstance(t, Mapping))
    tags = {k: "" if v is None else str(v) for k, v in pairs if isinstance(k, str) and k and not k.startswith("aws:")}
    return dict(sorted(tags.items())) or None


def _tag_pair(tag: Mapping[str, Any]) -> tuple[Any, Any]:
    for key, value in (("Key", "Value"), ("key", "value"), ("TagKey", "TagValue")):
        if tag.get(key):
            return tag[key], tag.get(value)
    return None, None
