"""``adopt demo`` and ``adopt types``."""

from __future__ import annotations

import click

from .common import Output, output_options


@click.command()
@click.option(
    "--out",
    "out_dir",
    default="adopt-demo",
    show_default=True,
    help="Directory for the demo's files.",
)
@output_options
@click.pass_obj
def demo(out: Output, out_dir: str) -> None:
    """Run scan and generate on a built-in emulated AWS estate (needs moto)."""
    from ..demo.run import run_demo

    run_demo(out_dir, out)


@click.command(name="types")
@click.option(
    "--inventory",
    "inventory_path",
    help="An inventory with a census: show which of this account's types adopt supports, and how many of each.",
)
@output_options
@click.pass_obj
def list_types(out: Output, inventory_path: str | None) -> None:
    """List the supported Terraform resource types."""
    from ..catalog import registry

    if inventory_path is not None:
        account_types(out, inventory_path)
        return
    for spec in registry.all_specs():
        scope = "global" if spec.is_global else "regional"
        parent = f"child of {spec.parent}" if spec.parent else ""
        out.info(f"{spec.tf_type:<55} {spec.service:<10} {scope:<9} {parent}".rstrip())


def account_types(out: Output, inventory_path: str) -> None:
    """The types the census saw in the account: supported or not, and how many of each."""
    from ..census.report import by_type
    from ..errors import BadInput
    from ..model import Inventory
    from ..writers import terminal

    inventory = Inventory.load(inventory_path)
    if inventory.census is None:
        raise BadInput(
            f"Inventory file {inventory_path} has no census (it was scanned with --no-census, or by an older adopt): "
            "scan again to see the account's types."
        )
    rows = by_type(inventory.census)
    if not rows:
        out.info("The census saw no resources.")
        return
    width = max(len(terminal.field(r.name)) for r in rows)
    out.info(f"{'TYPE'.ljust(width)}  {'SUPPORTED':<9}  {'COUNT':>5}  STATUSES")
    for row in rows:
        statuses = ", ".join(f"{count} {status}" for status, count in row.statuses.items())
        supported = "yes" if row.supported else "no"
        out.info(f"{terminal.field(row.name).ljust(width)}  {supported:<9}  {row.count:>5}  {statuses}")
    supported = sum(1 for r in rows if r.supported)
    out.info(f"{len(rows)} types in this account: {supported} supported, {len(rows) - supported} not.")
