"""Which census entries the long tail reads, and the reads.

An entry is read when the census could not adopt it (``unsupported``: adopt
has no spec for its aws type; ``unmapped``: the aws provider has no type for
it), its CloudFormation type is chosen (``--long-tail``, or a
``--long-tail-type`` pattern), Cloud Control reads it (a ``read`` handler)
and the awscc provider has a type for it.  A type with a curated spec never
goes this way.

Each read is one ``GetResource``, through the census's :class:`Calls` (the
session's read-only guard, its retries, a failure recorded as a scan error
and the scan going on), with bounded concurrency.  The identifier is Cloud
Control's where the census has it; an ARN where the primary identifier is
the ARN; else the one ``ListResources`` (once per type and region) lists
for the entry's ARN.
"""

from __future__ import annotations

import fnmatch
import json
import re
import threading
from collections.abc import Iterable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field

from ..catalog import registry
from ..census.sources import CLOUDCONTROL, CallFailed, Calls
from ..census.types import TypeMap, is_arn
from ..model import ADOPTED, UNMAPPED, UNSUPPORTED, CensusEntry, Inventory, Resource
from ..refs import link_nested_references
from ..schema import Schema
from .cfn import CfnSchema, cfn_schemas
from .resources import parse_properties, resource_from
from .types import AwsccTypes

READ_STATUSES = (UNSUPPORTED, UNMAPPED)
ADOPTED_REASON = "adopted through Cloud Control as {tf_type}"


@dataclass
class LongTailResult:
    resources: list[Resource] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # what was left out, and why
    skipped: int = 0  # entries chosen but not read (no identifier, vanished)


def wanted(cfn_type: str | None, patterns: Sequence[str]) -> bool:
    """``patterns`` empty: every type (``--long-tail``); else those they match."""
    if not cfn_type:
        return False
    return not patterns or any(fnmatch.fnmatchcase(cfn_type, p) for p in patterns)


def listed_types(patterns: Sequence[str]) -> list[str]:
    """The CloudFormation types ``--long-tail-type`` names that Cloud Control lists without a parent."""
    from ..census.sources import cloudcontrol_types

    return [t for t in cloudcontrol_types() if wanted(t, patterns)] if patterns else []


def chosen(
    entries: Iterable[CensusEntry], patterns: Sequence[str], awscc: AwsccTypes, types: TypeMap | None = None
) -> list[tuple[CensusEntry, CfnSchema, str]]:
    """The entries to read, each with its CloudFormation facts and awscc type."""
    facts = cfn_schemas()
    types = types or TypeMap.bundled()
    out = []
    for entry in entries:
        if entry.status not in READ_STATUSES or not wanted(entry.cfn_type, patterns):
            continue
        cfn = facts.get(entry.cfn_type)
        tf_type = awscc.tf_type(entry.cfn_type)
        curated = types.tf_type(entry.cfn_type)
        if cfn is None or not cfn.readable or tf_type is None or (curated and registry.find(curated)):
            continue
        out.append((entry, cfn, tf_type))
    return out


class Identifiers:
    """Cloud Control's identifier of a census entry."""

    def __init__(self, calls: Calls) -> None:
        self.calls = calls
        self._listed: dict[tuple[str, str], list[tuple[str, str]]] = {}
        self._lock = threading.Lock()

    def of(self, entry: CensusEntry, cfn: CfnSchema) -> str | None:
        if not is_arn(entry.identifier):
            return entry.identifier  # Cloud Control's (or another source's ID, which GetResource checks)
        if len(cfn.identifier) == 1 and cfn.identifier[0].endswith("Arn"):
            return entry.identifier
        arn = entry.identifier
        listed = self._list(cfn.name, entry.region)
        matches = [ident for ident, text in listed if ident == arn or json.dumps(arn) in text]
        if not matches:
            # No listed property holds the ARN: the one whose identifier's values are all segments of it
            # (arn:...:/keyspace/orders/table/lines is orders|lines).
            segments = set(re.split(r"[/:]", arn))
            matches = [ident for ident, _ in listed if all(part in segments for part in ident.split("|"))]
        return matches[0] if len(matches) == 1 else None

    def _list(self, cfn_type: str, region: str) -> list[tuple[str, str]]:
        key = (cfn_type, region)
        with self._lock:
            if key in self._listed:
                return self._listed[key]
        found: list[tuple[str, str]] = []
        try:
            for page in self.calls.pages(CLOUDCONTROL, region, "list_resources", TypeName=cfn_type):
                for description in page.get("ResourceDescriptions") or ():
                    ident = description.get("Identifier")
                    if isinstance(ident, str) and ident:
                        # The listed properties only tell which identifier the ARN is; they are not kept.
                        found.append((ident, json.dumps(parse_properties(description.get("Properties")) or {})))
        except CallFailed:
            pass  # recorded by Calls; the entries it would have named stay unread
        with self._lock:
            self._listed[key] = found
        return found


def read_long_tail(
    calls: Calls,
    inventory: Inventory,
    patterns: Sequence[str],
    schema: Schema,
    awscc: AwsccTypes,
    concurrency: int = 8,
) -> LongTailResult:
    """Read the chosen census entries; add their resources to ``inventory`` and mark the entries adopted."""
    work = chosen(inventory.census or [], patterns, awscc)
    identifiers = Identifiers(calls)
    result = LongTailResult()

    def one(item: tuple[CensusEntry, CfnSchema, str]):
        entry, cfn, tf_type = item
        identifier = identifiers.of(entry, cfn)
        if identifier is None:
            return item, None, f"{entry.identifier}: Cloud Control lists no identifier for it"
        try:
            pages = calls.pages(CLOUDCONTROL, entry.region, "get_resource", TypeName=cfn.name, Identifier=identifier)
            answer = next(iter(pages), {})
        except CallFailed as failure:
            return item, None, f"{entry.identifier}: GetResource failed ({failure.code})"
        description = answer.get("ResourceDescription") or {}
        properties = parse_properties(description.get("Properties"))
        if properties is None:
            return item, None, f"{entry.identifier}: GetResource gave no properties"
        ident = description.get("Identifier") if isinstance(description.get("Identifier"), str) else identifier
        return item, resource_from(tf_type, cfn, entry, ident, properties, schema), None

    seen: set[tuple[str, str, str]] = {(r.type, r.region, r.id) for r in inventory.resources}
    with ThreadPoolExecutor(max_workers=max(1, concurrency), thread_name_prefix="adopt-longtail") as pool:
        for (entry, _cfn, tf_type), read, problem in pool.map(one, work):
            if read is None:
                result.skipped += 1
                result.notes.append(problem)
                continue
            resource, mapped = read
            if resource.key in seen:  # two sightings of one resource
                continue
            seen.add(resource.key)
            result.resources.append(resource)
            result.notes.extend(f"{tf_type} {resource.import_id}: {note}" for note in mapped.left_out)
            entry.status, entry.tf_type = ADOPTED, tf_type
            entry.reason = ADOPTED_REASON.format(tf_type=tf_type)
            entry.resource = {"type": resource.type, "region": resource.region, "id": resource.id}
    if result.resources:
        inventory.resources.extend(result.resources)
        relink(inventory.resources)
        inventory.sort()
    return result


def relink(resources: list[Resource]) -> None:
    """Match nested references again over every resource, the new ones included
    (an aws policy naming an awscc resource's ARN, and the other way round).
    References found nested carry the ID the scan matched; declared ones do not."""
    for resource in resources:
        resource.references = [ref for ref in resource.references if ref.target_id is None]
    link_nested_references(resources)
