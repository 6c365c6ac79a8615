"""Splitting one scan of many accounts across machines.

The work is the (account, region) pairs, and each account's global services
once; a pair belongs to one of N shards by a hash of its name, so every
machine decides alone, without knowing what the others were given, and N
machines together do every pair exactly once.  A job engine's array index
names the shard: Kubernetes Indexed Jobs (``JOB_COMPLETION_INDEX``) and AWS
Batch array jobs (``AWS_BATCH_JOB_ARRAY_INDEX``), both counting from 0.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Mapping
from dataclasses import dataclass

from ..errors import BadInput

INDEX_VARIABLES = ("JOB_COMPLETION_INDEX", "AWS_BATCH_JOB_ARRAY_INDEX")
MAX_SHARDS = 10000
_SHARD = re.compile(r"([0-9]{1,5})/([0-9]{1,5})")


@dataclass(frozen=True)
class Shard:
    number: int  # 1 to count
    count: int

    def owns(self, account_id: str, region: str) -> bool:
        """Whether this shard scans ``region`` (or ``global``) of the account."""
        return slot(account_id, region, self.count) == self.number - 1

    def to_json(self) -> dict[str, int]:
        return {"number": self.number, "count": self.count}


def slot(account_id: str, region: str, count: int) -> int:
    digest = hashlib.sha256(f"{account_id}/{region}".encode()).digest()
    return int.from_bytes(digest[:8], "big") % count


def chosen_shard(shard: str | None, shards: int | None, environ: Mapping[str, str]) -> Shard | None:
    """``--shard K/N``; or ``--shards N`` with the index from the job engine."""
    if shard is not None:
        if shards is not None:
            raise BadInput("--shard K/N already says how many shards: give it without --shards.")
        match = _SHARD.fullmatch(shard.strip())
        if not match:
            raise BadInput(f"--shard {shard!r} is not K/N, such as 2/5 (the second of five shards).")
        return _checked(int(match.group(1)), int(match.group(2)), "--shard")
    if shards is None:
        return None
    for name in INDEX_VARIABLES:
        value = environ.get(name)
        if value is not None:
            if not value.strip().isdigit():
                raise BadInput(f"{name} is {value!r}, not a shard index (0, 1, 2...).")
            return _checked(int(value) + 1, shards, name)
    raise BadInput(
        f"--shards needs the shard's index: set {' or '.join(INDEX_VARIABLES)} (as the job engine does), "
        "or give --shard K/N."
    )


def _checked(number: int, count: int, where: str) -> Shard:
    if not 1 <= count <= MAX_SHARDS:
        raise BadInput(f"{where}: the number of shards must be 1 to {MAX_SHARDS}, not {count}.")
    if not 1 <= number <= count:
        raise BadInput(f"{where}: shard {number} of {count} does not exist (shards are 1 to {count}).")
    return Shard(number, count)
