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


def _scan(proxy: FaultProxy, out) -> dict:
    # (No census: it asks the tagging API too, for what it sees, and is counted elsewhere.)
    args = ["scan", "--endpoint-url", proxy.endpoint, "--region", REGION, "--no-census", "--output", str(out)]
    for tf_type in SEEDED:
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
