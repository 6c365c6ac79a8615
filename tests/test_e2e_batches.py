"""End to end: the demo estate adopted in three batches, each a clean module
together with the batches before it."""

from __future__ import annotations

import json

from coverage_kit import check_module
from helpers import run_cli


def test_demo_estate_in_three_batches(demo_run, tmp_path, tf_engine):
    plan_path = tmp_path / "adopt-plan.json"
    result = run_cli("plan", "--inventory", str(demo_run.inventory_path), "--output", str(plan_path))
    assert result.code == 0, result.output
    plan = json.loads(plan_path.read_text())
    names = [b["name"] for b in plan["batches"]]
    assert names[0] == "IAM" and names[1].startswith("network in vpc-") and names[2].startswith("ec2 in vpc-")

    # A reviewer merges the plan into three pull requests: identities and the
    # network, then the servers, then the storage.
    batches = plan["batches"]
    merged = [
        {"batch": 1, "name": "IAM and network", "resources": batches[0]["resources"] + batches[1]["resources"]},
        {"batch": 2, "name": "servers", "resources": batches[2]["resources"]},
        {"batch": 3, "name": "storage", "resources": [r for b in batches[3:] for r in b["resources"]]},
    ]
    plan["batches"] = merged
    plan_path.write_text(json.dumps(plan))

    repo = tmp_path / "repo"
    total = 0
    for batch in merged:
        n = batch["batch"]
        result = run_cli("generate", "--plan", str(plan_path), "--batch", str(n), "--out", str(repo))
        assert result.code == 0, result.output
        total += len(batch["resources"])
        imports = (repo / f"adopt_{n}_imports.tf").read_text()
        # One import block per resource, and one per family for all its members.
        plain = [r for r in batch["resources"] if "[" not in r["address"]]
        families = {r["address"].split("[")[0] for r in batch["resources"] if "[" in r["address"]}
        assert imports.count("import {") == len(plain) + len(families)
        check_module(repo, tf_engine, total)
    servers = (repo / "adopt_2_ec2.tf").read_text()
    # The servers are one family in the plan, their subnets another, in batch 1.
    assert 'resource "aws_instance" "server" {' in servers and "for_each = local.server" in servers
    assert 'subnet_id              = aws_subnet.public["public_a"].id' in servers
    assert "iam_instance_profile   = aws_iam_instance_profile.app_server.name" in servers
    assert total == len(demo_run.inventory["resources"])
