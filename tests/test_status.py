"""Managed or not: states, code, inline children and the ignore file."""

from __future__ import annotations

import json

import pytest
from helpers import ROOT, run_cli

from adopt.errors import BadInput
from adopt.existing.config import read_config
from adopt.existing.ignore import IgnoreRules
from adopt.existing.sources import read_states
from adopt.existing.status import Ownership, classify
from adopt.existing.tfstate import parse_state
from adopt.model import Inventory, Resource

STATES = ROOT / "fixtures" / "states"
CODE = ROOT / "fixtures" / "code"


def no_session():
    raise AssertionError("no AWS needed for local states")


def entries(*names):
    return read_states([str(STATES / n) for n in names], no_session)


def res(tf_type, rid, import_id=None, region="us-east-1", **kw):
    return Resource(type=tf_type, id=rid, import_id=import_id or rid, region=region, **kw)


def test_v4_state_modules_count_for_each_and_data_sources():
    addresses = {e.address: e for e in entries("modules.tfstate")}
    assert set(addresses) == {
        "aws_vpc.legacy",
        "module.network.aws_subnet.a[0]",
        "module.network.aws_subnet.a[1]",
        'module.network.module.security["web"].aws_security_group.this',
        'aws_route_table.public["blue"]',
        "aws_route.extra",
        "aws_s3_bucket.old",
    }  # the data source manages nothing
    assert addresses["aws_vpc.legacy"].in_root_module
    assert not addresses["module.network.aws_subnet.a[1]"].in_root_module


def test_show_json_with_nested_modules():
    addresses = {e.address for e in entries("show.json")}
    assert addresses == {"aws_iam_role.app", "module.storage[0].aws_s3_bucket.logs"}


def test_globbed_states():
    addresses = {e.address + "@" + e.attributes["id"] for e in entries("workspaces/*.tfstate")}
    assert addresses == {"aws_vpc.main@vpc-0stg", "aws_vpc.main@vpc-0prd"}


@pytest.mark.parametrize(
    "name, message",
    [
        ("v3.tfstate", "format version 3"),
        ("truncated.tfstate", "not valid JSON"),
        ("missing.tfstate", "Cannot read the state file"),
        ("nothing-*.tfstate", "No state file matches"),
    ],
)
def test_bad_states_are_named_in_a_clear_error(name, message):
    with pytest.raises(BadInput, match=message) as info:
        entries(name)
    if "*" not in name:
        assert name in str(info.value)


def test_not_a_state():
    with pytest.raises(BadInput, match="not a Terraform state"):
        parse_state([1, 2], "x.json")


def ownership(config=None, ignore=None):
    return Ownership(entries("modules.tfstate", "show.json"), config, ignore)


def test_matching_by_id_import_id_arn_and_identity():
    o = ownership()
    cases = [
        (res("aws_vpc", "vpc-0aaa"), "aws_vpc.legacy"),
        (res("aws_subnet", "subnet-0bbb"), "module.network.aws_subnet.a[1]"),
        # the state id of a route is made up; its table and destination identify it
        (
            res(
                "aws_route",
                "rtb-0green_10.9.0.0/16",
                attributes={"route_table_id": "rtb-0green", "destination_cidr_block": "10.9.0.0/16"},
            ),
            "aws_route.extra",
        ),
        # matched by ARN when the ID differs
        (res("aws_iam_role", "renamed", region="global", arn="arn:aws:iam::123456789012:role/app"), "aws_iam_role.app"),
        (res("aws_s3_bucket", "acme-logs"), "module.storage[0].aws_s3_bucket.logs"),
    ]
    for resource, address in cases:
        item = o.classify(resource)
        assert (item.status, item.address) == ("managed", address), resource


def test_inline_security_group_rules_are_managed_by_the_group():
    o = ownership()
    group = 'module.network.module.security["web"].aws_security_group.this'
    inline = [
        res(
            "aws_vpc_security_group_ingress_rule",
            "sgr-1",
            attributes={
                "security_group_id": "sg-0web",
                "ip_protocol": "tcp",
                "from_port": 443,
                "to_port": 443,
                "cidr_ipv4": "10.0.0.0/8",
            },
        ),
        res(
            "aws_vpc_security_group_ingress_rule",
            "sgr-2",
            attributes={
                "security_group_id": "sg-0web",
                "ip_protocol": "tcp",
                "from_port": 8080,
                "to_port": 8080,
                "referenced_security_group_id": "sg-0web",
            },
        ),
        res(
            "aws_vpc_security_group_egress_rule",
            "sgr-3",
            attributes={"security_group_id": "sg-0web", "ip_protocol": "-1", "cidr_ipv4": "0.0.0.0/0"},
        ),
    ]
    for rule in inline:
        item = o.classify(rule)
        assert (item.status, item.address) == ("managed", group), rule.id
        assert item.detail == f"inline in {group}"
    stray = res(
        "aws_vpc_security_group_ingress_rule",
        "sgr-4",
        attributes={
            "security_group_id": "sg-0web",
            "ip_protocol": "tcp",
            "from_port": 22,
            "to_port": 22,
            "cidr_ipv4": "0.0.0.0/0",
        },
    )
    assert o.classify(stray).status == "unmanaged"  # added by hand next to the inline rules


def test_inline_routes_are_managed_by_the_table():
    o = ownership()
    route = res(
        "aws_route",
        "rtb-0blue_0.0.0.0/0",
        attributes={"route_table_id": "rtb-0blue", "destination_cidr_block": "0.0.0.0/0", "gateway_id": "igw-0aaa"},
    )
    assert o.classify(route).address == 'aws_route_table.public["blue"]'
    other = res(
        "aws_route",
        "rtb-0blue_10.8.0.0/16",
        attributes={"route_table_id": "rtb-0blue", "destination_cidr_block": "10.8.0.0/16"},
    )
    assert o.classify(other).status == "unmanaged"


def test_role_policies_held_by_the_role_itself():
    o = ownership()
    attachment = res("aws_iam_role_policy_attachment", "app/arn:aws:iam::aws:policy/ReadOnlyAccess", region="global",
                     attributes={"role": "app", "policy_arn": "arn:aws:iam::aws:policy/ReadOnlyAccess"})  # fmt: skip
    inline = res(
        "aws_iam_role_policy", "app:read-logs", region="global", attributes={"role": "app", "name": "read-logs"}
    )
    other = res(
        "aws_iam_role_policy", "app:write-logs", region="global", attributes={"role": "app", "name": "write-logs"}
    )
    assert o.classify(attachment).address == "aws_iam_role.app"
    assert o.classify(inline).detail == "inline in aws_iam_role.app"
    assert o.classify(other).status == "unmanaged"


def test_old_provider_inline_bucket_settings():
    versioning = res("aws_s3_bucket_versioning", "old-style-bucket", attributes={"bucket": "old-style-bucket"})
    policy = res("aws_s3_bucket_policy", "old-style-bucket", attributes={"bucket": "old-style-bucket"})
    o = ownership()
    assert o.classify(versioning).address == "aws_s3_bucket.old"
    assert o.classify(policy).status == "unmanaged"  # the bucket's state holds no policy
    # With the code known: a bucket block that does not write `versioning`
    # does not manage it; the state's copy is only computed by newer providers.
    config = read_config(str(CODE / "root"))
    config.declared.append(
        type(config.declared[0])("aws_s3_bucket.old", "aws_s3_bucket", "", {}, frozenset({"bucket"}))
    )
    assert Ownership(entries("modules.tfstate"), config).classify(versioning).status == "unmanaged"


def test_code_declarations():
    config = read_config(str(CODE / "root"))
    assert {d.address for d in config.declared} == {
        "aws_s3_bucket.reports",
        "aws_iam_role.ci",
        "aws_instance.bastion",
        "module.app.aws_sqs_queue.jobs",
        "module.app.aws_security_group.app",
    }  # the registry module is not local: not followed
    assert [(i.address, i.id) for i in config.imports] == [("aws_instance.bastion", "i-0bastion")]
    assert config.removed == ["aws_vpc.legacy"]

    o = Ownership(entries("modules.tfstate"), config)
    inventory = Inventory(
        "1",
        ["us-east-1"],
        [
            res("aws_instance", "i-0bastion"),
            res("aws_s3_bucket", "acme-reports", name="acme-reports"),
            res("aws_iam_role", "ci-deployer", region="global", name="ci-deployer"),
            res("aws_security_group", "sg-1", name="app", tags={"Name": "app"}),
            res("aws_security_group", "sg-2", name="other", tags={"Name": "app"}),  # two live "app"s by tag
            res("aws_vpc", "vpc-0aaa"),  # in the state but `removed` from the code
        ],
    )
    got = {(c.resource.id, c.status, c.address) for c in classify(inventory, o).items}
    assert got == {
        ("i-0bastion", "declared", "aws_instance.bastion"),
        ("acme-reports", "declared", "aws_s3_bucket.reports"),
        ("ci-deployer", "declared", "aws_iam_role.ci"),
        ("sg-1", "declared", "module.app.aws_security_group.app"),  # by its unique name
        ("sg-2", "unmanaged", None),
        ("vpc-0aaa", "unmanaged", None),
    }


def test_unparsable_code_names_file_and_line(tmp_path):
    (tmp_path / "bad.tf").write_text('resource "aws_vpc" "x" {\n  cidr_block = \n}\n')
    with pytest.raises(BadInput, match=r"bad\.tf, line 2"):
        read_config(str(tmp_path))


IGNORE = """
# the CDK's own buckets are not ours to adopt
aws_s3_bucket.cdk-*
aws_iam_role.*            # roles are handled by another team
!aws_iam_role.app-*
tag:ManagedBy=cloudformation
tag:aws-backup*
"""


def test_ignore_grammar():
    rules = IgnoreRules.parse(IGNORE, ".adoptignore")
    assert rules.ignored(res("aws_s3_bucket", "cdk-hnb659fds-assets")).line == 3
    assert rules.ignored(res("aws_iam_role", "ops", region="global")).line == 4
    assert rules.ignored(res("aws_iam_role", "app-server", region="global")) is None  # re-included
    assert rules.ignored(res("aws_vpc", "vpc-1", tags={"ManagedBy": "cloudformation"})).line == 6
    assert rules.ignored(res("aws_vpc", "vpc-1", tags={"ManagedBy": "terraform"})) is None
    assert rules.ignored(res("aws_vpc", "vpc-2", tags={"aws-backup-plan": "x"})) is None  # key must match exactly
    assert IgnoreRules.parse("*").ignored(res("aws_vpc", "vpc-3")) is not None


@pytest.mark.parametrize("bad", ["just-a-word", "tag:=x", "!"])
def test_ignore_file_errors_name_the_line(bad):
    with pytest.raises(BadInput, match="line 2"):
        IgnoreRules.parse(f"aws_vpc.*\n{bad}\n", ".adoptignore")


def test_status_cli_json_and_errors(tmp_path):
    inventory = Inventory(
        "1", ["us-east-1"], [res("aws_vpc", "vpc-0aaa"), res("aws_vpc", "vpc-new"), res("aws_vpc", "vpc-skip")]
    )
    inventory.save(str(tmp_path / "inv.json"))
    (tmp_path / "ignore").write_text("aws_vpc.vpc-skip\n")
    result = run_cli(
        "status",
        "--inventory",
        str(tmp_path / "inv.json"),
        "--state",
        str(STATES / "*.tfstate"),
        "--ignore-file",
        str(tmp_path / "ignore"),
        "--json",
    )
    assert result.code == 2 and "truncated.tfstate" in result.stderr  # the glob takes in the damaged ones too
    result = run_cli(
        "status",
        "--inventory",
        str(tmp_path / "inv.json"),
        "--state",
        str(STATES / "modules.tfstate"),
        "--ignore-file",
        str(tmp_path / "ignore"),
        "--json",
    )
    assert result.code == 0, result.output
    data = json.loads(result.stdout)
    assert data["summary"] == {"managed": 1, "declared": 0, "ignored": 1, "unmanaged": 1, "unsupported": 0, "total": 3}
    result = run_cli(
        "status",
        "--inventory",
        str(tmp_path / "inv.json"),
        "--state",
        str(STATES / "modules.tfstate"),
        "--ignore-file",
        str(tmp_path / "ignore"),
    )
    assert result.stdout.strip().endswith("3 resources: 1 managed, 0 declared, 1 ignored, 1 unmanaged, 0 unsupported")
    assert "aws_vpc.legacy" in result.stdout
