"""The long tail of many accounts: ``adopt scan --account ... --long-tail-type``
reads each account's resources of types adopt has no spec for through Cloud
Control, with that account's own role, into that account's own module.

moto does not serve Cloud Control, so the fault proxy answers it, and only
it, from ``fixtures/longtail/location_iot.json`` for calls signed with alpha's
role, and with empty listings for every other account's; the organization
and every other call are moto's (organization_kit.py).
"""

from __future__ import annotations

import json

import hcl2
import pytest
from coverage_kit import FIXTURES, check_module, recorded_states
from faults import FaultProxy
from helpers import run_cli
from organization_kit import scan

from adopt.model import Inventory

LOCATION = {
    ("awscc_location_geofence_collection", "depots"),
    ("awscc_location_map", "fleet-map"),
    ("awscc_location_place_index", "fleet-places"),
    ("awscc_location_tracker", "vans"),
}


@pytest.fixture(scope="module")
def long_tail_scan(organization, tmp_path_factory):
    ids = organization.accounts
    out = tmp_path_factory.mktemp("long-tail") / "inventories"
    recordings = json.loads((FIXTURES / "longtail" / "location_iot.json").read_text())
    with FaultProxy(organization.endpoint) as proxy:
        replay = proxy.replay(
            "cloudcontrol", recordings, account=ids["alpha"], elsewhere={"ListResources": {"ResourceDescriptions": []}}
        )
        accounts = ("--account", ids["alpha"], "--account", ids["beta"])
        result = scan(proxy.endpoint, out, *accounts, "--long-tail-type", "AWS::Location::*")
    return out, result, proxy, replay


def test_each_accounts_long_tail_is_read_with_its_own_role(organization, long_tail_scan):
    out, result, proxy, replay = long_tail_scan
    ids = organization.accounts
    assert result.code == 0, result.output
    alpha = Inventory.load(str(out / f"{ids['alpha']}.json"))
    beta = Inventory.load(str(out / f"{ids['beta']}.json"))
    assert {(r.type, r.import_id) for r in alpha.resources if r.type.startswith("awscc_")} == LOCATION
    assert all(r.region == "us-east-1" for r in alpha.resources)
    assert not [r for r in beta.resources if r.type.startswith("awscc_")]
    # Each account's queue is still its own, beside its long tail.
    assert {r.name for r in beta.resources} == {"beta-orders"}
    # Cloud Control was asked with each account's role, and never with the caller's own credentials.
    signed = {r.account for r in proxy.requests if r.service == "cloudcontrol"}
    assert signed == {ids["alpha"], ids["beta"]}
    assert replay.answered["GetResource"] == len(LOCATION)
    assert f"Long tail of account {ids['alpha']}: 4 resource(s) read through Cloud Control" in result.stderr
    assert f"Long tail of account {ids['beta']}: 0 resource(s) read through Cloud Control" in result.stderr
    index = json.loads((out / "index.json").read_text())
    assert {a["id"]: a["resources"] for a in index["accounts"]} == {
        ids["alpha"]: len(alpha.resources),
        ids["beta"]: len(beta.resources),
    }


def test_the_long_tail_lands_in_its_accounts_module_with_its_role(organization, long_tail_scan, tmp_path, tf_engine):
    out, _, _, _ = long_tail_scan
    ids = organization.accounts
    modules = tmp_path / "modules"
    result = run_cli("generate", "--inventory", str(out), "--out", str(modules))
    assert result.code == 0, result.output
    role = f'"arn:aws:iam::{ids["alpha"]}:role/OrganizationAccountAccessRole"'
    providers = hcl2.loads((modules / ids["alpha"] / "providers.tf").read_text())["provider"]
    by_name = {name: block for provider in providers for name, block in provider.items()}
    assert by_name['"aws"']["assume_role"][0]["role_arn"] == role
    assert by_name['"awscc"']["assume_role"]["role_arn"] == role
    alpha = Inventory.load(str(out / f"{ids['alpha']}.json"))
    check_module(modules / ids["alpha"], tf_engine, len(alpha.resources), states=recorded_states(alpha.to_json()))
    # An account with no long tail needs no awscc provider.
    beta = (modules / ids["beta"] / "providers.tf").read_text()
    assert 'provider "awscc"' not in beta


def test_a_sharded_scan_takes_no_long_tail(organization, tmp_path):
    result = scan(
        organization.endpoint, tmp_path / "out", "--org", "--shard", "1/2", "--long-tail-type", "AWS::Location::*"
    )
    assert result.code == 2, result.output
    assert "--long-tail reads each account's census" in result.stderr
    assert "Traceback" not in result.output
    assert not (tmp_path / "out").exists()
