"""The demo estate's drift: the servers SERVER1 to SERVER3 are one family, and
`adopt demo` shows it first, with DRIFT.md beside ADOPTION.md."""

from __future__ import annotations

import json

import jsonschema
import pytest
from helpers import run_cli
from markdown_it import MarkdownIt

from adopt import formats


def _ids(inventory: dict, tf_type: str) -> dict[str, str]:
    return {r["tags"].get("Name"): r["id"] for r in inventory["resources"] if r["type"] == tf_type}


def test_the_demo_servers_are_one_family_with_their_drift(demo_run):
    result = run_cli("drift", "--inventory", str(demo_run.inventory_path), "--json")
    assert result.code == 0, result.output
    report = json.loads(result.stdout)
    formats.check(report, "drift", "adopt drift --json")  # the published contract
    families = {(f["type"], f["name"]): f for f in report["families"]}
    # The servers, and the two pairs of subnets (alike, with no drift); nothing else.
    assert set(families) == {("aws_instance", "server"), ("aws_subnet", "public"), ("aws_subnet", "private")}
    servers = families[("aws_instance", "server")]
    instances, groups = _ids(demo_run.inventory, "aws_instance"), _ids(demo_run.inventory, "aws_security_group")
    assert servers["members"] == sorted(instances.values())
    assert servers["baseline"] == {
        "instance_type": "t3.medium",
        "tags.Hotfix": None,
        "vpc_security_group_ids": sorted([groups["web"], groups["app"]]),
    }
    assert servers["deviations"] == {
        instances["SERVER1"]: {"vpc_security_group_ids": sorted([groups["web"], groups["app"], groups["db"]])},
        instances["SERVER2"]: {"tags.Hotfix": "OPS-1432 kernel param"},
        instances["SERVER3"]: {"instance_type": "t3.large"},
    }
    for pair in ("public", "private"):
        assert not any(families[("aws_subnet", pair)]["deviations"].values())


def test_the_drift_schema_refuses_what_the_contract_does_not_say(demo_run):
    report = json.loads(run_cli("drift", "--inventory", str(demo_run.inventory_path), "--json").stdout)
    family = report["families"][0]
    validator = jsonschema.Draft202012Validator(formats.schema("drift"))
    for broken in (
        {**report, "format": "adopt-drift/2"},
        {**report, "families": [{**family, "members": family["members"][:1]}]},  # a family of one
        {**report, "families": [{**family, "signals": [{"kind": "guess", "value": "x"}]}]},
        {**report, "families": [{k: v for k, v in family.items() if k != "baseline"}]},
        {**report, "families": [{**family, "deviations": {"i-1": "t3.large"}}]},
    ):
        assert not validator.is_valid(broken), broken


@pytest.fixture(scope="module")
def demo_out(tmp_path_factory):
    out = tmp_path_factory.mktemp("demo-cli") / "adopt-demo"
    result = run_cli("demo", "--out", str(out))
    assert result.code == 0, result.output
    return out, result


def test_make_demo_shows_the_family_and_its_drift(demo_out):
    out, result = demo_out
    lines = result.stdout.splitlines()
    start = lines.index(f"Alike resources that drifted apart (adopt drift; details in {out}/DRIFT.md):")
    shown = "\n".join(lines[start : start + 6])
    assert "aws_instance family server: 3 in us-east-1 (name stem server*, tag Role=app)" in shown
    assert "server1: vpc_security_group_ids adds sg-" in shown and "(db)  [network access]" in shown
    assert "server2: tags.Hotfix = OPS-1432 kernel param (baseline: not set)" in shown
    assert "server3: instance_type = t3.large (baseline: t3.medium)  [capacity]" in shown
    # ...before the Terraform it wrote, and the plan line to expect.
    assert start < next(i for i, line in enumerate(lines) if line.startswith("Terraform written to"))


def test_the_demo_writes_drift_md_and_links_it(demo_out):
    out, _ = demo_out
    drift = (out / "DRIFT.md").read_text()
    tokens = MarkdownIt("commonmark").enable("table").parse(drift)
    headings = [tokens[i + 1].content for i, t in enumerate(tokens) if t.type == "heading_open"]
    assert headings == [
        "Alike resources that drifted apart",
        "Family `server`: 3 × `aws_instance`",
        "Family `private`: 2 × `aws_subnet`",
        "Family `public`: 2 × `aws_subnet`",
    ]
    assert "| `server1` | `vpc_security_group_ids` | adds `sg-" in drift
    adoption = (out / "ADOPTION.md").read_text()
    assert "## Alike resources that drifted apart" in adoption and "[DRIFT.md](DRIFT.md)" in adoption
    # Written like every generated file: recorded in the manifest, so a later
    # run knows whether a person changed it.
    manifest = json.loads((out / ".adopt-manifest.json").read_text())
    assert "DRIFT.md" in json.dumps(manifest)


def test_the_demo_writes_the_follow_up_that_removes_the_drift(demo_out, tf_engine):
    out, result = demo_out
    assert f"is in {out}/baseline/: 3 change(s) to 3 member(s), 0 kept as they are" in result.stdout
    baseline = out / "baseline"
    ec2 = (baseline / "ec2.tf").read_text()
    assert '  instance_type          = "t3.medium"\n' in ec2 and "Hotfix" not in ec2
    assert "Plan: 0 to add, 3 to change, 0 to destroy." in (baseline / "ADOPTION.md").read_text()
    validation = tf_engine.validate(baseline)
    assert validation.valid, validation.text
