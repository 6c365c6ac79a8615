"""The provider schema: how each argument is written (attribute or block,
list, set or map, computed-only or not, sensitive or not).

By default the snapshot bundled with the package is used (built by
``make schema``); ``--schema FILE`` takes the output of
``terraform providers schema -json`` instead, so rendering can follow the
exact provider version a user runs.
"""

from __future__ import annotations

import gzip
import json
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Any

from ..errors import BadInput

BUNDLED = "aws-provider-schema.json.gz"
PROVIDER = "registry.terraform.io/hashicorp/aws"


@dataclass(frozen=True)
class Attribute:
    name: str
    type: Any
    required: bool = False
    optional: bool = False
    computed: bool = False
    sensitive: bool = False

    @property
    def writable(self) -> bool:
        """Computed-only attributes are read back, never written."""
        return self.required or self.optional


@dataclass(frozen=True)
class BlockType:
    name: str
    nesting_mode: str
    block: Block
    min_items: int = 0
    max_items: int = 0


@dataclass(frozen=True)
class Block:
    attributes: dict[str, Attribute] = field(default_factory=dict)
    block_types: dict[str, BlockType] = field(default_factory=dict)

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Block:
        return cls(
            attributes={
                name: Attribute(
                    name=name,
                    type=a.get("type"),
                    required=bool(a.get("required")),
                    optional=bool(a.get("optional")),
                    computed=bool(a.get("computed")),
                    sensitive=bool(a.get("sensitive")),
                )
                for name, a in (data.get("attributes") or {}).items()
            },
            block_types={
                name: BlockType(
                    name=name,
                    nesting_mode=b.get("nesting_mode", "list"),
                    block=cls.from_json(b.get("block") or {}),
                    min_items=int(b.get("min_items") or 0),
                    max_items=int(b.get("max_items") or 0),
                )
                for name, b in (data.get("block_types") or {}).items()
            },
        )


class Schema:
    """Resource schemas, decoded lazily: a module needs a few dozen of 1,600 types."""

    def __init__(self, resource_schemas: dict[str, Any], version: str, source: str) -> None:
        self._raw = resource_schemas
        self._decoded: dict[str, Block] = {}
        self.version = version
        self.source = source

    def has(self, tf_type: str) -> bool:
        return tf_type in self._raw

    def resource(self, tf_type: str) -> Block:
        block = self._decoded.get(tf_type)
        if block is None:
            raw = self._raw.get(tf_type)
            if raw is None:
                raise BadInput(
                    f"The provider schema ({self.source}) has no resource type {tf_type}; "
                    "use a newer schema with --schema."
                )
            block = self._decoded[tf_type] = Block.from_json(raw.get("block") or {})
        return block

    @classmethod
    def from_json(cls, data: Any, source: str) -> Schema:
        if isinstance(data, dict) and "provider_schemas" in data:  # terraform providers schema -json
            providers = data["provider_schemas"]
            key = PROVIDER if PROVIDER in providers else next((k for k in providers if k.endswith("/aws")), None)
            if key is None:
                raise BadInput(f"{source} has no schema for the hashicorp/aws provider.")
            return cls(
                providers[key].get("resource_schemas") or {},
                version="from terraform",
                source=source,
            )
        if isinstance(data, dict) and "resource_schemas" in data:  # the bundled snapshot
            return cls(
                data["resource_schemas"],
                version=str(data.get("provider_version", "?")),
                source=source,
            )
        raise BadInput(f"{source} is not a provider schema (expected `terraform providers schema -json` output).")


@lru_cache(maxsize=1)
def bundled() -> Schema:
    with resources.files(__package__).joinpath(BUNDLED).open("rb") as fh:
        data = json.loads(gzip.decompress(fh.read()))
    return Schema.from_json(data, source=f"bundled schema, provider {data.get('provider_version', '?')}")


def load(path: str | None) -> Schema:
    if path is None:
        return bundled()
    try:
        with open(path, "rb") as fh:
            raw = fh.read()
        if raw[:2] == b"\x1f\x8b":
            raw = gzip.decompress(raw)
        data = json.loads(raw)
    except (OSError, ValueError) as exc:
        raise BadInput(f"Cannot read the provider schema {path}: {exc}.") from exc
    return Schema.from_json(data, source=path)
