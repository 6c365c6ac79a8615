"""``adopt scan``: find the resources of an account and write an inventory."""

from __future__ import annotations

import sys
from collections import Counter
from typing import Any

import click

from ..writers import terminal
from .common import EXIT_PARTIAL, Output, check_output_file, common_options, output_options
from .organization import AccountChoice, organization_options, scan_many


@click.command()
@common_options
@click.option(
    "--include",
    "includes",
    multiple=True,
    metavar="TYPE",
    help="Only these Terraform types (wildcards allowed).",
)
@click.option(
    "--exclude",
    "excludes",
    multiple=True,
    metavar="TYPE",
    help="Skip these Terraform types.",
)
@click.option(
    "--include-defaults",
    is_flag=True,
    help="Also adopt what AWS made (default VPC, default security groups...).",
)
@click.option(
    "--concurrency",
    default=8,
    show_default=True,
    type=click.IntRange(1, 64),
    help="API calls in flight at once.",
)
@click.option(
    "-o",
    "--output",
    default="adopt-inventory.json",
    show_default=True,
    help="Inventory file to write (with several accounts: a directory, default adopt-inventories).",
)
@click.option(
    "--fail-fast", is_flag=True, help="Stop at the first failed AWS call instead of recording it and going on."
)
@organization_options
@output_options
@click.pass_obj
def scan(
    out: Output,
    profile: str | None,
    regions: tuple[str, ...],
    endpoint_url: str | None,
    includes: tuple[str, ...],
    excludes: tuple[str, ...],
    include_defaults: bool,
    concurrency: int,
    output: str,
    fail_fast: bool,
    accounts: AccountChoice,
) -> None:
    """Find the AWS resources of the account (or of many) and write an inventory."""
    from ..catalog import registry
    from ..scan.run import run_scan

    specs = registry.select(includes, excludes)
    if accounts.given:
        scan_many(
            out, accounts, profile, regions, endpoint_url, specs, include_defaults, concurrency, output, fail_fast
        )
        return
    check_output_file(output)
    inventory = run_scan(
        profile=profile,
        regions=list(regions),
        endpoint_url=endpoint_url,
        specs=specs,
        include_defaults=include_defaults,
        concurrency=concurrency,
        output=output,
        out=out,
        fail_fast=fail_fast,
    )
    print_summary(out, inventory)
    out.info(f"Wrote {output}: {len(inventory.resources)} resources.")
    if inventory.errors:
        out.note(f"{len(inventory.errors)} AWS call(s) failed; what they would have shown is missing:")
        for error in inventory.errors:
            out.note(
                f"  {error.service}:{error.operation} in {error.region}: "
                f"{terminal.field(error.code)} {terminal.field(error.message)}"
            )
        sys.exit(EXIT_PARTIAL)


def print_summary(out: Output, inventory: Any) -> None:
    counts = Counter((r.type, r.region) for r in inventory.resources)
    if not counts:
        out.info("No resources found.")
        return
    width = max(len(t) for t, _ in counts)
    out.info(f"{'TYPE'.ljust(width)}  {'REGION':<14}  COUNT")
    for (tf_type, region), count in sorted(counts.items()):
        out.info(f"{tf_type.ljust(width)}  {region:<14}  {count:>5}")
