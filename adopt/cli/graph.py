"""``adopt graph``: the resources and their references as a picture."""

from __future__ import annotations

import os

import click

from ..errors import AdoptError, BadInput
from .common import (
    Existing,
    Output,
    check_output_file,
    check_writable,
    existing_options,
    inventory_option,
    output_options,
)


@click.command(name="graph")
@inventory_option
@click.option("--plan", "plan_path", help="Colour resources by their batch in this plan file.")
@click.option("--format", "fmt", type=click.Choice(["dot", "mermaid", "json"]), default="dot", show_default=True)
@click.option("-o", "--output", help="Write here instead of standard output.")
@click.option("--svg", "svg_path", help="Also render an SVG picture with Graphviz's `dot`.")
@click.option(
    "--families",
    is_flag=True,
    help="Draw each family of alike resources as one node with its count (with --plan: the plan's families).",
)
@existing_options
@output_options
@click.pass_obj
def graph_command(
    out: Output,
    inventory_path: str,
    plan_path: str | None,
    fmt: str,
    output: str | None,
    svg_path: str | None,
    families: bool,
    existing: Existing,
) -> None:
    """Draw the resources and their references, by batch or by status.

    Given the directory of a scan of several accounts, one graph per account
    into --output DIR.
    """
    import shutil
    import subprocess

    from ..fileio import replace_file
    from ..model import Inventory
    from .accounts_input import each_account, is_accounts_dir

    if is_accounts_dir(inventory_path):
        if not output or plan_path or svg_path:
            raise BadInput(
                f"{inventory_path} holds several accounts: give --output DIR for one graph per account "
                "(DIR/<account-id>.<format>), without --plan or --svg."
            )
        check_writable(output)
        os.makedirs(output, exist_ok=True)
        written = 0
        for entry, inventory in each_account(inventory_path, existing, "graph"):
            text = _render(_describe(inventory, families, existing, None), fmt)
            replace_file(os.path.join(output, f"{entry['id']}.{fmt}"), text)
            written += 1
        out.note(f"Wrote {written} graph(s) to {output}/<account-id>.{fmt}.")
        return
    if output:
        check_output_file(output)
    data = _describe(Inventory.load(inventory_path), families, existing, plan_path)
    text = _render(data, fmt)
    if output:
        with open(output, "w", encoding="utf-8") as fh:
            fh.write(text)
    else:
        out.result(text)
    if svg_path:
        if shutil.which("dot") is None:
            raise AdoptError(
                "--svg needs Graphviz's `dot` (e.g. `apt-get install graphviz`); the DOT text was still written."
            )
        subprocess.run(["dot", "-Tsvg", "-o", svg_path], input=_render(data, "dot"), text=True, check=True)
        out.note(f"Wrote {svg_path}.")


def _render(data, fmt: str) -> str:
    from ..batches import export

    return {"dot": export.to_dot, "mermaid": export.to_mermaid, "json": export.to_json}[fmt](data)


def _describe(inventory, families: bool, existing: Existing, plan_path: str | None):
    """What one inventory's graph shows: its resources, their references, and their batches or statuses."""
    from ..batches import export
    from ..existing.status import classify

    batches = statuses = addresses = groups = None
    if plan_path:
        from ..batches.plan import Plan, validate

        checked = validate(Plan.load(plan_path), inventory, plan_path)
        batches, addresses = checked.batch_of, checked.address_of
        groups = checked.groups
    else:
        report = classify(inventory, existing.ownership())
        statuses = {item.resource.key: item.status for item in report.items}
        if families:
            from ..drift.grouping import find_groups
            from ..naming import assign_labels
            from ..schema import bundled

            groups, _ = find_groups(inventory.resources, bundled(), assign_labels(inventory.resources))
    return export.describe(inventory.resources, statuses, batches, addresses, groups if families else None)
