"""Families written once: the servers SERVER1 to SERVER3 (an extra security
group, a tag, a bigger instance type) come out of `adopt generate` as one
`for_each` resource with their differences in a `locals` map, and plan exactly
as cleanly as when each is written on its own.

One estate on moto's server, scanned once for the module:

- SERVER1..3 (Role=app), drifted as above; an Elastic IP on SERVER3, so that
  another resource references a member;
- three edge servers whose names hold quotes, `${` and a line break, a family
  of their own (Role=edge);
- functions thumb-1..3 whose `environment` blocks differ (thumb-3 has none):
  a nested block written as a `dynamic` block over each member's value.
"""

from __future__ import annotations

import io
import json
import os
import re
import stat
import subprocess
import sys
import zipfile
from pathlib import Path

import hcl2
import pytest
import terraform_engine
from coverage_kit import check_module
from helpers import ROOT, run_cli

REGION = "us-east-1"
TYPES = [
    "aws_vpc",
    "aws_subnet",
    "aws_security_group",
    "aws_instance",
    "aws_eip",
    "aws_iam_role",
    "aws_lambda_function",
]
HOSTILE = 'edge"${jump}\n-'  # + 1, 2, 3
TRUST = {
    "Version": "2012-10-17",
    "Statement": [{"Effect": "Allow", "Principal": {"Service": "lambda.amazonaws.com"}, "Action": "sts:AssumeRole"}],
}
# The estate's inventory as scanned once, and the module adopt wrote for it
# one resource at a time before families were written with for_each:
# `--no-families` must still write exactly that.
RECORDED = ROOT / "fixtures" / "families"


def _tags(**tags: str) -> list[dict[str, str]]:
    return [{"Key": k, "Value": v} for k, v in tags.items()]


def _zip() -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as archive:
        archive.writestr("index.py", "def handler(event, context):\n    return event\n")
    return buf.getvalue()


def seed(moto) -> dict[str, str]:
    """The estate; returns the IDs by a name the tests use."""
    ids: dict[str, str] = {}
    ec2 = moto.client("ec2")
    vpc = ec2.create_vpc(CidrBlock="10.40.0.0/16")["Vpc"]["VpcId"]
    subnets = [
        ec2.create_subnet(VpcId=vpc, CidrBlock=f"10.40.{n}.0/24", AvailabilityZone=f"{REGION}{az}")["Subnet"][
            "SubnetId"
        ]
        for n, az in ((1, "a"), (2, "b"))
    ]
    groups = {
        name: ec2.create_security_group(GroupName=f"fam-{name}", Description=name, VpcId=vpc)["GroupId"]
        for name in ("web", "app", "db")
    }
    images = ec2.describe_images(Owners=["amazon"])["Images"]

    def server(name, role, instance_type="t3.medium", sgs=("web", "app"), subnet=0, image=0, **tags):
        return ec2.run_instances(
            ImageId=images[image]["ImageId"],
            InstanceType=instance_type,
            MinCount=1,
            MaxCount=1,
            SubnetId=subnets[subnet],
            SecurityGroupIds=[groups[g] for g in sgs],
            TagSpecifications=[{"ResourceType": "instance", "Tags": _tags(Name=name, Role=role, **tags)}],
        )["Instances"][0]["InstanceId"]

    ids["SERVER1"] = server("SERVER1", "app", sgs=("web", "app", "db"))
    ids["SERVER2"] = server("SERVER2", "app", subnet=1, Hotfix="OPS-1432 kernel param")
    ids["SERVER3"] = server("SERVER3", "app", instance_type="t3.large")
    for n in (1, 2, 3):
        ids[f"edge{n}"] = server(f"{HOSTILE}{n}", "edge", instance_type="c5.large", sgs=("web",), image=1)
    allocation = ec2.allocate_address(Domain="vpc")["AllocationId"]
    ec2.associate_address(AllocationId=allocation, InstanceId=ids["SERVER3"])
    ids["eip"] = allocation

    iam, lam = moto.client("iam"), moto.client("lambda")
    role = iam.create_role(RoleName="thumbs", AssumeRolePolicyDocument=json.dumps(TRUST))["Role"]["Arn"]
    for name, environment in [
        ("thumb-1", {"STAGE": "prod", "SIZE": "128"}),
        ("thumb-2", {"STAGE": "prod", "SIZE": "128"}),
        ("thumb-3", None),
    ]:
        extra = {"Environment": {"Variables": environment}} if environment else {}
        lam.create_function(
            FunctionName=name,
            Runtime="python3.12",
            Role=role,
            Handler="index.handler",
            Code={"ZipFile": _zip()},
            MemorySize=256,
            Timeout=30,
            Tags={"Team": "media"},
            **extra,
        )
    return ids


def scan(moto, inventory: Path) -> None:
    args = ["scan", "--endpoint-url", moto.endpoint, "--region", REGION, "--output", str(inventory)]
    for tf_type in TYPES:
        args += ["--include", tf_type]
    result = run_cli(*args)
    assert result.code == 0, result.output


@pytest.fixture(scope="module")
def estate(moto_server, tmp_path_factory):
    moto_server.reset()
    ids = seed(moto_server)
    work = tmp_path_factory.mktemp("families")
    inventory = work / "inventory.json"
    scan(moto_server, inventory)
    grouped, plain = work / "grouped", work / "plain"
    result = run_cli("generate", "--inventory", str(inventory), "--out", str(grouped))
    assert result.code == 0, result.output
    assert run_cli("generate", "--inventory", str(inventory), "--out", str(plain), "--no-families").code == 0
    data = json.loads(inventory.read_text())
    return {"ids": ids, "inventory": inventory, "data": data, "grouped": grouped, "plain": plain, "work": work}


def _block(text: str, header: str) -> str:
    start = text.index(header)
    return text[start : text.index("\n}\n", start) + 3]


def _locals(module: Path) -> dict:
    found = {}
    for path in module.glob("*.tf"):
        for block in hcl2.loads(path.read_text()).get("locals", []):
            found.update(block)
    return found


def test_three_drifted_servers_are_one_resource(estate):
    ec2 = (estate["grouped"] / "ec2.tf").read_text()
    assert ec2.count('resource "aws_instance"') == 2  # the servers, and the edge servers
    server = _block(ec2, 'resource "aws_instance" "server" {')
    # What all three share is written once; what differs comes from each member.
    assert "for_each = local.server" in server
    assert re.search(r'\n  ami +=  ?"ami-', server)
    for argument in ("instance_type", "subnet_id", "vpc_security_group_ids"):
        assert re.search(rf"\n  {argument} += each\.value\.{argument}\n", server), argument
    assert 'tags = merge({\n    Role = "app"\n  }, each.value.tags)' in server
    members = _locals(estate["grouped"])["server"]
    assert set(members) == {"server1", "server2", "server3"}
    ids = estate["ids"]
    assert {k: m["import_id"] for k, m in members.items()} == {
        k: f'"{ids[k.upper()]}"' for k in ("server1", "server2", "server3")
    }
    assert [members[k]["instance_type"] for k in ("server1", "server2", "server3")] == [
        '"t3.medium"',
        '"t3.medium"',
        '"t3.large"',
    ]
    assert len(members["server1"]["vpc_security_group_ids"]) == 3
    assert [len(members[k]["vpc_security_group_ids"]) for k in ("server2", "server3")] == [2, 2]
    assert members["server2"]["tags"] == {"Hotfix": '"OPS-1432 kernel param"', "Name": '"SERVER2"'}
    assert members["server1"]["tags"] == {"Name": '"SERVER1"'}
    imports = (estate["grouped"] / "imports.tf").read_text()
    assert "import {\n  for_each = local.server\n  to       = aws_instance.server[each.key]\n" in imports
    assert 'required_version = ">= 1.7"' in (estate["grouped"] / "versions.tf").read_text()
    adoption = (estate["grouped"] / "ADOPTION.md").read_text()
    assert "| `aws_instance.server` | 3 | `local.server` |" in adoption
    assert '| `aws_instance.server["server3"]` |' in adoption  # each member, under its instance address


def test_a_nested_block_that_differs_is_a_dynamic_block(estate):
    function = _block((estate["grouped"] / "lambda.tf").read_text(), 'resource "aws_lambda_function" "thumb" {')
    assert (
        '  dynamic "environment" {\n'
        "    for_each = each.value.environment\n\n"
        "    content {\n"
        "      variables = environment.value.variables\n"
        "    }\n"
        "  }\n"
    ) in function
    members = _locals(estate["grouped"])["thumb"]
    assert members["thumb_3"]["environment"] == []
    assert members["thumb_1"]["environment"] == [{"variables": {"SIZE": '"128"', "STAGE": '"prod"'}}]


def test_the_grouped_module_plans_exactly_as_the_one_by_one_module(estate, tf_engine):
    total = len(estate["data"]["resources"])
    for module in (estate["plain"], estate["grouped"]):
        assert terraform_engine.fmt_check(module) == []
        validation = tf_engine.validate(module)
        assert validation.valid, validation.text
    # What each resource would hold once imported, as the one-by-one module
    # configures it: recorded for the stand-in, both modules must plan no change.
    plain = tf_engine.plan(estate["plain"], show_json=True)
    states = {
        f"{rc['type']} {rc['change']['importing']['id']}": rc["change"]["after"]
        for rc in plain.json["resource_changes"]
    }
    assert len(states) == total
    afters = {}
    for module in (estate["plain"], estate["grouped"]):
        result = tf_engine.plan(module, states=states, show_json=True)
        assert (result.to_import, result.to_add, result.to_change, result.to_destroy) == (total, 0, 0, 0), result.line
        afters[module.name] = {
            f"{rc['type']} {rc['change']['importing']['id']}": rc["change"]["after"]
            for rc in result.json["resource_changes"]
        }
    assert afters["grouped"] == afters["plain"]
    addresses = {rc["address"] for rc in result.json["resource_changes"]}
    assert {f'aws_instance.server["server{n}"]' for n in (1, 2, 3)} <= addresses


def test_a_reference_to_a_member_is_its_indexed_address(estate):
    ec2 = (estate["grouped"] / "ec2.tf").read_text()
    eip = _block(ec2, 'resource "aws_eip" ')
    assert 'instance = aws_instance.server["server3"].id' in eip
    plain = (estate["plain"] / "ec2.tf").read_text()
    assert "instance = aws_instance.server3.id" in _block(plain, 'resource "aws_eip" ')


FAKE_TERRAFORM = """#!{python}
import json, os, sys
if sys.argv[1:3] == ["state", "list"]:
    sys.exit(0)
with open(os.environ["FAKE_TERRAFORM_LOG"], "a") as log:
    log.write(json.dumps(sys.argv[1:]) + "\\n")
"""


def test_import_sh_passes_exactly_the_indexed_addresses(estate, tmp_path):
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    fake = bin_dir / "terraform"
    fake.write_text(FAKE_TERRAFORM.format(python=sys.executable))
    fake.chmod(fake.stat().st_mode | stat.S_IEXEC)
    log = tmp_path / "argv.jsonl"
    env = {**os.environ, "PATH": f"{bin_dir}:{os.environ['PATH']}", "FAKE_TERRAFORM_LOG": str(log)}
    subprocess.run(["bash", str(estate["grouped"] / "import.sh")], env=env, check=True, capture_output=True)
    calls = [json.loads(line) for line in log.read_text().splitlines()]
    imports = sorted((c[2], c[3]) for c in calls if c[0] == "import")
    ids = estate["ids"]
    expected_members = {f'aws_instance.server["server{n}"]': ids[f"SERVER{n}"] for n in (1, 2, 3)}
    expected_members |= {f'aws_instance.edge_jump["edge_jump_{n}"]': ids[f"edge{n}"] for n in (1, 2, 3)}
    assert set(expected_members.items()) <= set(imports)
    assert len(imports) == len(estate["data"]["resources"])
    assert all(c[:2] == ["import", "-input=false"] and len(c) == 4 for c in calls if c[0] != "init")


def test_hostile_member_names_stay_inert(estate):
    ec2 = (estate["grouped"] / "ec2.tf").read_text()
    edge = _block(ec2, 'resource "aws_instance" "edge_jump" {')
    assert "for_each = local.edge_jump" in edge
    members = _locals(estate["grouped"])["edge_jump"]
    # The keys come from the names through adopt.naming: plain words, nothing quoted or interpolated.
    assert list(members) == ["edge_jump_1", "edge_jump_2", "edge_jump_3"]
    locals_text = _block(ec2, "locals {\n  edge_jump = {")
    assert "${jump}" not in locals_text.replace("$${jump}", "")
    assert 'Name = "edge\\"$${jump}\\n-1"' in locals_text
    # Read back by Terraform's own rules: the value is the name, exactly.
    assert members["edge_jump_2"]["tags"]["Name"] == '"edge\\"$${jump}\\n-2"'


def test_no_families_writes_each_resource_as_before(estate, tmp_path):
    ec2 = (estate["plain"] / "ec2.tf").read_text()
    assert "for_each" not in ec2 and "locals" not in ec2 and "dynamic" not in ec2
    assert all(f'resource "aws_instance" "server{n}" {{' in ec2 for n in (1, 2, 3))
    assert 'required_version = ">= 1.5"' in (estate["plain"] / "versions.tf").read_text()
    # Byte for byte what adopt wrote before families were grouped, for a recorded estate.
    out = tmp_path / "out"
    inventory = tmp_path / "inventory.json"
    inventory.write_bytes((RECORDED / "inventory.json").read_bytes())
    result = run_cli("generate", "--inventory", str(inventory), "--out", str(out), "--no-families")
    assert result.code == 0, result.output
    expected = sorted(p.name for p in (RECORDED / "one-by-one").iterdir())
    assert sorted(p.name for p in out.iterdir() if p.name != ".adopt-manifest.json") == expected
    for name in expected:
        assert (out / name).read_bytes() == (RECORDED / "one-by-one" / name).read_bytes(), name


def test_batches_keep_a_family_together(estate, tf_engine):
    work = estate["work"]
    plan_path = work / "plan.json"
    result = run_cli("plan", "--inventory", str(estate["inventory"]), "--max-batch", "2", "--output", str(plan_path))
    assert result.code == 0, result.output
    plan = json.loads(plan_path.read_text())
    assert plan["format"] == "adopt-plan/2"
    batch_of = {r["address"]: b["batch"] for b in plan["batches"] for r in b["resources"]}
    servers = {batch_of[f'aws_instance.server["server{n}"]'] for n in (1, 2, 3)}
    assert len(servers) == 1  # all three in one batch, though batches hold two
    (servers_batch,) = servers
    assert len(next(b for b in plan["batches"] if b["batch"] == servers_batch)["resources"]) >= 3
    repo = work / "repo"
    total = 0
    for batch in plan["batches"]:
        result = run_cli("generate", "--plan", str(plan_path), "--batch", str(batch["batch"]), "--out", str(repo))
        assert result.code == 0, result.output
        total += len(batch["resources"])
    check_module(repo, tf_engine, total)
    text = (repo / f"adopt_{servers_batch}_ec2.tf").read_text()
    assert 'resource "aws_instance" "server" {' in text and "for_each = local.server" in text
    # The graph can draw the family as one node with its count.
    graph = run_cli("graph", "--inventory", str(estate["inventory"]), "--plan", str(plan_path), "--families")
    assert graph.code == 0, graph.output
    assert "aws_instance.server ×3" in graph.stdout


def test_a_plan_that_splits_a_family_is_refused(estate, tmp_path):
    plan_path = tmp_path / "plan.json"
    assert run_cli("plan", "--inventory", str(estate["inventory"]), "--output", str(plan_path)).code == 0
    plan = json.loads(plan_path.read_text())
    moved = None
    for batch in plan["batches"]:
        for entry in batch["resources"]:
            if entry["address"] == 'aws_instance.server["server3"]':
                moved = entry
                batch["resources"].remove(entry)
    plan["batches"].append({"batch": len(plan["batches"]) + 1, "name": "split", "resources": [moved]})
    plan_path.write_text(json.dumps(plan))
    result = run_cli("generate", "--plan", str(plan_path), "--batch", "1", "--out", str(tmp_path / "out"))
    assert result.code == 2
    assert "a family is adopted in one batch" in result.stderr and "Traceback" not in result.output


def test_an_edited_plan_cannot_make_a_family_that_would_not_plan():
    """A person may regroup a plan by hand; what Terraform would refuse is refused first."""
    from adopt.batches.plan import Batch, Plan, validate
    from adopt.errors import BadInput
    from adopt.model import Inventory, Reference, Resource

    def instance(rid, refs=(), sensitive=None):
        return Resource(
            type="aws_instance", id=rid, import_id=rid, region=REGION, label=rid,
            attributes={"ami": "ami-1", "instance_type": "t3.micro", "subnet_id": "subnet-1"},
            references=[Reference(path, "aws_instance", "id", value) for path, value in refs],
            sensitive=sensitive or {},
        )  # fmt: skip

    inventory = Inventory("1", [REGION], [
        instance("i-1"), instance("i-2", sensitive={"user_data": "a secret"}), instance("i-3", [("tags.Peer", "i-1")]),
        instance("i-4"),
    ])  # fmt: skip

    def entry(rid, address):
        return {"type": "aws_instance", "region": REGION, "id": rid, "import_id": rid, "address": address}

    plan = Plan("inv.json", [Batch(1, "one", [
        entry("i-1", 'aws_instance.web["a"]'), entry("i-2", 'aws_instance.web["b"]'),
        entry("i-3", 'aws_instance.web["c"]'), entry("i-4", "aws_instance.web"),
    ])])  # fmt: skip
    with pytest.raises(BadInput) as refused:
        validate(plan, inventory)
    message = str(refused.value)
    assert "aws_instance.web is both a resource and a family's instances" in message
    plan.batches[0].resources[3]["address"] = "aws_instance.other"
    with pytest.raises(BadInput) as refused:
        validate(plan, inventory)
    message = str(refused.value)
    assert 'aws_instance.web["b"] has a secret supplied as a variable' in message
    assert 'aws_instance.web["c"] references aws_instance.web["a"]' in message
    plan.batches[0].resources[1:3] = [entry("i-2", "aws_instance.two"), entry("i-3", "aws_instance.three")]
    checked = validate(plan, inventory)
    assert [(g.address, [k for _, k in g.members]) for g in checked.groups] == [("aws_instance.web", ["a"])]


# -- the follow-up: members brought to their family's baseline -----------------------

# What the provider does that the schema cannot say: changing these replaces an instance.
INSTANCE_FORCE_NEW = {"$types": {"aws_instance": {"force_new": ["ami", "key_name", "subnet_id", "availability_zone"]}}}


def _recorded_states(tf_engine, module: Path) -> dict:
    """What each resource holds once imported, as the one-by-one module configures it."""
    plan = tf_engine.plan(module, show_json=True)
    return {
        f"{rc['type']} {rc['change']['importing']['id']}": rc["change"]["after"] for rc in plan.json["resource_changes"]
    }


def _updates(result) -> dict[str, set[str]]:
    """Address -> the attributes an update changes."""
    out = {}
    for rc in result.json["resource_changes"]:
        if "update" in rc["change"]["actions"]:
            before, after = rc["change"]["before"], rc["change"]["after"]
            out[rc["address"]] = {k for k in set(before) | set(after) if before.get(k) != after.get(k)}
    return out


def test_the_baseline_change_plans_exactly_the_drift_to_remove(estate, tf_engine, tmp_path):
    out = tmp_path / "baseline"
    result = run_cli("drift", "--baseline", "--inventory", str(estate["inventory"]), "--out", str(out))
    assert result.code == 0, result.output
    assert "4 deviation(s) removed from 4 member(s); 0 kept" in result.output
    assert terraform_engine.fmt_check(out) == []
    assert tf_engine.validate(out).valid
    server = _block((out / "ec2.tf").read_text(), 'resource "aws_instance" "server" {')
    assert re.search(r'\n  instance_type += "t3.medium"\n', server)  # the baseline, written once
    assert "each.value.vpc_security_group_ids" not in server and "Hotfix" not in (out / "ec2.tf").read_text()
    states = {**_recorded_states(tf_engine, estate["plain"]), **INSTANCE_FORCE_NEW}
    total = len(estate["data"]["resources"])
    plan = tf_engine.plan(out, states=states, show_json=True)
    assert (plan.to_import, plan.to_add, plan.to_change, plan.to_destroy) == (total, 0, 4, 0), plan.line
    assert _updates(plan) == {
        'aws_instance.server["server1"]': {"vpc_security_group_ids"},
        'aws_instance.server["server2"]': {"tags"},
        'aws_instance.server["server3"]': {"instance_type"},
        'aws_lambda_function.thumb["thumb_3"]': {"environment"},
    }
    adoption = (out / "ADOPTION.md").read_text()
    assert adoption.startswith("<!--") and "# Bring 2 families of alike resources to their baseline" in adoption
    assert "Plan: 0 to add, 4 to change, 0 to destroy." in adoption
    assert (
        '| `aws_instance.server["server3"]` | `instance_type` | `t3.large` | `t3.medium` | capacity: size, '
        "throughput or cost differs |" in adoption
    )
    assert '| `aws_instance.server["server2"]` | `tags.Hotfix` | `OPS-1432 kernel param` | `(unset)` |' in adoption
    # The same change from `generate --baseline`, byte for byte.
    again = tmp_path / "again"
    assert run_cli("generate", "--baseline", "--inventory", str(estate["inventory"]), "--out", str(again)).code == 0
    for path in out.iterdir():
        assert (again / path.name).read_bytes() == path.read_bytes(), path.name


def test_a_change_that_would_replace_a_member_is_held_with_its_reason(estate, tf_engine, tmp_path):
    """SERVER2 rebuilt from another image: converging `ami` would replace it, so it stays as it is."""
    data = json.loads(json.dumps(estate["data"]))
    images = {r["attributes"]["ami"] for r in data["resources"] if r["type"] == "aws_instance"}
    assert len(images) == 2  # the servers' image and the edge servers'
    server2 = next(r for r in data["resources"] if r["type"] == "aws_instance" and r["tags"].get("Name") == "SERVER2")
    other = next(image for image in images if image != server2["attributes"]["ami"])
    server2["attributes"]["ami"] = other
    inventory = tmp_path / "inventory.json"
    inventory.write_text(json.dumps(data))
    out = tmp_path / "baseline"
    result = run_cli("generate", "--baseline", "--inventory", str(inventory), "--out", str(out))
    assert result.code == 0, result.output
    assert "; 1 kept as they are" in result.output
    adoption = (out / "ADOPTION.md").read_text()
    assert (
        f'| `aws_instance.server["server2"]` | `ami` | `{other}` | AWS::EC2::Instance property ImageId is '
        "create-only: a change replaces the resource |"
    ) in adoption
    members = _locals(out)["server"]
    assert members["server2"]["ami"] == f'"{other}"' and members["server1"]["ami"] != f'"{other}"'
    # The module as adopted (SERVER2 on its own image) is what the imports hold: no replacement.
    adopted = tmp_path / "adopted"
    assert run_cli("generate", "--inventory", str(inventory), "--out", str(adopted), "--no-families").code == 0
    states = {**_recorded_states(tf_engine, adopted), **INSTANCE_FORCE_NEW}
    plan = tf_engine.plan(out, states=states, show_json=True)
    assert (plan.to_add, plan.to_change, plan.to_destroy) == (0, 4, 0), plan.line


def test_baseline_is_refused_where_it_cannot_apply(estate, tmp_path):
    plan = tmp_path / "plan.json"
    assert run_cli("plan", "--inventory", str(estate["inventory"]), "--output", str(plan)).code == 0
    result = run_cli("generate", "--baseline", "--plan", str(plan), "--batch", "1", "--out", str(tmp_path / "o"))
    assert result.code == 2 and "not --plan" in result.output
    result = run_cli("drift", "--baseline", "--inventory", str(estate["inventory"]))
    assert result.code == 2 and "--baseline and --out go together" in result.output
    assert "Traceback" not in result.output
