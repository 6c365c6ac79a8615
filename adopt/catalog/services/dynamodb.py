"""DynamoDB tables, with their indexes, TTL, point-in-time recovery, stream and
encryption (the provider's table arguments), and CloudWatch Contributor Insights
on a table or its indexes (a resource of its own)."""

from __future__ import annotations

from ..spec import (
    REGION,
    Above,
    Arn,
    Call,
    Child,
    Const,
    Default,
    Each,
    First,
    Format,
    Has,
    Is,
    Not,
    Or,
    Ref,
    ResourceSpec,
    Sorted,
    Tags,
    TagsCall,
    Unless,
    When,
)

DEFAULT_PITR_DAYS = 35
_PITR = "ContinuousBackupsDescription.PointInTimeRecoveryDescription"


def positive(path: str) -> When:
    # On-demand tables report 0 capacity units and -1 for "no maximum": both mean unset.
    return When(Above(path, 0), path)


def key(key_type: str) -> First:
    return First("KeySchema", "AttributeName", where=Is("KeyType", key_type))


_THROUGHPUT = {
    "max_read_request_units": positive("OnDemandThroughput.MaxReadRequestUnits"),
    "max_write_request_units": positive("OnDemandThroughput.MaxWriteRequestUnits"),
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
            TagsCall("list_tags_of_resource", ResourceArn="{TableArn}", answer="Tags"),
        ),
        id="{TableName}",
        arn=Arn("{TableArn}", "dynamodb", "table"),
        name="TableName",
        stateful=True,
        arguments={
            "name": "TableName",
            # Tables made before on-demand existed report no billing mode: provisioned.
            "billing_mode": "BillingModeSummary.BillingMode",
            "hash_key": key("HASH"),
            "range_key": key("RANGE"),
            "read_capacity": positive("ProvisionedThroughput.ReadCapacityUnits"),
            "write_capacity": positive("ProvisionedThroughput.WriteCapacityUnits"),
            "on_demand_throughput": _THROUGHPUT,
            "attribute": Each("AttributeDefinitions", {"name": "AttributeName", "type": "AttributeType"}),
            "global_secondary_index": Each(
                "GlobalSecondaryIndexes",
                {
                    "name": "IndexName",
                    "key_schema": Each("KeySchema", {"attribute_name": "AttributeName", "key_type": "KeyType"}),
                    "projection_type": "Projection.ProjectionType",
                    "non_key_attributes": Sorted("Projection.NonKeyAttributes"),  # a set in the schema
                    "read_capacity": positive("ProvisionedThroughput.ReadCapacityUnits"),
                    "write_capacity": positive("ProvisionedThroughput.WriteCapacityUnits"),
                    "on_demand_throughput": _THROUGHPUT,
                },
            ),
            "local_secondary_index": Each(
                "LocalSecondaryIndexes",
                {
                    "name": "IndexName",
                    "range_key": key("RANGE"),
                    "projection_type": "Projection.ProjectionType",
                    "non_key_attributes": "Projection.NonKeyAttributes",
                },
            ),
            "stream_enabled": "StreamSpecification.StreamEnabled",
            "stream_view_type": When(Has("StreamSpecification.StreamEnabled"), "StreamSpecification.StreamViewType"),
            # Blocks written only when a status says the setting is on.
            "server_side_encryption": When(
                Is("SSEDescription.Status", "ENABLED", "UPDATING"),
                {"enabled": Const(True), "kms_key_arn": "SSEDescription.KMSMasterKeyArn"},
            ),
            "ttl": When(
                Is("TimeToLiveDescription.TimeToLiveStatus", "ENABLED", "ENABLING"),
                {"enabled": Const(True), "attribute_name": "TimeToLiveDescription.AttributeName"},
            ),
            "point_in_time_recovery": When(
                Is(f"{_PITR}.PointInTimeRecoveryStatus", "ENABLED"),
                {
                    "enabled": Const(True),
                    "recovery_period_in_days": Unless(f"{_PITR}.RecoveryPeriodInDays", DEFAULT_PITR_DAYS),
                },
            ),
            # The table in the scanned region is the resource itself, not one of its replicas.
            "replica": Each(
                "Replicas",
                {"region_name": "RegionName", "kms_key_arn": "KMSMasterKeyId"},
                where=Not(Is("RegionName", REGION)),
            ),
            "table_class": "TableClassSummary.TableClass",
            "deletion_protection_enabled": "DeletionProtectionEnabled",
            "tags": Tags(),
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
    ResourceSpec(
        tf_type="aws_dynamodb_contributor_insights",
        service="dynamodb",
        # One answer per table: the table's own setting and each index's.
        child=Child(
            "aws_dynamodb_table",
            call=Call(
                "list_contributor_insights",
                params={"TableName": "{parent.TableName}"},
                items="ContributorInsightsSummaries",
            ),
        ),
        include=Is("ContributorInsightsStatus", "ENABLED", "ENABLING"),
        # The provider's ID: "name:orders/123456789012", or "name:orders/index:by-customer/123456789012".
        id=Format(
            "name:{TableName}{index}/{account}",
            index=Default(When(Has("IndexName"), Format("/index:{IndexName}")), ""),
        ),
        label=Or("IndexName", Const("table")),  # after the table's: "orders_table", "orders_by_customer"
        name_argument=None,
        arguments={
            "table_name": "TableName",
            "index_name": "IndexName",
            "mode": Unless("ContributorInsightsMode", "ACCESSED_AND_THROTTLED_KEYS"),
        },
        references={"table_name": Ref("aws_dynamodb_table", "name")},
    ),
]
