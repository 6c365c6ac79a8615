"""One inventory resource from one Cloud Control read."""

from __future__ import annotations

import json
from typing import Any

from ..catalog.secrets import secret_shape
from ..model import CensusEntry, Resource
from ..schema import Schema
from ..writers.characters import excerpt
from .cfn import CfnSchema
from .properties import Mapped, map_properties


def resource_from(
    tf_type: str,
    cfn: CfnSchema,
    entry: CensusEntry,
    identifier: str,
    properties: dict[str, Any],
    schema: Schema,
) -> tuple[Resource, Mapped]:
    """``properties``: the ``ResourceDescription.Properties`` of GetResource, parsed.

    The import ID is the primary identifier's values in schema order joined by
    ``|`` (what awscc's import takes); Cloud Control's own identifier where the
    properties lack one of them."""
    block = schema.resource(tf_type)
    mapped = map_properties(properties, block, cfn)
    import_id = cfn.identifier_of(properties) or identifier
    tags = _tags(properties.get("Tags"))
    arn = entry.arn or _own_arn(properties, cfn)
    resource = Resource(
        type=tf_type,
        id=import_id,  # awscc's `id` is this identifier
        import_id=import_id,
        region=entry.region,
        arn=arn,
        name=_name(properties, cfn),
        tags=tags,
        attributes=mapped.arguments,
        label=tags.get("Name") or _name(properties, cfn) or import_id.split("|")[-1].rsplit("/", 1)[-1],
    )
    # A write-only argument awscc requires cannot be left out: a sensitive
    # variable with no value, as for every other secret (see adopt.catalog.secrets).
    for path in cfn.write_only:
        name = _top_name(path, block)
        if name and len(path) == 1 and block.attributes[name].required:
            resource.sensitive[name] = f"write-only in {cfn.name}: Cloud Control never reads it back"
    return resource, mapped


def _top_name(path, block) -> str | None:
    from .properties import argument_name

    return argument_name(path[0], block)


def _tags(raw: Any) -> dict[str, str]:
    """CloudFormation's tags (a list of ``{Key, Value}``, or a map), without secret-shaped values."""
    pairs: list[tuple[Any, Any]] = []
    if isinstance(raw, list):
        pairs = [(t.get("Key"), t.get("Value")) for t in raw if isinstance(t, dict)]
    elif isinstance(raw, dict):
        pairs = list(raw.items())
    return {k: v for k, v in pairs if isinstance(k, str) and isinstance(v, str) and secret_shape(v) is None}


def _own_arn(properties: dict[str, Any], cfn: CfnSchema) -> str | None:
    resource = cfn.name.split("::")[-1]
    for key in ("Arn", f"{resource}Arn"):
        value = properties.get(key)
        if isinstance(value, str) and value.startswith("arn:"):
            return value
    return None


def _name(properties: dict[str, Any], cfn: CfnSchema) -> str | None:
    resource = cfn.name.split("::")[-1]
    for key in ("Name", f"{resource}Name"):
        value = properties.get(key)
        if isinstance(value, str) and value:
            return excerpt(value, 200)
    return None


def parse_properties(text: Any) -> dict[str, Any] | None:
    """``ResourceDescription.Properties`` is JSON text; anything else is no answer."""
    if not isinstance(text, str):
        return None
    try:
        value = json.loads(text)
    except (ValueError, RecursionError):
        return None
    return value if isinstance(value, dict) else None
