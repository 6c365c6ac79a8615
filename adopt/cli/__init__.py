"""The ``adopt`` command line: parses options, calls the stages, prints.

One module per command; this one makes the group and turns every expected
failure into one paragraph and an exit code: 0 ok, 1 failure, 2 bad usage or
bad input, 3 finished but some AWS calls failed (the partial results are kept).
"""

from __future__ import annotations

import io
import sys
import traceback

import botocore.exceptions
import click

from .. import __version__
from ..errors import AdoptError
from ..writers import terminal
from . import demo, drift, generate, graph, merge, plan, pr, scan, status, verify
from .common import EXIT_BAD_INPUT, EXIT_FAILURE, Output


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="adopt")
@click.option("-v", "--verbose", is_flag=True, help="Show details, and tracebacks on errors.")
@click.option("-q", "--quiet", is_flag=True, help="Print only errors.")
@click.pass_context
def cli(ctx: click.Context, verbose: bool, quiet: bool) -> None:
    """Bring hand-made AWS resources under Terraform: scan what exists, then
    generate readable Terraform with import blocks for it."""
    ctx.obj = Output(verbose=verbose, quiet=quiet)


for command in (
    scan.scan,
    merge.merge_command,
    generate.generate,
    status.status,
    plan.plan_command,
    drift.drift_command,
    pr.pr,
    graph.graph_command,
    demo.demo,
    demo.list_types,
    verify.verify,
):
    cli.add_command(command)


def main(argv: list[str] | None = None) -> None:
    """Entry point: turns every expected failure into one paragraph and an exit code."""
    verbose = any(a in ("-v", "--verbose") for a in (argv if argv is not None else sys.argv[1:]))
    try:
        cli.main(args=argv, prog_name="adopt", standalone_mode=False)
    except click.exceptions.Abort:
        _say("Aborted.")
        sys.exit(EXIT_FAILURE)
    except click.ClickException as exc:
        shown = io.StringIO()
        exc.show(file=shown)
        _say(shown.getvalue().rstrip("\n"))
        sys.exit(EXIT_BAD_INPUT if isinstance(exc, click.UsageError) else exc.exit_code or EXIT_FAILURE)
    except AdoptError as exc:
        if verbose:
            traceback.print_exc()
        _say(f"Error: {exc}")
        sys.exit(exc.exit_code)
    except botocore.exceptions.NoCredentialsError:
        _say(
            "Error: no AWS credentials were found. Provide them with --profile, AWS_PROFILE or "
            "AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, or run `aws configure`. To try adopt without an "
            "AWS account, run `adopt demo`."
        )
        sys.exit(EXIT_FAILURE)
    except botocore.exceptions.EndpointConnectionError as exc:
        _say(
            f"Error: cannot reach AWS at {exc.kwargs.get('endpoint_url', 'the endpoint')}: check the network or --endpoint-url."
        )
        sys.exit(EXIT_FAILURE)
    except KeyboardInterrupt:
        _say("Interrupted.")
        sys.exit(130)
    except SystemExit:
        raise
    except Exception as exc:  # noqa: BLE001 - the last line of defence: never a bare traceback
        if verbose:
            traceback.print_exc()
        _say(
            f"Error: adopt failed unexpectedly ({type(exc).__name__}: {exc}). Run again with --verbose for "
            "details, and please report it."
        )
        sys.exit(EXIT_FAILURE)


def _say(message: str) -> None:
    """An error paragraph on stderr, through the terminal writer."""
    click.echo(terminal.clean(message), err=True)


if __name__ == "__main__":  # pragma: no cover
    main()
