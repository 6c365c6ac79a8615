"""Take the census of a scanned account: ask each source, merge, classify."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from concurrent.futures import ThreadPoolExecutor

from ..aws.session import AwsSession
from ..model import Inventory, Skipped
from .classify import Census
from .sources import DEFAULT_SOURCES, SOURCE_FUNCTIONS, SOURCES, Calls, Sighting


def take_census(
    session: AwsSession,
    inventory: Inventory,
    skipped: Sequence[Skipped],
    scanned_types: Iterable[str],
    sources: Iterable[str] = DEFAULT_SOURCES,
    concurrency: int = 8,
    cloudcontrol_types: Sequence[str] | None = None,
) -> None:
    """Fill ``inventory.census`` and ``census_sources``; failed calls join ``inventory.errors``.
    ``cloudcontrol_types``: the CloudFormation types Cloud Control lists (default: every listable one)."""
    calls = Calls(session)
    wanted = [s for s in SOURCES if s in set(sources)]
    regions = list(inventory.regions)

    def run(source: str) -> tuple[list[Sighting], list]:
        return SOURCE_FUNCTIONS[source](calls, regions, concurrency=concurrency, types=cloudcontrol_types)

    sightings: list[Sighting] = []
    with ThreadPoolExecutor(max_workers=max(1, len(wanted)), thread_name_prefix="adopt-census") as pool:
        for seen, records in pool.map(run, wanted):
            sightings.extend(seen)
            inventory.census_sources.extend(records)
    inventory.census = Census(inventory, skipped, scanned_types).entries(sightings)
    inventory.errors.extend(calls.errors)
    inventory.sort()
