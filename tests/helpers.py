"""Helpers shared by the tests: the real CLI in a subprocess, the emulator's
admin API, and where the provider oracle lives."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import urllib.request
from dataclasses import dataclass
from pathlib import Path

import boto3

from adopt.demo.estate import PRIMARY_REGION

ROOT = Path(__file__).resolve().parent.parent


@dataclass
class CliResult:
    code: int
    stdout: str
    stderr: str

    @property
    def output(self) -> str:
        return self.stdout + self.stderr


def run_cli(*args: str, env: dict[str, str] | None = None, cwd: str | Path | None = None) -> CliResult:
    """The real ``adopt`` command, in its own process."""
    full_env = dict(os.environ)
    full_env.update(env or {})
    proc = subprocess.run(
        [sys.executable, "-m", "adopt", *args],
        capture_output=True,
        text=True,
        env=full_env,
        cwd=cwd,
        timeout=300,
    )
    return CliResult(proc.returncode, proc.stdout, proc.stderr)


class Moto:
    def __init__(self, endpoint: str) -> None:
        self.endpoint = endpoint

    def reset(self) -> None:
        urllib.request.urlopen(urllib.request.Request(f"{self.endpoint}/moto-api/reset", method="POST")).read()

    def snapshot(self) -> dict:
        """Everything the emulator holds, to prove a scan changed nothing.

        Normalised for emulator quirks that are not changes to the account:
        backends that appear, empty, when first read; the defaults AWS has in
        every account, which moto creates on first read (EMULATOR_DEFAULTS);
        and security group rule objects that moto materialises again on each
        describe call (lists are compared as sets of distinct objects).
        """
        with urllib.request.urlopen(f"{self.endpoint}/moto-api/data.json") as response:
            data = json.loads(response.read())
        for (service, kind), is_default in EMULATOR_DEFAULTS.items():
            objects = (data.get(service) or {}).get(kind)
            if objects:
                data[service][kind] = [o for o in objects if not is_default(o)]
        return _normalise(data)

    def client(self, service: str, region: str = PRIMARY_REGION):
        return boto3.client(service, region_name=region, endpoint_url=self.endpoint)


def find_oracle() -> Path | None:
    candidate = Path(os.environ.get("ADOPT_ORACLE_DIR") or ROOT.parent / "shared" / "oracle")
    return candidate if (candidate / "aws-import-ids.json").exists() else None


# What every AWS account has, and moto creates lazily on the first read.
EMULATOR_DEFAULTS = {
    ("events", "EventBus"): lambda o: o.get("name") == "default",
    ("elasticache", "User"): lambda o: o.get("id") == "default",
    ("apigateway", "Account"): lambda o: True,
    ("memorydb", "MemoryDBSubnetGroup"): lambda o: o.get("subnet_group_name") == "default",
    ("memorydb", "MemoryDBUser"): lambda o: str(o.get("arn", "")).endswith(":user/default"),
    ("redshift", "ParameterGroup"): lambda o: str(o.get("name", "")).startswith("default."),
    ("redshift", "SecurityGroup"): lambda o: o.get("cluster_security_group_name") == "Default",
    ("scheduler", "ScheduleGroup"): lambda o: o.get("name") == "default",
}


def _normalise(value):
    if isinstance(value, dict):
        out = {k: _normalise(v) for k, v in value.items()}
        return {k: v for k, v in out.items() if v not in ({}, [])}
    if isinstance(value, list):
        return sorted({json.dumps(_normalise(v), sort_keys=True, default=str) for v in value})
    return value


EMULATOR_GAPS = ROOT / "tests" / "emulator_gaps.json"


def emulator_gaps() -> dict[str, dict]:
    """Per registered type, what the emulator cannot show of it (see the file's "about")."""
    return json.loads(EMULATOR_GAPS.read_text())["types"]


def emulator_fails() -> dict[str, str]:
    """The types whose calls moto's server answers with an error, not an empty
    answer (a call it does not implement), and why: tested with recorded
    responses only, and left out of scans of a whole emulated account."""
    return {tf_type: entry["fails"] for tf_type, entry in emulator_gaps().items() if entry.get("fails")}


def excluding_what_the_emulator_fails() -> list[str]:
    """``--exclude`` arguments for a scan of a whole emulated account."""
    return [arg for tf_type in sorted(emulator_fails()) for arg in ("--exclude", tf_type)]
