"""Fewer calls per resource, since API quotas are per account: tags read a
region at a time through the Resource Groups Tagging API wherever it speaks
for a type, and each resource's own tagging call only where it does not (or
where the tagging API is denied).  Counted by the fault proxy in front of
moto's server, which forwards every request and counts it by operation."""

from __future__ import annotations

import json

import pytest
from faults import FaultProxy
from helpers import run_cli

REGION = "us-east-1"
# Type -> (the operation that lists one resource's tags, how many are seeded, tagged among them).
SEEDED = {
    "aws_sqs_queue": ("sqs", "ListQueueTags", 4, 2),
    "aws_sns_topic": ("sns", "ListTagsForResource", 3, 1),
    "aws_cloudwatch_log_group": ("logs", "ListTagsForResource", 3, 1),
}


@pytest.fixture(scope="module")
def estate(moto_server):
    moto_server.reset()
    sqs, sns, logs = (moto_server.client(s) for s in ("sqs", "sns", "logs"))
    for n in range(4):
        sqs.create_queue(QueueName=f"calls-q{n}", tags={"Team": "queues"} if n < 2 else {})
    for n in range(3):
        sns.create_topic(Name=f"calls-t{n}", Tags=[{"Key": "Team", "Value": "topics"}] if n == 0 else [])
    for n in range(3):
        logs.create_log_group(logGroupName=f"/calls/g{n}", tags={"Team": "logs"} if n == 0 else {})
    listed = moto_server.client("resourcegroupstaggingapi").get_resources()["ResourceTagMappingList"]
    return moto_server, {m["ResourceARN"].split(":")[2] for m in listed}


def _scan(proxy: FaultProxy, out, types=SEEDED) -> dict:
    # (No census: it asks the tagging API too, for what it sees, and is counted elsewhere.)
    args = ["scan", "--endpoint-url", proxy.endpoint, "--region", REGION, "--no-census", "--output", str(out)]
    for tf_type in types:
        args += ["--include", tf_type]
    result = run_cli(*args)
    assert result.code == 0, result.output
    return json.loads(out.read_text())


def _tags(inventory: dict) -> dict[str, dict[str, str]]:
    return {r["name"] or r["id"]: r["tags"] for r in inventory["resources"]}


EXPECTED_TAGS = {
    **{f"calls-q{n}": ({"Team": "queues"} if n < 2 else {}) for n in range(4)},
    **{f"calls-t{n}": ({"Team": "topics"} if n == 0 else {}) for n in range(3)},
    **{f"/calls/g{n}": ({"Team": "logs"} if n == 0 else {}) for n in range(3)},
}


def test_tags_come_a_region_at_a_time_where_the_tagging_api_speaks(estate, tmp_path):
    moto, listing_services = estate
    with FaultProxy(moto.endpoint) as proxy:
        inventory = _scan(proxy, tmp_path / "inventory.json")
        calls = dict(proxy.calls)
    assert _tags(inventory) == EXPECTED_TAGS
    saved = 0
    for service, operation, count, _ in SEEDED.values():
        made = calls.get((service, operation), 0)
        if service in listing_services:  # the tagging API listed some of its resources: it speaks for them all
            assert made == 0, (service, operation, made)
            saved += count
        else:
            assert made == count, (service, operation, made)
    assert saved >= 3, f"the emulator's tagging API listed none of {sorted(SEEDED)}"
    # The region's index costs a page per hundred resources, asked once.
    assert calls[("resourcegroupstaggingapi", "GetResources")] == 1


def test_where_the_tagging_api_is_denied_each_resource_is_asked(estate, tmp_path):
    moto, _ = estate
    with FaultProxy(moto.endpoint) as proxy:
        proxy.add("resourcegroupstaggingapi", "GetResources", "denied")
        inventory = _scan(proxy, tmp_path / "inventory.json")
        calls = dict(proxy.calls)
    assert _tags(inventory) == EXPECTED_TAGS
    for service, operation, count, _ in SEEDED.values():
        assert calls.get((service, operation), 0) == count, (service, operation)


# IAM through GetAccountAuthorizationDetails: one paged call for the account
# answers what each role, user, group and policy would otherwise be asked.
IAM_TYPES = (
    "aws_iam_role",
    "aws_iam_role_policy",
    "aws_iam_role_policy_attachment",
    "aws_iam_instance_profile",
    "aws_iam_policy",
    "aws_iam_user",
    "aws_iam_user_policy",
    "aws_iam_user_policy_attachment",
    "aws_iam_user_group_membership",
    "aws_iam_group",
    "aws_iam_group_policy",
    "aws_iam_group_policy_attachment",
)
_TRUST = {
    "Version": "2012-10-17",
    "Statement": [{"Effect": "Allow", "Principal": {"Service": "ec2.amazonaws.com"}, "Action": "sts:AssumeRole"}],
}
_READ = {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}]}


@pytest.fixture(scope="module")
def iam_estate(estate):
    moto, _ = estate
    iam = moto.client("iam")
    arns = [
        iam.create_policy(
            PolicyName=f"calls-p{n}", PolicyDocument=json.dumps(_READ), Description=f"policy {n}", Tags=[]
        )["Policy"]["Arn"]
        for n in range(2)
    ]
    for n in range(3):
        iam.create_role(
            RoleName=f"calls-r{n}",
            AssumeRolePolicyDocument=json.dumps(_TRUST),
            Description=f"role {n}",
            MaxSessionDuration=3600 + 3600 * n,
            Tags=[{"Key": "Team", "Value": f"t{n}"}],
            **({"PermissionsBoundary": arns[1]} if n == 2 else {}),
        )
        iam.put_role_policy(RoleName=f"calls-r{n}", PolicyName="inline", PolicyDocument=json.dumps(_READ))
        iam.attach_role_policy(RoleName=f"calls-r{n}", PolicyArn=arns[n % 2])
    for n in range(2):  # one profile holds a role, one holds none (not in any role's record)
        iam.create_instance_profile(InstanceProfileName=f"calls-ip{n}", Tags=[{"Key": "N", "Value": str(n)}])
    iam.add_role_to_instance_profile(InstanceProfileName="calls-ip0", RoleName="calls-r0")
    iam.create_group(GroupName="calls-g0")
    iam.put_group_policy(GroupName="calls-g0", PolicyName="inline", PolicyDocument=json.dumps(_READ))
    iam.attach_group_policy(GroupName="calls-g0", PolicyArn=arns[0])
    for n in range(2):
        iam.create_user(UserName=f"calls-u{n}", Tags=[{"Key": "Team", "Value": "people"}])
        iam.put_user_policy(UserName=f"calls-u{n}", PolicyName="inline", PolicyDocument=json.dumps(_READ))
        iam.attach_user_policy(UserName=f"calls-u{n}", PolicyArn=arns[1])
    iam.add_user_to_group(GroupName="calls-g0", UserName="calls-u0")
    counts = {
        "roles": len(iam.list_roles()["Roles"]),
        "users": len(iam.list_users()["Users"]),
        "groups": len(iam.list_groups()["Groups"]),
        "policies": len(iam.list_policies(Scope="Local")["Policies"]),
        "profiles": len(iam.list_instance_profiles()["InstanceProfiles"]),
    }
    return moto, counts


# What each role, user, group or policy costs when asked one by one (each has one inline policy).
PER_RESOURCE = {
    "GetRole": "roles",
    "ListAttachedRolePolicies": "roles",
    "ListRolePolicies": "roles",
    "GetRolePolicy": "roles",
    "GetUser": "users",
    "ListGroupsForUser": "users",
    "ListAttachedUserPolicies": "users",
    "ListUserPolicies": "users",
    "GetUserPolicy": "users",
    "ListAttachedGroupPolicies": "groups",
    "ListGroupPolicies": "groups",
    "GetGroupPolicy": "groups",
    "GetPolicyVersion": "policies",
    "GetInstanceProfile": "profiles",
}


@pytest.fixture(scope="module")
def iam_both_ways(iam_estate, tmp_path_factory):
    moto, _ = iam_estate
    runs = {}
    for way in ("account", "per-resource"):
        with FaultProxy(moto.endpoint) as proxy:
            if way == "per-resource":
                proxy.add("iam", "GetAccountAuthorizationDetails", "denied")
            out = tmp_path_factory.mktemp(way) / "inventory.json"
            inventory = _scan(proxy, out, IAM_TYPES)
            runs[way] = (out, inventory, {op: n for (svc, op), n in proxy.calls.items() if svc == "iam"})
    return runs


def test_iam_comes_from_the_account_details_in_one_call(iam_estate, iam_both_ways):
    _, counts = iam_estate
    _, inventory, calls = iam_both_ways["account"]
    assert calls["GetAccountAuthorizationDetails"] == 1
    for operation in PER_RESOURCE:
        if operation != "GetInstanceProfile":
            assert calls.get(operation, 0) == 0, (operation, calls)
    # Only the profile without a role is in no role's record: it alone is asked.
    assert calls.get("GetInstanceProfile", 0) == 1
    assert calls["GetPolicy"] == counts["policies"]  # its tags are in no record
    names = {r["type"]: set() for r in inventory["resources"]}
    for r in inventory["resources"]:
        names[r["type"]].add(r["id"])
    assert {"calls-r0:inline", "calls-r2:inline"} <= names["aws_iam_role_policy"]
    assert {"calls-ip0", "calls-ip1"} <= names["aws_iam_instance_profile"]
    assert "calls-u0/calls-g0" in names["aws_iam_user_group_membership"]


def test_where_the_account_details_are_denied_each_resource_is_asked(iam_estate, iam_both_ways):
    _, counts = iam_estate
    _, _, calls = iam_both_ways["per-resource"]
    assert calls["GetAccountAuthorizationDetails"] == 1  # asked once, denied, never again
    # Every role, user and group of the estate holds exactly one inline policy: one Get each.
    assert {op: calls.get(op, 0) for op in PER_RESOURCE} == {op: counts[what] for op, what in PER_RESOURCE.items()}


def test_iam_module_is_the_same_written_both_ways(iam_both_ways, tmp_path):
    (fast, fast_inventory, _), (slow, slow_inventory, _) = iam_both_ways["account"], iam_both_ways["per-resource"]
    assert fast_inventory["resources"] == slow_inventory["resources"]
    written = {}
    for way, inventory in (("fast", fast), ("slow", slow)):
        out = tmp_path / way
        result = run_cli("generate", "--inventory", str(inventory), "--out", str(out))
        assert result.code == 0, result.output
        written[way] = {p.name: p.read_bytes() for p in out.iterdir() if p.suffix in (".tf", ".md", ".sh")}
    assert written["fast"] and written["fast"] == written["slow"]
    assert b"aws_iam_role_policy" in written["fast"]["iam.tf"]
