"""``adopt plan``: order the unmanaged resources into batches."""

from __future__ import annotations

import click

from .common import Existing, Output, check_output_file, existing_options, inventory_option, output_options


@click.command(name="plan")
@inventory_option
@click.option(
    "--select",
    "selectors",
    multiple=True,
    metavar="FILTER",
    help="What to adopt: TYPE, type:TYPE, id:ID, tag:KEY=VALUE, vpc:VPC_ID, region:NAME (repeatable; default all).",
)
@click.option("--max-batch", type=click.IntRange(1), help="At most this many resources per batch.")
@click.option(
    "--with-dependencies/--no-dependencies",
    default=True,
    show_default=True,
    help="Pull in the unmanaged resources the selection references, or keep those references literal IDs.",
)
@click.option(
    "--families/--no-families",
    default=True,
    show_default=True,
    help="Plan each family of alike resources (see `adopt drift`) as one for_each resource, in one batch.",
)
@click.option(
    "--by",
    type=click.Choice(["group", "service", "vpc", "region"]),
    default="group",
    show_default=True,
    help="The first cut before batches are packed: IAM, each VPC's network and what runs in it, the rest "
    "(group); or by service and region, by VPC, or by region.",
)
@click.option("-o", "--output", default="adopt-plan.json", show_default=True, help="Plan file to write.")
@existing_options
@output_options
@click.pass_obj
def plan_command(
    out: Output,
    inventory_path: str,
    selectors: tuple[str, ...],
    max_batch: int | None,
    with_dependencies: bool,
    families: bool,
    by: str,
    output: str,
    existing: Existing,
) -> None:
    """Order the unmanaged resources into batches, one pull request each."""
    from ..batches.plan import make_plan
    from ..existing.status import classify
    from ..model import Inventory

    check_output_file(output)
    inventory = Inventory.load(inventory_path)
    report = classify(inventory, existing.ownership())
    plan = make_plan(
        inventory,
        inventory_path,
        report,
        list(selectors),
        with_dependencies,
        max_batch,
        existing.plan_options(),
        families=families,
        by=by,
    )
    plan.save(output)
    total = sum(len(b.resources) for b in plan.batches)
    for batch in plan.batches:
        out.info(f"batch {batch.number:>3}  {len(batch.resources):>5}  {batch.name}")
    for (address, path), why in sorted(plan.literal.items()):
        out.note(f"literal reference: {address}.{path}: {why}")
    out.info(
        f"Wrote {output}: {total} resources in {len(plan.batches)} batches. Next: adopt generate --plan {output} --batch 1 --out DIR"
    )
