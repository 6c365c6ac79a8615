"""The ``adopt`` command line: parses options, calls the stages, prints.

Exit codes: 0 ok, 1 failure, 2 bad usage or bad input, 3 finished but some
AWS calls failed (the partial results are kept).
"""

from __future__ import annotations

import functools
import os
import sys
import traceback
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import botocore.exceptions
import click

from . import __version__
from .errors import AdoptError, BadInput

EXIT_OK, EXIT_FAILURE, EXIT_BAD_INPUT, EXIT_PARTIAL = 0, 1, 2, 3


class Output:
    """Where messages go: results on stdout, progress and notes on stderr."""

    def __init__(self, verbose: bool, quiet: bool) -> None:
        self.verbose = verbose
        self.quiet = quiet

    def info(self, message: str = "") -> None:
        if not self.quiet:
            click.echo(message)

    def note(self, message: str) -> None:
        if not self.quiet:
            click.echo(message, err=True)

    def debug(self, message: str) -> None:
        if self.verbose:
            click.echo(message, err=True)


def _set_flag(name: str) -> Callable[[click.Context, click.Parameter, bool], None]:
    def callback(ctx: click.Context, param: click.Parameter, value: bool) -> None:
        if value:
            setattr(ctx.find_object(Output), name, True)

    return callback


def output_options(command: Callable[..., Any]) -> Callable[..., Any]:
    """-v/-q are accepted after the command name too (``adopt scan -v``)."""
    command = click.option(
        "-q",
        "--quiet",
        is_flag=True,
        expose_value=False,
        callback=_set_flag("quiet"),
        help="Print only errors.",
    )(command)
    command = click.option(
        "-v",
        "--verbose",
        is_flag=True,
        expose_value=False,
        callback=_set_flag("verbose"),
        help="Show details, and tracebacks on errors.",
    )(command)
    return command


def common_options(command: Callable[..., Any]) -> Callable[..., Any]:
    """Options every AWS-facing command takes."""

    @click.option(
        "--profile",
        help="AWS profile to use (default: the usual AWS credential chain).",
    )
    @click.option(
        "--region",
        "regions",
        multiple=True,
        help="Region to scan; repeat for several. Default: the profile's region.",
    )
    @click.option(
        "--endpoint-url",
        envvar="AWS_ENDPOINT_URL",
        help="Send AWS calls to this endpoint (an emulator). Also read from AWS_ENDPOINT_URL.",
    )
    @functools.wraps(command)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        return command(*args, **kwargs)

    return wrapper


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="adopt")
@click.option("-v", "--verbose", is_flag=True, help="Show details, and tracebacks on errors.")
@click.option("-q", "--quiet", is_flag=True, help="Print only errors.")
@click.pass_context
def cli(ctx: click.Context, verbose: bool, quiet: bool) -> None:
    """Bring hand-made AWS resources under Terraform: scan what exists, then
    generate readable Terraform with import blocks for it."""
    ctx.obj = Output(verbose=verbose, quiet=quiet)


@cli.command()
@common_options
@click.option(
    "--include",
    "includes",
    multiple=True,
    metavar="TYPE",
    help="Only these Terraform types (wildcards allowed).",
)
@click.option(
    "--exclude",
    "excludes",
    multiple=True,
    metavar="TYPE",
    help="Skip these Terraform types.",
)
@click.option(
    "--include-defaults",
    is_flag=True,
    help="Also adopt what AWS made (default VPC, default security groups...).",
)
@click.option(
    "--concurrency",
    default=8,
    show_default=True,
    type=click.IntRange(1, 64),
    help="API calls in flight at once.",
)
@click.option(
    "-o",
    "--output",
    default="adopt-inventory.json",
    show_default=True,
    help="Inventory file to write.",
)
@click.option(
    "--fail-fast", is_flag=True, help="Stop at the first failed AWS call instead of recording it and going on."
)
@output_options
@click.pass_obj
def scan(
    out: Output,
    profile: str | None,
    regions: tuple[str, ...],
    endpoint_url: str | None,
    includes: tuple[str, ...],
    excludes: tuple[str, ...],
    include_defaults: bool,
    concurrency: int,
    output: str,
    fail_fast: bool,
) -> None:
    """Find the AWS resources of the account and write an inventory."""
    from . import registry
    from .scan.run import run_scan

    specs = registry.select(includes, excludes)
    _check_output_file(output)
    inventory = run_scan(
        profile=profile,
        regions=list(regions),
        endpoint_url=endpoint_url,
        specs=specs,
        include_defaults=include_defaults,
        concurrency=concurrency,
        output=output,
        out=out,
        fail_fast=fail_fast,
    )
    print_summary(out, inventory)
    out.info(f"Wrote {output}: {len(inventory.resources)} resources.")
    if inventory.errors:
        out.note(f"{len(inventory.errors)} AWS call(s) failed; what they would have shown is missing:")
        for error in inventory.errors:
            out.note(f"  {error.service}:{error.operation} in {error.region}: {error.code} {error.message}")
        sys.exit(EXIT_PARTIAL)


def print_summary(out: Output, inventory: Any) -> None:
    counts = Counter((r.type, r.region) for r in inventory.resources)
    if not counts:
        out.info("No resources found.")
        return
    width = max(len(t) for t, _ in counts)
    out.info(f"{'TYPE'.ljust(width)}  {'REGION':<14}  COUNT")
    for (tf_type, region), count in sorted(counts.items()):
        out.info(f"{tf_type.ljust(width)}  {region:<14}  {count:>5}")


@dataclass
class Existing:
    """What the command line says about existing Terraform, and the AWS
    settings to read an S3 state with: one object instead of six options."""

    states: tuple[str, ...] = ()
    configs: tuple[str, ...] = ()
    ignore_file: str | None = None
    profile: str | None = None
    regions: tuple[str, ...] = ()
    endpoint_url: str | None = None

    @property
    def given(self) -> bool:
        return bool(self.states or self.configs or self.ignore_file or os.path.exists(".adoptignore"))

    def session_factory(self) -> Callable[[], Any]:
        """A session made only when needed (reading a state from S3)."""

        def make():
            from .aws.session import AwsSession

            region = self.regions[0] if self.regions else None
            session = AwsSession(profile=self.profile, endpoint_url=self.endpoint_url, default_region=region)
            session.check_credentials()
            return session

        return make

    def ownership(self):
        from .status import load_ownership

        return load_ownership(list(self.states), list(self.configs), self.ignore_file, self.session_factory())

    def plan_options(self) -> dict[str, Any]:
        return {"state": list(self.states), "config": list(self.configs), "ignore_file": self.ignore_file}


def existing_options(command: Callable[..., Any]) -> Callable[..., Any]:
    """--state/--config/--ignore-file and the AWS options, passed as ``existing``."""

    @functools.wraps(command)
    def wrapper(*args: Any, states, configs, ignore_file, profile, regions, endpoint_url, **kwargs: Any) -> Any:
        existing = Existing(states, configs, ignore_file, profile, regions, endpoint_url)
        return command(*args, existing=existing, **kwargs)

    wrapper = click.option(
        "--ignore-file", help="Patterns of resources not to adopt (default: .adoptignore when present)."
    )(wrapper)
    wrapper = click.option(
        "--config",
        "configs",
        multiple=True,
        metavar="DIR",
        help="Terraform code to read (repeatable); local modules are followed.",
    )(wrapper)
    wrapper = click.option(
        "--state",
        "states",
        multiple=True,
        metavar="SRC",
        help="A state: a tfstate file (globs allowed), `terraform show -json` output, or s3://BUCKET/KEY. Repeatable.",
    )(wrapper)
    return common_options(wrapper)


def inventory_option(command: Callable[..., Any]) -> Callable[..., Any]:
    return click.option(
        "-i",
        "--inventory",
        "inventory_path",
        default="adopt-inventory.json",
        show_default=True,
        help="Inventory from `adopt scan`.",
    )(command)


@cli.command()
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
) -> None:
    """Write Terraform code, import blocks, import.sh and ADOPTION.md.

    With --state/--config, only what no Terraform manages yet is generated,
    and references to managed resources use their existing addresses.
    With --plan and --batch, one batch is written as adopt_<N>_*.tf files,
    next to whatever the directory already holds.
    """
    from .generate import Generator, write_module
    from .model import Inventory
    from .schema import load
    from .status import UNMANAGED, classify

    if schema_path == "terraform":
        from .terraform import schema_for

        schema = schema_for(out_dir if os.path.isdir(out_dir) else None)
    else:
        schema = load(schema_path)
    if plan_path or batch_number is not None:
        if not (plan_path and batch_number is not None):
            raise BadInput("--plan and --batch go together: adopt generate --plan adopt-plan.json --batch 1 --out DIR.")
        from .batch import build_batch

        _check_writable(out_dir)
        module = build_batch(plan_path, batch_number, schema, out_dir, existing.session_factory())
        write_module(module, out_dir, force=force, inventory=os.path.abspath(plan_path))
        out.info(f"Wrote batch {batch_number} to {out_dir} ({', '.join(sorted(module.files))}).")
        out.info(f"Expect: Plan: {len(module.entries)} to import, 0 to add, 0 to change, 0 to destroy.")
        return
    inventory = Inventory.load(inventory_path)
    ownership = None
    if existing.given:
        ownership = existing.ownership()
        report = classify(inventory, ownership)
        unmanaged = {item.resource.key for item in report.items if item.status == UNMANAGED}
        inventory.resources = [r for r in inventory.resources if r.key in unmanaged]
        out.info(f"{report.summary()}; generating the {len(unmanaged)} unmanaged.")
    module = Generator(inventory, schema, source=os.path.basename(inventory_path), ownership=ownership).build()
    _check_writable(out_dir)
    write_module(module, out_dir, force=force, inventory=os.path.abspath(inventory_path))
    for warning in module.warnings:
        out.debug(f"note: {warning}")
    out.info(f"Wrote {len(module.files)} files to {out_dir}: {len(module.entries)} resources to import.")
    out.info(f"Expect: Plan: {len(module.entries)} to import, 0 to add, 0 to change, 0 to destroy.")


@cli.command()
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
    """Classify each resource: managed, declared, ignored or unmanaged."""
    import json

    from .model import Inventory
    from .status import STATUSES, classify

    inventory = Inventory.load(inventory_path)
    report = classify(inventory, existing.ownership())
    if as_json:
        click.echo(json.dumps(report.to_json(), indent=2))
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
            out.info(f"{item.status:<9}  {item.resource.type}  {item.resource.import_id}  {where}{detail}".rstrip())
        out.info("")
    click.echo(report.summary())


def _check_output_file(path: str) -> None:
    """Refuse an output file whose folder is missing or read-only, before any work."""
    folder = os.path.dirname(os.path.abspath(path))
    if not os.path.isdir(folder) or not os.access(folder, os.W_OK):
        raise BadInput(f"Cannot write {path}: {folder} is not a writable directory.")


def _check_writable(out_dir: str) -> None:
    probe = out_dir
    while probe and not os.path.exists(probe):
        probe = os.path.dirname(probe)
    probe = probe or "."
    if not os.path.isdir(probe) or not os.access(probe, os.W_OK):
        raise BadInput(f"Cannot write to {out_dir}: {probe} is not a writable directory.")


@cli.command(name="plan")
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
    output: str,
    existing: Existing,
) -> None:
    """Order the unmanaged resources into batches, one pull request each."""
    from .model import Inventory
    from .plan import make_plan
    from .status import classify

    _check_output_file(output)
    inventory = Inventory.load(inventory_path)
    report = classify(inventory, existing.ownership())
    plan = make_plan(
        inventory, inventory_path, report, list(selectors), with_dependencies, max_batch, existing.plan_options()
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


@cli.command()
@click.option("--plan", "plan_path", default="adopt-plan.json", show_default=True, help="Plan file from `adopt plan`.")
@click.option("--batch", "batch_number", type=int, required=True, help="The batch to propose.")
@click.option("--repo", default=".", show_default=True, help="The git repository of your Terraform code.")
@click.option(
    "--path", "subdir", default=".", show_default=True, help="The root module's folder inside the repository."
)
@click.option("--open", "open_it", is_flag=True, help="Push the branch and open the pull request with `gh`.")
@click.option(
    "--schema", "schema_path", help="A `terraform providers schema -json` file instead of the bundled schema."
)
@common_options
@output_options
@click.pass_obj
def pr(
    out: Output,
    plan_path: str,
    batch_number: int,
    repo: str,
    subdir: str,
    open_it: bool,
    schema_path: str | None,
    profile: str | None,
    regions: tuple[str, ...],
    endpoint_url: str | None,
) -> None:
    """Put one batch on a new branch adopt/batch-N, committed, ready for review."""
    existing = Existing(profile=profile, regions=regions, endpoint_url=endpoint_url)
    from .pr import make_pull_request
    from .schema import load

    result = make_pull_request(
        plan_path,
        batch_number,
        repo,
        load(schema_path),
        existing.session_factory(),
        subdir,
        open_it,
    )
    out.info(f"Committed {len(result.files)} files on branch {result.branch} ({result.commit[:12]}).")
    if result.url:
        out.info(f"Opened {result.url}")
    else:
        out.info("Open the pull request with:")
        out.info(f"  {result.command_line}")


@cli.command(name="graph")
@inventory_option
@click.option("--plan", "plan_path", help="Colour resources by their batch in this plan file.")
@click.option("--format", "fmt", type=click.Choice(["dot", "mermaid", "json"]), default="dot", show_default=True)
@click.option("-o", "--output", help="Write here instead of standard output.")
@click.option("--svg", "svg_path", help="Also render an SVG picture with Graphviz's `dot`.")
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
    existing: Existing,
) -> None:
    """Draw the resources and their references, by batch or by status."""
    import shutil
    import subprocess

    from . import graph_export
    from .model import Inventory
    from .status import classify

    if output:
        _check_output_file(output)
    inventory = Inventory.load(inventory_path)
    batches = statuses = addresses = None
    if plan_path:
        from .plan import Plan, validate

        checked = validate(Plan.load(plan_path), inventory, plan_path)
        batches, addresses = checked.batch_of, checked.address_of
    else:
        report = classify(inventory, existing.ownership())
        statuses = {item.resource.key: item.status for item in report.items}
    data = graph_export.describe(inventory.resources, statuses, batches, addresses)
    text = {"dot": graph_export.to_dot, "mermaid": graph_export.to_mermaid, "json": graph_export.to_json}[fmt](data)
    if output:
        with open(output, "w", encoding="utf-8") as fh:
            fh.write(text)
    else:
        click.echo(text, nl=False)
    if svg_path:
        if shutil.which("dot") is None:
            raise AdoptError(
                "--svg needs Graphviz's `dot` (e.g. `apt-get install graphviz`); the DOT text was still written."
            )
        dot = graph_export.to_dot(data)
        subprocess.run(["dot", "-Tsvg", "-o", svg_path], input=dot, text=True, check=True)
        out.note(f"Wrote {svg_path}.")


@cli.command()
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
    from .demo.run import run_demo

    run_demo(out_dir, out)


@cli.command(name="types")
@output_options
@click.pass_obj
def list_types(out: Output) -> None:
    """List the supported Terraform resource types."""
    from . import registry

    for spec in registry.all_specs():
        scope = "global" if spec.is_global else "regional"
        parent = f"child of {spec.parent}" if spec.parent else ""
        out.info(f"{spec.tf_type:<55} {spec.service:<10} {scope:<9} {parent}".rstrip())


from .verify_cli import verify  # noqa: E402

cli.add_command(verify)


def main(argv: list[str] | None = None) -> None:
    """Entry point: turns every expected failure into one paragraph and an exit code."""
    verbose = any(a in ("-v", "--verbose") for a in (argv if argv is not None else sys.argv[1:]))
    try:
        cli.main(args=argv, prog_name="adopt", standalone_mode=False)
    except click.exceptions.Abort:
        click.echo("Aborted.", err=True)
        sys.exit(EXIT_FAILURE)
    except click.ClickException as exc:
        exc.show()
        sys.exit(EXIT_BAD_INPUT if isinstance(exc, click.UsageError) else exc.exit_code or EXIT_FAILURE)
    except AdoptError as exc:
        if verbose:
            traceback.print_exc()
        click.echo(f"Error: {exc}", err=True)
        sys.exit(exc.exit_code)
    except botocore.exceptions.NoCredentialsError:
        click.echo(
            "Error: no AWS credentials were found. Provide them with --profile, AWS_PROFILE or "
            "AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, or run `aws configure`. To try adopt without an "
            "AWS account, run `adopt demo`.",
            err=True,
        )
        sys.exit(EXIT_FAILURE)
    except botocore.exceptions.EndpointConnectionError as exc:
        click.echo(
            f"Error: cannot reach AWS at {exc.kwargs.get('endpoint_url', 'the endpoint')}: check the network or --endpoint-url.",
            err=True,
        )
        sys.exit(EXIT_FAILURE)
    except KeyboardInterrupt:
        click.echo("Interrupted.", err=True)
        sys.exit(130)
    except SystemExit:
        raise
    except Exception as exc:  # noqa: BLE001 - the last line of defence: never a bare traceback
        if verbose:
            traceback.print_exc()
        click.echo(
            f"Error: adopt failed unexpectedly ({type(exc).__name__}: {exc}). Run again with --verbose for "
            "details, and please report it.",
            err=True,
        )
        sys.exit(EXIT_FAILURE)


if __name__ == "__main__":  # pragma: no cover
    main()
