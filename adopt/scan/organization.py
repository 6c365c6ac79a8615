"""Scanning many accounts in one run.

Each account is entered through its role (:mod:`adopt.aws.accounts`) and
scanned by its own :class:`Scanner`, but all of them submit their calls to one
bounded pool, so the calls in flight never exceed ``--concurrency`` however
many accounts run, and a slow account holds only its own tasks.  Each
account's clients are its own, so botocore's adaptive rate limit slows the
(account, service, region) that AWS throttles and no other.

An account whose role cannot be assumed is recorded and skipped; the others
go on.  Results come back in account order, whatever order they finished in.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any

import botocore.exceptions

from .. import formats
from ..aws.accounts import Account, AccountNotEntered, RoleToAssume, enter
from ..aws.session import AwsSession
from ..catalog.spec import ResourceSpec
from ..census.run import take_census
from ..errors import BadInput
from ..fileio import read_json, write_json
from ..longtail.read import LongTailResult
from ..model import GLOBAL_REGION, Inventory, check_region
from .engine import ScanAborted, Scanner
from .fair_pool import FairPool
from .long_tail import LongTail
from .shards import Shard

# Accounts scanned at once.  Their calls share the one pool; this only bounds
# the threads that wait for each account's scan to finish.
ACCOUNTS_AT_ONCE = 16


@dataclass
class AccountScan:
    account: Account
    regions: list[str]
    inventory: Inventory | None = None
    # The role it was entered through; None for the account the run started in.
    role_arn: str | None = None
    # Why the account was not scanned, or stopped early (its partial inventory is kept).
    problem: str | None = None
    # How often AWS throttled it, and the fewest calls at once it was then allowed.
    throttled: int = 0
    lowest_limit: int = 0
    # What the long tail read in it, when asked for.
    long_tail: LongTailResult | None = None


def enabled_regions(session: AwsSession, region: str) -> list[str]:
    """The regions enabled for the session's account (opt-in regions only once opted in)."""
    answer = session.client("ec2", region).describe_regions()
    return sorted(
        check_region(r["RegionName"], "A region AWS listed")
        for r in answer.get("Regions", [])
        if r.get("OptInStatus") != "not-opted-in"  # AWS leaves these out; an emulator may not
    )


def scan_accounts(
    source: AwsSession,
    accounts: Sequence[Account],
    role: RoleToAssume,
    regions: Sequence[str],
    specs: Sequence[ResourceSpec],
    *,
    home_region: str,
    include_defaults: bool = False,
    concurrency: int = 8,
    fail_fast: bool = False,
    on_account_done: Callable[[AccountScan], None] | None = None,
    shard: Shard | None = None,
    census_sources: tuple[str, ...] | None = None,
    long_tail: LongTail | None = None,
) -> list[AccountScan]:
    """Scan ``accounts`` in ``regions`` (empty: every region enabled for each);
    with ``shard``, only the units that shard owns.  ``long_tail`` (with a
    census) reads each account's long tail after its census."""
    own = source.account_id(home_region)
    listed = None
    if long_tail is not None and census_sources is not None:
        census_sources, listed = long_tail.census(census_sources)
    done_lock = threading.Lock()

    def scan_one(account: Account, pool: FairPool) -> AccountScan:
        result = AccountScan(account, list(regions))
        lane = pool.lane(account.id)
        try:
            if account.id != own:
                result.role_arn = role.arn(account.id)
            session = source if account.id == own else enter(source, account, role, home_region)
            session.on_answer = lambda throttled: lane.throttled() if throttled else lane.answered()
            result.regions = list(regions) or enabled_regions(session, home_region)
            scanner = Scanner(
                session,
                result.regions,
                specs,
                include_defaults=include_defaults,
                concurrency=concurrency,
                fail_fast=fail_fast,
                only=_owned_by(shard, account.id) if shard else None,
            )
            result.inventory = scanner.run(lane)
            if census_sources is not None:
                take_census(
                    session,
                    result.inventory,
                    scanner.skipped,
                    scanner.wanted,
                    sources=census_sources,
                    concurrency=concurrency,
                    cloudcontrol_types=listed,
                )
                if long_tail is not None:
                    result.long_tail = long_tail.read(session, result.inventory, concurrency)
        except AccountNotEntered as exc:
            result.problem = f"its role could not be assumed ({exc.code}: {exc.message})"
        except ScanAborted as exc:
            result.inventory, result.problem = exc.inventory, str(exc)
        except botocore.exceptions.ClientError as exc:
            error = exc.response.get("Error", {})
            result.problem = f"{error.get('Code', 'Error')}: {error.get('Message', '')}"
        result.throttled, result.lowest_limit = lane.throttles, lane.lowest_limit
        if on_account_done:
            with done_lock:
                on_account_done(result)
        return result

    with FairPool(concurrency, thread_name_prefix="adopt-scan") as pool:
        at_once = max(1, min(len(accounts), ACCOUNTS_AT_ONCE))
        with ThreadPoolExecutor(max_workers=at_once, thread_name_prefix="adopt-account") as waiting:
            futures = [waiting.submit(scan_one, account, pool) for account in sorted(accounts)]
            return [f.result() for f in futures]


def _owned_by(shard: Shard, account_id: str) -> Callable[[ResourceSpec, str], bool]:
    return lambda spec, region: shard.owns(account_id, GLOBAL_REGION if spec.is_global else region)


INDEX = "index.json"
INDEX_FORMAT = "adopt-accounts/1"


def save(results: Sequence[AccountScan], out_dir: str, shard: Shard | None = None) -> dict:
    """``DIR/<account-id>.json`` for each account scanned, and ``DIR/index.json``
    saying what each holds, which accounts could not be scanned, and which
    shard of the work this was."""
    os.makedirs(out_dir, exist_ok=True)
    entries = []
    for result in sorted(results, key=lambda r: r.account.id):
        entry = {
            "id": result.account.id,
            "name": result.account.name,
            "regions": sorted(result.regions),
            "role_arn": result.role_arn,
            "inventory": None,
            "resources": 0,
            "errors": 0,
            "problem": result.problem,
        }
        if result.inventory is not None:
            name = f"{result.account.id}.json"
            result.inventory.save(os.path.join(out_dir, name))
            entry.update(inventory=name, resources=len(result.inventory.resources), errors=len(result.inventory.errors))
        entries.append(entry)
    index = {"format": INDEX_FORMAT, "shard": shard.to_json() if shard else None, "accounts": entries}
    write_json(os.path.join(out_dir, INDEX), index, ensure_ascii=False)
    return index


def load_index(directory: str) -> dict[str, Any]:
    """``DIR/index.json`` of a scan of several accounts, checked: each
    inventory it names can only be ``<account-id>.json`` beside it."""
    path = os.path.join(directory, INDEX)
    if not os.path.isfile(path):
        raise BadInput(
            f"{directory} is a directory without {INDEX}: give an inventory file, or the --output "
            "directory of `adopt scan --org` (or --account)."
        )
    data = read_json(path, f"Account index {path}")
    formats.check(data, "accounts", path, kind="adopt account index")
    seen: set[str] = set()
    for entry in data["accounts"]:
        if entry["id"] in seen:
            raise BadInput(f"{path} lists account {entry['id']} twice.")
        seen.add(entry["id"])
        if entry["inventory"] not in (None, f"{entry['id']}.json"):
            raise BadInput(f"{path}: account {entry['id']}'s inventory must be {entry['id']}.json.")
    return data


def load_account(directory: str, entry: dict[str, Any]) -> Inventory:
    inventory = Inventory.load(os.path.join(directory, entry["inventory"]))
    if inventory.account_id not in (None, entry["id"]):
        raise BadInput(
            f"{entry['inventory']} in {directory} holds account {inventory.account_id}, but {INDEX} says {entry['id']}."
        )
    return inventory
