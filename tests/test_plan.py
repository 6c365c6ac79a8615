"""Gradual adoption: the graph, batches, plan-file edits, batch files and `adopt pr`."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import tempfile

import pytest
from batch_checks import adopt_batch_by_batch, check_packed, plan_with_cli
from coverage_kit import check_module
from helpers import ROOT, run_cli
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from adopt.batches.plan import Plan, make_plan, resource_graph, validate
from adopt.catalog import registry
from adopt.catalog.arns import ArnTargets
from adopt.errors import BadInput
from adopt.existing.status import Ownership, classify
from adopt.model import Inventory, Reference, Resource


def res(tf_type, rid, refs=(), region="us-east-1", **kw):
    return Resource(
        type=tf_type, id=rid, import_id=rid, region=region, label=kw.pop("label", rid),
        references=[Reference(path, t, "id", value) for path, t, value in refs], **kw,
    )  # fmt: skip


def concrete(pattern: str) -> str:
    return pattern.replace("[*]", "[0]")


def test_an_edge_for_every_reference_kind_the_specs_declare():
    checked = 0
    for spec in registry.all_specs():
        for pattern, ref in spec.references.items():
            if isinstance(ref.type, str):
                cases = [(ref.type, f"target-of-{spec.tf_type}-{pattern}")]
            elif isinstance(ref.type, ArnTargets):  # whichever type the ARN names
                cases = [
                    (t, f"arn:aws:{service}:us-east-1:123456789012:{kind}/x")
                    for (service, kind), t in ref.type.table.items()
                ]
            else:  # chosen by the ARN's service
                cases = [(t, f"arn:aws:{service}:us-east-1:123456789012:thing/x") for service, t in ref.type.items()]
            for target_type, value in cases:
                target = Resource(
                    type=target_type, id=value, import_id=value, region="us-east-1", arn=value, name=value
                )
                source = Resource(
                    type=spec.tf_type, id="source", import_id="source", region="us-east-1",
                    references=[Reference(concrete(pattern), target_type, ref.attribute, value)],
                )  # fmt: skip
                g = resource_graph([source, target])
                assert g.has_edge(source.key, target.key), (spec.tf_type, pattern)
                assert g.edges[source.key, target.key]["paths"] == [concrete(pattern)]
                checked += 1
    assert checked > 100


def test_references_are_found_inside_json_documents_and_by_arn_service():
    from adopt.catalog.spec import Ref
    from adopt.refs import find_references

    attributes = {"redrive_policy": '{"deadLetterTargetArn":"arn:aws:sqs:us-east-1:1:dlq","maxReceiveCount":5}',
                  "endpoint": "ops@example.com", "other": "arn:aws:lambda:us-east-1:1:function:f"}  # fmt: skip
    declared = {"redrive_policy.deadLetterTargetArn": Ref("aws_sqs_queue", "arn"), "endpoint": Ref(registry.arn_target(), "arn"),
                "other": Ref(registry.arn_target(), "arn")}  # fmt: skip
    found = {(path, tf_type, value) for path, tf_type, _, value in find_references(attributes, declared)}
    assert found == {
        ("redrive_policy.deadLetterTargetArn", "aws_sqs_queue", "arn:aws:sqs:us-east-1:1:dlq"),
        ("other", "aws_lambda_function", "arn:aws:lambda:us-east-1:1:function:f"),
    }  # an e-mail address is no reference


def inventory_of(*resources):
    return Inventory("123456789012", ["us-east-1"], list(resources))


def plan_for(inventory, **kw):
    report = classify(inventory, Ownership([]))
    return make_plan(inventory, "inv.json", report, kw.pop("selectors", []), **kw)


def test_a_remaining_cycle_is_broken_at_a_fixed_place_and_reported(tmp_path, tf_engine):
    # Two security groups are no cycle (their rules are resources); force one
    # with two subnets that claim each other as their VPC, the kind of loop a
    # future reference could make.
    a = res(
        "aws_subnet",
        "subnet-a",
        [("vpc_id", "aws_vpc", "vpc-b")],
        attributes={"vpc_id": "vpc-b", "cidr_block": "10.0.0.0/24"},
    )
    b = res(
        "aws_vpc",
        "vpc-b",
        [("ipv4_ipam_pool_id", "aws_subnet", "subnet-a")],
        attributes={"cidr_block": "10.0.0.0/16", "ipv4_ipam_pool_id": "subnet-a"},
    )
    inventory = inventory_of(a, b)
    plan = plan_for(inventory)
    assert list(plan.literal) == [("aws_vpc.vpc_b", "ipv4_ipam_pool_id")]
    assert "cycle" in plan.literal[("aws_vpc.vpc_b", "ipv4_ipam_pool_id")]
    assert [len(b.resources) for b in plan.batches] == [2]
    inventory.save(str(tmp_path / "inv.json"))
    plan.inventory = str(tmp_path / "inv.json")
    plan.save(str(tmp_path / "plan.json"))
    out = tmp_path / "module"
    result = run_cli("generate", "--plan", str(tmp_path / "plan.json"), "--batch", "1", "--out", str(out))
    assert result.code == 0, result.output
    ec2 = (out / "adopt_1_ec2.tf").read_text()
    assert 'ipv4_ipam_pool_id = "subnet-a"' in ec2 and "breaks the reference cycle" in ec2
    assert "vpc_id     = aws_vpc.vpc_b.id" in ec2
    assert "breaks the reference cycle" in (out / "ADOPTION-1.md").read_text()


TYPES = [
    "aws_vpc",
    "aws_subnet",
    "aws_security_group",
    "aws_instance",
    "aws_iam_role",
    "aws_s3_bucket",
    "aws_sqs_queue",
]


@st.composite
def estates(draw):
    n = draw(st.integers(min_value=1, max_value=25))
    kinds = [draw(st.sampled_from(TYPES)) for _ in range(n)]
    resources = []
    for i, kind in enumerate(kinds):
        refs = []
        for j in draw(st.lists(st.integers(0, n - 1), max_size=3, unique=True)):
            if j != i:
                refs.append((f"ref_{j}", kinds[j], f"r{j}"))
        vpc = draw(st.sampled_from(["vpc-x", "vpc-y", None]))
        if vpc:
            refs.append(("vpc_id", "aws_vpc", vpc))
        resources.append(res(kind, f"r{i}", refs, region=draw(st.sampled_from(["us-east-1", "eu-west-1"]))))
    return resources


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(estates(), st.one_of(st.none(), st.integers(1, 6)))
def test_batches_never_reference_later_batches(resources, max_batch):
    inventory = inventory_of(*resources)
    plan = plan_for(inventory, max_batch=max_batch)
    checked = validate(plan, inventory)  # raises if any batch references a later one
    assert sorted(checked.batch_of) == sorted(r.key for r in resources)  # each exactly once
    assert all(len(b.resources) <= (max_batch or len(resources)) for b in plan.batches)
    assert [b.number for b in plan.batches] == list(range(1, len(plan.batches) + 1))
    g = resource_graph(resources)
    broken = set(g.graph["broken"])
    for a, b in g.edges:
        if (a, b) not in broken:
            assert checked.batch_of[b] <= checked.batch_of[a]


def demo_like():
    vpc = res("aws_vpc", "vpc-1", tags={"Name": "main"}, label="main", attributes={"cidr_block": "10.0.0.0/16"})
    subnet = res("aws_subnet", "subnet-1", [("vpc_id", "aws_vpc", "vpc-1")], label="app",
                 attributes={"vpc_id": "vpc-1", "cidr_block": "10.0.1.0/24"})  # fmt: skip
    role = res("aws_iam_role", "app", region="global", name="app", label="app",
               attributes={"name": "app", "assume_role_policy": "{}"})  # fmt: skip
    instance = res("aws_instance", "i-1", [("subnet_id", "aws_subnet", "subnet-1")], label="web",
                   attributes={"ami": "ami-1", "instance_type": "t3.micro", "subnet_id": "subnet-1"})  # fmt: skip
    return inventory_of(vpc, subnet, role, instance)


def test_grouping_iam_first_then_network_then_what_uses_it():
    plan = plan_for(demo_like())
    assert [b.name for b in plan.batches] == ["IAM", "network of vpc main", "EC2 of vpc main"]
    assert [[r["address"] for r in b.resources] for b in plan.batches] == [
        ["aws_iam_role.app"], ["aws_vpc.main", "aws_subnet.app"], ["aws_instance.web"],
    ]  # fmt: skip


def test_selection_with_and_without_dependencies():
    inventory = demo_like()
    plan = plan_for(inventory, selectors=["aws_instance"])
    assert {r["address"] for b in plan.batches for r in b.resources} == {
        "aws_instance.web",
        "aws_subnet.app",
        "aws_vpc.main",
    }
    plan = plan_for(inventory, selectors=["aws_instance"], with_dependencies=False)
    assert {r["address"] for b in plan.batches for r in b.resources} == {"aws_instance.web"}
    assert ("aws_instance.web", "subnet_id") in plan.literal
    assert {r["address"] for b in plan_for(inventory, selectors=["vpc:vpc-1"]).batches for r in b.resources} == {
        "aws_vpc.main", "aws_subnet.app", "aws_instance.web"}  # fmt: skip
    assert {r["address"] for b in plan_for(inventory, selectors=["region:global"]).batches for r in b.resources} == {
        "aws_iam_role.app"}  # fmt: skip
    assert plan_for(inventory, selectors=["id:i-1"], with_dependencies=False).batches[0].resources[0]["id"] == "i-1"
    with pytest.raises(BadInput, match="Unknown selector"):
        plan_for(inventory, selectors=["colour:red"])
    with pytest.raises(BadInput, match="aws_instance"):
        plan_for(inventory, selectors=["aws_instanse"])


def edited(plan: Plan, change) -> Plan:
    data = plan.to_json()
    change(data)
    with tempfile.TemporaryDirectory() as work:
        path = os.path.join(work, "plan.json")
        with open(path, "w") as fh:
            json.dump(data, fh)
        return Plan.load(path)


def test_plan_edits_accepted_and_rejected():
    inventory = demo_like()
    plan = plan_for(inventory)

    def move_instance_first(d):
        d["batches"][0]["resources"].append(d["batches"][2]["resources"].pop())

    with pytest.raises(
        BadInput,
        match=r"batch 1: aws_instance\.web\.subnet_id references aws_subnet\.app, which is in the later batch 2",
    ):
        validate(edited(plan, move_instance_first), inventory)

    def rename(d):
        d["batches"][1]["resources"][1]["address"] = "aws_subnet.application"

    checked = validate(edited(plan, rename), inventory)
    assert checked.address_of[("aws_subnet", "us-east-1", "subnet-1")] == "aws_subnet.application"

    def drop_subnet(d):
        d["batches"][1]["resources"].pop()

    validate(edited(plan, drop_subnet), inventory)  # its dependents then keep a literal ID

    def unknown(d):
        d["batches"][0]["resources"].append(
            {"address": "aws_vpc.ghost", "type": "aws_vpc", "id": "vpc-9", "region": "us-east-1"}
        )

    with pytest.raises(BadInput, match="vpc-9 in us-east-1 is not in the inventory"):
        validate(edited(plan, unknown), inventory)

    def bad_address(d):
        d["batches"][0]["resources"][0]["address"] = "aws_vpc.app"

    with pytest.raises(BadInput, match="not a valid address for a aws_iam_role"):
        validate(edited(plan, bad_address), inventory)

    def duplicate(d):
        d["batches"][1]["resources"][1]["address"] = "aws_subnet.app"
        d["batches"][2]["resources"].append(dict(d["batches"][1]["resources"][1]))

    with pytest.raises(BadInput, match="used twice"):
        validate(edited(plan, duplicate), inventory)


def write_plan(tmp_path, inventory, **kw):
    inventory.save(str(tmp_path / "inv.json"))
    plan = plan_for(inventory, **kw)
    plan.inventory = str(tmp_path / "inv.json")
    plan.save(str(tmp_path / "adopt-plan.json"))
    return tmp_path / "adopt-plan.json"


HAND_WRITTEN = """terraform {
  required_providers {
    aws = {
      source = "hashicorp/aws"
    }
  }
}

provider "aws" {
  region = "us-east-1"
}

resource "aws_sqs_queue" "legacy" {
  name = "legacy"
}
"""


LEGACY_STATE = {
    "version": 4, "terraform_version": "1.9.5", "serial": 1, "lineage": "t", "outputs": {},
    "resources": [{
        "mode": "managed", "type": "aws_sqs_queue", "name": "legacy",
        "provider": 'provider["registry.terraform.io/hashicorp/aws"]',
        "instances": [{"schema_version": 0, "attributes": {"id": "https://sqs.us-east-1.amazonaws.com/1/legacy", "name": "legacy"}}],
    }],
}  # fmt: skip


def test_generate_batch_next_to_hand_written_terraform(tmp_path, tf_engine):
    plan_path = write_plan(tmp_path, demo_like())
    repo = tmp_path / "repo"
    repo.mkdir()
    (repo / "main.tf").write_text(HAND_WRITTEN)
    for n in (1, 2, 3):
        result = run_cli("generate", "--plan", str(plan_path), "--batch", str(n), "--out", str(repo))
        assert result.code == 0, result.output
    assert (repo / "main.tf").read_text() == HAND_WRITTEN
    names = sorted(p.name for p in repo.iterdir())
    assert "adopt_providers.tf" not in names  # the module configures its own provider
    assert {"adopt_1_iam.tf", "adopt_2_ec2.tf", "adopt_3_ec2.tf", "ADOPTION-3.md", "adopt_3_import.sh"} <= set(names)
    assert "subnet_id     = aws_subnet.app.id" in (repo / "adopt_3_ec2.tf").read_text()  # from batch 2
    readme = (repo / "ADOPTION-3.md").read_text()
    assert "# Adopt batch 3: EC2 of vpc main" in readme and "`aws_subnet.app`" in readme
    (repo / "terraform.tfstate").write_text(json.dumps(LEGACY_STATE))  # their queue is already managed
    check_module(repo, tf_engine, 4)
    assert (repo / "main.tf").read_text() == HAND_WRITTEN


def test_generate_batch_errors(tmp_path):
    plan_path = write_plan(tmp_path, demo_like())
    result = run_cli("generate", "--plan", str(plan_path), "--batch", "9", "--out", str(tmp_path / "o"))
    assert result.code == 2 and "has no batch 9 (batches: 1, 2, 3)" in result.stderr
    result = run_cli("generate", "--plan", str(plan_path), "--out", str(tmp_path / "o"))
    assert result.code == 2 and "go together" in result.stderr


def git(repo, *args):
    return subprocess.run(["git", "-C", str(repo), *args], capture_output=True, text=True, check=True).stdout


def test_adopt_pr_makes_a_branch_and_a_commit(tmp_path):
    plan_path = write_plan(tmp_path, demo_like())
    repo = tmp_path / "infra"
    repo.mkdir()
    git(repo, "init", "-q", "-b", "main")
    git(repo, "config", "user.email", "dev@example.com")
    git(repo, "config", "user.name", "Dev")
    (repo / "main.tf").write_text(HAND_WRITTEN)
    git(repo, "add", "main.tf")
    git(repo, "commit", "-q", "-m", "existing code")

    result = run_cli("pr", "--plan", str(plan_path), "--batch", "1", "--repo", str(repo))
    assert result.code == 0, result.output
    assert git(repo, "branch", "--show-current").strip() == "adopt/batch-1"
    assert git(repo, "status", "--porcelain") == ""
    assert git(repo, "log", "-1", "--format=%s").strip() == "Adopt batch 1: IAM"
    files = set(git(repo, "show", "--name-only", "--format=", "HEAD").split())
    assert files == {
        "ADOPTION-1.md",
        "adopt_1_iam.tf",
        "adopt_1_imports.tf",
        "adopt_1_import.sh",
        ".adopt-manifest.json",
    }
    assert "gh pr create --title 'Adopt batch 1: IAM' --body-file ADOPTION-1.md --head adopt/batch-1" in result.stdout

    (repo / "main.tf").write_text(HAND_WRITTEN + "\n# local edit\n")
    result = run_cli("pr", "--plan", str(plan_path), "--batch", "2", "--repo", str(repo))
    assert result.code == 2 and "uncommitted changes" in result.stderr
    assert git(repo, "branch", "--show-current").strip() == "adopt/batch-1"


def test_graph_formats(tmp_path):
    plan_path = write_plan(tmp_path, demo_like())
    inv = str(tmp_path / "inv.json")
    dot = run_cli("graph", "--inventory", inv, "--plan", str(plan_path))
    assert dot.code == 0, dot.output
    assert 'subgraph "cluster_vpc-1"' in dot.stdout and "batch 3" in dot.stdout
    assert re.search(r"n_aws_instance_us_east_1_i_1 -> n_aws_subnet_us_east_1_subnet_1;", dot.stdout)
    mermaid = run_cli("graph", "--inventory", inv, "--format", "mermaid")
    assert mermaid.stdout.startswith("flowchart LR") and "fill:#f28e2b" in mermaid.stdout  # unmanaged
    data = json.loads(run_cli("graph", "--inventory", inv, "--format", "json", "--plan", str(plan_path)).stdout)
    assert {n["address"]: n["batch"] for n in data["nodes"]}["aws_instance.web"] == 3


@pytest.fixture(scope="module")
def thousand(tmp_path_factory):
    """A generated estate of 1,000 resources in two regions and 20 VPCs (bench/synthetic.py)."""
    sys.path.insert(0, str(ROOT))
    from bench.synthetic import synthetic_inventory

    inventory = synthetic_inventory(1000)
    path = tmp_path_factory.mktemp("thousand") / "inventory.json"
    inventory.save(str(path))
    return path, inventory


@pytest.mark.parametrize("max_batch", [40, 150])
def test_batches_are_packed_up_to_the_limit_in_dependency_order(thousand, tmp_path, max_batch):
    """Small groups (KMS, SNS, SQS of a region) share a batch with their
    neighbours, so the count stays within ceil(N / max) + 2, and no batch
    references a later one."""
    path, inventory = thousand
    plan = plan_with_cli(path, tmp_path / "adopt-plan.json", "--max-batch", str(max_batch))
    check_packed(plan, inventory, max_batch)
    assert sum(len(b["resources"]) for b in plan["batches"]) == len(inventory.resources)
    names = [b["name"] for b in plan["batches"]]
    assert any(" and " in name or ";" in name for name in names)  # packed batches say everything they hold
    assert any(re.search(r"\bof vpc app-\d+\b", name) for name in names)  # a VPC by its Name tag


def test_the_thousand_adopted_batch_by_batch(thousand, tmp_path, tf_engine):
    """Each batch of the 1,000, generated next to the ones before it, formats,
    validates and plans as the import of everything so far.  (Two batches: each
    engine run plans the whole module so far; the smaller limits above are
    checked on the graph.)"""
    path, inventory = thousand
    plan_path = tmp_path / "adopt-plan.json"
    plan = plan_with_cli(path, plan_path, "--max-batch", "500")
    check_packed(plan, inventory, 500)
    assert len(plan["batches"]) >= 2
    adopt_batch_by_batch(plan_path, plan, tmp_path / "repo", tf_engine)


def test_a_packed_title_names_what_it_holds():
    inventory = Inventory(account_id="1", regions=["eu-west-1"], resources=[
        res("aws_kms_key", "k-1", region="eu-west-1"),
        res("aws_sns_topic", "arn:aws:sns:eu-west-1:1:t", region="eu-west-1"),
        res("aws_sqs_queue", "https://sqs/q", region="eu-west-1"),
    ])  # fmt: skip
    plan = make_plan(inventory, "inv.json", classify(inventory, Ownership([])), [], max_batch=40)
    assert [b.name for b in plan.batches] == ["KMS, SNS and SQS in eu-west-1"]
    one_each = make_plan(inventory, "inv.json", classify(inventory, Ownership([])), [], max_batch=1)
    assert [b.name for b in one_each.batches] == ["KMS in eu-west-1", "SNS in eu-west-1", "SQS in eu-west-1"]


def vpc_stack(n, name, region="us-east-1"):
    """A VPC with a subnet and an instance in it."""
    vpc, subnet = f"vpc-{n}", f"subnet-{n}"
    return [
        res("aws_vpc", vpc, region=region, tags={"Name": name} if name else {}),
        res("aws_subnet", subnet, [("vpc_id", "aws_vpc", vpc)], region=region),
        res("aws_instance", f"i-{n}", [("subnet_id", "aws_subnet", subnet)], region=region),
    ]


def names_of(resources, max_batch=40, families=False):
    """(Alike stacks make families: planned one address a resource unless asked.)"""
    inventory = Inventory(account_id="1", regions=sorted({r.region for r in resources}), resources=resources)
    report = classify(inventory, Ownership([]))
    plan = make_plan(inventory, "inv.json", report, [], max_batch=max_batch, families=families)
    return [b.name for b in plan.batches]


def test_titles_name_vpcs_by_their_name_tags():
    assert names_of(vpc_stack(1, "legacy-prod")) == ["network and EC2 of vpc legacy-prod"]
    assert names_of(vpc_stack(1, None)) == ["network and EC2 of vpc-1"]
    # Two VPCs of one name: told apart by region, else by ID.
    assert names_of(vpc_stack(1, "main") + vpc_stack(2, "main", region="eu-west-1"), max_batch=3) == [
        "network and EC2 of vpc main (eu-west-1)", "network and EC2 of vpc main (us-east-1)",
    ]  # fmt: skip
    assert names_of(vpc_stack(1, "main") + vpc_stack(2, "main")) == [
        "network and EC2 of vpc main (vpc-1); network and EC2 of vpc main (vpc-2)",
    ]  # fmt: skip


def test_a_batch_of_many_places_is_summed_up():
    """Each VPC's network is followed by what runs in it; a batch holding many VPCs counts them."""
    resources = [r for n in range(6) for r in vpc_stack(n, f"app-{n}")]
    resources.append(res("aws_kms_key", "k-1"))
    by_three = names_of(resources, max_batch=3)
    assert by_three[:2] == ["network and EC2 of vpc app-0", "network and EC2 of vpc app-1"]
    assert names_of(resources) == ["network and EC2 of 6 VPCs in us-east-1; KMS in us-east-1"]
    # The six alike VPCs are one family, adopted with their region; what is in each stays by its VPC.
    assert names_of(resources, max_batch=6, families=True) == [
        "network in us-east-1",
        "network and EC2 of vpc app-0; network and EC2 of vpc app-1; network and EC2 of vpc app-2",
        "network and EC2 of vpc app-3; network and EC2 of vpc app-4; network and EC2 of vpc app-5",
        "KMS in us-east-1",
    ]


def test_a_title_keeps_a_hostile_name_on_one_line():
    hostile = "prod\n# Heading\x1b[31m " + "x" * 80
    (title,) = names_of(vpc_stack(1, hostile))
    assert "\n" not in title and "\x1b" not in title and len(title) < 80
    assert title.startswith("network and EC2 of vpc prod # Heading [31m xxx") and title.endswith("…")


@pytest.mark.parametrize(
    "by, names",
    [
        ("service", ["EC2 in us-east-1"]),
        ("vpc", ["resources of vpc main"]),
        ("region", ["resources in us-east-1"]),
    ],
)
def test_a_different_first_cut(by, names):
    inventory = Inventory(account_id="1", regions=["us-east-1"], resources=[
        res("aws_vpc", "vpc-1", tags={"Name": "main"}),
        res("aws_subnet", "subnet-1", [("vpc_id", "aws_vpc", "vpc-1")]),
        res("aws_instance", "i-1", [("subnet_id", "aws_subnet", "subnet-1")]),
    ])  # fmt: skip
    plan = make_plan(inventory, "inv.json", classify(inventory, Ownership([])), [], max_batch=10, by=by)
    assert [b.name for b in plan.batches] == names
    assert [r["id"] for r in plan.batches[0].resources] == ["vpc-1", "subnet-1", "i-1"]  # dependencies first


def test_what_only_the_census_saw_is_left_out_of_the_plan():
    """A census entry the scan did not adopt is reported by `adopt status`,
    but a plan holds only what adopt can write."""
    from adopt.model import CensusEntry

    queue = res("aws_sqs_queue", "https://sqs/q")
    inventory = Inventory(account_id="1", regions=["us-east-1"], resources=[queue], census=[
        CensusEntry("arn:aws:sqs:us-east-1:1:q", "us-east-1", "adopted", tf_type="aws_sqs_queue"),
        CensusEntry("arn:aws:ec2:us-east-1:1:flow-log/fl-1", "us-east-1", "gap", tf_type="aws_flow_log",
                    cfn_type="AWS::EC2::FlowLog", reason="a aws_flow_log the scan did not find"),
    ])  # fmt: skip
    report = classify(inventory, Ownership([]))
    assert any(item.census is not None for item in report.items)  # status does show it
    plan = make_plan(inventory, "inv.json", report, [], max_batch=10)
    assert [[r["id"] for r in b.resources] for b in plan.batches] == [["https://sqs/q"]]


def test_a_batch_over_many_places_and_services_keeps_a_short_title():
    from adopt.batches.titles import LONGEST_TITLE, GroupKey, Places, batch_title
    from adopt.model import ResourceKey

    vpcs = {ResourceKey("aws_vpc", "us-east-1", f"vpc-0{n}"): f"team-{n}-production-network" for n in range(3)}
    places = Places(vpcs)
    groups = [
        GroupKey(service, "us-east-1", (vpc.id,))
        for vpc in vpcs
        for service in ("wafv2", "network", "ec2", "elbv2", "autoscaling")
    ] + [
        GroupKey(service, region, ())
        for region in ("eu-west-1", "us-east-1")
        for service in ("stepfunctions", "transfer", "wafv2", "network")
    ]
    title = batch_title(groups, places)
    assert len(title) <= LONGEST_TITLE, title
    # Counted rather than named, yet still saying where: the VPCs and the regions.
    assert "3 VPCs in us-east-1" in title and "eu-west-1 and us-east-1" in title, title
