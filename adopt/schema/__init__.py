"""The provider schema: how each argument is written (attribute or block,
list, set or map, computed-only or not, sensitive or not).

By default the snapshot bundled with the package is used (built by
``make schema``); ``--schema FILE`` takes the output of
``terraform providers schema -json`` instead, so rendering can follow the
exact provider version a user runs.

Beside the aws provider's, the hashicorp/awscc provider's schema (built by
``make awscc-schema``) answers for the ``awscc_*`` types, the resources adopted
through Cloud Control (:mod:`adopt.longtail`).  One :class:`Schema` answers for
both: a type's prefix names its provider, as in Terraform.  It is decoded only
when an ``awscc_*`` type is first asked about.  ``--awscc-schema FILE`` takes
``terraform providers schema -json`` for it; a ``--schema FILE`` that holds
both providers serves both.
"""

from __future__ import annotations

import gzip
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Any

from ..errors import BadInput

BUNDLED = "aws-provider-schema.json.gz"
BUNDLED_AWSCC = "awscc-provider-schema.json.gz"
PROVIDER = "registry.terraform.io/hashicorp/aws"
AWSCC_PROVIDER = "registry.terraform.io/hashicorp/awscc"


def provider_of(tf_type: str) -> str:
    """``awscc_logs_log_group`` -> ``awscc``: Terraform's rule, a type's prefix names its provider."""
    return tf_type.split("_", 1)[0]


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

    def __init__(self, resource_schemas: dict[str, Any], version: str, source: str, provider: str = "aws") -> None:
        self._raw = resource_schemas
        self._decoded: dict[str, Block] = {}
        self.version = version
        self.source = source
        self.provider = provider
        # Other providers' schemas, loaded when first asked: provider name -> loader.
        self._beside: dict[str, Callable[[], Schema]] = {}
        self._loaded: dict[str, Schema] = {}

    def beside(self, provider: str, load: Callable[[], Schema]) -> Schema:
        """Answer for ``provider``'s types from the schema ``load`` gives (called once, when needed)."""
        self._beside[provider] = load
        self._loaded.pop(provider, None)
        return self

    def of(self, tf_type: str) -> Schema:
        """The schema that answers for ``tf_type``: this one, or the one beside it for its provider."""
        provider = provider_of(tf_type)
        if provider == self.provider or provider not in self._beside:
            return self
        if provider not in self._loaded:
            self._loaded[provider] = self._beside[provider]()
        return self._loaded[provider]

    def types(self) -> list[str]:
        return sorted(self._raw)

    def has(self, tf_type: str) -> bool:
        owner = self.of(tf_type)
        return tf_type in owner._raw

    def resource(self, tf_type: str) -> Block:
        owner = self.of(tf_type)
        if owner is not self:
            return owner.resource(tf_type)
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
    def from_json(cls, data: Any, source: str, provider: str = "aws") -> Schema:
        full = AWSCC_PROVIDER if provider == "awscc" else PROVIDER
        if isinstance(data, dict) and "provider_schemas" in data:  # terraform providers schema -json
            providers = data["provider_schemas"]
            key = _provider_key(providers, full, provider)
            if key is None:
                raise BadInput(f"{source} has no schema for the hashicorp/{provider} provider.")
            schema = cls(
                providers[key].get("resource_schemas") or {},
                version="from terraform",
                source=source,
                provider=provider,
            )
            other = "awscc" if provider == "aws" else None
            if other and _provider_key(providers, AWSCC_PROVIDER, other):  # a module using both
                schema.beside(other, lambda: cls.from_json(data, source, other))
            return schema
        if isinstance(data, dict) and "resource_schemas" in data:  # the bundled snapshot
            if data.get("provider", full) != full:
                raise BadInput(f"{source} is the schema of {data.get('provider')}, not of hashicorp/{provider}.")
            return cls(
                data["resource_schemas"],
                version=str(data.get("provider_version", "?")),
                source=source,
                provider=provider,
            )
        raise BadInput(f"{source} is not a provider schema (expected `terraform providers schema -json` output).")


def _provider_key(providers: dict[str, Any], full: str, name: str) -> str | None:
    return full if full in providers else next((k for k in providers if k.endswith("/" + name)), None)


def _bundled_file(name: str, provider: str) -> Schema:
    with resources.files(__package__).joinpath(name).open("rb") as fh:
        data = json.loads(gzip.decompress(fh.read()))
    source = f"bundled {provider} schema, provider {data.get('provider_version', '?')}"
    return Schema.from_json(data, source=source, provider=provider)


@lru_cache(maxsize=1)
def bundled_awscc() -> Schema:
    return _bundled_file(BUNDLED_AWSCC, "awscc")


@lru_cache(maxsize=1)
def bundled() -> Schema:
    """The aws schema, with the awscc one beside it."""
    return _bundled_file(BUNDLED, "aws").beside("awscc", bundled_awscc)


def _read(path: str) -> Any:
    try:
        with open(path, "rb") as fh:
            raw = fh.read()
        if raw[:2] == b"\x1f\x8b":
            raw = gzip.decompress(raw)
        return json.loads(raw)
    except (OSError, ValueError) as exc:
        raise BadInput(f"Cannot read the provider schema {path}: {exc}.") from exc


def load(path: str | None, awscc_path: str | None = None) -> Schema:
    """``--schema`` and ``--awscc-schema``: each a file, else the bundled one."""
    if path is None and awscc_path is None:
        return bundled()
    schema = Schema.from_json(_read(path), source=path) if path else _bundled_file(BUNDLED, "aws")
    if awscc_path:
        awscc = Schema.from_json(_read(awscc_path), source=awscc_path, provider="awscc")
        schema.beside("awscc", lambda: awscc)
    elif "awscc" not in schema._beside:
        schema.beside("awscc", bundled_awscc)
    return schema
