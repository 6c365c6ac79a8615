"""Kinesis data streams."""

from __future__ import annotations

from ..spec import Arn, Call, First, Is, Ref, ResourceSpec, Sorted, Tags, TagsCall, Unless, When

_SUMMARY = "StreamDescriptionSummary"
PROVISIONED = Is(f"{_SUMMARY}.StreamModeDetails.StreamMode", "PROVISIONED", None)

SPECS = [
    ResourceSpec(
        tf_type="aws_kinesis_stream",
        service="kinesis",
        list=Call("list_streams", items="StreamNames", item_key="StreamName"),
        details=(
            Call("describe_stream_summary", params={"StreamName": "{StreamName}"}),
            TagsCall("list_tags_for_stream", StreamName="{StreamName}"),
        ),
        id="{StreamName}",
        arn=Arn(f"{{{_SUMMARY}.StreamARN}}", "kinesis", "stream"),
        name="StreamName",
        # The records in it are data.
        stateful=True,
        arguments={
            "name": "StreamName",
            # On-demand streams scale their shards themselves.
            "shard_count": When(PROVISIONED, f"{_SUMMARY}.OpenShardCount"),
            "retention_period": f"{_SUMMARY}.RetentionPeriodHours",
            "shard_level_metrics": Sorted(First(f"{_SUMMARY}.EnhancedMonitoring", "ShardLevelMetrics")),
            "encryption_type": Unless(f"{_SUMMARY}.EncryptionType", "NONE"),
            "kms_key_id": f"{_SUMMARY}.KeyId",
            "stream_mode_details": {"stream_mode": f"{_SUMMARY}.StreamModeDetails.StreamMode"},
            "tags": Tags(),
        },
        defaults={"retention_period": 24},
        references={"kms_key_id": Ref("aws_kms_key", "arn")},
    ),
]
