"""``adopt status``: what Terraform already manages, and what it does not."""

from __future__ import annotations

import click

from ..writers import terminal
from .common import Existing, Output, existing_options, inventory_option, output_options


@click.command()
@inventory_option
@click.option("--json", "as_json", is_flag=True, help="Print the classification as JSON.")
@existing_options
@output_options
@click.pass_obj
def status(
    out: Output,
    inventory_path: str,
    as_json: bool,
    existing: Existing,
) -> None:
    """Classify each resource: managed, declared, ignored or unmanaged; and,
    from the inventory's census, what adopt does not support (unsupported)."""
    import json

    from ..existing.status import STATUSES, classify
    from ..model import Inventory

    inventory = Inventory.load(inventory_path)
    report = classify(inventory, existing.ownership())
    if as_json:
        out.result(json.dumps(report.to_json(), indent=2) + "\n")
        return
    by_type = report.by_type()
    if by_type:
        width = max(len(t) for t in by_type)
        out.info(f"{'TYPE'.ljust(width)}  " + "  ".join(f"{s.upper():>9}" for s in STATUSES))
        for tf_type, counts in by_type.items():
            out.info(f"{tf_type.ljust(width)}  " + "  ".join(f"{counts[s]:>9}" for s in STATUSES))
        out.info("")
        for item in sorted(report.items, key=lambda i: (STATUSES.index(i.status), i.resource.sort_key())):
            where = item.address or ""
            detail = f" ({item.detail})" if item.detail and item.status != "managed" else ""
            row = f"{item.status:<9}  {item.resource.type}  {terminal.field(item.resource.import_id)}  "
            out.info((row + terminal.field(f"{where}{detail}")).rstrip())
        out.info("")
    out.result(report.summary() + "\n")
