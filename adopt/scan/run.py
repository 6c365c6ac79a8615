"""Run a scan for the CLI: session, regions, progress, and saving the result."""

from __future__ import annotations

import sys
from typing import Any

from ..aws.session import AwsSession
from ..catalog.spec import ResourceSpec
from ..census.run import take_census
from ..census.sources import DEFAULT_SOURCES, cloudcontrol_types
from ..errors import AdoptError
from ..model import Inventory, check_region
from .engine import ScanAborted, Scanner
from .long_tail import LongTail, print_summary


class Progress:
    """A one-line progress indicator on stderr, only when it is a terminal.

    Called by the scan's worker threads (one at a time): it only rewrites
    its one line, so it stays readable whatever the concurrency.
    """

    def __init__(self, enabled: bool) -> None:
        self.tasks = 0
        self.found = 0
        self.enabled = enabled

    def __call__(self, tf_type: str, region: str, count: int) -> None:
        self.tasks += 1
        self.found += count
        if self.enabled:
            line = f"{self.found} resources found, {self.tasks} lookups done; now: {tf_type} in {region}"
            sys.stderr.write("\r\033[K" + line[:120])
            sys.stderr.flush()

    def finish(self) -> None:
        if self.enabled:
            sys.stderr.write("\r\033[K")
            sys.stderr.flush()


def run_scan(
    *,
    profile: str | None,
    regions: list[str],
    endpoint_url: str | None,
    specs: list[ResourceSpec],
    include_defaults: bool,
    concurrency: int,
    output: str,
    fail_fast: bool = False,
    out: Any,
    session: AwsSession | None = None,
    census_sources: tuple[str, ...] | None = DEFAULT_SOURCES,
    long_tail: tuple[str, ...] | None = None,
    awscc_schema: str | None = None,
) -> Inventory:
    """Scan, then (unless ``census_sources`` is ``None``) take the census.

    ``long_tail``: read the census's unsupported resources through Cloud
    Control as awscc resources (see :mod:`adopt.longtail`): ``()`` for every
    type, else CloudFormation type patterns, whose listable types Cloud
    Control's census then lists too."""
    session = session or AwsSession(profile=profile, endpoint_url=endpoint_url)
    session.check_credentials()
    regions = list(regions) or ([session.default_region] if session.default_region else [])
    if not regions:
        raise AdoptError(
            "No region given and the AWS profile sets none: pass --region (repeatable), e.g. --region us-east-1."
        )
    if "all" in regions:
        from .organization import enabled_regions

        regions = enabled_regions(session, session.default_region or "us-east-1")
    for region in regions:
        check_region(region, "The region" if region == session.default_region else "--region")
    # Loaded first: a bad --awscc-schema is said before the scan, not after it.
    step = LongTail.load(long_tail, awscc_schema) if long_tail is not None else None
    scanner = Scanner(
        session,
        regions,
        specs,
        include_defaults=include_defaults,
        concurrency=concurrency,
        fail_fast=fail_fast,
    )
    progress = Progress(enabled=sys.stderr.isatty() and not out.quiet)
    scanner.on_progress = progress
    try:
        inventory = scanner.run()
    except ScanAborted as exc:
        progress.finish()
        partial = output[:-5] + ".partial.json" if output.endswith(".json") else output + ".partial.json"
        exc.inventory.save(partial)
        raise AdoptError(f"{exc} Partial inventory: {partial}.") from exc
    progress.finish()
    listed = None
    if step is not None and census_sources is not None:
        census_sources, listed = step.census(census_sources)
    if census_sources is not None:
        if "cloudcontrol" in census_sources and listed is None:
            out.note(
                f"Census: Cloud Control lists {len(cloudcontrol_types())} CloudFormation types in each of "
                f"{len(inventory.regions)} region(s); this takes a while."
            )
        take_census(
            session,
            inventory,
            scanner.skipped,
            scanner.wanted,
            sources=census_sources,
            concurrency=concurrency,
            cloudcontrol_types=listed,
        )
        if step is not None:
            print_summary(out, "Long tail", step.read(session, inventory, concurrency))
    inventory.save(output)
    return inventory
