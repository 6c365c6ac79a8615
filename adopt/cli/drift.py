"""``adopt drift``: the families of alike resources, and how their members drifted."""

from __future__ import annotations

import json

import click

from ..writers import terminal
from .common import Existing, Output, check_output_file, existing_options, inventory_option, output_options


@click.command(name="drift")
@inventory_option
@click.option(
    "--select",
    "selectors",
    multiple=True,
    metavar="FILTER",
    help="Where to look: TYPE, type:TYPE, id:ID, tag:KEY=VALUE, vpc:VPC_ID, region:NAME (repeatable; default all).",
)
@click.option("--json", "as_json", is_flag=True, help="Print the adopt-drift/1 JSON report.")
@click.option("--markdown", "as_markdown", is_flag=True, help="Print the report as Markdown (a DRIFT.md).")
@click.option("-o", "--output", help="Write the report to this file instead of printing it.")
@click.option(
    "--schema", "schema_path", help="A `terraform providers schema -json` file instead of the bundled schema."
)
@click.option(
    "--baseline",
    is_flag=True,
    help="Write the follow-up change instead of a report: the module with each family's members at "
    "the family's baseline (as `adopt generate --baseline`), into --out.",
)
@click.option("--out", "out_dir", help="With --baseline: the directory of the adopted module to write it into.")
@click.option("--force", is_flag=True, help="With --baseline: overwrite generated files a person changed since.")
@existing_options
@output_options
@click.pass_obj
def drift_command(
    out: Output,
    inventory_path: str,
    selectors: tuple[str, ...],
    as_json: bool,
    as_markdown: bool,
    output: str | None,
    schema_path: str | None,
    baseline: bool,
    out_dir: str | None,
    force: bool,
    existing: Existing,
) -> None:
    """Find the families of alike resources (the servers meant to be
    identical) and show each member's deviations from the family's baseline.

    With --state/--config/--ignore-file, only resources no Terraform manages
    yet are looked at, as with `adopt plan`.

    Given the directory of a scan of several accounts, each account in turn
    (with --baseline, one module per account: OUT/<account-id>/).

    With --baseline --out DIR, write the follow-up to the adoption instead:
    the plan of that module shows exactly the drift to remove, member by
    member; what would replace a resource is never part of it.
    """
    from ..batches.plan import resource_graph, select
    from ..drift import find_families
    from ..drift.report import dumps, markdown, summary_lines, to_json
    from ..errors import BadInput
    from ..existing.status import classify
    from ..fileio import replace_file
    from ..model import Inventory
    from ..schema import load

    schema = load(schema_path)
    if baseline or out_dir:
        if not (baseline and out_dir):
            raise BadInput("--baseline and --out go together: adopt drift --baseline --inventory FILE --out DIR.")
        if as_json or as_markdown or output or selectors:
            raise BadInput("--baseline writes a module: leave out --json, --markdown, --output and --select.")
        from .accounts_input import is_accounts_dir
        from .generate import generate_each_account, generate_module

        if is_accounts_dir(inventory_path):
            generate_each_account(out, inventory_path, out_dir, schema, existing, None, force, True, baseline=True)
        else:
            generate_module(out, inventory_path, out_dir, schema, existing, force, families=True, baseline=True)
        return
    if as_json and as_markdown:
        raise BadInput("--json and --markdown choose the report's form: give one of them.")
    if output:
        check_output_file(output)
    from .accounts_input import account_heading, each_account, is_accounts_dir, refuse_existing

    def families_of(inventory: Inventory) -> list:
        report = classify(inventory, ownership)
        chosen = select(inventory, report, selectors, resource_graph(inventory.resources))
        return find_families(inventory.resources, schema, chosen)

    def summary(families: list, inventory: Inventory) -> list[str]:
        lines = summary_lines(families, inventory.resources)
        in_families = sum(len(f.members) for f in families)
        lines.append(f"{len(families)} families of alike resources, {in_families} resources in them.")
        return lines

    many = is_accounts_dir(inventory_path)
    if many:
        refuse_existing(inventory_path, existing, "drift")  # before any state is read
    ownership = existing.ownership()
    if many:
        accounts = [(e, i, families_of(i)) for e, i in each_account(inventory_path, existing, "drift")]
        families = [f for _, _, found in accounts for f in found]
        if as_json:
            documents = [{"account": e["id"], "name": e.get("name"), **to_json(f)} for e, _, f in accounts]
            text = json.dumps({"accounts": documents}, indent=2, sort_keys=False, ensure_ascii=False) + "\n"
        elif as_markdown:
            text = "\n".join(
                markdown(f, i.resources, source=f"{inventory_path}/{e['inventory']}") for e, i, f in accounts
            )
        else:
            lines = []
            for entry, inventory, found in accounts:
                lines.append(terminal.field(account_heading(entry)) + ":")
                lines += [f"  {line}" for line in summary(found, inventory)]
            text = "\n".join(lines) + "\n"
    else:
        inventory = Inventory.load(inventory_path)
        families = families_of(inventory)
        if as_json:
            text = dumps(families)
        elif as_markdown:
            text = markdown(families, inventory.resources, source=inventory_path)
        else:
            text = "\n".join(summary(families, inventory)) + "\n"
    if output:
        replace_file(output, text)
        out.note(f"Wrote {output}: {len(families)} families.")
    else:
        out.result(text)
