"""The census's sources through recorded responses, replayed through the real
botocore clients (parameter validation, paginators, the read-only guard).

``fixtures/census/sources.json`` replaces what moto's server cannot show:
Resource Explorer and Cloud Control (moto serves neither), AWS Config's
``GetDiscoveredResourceCounts`` and a recorder of every supported type
(moto lists discovered resources only for a recorder that names its types),
pagination across pages of every source, and denied calls.  The shapes are
those of the real APIs: a Tagging API page ends with an empty
``PaginationToken``, Config pages with ``nextToken``, Resource Explorer and
Cloud Control with ``NextToken``; Cloud Control answers each resource's
properties as a JSON string, which the census never keeps.
"""

from __future__ import annotations

import json
from collections import Counter

import pytest
from coverage_kit import FIXTURES, RecordedSession

from adopt.aws.session import _guard
from adopt.census.classify import Census
from adopt.census.run import take_census
from adopt.census.sources import SOURCES, Sighting, cloudcontrol_types
from adopt.model import CENSUS_STATUSES, Inventory, Resource, ScanError, Skipped

A = "123456789012"
E, W = "us-east-1", "eu-west-1"
SCANNED = {"aws_sqs_queue", "aws_lambda_function", "aws_cloudwatch_log_group", "aws_ebs_volume", "aws_sns_topic",
           "aws_iam_role"}  # fmt: skip


def scanned_inventory() -> Inventory:
    """What the scan found: four resources, and a failed listing of SNS topics in eu-west-1."""
    return Inventory(
        account_id=A,
        regions=[E, W],
        resources=[
            Resource("aws_sqs_queue", f"https://sqs.{E}.amazonaws.com/{A}/orders",
                     f"https://sqs.{E}.amazonaws.com/{A}/orders", E, arn=f"arn:aws:sqs:{E}:{A}:orders"),
            Resource("aws_lambda_function", "ingest", "ingest", E, arn=f"arn:aws:lambda:{E}:{A}:function:ingest"),
            Resource("aws_cloudwatch_log_group", "/aws/lambda/ingest", "/aws/lambda/ingest", E,
                     arn=f"arn:aws:logs:{E}:{A}:log-group:/aws/lambda/ingest"),
            Resource("aws_ebs_volume", "vol-0aaaaaaaaaaaaaaaa", "vol-0aaaaaaaaaaaaaaaa", E,
                     arn=f"arn:aws:ec2:{E}:{A}:volume/vol-0aaaaaaaaaaaaaaaa"),
        ],
        errors=[ScanError("sns", "list_topics", W, "AccessDenied", "not authorized", "aws_sns_topic")],
    )  # fmt: skip


SKIPPED = [
    Skipped("aws_ebs_volume", E, "vol-0bbbbbbbbbbbbbbbb", f"arn:aws:ec2:{E}:{A}:volume/vol-0bbbbbbbbbbbbbbbb",
            "made by AWS (aws_ebs_volume): adopted only with --include-defaults"),
]  # fmt: skip


def census(concurrency: int = 4) -> tuple[Inventory, RecordedSession]:
    session = RecordedSession(FIXTURES / "census" / "sources.json")
    inventory = scanned_inventory()
    take_census(session, inventory, SKIPPED, SCANNED, sources=SOURCES, concurrency=concurrency)
    return inventory, session


@pytest.fixture(scope="module")
def taken() -> tuple[Inventory, RecordedSession]:
    return census()


def test_every_listed_resource_in_exactly_one_status(taken):
    inventory, _ = taken
    got = {(e.region, e.identifier): (e.status, e.tf_type, tuple(e.sources)) for e in inventory.census}
    assert got == {
        (E, f"arn:aws:sqs:{E}:{A}:orders"): ("adopted", "aws_sqs_queue", ("resource-explorer", "tagging")),
        (E, f"arn:aws:lambda:{E}:{A}:function:ingest"): ("adopted", "aws_lambda_function", ("config", "tagging")),
        (E, "/aws/lambda/ingest"): ("adopted", "aws_cloudwatch_log_group", ("cloudcontrol",)),
        (E, "vol-0aaaaaaaaaaaaaaaa"): ("adopted", "aws_ebs_volume", ("config",)),
        (E, "vol-0bbbbbbbbbbbbbbbb"): ("aws-owned", "aws_ebs_volume", ("config",)),
        (E, f"arn:aws:sagemaker:{E}:{A}:notebook-instance/research"): (
            "unsupported", "aws_sagemaker_notebook_instance", ("cloudcontrol", "tagging")),
        (E, "lab"): ("unsupported", "aws_sagemaker_notebook_instance", ("cloudcontrol",)),
        (E, f"arn:aws:elasticmapreduce:{E}:{A}:cluster/j-2AXXXXXXGAPLF"): ("unsupported", "aws_emr_cluster", ("tagging",)),
        (E, f"arn:aws:kafka:{E}:{A}:cluster/events/9b1c6a7e-0f0e-4c62-9a1f-1f4a2b3c4d5e-2"): (
            "gap", "aws_msk_cluster", ("tagging",)),  # a supported type this recorded scan did not cover
        (E, f"arn:aws:kinesis:{E}:{A}:stream/clicks"): ("gap", "aws_kinesis_stream", ("resource-explorer",)),
        (E, f"arn:aws:ds:{E}:{A}:directory/d-906706b9d1"): ("unmapped", None, ("tagging",)),
        (W, f"arn:aws:sns:{W}:{A}:alerts"): ("gap", "aws_sns_topic", ("resource-explorer",)),
        ("global", f"arn:aws:iam::{A}:role/app"): ("gap", "aws_iam_role", ("resource-explorer",)),
    }  # fmt: skip
    assert all(e.status in CENSUS_STATUSES for e in inventory.census)
    # An aggregator index answers for regions this scan did not ask about: they stay out.
    assert not any("ap-south-1" in e.identifier for e in inventory.census)


def test_reasons_of_gaps_aws_owned_and_unmapped(taken):
    inventory, _ = taken
    by_id = {e.identifier: e for e in inventory.census}
    assert by_id[f"arn:aws:sns:{W}:{A}:alerts"].reason == (
        f"the scan's sns:list_topics call failed in {W} (AccessDenied): a missing permission?"
    )
    assert "did not find" in by_id[f"arn:aws:iam::{A}:role/app"].reason
    assert by_id["vol-0bbbbbbbbbbbbbbbb"].reason == SKIPPED[0].reason
    assert by_id[f"arn:aws:ds:{E}:{A}:directory/d-906706b9d1"].reason == (
        "no CloudFormation type matches the ARN's service 'ds', resource type 'directory'"
    )
    adopted = by_id[f"arn:aws:lambda:{E}:{A}:function:ingest"]
    assert adopted.resource == {"type": "aws_lambda_function", "region": E, "id": "ingest"}
    assert adopted.cfn_type == "AWS::Lambda::Function"


def test_every_page_of_every_source(taken):
    _, session = taken
    pages = Counter((service, region, op) for service, region, op, _ in session.calls)
    assert pages[("resourcegroupstaggingapi", E, "GetResources")] == 2
    assert pages[("config", E, "GetDiscoveredResourceCounts")] == 2
    assert pages[("config", E, "ListDiscoveredResources")] == 3  # volumes over two pages, functions in one
    assert pages[("resource-explorer-2", E, "ListIndexes")] == 1  # once: it answers for every region
    assert pages[("resource-explorer-2", E, "ListResources")] == 2
    assert ("resource-explorer-2", W, "ListResources") not in pages  # no index there
    listable = cloudcontrol_types()
    assert len(listable) > 1000
    for region in (E, W):
        asked = {p["TypeName"] for s, r, op, p in session.calls if s == "cloudcontrol" and r == region}
        assert asked == set(listable)
    assert pages[("cloudcontrol", E, "ListResources")] == len(listable) + 1  # the notebooks took two pages
    for _service, _region, operation, params in session.calls:
        _guard(type("Model", (), {"name": operation})(), params)  # each is a read the guard lets through


def test_sources_recorded_and_denied_calls_kept(taken):
    inventory, _ = taken
    states = {(s.source, s.region): (s.state, s.seen) for s in inventory.census_sources}
    assert states == {
        ("tagging", E): ("used", 6),
        ("tagging", W): ("denied", 0),
        ("config", E): ("used", 3),
        ("config", W): ("not available", 0),
        ("resource-explorer", E): ("used", 5),
        ("resource-explorer", W): ("not available", 0),
        ("cloudcontrol", E): ("used", 3),
        ("cloudcontrol", W): ("denied", 0),
    }
    details = {(s.source, s.region): s.detail for s in inventory.census_sources}
    assert details[("config", W)] == "no configuration recorder is recording"
    assert details[("resource-explorer", W)] == "no index in this region"
    assert "AccessDeniedException" in details[("tagging", W)]
    census_errors = [(e.service, e.operation, e.region, e.code) for e in inventory.errors if e.resource_type is None]
    assert census_errors == [
        ("cloudcontrol", "list_resources", W, "AccessDeniedException"),
        ("resourcegroupstaggingapi", "get_resources", W, "AccessDeniedException"),
    ]


def test_listed_properties_and_secret_tags_are_never_kept(taken):
    inventory, _ = taken
    text = inventory.dumps()
    assert "MARKER-PROPERTY-VALUE" not in text and "hunter2secret" not in text
    lambda_entry = next(e for e in inventory.census if e.tf_type == "aws_lambda_function")
    assert lambda_entry.tags == {"team": "data"}
    emr = next(e for e in inventory.census if e.tf_type == "aws_emr_cluster")
    assert emr.tags == {"aws:elasticmapreduce:editor-id": "e-1", "team": "data"}  # AWS's tags say who made it


def test_deterministic_whatever_the_concurrency_and_order(taken, tmp_path):
    inventory, _ = taken
    again, _ = census(concurrency=1)
    assert again.dumps() == inventory.dumps()
    sightings = [
        Sighting("config", E, "ingest", cfn_type="AWS::Lambda::Function", names=("ingest",)),
        Sighting(
            "tagging", E, f"arn:aws:lambda:{E}:{A}:function:ingest", arn=f"arn:aws:lambda:{E}:{A}:function:ingest"
        ),
        Sighting("cloudcontrol", E, "lab", cfn_type="AWS::SageMaker::NotebookInstance"),
    ]
    one = Census(scanned_inventory(), SKIPPED, SCANNED).entries(sightings)
    other = Census(scanned_inventory(), SKIPPED, SCANNED).entries(list(reversed(sightings)))
    assert [e.to_json() for e in one] == [e.to_json() for e in other]
    assert len(one) == 2
    # Saved and read back, the census is the same.
    path = tmp_path / "inventory.json"
    inventory.save(str(path))
    assert Inventory.load(str(path)).dumps() == inventory.dumps()
    assert json.loads(path.read_text())["format"] == "adopt-inventory/2"


def test_an_inventory_of_format_1_still_reads(tmp_path):
    from helpers import run_cli

    old = FIXTURES / "safety" / "inventory.json"
    assert json.loads(old.read_text())["format"] == "adopt-inventory/1"
    inventory = Inventory.load(str(old))
    assert inventory.census is None and inventory.census_sources == []
    result = run_cli("status", "--inventory", str(old), "--json")
    assert result.code == 0, result.output
    assert json.loads(result.stdout)["summary"]["unsupported"] == 0
    result = run_cli("generate", "--inventory", str(old), "--out", str(tmp_path / "module"))
    assert result.code == 0, result.output
    assert "Not adopted" not in (tmp_path / "module" / "ADOPTION.md").read_text()
    assert "Not adopted" not in result.stdout
    result = run_cli("types", "--inventory", str(old))
    assert result.code == 2 and "has no census" in result.stderr


def test_two_arns_are_two_resources_whatever_names_they_share():
    """Roles on two paths end alike; neither merges with the other, nor
    matches the inventory's role of another ARN."""
    inventory = Inventory(A, [E], resources=[
        Resource("aws_iam_role", "deploy", "deploy", "global", arn=f"arn:aws:iam::{A}:role/team-a/deploy")])  # fmt: skip
    sightings = [
        Sighting("tagging", E, arn, arn=arn)
        for arn in (f"arn:aws:iam::{A}:role/team-a/deploy", f"arn:aws:iam::{A}:role/team-b/deploy")
    ]
    entries = Census(inventory, [], {"aws_iam_role"}).entries(sightings)
    assert [(e.identifier, e.status) for e in entries] == [
        (f"arn:aws:iam::{A}:role/team-a/deploy", "adopted"),
        (f"arn:aws:iam::{A}:role/team-b/deploy", "gap"),
    ]


def test_the_ignore_file_names_census_entries_by_type_arn_or_tag():
    from adopt.existing.ignore import IgnoreRules
    from adopt.existing.status import Ownership, classify_census
    from adopt.model import CensusEntry

    entries = [
        CensusEntry("arn:aws:glue:us-east-1:1:job/etl", E, "unsupported", arn="arn:aws:glue:us-east-1:1:job/etl",
                    cfn_type="AWS::Glue::Job", tf_type="aws_glue_job", tags={"aws:cloudformation:stack-name": "etl"}),
        CensusEntry("compliance-1", E, "unmapped", cfn_type="AWS::Config::ResourceCompliance"),
        CensusEntry("arn:aws:ds:us-east-1:1:directory/d-1", E, "unmapped", arn="arn:aws:ds:us-east-1:1:directory/d-1"),
        CensusEntry("arn:aws:kinesis:us-east-1:1:stream/s", E, "unsupported", arn="arn:aws:kinesis:us-east-1:1:stream/s",
                    tf_type="aws_kinesis_stream", reason="adopt has no spec for aws_kinesis_stream yet"),
    ]  # fmt: skip
    rules = IgnoreRules.parse("tag:aws:cloudformation:stack-name=*\nAWS::Config::ResourceCompliance.*\narn:aws:ds:*\n")
    got = [(i.status, i.detail) for i in classify_census(entries, Ownership([], ignore=rules))]
    assert got == [
        ("ignored", ".adoptignore, line 1: tag:aws:cloudformation:stack-name=*"),
        ("ignored", ".adoptignore, line 2: AWS::Config::ResourceCompliance.*"),
        ("ignored", ".adoptignore, line 3: arn:aws:ds:*"),
        ("unsupported", "adopt has no spec for aws_kinesis_stream yet"),
    ]
