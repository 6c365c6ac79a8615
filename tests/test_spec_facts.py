"""Per-type facts live in the specs: privilege risk, batch groups, containers and
name arguments are declared there, and no stage module branches on a type."""

from __future__ import annotations

import ast
import re

import pytest
from helpers import ROOT

from adopt.batches.plan import make_plan
from adopt.catalog import registry
from adopt.emit.generate import Generator
from adopt.existing.config import Config, Declared
from adopt.existing.status import DECLARED, Ownership, classify
from adopt.model import Inventory, Reference, Resource
from adopt.schema import bundled

# Arguments that hold a permission document, or grant or limit what identities may do.
PERMISSION_ARGUMENTS = {"policy", "assume_role_policy", "policy_arn", "principal", "permissions_boundary"}
# A "policy" argument that grants nothing, and why.
NOT_PERMISSIONS = {"aws_ecr_lifecycle_policy": "its policy is lifecycle rules for images"}
# Types that grant or limit access without such an argument name.
GRANTING = {
    "aws_iam_instance_profile",  # hands a role to an instance
    "aws_iam_user_group_membership",  # hands a group's policies to a user
    "aws_s3_bucket_public_access_block",  # limits what bucket policies and ACLs may grant
}


def test_every_policy_bearing_or_permission_granting_type_is_flagged():
    expected = set(GRANTING)
    for spec in registry.all_specs():
        if spec.service == "iam" or (
            PERMISSION_ARGUMENTS & set(spec.arguments) and spec.tf_type not in NOT_PERMISSIONS
        ):
            expected.add(spec.tf_type)
    flagged = {spec.tf_type for spec in registry.all_specs() if spec.risk == "privilege"}
    assert expected - flagged == set()
    for tf_type in ("aws_kms_key", "aws_s3_bucket_policy", "aws_sqs_queue_policy", "aws_sns_topic_policy",
                    "aws_secretsmanager_secret", "aws_lambda_permission", "aws_iam_role_policy_attachment"):  # fmt: skip
        assert tf_type in flagged
    assert set(NOT_PERMISSIONS) & flagged == set()


def test_adoption_md_names_the_privilege_of_resource_policies():
    bucket_policy = Resource(
        type="aws_s3_bucket_policy", id="files", import_id="files", region="us-east-1", label="files",
        attributes={"bucket": "files", "policy": '{"Version":"2012-10-17","Statement":[]}'},
    )  # fmt: skip
    permission = Resource(
        type="aws_lambda_permission", id="f/AllowS3", import_id="f/AllowS3", region="us-east-1", label="allow_s3",
        attributes={"function_name": "f", "statement_id": "AllowS3", "action": "lambda:InvokeFunction",
                    "principal": "s3.amazonaws.com"},
    )  # fmt: skip
    module = Generator(Inventory("1", ["us-east-1"], [bucket_policy, permission]), bundled(), "x").build()
    risks = module.files["ADOPTION.md"].split("## Review with care")[1].split("\n## ")[0]
    for address in ("aws_s3_bucket_policy.files", "aws_lambda_permission.allow_s3"):
        assert f"| `{address}` | privilege: grants or limits what identities may do |" in risks


def test_batch_groups_are_declared_once_and_ranked_there():
    declared = registry.declared_batch_groups()
    assert declared["iam"].rank < declared["network"].rank < registry.batch_group_named("ec2").rank
    assert not declared["iam"].by_place and declared["network"].by_place
    for spec in registry.all_specs():
        # A group other than the spec's own service is one a service module declares (no typos).
        if spec.batch_group and spec.batch_group != spec.service:
            assert spec.batch_group in declared, spec.tf_type
        if spec.service == "iam":
            assert registry.batch_group(spec) is declared["iam"], spec.tf_type


def test_a_plan_groups_by_the_declared_container():
    """What is inside a container (a VPC) is batched with it, by the spec's flag alone."""
    containers = [spec.tf_type for spec in registry.all_specs() if spec.container]
    assert containers == ["aws_vpc"]

    def res(tf_type, rid, refs=()):
        return Resource(type=tf_type, id=rid, import_id=rid, region="us-east-1", label=rid,
                        references=[Reference(p, t, "id", v) for p, t, v in refs])  # fmt: skip

    inventory = Inventory("1", ["us-east-1"], [
        res("aws_vpc", "vpc-a"), res("aws_vpc", "vpc-b"),
        res("aws_subnet", "subnet-a", [("vpc_id", "aws_vpc", "vpc-a")]),
        res("aws_subnet", "subnet-b", [("vpc_id", "aws_vpc", "vpc-b")]),
        res("aws_instance", "i-a", [("subnet_id", "aws_subnet", "subnet-a")]),
    ])  # fmt: skip
    plan = make_plan(inventory, "inv.json", classify(inventory, Ownership([])), [])
    by_name = {b.name: sorted(r["id"] for r in b.resources) for b in plan.batches}
    assert by_name == {
        "network of vpc-a": ["subnet-a", "vpc-a"],
        "network of vpc-b": ["subnet-b", "vpc-b"],
        "EC2 of vpc-a": ["i-a"],
    }
    plan = make_plan(inventory, "inv.json", classify(inventory, Ownership([])), ["vpc:vpc-b"])
    assert sorted(r["id"] for b in plan.batches for r in b.resources) == ["subnet-b", "vpc-b"]


def test_every_named_type_says_which_argument_holds_its_name():
    for spec in registry.all_specs():
        if spec.name is not None:
            assert spec.name_argument in spec.arguments, spec.tf_type


@pytest.mark.parametrize(
    ("tf_type", "argument"), [("aws_s3_bucket", "bucket"), ("aws_lambda_function", "function_name")]
)
def test_code_naming_a_resource_by_its_name_argument_declares_it(tf_type, argument):
    live = Resource(type=tf_type, id="orders", import_id="orders", region="us-east-1", name="orders")
    other = {"aws_s3_bucket": "aws_s3_bucket_policy", "aws_lambda_function": "aws_lambda_permission"}[tf_type]
    config = Config(declared=[
        Declared(f"{tf_type}.orders", tf_type, "", {argument: "orders"}),
        # Another type's argument of the same name says nothing about this one.
        Declared(f"{other}.orders", other, "", {argument: "orders"}),
    ])  # fmt: skip
    inventory = Inventory("1", ["us-east-1"], [live])
    (item,) = classify(inventory, Ownership([], config)).items
    assert (item.status, item.address) == (DECLARED, f"{tf_type}.orders")


# -- no per-type branch outside the specs -----------------------------------------------------

SPEC_PLACES = ("adopt/catalog/", "adopt/demo/")
_TYPE_NAME = re.compile(r"^aws_[a-z0-9_]+$")


def _stage_modules():
    for path in sorted((ROOT / "adopt").rglob("*.py")):
        relative = path.relative_to(ROOT).as_posix()
        if not relative.startswith(SPEC_PLACES):
            yield relative, ast.parse(path.read_text(encoding="utf-8"))


def _docstrings(tree: ast.AST) -> set[int]:
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)) and node.body:
            first = node.body[0]
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant):
                found.add(id(first.value))
    return found


def _names_service(node: ast.AST) -> bool:
    return (isinstance(node, ast.Attribute) and node.attr == "service") or (
        isinstance(node, ast.Name) and node.id == "service"
    )


def _branches(relative: str, tree: ast.AST, types: set[str]) -> list[str]:
    problems = []
    docstrings = _docstrings(tree)
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings:
            if node.value in types or (_TYPE_NAME.match(node.value) and node.value.count("_") > 1):
                problems.append(f"{relative}:{node.lineno}: names the type {node.value}")
        if isinstance(node, ast.Compare):
            sides = [node.left, *node.comparators]
            constants = [s for s in sides if isinstance(s, ast.Constant) and isinstance(s.value, str)]
            if constants and any(_names_service(s) for s in sides):
                problems.append(f"{relative}:{node.lineno}: compares a service with {constants[0].value!r}")
    return problems


def test_no_stage_module_branches_on_a_type_or_a_service():
    """A Terraform type named in code, or a test of a spec's service, means a fact
    that belongs in the spec (the grep for '"aws_' and 'service ==', made exact)."""
    types = set(registry.types())
    problems = [p for relative, tree in _stage_modules() for p in _branches(relative, tree, types)]
    assert problems == []


def test_the_branch_check_sees_the_branches_it_replaced():
    code = '''"""Docstrings may name aws_vpc_endpoint."""
if node[0] == "aws_vpc" or spec.service == "iam":
    kind = "aws_s3_bucket_policy"
'''
    problems = _branches("x.py", ast.parse(code), set(registry.types()))
    assert sorted(problems) == [
        "x.py:2: compares a service with 'iam'",
        "x.py:2: names the type aws_vpc",
        "x.py:3: names the type aws_s3_bucket_policy",
    ]
