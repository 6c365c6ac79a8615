"""``adopt scan`` over many accounts: which accounts, how each is entered, and
what the run writes (one inventory per account and an index)."""

from __future__ import annotations

import functools
import os
import sys
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import click

from ..errors import BadInput
from ..writers import terminal
from .common import EXIT_PARTIAL, Output, check_writable

# With several accounts, --output names a directory; this one unless given.
DEFAULT_DIRECTORY = "adopt-inventories"


@dataclass(frozen=True)
class AccountChoice:
    org: bool = False
    ou: str | None = None
    accounts: tuple[str, ...] = ()
    excluded: tuple[str, ...] = ()
    role_name: str = ""
    external_id: str | None = None
    session_name: str = ""
    shard: str | None = None
    shards: int | None = None

    @property
    def given(self) -> bool:
        return self.org or self.ou is not None or bool(self.accounts) or self.sharded

    @property
    def sharded(self) -> bool:
        return self.shard is not None or self.shards is not None


def organization_options(command: Callable[..., Any]) -> Callable[..., Any]:
    from ..aws.role_defaults import DEFAULT_ROLE_NAME, DEFAULT_SESSION_NAME

    @click.option("--org", is_flag=True, help="Scan every active account of the organization.")
    @click.option("--ou", metavar="ID", help="Scan the accounts of this organizational unit and the units below it.")
    @click.option("--account", "account_ids", multiple=True, metavar="ID", help="Scan this account (repeatable).")
    @click.option("--exclude-account", "excluded", multiple=True, metavar="ID", help="Leave this account out.")
    @click.option(
        "--role-name",
        default=DEFAULT_ROLE_NAME,
        show_default=True,
        help="Role assumed in each account (the account you run from is scanned with your own credentials).",
    )
    @click.option("--external-id", help="External ID the role's trust policy asks for.")
    @click.option("--role-session-name", default=DEFAULT_SESSION_NAME, show_default=True)
    @click.option("--shard", metavar="K/N", help="Scan only the K-th of N slices of the (account, region) work.")
    @click.option(
        "--shards",
        type=int,
        metavar="N",
        help="N slices; this one's index from JOB_COMPLETION_INDEX or AWS_BATCH_JOB_ARRAY_INDEX (from 0).",
    )
    @functools.wraps(command)
    def wrapper(
        *args: Any,
        org: bool,
        ou: str | None,
        account_ids: tuple[str, ...],
        excluded: tuple[str, ...],
        role_name: str,
        external_id: str | None,
        role_session_name: str,
        shard: str | None,
        shards: int | None,
        **kwargs: Any,
    ) -> Any:
        choice = AccountChoice(org, ou, account_ids, excluded, role_name, external_id, role_session_name, shard, shards)
        return command(*args, accounts=choice, **kwargs)

    return wrapper


def scan_many(
    out: Output,
    choice: AccountChoice,
    profile: str | None,
    regions: tuple[str, ...],
    endpoint_url: str | None,
    specs: list[Any],
    include_defaults: bool,
    concurrency: int,
    output: str,
    fail_fast: bool,
    census_sources: tuple[str, ...] | None = None,
    long_tail: tuple[tuple[str, ...], str | None] | None = None,
) -> None:
    """``long_tail``: the --long-tail-type patterns (none: every type) and --awscc-schema."""
    from ..aws import accounts as org
    from ..aws.session import AwsSession
    from ..scan import organization
    from ..scan.long_tail import LongTail
    from ..scan.shards import chosen_shard

    role = org.RoleToAssume(choice.role_name, choice.session_name, choice.external_id)
    wanted = tuple(org.check_account_id(a) for a in choice.accounts)
    excluded = tuple(org.check_account_id(a, "--exclude-account") for a in choice.excluded)
    ou = org.check_ou_id(choice.ou) if choice.ou is not None else None
    if wanted and (choice.org or ou):
        raise BadInput("--account names the accounts itself: give it without --org or --ou.")
    if not (wanted or choice.org or ou):
        raise BadInput("--shard splits a scan of several accounts: give --org, --ou or --account too.")
    shard = chosen_shard(choice.shard, choice.shards, os.environ)
    if shard and long_tail is not None:
        raise BadInput(
            "--long-tail reads each account's census, which a sharded scan does not take: scan without --shard."
        )
    if shard and census_sources is not None:
        # The census classifies an account's sightings against its whole
        # inventory, which no single shard holds.
        out.note("A sharded scan takes no census: scan without --shard for one.")
        census_sources = None
    out_dir = DEFAULT_DIRECTORY if output == "adopt-inventory.json" else output
    if os.path.isfile(out_dir) or out_dir.endswith(".json"):
        raise BadInput(f"With several accounts, --output names a directory (one inventory per account), not {out_dir}.")
    check_writable(out_dir)

    session = AwsSession(profile=profile, endpoint_url=endpoint_url)
    session.check_credentials()
    scan_regions = [] if "all" in regions else list(regions)
    if not regions and not session.default_region:
        raise BadInput("No region given and the AWS profile sets none: pass --region (repeatable, or all).")
    home = scan_regions[0] if scan_regions else (session.default_region or "us-east-1")
    if wanted:
        chosen = [org.Account(a) for a in sorted(set(wanted))]
    else:
        chosen = org.organization_accounts(session, ou)
    chosen = org.select(chosen, excluded)
    if not chosen:
        raise BadInput("No account to scan: every account listed was excluded.")
    if not scan_regions and "all" not in regions:
        scan_regions = [home]

    # Loaded before any account is scanned: a bad --awscc-schema is said first.
    step = LongTail.load(*long_tail) if long_tail is not None else None
    progress = AccountProgress(len(chosen), enabled=sys.stderr.isatty() and not out.quiet)
    results = organization.scan_accounts(
        session,
        chosen,
        role,
        scan_regions,
        specs,
        home_region=home,
        include_defaults=include_defaults,
        concurrency=concurrency,
        fail_fast=fail_fast,
        on_account_done=progress.done,
        shard=shard,
        census_sources=census_sources,
        long_tail=step,
    )
    progress.finish()
    index = organization.save(results, out_dir, shard)
    print_accounts(out, index)
    print_long_tail(out, results)
    print_throttling(out, results)
    part = f", shard {shard.number} of {shard.count}; join them with `adopt merge`" if shard else ""
    out.info(f"Wrote {len(results)} account(s) to {out_dir}/ ({organization.INDEX} lists them{part}).")
    if any(e["problem"] or e["errors"] for e in index["accounts"]):
        sys.exit(EXIT_PARTIAL)


class AccountProgress:
    """Accounts done / total on stderr, drawn by click, only on a terminal."""

    def __init__(self, total: int, enabled: bool) -> None:
        self._bar = click.progressbar(length=total, label="accounts", file=sys.stderr) if enabled else None
        if self._bar is not None:
            self._bar.__enter__()

    def done(self, _result: Any) -> None:
        if self._bar is not None:
            self._bar.update(1)

    def finish(self) -> None:
        if self._bar is not None:
            self._bar.__exit__(None, None, None)


def print_accounts(out: Output, index: dict) -> None:
    out.info(f"{'ACCOUNT':<12}  {'RESOURCES':>9}  {'ERRORS':>6}  NAME")
    for entry in index["accounts"]:
        out.info(f"{entry['id']:<12}  {entry['resources']:>9}  {entry['errors']:>6}  {terminal.field(entry['name'])}")
    for entry in index["accounts"]:
        if entry["problem"]:
            out.note(f"Account {entry['id']} not fully scanned: {terminal.field(entry['problem'])}")


def print_long_tail(out: Output, results: list) -> None:
    """Per account, what the long tail read through Cloud Control and what it left out."""
    from ..scan.long_tail import print_summary

    for result in sorted(results, key=lambda r: r.account.id):
        if result.long_tail is not None:
            print_summary(out, f"Long tail of account {result.account.id}", result.long_tail)


def print_throttling(out: Output, results: list) -> None:
    """Which accounts AWS slowed down, and how far their share of the pool fell."""
    for result in sorted(results, key=lambda r: r.account.id):
        if result.throttled:
            out.note(
                f"AWS throttled account {result.account.id} {result.throttled} time(s): its calls were retried, "
                f"at times {result.lowest_limit} at once, while the other accounts went on."
            )
