"""The spec language: how to declare one Terraform resource type.

A :class:`ResourceSpec` says, for one type, how boto3 finds its objects and
what each object's Terraform arguments are.  The scan engine
(:mod:`adopt.scan.engine`) runs specs and knows nothing of any one type; the
provider schema decides how a value is written (attribute or block, list or
set), the spec decides what the value is.  A typical type is a declaration
only: hook functions are for genuinely odd logic.

A worked example, an SQS queue and its access policy::

    ResourceSpec(
        tf_type="aws_sqs_queue",
        service="sqs",                                    # boto3 client; names sqs.tf
        list=Call("list_queues", items="QueueUrls", item_key="QueueUrl"),
        details=(                                         # per-item calls merged into the item
            Call("get_queue_attributes", params={"QueueUrl": "{QueueUrl}", "AttributeNames": ["All"]}),
            TagsCall("list_queue_tags", QueueUrl="{QueueUrl}"),
        ),
        id="{QueueUrl}",                                  # a template; also the import ID
        arn=Arn("{Attributes.QueueArn}", "sqs"),          # answered whole: say its service
        name=NameFromUrl("QueueUrl"),
        stateful=True,                                    # lifecycle { prevent_destroy = true }
        arguments={
            "name": NameFromUrl("QueueUrl"),
            "fifo_queue": Bool("Attributes.FifoQueue"),   # AWS answers "true"
            "delay_seconds": Int("Attributes.DelaySeconds"),
            "kms_data_key_reuse_period_seconds": When(
                Has("Attributes.KmsMasterKeyId"), Int("Attributes.KmsDataKeyReusePeriodSeconds")
            ),
            "redrive_policy": JsonDocument("Attributes.RedrivePolicy"),
            "tags": Tags(),
        },
        defaults={"fifo_queue": False, "delay_seconds": 0},   # provider defaults: not written
        references={"redrive_policy.deadLetterTargetArn": Ref("aws_sqs_queue", "arn")},
    )
    ResourceSpec(
        tf_type="aws_sqs_queue_policy",
        service="sqs",
        child=Child("aws_sqs_queue", same_item=True),     # found in each queue's own item
        include=Has("Attributes.Policy"),
        id="{QueueUrl}",
        arguments={"queue_url": "QueueUrl", "policy": JsonDocument("Attributes.Policy")},
        references={"queue_url": Ref("aws_sqs_queue")},
    )

**Calls.**  :class:`Call` is one boto3 operation (paginated when boto3 can);
``items`` is the path to the items in each response page (``"A[].B"``
flattens a list of lists).  :func:`TagsCall` is the detail call that lists
an item's tags.  A type found per parent item is a child: :class:`Child`.

**Templates** (``id``, ``import_id``, ``arn``, call parameters) are
``str.format`` strings whose fields are paths: ``"{RouteTableId}_{DestinationCidrBlock}"``,
``"{parent.Name}"`` (the parent's item), ``"{region}"``, ``"{account}"``.
A missing field leaves the whole template unset.  :class:`Format` adds
fields computed by expressions; it may also stand for a call parameter that
no path holds as it is (MemoryDB's ``default.{family}`` parameter group).

**Expressions** say what a value is, evaluated against one item.  A string
is a dotted path (``"Placement.Tenancy"``); a dict is a nested block of
expressions.  Literal values in an expression are constants; :class:`Path`
(and ``REGION``) read a value where a constant would go.

- reading: :class:`Path`, ``REGION``, :class:`Const`, :class:`Default`,
  :class:`Map` (translate a spelling), :class:`Keep` (keep an empty value);
- conditions: :class:`Has`, :class:`Is`, :class:`Not`, :class:`And`,
  :class:`Or` (first set alternative), :class:`StartsWith`, :class:`EndsWith`,
  :class:`Contains`, :class:`Above`, :class:`Some`, :class:`HasTag`;
- conditional values: :class:`When` (a value only when another holds),
  :class:`Unless` (unset where it is AWS's usual value), :class:`Flag`;
- coercion: :class:`Int`, :class:`Bool` (``"60"``, ``"true"``), :class:`Str`,
  :class:`Timestamp`;
- text: :class:`Lower`, :class:`Trim`, :class:`TrimPrefix`, :class:`Replace`,
  :class:`Part`, :class:`Split`, :class:`Join`, :class:`NameFromArn`,
  :func:`NameFromUrl`;
- lists and maps: :class:`Each` (a block per element), :class:`Pluck`,
  :class:`Sorted` (sets), :class:`First`, :class:`ListOf`, :class:`Entries`,
  attribute lists with :class:`Lookup` and :class:`AsMap`;
- exports: :class:`Shared` (a value many resources have alike);
- tags: :class:`Tags`, :class:`Tag`; documents: :class:`JsonDocument`;
  secrets: :class:`Secret`, :class:`MaskSecrets`.

A hook, ``fn(item, ctx) -> value``, may stand wherever an expression does,
for logic the language does not cover; keep it next to its spec.  Shared
factories live in :mod:`adopt.catalog.common`.

**References.**  ``references`` maps argument paths (``[*]`` for each list
element, going on into JSON documents) to :class:`Ref`\\ s.  ``Ref(ARN_TARGET,
"arn")`` refers to whichever registered type an ARN names, as derived from
the specs' ARN templates (:mod:`adopt.catalog.arns`).  Values nested in JSON
documents, maps, lists and blocks need no declaration: they are matched
against every resource's ``id``, ``arn`` and ``exports`` (attributes such as
``dns_name`` or ``url``, each an expression evaluated at scan time), whole or
as the start or end of a longer string (``arn:aws:s3:::assets/*``); see
:mod:`adopt.refs`.

**Checks.**  The registry checks every spec as it collects them
(:mod:`adopt.catalog.validate`): template fields, paths, references to
argument paths, defaults and every other argument list must fit, or
:class:`SpecError` names the spec, before any command runs.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from .arns import ARN_TARGET, Arn, ArnTargets
from .documents import JsonDocument, ParsedJson, canonical_json, parse_json
from .expressions import (
    REGION,
    Above,
    And,
    AsMap,
    Bool,
    Const,
    Contains,
    Context,
    Default,
    Each,
    EndsWith,
    Entries,
    Expr,
    Expression,
    First,
    Flag,
    Has,
    HasTag,
    Int,
    Is,
    Join,
    Keep,
    Kept,
    ListOf,
    Lookup,
    Lower,
    Map,
    NameFromArn,
    NameFromUrl,
    Not,
    Or,
    Part,
    Path,
    Pluck,
    Replace,
    Shared,
    Some,
    Sorted,
    Split,
    StartsWith,
    Str,
    Tag,
    Tags,
    Timestamp,
    Trim,
    TrimPrefix,
    Unless,
    When,
    evaluate,
    get_path,
    tags_of,
)
from .secrets import MaskSecrets, Secret, looks_secret
from .templates import Format, fill_params, render_template

__all__ = [
    "ARN_TARGET",
    "REGION",
    "Above",
    "And",
    "Arn",
    "ArnTargets",
    "AsMap",
    "Bool",
    "Call",
    "Child",
    "Const",
    "Contains",
    "Context",
    "Default",
    "Each",
    "EndsWith",
    "Entries",
    "Expr",
    "Expression",
    "First",
    "Flag",
    "Format",
    "FromSource",
    "Has",
    "HasTag",
    "Ignore",
    "InlineIn",
    "Int",
    "Is",
    "Join",
    "JsonDocument",
    "Keep",
    "Kept",
    "ListOf",
    "Lookup",
    "Lower",
    "Map",
    "MaskSecrets",
    "NameFromArn",
    "NameFromUrl",
    "Not",
    "Or",
    "ParsedJson",
    "Part",
    "Path",
    "Pluck",
    "Ref",
    "Replace",
    "ResourceSpec",
    "Secret",
    "Shared",
    "Some",
    "Sorted",
    "Source",
    "SpecError",
    "Split",
    "StartsWith",
    "Str",
    "Tag",
    "Tags",
    "TagsCall",
    "Timestamp",
    "Trim",
    "TrimPrefix",
    "Unless",
    "When",
    "canonical_json",
    "evaluate",
    "fill_params",
    "get_path",
    "looks_secret",
    "parse_json",
    "render_template",
    "tags_of",
]


class SpecError(ValueError):
    """A spec that cannot work as written; the message names the spec."""


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
    ``service`` (detail calls only) asks another boto3 service, for what only
    it answers (a private DNS namespace's VPC is its hosted zone's).  ``over``
    makes the call once per value of a parameter an API requires and lists
    nothing without (``{"ServiceNamespace": ("ecs", "dynamodb")}``), and
    joins the items.  ``unless`` (detail calls only) names a path of the item
    that, when the listing already answered it, makes the call needless: a
    bucket's region from ``ListBuckets``' ``BucketRegion``, where AWS gives it.
    ``batch`` (detail calls only) asks for up to that many items in one call:
    each parameter holding a one-element list (``{"Names": ["{Name}"]}``) gets
    every item's value, and each answer goes to the item whose ``batch_key``
    field it shares (``GetParameters``, ten names a call).
    """

    operation: str
    items: str | Callable[[Mapping[str, Any]], list] | None = None
    params: Mapping[str, Any] = field(default_factory=dict)
    absent_on: tuple[str, ...] = ()
    merge_into: str | None = None
    item_key: str = "Value"  # scalar items (a list of names) become {item_key: name}
    service: str | None = None  # default: the spec's service
    over: Mapping[str, tuple[Any, ...]] = field(default_factory=dict)
    unless: str | None = None
    batch: int = 0
    batch_key: str | None = None
    lists_tags: bool = False  # made by TagsCall: the tagging API can answer it for a whole region
    answered_by: FromSource | None = None  # one account-wide call that answers this one (see FromSource)

    def __post_init__(self) -> None:
        if self.batch and not (
            self.batch_key and any(one_item_list(v) for v in self.params.values()) and not self.over
        ):
            raise SpecError(
                f"Call {self.operation}: batch= needs batch_key= and a parameter written for one item as a "
                'one-element list ({"Names": ["{Name}"]}), and cannot go with over=.'
            )

    def param_sets(self, params: Mapping[str, Any]) -> list[dict[str, Any]]:
        """The parameters of each call ``over`` asks for (one set without it)."""
        sets = [dict(params)]
        for name, values in self.over.items():
            sets = [{**one, name: value} for one in sets for value in values]
        return sets


@dataclass(frozen=True)
class Source:
    """One paged call whose answer holds what many per-resource calls would
    (IAM's ``GetAccountAuthorizationDetails``: every role, user, group and
    customer-managed policy with their policies).  Made at most once per
    account and region, when a call it answers is first needed; every page's
    lists are joined."""

    name: str
    service: str
    operation: str
    params: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class FromSource:
    """How a call is answered from a :class:`Source` instead of being made:
    the record at ``records`` (a path, ``A[].B`` flattens) whose ``key``
    field equals the template ``match`` (``"{parent.RoleName}"``), made into
    the answer the call would give by ``answer``, an expression over the
    record (``{"AttachedPolicies": "AttachedManagedPolicies"}``).  The call's
    own ``items`` then reads that answer.  Where the source is denied or
    fails, or holds no such record, the call is made as written."""

    source: Source
    records: str
    key: str
    match: str
    answer: Any


def one_item_list(value: Any) -> bool:
    """A list parameter written for one item: ``["{Name}"]``."""
    return isinstance(value, (list, tuple)) and len(value) == 1 and isinstance(value[0], str) and "{" in value[0]


def TagsCall(
    operation: str = "list_tags_for_resource",
    *,
    answer: str | None = None,
    absent_on: tuple[str, ...] = (),
    **params: Any,
) -> Call:
    """The detail call that lists an item's tags: ``TagsCall(ResourceArn="{TopicArn}")``.

    Without ``answer`` the response's keys join the item (the usual answer is
    ``{"Tags": [...]}``, or a map); with it, the list at that path in the
    response becomes the item's ``Tags`` (``answer="TagList"``,
    ``answer="ResourceTagSet.Tags"``), so that ``Tags()`` reads it.
    """
    if answer is None:
        return Call(operation, params=params, absent_on=absent_on, lists_tags=True)
    return Call(operation, params=params, items=answer, merge_into="Tags", absent_on=absent_on, lists_tags=True)


@dataclass(frozen=True)
class Child:
    """How a type is found per item of its ``parent`` type, in one of three ways:

    - ``Child(parent, call=Call(...))``: a call per parent item, its parameters
      templated from the parent (``{"Bucket": "{parent.Name}"}``);
    - ``Child(parent, call=Call(...), join="GroupId")``: one regional listing,
      each item joined to the parent whose ``parent_key`` (by default the same
      field) holds the item's ``join`` field;
    - ``Child(parent, items="Routes")``: a list embedded in the parent's item,
      or ``Child(parent, same_item=True)``: the parent's item itself (a
      setting the parent's answer holds, such as a queue's policy).

    Any other combination cannot be built.  The child's expressions read the
    parent's item as ``parent.*``.
    """

    parent: str | None = None
    call: Call | None = None
    join: str | None = None
    parent_key: str | None = None
    items: str | None = None
    same_item: bool = False

    def __post_init__(self) -> None:
        where = f"Child of {self.parent}" if self.parent else "A Child"
        if not isinstance(self.parent, str) or not self.parent:
            raise SpecError(f"{where}: give the parent's Terraform type first, Child('aws_...', ...).")
        sources = [name for name in ("call", "items") if getattr(self, name) is not None]
        if self.same_item:
            sources.append("same_item")
        if len(sources) != 1:
            raise SpecError(
                f"{where}: give exactly one of call= (a call per parent item, or a regional listing with join=), "
                f"items= (a list in the parent's item) or same_item=True; got {', '.join(sources) or 'none'}."
            )
        if self.call is not None and not isinstance(self.call, Call):
            raise SpecError(f"{where}: call= takes a Call, not {type(self.call).__name__}.")
        if self.join is None and self.parent_key is not None:
            raise SpecError(f"{where}: parent_key= goes with join= (a regional listing joined on a key).")
        if self.join is not None and self.call is None:
            raise SpecError(f"{where}: join= joins the items of a regional listing: give it call=.")
        if self.items is not None and not isinstance(self.items, str):
            raise SpecError(f"{where}: items= is the path to a list in the parent's item, such as 'Routes'.")

    @property
    def joined_on(self) -> tuple[str, str] | None:
        """``(item field, parent field)`` of a joined listing."""
        return None if self.join is None else (self.join, self.parent_key or self.join)


@dataclass(frozen=True)
class Ref:
    """An argument that holds another resource's ``id``, ``arn``, ``name`` or
    an attribute its spec exports (``Ref("aws_lb", "dns_name")``).

    ``type`` is a Terraform type; ``ARN_TARGET`` for an argument that may hold
    the ARN of any registered type (an SNS subscription's endpoint); or a
    mapping from an ARN's service (``"sqs"``, ``"sns"``) to the type, for an
    argument that takes ARNs of a few kinds.  A value that names none of them
    is no reference at all.

    ``also`` names other targets the argument may hold (an API resource's
    parent is another resource, or the API's root: ``Ref(API,
    "root_resource_id")``); the scan keeps the first that matches a resource
    it found.
    """

    type: str | Mapping[str, str] | ArnTargets
    attribute: str = "id"
    also: tuple[Ref, ...] = ()

    @property
    def types(self) -> tuple[str, ...]:
        if isinstance(self.type, str):
            return (self.type,)
        if isinstance(self.type, ArnTargets):
            return self.type.types
        return tuple(self.type.values())

    def type_for(self, value: str) -> str | None:
        if isinstance(self.type, str):
            return self.type
        if isinstance(self.type, ArnTargets):
            return self.type.type_for(value)
        parts = value.split(":")
        return self.type.get(parts[2]) if len(parts) > 5 and parts[0] == "arn" else None


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
class BatchGroup:
    """Resources a plan keeps together in its batches (a VPC's plumbing, IAM).

    Declared once, in the service module that owns it; a spec joins it with
    ``batch_group=<name>``.  A group no module declares is a service's own.
    """

    name: str
    # Groups that others lean on come first: the lowest rank is batched first.
    rank: int = 2
    title: str | None = None  # how a batch is named; default: the group's name
    # One group per VPC (or region) it is in; False: one for the whole account.
    by_place: bool = True


@dataclass(frozen=True)
class Ignore:
    """``lifecycle.ignore_changes`` entries for the resources ``when`` holds
    for (a function of the inventory's ``Resource``; every resource when
    None), with the reason the generated code gives above them: what the
    provider cannot converge on after import (an imported certificate's
    body, a count set at run time)."""

    arguments: tuple[str, ...]
    reason: str
    when: Callable[[Any], bool] | None = None


@dataclass(frozen=True)
class ResourceSpec:
    tf_type: str
    service: str  # boto3 service name; also names the generated file (<service>.tf)
    id: str | Expr
    list: Call | None = None  # how a top-level type is listed (a child's is in ``child``)
    child: Child | None = None  # found per item of another type
    import_id: str | Expr = None  # default: same as id
    arn: str | Arn | Expr = None  # a template that spells the ARN out, or Arn(...)
    name: Expr = None  # the resource's own name (IAM role name, bucket name)
    label: Expr = None  # preferred source of the Terraform label; default "tag:Name", then name
    # Take the label of the resource this argument references (an association
    # is named after its subnet); falls back to ``label`` when not generated.
    label_from: str | None = None
    arguments: Mapping[str, Expr] = field(default_factory=dict)
    references: Mapping[str, Ref] = field(default_factory=dict)
    # Attributes the Terraform type exports besides id and arn, by which other
    # resources name it (a load balancer's ``dns_name``, a queue's ``url``):
    # attribute -> expression, evaluated at scan time into the inventory.
    exports: Mapping[str, Expr] = field(default_factory=dict)
    tags: Expr = None  # tag source for selection; default Tags("Tags") when "tags" is an argument
    details: tuple[Call, ...] = ()  # per-item calls that enrich the item before evaluation
    is_global: bool = False  # listed once, not per region (IAM, S3 bucket listing)
    item_region: Expr = None  # for global listings of regional things: the item's region
    include: Expr = None  # false: not a resource
    is_default: Expr = None  # true: made by AWS, skipped by default
    # What is found under an AWS-made one is still the user's (the rules on
    # the default event bus): its children are scanned all the same, reading
    # the parent's item as its listing gave it (no detail calls).
    children_when_default: bool = False
    # Also made by AWS when the resource these arguments reference is (the
    # internet gateway of the default VPC).
    default_with: tuple[str, ...] = ()
    stateful: bool = False  # lifecycle { prevent_destroy = true }
    # What a careless change risks, for the pull request's notes: "network"
    # (an apply could cut access) or "privilege"; stateful is its own note.
    risk: str | None = None
    # Batches keep a group together: "network" for a VPC's plumbing;
    # default: the service.  See :class:`BatchGroup`.
    batch_group: str | None = None
    # Other resources live inside it (a VPC): a plan batches them by the
    # container they are in, and `adopt plan vpc:ID` selects them.
    container: bool = False
    # The argument holding the resource's own name (what ``name`` reads), by
    # which code that declares it without an import block is recognised.
    name_argument: str | None = "name"
    json_arguments: tuple[str, ...] = ()  # written as jsonencode(...)
    # Arguments never read or written, each a sensitive variable: argument -> why.
    # (An expression may also return ``Secret(why)`` for a value that is
    # secret only sometimes, such as an SSM SecureString.)
    sensitive: Mapping[str, str] = field(default_factory=dict)
    # Arguments the provider marks sensitive whose values, when this spec keeps
    # them, are public (an SSM String parameter's value): written as they are.
    # One inside a block is named by its dotted path.
    not_secret: tuple[str, ...] = ()
    # Secret arguments the provider requires in the code although, once
    # imported, it never needs their value: written as this placeholder (one
    # AWS would refuse, so a replacement fails rather than store it) and
    # ignored, so the live value is kept.  Argument -> placeholder.
    secret_placeholders: Mapping[str, Any] = field(default_factory=dict)
    defaults: Mapping[str, Any] = field(default_factory=dict)  # provider defaults: omitted when equal
    # lifecycle.ignore_changes: argument names (with ``ignore_reason``, for
    # every resource of the type) and :class:`Ignore` entries, decided per
    # resource, each with a reason of its own.
    ignore_changes: tuple[str | Ignore, ...] = ()
    ignore_reason: str | None = None
    # Arguments that identify the resource in a Terraform state when its
    # state ``id`` is not the import ID (a route: table and destination).
    identity: tuple[str, ...] = ()
    inline_in: tuple[InlineIn, ...] = ()
    # What tells alike resources apart besides their names, placement and
    # addresses (which ``adopt drift`` finds by the provider's argument
    # names): a subnet's ``cidr_block``, an alarm's ``dimensions``.  Families
    # set these aside when comparing members; ``"tags.Owner"`` names one key.
    member_identity: tuple[str, ...] = ()
    # A type of the long tail, read through Cloud Control and written for the
    # awscc provider (see adopt.catalog.cloudcontrol): the CloudFormation type
    # it is, the arguments a change of which replaces the resource
    # (createOnlyProperties) and those never read back (writeOnlyProperties).
    cloudformation_type: str | None = None
    replaced_when_changed: tuple[str, ...] = ()
    never_read: tuple[str, ...] = ()

    @property
    def ignored_arguments(self) -> tuple[str, ...]:
        """The plain argument names of ``ignore_changes`` (those for every resource)."""
        return tuple(entry for entry in self.ignore_changes if isinstance(entry, str))

    def ignored_for(self, resource: Any) -> list[tuple[tuple[str | int, ...], str]]:
        """Every ``ignore_changes`` entry of one resource (an inventory
        ``Resource``): (path steps, reason), in the spec's order."""
        out: list[tuple[tuple[str | int, ...], str]] = []
        for entry in self.ignore_changes:
            if isinstance(entry, str):
                out.append(((entry,), self.ignore_reason or ""))
            elif entry.when is None or entry.when(resource):
                out.extend(((name,), entry.reason) for name in entry.arguments)
        return out

    @property
    def parent(self) -> str | None:
        """The type this one is found under (see :class:`Child`)."""
        return self.child.parent if self.child else None

    @property
    def file_group(self) -> str:
        return self.service

    @property
    def json_argument_names(self) -> frozenset[str]:
        """Arguments holding JSON documents, written as ``jsonencode(...)``."""
        return frozenset(self.json_arguments) | {
            name for name, expr in self.arguments.items() if isinstance(expr, JsonDocument)
        }
