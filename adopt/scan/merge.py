"""Joining the outputs of the N shards of one scan into what one machine writes.

Every shard writes an inventory for every account (holding only the units it
owned) and an index naming its shard.  Merging refuses a set of outputs that
overlaps or misses a shard, or whose shards disagree about an account, since
either would give an estate that is not the account; what it writes is byte
for byte what a single run writes.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from typing import Any

from ..aws.accounts import Account
from ..errors import BadInput
from ..model import Inventory
from .organization import AccountScan, load_account, load_index, save


def merge(directories: Sequence[str], out_dir: str) -> dict[str, Any]:
    if os.path.realpath(out_dir) in {os.path.realpath(d) for d in directories}:
        raise BadInput(f"--output {out_dir} is one of the shards: write the joined scan somewhere else.")
    shards = _complete_set(directories)
    accounts: dict[str, list[tuple[str, dict[str, Any]]]] = {}
    for directory, index in shards:
        for entry in index["accounts"]:
            accounts.setdefault(entry["id"], []).append((directory, entry))
    results = [_merged(account_id, seen, len(shards)) for account_id, seen in sorted(accounts.items())]
    return save(results, out_dir)


def _complete_set(directories: Sequence[str]) -> list[tuple[str, dict[str, Any]]]:
    loaded = [(d, load_index(d)) for d in directories]
    by_number: dict[int, str] = {}
    counts = set()
    for directory, index in loaded:
        shard = index["shard"]
        if shard is None:
            raise BadInput(f"{directory} is a whole scan, not a shard: there is nothing to merge it with.")
        counts.add(shard["count"])
        if shard["number"] in by_number:
            raise BadInput(
                f"{by_number[shard['number']]} and {directory} are both shard {shard['number']}: "
                "give each shard's output once."
            )
        by_number[shard["number"]] = directory
    if len(counts) > 1:
        raise BadInput(
            f"These outputs come from scans split differently ({', '.join(map(str, sorted(counts)))} shards)."
        )
    (count,) = counts
    missing = sorted(set(range(1, count + 1)) - set(by_number))
    if missing:
        raise BadInput(
            f"Shard(s) {', '.join(map(str, missing))} of {count} are missing: merge the output of every shard."
        )
    return sorted(loaded, key=lambda item: item[1]["shard"]["number"])


def _merged(account_id: str, seen: list[tuple[str, dict[str, Any]]], shard_count: int) -> AccountScan:
    if len(seen) != shard_count:
        raise BadInput(
            f"Account {account_id} is in {len(seen)} of the {shard_count} shards: each shard lists every account."
        )
    first = seen[0][1]
    for directory, entry in seen[1:]:
        for key in ("name", "regions", "role_arn"):
            if entry[key] != first[key]:
                raise BadInput(
                    f"The shards disagree about account {account_id}'s {key} ({directory}): "
                    "they scanned different organizations or regions; run them again together."
                )
    result = AccountScan(Account(account_id, first["name"]), list(first["regions"]), role_arn=first["role_arn"])
    result.problem = next((e["problem"] for _, e in seen if e["problem"]), None)
    inventories = [load_account(d, e) for d, e in seen if e["inventory"]]
    if inventories:
        result.inventory = _joined(account_id, inventories)
    return result


def _joined(account_id: str, parts: list[Inventory]) -> Inventory:
    joined = Inventory(account_id=parts[0].account_id, regions=list(parts[0].regions))
    keys = set()
    for part in parts:
        for resource in part.resources:
            if resource.key in keys:
                raise BadInput(
                    f"Two shards both hold {resource.type} {resource.id} of account {account_id}: they overlap."
                )
            keys.add(resource.key)
        joined.resources.extend(part.resources)
        joined.errors.extend(part.errors)
    return joined
