"""The inventory: what a scan found, as plain data that every later stage reads.

An inventory is a versioned JSON document (``adopt-inventory/1``).  Each resource
carries the Terraform type, the import ID the provider documents for that type,
the argument values to write (already in Terraform's names), and the references
from its arguments to other resources, so that no later stage needs AWS.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from .errors import BadInput
from .fileio import replace_file
from .memory import paused_gc

FORMAT = "adopt-inventory/1"

# Regional resources carry their region; global services (IAM) carry this.
GLOBAL_REGION = "global"


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

    ``path`` addresses the value inside the arguments, e.g. ``vpc_id`` or
    ``vpc_security_group_ids[1]``; ``attribute`` says which attribute of the
    target the value equals (``id``, ``arn`` or ``name``).
    """

    path: str
    type: str
    attribute: str
    value: str

    def to_json(self) -> dict[str, Any]:
        return {
            "path": self.path,
            "type": self.type,
            "attribute": self.attribute,
            "value": self.value,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Reference:
        return cls(
            path=data["path"],
            type=data["type"],
            attribute=data["attribute"],
            value=data["value"],
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


@dataclass
class Inventory:
    account_id: str | None
    regions: list[str]
    resources: list[Resource] = field(default_factory=list)
    errors: list[ScanError] = field(default_factory=list)

    def sort(self) -> None:
        self.resources.sort(key=Resource.sort_key)
        self.errors.sort(key=lambda e: (e.region, e.service, e.operation, e.resource_type or ""))

    def to_json(self) -> dict[str, Any]:
        self.sort()
        return {
            "format": FORMAT,
            "account_id": self.account_id,
            "regions": list(self.regions),
            "resources": [r.to_json() for r in self.resources],
            "errors": [e.to_json() for e in self.errors],
        }

    def dumps(self) -> str:
        return json.dumps(self.to_json(), indent=2, sort_keys=False, ensure_ascii=False) + "\n"

    def save(self, path: str) -> None:
        """Write atomically: a reader never sees half an inventory."""
        replace_file(path, self.dumps())

    @classmethod
    def from_json(cls, data: Any, source: str = "inventory") -> Inventory:
        if not isinstance(data, dict) or data.get("format") != FORMAT:
            found = data.get("format") if isinstance(data, dict) else type(data).__name__
            raise BadInput(
                f"{source} is not an adopt inventory (expected format {FORMAT!r}, found {found!r}). "
                "Create one with `adopt scan`."
            )
        problem = _shape_problem(data)
        if problem:
            raise BadInput(f"{source} is a damaged adopt inventory: {problem}.")
        try:
            return cls(
                account_id=data.get("account_id"),
                regions=list(data.get("regions") or []),
                resources=[Resource.from_json(r) for r in data.get("resources") or []],
                errors=[ScanError.from_json(e) for e in data.get("errors") or []],
            )
        except (KeyError, TypeError, AttributeError) as exc:
            raise BadInput(f"{source} is a damaged adopt inventory: a resource or error entry lacks {exc}.") from exc

    @classmethod
    def load(cls, path: str) -> Inventory:
        try:
            with open(path, encoding="utf-8") as fh, paused_gc():
                data = json.load(fh)
        except FileNotFoundError as exc:
            raise BadInput(
                f"Inventory file {path} does not exist. Create it with `adopt scan --output {path}`."
            ) from exc
        except (OSError, UnicodeDecodeError) as exc:
            raise BadInput(f"Inventory file {path} cannot be read: {exc}.") from exc
        except json.JSONDecodeError as exc:
            raise BadInput(
                f"Inventory file {path} is not valid JSON (line {exc.lineno}, column {exc.colno}: {exc.msg}); "
                "it may be truncated. Run `adopt scan` again."
            ) from exc
        with paused_gc():
            return cls.from_json(data, source=f"Inventory file {path}")


def _is_str_map(value: Any) -> bool:
    return isinstance(value, dict) and all(isinstance(k, str) and isinstance(v, str) for k, v in value.items())


def _shape_problem(data: dict[str, Any]) -> str | None:
    """What is wrong with the shape of an inventory document, or None.

    Every later stage trusts these types, so a hand-edited or damaged file is
    refused here, with the entry named, instead of failing somewhere deep.
    """
    if not isinstance(data.get("regions") or [], list) or not all(
        isinstance(r, str) for r in data.get("regions") or []
    ):
        return '"regions" is not a list of region names'
    resources = data.get("resources") or []
    if not isinstance(resources, list):
        return '"resources" is not a list'
    for number, r in enumerate(resources, start=1):
        if not isinstance(r, dict):
            return f"resource #{number} is not an object"
        where = f"resource #{number}"
        for name in ("type", "id", "import_id", "region"):
            if not isinstance(r.get(name), str) or not r.get(name):
                return f"{where} has no {name} string"
        where = f"resource {r['type']} {r['id']}"
        for name in ("arn", "name", "label"):
            if r.get(name) is not None and not isinstance(r[name], str):
                return f"{where} has a {name} that is not a string"
        if not _is_str_map(r.get("tags") or {}):
            return f"{where} has tags that are not a map of strings"
        if not isinstance(r.get("attributes") or {}, dict):
            return f"{where} has attributes that are not an object"
        if not _is_str_map(r.get("sensitive") or {}):
            return f"{where} has sensitive entries that are not a map of strings"
        parent = r.get("parent")
        if parent is not None and not (_is_str_map(parent) and {"type", "id"} <= set(parent)):
            return f"{where} has a parent that is not {{type, id}}"
        references = r.get("references") or []
        if not isinstance(references, list) or not all(
            _is_str_map(ref) and {"path", "type", "attribute", "value"} <= set(ref) for ref in references
        ):
            return f"{where} has references that are not {{path, type, attribute, value}} strings"
    errors = data.get("errors") or []
    if not isinstance(errors, list) or not all(isinstance(e, dict) for e in errors):
        return '"errors" is not a list of objects'
    return None
