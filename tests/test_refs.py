"""The one reference resolver (adopt/refs.py): every outcome, the index it reads,
and generate and converge writing the same block because they share it."""

from __future__ import annotations

import pytest

from adopt import refs
from adopt.emit.generate import BatchContext, Generator, write_module
from adopt.emit.manifest import load_manifest
from adopt.existing.config import Config, ImportBlock
from adopt.existing.status import Ownership
from adopt.existing.tfstate import StateEntry
from adopt.model import GLOBAL_REGION, Inventory, Reference, Resource
from adopt.refs import Resolver, Target, TargetIndex
from adopt.schema import bundled
from adopt.tf.choices import ConvergeState
from adopt.tf.converge import Context, Renderer

REGION = "us-east-1"


def resource(tf_type, rid, region=REGION, *, name=None, arn=None, refs_=(), **attributes):
    return Resource(
        type=tf_type, id=rid, import_id=rid, region=region, name=name, arn=arn, label=name or rid,
        attributes=dict(attributes), references=list(refs_),
    )  # fmt: skip


def target_of(r: Resource, label: str | None = None) -> Target:
    return Target(f"{r.type}.{label or r.id.replace('-', '_')}", r.region, r.key)


def generated(*resources: Resource) -> TargetIndex[Target]:
    return TargetIndex((r, target_of(r)) for r in resources)


OWNER = Target("aws_subnet.app", REGION)
VPC_REF = Reference("vpc_id", "aws_vpc", "id", "vpc-1")


def test_a_target_this_module_generates_becomes_an_expression():
    vpc = resource("aws_vpc", "vpc-1")
    found = Resolver(generated(vpc)).resolve(VPC_REF, OWNER)
    assert (found.outcome, found.expression, found.note) == (refs.GENERATED, "aws_vpc.vpc_1.id", None)
    assert found.target.key == vpc.key


def test_the_attribute_written_is_the_one_that_matched():
    """APIs give a KMS key by ID in one place and by ARN in another: the expression follows the value."""
    key = resource("aws_kms_key", "k-1", arn="arn:aws:kms:us-east-1:1:key/k-1")
    by_arn = Reference("kms_key_id", "aws_kms_key", "id", "arn:aws:kms:us-east-1:1:key/k-1")
    assert Resolver(generated(key)).resolve(by_arn, OWNER).expression == "aws_kms_key.k_1.arn"


def test_a_target_of_an_earlier_batch_becomes_an_expression():
    vpc = resource("aws_vpc", "vpc-1")
    found = Resolver(generated(), earlier=generated(vpc)).resolve(VPC_REF, OWNER)
    assert (found.outcome, found.expression) == (refs.EARLIER_BATCH, "aws_vpc.vpc_1.id")


def test_managed_in_the_root_module_or_inside_a_module():
    root = StateEntry("aws_vpc.main", "aws_vpc", "", {"id": "vpc-1"})
    nested = StateEntry("module.net.aws_vpc.this", "aws_vpc", "module.net", {"id": "vpc-2"})
    ownership = Ownership([root, nested])
    resolver = Resolver(generated(), managed=ownership.managed)
    found = resolver.resolve(VPC_REF, OWNER)
    assert (found.outcome, found.expression, found.target) == (refs.MANAGED, "aws_vpc.main.id", root)
    found = resolver.resolve(Reference("vpc_id", "aws_vpc", "id", "vpc-2"), OWNER)
    assert (found.outcome, found.expression) == (refs.MANAGED_IN_MODULE, None)
    assert found.note == "vpc-2 is managed by module.net.aws_vpc.this, which the root module cannot reference"


def test_declared_by_an_import_block_in_the_users_code():
    config = Config(
        imports=[ImportBlock("aws_vpc.main", "aws_vpc", "vpc-1"), ImportBlock("module.x.aws_vpc.y", "aws_vpc", "vpc-2")]
    )
    ownership = Ownership([], config)
    resolver = Resolver(generated(), declared=ownership.imports)
    found = resolver.resolve(VPC_REF, OWNER)
    assert (found.outcome, found.expression) == (refs.DECLARED, "aws_vpc.main.id")
    # Inside a module, an import block's address cannot be referenced from the root either.
    found = resolver.resolve(Reference("vpc_id", "aws_vpc", "id", "vpc-2"), OWNER)
    assert found.outcome == refs.LITERAL and "not managed by this module" in found.note


def test_an_aws_owned_arn_stays_literal_without_a_note():
    ref = Reference("policy_arn", "aws_iam_policy", "arn", "arn:aws:iam::aws:policy/ReadOnlyAccess")
    found = Resolver(generated()).resolve(ref, OWNER)
    assert (found.outcome, found.expression, found.note) == (refs.AWS_OWNED, None, None)


def test_a_literal_with_its_reason():
    vpc = resource("aws_vpc", "vpc-1")
    # Not managed anywhere: the note says so.
    found = Resolver(generated()).resolve(VPC_REF, OWNER)
    assert (found.outcome, found.expression) == (refs.LITERAL, None)
    assert found.note == "vpc-1 (aws_vpc) is not managed by this module: kept as a literal"
    # The plan keeps it literal (a broken cycle): that wins even over a generated target.
    why = {("aws_subnet.app", "vpc_id"): "breaks the reference cycle through aws_vpc.vpc_1"}
    found = Resolver(generated(vpc), literal=why).resolve(VPC_REF, OWNER)
    assert found.outcome == refs.LITERAL
    assert found.note == "vpc-1 (aws_vpc) kept as a literal: breaks the reference cycle through aws_vpc.vpc_1"


def test_several_equally_good_targets_are_ambiguous():
    """A log group name exists in two other regions, none in the referring one: no guess."""
    groups = [resource("aws_cloudwatch_log_group", f"/app-{r}", r, name="/app") for r in ("eu-west-1", "ap-south-1")]
    ref = Reference("logging_config.log_group", "aws_cloudwatch_log_group", "name", "/app")
    index = TargetIndex((g, Target(f"aws_cloudwatch_log_group.{g.region[:2]}", g.region, g.key)) for g in groups)
    found = Resolver(index).resolve(ref, Target("aws_lambda_function.f", "us-west-2"))
    assert (found.outcome, found.expression) == (refs.AMBIGUOUS, None)
    assert found.note == (
        "/app (aws_cloudwatch_log_group) matches 2 resources "
        "(aws_cloudwatch_log_group.ap, aws_cloudwatch_log_group.eu): kept as a literal"
    )
    # Seen from one of those regions, its own is the target.
    found = Resolver(index).resolve(ref, Target("aws_lambda_function.f", "eu-west-1"))
    assert found.expression == "aws_cloudwatch_log_group.eu.name"
    # Two states at different addresses holding the same name: ambiguous too.
    states = [
        StateEntry(f"aws_cloudwatch_log_group.{n}", "aws_cloudwatch_log_group", "", {"name": "/app"}) for n in "ab"
    ]
    found = Resolver(generated(), managed=Ownership(states).managed).resolve(ref, OWNER)
    assert found.outcome == refs.AMBIGUOUS


def test_the_referring_region_first_then_global_then_the_only_other():
    here = resource("aws_db_subnet_group", "main", REGION, name="main")
    there = resource("aws_db_subnet_group", "main", "eu-west-1", name="main")
    index = TargetIndex([(here, "here"), (there, "there")])
    ref = Reference("db_subnet_group_name", "aws_db_subnet_group", "name", "main")
    assert index.find(ref, REGION).target == "here"
    assert index.find(ref, "eu-west-1").target == "there"
    assert index.find(ref, "ap-south-1").target is None  # two other regions: ambiguous
    role = resource("aws_iam_role", "app", GLOBAL_REGION, name="app")
    bucket = resource("aws_s3_bucket", "logs", "eu-west-1", name="logs")
    index = TargetIndex([(role, "role"), (bucket, "bucket")])
    assert index.get("aws_iam_role", "name", "app", REGION) == "role"
    assert index.get("aws_s3_bucket", "name", "logs", REGION) == "bucket"  # the only one, elsewhere


def test_a_resource_is_never_its_own_target():
    group = resource("aws_security_group", "sg-1")
    ref = Reference("ingress[0].security_groups[0]", "aws_security_group", "id", "sg-1")
    own = target_of(group)
    assert Resolver(generated(group)).resolve(ref, own).outcome == refs.LITERAL
    assert Resolver(generated(group)).resolve(ref, OWNER).outcome == refs.GENERATED


def test_the_index_reads_state_and_plan_values_only_when_they_are_strings():
    index: TargetIndex[str] = TargetIndex()
    index.add_values("aws_vpc", refs.ANY_REGION, "vpc", {"id": "vpc-1", "arn": ["not", "a", "string"], "name": ""})
    assert index.get("aws_vpc", "id", "vpc-1", REGION) == "vpc"
    assert index.first("aws_vpc", "arn", ["not", "a", "string"]) is None
    assert index.first("aws_vpc", "name", "") is None


@pytest.fixture(scope="module")
def two_region_module(tmp_path_factory):
    """A module whose names collide across regions, generated and written once."""
    base = tmp_path_factory.mktemp("refs")
    resources = []
    for region in (REGION, "eu-west-1"):
        resources.append(resource("aws_db_subnet_group", "app", region, name="app", subnet_ids=[f"subnet-{region}"]))
        resources.append(
            resource(
                "aws_db_instance", f"db-{region}", region, name=f"db-{region}", identifier=f"db-{region}",
                db_subnet_group_name="app", engine="postgres", instance_class="db.t3.micro",
                refs_=[Reference("db_subnet_group_name", "aws_db_subnet_group", "name", "app")],
            )
        )  # fmt: skip
    inventory = Inventory("123456789012", [REGION, "eu-west-1"], resources)
    path = base / "inventory.json"
    inventory.save(str(path))
    module = Generator(Inventory.load(str(path)), bundled(), source="inventory.json").build()
    out = base / "module"
    write_module(module, str(out), inventory=str(path))
    return module, out


def test_generate_and_converge_write_the_same_block(two_region_module):
    module, out = two_region_module
    manifest = load_manifest(str(out))
    context = Context(str(out), manifest, bundled())
    context.learn(None)
    renderer = Renderer(context, ConvergeState())
    checked = 0
    for entry in module.entries:
        written = module.files[entry.file]
        block = renderer.render(entry.address, manifest["resources"][entry.address])
        assert block in written, entry.address
        checked += 1
    assert checked == 4
    # Each instance names the subnet group of its own region.
    by_region = {e.resource.region: e for e in module.entries if e.resource.type == "aws_db_instance"}
    groups = {e.resource.region: e.address for e in module.entries if e.resource.type == "aws_db_subnet_group"}
    for region, entry in by_region.items():
        assert entry.depends_on == [groups[region]]


def test_a_batch_resolves_earlier_batches_within_the_region(two_region_module):
    """The instances adopted in a batch after both subnet groups name their own region's."""
    module, _ = two_region_module
    groups = [e for e in module.entries if e.resource.type == "aws_db_subnet_group"]
    instances = [e for e in module.entries if e.resource.type == "aws_db_instance"]
    batch = BatchContext(
        number=2,
        title="Adopt batch 2: rds",
        labels={e.resource.key: e.label for e in instances},
        earlier=TargetIndex((e.resource, e.target) for e in groups),
        literal={},
    )
    inventory = Inventory("123456789012", [REGION, "eu-west-1"], [e.resource for e in instances])
    built = Generator(inventory, bundled(), source="plan.json", batch=batch).build()
    group_of = {e.resource.region: e.address for e in groups}
    for entry in built.entries:
        assert entry.depends_on == [group_of[entry.resource.region]]
        assert f"db_subnet_group_name = {group_of[entry.resource.region]}.name" in built.files[entry.file]
