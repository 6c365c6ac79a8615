"""End to end: the demo estate adopted in three batches, each a clean module
together with the batches before it."""

from __future__ import annotations

import json

from batch_checks import adopt_batch_by_batch, check_packed, plan_with_cli
from coverage_kit import check_module
from helpers import run_cli

from adopt.model import Inventory


def test_demo_estate_in_three_batches(demo_run, tmp_path, tf_engine):
    plan_path = tmp_path / "adopt-plan.json"
    result = run_cli("plan", "--inventory", str(demo_run.inventory_path), "--output", str(plan_path))
    assert result.code == 0, result.output
    plan = json.loads(plan_path.read_text())
    names = [b["name"] for b in plan["batches"]]
    # The role's policy names the file-share bucket: storage comes before IAM.
    assert names[0].startswith("network of vpc ") and names[-2] == "IAM" and names[-1].startswith("EC2 of vpc ")
    assert all(name.startswith("S3 in ") for name in names[1:-2])

    # A reviewer merges the plan into three pull requests: the network and
    # the storage, then identities, then the servers.
    batches = plan["batches"]
    merged = [
        {"batch": 1, "name": "network and storage", "resources": [r for b in batches[:-2] for r in b["resources"]]},
        {"batch": 2, "name": "IAM", "resources": batches[-2]["resources"]},
        {"batch": 3, "name": "servers", "resources": batches[-1]["resources"]},
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
    # The servers are one family in the plan, their subnets another.
    ec2 = "".join(p.read_text() for p in sorted(repo.glob("adopt_*_ec2.tf")))
    assert 'resource "aws_instance" "server" {' in ec2 and "for_each = local.server" in ec2
    assert 'subnet_id              = aws_subnet.public["public_a"].id' in ec2
    assert "iam_instance_profile   = aws_iam_instance_profile.app_server.name" in ec2
    # A policy names the bucket of an earlier batch inside its document.
    iam = "".join(p.read_text() for p in sorted(repo.glob("adopt_*_iam.tf")))
    assert '"${aws_s3_bucket.file_share.arn}/*"' in iam
    assert total == len(demo_run.inventory["resources"])


def test_demo_estate_packed_batch_by_batch(demo_run, tmp_path, tf_engine):
    """With --max-batch, the groups are packed: a handful of batches, not one per
    service and region, each adopted next to the ones before it."""
    plan_path = tmp_path / "adopt-plan.json"
    plan = plan_with_cli(demo_run.inventory_path, plan_path, "--max-batch", "12")
    inventory = Inventory.load(str(demo_run.inventory_path))
    check_packed(plan, inventory, 12)
    unpacked = plan_with_cli(demo_run.inventory_path, tmp_path / "by-group.json")
    assert len(plan["batches"]) < len(unpacked["batches"])
    assert any(";" in b["name"] or " and " in b["name"] for b in plan["batches"])  # a title names all it holds
    adopt_batch_by_batch(plan_path, plan, tmp_path / "repo", tf_engine)
