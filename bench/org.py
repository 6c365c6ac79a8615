"""The organization benchmark: many accounts in one run, and split in shards.

An organization of ``--accounts`` member accounts, each seeded with the same
small estate (``bench/seed.py``) through the role moto makes in every account,
is scanned with simulated latency in three ways, each through the real CLI in
fresh processes:

- one run over every account (``adopt scan --account ...``);
- each account alone, one after the other: the sum is what a loop of
  single-account runs costs;
- an empty account alone, for the floor of listing calls every account pays
  (every type in every region, found or not), so that the calls that grow
  with the estate can be told apart;
- ``--shard K/N`` processes started together for N = 2 and 4, then
  ``adopt merge``: the merged bytes must equal the one run's.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import time
from pathlib import Path

import boto3

from .seed import CREDENTIALS, seed_estate
from .server import ROOT

REGIONS = ("us-east-1", "eu-west-1")


def _adopt(*args: str) -> subprocess.Popen:
    env = {**os.environ, **{k.upper(): v for k, v in CREDENTIALS.items()}}
    return subprocess.Popen(
        [sys.executable, "-m", "adopt", "-q", *args],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )


def _finish(proc: subprocess.Popen) -> None:
    _, err = proc.communicate()
    if proc.returncode not in (0, 3):
        raise RuntimeError(f"adopt failed ({proc.returncode}): {err.decode(errors='replace')[-2000:]}")


def _timed(*commands: list[str]) -> float:
    """Start every command at once; seconds until the last one is done."""
    started = time.perf_counter()
    procs = [_adopt(*command) for command in commands]
    for proc in procs:
        _finish(proc)
    return time.perf_counter() - started


def _digest(directory: Path) -> str:
    digest = hashlib.sha256()
    for path in sorted(directory.iterdir()):
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def _empty_account(endpoint: str) -> str:
    """A member account with nothing in it: what listing every type costs, whatever the estate."""
    kw = {"endpoint_url": endpoint, "region_name": REGIONS[0], **CREDENTIALS}
    org = boto3.client("organizations", **kw)
    return org.create_account(Email="bench-empty@example.com", AccountName="bench-empty")["CreateAccountStatus"][
        "AccountId"
    ]


def seed_organization(endpoint: str, accounts: int, stacks: int) -> list[str]:
    kw = {"endpoint_url": endpoint, "region_name": REGIONS[0], **CREDENTIALS}
    org = boto3.client("organizations", **kw)
    org.create_organization(FeatureSet="ALL")
    sts = boto3.client("sts", **kw)
    ids = []
    for n in range(accounts):
        account = org.create_account(Email=f"bench{n}@example.com", AccountName=f"bench-{n}")["CreateAccountStatus"]
        ids.append(account["AccountId"])
        role = f"arn:aws:iam::{account['AccountId']}:role/OrganizationAccountAccessRole"
        creds = sts.assume_role(RoleArn=role, RoleSessionName="bench-seed")["Credentials"]
        seed_estate(
            endpoint,
            stacks,
            regions=REGIONS,
            prefix=f"a{n}",
            credentials={
                "aws_access_key_id": creds["AccessKeyId"],
                "aws_secret_access_key": creds["SecretAccessKey"],
                "aws_session_token": creds["SessionToken"],
            },
        )
    return sorted(ids)


def measure_organization(server, work: Path, accounts: int, stacks: int, latency_ms: float, concurrency: int) -> dict:
    ids = seed_organization(server.endpoint, accounts, stacks)
    empty = _empty_account(server.endpoint)
    base = ["scan", "--endpoint-url", server.endpoint, "--concurrency", str(concurrency), "--no-census"]
    for region in REGIONS:
        base += ["--region", region]
    every = [a for account in ids for a in ("--account", account)]
    # Calls per resource with every account-wide call denied (each resource asked on its own), then as it
    # runs; and the floor every account pays, estate or not: an empty account's listings.
    floor = {}
    for denied in (True, False):
        server.deny_account_wide(denied)
        before = server.calls()
        _timed([*base, "--account", empty, "--output", str(work / f"org-empty-{denied}")])
        floor[denied] = server.calls() - before
    server.set_latency(latency_ms)
    try:
        server.deny_account_wide(True)
        before = server.calls()
        _timed([*base, *every, "--output", str(work / "org-per-resource")])
        per_resource_calls = server.calls() - before
        server.deny_account_wide(False)
        one_dir = work / "org-one"
        before = server.calls()
        one_run = _timed([*base, *every, "--output", str(one_dir)])
        one_run_calls = server.calls() - before
        singles = [
            _timed([*base, "--account", account, "--output", str(work / f"org-single-{account}")]) for account in ids
        ]
        shards = {}
        for count in (2, 4):
            parts = [work / f"org-shard{count}-{k}" for k in range(1, count + 1)]
            wall = _timed(
                *[[*base, *every, "--shard", f"{k}/{count}", "--output", str(p)] for k, p in enumerate(parts, 1)]
            )
            merged = work / f"org-merged{count}"
            merge_s = _timed(["merge", *map(str, parts), "--output", str(merged)])
            shards[count] = {"wall_s": wall, "merge_s": merge_s, "identical": _digest(merged) == _digest(one_dir)}
    finally:
        server.set_latency(0)
    resources = sum(1 for p in one_dir.glob("[0-9]*.json") for _ in _resources(p))
    return {
        "accounts": accounts,
        "regions": len(REGIONS),
        "resources": resources,
        "latency_ms": latency_ms,
        "one_run_s": one_run,
        "single_runs_sum_s": sum(singles),
        "one_run_vs_sum": sum(singles) / one_run,
        "calls_per_resource_before": per_resource_calls / resources,
        "calls_per_resource": one_run_calls / resources,
        # The same, less what the accounts would cost empty: the calls that grow with the estate.
        "listing_floor_calls": floor[False],
        "calls_per_resource_above_floor_before": (per_resource_calls - floor[True] * accounts) / resources,
        "calls_per_resource_above_floor": (one_run_calls - floor[False] * accounts) / resources,
        "shards": {str(k): {**v, "speedup": one_run / (v["wall_s"] + v["merge_s"])} for k, v in shards.items()},
    }


def _resources(path: Path):
    import json

    return json.loads(path.read_text())["resources"]
