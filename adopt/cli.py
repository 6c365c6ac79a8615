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
) -> None:
    """Find the AWS resources of the account and write an inventory."""
    from . import registry
    from .scan.run import run_scan

    specs = registry.select(includes, excludes)
    inventory = run_scan(
        profile=profile,
        regions=list(regions),
        endpoint_url=endpoint_url,
        specs=specs,
        include_defaults=include_defaults,
        concurrency=concurrency,
        output=output,
        out=out,
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


def ownership_options(command: Callable[..., Any]) -> Callable[..., Any]:
    """Where existing Terraform lives: states, code, and the ignore file."""
    command = click.option(
        "--ignore-file", help="Patterns of resources not to adopt (default: .adoptignore when present)."
    )(command)
    command = click.option(
        "--config",
        "configs",
        multiple=True,
        metavar="DIR",
        help="Terraform code to read (repeatable); local modules are followed.",
    )(command)
    command = click.option(
        "--state",
        "states",
        multiple=True,
        metavar="SRC",
        help="A state: a tfstate file (globs allowed), `terraform show -json` output, or s3://BUCKET/KEY. Repeatable.",
    )(command)
    return command


def _ownership(states, configs, ignore_file, profile=None, endpoint_url=None, regions=()):
    from .aws.session import AwsSession
    from .status import load_ownership

    def session_factory():
        session = AwsSession(profile=profile, endpoint_url=endpoint_url, default_region=(regions or (None,))[0])
        session.check_credentials()
        return session

    return load_ownership(list(states), list(configs), ignore_file, session_factory)


@cli.command()
@click.option(
    "-i",
    "--inventory",
    "inventory_path",
    default="adopt-inventory.json",
    show_default=True,
    help="Inventory from `adopt scan`.",
)
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
    help="Use this `terraform providers schema -json` output instead of the bundled schema.",
)
@common_options
@ownership_options
@output_options
@click.pass_obj
def generate(
    out: Output,
    inventory_path: str,
    out_dir: str,
    schema_path: str | None,
    states: tuple[str, ...],
    configs: tuple[str, ...],
    ignore_file: str | None,
    profile: str | None,
    regions: tuple[str, ...],
    endpoint_url: str | None,
) -> None:
    """Write Terraform code, import blocks, import.sh and ADOPTION.md.

    With --state/--config, only what no Terraform manages yet is generated,
    and references to managed resources use their existing addresses.
    """
    from .generate import Generator, write_module
    from .model import Inventory
    from .schema import load
    from .status import UNMANAGED, classify

    inventory = Inventory.load(inventory_path)
    schema = load(schema_path)
    ownership = None
    if states or configs or ignore_file or os.path.exists(".adoptignore"):
        ownership = _ownership(states, configs, ignore_file, profile, endpoint_url, regions)
        report = classify(inventory, ownership)
        unmanaged = {item.resource.key for item in report.items if item.status == UNMANAGED}
        inventory.resources = [r for r in inventory.resources if r.key in unmanaged]
        out.info(f"{report.summary()}; generating the {len(unmanaged)} unmanaged.")
    module = Generator(inventory, schema, source=os.path.basename(inventory_path), ownership=ownership).build()
    _check_writable(out_dir)
    write_module(module, out_dir)
    for warning in module.warnings:
        out.debug(f"note: {warning}")
    out.info(f"Wrote {len(module.files)} files to {out_dir}: {len(module.entries)} resources to import.")
    out.info(f"Expect: Plan: {len(module.entries)} to import, 0 to add, 0 to change, 0 to destroy.")


@cli.command()
@click.option(
    "-i",
    "--inventory",
    "inventory_path",
    default="adopt-inventory.json",
    show_default=True,
    help="Inventory from `adopt scan`.",
)
@click.option("--json", "as_json", is_flag=True, help="Print the classification as JSON.")
@common_options
@ownership_options
@output_options
@click.pass_obj
def status(
    out: Output,
    inventory_path: str,
    as_json: bool,
    states: tuple[str, ...],
    configs: tuple[str, ...],
    ignore_file: str | None,
    profile: str | None,
    regions: tuple[str, ...],
    endpoint_url: str | None,
) -> None:
    """Classify each resource: managed, declared, ignored or unmanaged."""
    import json

    from .model import Inventory
    from .status import STATUSES, classify

    inventory = Inventory.load(inventory_path)
    report = classify(inventory, _ownership(states, configs, ignore_file, profile, endpoint_url, regions))
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


def _check_writable(out_dir: str) -> None:
    probe = out_dir
    while probe and not os.path.exists(probe):
        probe = os.path.dirname(probe)
    probe = probe or "."
    if not os.path.isdir(probe) or not os.access(probe, os.W_OK):
        raise BadInput(f"Cannot write to {out_dir}: {probe} is not a writable directory.")


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
