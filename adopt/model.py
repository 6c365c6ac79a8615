"""The inventory: what a scan found, as plain data that every later stage reads.

An inventory is a versioned JSON document (``adopt-inventory/2``).  Each resource
carries the Terraform type, the import ID the provider documents for that type,
the argument values to write (already in Terraform's names), and the references
from its arguments to other resources, so that no later stage needs AWS.  The
census lists everything the account's cross-service sources saw, adopted or
not, and what adopt does with each (:mod:`adopt.census`).  Version 1 (without
a census) is still read.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from . import formats
from .errors import BadInput
from .fileio import read_json, replace_file
from .memory import paused_gc
from .writers.characters import excerpt

FORMAT = "adopt-inventory/2"
# Older formats still read: the same document without the census.
READABLE_FORMATS = (FORMAT, "adopt-inventory/1")

# Regional resources carry their region; global services (IAM) carry this.
GLOBAL_REGION = "global"
# What an AWS region name looks like (us-east-1, us-gov-west-1, eu-isoe-west-1):
# region names become provider aliases in generated code, so nothing else is one.
REGION_NAME = re.compile(r"[a-z]{2}(-[a-z]+)+-[0-9]{1,2}")


def check_region(name: str, where: str = "--region") -> str:
    if not isinstance(name, str) or REGION_NAME.fullmatch(name) is None:
        raise BadInput(f"{where} {excerpt(repr(name), 60)} is not an AWS region name (such as us-east-1).")
    return name


class ResourceKey(NamedTuple):
    """What identifies a resource in an inventory, a plan and a manifest.

    A plain tuple underneath, so it sorts, hashes and serialises as one.
    """

    type: str
    region: str
    id: str


@dataclass
class Reference:
    """One argument value that is the ID, ARN or name of another resource.

    ``path`` addresses the value inside the arguments, e.g. ``vpc_id``,
    ``vpc_security_group_ids[1]`` or ``policy.Statement[0].Resource``;
    ``attribute`` says which attribute of the target the value equals (``id``,
    ``arn``, ``name`` or one the target exports, such as ``dns_name``).  The
    string at ``path`` is the value itself or, for a value found inside a
    document, map, list or block, starts or ends with it
    (``arn:aws:s3:::assets/*``).  ``ambiguous`` lists the resources (``type
    id``) that all hold the value when more than one does: such a reference is
    kept as a literal.  ``target_id``, set on references found nested, is the
    ID of the resource the scan matched: a value many resources have alike (a
    hosted zone ID) does not say which one it is.
    """

    path: str
    type: str
    attribute: str
    value: str
    ambiguous: tuple[str, ...] = ()
    target_id: str | None = None

    @property
    def lookup(self) -> Reference:
        """What the target is found by: its ID when the scan matched it, else the value."""
        if self.target_id is None:
            return self
        return Reference(self.path, self.type, "id", self.target_id)

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "path": self.path,
            "type": self.type,
            "attribute": self.attribute,
            "value": self.value,
        }
        if self.ambiguous:
            data["ambiguous"] = list(self.ambiguous)
        if self.target_id is not None:
            data["target_id"] = self.target_id
        return data

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Reference:
        return cls(
            path=data["path"],
            type=data["type"],
            attribute=data["attribute"],
            value=data["value"],
            ambiguous=tuple(data.get("ambiguous") or ()),
            target_id=data.get("target_id"),
        )


@dataclass
class Resource:
    type: str
    id: str
    import_id: str
    region: str
    arn: str | None = None
    name: str | None = None
    tags: dict[str, str] = field(default_factory=dict)
    attributes: dict[str, Any] = field(default_factory=dict)
    references: list[Reference] = field(default_factory=list)
    # Attributes the type exports besides id and arn (a load balancer's
    # dns_name), by which other resources' values are matched to it.
    exports: dict[str, str] = field(default_factory=dict)
    # Arguments whose values are secret: never read or stored, written as
    # sensitive variables.  Argument path -> why.
    sensitive: dict[str, str] = field(default_factory=dict)
    # A child resource (an S3 bucket's versioning, a route table's routes)
    # names its parent as {"type": ..., "id": ...}; it is labelled after it.
    parent: dict[str, str] | None = None
    # What the Terraform label is made from (a Name tag, a name); for a child,
    # the suffix after its parent's label.  Made valid and unique at generation.
    label: str | None = None

    @property
    def key(self) -> ResourceKey:
        return ResourceKey(self.type, self.region, self.id)

    def sort_key(self) -> ResourceKey:
        return self.key

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "type": self.type,
            "id": self.id,
            "import_id": self.import_id,
            "region": self.region,
            "arn": self.arn,
            "name": self.name,
            "tags": dict(sorted(self.tags.items())),
            "attributes": self.attributes,
            "references": [r.to_json() for r in sorted(self.references, key=lambda r: r.path)],
        }
        if self.exports:
            data["exports"] = dict(sorted(self.exports.items()))
        data["sensitive"] = dict(sorted(self.sensitive.items()))
        data["parent"] = self.parent
        data["label"] = self.label
        return data

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Resource:
        return cls(
            type=data["type"],
            id=data["id"],
            import_id=data["import_id"],
            region=data["region"],
            arn=data.get("arn"),
            name=data.get("name"),
            tags=dict(data.get("tags") or {}),
            attributes=dict(data.get("attributes") or {}),
            references=[Reference.from_json(r) for r in data.get("references") or []],
            exports=dict(data.get("exports") or {}),
            sensitive=dict(data.get("sensitive") or {}),
            parent=dict(data["parent"]) if data.get("parent") else None,
            label=data.get("label"),
        )


@dataclass
class ScanError:
    """An API call that failed during a scan: what could not be seen."""

    service: str
    operation: str
    region: str
    code: str
    message: str
    resource_type: str | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            "service": self.service,
            "operation": self.operation,
            "region": self.region,
            "code": self.code,
            "message": self.message,
            "resource_type": self.resource_type,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> ScanError:
        return cls(
            service=data["service"],
            operation=data["operation"],
            region=data["region"],
            code=data["code"],
            message=data["message"],
            resource_type=data.get("resource_type"),
        )


@dataclass(frozen=True)
class Skipped:
    """An object the scan saw and left out on purpose, and why: the census
    reports it as AWS's rather than as something adopt missed.  Never stored."""

    type: str
    region: str
    id: str
    arn: str | None
    reason: str


# What adopt does with a resource the census saw.
ADOPTED = "adopted"  # it is in the inventory
AWS_OWNED = "aws-owned"  # made or managed by AWS: the scan skipped it on purpose (see ``reason``)
GAP = "gap"  # a supported type, but the scan did not find it (a filter, a failed call, a scan gap)
UNSUPPORTED = "unsupported"  # a Terraform type adopt has no spec for
UNMAPPED = "unmapped"  # no Terraform type could be derived
CENSUS_STATUSES = (ADOPTED, AWS_OWNED, GAP, UNSUPPORTED, UNMAPPED)


@dataclass
class CensusEntry:
    """One resource a census source listed, and what adopt does with it.

    ``identifier`` is the ARN where a source gave one, else the source's own
    identifier (AWS Config's resource ID, Cloud Control's primary identifier).
    ``resource`` names the inventory resource an adopted entry is.
    """

    identifier: str
    region: str
    status: str
    arn: str | None = None
    cfn_type: str | None = None
    tf_type: str | None = None
    reason: str = ""
    sources: list[str] = field(default_factory=list)
    tags: dict[str, str] = field(default_factory=dict)
    resource: dict[str, str] | None = None

    def sort_key(self) -> tuple[str, str, str, str]:
        return (self.region, self.tf_type or "", self.cfn_type or "", self.identifier)

    @property
    def type_name(self) -> str:
        """The Terraform type, else the CloudFormation type, else what the ARN says."""
        return self.tf_type or self.cfn_type or "unknown"

    def to_json(self) -> dict[str, Any]:
        return {
            "identifier": self.identifier,
            "region": self.region,
            "arn": self.arn,
            "cfn_type": self.cfn_type,
            "tf_type": self.tf_type,
            "status": self.status,
            "reason": self.reason,
            "sources": sorted(self.sources),
            "tags": dict(sorted(self.tags.items())),
            "resource": self.resource,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> CensusEntry:
        return cls(
            identifier=data["identifier"],
            region=data["region"],
            status=data["status"],
            arn=data.get("arn"),
            cfn_type=data.get("cfn_type"),
            tf_type=data.get("tf_type"),
            reason=data.get("reason") or "",
            sources=list(data.get("sources") or []),
            tags=dict(data.get("tags") or {}),
            resource=dict(data["resource"]) if data.get("resource") else None,
        )


@dataclass
class CensusSource:
    """Whether one census source was used in one region, and why not."""

    source: str
    region: str
    state: str  # "used", "not available", "denied" or "failed"
    detail: str = ""
    seen: int = 0

    def sort_key(self) -> tuple[str, str]:
        return (self.source, self.region)

    def to_json(self) -> dict[str, Any]:
        return {"source": self.source, "region": self.region, "state": self.state, "detail": self.detail,
                "seen": self.seen}  # fmt: skip

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> CensusSource:
        return cls(
            source=data["source"],
            region=data["region"],
            state=data["state"],
            detail=data.get("detail") or "",
            seen=int(data.get("seen") or 0),
        )


@dataclass
class Inventory:
    account_id: str | None
    regions: list[str]
    resources: list[Resource] = field(default_factory=list)
    errors: list[ScanError] = field(default_factory=list)
    # ``None``: no census was taken (``--no-census``, or an inventory of format 1).
    census: list[CensusEntry] | None = None
    census_sources: list[CensusSource] = field(default_factory=list)

    def sort(self) -> None:
        self.resources.sort(key=Resource.sort_key)
        self.errors.sort(key=lambda e: (e.region, e.service, e.operation, e.resource_type or ""))
        if self.census is not None:
            self.census.sort(key=CensusEntry.sort_key)
        self.census_sources.sort(key=CensusSource.sort_key)

    def to_json(self) -> dict[str, Any]:
        self.sort()
        return {
            "format": FORMAT,
            "account_id": self.account_id,
            "regions": list(self.regions),
            "resources": [r.to_json() for r in self.resources],
            "errors": [e.to_json() for e in self.errors],
            "census": None if self.census is None else [c.to_json() for c in self.census],
            "census_sources": [s.to_json() for s in self.census_sources],
        }

    def dumps(self) -> str:
        return json.dumps(self.to_json(), indent=2, sort_keys=False, ensure_ascii=False) + "\n"

    def save(self, path: str) -> None:
        """Write atomically: a reader never sees half an inventory."""
        replace_file(path, self.dumps())

    @classmethod
    def from_json(cls, data: Any, source: str = "inventory") -> Inventory:
        if not isinstance(data, dict) or data.get("format") not in READABLE_FORMATS:
            found = data.get("format") if isinstance(data, dict) else type(data).__name__
            raise BadInput(
                f"{source} is not an adopt inventory (expected format {FORMAT!r}, found {excerpt(repr(found), 60)}). "
                "Create one with `adopt scan`."
            )
        formats.check(data, "inventory", source, kind="adopt inventory")
        inventory = cls(
            account_id=data.get("account_id"),
            regions=list(data.get("regions") or []),
            resources=[Resource.from_json(r) for r in data.get("resources") or []],
            errors=[ScanError.from_json(e) for e in data.get("errors") or []],
            census=None if data.get("census") is None else [CensusEntry.from_json(c) for c in data["census"]],
            census_sources=[CensusSource.from_json(s) for s in data.get("census_sources") or []],
        )
        problem = _consistency_problem(inventory)
        if problem:
            raise BadInput(f"{source} is a damaged adopt inventory: {problem}.")
        return inventory

    @classmethod
    def load(cls, path: str) -> Inventory:
        what = f"Inventory file {path}"
        with paused_gc():
            data = read_json(path, what, missing_hint=f"Create it with `adopt scan --output {path}`.")
            return cls.from_json(data, source=what)


def _consistency_problem(inventory: Inventory) -> str | None:
    """What the schema cannot say: each resource once, and no resource its own parent."""
    seen: set[tuple[str, str, str]] = set()
    for r in inventory.resources:
        where = f"resource {r.type} {excerpt(r.id, 80)} in {r.region}"
        if r.key in seen:
            return f"{where} appears twice"
        seen.add(r.key)
        if r.parent and r.parent["type"] == r.type and r.parent["id"] == r.id:
            return f"{where} names itself as its parent"
    return None
