"""What alike resources are compared on.

A member's *values* are its arguments less what is expected to differ between
alike resources (its identity), spelled so that equal means alike:

- identity is set aside: names (``name``, ``name_prefix``, the spec's
  ``name_argument`` such as a function's ``function_name``, the ``Name`` tag),
  placement and addresses (zones, subnets, private IPs), recognised by the
  provider's argument names at any depth; what a spec declares in
  ``member_identity``; and any value that is just the member's own ID, name or
  ARN (a bucket's ``bucket``, a rule's ``security_group_id``);
- so are arguments whose changes the spec ignores (a Lambda function's
  placeholder code location) and secrets, which are never read;
- the member's own ID, name and ARN inside a value read ``{self.id}``,
  ``{self.name}`` and ``{self.arn}``: a bucket policy naming its own bucket is
  alike in every bucket;
- map arguments (``tags``) are compared key by key: ``tags.Hotfix``;
- sets (as the provider schema types them) are compared regardless of order;
- child resources (a group's rules, a bucket's settings) are part of their
  parent: one value per child type, the sorted list of the children's values.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping
from functools import cache
from typing import Any

from ..catalog import registry
from ..model import Resource
from ..schema import Block, Schema

SELF_ID, SELF_NAME, SELF_ARN = "{self.id}", "{self.name}", "{self.arn}"
_SELF = frozenset({SELF_ID, SELF_NAME, SELF_ARN})

# The provider's argument names for what names a resource, and for where it
# runs and which addresses it holds: alike resources differ there by design.
NAME_ARGUMENTS = frozenset({"name", "name_prefix"})
PLACEMENT_ARGUMENTS = frozenset(
    {
        "availability_zone",
        "availability_zones",
        "availability_zone_name",
        "subnet_id",
        "subnet_ids",
        "subnets",
        "subnet_mapping",
        "vpc_zone_identifier",
        "private_ip",
        "private_ips",
        "secondary_private_ips",
        "secondary_private_ip_addresses",
        "ipv6_addresses",
        "allocation_id",
        "secondary_allocation_ids",
    }
)
IDENTITY_TAGS = frozenset({"Name"})  # the AWS console's name for a resource
# A name shorter than this is too likely to occur by chance inside other text.
MIN_OWN_NAME = 3


def canonical(value: Any) -> str:
    """One spelling per value, to compare and to sort by."""
    return json.dumps(value, sort_keys=True, ensure_ascii=False, separators=(",", ":"), default=str)


def display_name(resource: Resource) -> str | None:
    """What a person calls the resource: its Name tag, else its own name."""
    name = resource.tags.get("Name") or resource.name
    if not isinstance(name, str) or not name.strip():
        return None
    return name.strip()


class OwnWords:
    """Replaces a member's own ID, name and ARN inside its values."""

    def __init__(self, resource: Resource) -> None:
        words: dict[str, str] = {}
        if resource.arn:
            words[resource.arn] = SELF_ARN
        for word, placeholder in ((resource.name, SELF_NAME), (resource.id, SELF_ID)):
            if word and len(word) >= MIN_OWN_NAME:
                words.setdefault(word, placeholder)
        ordered = sorted(words, key=len, reverse=True)  # an ARN holds the name: longest first
        self._words = words
        # Whole words only: "web" is not replaced inside "webhook" or "web-2".
        self._pattern = (
            re.compile("|".join(rf"(?<![A-Za-z0-9_-]){re.escape(w)}(?![A-Za-z0-9_-])" for w in ordered))
            if ordered
            else None
        )

    def replace(self, value: Any) -> Any:
        if isinstance(value, str):
            if self._pattern is None:
                return value
            return self._pattern.sub(lambda m: self._words[m.group(0)], value)
        if isinstance(value, Mapping):
            return {k: self.replace(v) for k, v in value.items()}
        if isinstance(value, list):
            return [self.replace(v) for v in value]
        return value


def argument_head(path: str) -> str:
    """The top-level argument a path is in: ``environment[0].variables`` -> ``environment``."""
    return re.split(r"[.\[]", path, maxsplit=1)[0]


def without_placement(value: Any) -> Any:
    """Nested blocks lose their placement too (a function's ``vpc_config.subnet_ids``)."""
    if isinstance(value, Mapping):
        out = {k: without_placement(v) for k, v in value.items() if k not in PLACEMENT_ARGUMENTS}
        out = {k: v for k, v in out.items() if v is not None}
        return out or None
    if isinstance(value, list):
        out = [without_placement(v) for v in value]
        return [v for v in out if v is not None] or None
    return value


class Comparer:
    """Computes the values resources of one inventory are compared on."""

    def __init__(self, resources: Iterable[Resource], schema: Schema) -> None:
        self.schema = schema
        self._children: dict[tuple[str, str, str], list[Resource]] = {}
        for resource in resources:
            if resource.parent:
                where = (resource.parent["type"], resource.region, resource.parent["id"])
                self._children.setdefault(where, []).append(resource)

    def values(self, resource: Resource) -> dict[str, Any]:
        """The compared values of a resource and its children, by argument."""
        return self._values(resource, OwnWords(resource))

    def identity(self, resource: Resource) -> dict[str, Any]:
        """What was set aside as the resource's own (its name, subnet, zone)."""
        skip = identity_arguments(self.schema, resource.type)
        out: dict[str, Any] = {}
        for argument, value in resource.attributes.items():
            if argument in skip:
                out[argument] = value
            elif isinstance(value, Mapping) and _is_map(self._block(resource.type), argument):
                out.update({f"{argument}.{k}": v for k, v in value.items() if f"{argument}.{k}" in skip})
        return dict(sorted(out.items()))

    def children(self, resource: Resource) -> list[Resource]:
        return self._children.get((resource.type, resource.region, resource.id), [])

    def _block(self, tf_type: str) -> Block | None:
        return self.schema.resource(tf_type) if self.schema.has(tf_type) else None

    def _values(self, resource: Resource, own: OwnWords) -> dict[str, Any]:
        spec = registry.find(resource.type)
        block = self._block(resource.type)
        skip = set(identity_arguments(self.schema, resource.type))
        skip |= {path[0] for path, _ in spec.ignored_for(resource) if len(path) == 1} if spec else set()
        skip |= {argument_head(path) for path in resource.sensitive}
        out: dict[str, Any] = {}
        for argument, raw in resource.attributes.items():
            if argument in skip:
                continue
            if isinstance(raw, Mapping) and _is_map(block, argument):
                for key, item in raw.items():
                    value = own.replace(item)
                    if f"{argument}.{key}" not in skip and value is not None and value not in _SELF:
                        out[f"{argument}.{key}"] = value
                continue
            value = without_placement(own.replace(raw))
            if isinstance(value, list) and _is_set(block, argument):
                value = sorted(value, key=canonical)
            if value is not None and not (isinstance(value, str) and value in _SELF):
                out[argument] = value
        by_type: dict[str, list[dict[str, Any]]] = {}
        for child in self.children(resource):
            by_type.setdefault(child.type, []).append(self._values(child, own))
        for child_type, values in by_type.items():
            out[child_type] = sorted(values, key=canonical)
        return dict(sorted(out.items()))


@cache
def identity_arguments(schema: Schema, tf_type: str) -> frozenset[str]:
    """The arguments set aside when comparing resources of a type: names,
    placement and addresses by the provider schema's argument names, the
    ``Name`` tag, and the spec's ``member_identity``."""
    spec = registry.find(tf_type)
    if schema.has(tf_type):
        block = schema.resource(tf_type)
        known = {n for n, a in block.attributes.items() if a.writable} | set(block.block_types)
    else:
        known = set(spec.arguments) if spec else set()
    by_name = {a for a in known if a in NAME_ARGUMENTS or a in PLACEMENT_ARGUMENTS}
    if spec is not None and spec.name_argument in known:  # the argument holding its own name
        by_name.add(spec.name_argument)
    declared = set(spec.member_identity) if spec else set()
    return frozenset(by_name | declared | {f"tags.{t}" for t in IDENTITY_TAGS})


def _is_map(block: Block | None, argument: str) -> bool:
    attribute = block.attributes.get(argument) if block else None
    return bool(attribute and isinstance(attribute.type, list) and attribute.type[0] == "map")


def _is_set(block: Block | None, argument: str) -> bool:
    if block is None:
        return False
    attribute = block.attributes.get(argument)
    if attribute is not None:
        return isinstance(attribute.type, list) and attribute.type[0] == "set"
    nested = block.block_types.get(argument)
    return bool(nested and nested.nesting_mode == "set")
