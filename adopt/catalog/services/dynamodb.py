"""DynamoDB tables, with their indexes, TTL, point-in-time recovery, stream and encryption."""

from __future__ import annotations

from ..spec import Call, Const, Each, Ref, ResourceSpec, Tags, evaluate, get_path

DEFAULT_PITR_DAYS = 35


def _positive(path):
    # On-demand tables report 0 capacity units and -1 for "no maximum": both mean unset.
    def value(item, ctx):
        got = get_path(item, path)
        return got if isinstance(got, (int, float)) and got > 0 else None

    return value


def _key(key_type):
    def value(item, ctx):
        return next((k["AttributeName"] for k in item.get("KeySchema") or [] if k.get("KeyType") == key_type), None)

    return value


def _sorted(path):
    return lambda item, ctx: sorted(get_path(item, path) or []) or None  # a set in the schema


def _when(status_path, statuses, block):
    """A block written only when a status says the setting is on (``ttl``, PITR, SSE)."""
    return lambda item, ctx: evaluate(block, item, ctx) if get_path(item, status_path) in statuses else None


def _pitr_days(item, ctx):
    days = get_path(item, "ContinuousBackupsDescription.PointInTimeRecoveryDescription.RecoveryPeriodInDays")
    return None if days in (None, DEFAULT_PITR_DAYS) else days


def _replicas(item, ctx):
    # The table in the scanned region is the resource itself, not one of its replicas.
    replicas = [r for r in item.get("Replicas") or [] if r.get("RegionName") != ctx.region]
    return [{"region_name": r["RegionName"], "kms_key_arn": r.get("KMSMasterKeyId")} for r in replicas] or None


_THROUGHPUT = {
    "max_read_request_units": _positive("OnDemandThroughput.MaxReadRequestUnits"),
    "max_write_request_units": _positive("OnDemandThroughput.MaxWriteRequestUnits"),
}

SPECS = [
    ResourceSpec(
        tf_type="aws_dynamodb_table",
        service="dynamodb",
        list=Call("list_tables", items="TableNames", item_key="TableName"),
        details=(
            # The table description's keys are merged into the item.
            Call("describe_table", params={"TableName": "{TableName}"}, items="Table"),
            Call("describe_time_to_live", params={"TableName": "{TableName}"}),
            Call("describe_continuous_backups", params={"TableName": "{TableName}"}),
            Call("list_tags_of_resource", params={"ResourceArn": "{TableArn}"}, items="Tags", merge_into="Tags"),
        ),
        id="{TableName}",
        arn="{TableArn}",
        name="TableName",
        stateful=True,
        arguments={
            "name": "TableName",
            # Tables made before on-demand existed report no billing mode: provisioned.
            "billing_mode": "BillingModeSummary.BillingMode",
            "hash_key": _key("HASH"),
            "range_key": _key("RANGE"),
            "read_capacity": _positive("ProvisionedThroughput.ReadCapacityUnits"),
            "write_capacity": _positive("ProvisionedThroughput.WriteCapacityUnits"),
            "on_demand_throughput": _THROUGHPUT,
            "attribute": Each("AttributeDefinitions", {"name": "AttributeName", "type": "AttributeType"}),
            "global_secondary_index": Each(
                "GlobalSecondaryIndexes",
                {
                    "name": "IndexName",
                    "key_schema": Each("KeySchema", {"attribute_name": "AttributeName", "key_type": "KeyType"}),
                    "projection_type": "Projection.ProjectionType",
                    "non_key_attributes": _sorted("Projection.NonKeyAttributes"),
                    "read_capacity": _positive("ProvisionedThroughput.ReadCapacityUnits"),
                    "write_capacity": _positive("ProvisionedThroughput.WriteCapacityUnits"),
                    "on_demand_throughput": _THROUGHPUT,
                },
            ),
            "local_secondary_index": Each(
                "LocalSecondaryIndexes",
                {
                    "name": "IndexName",
                    "range_key": _key("RANGE"),
                    "projection_type": "Projection.ProjectionType",
                    "non_key_attributes": "Projection.NonKeyAttributes",
                },
            ),
            "stream_enabled": "StreamSpecification.StreamEnabled",
            "stream_view_type": lambda item, ctx: (
                get_path(item, "StreamSpecification.StreamViewType")
                if get_path(item, "StreamSpecification.StreamEnabled")
                else None
            ),
            "server_side_encryption": _when(
                "SSEDescription.Status",
                ("ENABLED", "UPDATING"),
                {"enabled": Const(True), "kms_key_arn": "SSEDescription.KMSMasterKeyArn"},
            ),
            "ttl": _when(
                "TimeToLiveDescription.TimeToLiveStatus",
                ("ENABLED", "ENABLING"),
                {"enabled": Const(True), "attribute_name": "TimeToLiveDescription.AttributeName"},
            ),
            "point_in_time_recovery": _when(
                "ContinuousBackupsDescription.PointInTimeRecoveryDescription.PointInTimeRecoveryStatus",
                ("ENABLED",),
                {"enabled": Const(True), "recovery_period_in_days": _pitr_days},
            ),
            "replica": _replicas,
            "table_class": "TableClassSummary.TableClass",
            "deletion_protection_enabled": "DeletionProtectionEnabled",
            "tags": Tags("Tags"),
        },
        defaults={
            "billing_mode": "PROVISIONED",
            "stream_enabled": False,
            "table_class": "STANDARD",
            "deletion_protection_enabled": False,
        },
        references={
            "server_side_encryption.kms_key_arn": Ref("aws_kms_key", "arn"),
            "replica[*].kms_key_arn": Ref("aws_kms_key", "arn"),
        },
    ),
]
