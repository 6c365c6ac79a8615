"""``adopt graph``: the resources and their references as a picture."""

from __future__ import annotations

import click

from ..errors import AdoptError
from .common import Existing, Output, check_output_file, existing_options, inventory_option, output_options


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
    """Draw the resources and their references, by batch or by status."""
    import shutil
    import subprocess

    from ..batches import export as graph_export
    from ..existing.status import classify
    from ..model import Inventory

    if output:
        check_output_file(output)
    inventory = Inventory.load(inventory_path)
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
    data = graph_export.describe(inventory.resources, statuses, batches, addresses, groups if families else None)
    text = {"dot": graph_export.to_dot, "mermaid": graph_export.to_mermaid, "json": graph_export.to_json}[fmt](data)
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
        dot = graph_export.to_dot(data)
        subprocess.run(["dot", "-Tsvg", "-o", svg_path], input=dot, text=True, check=True)
        out.note(f"Wrote {svg_path}.")
