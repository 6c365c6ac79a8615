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
    from the inventory's census, what adopt does not support (unsupported).

    Given the directory of a scan of several accounts, each account in turn.
    """
    import json

    from ..existing.status import classify
    from ..model import Inventory
    from .accounts_input import account_heading, each_account, is_accounts_dir, refuse_existing

    if is_accounts_dir(inventory_path):
        refuse_existing(inventory_path, existing, "status")
        ownership = existing.ownership()  # the ignore file, for every account alike
        accounts = [
            (entry, classify(inventory, ownership))
            for entry, inventory in each_account(inventory_path, existing, "status")
        ]
        if as_json:
            documents = [{"account": e["id"], "name": e.get("name"), **r.to_json()} for e, r in accounts]
            out.result(json.dumps({"accounts": documents}, indent=2) + "\n")
            return
        for entry, report in accounts:
            out.info(terminal.field(account_heading(entry)) + ":")
            _show(out, report, f"  {terminal.field(entry['id'])}: ")
        return
    inventory = Inventory.load(inventory_path)
    report = classify(inventory, existing.ownership())
    if as_json:
        out.result(json.dumps(report.to_json(), indent=2) + "\n")
        return
    _show(out, report)


def _show(out: Output, report, summary_prefix: str = "") -> None:
    from ..existing.status import STATUSES

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
    out.result(summary_prefix + report.summary() + "\n")
