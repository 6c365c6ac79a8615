"""The census's sources: read-only APIs that see across services.

* ``tagging``: the Resource Groups Tagging API's ``GetResources``, every page,
  in every scanned region (resources that have, or once had, tags);
* ``config``: AWS Config's discovered resources, where a configuration
  recorder is recording: ``ListDiscoveredResources`` for each type it records
  (the recorder's own list, else the types ``GetDiscoveredResourceCounts``
  counts);
* ``resource-explorer``: Resource Explorer's ``ListResources``, where an index
  and a default view exist;
* ``cloudcontrol`` (opt-in: one call per type and region): Cloud Control's
  ``ListResources`` for every CloudFormation type it lists without a parent.
  Only the identifiers are kept, never the listed properties.

Every call goes through the scan's session (its read-only guard and retries).
A failed call is recorded as a :class:`~adopt.model.ScanError` and the census
goes on; whether each source was used is recorded per region.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any

import botocore.exceptions

from ..aws.session import AwsSession
from ..catalog.secrets import secret_shape
from ..model import CensusSource, ScanError
from ..writers.characters import excerpt
from .types import cfn_types, is_arn

TAGGING, CONFIG, RESOURCE_EXPLORER, CLOUDCONTROL = "tagging", "config", "resource-explorer", "cloudcontrol"
SOURCES = (TAGGING, CONFIG, RESOURCE_EXPLORER, CLOUDCONTROL)
DEFAULT_SOURCES = (TAGGING, CONFIG, RESOURCE_EXPLORER)
OPT_IN = (CLOUDCONTROL,)

USED, NOT_AVAILABLE, DENIED, FAILED = "used", "not available", "denied", "failed"
# What a CloudFormation (and AWS Config) type name looks like; anything else from AWS is not one.
CFN_TYPE = re.compile(r"[A-Za-z0-9]+::[A-Za-z0-9]+::[A-Za-z0-9]+")

# Answers that mean "not here" rather than "refused" (Resource Explorer
# without an index or a default view; a Cloud Control type this region lacks).
_ABSENT = frozenset(
    {
        "ResourceNotFoundException",
        "TypeNotFoundException",
        "UnsupportedActionException",
        "NoSuchConfigurationRecorderException",
    }
)
# What a failure is called when the endpoint does not serve the API at all.
NOT_SERVED = "NotServedAtEndpoint"
_DENIED_HINTS = ("AccessDenied", "Unauthorized", "Forbidden", "NotAuthorized")


@dataclass
class Sighting:
    """One resource as one source listed it."""

    source: str
    region: str  # where the source said it is (or the region asked)
    identifier: str  # the ARN, else the source's identifier
    arn: str | None = None
    cfn_type: str | None = None
    names: tuple[str, ...] = ()  # other identifiers the source gave (a name, an ID)
    tags: dict[str, str] = field(default_factory=dict)


class CallFailed(Exception):
    def __init__(self, code: str, message: str) -> None:
        super().__init__(f"{code}: {message}")
        self.code = code
        self.message = message


@dataclass
class Calls:
    """The census's calls: every page of a read.  A failed call is recorded as
    a scan error (the census goes on), then raised as :class:`CallFailed` so
    the source can say why it stopped."""

    session: AwsSession
    errors: list[ScanError] = field(default_factory=list)

    def pages(self, service: str, region: str, operation: str, **params: Any) -> Iterator[Mapping[str, Any]]:
        """Every page of one read; raises :class:`CallFailed` (recorded) when it fails."""
        client = self.session.client(service, region)
        try:
            if client.can_paginate(operation):
                yield from client.get_paginator(operation).paginate(**params)
                return
            token_key = "nextToken" if "nextToken" in _input_members(client, operation) else None
            seen: set[str] = set()
            while True:
                page = getattr(client, operation)(**params)
                yield page
                token = page.get(token_key) if token_key else None
                if not token or token in seen:  # (a token seen before would page forever)
                    return
                seen.add(token)
                params = {**params, token_key: token}
        except botocore.exceptions.ClientError as exc:
            error = exc.response.get("Error", {})
            raise self._failed(
                service, region, operation, error.get("Code", "Unknown"), error.get("Message", str(exc))
            ) from exc
        except (botocore.exceptions.BotoCoreError, OSError, ValueError) as exc:
            raise self._failed(service, region, operation, type(exc).__name__, str(exc)) from exc

    def _failed(self, service: str, region: str, operation: str, code: str, message: str) -> CallFailed:
        if code.isdigit() and code.startswith("5"):
            # An HTTP error with no AWS error in it: whatever answered at the
            # endpoint (an emulator, a proxy) does not serve this API.
            return CallFailed(NOT_SERVED, f"the endpoint answered HTTP {code} without an AWS error")
        if code not in _ABSENT:
            self.errors.append(
                ScanError(
                    service=service,
                    operation=operation,
                    region=region,
                    code=excerpt(code, 80),
                    message=excerpt(message),
                    resource_type=None,
                )
            )
        return CallFailed(excerpt(code, 80), excerpt(message))


def _input_members(client: Any, operation: str) -> set[str]:
    name = client.meta.method_to_api_mapping[operation]
    shape = client.meta.service_model.operation_model(name).input_shape
    return set(shape.members) if shape is not None else set()


def describe(failure: CallFailed) -> str:
    return failure.message if failure.code == NOT_SERVED else str(failure)


def failure_state(failure: CallFailed) -> str:
    if failure.code in _ABSENT or failure.code == NOT_SERVED:
        return NOT_AVAILABLE
    return DENIED if any(h.lower() in failure.code.lower() for h in _DENIED_HINTS) else FAILED


def _tags(raw: Iterable[Mapping[str, Any]] | None) -> dict[str, str]:
    """Tags as the sources spell them, without values that look like secrets."""
    out: dict[str, str] = {}
    for tag in raw or ():
        key, value = tag.get("Key"), tag.get("Value")
        if isinstance(key, str) and isinstance(value, str) and secret_shape(value) is None:
            out[key] = value
    return out


# -- the sources ---------------------------------------------------------------


def tagging(calls: Calls, region: str) -> tuple[list[Sighting], CensusSource]:
    seen: list[Sighting] = []
    try:
        for page in calls.pages("resourcegroupstaggingapi", region, "get_resources", ResourcesPerPage=100):
            for mapping in page.get("ResourceTagMappingList") or ():
                arn = mapping.get("ResourceARN")
                if isinstance(arn, str) and is_arn(arn):
                    seen.append(Sighting(TAGGING, region, arn, arn=arn, tags=_tags(mapping.get("Tags"))))
    except CallFailed as failure:
        return seen, CensusSource(TAGGING, region, failure_state(failure), describe(failure), len(seen))
    return seen, CensusSource(TAGGING, region, USED, "", len(seen))


def config(calls: Calls, region: str) -> tuple[list[Sighting], CensusSource]:
    seen: list[Sighting] = []
    try:
        statuses = [
            s
            for page in calls.pages("config", region, "describe_configuration_recorder_status")
            for s in page.get("ConfigurationRecordersStatus") or ()
        ]
        if not any(s.get("recording") for s in statuses):
            return seen, CensusSource(CONFIG, region, NOT_AVAILABLE, "no configuration recorder is recording")
        for resource_type in _recorded_types(calls, region):
            if not isinstance(resource_type, str) or not CFN_TYPE.fullmatch(resource_type):
                continue  # not a type name: nothing to ask for
            for page in calls.pages("config", region, "list_discovered_resources", resourceType=resource_type):
                for found in page.get("resourceIdentifiers") or ():
                    resource_id = found.get("resourceId")
                    if not isinstance(resource_id, str) or not resource_id:
                        continue
                    name = found.get("resourceName")
                    cfn_type = found.get("resourceType") or resource_type
                    seen.append(
                        Sighting(
                            CONFIG,
                            region,
                            resource_id,
                            arn=resource_id if is_arn(resource_id) else None,
                            cfn_type=cfn_type if isinstance(cfn_type, str) and CFN_TYPE.fullmatch(cfn_type) else None,
                            names=tuple(n for n in (name,) if isinstance(n, str) and n),
                        )
                    )
    except CallFailed as failure:
        return seen, CensusSource(CONFIG, region, failure_state(failure), describe(failure), len(seen))
    return seen, CensusSource(CONFIG, region, USED, "", len(seen))


def _recorded_types(calls: Calls, region: str) -> list[str]:
    """The types the recorder lists by name, else every type Config counts."""
    recorders = [
        r
        for page in calls.pages("config", region, "describe_configuration_recorders")
        for r in page.get("ConfigurationRecorders") or ()
    ]
    named: set[str] = set()
    for recorder in recorders:
        group = recorder.get("recordingGroup") or {}
        strategy = (group.get("recordingStrategy") or {}).get("useOnly", "INCLUSION_BY_RESOURCE_TYPES")
        if group.get("allSupported", True) or strategy != "INCLUSION_BY_RESOURCE_TYPES":
            named = set()
            break
        named.update(group.get("resourceTypes") or ())
    if named:
        return sorted(named)
    counted = {
        c["resourceType"]
        for page in calls.pages("config", region, "get_discovered_resource_counts")
        for c in page.get("resourceCounts") or ()
        if c.get("resourceType") and c.get("count")
    }
    return sorted(counted)


def resource_explorer(calls: Calls, regions: list[str]) -> tuple[list[Sighting], list[CensusSource]]:
    """``ListIndexes`` once (it answers for every region), then ``ListResources``
    where a scanned region has an index."""
    seen: list[Sighting] = []
    try:
        indexes = {
            index.get("Region"): index
            for page in calls.pages("resource-explorer-2", regions[0], "list_indexes")
            for index in page.get("Indexes") or ()
        }
    except CallFailed as failure:
        return seen, [CensusSource(RESOURCE_EXPLORER, r, failure_state(failure), describe(failure)) for r in regions]
    records = []
    for region in regions:
        if region not in indexes:
            records.append(CensusSource(RESOURCE_EXPLORER, region, NOT_AVAILABLE, "no index in this region"))
            continue
        found: list[Sighting] = []
        try:
            for page in calls.pages("resource-explorer-2", region, "list_resources"):
                for resource in page.get("Resources") or ():
                    arn = resource.get("Arn")
                    if isinstance(arn, str) and is_arn(arn):
                        found.append(Sighting(RESOURCE_EXPLORER, resource.get("Region") or region, arn, arn=arn))
        except CallFailed as failure:
            detail = "no default view in this region" if failure.code in _ABSENT else describe(failure)
            records.append(CensusSource(RESOURCE_EXPLORER, region, failure_state(failure), detail, len(found)))
        else:
            records.append(CensusSource(RESOURCE_EXPLORER, region, USED, "", len(found)))
        seen.extend(found)
    return seen, records


def cloudcontrol_types() -> list[str]:
    """The CloudFormation types Cloud Control lists with no parent identifier."""
    return sorted(name for name, t in cfn_types().items() if t.listable)


def cloudcontrol(
    calls: Calls, region: str, concurrency: int = 8, types: Sequence[str] | None = None
) -> tuple[list[Sighting], CensusSource]:
    """One ``ListResources`` per listable type (or per one of ``types``); a type the region lacks is no failure."""

    def one(type_name: str) -> tuple[list[Sighting], CallFailed | None]:
        found: list[Sighting] = []
        try:
            for page in calls.pages("cloudcontrol", region, "list_resources", TypeName=type_name):
                for description in page.get("ResourceDescriptions") or ():
                    identifier = description.get("Identifier")  # the Properties are never kept
                    if isinstance(identifier, str) and identifier:
                        arn = identifier if is_arn(identifier) else None
                        found.append(Sighting(CLOUDCONTROL, region, identifier, arn=arn, cfn_type=type_name))
        except CallFailed as failure:
            return found, (None if failure.code in _ABSENT else failure)  # a type this region lacks: none
        return found, None

    seen: list[Sighting] = []
    failures: list[CallFailed] = []
    types = list(types) if types is not None else cloudcontrol_types()
    if not types:
        return [], CensusSource(CLOUDCONTROL, region, USED, "", 0)
    first, failure = one(types[0])
    if failure is not None and failure.code == NOT_SERVED:
        return first, CensusSource(CLOUDCONTROL, region, NOT_AVAILABLE, failure.message)
    seen.extend(first)
    failures.extend([failure] if failure else [])
    with ThreadPoolExecutor(max_workers=max(1, concurrency), thread_name_prefix="adopt-census") as pool:
        for found, failure in pool.map(one, types[1:]):
            seen.extend(found)
            if failure is not None:
                failures.append(failure)
    if failures:
        detail = f"{len(failures)} type(s) could not be listed, first: {describe(failures[0])}"
        return seen, CensusSource(CLOUDCONTROL, region, failure_state(failures[0]), detail, len(seen))
    return seen, CensusSource(CLOUDCONTROL, region, USED, "", len(seen))


def per_region(function: Callable[..., tuple[list[Sighting], CensusSource]]):
    """A source asked region by region, as one that answers for all of them."""

    def run(
        calls: Calls, regions: list[str], concurrency: int = 8, types: Sequence[str] | None = None
    ) -> tuple[list[Sighting], list[CensusSource]]:
        seen: list[Sighting] = []
        records: list[CensusSource] = []
        for region in regions:
            found, record = (
                function(calls, region, concurrency, types) if function is cloudcontrol else function(calls, region)
            )
            seen.extend(found)
            records.append(record)
        return seen, records

    return run


SOURCE_FUNCTIONS: dict[str, Callable[..., tuple[list[Sighting], list[CensusSource]]]] = {
    TAGGING: per_region(tagging),
    CONFIG: per_region(config),
    RESOURCE_EXPLORER: lambda calls, regions, concurrency=8, types=None: resource_explorer(calls, regions),
    CLOUDCONTROL: per_region(cloudcontrol),
}
