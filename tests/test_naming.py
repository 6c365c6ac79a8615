"""Labels: valid, readable, unique per type, the same on every run and in every slice."""

from __future__ import annotations

import json
import random
import re

import pytest
from coverage_kit import check_module
from helpers import run_cli

from adopt.batches.plan import make_plan
from adopt.catalog import registry
from adopt.drift.grouping import find_groups
from adopt.existing.status import Ownership, classify
from adopt.model import Inventory, Reference, Resource
from adopt.naming import MAX_LENGTH, assign_labels, sanitize, short_regions, tell_apart, type_noun
from adopt.schema import bundled

IDENTIFIER = re.compile(r"[a-z_][a-z0-9_]*")


def r(tf_type, rid, label=None, parent=None, references=(), region="us-east-1"):
    return Resource(
        type=tf_type, id=rid, import_id=rid, region=region, label=label, parent=parent, references=list(references)
    )


def in_vpc(vpc_id):
    return Reference("vpc_id", "aws_vpc", "id", vpc_id)


def in_subnet(subnet_id):
    return Reference("subnet_id", "aws_subnet", "id", subnet_id)


def test_sanitize():
    assert sanitize("Web Server #1") == "web_server_1"
    assert sanitize("0.0.0.0/0", leading=False) == "0_0_0_0_0"
    assert sanitize("---") == ""
    assert len(sanitize("x" * 200)) <= MAX_LENGTH


def test_a_name_that_starts_with_a_digit_is_led_by_what_it_is():
    assert sanitize("1-ops-admin", tf_type="aws_security_group") == "sg_1_ops_admin"
    assert sanitize("2019-archive", tf_type="aws_s3_bucket") == "bucket_2019_archive"
    assert sanitize("1st-db", tf_type="aws_db_instance") == "db_1st_db"
    assert sanitize("7", tf_type="aws_cloudwatch_log_group") == "log_group_7"
    labels = assign_labels([r("aws_security_group", "sg-1", "1-ops-admin"), r("aws_s3_bucket", "2019-archive")])
    assert sorted(labels.values()) == ["bucket_2019_archive", "sg_1_ops_admin"]


def test_every_type_has_a_short_noun_that_can_lead_a_label():
    nouns = {t: type_noun(t) for t in registry.types()}
    for tf_type, noun in nouns.items():
        assert IDENTIFIER.fullmatch(noun) and len(noun) <= 32, (tf_type, noun)
    assert nouns["aws_security_group"] == "sg" and nouns["aws_instance"] == "instance"
    assert nouns["aws_sqs_queue"] == "queue" and nouns["aws_db_subnet_group"] == "subnet_group"


def test_short_regions_are_as_short_as_still_tells_them_apart():
    assert short_regions(["eu-west-1", "us-east-1"]) == {"eu-west-1": "eu", "us-east-1": "us"}
    assert short_regions(["eu-west-1", "eu-west-2", "us-east-1"]) == {
        "eu-west-1": "eu_west_1",
        "eu-west-2": "eu_west_2",
        "us-east-1": "us",
    }
    assert short_regions(["us-east-1", "us-west-2"]) == {"us-east-1": "us_east", "us-west-2": "us_west"}


def test_subnets_named_alike_in_two_vpcs_are_named_after_their_vpcs():
    resources = [
        r("aws_vpc", "vpc-1", "eu-app"),
        r("aws_vpc", "vpc-2", "legacy-prod"),
        r("aws_subnet", "subnet-1", "private", references=[in_vpc("vpc-1")]),
        r("aws_subnet", "subnet-2", "private", references=[in_vpc("vpc-2")]),
        r("aws_subnet", "subnet-3", "public", references=[in_vpc("vpc-1")]),
        # In a VPC through its subnet: the VPC is found through what it references.
        r("aws_instance", "i-1", "bastion", references=[in_subnet("subnet-1")]),
        r("aws_instance", "i-2", "bastion", references=[in_subnet("subnet-2")]),
    ]
    labels = assign_labels(resources)
    assert labels[resources[2].key] == "eu_app_private"
    assert labels[resources[3].key] == "legacy_prod_private"
    assert labels[resources[4].key] == "public"  # no collision: the plain name
    assert labels[resources[5].key] == "eu_app_bastion"
    assert labels[resources[6].key] == "legacy_prod_bastion"


def test_vpcs_named_alike_in_two_regions_lead_their_subnets_apart_too():
    resources = [
        r("aws_vpc", "vpc-1", "main", region="eu-west-1"),
        r("aws_vpc", "vpc-2", "main", region="us-east-1"),
        r("aws_subnet", "subnet-1", "private", references=[in_vpc("vpc-1")], region="eu-west-1"),
        r("aws_subnet", "subnet-2", "private", references=[in_vpc("vpc-2")], region="us-east-1"),
    ]
    labels = assign_labels(resources)
    assert [labels[x.key] for x in resources] == ["eu_main", "us_main", "eu_private", "us_private"]


def test_same_names_in_two_regions_are_led_by_the_region():
    queues = [r("aws_sqs_queue", f"q-{region}", "jobs", region=region) for region in ("eu-west-1", "us-east-1")]
    assert sorted(assign_labels(queues).values()) == ["eu_jobs", "us_jobs"]
    close = [r("aws_sqs_queue", f"q-{region}", "jobs", region=region) for region in ("eu-west-1", "eu-west-2")]
    assert sorted(assign_labels(close).values()) == ["eu_west_1_jobs", "eu_west_2_jobs"]


def test_a_three_way_collision_where_only_one_dimension_differs():
    # The region differs, nothing else: the region alone leads, as short as it can.
    topics = [
        r("aws_sns_topic", f"t-{region}", "alerts", region=region) for region in ("us-east-1", "us-east-2", "eu-west-1")
    ]
    labels = assign_labels(topics)
    assert [labels[t.key] for t in topics] == ["us_east_1_alerts", "us_east_2_alerts", "eu_alerts"]
    # The VPC differs between two of three: the two alike in everything get a counter, and only they.
    groups = [
        r("aws_vpc", "vpc-1", "app"),
        r("aws_vpc", "vpc-2", "data"),
        r("aws_security_group", "sg-1", "web", references=[in_vpc("vpc-1")]),
        r("aws_security_group", "sg-2", "web", references=[in_vpc("vpc-1")]),
        r("aws_security_group", "sg-3", "web", references=[in_vpc("vpc-2")]),
    ]
    labels = assign_labels(groups)
    assert [labels[g.key] for g in groups[2:]] == ["app_web", "app_web_2", "data_web"]


def test_the_fewest_dimensions_that_tell_them_apart_lead():
    # Region and VPC both differ, but the VPC alone tells all three apart.
    assert tell_apart("web", [["eu", "us", "us"], ["a", "b", "c"], ["", "", ""]]) == ["a_web", "b_web", "c_web"]
    # Neither alone does: both lead.
    assert tell_apart("web", [["eu", "eu", "us"], ["a", "b", "a"]]) == ["eu_a_web", "eu_b_web", "us_a_web"]
    # None does; the VPC adds nothing the region does not say: the region alone, then a counter.
    assert tell_apart("web", [["eu", "eu", "us"], ["eu_main", "eu_main", "us_main"]]) == [
        "eu_web",
        "eu_web_2",
        "us_web",
    ]
    # Nothing differs: a counter.
    assert tell_apart("web", [["eu", "eu"], ["", ""]]) == ["web", "web_2"]


def test_children_alike_are_told_apart_by_their_parent():
    subnet = r("aws_subnet", "subnet-1", "public-a")
    tables = [r("aws_route_table", "rtb-1", "public"), r("aws_route_table", "rtb-2", "edge")]
    associations = [
        r(
            "aws_route_table_association",
            f"rtbassoc-{n}",
            None,
            parent={"type": "aws_route_table", "id": table.id},
            references=[in_subnet("subnet-1")],
        )
        for n, table in enumerate(tables)
    ]
    labels = assign_labels([subnet, *tables, *associations])
    # Both are named after the subnet (label_from); their route tables tell them apart.
    assert [labels[a.key] for a in associations] == ["public_public_a", "edge_public_a"]


def test_children_and_label_from():
    bucket = r("aws_s3_bucket", "my-bucket", "files")
    versioning = r("aws_s3_bucket_versioning", "my-bucket", parent={"type": "aws_s3_bucket", "id": "my-bucket"})
    table = r("aws_route_table", "rtb-1", "public")
    route = r("aws_route", "rtb-1_0.0.0.0/0", "default", parent={"type": "aws_route_table", "id": "rtb-1"})
    subnet = r("aws_subnet", "subnet-1", "public-a")
    association = r(
        "aws_route_table_association",
        "rtbassoc-1",
        "subnet-1",
        parent={"type": "aws_route_table", "id": "rtb-1"},
        references=[in_subnet("subnet-1")],
    )
    labels = assign_labels([association, route, versioning, bucket, table, subnet])
    assert labels[versioning.key] == "files"
    assert labels[route.key] == "public_default"
    assert labels[association.key] == "public_a"


def test_children_of_parents_told_apart_follow_their_parents():
    buckets = [r("aws_s3_bucket", f"logs-{region}", "logs", region=region) for region in ("eu-west-1", "us-east-1")]
    versionings = [
        r("aws_s3_bucket_versioning", b.id, parent={"type": "aws_s3_bucket", "id": b.id}, region=b.region)
        for b in buckets
    ]
    labels = assign_labels([*versionings, *buckets])
    assert [labels[v.key] for v in versionings] == ["eu_logs", "us_logs"]


def test_unique_and_stable_whatever_the_order():
    resources = [
        r("aws_instance", "i-2", "web"),
        r("aws_instance", "i-1", "web"),
        r("aws_instance", "i-3", None),
        r("aws_subnet", "subnet-1", "web"),
    ]
    first = assign_labels(resources)
    for _ in range(5):
        random.shuffle(resources)
        assert assign_labels(resources) == first
    # Alike in everything: only then a counter, the first by ID keeping the name.
    assert first[("aws_instance", "us-east-1", "i-1")] == "web"
    assert first[("aws_instance", "us-east-1", "i-2")] == "web_2"
    assert first[("aws_instance", "us-east-1", "i-3")] == "i_3"
    assert first[("aws_subnet", "us-east-1", "subnet-1")] == "web"  # unique per type only


def test_hostile_names_give_valid_unique_labels():
    long = "x" * 100
    resources = [
        r("aws_sqs_queue", "q1", "jobs", region="eu-west-1"),
        r("aws_sqs_queue", "q2", "jobs", region="us-east-1"),
        r("aws_sqs_queue", "q3", "eu_jobs", region="us-east-1"),  # what the first would be made into
        r("aws_sqs_queue", "q4", "${jobs}\n", region="us-east-1"),
        r("aws_sqs_queue", "q5", "Ünïcødé ☃ 队列", region="us-east-1"),
        r("aws_sqs_queue", "q6", "☃☃☃", region="us-east-1"),
        r("aws_sqs_queue", "q7", long, region="eu-west-1"),
        r("aws_sqs_queue", "q8", long, region="us-east-1"),
        r("aws_sqs_queue", "q9", long + "y", region="us-east-1"),
        r("aws_sqs_queue", "10", "", region="us-east-1"),
        r("aws_sqs_queue", "q11", "---", region="us-east-1"),
        r("aws_sqs_queue", "q12", "0", region="us-east-1"),
    ]
    labels = assign_labels(resources)
    values = list(labels.values())
    assert len(set(values)) == len(values)
    for label in values:
        assert IDENTIFIER.fullmatch(label) and len(label) <= MAX_LENGTH, label
    assert labels[resources[2].key] == "eu_jobs"  # the plain name is kept by whoever has it
    assert labels[resources[0].key] != "eu_jobs"
    assert labels[resources[9].key] == "queue_10"
    assert labels[resources[11].key] == "queue_0"


def test_families_alike_are_told_apart_as_labels_are():
    """Family names become labels and locals: two alike families in two regions
    are led by their region, and one whose name starts with a digit by its noun."""
    queues = [
        Resource(
            type="aws_sqs_queue",
            id=f"https://sqs.{region}.amazonaws.com/1/{name}-{n}",
            import_id=f"https://sqs.{region}.amazonaws.com/1/{name}-{n}",
            region=region,
            label=f"{name}-{n}",
            name=f"{name}-{n}",
            attributes={"name": f"{name}-{n}", "visibility_timeout_seconds": 30},
        )
        for region in ("eu-west-1", "us-east-1")
        for name in ("orders", "7-days")
        for n in (1, 2, 3)
    ]
    groups, _ = find_groups(queues, bundled(), assign_labels(queues))
    assert sorted(g.address for g in groups) == [
        "aws_sqs_queue.eu_orders",
        "aws_sqs_queue.eu_queue_7_days",
        "aws_sqs_queue.us_orders",
        "aws_sqs_queue.us_queue_7_days",
    ]
    assert all(len(g.members) == 3 for g in groups)
    # A lone queue elsewhere already called what the family would be: the family is led by its region.
    lone = Resource(type="aws_sqs_queue", id="q-lone", import_id="q-lone", region="us-east-2", label="orders")
    eu_only = [q for q in queues if q.region == "eu-west-1"] + [lone]
    labels = assign_labels(eu_only)
    groups, _ = find_groups(eu_only, bundled(), labels)
    assert labels[lone.key] == "orders"
    assert sorted(g.address for g in groups) == ["aws_sqs_queue.eu_orders", "aws_sqs_queue.queue_7_days"]


def _random_estate(seed: int) -> list[Resource]:
    rng = random.Random(seed)
    regions = ["eu-west-1", "us-east-1", "us-east-2"]
    names = ["main", "app", "private", "public", "web", "1-ops", "", None]
    resources: list[Resource] = []
    vpcs: list[Resource] = []
    for n in range(6):
        vpc = r("aws_vpc", f"vpc-{n}", rng.choice(names), region=rng.choice(regions))
        vpcs.append(vpc)
    resources += vpcs
    subnets = []
    for n in range(20):
        vpc = rng.choice(vpcs)
        subnets.append(
            r("aws_subnet", f"subnet-{n}", rng.choice(names), references=[in_vpc(vpc.id)], region=vpc.region)
        )
    resources += subnets
    for n in range(20):
        subnet = rng.choice(subnets)
        refs = [in_subnet(subnet.id)]
        resources.append(r("aws_instance", f"i-{n}", rng.choice(names), references=refs, region=subnet.region))
    for n in range(10):
        resources.append(r("aws_sqs_queue", f"q-{n}", rng.choice(names), region=rng.choice(regions)))
    return resources


@pytest.mark.parametrize("seed", range(8))
def test_labels_of_a_plan_do_not_depend_on_the_slice_selected(seed):
    """A plan's labels are assigned over its whole inventory: for any slice,
    each resource in it has the address the plan of everything gives it."""
    resources = _random_estate(seed)
    inventory = Inventory("123456789012", ["eu-west-1", "us-east-1", "us-east-2"], resources)
    report = classify(inventory, Ownership([]))

    def addresses(selectors, **kw):
        plan = make_plan(inventory, "inv.json", report, selectors, families=False, **kw)
        return {(e["type"], e["region"], e["id"]): e["address"] for b in plan.batches for e in b.resources}

    full = addresses([])
    assert len(full) == len(resources) and len(set(full.values())) == len(full)
    rng = random.Random(seed)
    slices = [
        ["region:eu-west-1"],
        ["type:aws_sqs_queue"],
        [f"id:{rng.choice(resources).id}", f"id:{rng.choice(resources).id}"],
        [f"vpc:{rng.choice(resources[:6]).id}"],
    ]
    for selectors in slices:
        for with_dependencies in (True, False):
            sliced = addresses(selectors, with_dependencies=with_dependencies)
            assert sliced, selectors
            assert sliced == {k: full[k] for k in sliced}, selectors
    # And the same inventory in any order labels alike.
    shuffled = list(resources)
    rng.shuffle(shuffled)
    assert assign_labels(shuffled) == assign_labels(resources)


# -- end to end: collisions in an emulated account, scanned, planned in slices, generated ------------

REGIONS = ("eu-west-1", "us-east-1")
TYPES = ("aws_vpc", "aws_subnet", "aws_security_group", "aws_s3_bucket", "aws_sqs_queue")


def _seed(moto) -> None:
    for region in REGIONS:
        moto.client("sqs", region).create_queue(QueueName="jobs")
    ec2 = moto.client("ec2", "eu-west-1")
    for name, cidr in (("eu-app", "10.1.0.0/16"), ("legacy-prod", "10.2.0.0/16")):
        vpc = ec2.create_vpc(CidrBlock=cidr)["Vpc"]["VpcId"]
        ec2.create_tags(Resources=[vpc], Tags=[{"Key": "Name", "Value": name}])
        subnet = ec2.create_subnet(VpcId=vpc, CidrBlock=cidr.replace("0.0/16", "1.0/24"))["Subnet"]["SubnetId"]
        ec2.create_tags(Resources=[subnet], Tags=[{"Key": "Name", "Value": "private"}])
        if name == "eu-app":
            ec2.create_security_group(GroupName="1-ops-admin", Description="ops", VpcId=vpc)
    moto.client("s3", "eu-west-1").create_bucket(
        Bucket="2019-archive", CreateBucketConfiguration={"LocationConstraint": "eu-west-1"}
    )


@pytest.fixture(scope="module")
def collisions(moto_server, tmp_path_factory):
    moto_server.reset()
    _seed(moto_server)
    work = tmp_path_factory.mktemp("labels")
    inventory_path = work / "inventory.json"
    args = ["scan", "--endpoint-url", moto_server.endpoint, "--output", str(inventory_path)]
    for region in REGIONS:
        args += ["--region", region]
    for tf_type in TYPES:
        args += ["--include", tf_type]
    result = run_cli(*args)
    assert result.code == 0, result.output
    return work, inventory_path


def _plan(work, inventory_path, name, *selectors):
    path = work / f"{name}.json"
    args = ["plan", "--inventory", str(inventory_path), "--output", str(path)]
    for selector in selectors:
        args += ["--select", selector]
    result = run_cli(*args)
    assert result.code == 0, result.output
    plan = json.loads(path.read_text())
    return path, {(e["type"], e["region"], e["id"]): e["address"] for b in plan["batches"] for e in b["resources"]}


def test_an_estate_with_collisions_is_labelled_apart_in_every_slice_and_validates(collisions, tf_engine):
    work, inventory_path = collisions
    path, full = _plan(work, inventory_path, "full")
    addresses = set(full.values())
    assert {"aws_subnet.eu_app_private", "aws_subnet.legacy_prod_private"} <= addresses
    assert {"aws_sqs_queue.eu_jobs", "aws_sqs_queue.us_jobs"} <= addresses
    assert {"aws_security_group.sg_1_ops_admin", "aws_s3_bucket.bucket_2019_archive"} <= addresses
    assert not any(re.search(r"\.r_|_2$", a) for a in addresses), addresses
    for name, selector in (("eu", "region:eu-west-1"), ("subnets", "aws_subnet"), ("queues", "aws_sqs_queue")):
        _, sliced = _plan(work, inventory_path, name, selector)
        assert sliced and sliced == {k: full[k] for k in sliced}, selector

    module = work / "module"
    plan = json.loads(path.read_text())
    total = 0
    for batch in plan["batches"]:
        result = run_cli("generate", "--plan", str(path), "--batch", str(batch["batch"]), "--out", str(module))
        assert result.code == 0, result.output
        total += len(batch["resources"])
    check_module(module, tf_engine, total)
    code = "".join(p.read_text() for p in sorted(module.glob("*.tf")))
    assert 'resource "aws_subnet" "legacy_prod_private" {' in code
    assert "vpc_id = aws_vpc.legacy_prod.id" in re.sub(r" +", " ", code)
