"""The declarative resource spec: the unit of extension.

A spec says, for one Terraform resource type, how to find its objects with
boto3 and what each object's Terraform arguments are.  The scan engine
(:mod:`adopt.scan.engine`) runs specs; it has no knowledge of any one type.

Values are *expressions* evaluated against one API item (a dict from a
response).  Plain strings are dotted paths into the item (``"Placement.Tenancy"``);
the classes below cover the rest.  Any expression may also be a callable
``fn(item, ctx) -> value`` for the odd case, kept next to its spec.

Templates (``id``, ``import_id``, ``arn``, call parameters) are ``str.format``
strings whose fields are paths: ``"{RouteTableId}_{DestinationCidrBlock}"``,
``"{parent.Name}"`` (the parent's item), ``"{region}"`` and ``"{account}"``.
"""

from __future__ import annotations

import json
import re
import string
import urllib.parse
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

MISSING: Any = None


@dataclass(frozen=True)
class Context:
    """What an expression may know besides its item."""

    region: str
    account: str | None
    parent: Mapping[str, Any] | None = None


Expr = Any  # str path | Expression | callable | dict of sub-expressions (a nested object)


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
    def evaluate(self, item: Mapping[str, Any], ctx: Context) -> Any:  # pragma: no cover - interface
        raise NotImplementedError


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


@dataclass(frozen=True)
class Secret:
    """What an expression returns for a value that must never be written (a
    password, a SecureString): the argument becomes a sensitive variable."""

    reason: str


# Names that usually hold secrets (DB_PASSWORD, API_KEY, GithubToken...).
_SECRET_WORDS = re.compile(r"PASSWORD|PASSWD|PASSPHRASE|PWD|SECRET|TOKEN|KEY|CREDENTIAL|PRIVATE|AUTH|SIGNATURE")
# A URL carrying a password (postgres://app:hunter2@db/app).
_URL_WITH_PASSWORD = re.compile(r"://[^/\s:@]+:[^/\s@]+@")


def looks_secret(name: str, value: Any = None) -> bool:
    """Does a name (an environment variable, a header) or its value look like it holds a secret?"""
    return bool(_SECRET_WORDS.search(name.upper())) or bool(isinstance(value, str) and _URL_WITH_PASSWORD.search(value))


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

    def evaluate(self, item, ctx):
        value = evaluate(self.expr, item, ctx)
        return None if value is None else Kept(value)


@dataclass(frozen=True)
class Const(Expression):
    value: Any

    def evaluate(self, item, ctx):
        return self.value


@dataclass(frozen=True)
class Each(Expression):
    """A list of nested objects, one per element of the list at ``path``."""

    path: str
    fields: Mapping[str, Expr]

    def evaluate(self, item, ctx):
        elements = evaluate(self.path, item, ctx) or []
        out = [evaluate(dict(self.fields), element, ctx) for element in elements]
        return [o for o in out if o is not None] or None


@dataclass(frozen=True)
class Pluck(Expression):
    """A list of one field of each element: ``Pluck("SecurityGroups", "GroupId")``."""

    path: str
    field: str

    def evaluate(self, item, ctx):
        values = [get_path(e, self.field) for e in evaluate(self.path, item, ctx) or []]
        return [v for v in values if v is not None] or None


@dataclass(frozen=True)
class Tags(Expression):
    """An AWS tag list (``[{"Key": .., "Value": ..}]``) or map, as a Terraform map.

    Tags under the reserved ``aws:`` prefix are set by AWS and cannot be
    written, so they are left out.
    """

    path: str = "Tags"

    def evaluate(self, item, ctx):
        return tags_of(evaluate(self.path, item, ctx))


def tags_of(raw: Any) -> dict[str, str] | None:
    if not raw:
        return None
    if isinstance(raw, Mapping):
        pairs = raw.items()
    else:
        pairs = ((t.get("Key") or t.get("key"), t.get("Value", t.get("value"))) for t in raw)
    tags = {k: "" if v is None else str(v) for k, v in pairs if k and not k.startswith("aws:")}
    return dict(sorted(tags.items())) or None


@dataclass(frozen=True)
class JsonDocument(Expression):
    """A JSON document (a policy), stored canonical and written as ``jsonencode``.

    IAM returns documents URL-encoded; both forms are accepted.  ``transform``
    may rewrite the parsed document first (and put ``Secret`` markers in it).
    """

    path: Expr
    transform: Callable[[Any, Context], Any] | None = None

    def evaluate(self, item, ctx):
        doc = parse_json(evaluate(self.path, item, ctx))
        if doc is None:
            return None
        return ParsedJson(self.transform(doc, ctx) if self.transform else doc)


@dataclass(frozen=True)
class ParsedJson:
    """A parsed JSON document: kept whole (never pruned), stored canonical."""

    doc: Any


def parse_json(raw: Any) -> Any:
    if raw is None or raw == "":
        return None
    if not isinstance(raw, str):
        return raw
    text = raw
    if text.lstrip()[:3].upper() in ("%7B", "%5B"):
        text = urllib.parse.unquote(text)
    try:
        return json.loads(text)
    except json.JSONDecodeError:
        return None


def canonical_json(raw: Any) -> str | None:
    """One compact spelling of a document (key order kept: it is the author's)."""
    doc = parse_json(raw)
    if doc is None:
        return raw or None  # not JSON after all: kept as it was
    return json.dumps(doc, separators=(",", ":"), ensure_ascii=False)


@dataclass(frozen=True)
class NameFromArn(Expression):
    """The last part of an ARN (``...:instance-profile/web`` -> ``web``)."""

    path: str

    def evaluate(self, item, ctx):
        arn = evaluate(self.path, item, ctx)
        if not arn:
            return None
        return str(arn).rsplit("/", 1)[-1].rsplit(":", 1)[-1]


@dataclass(frozen=True)
class Map(Expression):
    """Translate an API value to the provider's spelling (``{"enabled": "Enabled"}``)."""

    path: Expr
    table: Mapping[Any, Any]

    def evaluate(self, item, ctx):
        value = evaluate(self.path, item, ctx)
        return self.table.get(value, value)


class _PathFormatter(string.Formatter):
    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx

    def get_field(self, field_name, args, kwargs):
        item = kwargs["item"]
        if field_name == "region":
            return self.ctx.region, field_name
        if field_name == "account":
            return self.ctx.account or "", field_name
        value = evaluate(field_name, item, self.ctx)
        if value is None:
            raise KeyError(field_name)
        return value, field_name


def render_template(template: str | Callable | None, item: Mapping[str, Any], ctx: Context) -> str | None:
    """Fill a template; ``None`` when a field it needs is missing."""
    if template is None:
        return None
    if callable(template) and not isinstance(template, str):
        value = template(item, ctx)
        return None if value is None else str(value)
    try:
        return _PathFormatter(ctx).format(template, item=item)
    except KeyError:
        return None


def fill_params(params: Any, item: Mapping[str, Any], ctx: Context) -> Any:
    """Call parameters with ``{...}`` templates filled from the item/parent."""
    if isinstance(params, str):
        if "{" in params:
            return render_template(params, item, ctx)
        return params
    if isinstance(params, Mapping):
        return {k: fill_params(v, item, ctx) for k, v in params.items()}
    if isinstance(params, (list, tuple)):
        return [fill_params(v, item, ctx) for v in params]
    return params


@dataclass(frozen=True)
class Call:
    """One boto3 call.

    ``items`` is the path to the list of items in each response page
    (``"Reservations[].Instances"`` flattens a list of lists), or a function
    ``fn(page) -> list``; ``None`` means the whole response is one item
    (``get_bucket_versioning``).  Error codes in
    ``absent_on`` mean "nothing here" (``NoSuchBucketPolicy``), not a failure.
    ``merge_into`` (detail calls only) names the key the result is stored under
    in the item; ``None`` merges the result's keys into the item.
    """

    operation: str
    items: str | Callable[[Mapping[str, Any]], list] | None = None
    params: Mapping[str, Any] = field(default_factory=dict)
    absent_on: tuple[str, ...] = ()
    merge_into: str | None = None
    item_key: str = "Value"  # scalar items (a list of names) become {item_key: name}


@dataclass(frozen=True)
class Ref:
    """An argument that holds another resource's ``id``, ``arn`` or ``name``.

    ``type`` is a Terraform type, or, for an argument that may hold ARNs of
    several kinds (an SNS subscription's endpoint), a mapping from the ARN's
    service (``"sqs"``, ``"lambda"``) to the type; a value that is no ARN of
    those services is then no reference at all.
    """

    type: str | Mapping[str, str]
    attribute: str = "id"

    @property
    def types(self) -> tuple[str, ...]:
        return (self.type,) if isinstance(self.type, str) else tuple(self.type.values())

    def type_for(self, value: str) -> str | None:
        if isinstance(self.type, str):
            return self.type
        parts = value.split(":")
        return self.type.get(parts[2]) if len(parts) > 5 and parts[0] == "arn" else None


# Resources an ARN may name where an argument takes "any target" (an SNS
# subscription's endpoint, an EventBridge target, a Lambda permission's source).
ARN_TARGETS = {
    "sqs": "aws_sqs_queue",
    "sns": "aws_sns_topic",
    "lambda": "aws_lambda_function",
    "events": "aws_cloudwatch_event_rule",
    "s3": "aws_s3_bucket",
    "kinesis": "aws_kinesis_stream",
    "firehose": "aws_kinesis_firehose_delivery_stream",
    "logs": "aws_cloudwatch_log_group",
    "states": "aws_sfn_state_machine",
}


@dataclass(frozen=True)
class InlineIn:
    """Where an owner resource may manage this one inline instead (a rule in
    ``aws_security_group.ingress``, a route in ``aws_route_table.route``).

    ``owner_argument`` is this resource's argument holding the owner's ID;
    ``owner_attribute`` the owner's argument that holds it inline;
    ``managed(attributes, owner_state)`` says whether the owner's state
    attributes include this resource (``attributes`` are this resource's).
    When the owner's code is known too, the owner must also write
    ``owner_attribute`` in its block: providers that moved a setting out to
    its own resource still report it, computed, in the owner's state.
    """

    owner_type: str
    owner_argument: str
    owner_attribute: str
    managed: Callable[[Mapping[str, Any], Mapping[str, Any]], bool]


@dataclass(frozen=True)
class ResourceSpec:
    tf_type: str
    service: str  # boto3 service name; also names the generated file (<service>.tf)
    id: str | Callable
    list: Call | None = None
    import_id: str | Callable | None = None  # default: same as id
    arn: str | Callable | None = None
    name: Expr = None  # the resource's own name (IAM role name, bucket name)
    label: Expr = None  # preferred source of the Terraform label; default "tag:Name", then name
    # Take the label of the resource this argument references (an association
    # is named after its subnet); falls back to ``label`` when not generated.
    label_from: str | None = None
    arguments: Mapping[str, Expr] = field(default_factory=dict)
    references: Mapping[str, Ref] = field(default_factory=dict)
    tags: Expr = None  # tag source for selection; default Tags("Tags") when "tags" is an argument
    details: tuple[Call, ...] = ()  # per-item calls that enrich the item before evaluation
    # Parent/child: a child is found per parent item, either by calling
    # ``list`` with parameters templated from the parent, from a list embedded
    # in the parent item (``items_from``), or from its own regional ``list``
    # joined on ``join`` == the parent's raw id field ``join_parent``.
    parent: str | None = None
    items_from: str | Callable[[Mapping[str, Any], Context], list] | None = None
    join: str | None = None
    join_parent: str | None = None
    is_global: bool = False  # listed once, not per region (IAM, S3 bucket listing)
    item_region: Expr = None  # for global listings of regional things: the item's region
    include: Callable[[Mapping[str, Any], Context], bool] | None = None  # False: not a resource
    is_default: Callable[[Mapping[str, Any], Context], bool] | None = None  # made by AWS, skipped by default
    # Also made by AWS when the resource these arguments reference is (the
    # internet gateway of the default VPC).
    default_with: tuple[str, ...] = ()
    stateful: bool = False  # lifecycle { prevent_destroy = true }
    # What a careless change risks, for the pull request's notes: "network"
    # (an apply could cut access) or "privilege"; stateful is its own note.
    risk: str | None = None
    # Batches keep a group together: "network" for a VPC's plumbing;
    # default: the service.
    batch_group: str | None = None
    json_arguments: tuple[str, ...] = ()  # written as jsonencode(...)
    # Arguments never read or written, each a sensitive variable: argument -> why.
    # (An expression may also return ``Secret(why)`` for a value that is
    # secret only sometimes, such as an SSM SecureString.)
    sensitive: Mapping[str, str] = field(default_factory=dict)
    # Arguments the provider marks sensitive whose values, when this spec keeps
    # them, are public (an SSM String parameter's value): written as they are.
    not_secret: tuple[str, ...] = ()
    defaults: Mapping[str, Any] = field(default_factory=dict)  # provider defaults: omitted when equal
    ignore_changes: tuple[str, ...] = ()
    ignore_reason: str | None = None
    # Arguments that identify the resource in a Terraform state when its
    # state ``id`` is not the import ID (a route: table and destination).
    identity: tuple[str, ...] = ()
    inline_in: tuple[InlineIn, ...] = ()
    # What the AWS emulator (moto) cannot show for this type, so that its
    # tests replay recorded API responses for it; empty when it can.  With
    # ``emulated=False`` the type is tested against recordings only.
    emulator_gaps: str = ""
    emulated: bool = True
    # What tells alike resources apart besides their names, placement and
    # addresses (which ``adopt drift`` finds by the provider's argument
    # names): a subnet's ``cidr_block``, an alarm's ``dimensions``.  Families
    # set these aside when comparing members; ``"tags.Owner"`` names one key.
    member_identity: tuple[str, ...] = ()

    @property
    def file_group(self) -> str:
        return self.service

    @property
    def json_argument_names(self) -> frozenset[str]:
        """Arguments holding JSON documents, written as ``jsonencode(...)``."""
        return frozenset(self.json_arguments) | {
            name for name, expr in self.arguments.items() if isinstance(expr, JsonDocument)
        }
