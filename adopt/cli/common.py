"""What every command shares: output, exit codes, common options, and the
existing-Terraform options as one object."""

from __future__ import annotations

import functools
import os
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import click

from ..errors import BadInput
from ..model import check_region
from ..writers import terminal

EXIT_OK, EXIT_FAILURE, EXIT_BAD_INPUT, EXIT_PARTIAL = 0, 1, 2, 3


class Output:
    """Where messages go: results on stdout, progress and notes on stderr.

    Everything printed passes through the terminal writer, so no escape
    sequence or control character from AWS or a file reaches the terminal.
    """

    def __init__(self, verbose: bool, quiet: bool) -> None:
        self.verbose = verbose
        self.quiet = quiet

    def info(self, message: str = "") -> None:
        if not self.quiet:
            click.echo(terminal.clean(message))

    def note(self, message: str) -> None:
        if not self.quiet:
            click.echo(terminal.clean(message), err=True)

    def debug(self, message: str) -> None:
        if self.verbose:
            click.echo(terminal.clean(message), err=True)

    def result(self, text: str) -> None:
        """Machine-readable output (JSON, DOT...) on stdout, even with --quiet."""
        click.echo(terminal.clean(text), nl=False)

    def error(self, message: str) -> None:
        click.echo(terminal.clean(message), err=True)


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
        callback=lambda ctx, param, values: tuple(_region(ctx, v) for v in values),
        help="Region to scan; repeat for several (scan: `all` for every enabled region). Default: the profile's region.",
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


def _region(ctx: click.Context, value: str) -> str:
    # Only a scan can ask the account for its regions; elsewhere "all" is no region.
    return value if value == "all" and ctx.info_name == "scan" else check_region(value)


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
            from ..aws.session import AwsSession

            region = self.regions[0] if self.regions else None
            session = AwsSession(profile=self.profile, endpoint_url=self.endpoint_url, default_region=region)
            session.check_credentials()
            return session

        return make

    def ownership(self):
        from ..existing.status import load_ownership

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


def check_output_file(path: str) -> None:
    """Refuse an output file that is a directory, or whose folder is missing
    or read-only, before any work (and before any AWS call)."""
    if os.path.isdir(path):
        raise BadInput(f"Cannot write {path}: it is a directory. Name a file, e.g. {os.path.join(path, 'adopt.json')}.")
    folder = os.path.dirname(os.path.abspath(path))
    if not os.path.isdir(folder) or not os.access(folder, os.W_OK):
        raise BadInput(f"Cannot write {path}: {folder} is not a writable directory.")


def check_writable(out_dir: str) -> None:
    probe = out_dir
    while probe and not os.path.exists(probe):
        probe = os.path.dirname(probe)
    probe = probe or "."
    if not os.path.isdir(probe) or not os.access(probe, os.W_OK):
        raise BadInput(f"Cannot write to {out_dir}: {probe} is not a writable directory.")
