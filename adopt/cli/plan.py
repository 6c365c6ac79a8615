"""``adopt plan``: order the unmanaged resources into batches."""

from __future__ import annotations

import click

from .common import (
    Existing,
    Output,
    check_output_file,
    check_writable,
    existing_options,
    inventory_option,
    output_options,
)


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
@click.option(
    "-o",
    "--output",
    help="Plan file to write (default adopt-plan.json); with the directory of several accounts, the directory "
    "to write one plan per account into (DIR/<account-id>.json).",
)
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
    output: str | None,
    existing: Existing,
) -> None:
    """Order the unmanaged resources into batches, one pull request each.

    Given the directory of a scan of several accounts, each account is
    planned on its own, into --output DIR (DIR/<account-id>.json).
    """
    import os

    from ..errors import BadInput
    from ..existing.status import classify
    from ..model import Inventory
    from ..writers import terminal
    from .accounts_input import account_heading, each_account, is_accounts_dir, refuse_existing

    def plan_of(inventory: Inventory, path: str, ownership):
        from ..batches.plan import make_plan

        report = classify(inventory, ownership)
        options = existing.plan_options()
        return make_plan(
            inventory, path, report, list(selectors), with_dependencies, max_batch, options, families=families, by=by
        )

    if is_accounts_dir(inventory_path):
        refuse_existing(inventory_path, existing, "plan")
        if not output or (os.path.exists(output) and not os.path.isdir(output)):
            raise BadInput(
                f"{inventory_path} holds several accounts: give --output DIR for one plan per account "
                "(DIR/<account-id>.json)."
            )
        check_writable(output)
        os.makedirs(output, exist_ok=True)
        ownership = existing.ownership()  # the ignore file, for every account alike
        written = 0
        for entry, inventory in each_account(inventory_path, existing, "plan"):
            plan = plan_of(inventory, os.path.join(inventory_path, entry["inventory"]), ownership)
            path = os.path.join(output, f"{entry['id']}.json")
            plan.save(path)
            written += 1
            out.info(terminal.field(account_heading(entry)) + ":")
            _show(out, plan, path, "  ")
        out.info(f"Wrote {written} plan(s) to {output}/<account-id>.json.")
        return
    output = output or "adopt-plan.json"
    check_output_file(output)
    inventory = Inventory.load(inventory_path)
    plan = plan_of(inventory, inventory_path, existing.ownership())
    plan.save(output)
    _show(out, plan, output)


def _show(out: Output, plan, path: str, indent: str = "") -> None:
    total = sum(len(b.resources) for b in plan.batches)
    for batch in plan.batches:
        out.info(f"{indent}batch {batch.number:>3}  {len(batch.resources):>5}  {batch.name}")
    for (address, where), why in sorted(plan.literal.items()):
        out.note(f"{indent}literal reference: {address}.{where}: {why}")
    out.info(
        f"{indent}Wrote {path}: {total} resources in {len(plan.batches)} batches. "
        f"Next: adopt generate --plan {path} --batch 1 --out DIR"
    )
