"""``adopt scan``: find the resources of an account and write an inventory."""

from __future__ import annotations

import re
import sys
from collections import Counter
from typing import Any

import click

from ..writers import terminal
from .common import EXIT_PARTIAL, Output, check_output_file, common_options, output_options
from .organization import AccountChoice, organization_options, scan_many

# A CloudFormation type, or a pattern of them, as --long-tail-type takes it.
CFN_TYPE_PATTERN = re.compile(r"[A-Za-z0-9*?]+(::[A-Za-z0-9*?]+){0,2}")


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
@click.option(
    "--census",
    "census_extra",
    multiple=True,
    type=click.Choice(["cloudcontrol"]),
    help="Also ask this census source (Cloud Control: one call per CloudFormation type and region).",
)
@click.option(
    "--no-census",
    is_flag=True,
    help="Skip the census of everything in the account (Tagging API, AWS Config, Resource Explorer).",
)
@click.option(
    "--long-tail",
    is_flag=True,
    help="Also adopt, as awscc_* resources read through Cloud Control, what the census saw of types adopt has no spec for.",
)
@click.option(
    "--long-tail-type",
    "long_tail_types",
    multiple=True,
    metavar="CFN_TYPE",
    help="Only these CloudFormation types for the long tail (wildcards allowed: 'AWS::SageMaker::*'); "
    "Cloud Control's census lists them too.",
)
@click.option(
    "--awscc-schema",
    "awscc_schema",
    metavar="FILE",
    help="A `terraform providers schema -json` file for the awscc provider instead of the bundled schema.",
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
    census_extra: tuple[str, ...],
    no_census: bool,
    long_tail: bool,
    long_tail_types: tuple[str, ...],
    awscc_schema: str | None,
    accounts: AccountChoice,
) -> None:
    """Find the AWS resources of the account (or of many) and write an inventory.

    Then the census: everything the account's cross-service sources list,
    and for each, whether adopt adopted it, left it to AWS, missed it, or
    has no spec for its type yet."""
    from ..catalog import registry
    from ..census.sources import DEFAULT_SOURCES
    from ..errors import BadInput
    from ..scan.run import run_scan

    if no_census and census_extra:
        raise BadInput("--no-census and --census contradict each other: pass one of them.")
    wants_long_tail = long_tail or bool(long_tail_types)
    if no_census and wants_long_tail:
        raise BadInput("--long-tail reads what the census sees: it cannot go with --no-census.")
    for pattern in long_tail_types:
        if not CFN_TYPE_PATTERN.fullmatch(pattern):
            raise BadInput(
                f"--long-tail-type {terminal.field(pattern)!r} is not a CloudFormation type pattern "
                "(such as AWS::SageMaker::* or AWS::Logs::LogGroup)."
            )
    specs = registry.select(includes, excludes)
    if accounts.given:
        census = None if no_census else DEFAULT_SOURCES + tuple(census_extra)
        scan_many(
            out, accounts, profile, regions, endpoint_url, specs, include_defaults, concurrency, output, fail_fast,
            census, long_tail=(tuple(long_tail_types), awscc_schema) if wants_long_tail else None,
        )  # fmt: skip
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
        census_sources=None if no_census else DEFAULT_SOURCES + tuple(census_extra),
        long_tail=tuple(long_tail_types) if wants_long_tail else None,
        awscc_schema=awscc_schema,
    )
    print_summary(out, inventory)
    print_census(out, inventory)
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


# At most this many of the resources the scan missed are named on the terminal.
SHOWN_GAPS = 20


def print_census(out: Output, inventory: Any) -> None:
    """Per region: what the census saw, what adopt can adopt, what it cannot
    (with the commonest types), and each resource the scan missed."""
    from ..census.report import by_region
    from ..model import GAP

    if inventory.census is None:
        return
    unused = [s for s in inventory.census_sources if s.state != "used"]
    used = sorted({s.source for s in inventory.census_sources if s.state == "used"})
    out.info("")
    out.info(f"Census ({', '.join(used) or 'no source answered'}):")
    rows = by_region(inventory.census)
    if not rows:
        out.info("  the census sources listed nothing.")
    else:
        out.info(
            f"  {'REGION':<14}  {'SEEN':>5}  {'ADOPTABLE':>9}  {'AWS-OWNED':>9}  {'UNSUPPORTED':>11}  MOST COMMON UNSUPPORTED"
        )
        for row in rows:
            common = ", ".join(f"{terminal.field(name)} ({count})" for name, count in row.top_unsupported)
            out.info(
                f"  {row.region:<14}  {row.seen:>5}  {row.adoptable:>9}  {row.aws_owned:>9}  {row.unsupported:>11}  {common}".rstrip()
            )
    for source in unused:
        out.info(f"  {source.source} in {source.region}: {source.state}; {terminal.field(source.detail)}".rstrip("; "))
    gaps = [e for e in inventory.census if e.status == GAP]
    if gaps:
        out.note(f"{len(gaps)} resource(s) of supported types the census saw but the scan did not find:")
        for entry in gaps[:SHOWN_GAPS]:
            out.note(f"  {entry.region}  {terminal.field(entry.identifier)}: {terminal.field(entry.reason)}")
        if len(gaps) > SHOWN_GAPS:
            out.note(f"  ... and {len(gaps) - SHOWN_GAPS} more (the inventory's census lists them all).")
