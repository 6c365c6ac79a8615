"""``adopt generate``: write the Terraform module, or one batch of a plan."""

from __future__ import annotations

import os

import click

from ..errors import BadInput
from .common import Existing, Output, check_writable, existing_options, inventory_option, output_options


@click.command()
@inventory_option
@click.option(
    "--out",
    "out_dir",
    default="adopt-out",
    show_default=True,
    help="Directory to write the Terraform module into.",
)
@click.option(
    "--schema",
    "schema_path",
    help="A `terraform providers schema -json` file to render with instead of the bundled schema, or "
    "`terraform` to ask the Terraform and provider you run (cached per provider version).",
)
@click.option("--plan", "plan_path", help="Write one batch of this plan file (from `adopt plan`).")
@click.option("--force", is_flag=True, help="Overwrite generated files even if a person changed them since.")
@click.option("--batch", "batch_number", type=int, help="The batch to write, with --plan.")
@click.option(
    "--families/--no-families",
    default=True,
    show_default=True,
    help="Write each family of alike resources (see `adopt drift`) as one for_each resource with its "
    "differences in a locals map, or each member as a resource of its own. With --plan, the plan decides.",
)
@click.option(
    "--baseline",
    is_flag=True,
    help="Write the follow-up to the adoption: each family's members at the family's baseline, so the "
    "plan shows exactly the drift to remove (see `adopt drift`). Not with --plan.",
)
@click.option(
    "--secrets",
    "secrets",
    type=click.Choice(["variable", "ignore"]),
    default="variable",
    show_default=True,
    help="A secret the provider reads back and compares (a Lambda environment variable): a sensitive "
    "variable you supply, or left out of the code with lifecycle ignore_changes on exactly that value, "
    "so the live value is kept. Secrets the provider never reads back are not written either way.",
)
@existing_options
@output_options
@click.pass_obj
def generate(
    out: Output,
    inventory_path: str,
    out_dir: str,
    schema_path: str | None,
    existing: Existing,
    plan_path: str | None,
    batch_number: int | None,
    force: bool,
    families: bool,
    baseline: bool,
    secrets: str,
) -> None:
    """Write Terraform code, import blocks, import.sh and ADOPTION.md.

    With --state/--config, only what no Terraform manages yet is generated,
    and references to managed resources use their existing addresses.
    With --plan and --batch, one batch is written as adopt_<N>_*.tf files,
    next to whatever the directory already holds.
    """
    from ..schema import load

    if schema_path == "terraform":
        from ..tf.runner import schema_for

        schema = schema_for(out_dir if os.path.isdir(out_dir) else None)
    else:
        schema = load(schema_path)
    if plan_path or batch_number is not None:
        if baseline:
            raise BadInput(
                "--baseline writes the follow-up to a whole module's adoption: give the inventory, not --plan."
            )
        from ..emit.generate import write_module

        if not (plan_path and batch_number is not None):
            raise BadInput("--plan and --batch go together: adopt generate --plan adopt-plan.json --batch 1 --out DIR.")
        from ..emit.batch import build_batch

        check_writable(out_dir)
        module = build_batch(plan_path, batch_number, schema, out_dir, existing.session_factory(), secrets)
        write_module(module, out_dir, force=force, inventory=os.path.abspath(plan_path))
        out.info(f"Wrote batch {batch_number} to {out_dir} ({', '.join(sorted(module.files))}).")
        out.info(f"Expect: Plan: {len(module.entries)} to import, 0 to add, 0 to change, 0 to destroy.")
        report_secrets(out, module)
        return
    if os.path.isdir(inventory_path):
        generate_each_account(
            out, inventory_path, out_dir, schema, existing, plan_path, force, families, baseline, secrets
        )
        return
    generate_module(out, inventory_path, out_dir, schema, existing, force, families, baseline, secrets)


def generate_module(
    out: Output,
    inventory_path: str,
    out_dir: str,
    schema: object,
    existing: Existing,
    force: bool,
    families: bool,
    baseline: bool,
    secrets: str = "variable",
) -> None:
    """One inventory's module: its adoption, or (``baseline``) the follow-up that removes its families' drift."""
    from ..drift.baseline import summary
    from ..emit.generate import Generator, write_module
    from ..existing.status import UNMANAGED, classify
    from ..model import Inventory

    inventory = Inventory.load(inventory_path)
    ownership = None
    if existing.given:
        ownership = existing.ownership()
        report = classify(inventory, ownership)
        unmanaged = {item.resource.key for item in report.items if item.status == UNMANAGED}
        inventory.resources = [r for r in inventory.resources if r.key in unmanaged]
        out.info(f"{report.summary()}; generating the {len(unmanaged)} unmanaged.")
    module = Generator(
        inventory,
        schema,
        source=os.path.basename(inventory_path),
        ownership=ownership,
        families=families,
        baseline=baseline,
        secrets=secrets,
    ).build()
    check_writable(out_dir)
    write_module(module, out_dir, force=force, inventory=os.path.abspath(inventory_path))
    for warning in module.warnings:
        out.debug(f"note: {warning}")
    out.info(f"Wrote {len(module.files)} files to {out_dir}: {len(module.entries)} resources to import.")
    for group in module.groups:
        out.info(f"  {group.address}: a family of {len(group.members)}, written once with for_each.")
    if module.convergences is not None:
        members, changes, held = summary(module.convergences)
        out.info(
            f"Baseline: {changes} deviation(s) removed from {members} member(s); {held} kept as they are "
            "(ADOPTION.md says why). Apply only after the adoption."
        )
        out.info(f"Expect, once the adoption is applied: Plan: 0 to add, {members} to change, 0 to destroy.")
        return
    out.info(f"Expect: Plan: {len(module.entries)} to import, 0 to add, 0 to change, 0 to destroy.")
    report_secrets(out, module)
    if module.not_adopted:
        out.info(
            f"Not adopted: {module.not_adopted} resource(s) the census saw stay outside Terraform; "
            'ADOPTION.md lists them under "Not adopted by this change".'
        )


def generate_each_account(
    out: Output,
    directory: str,
    out_dir: str,
    schema: object,
    existing: Existing,
    plan_path: str | None,
    force: bool,
    families: bool,
    baseline: bool = False,
    secrets: str = "variable",
) -> None:
    """A directory from `adopt scan --org`: one module per account, and a README."""
    from ..emit.accounts import generate_accounts
    from ..emit.generate import Generator

    if plan_path or existing.states or existing.configs:
        raise BadInput(
            f"{directory} holds several accounts: generate them without --plan, --state or --config, "
            "or give one account's inventory file."
        )
    check_writable(out_dir)
    results = generate_accounts(
        directory,
        out_dir,
        lambda inventory, source, role: Generator(
            inventory,
            schema,
            source=source,
            families=families,
            provider_role=role,
            baseline=baseline,
            secrets=secrets,
        ),
        force=force,
    )
    written = [r for r in results if r.module]
    total = sum(len(r.module.entries) for r in written)
    out.info(f"Wrote {len(written)} account module(s) to {out_dir}/<account-id>/ and {out_dir}/README.md.")
    out.info(f"Expect, in each: Plan: N to import, 0 to add, 0 to change, 0 to destroy ({total} in all).")


def report_secrets(out: Output, module) -> None:
    """What is still to supply before the first plan, if anything."""
    if module.variables:
        out.info(
            f"To supply before planning: {len(module.variables)} secret value(s) "
            '(ADOPTION.md, "To be supplied"; names in the tfvars example file).'
        )
    elif module.secrets:
        out.info(f'Secrets: {len(module.secrets)}, none to supply (ADOPTION.md, "Secrets").')
