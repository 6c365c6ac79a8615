"""CloudWatch Logs: log groups, their metric and subscription filters, and the
account's resource policies (which services may write to which groups)."""

from __future__ import annotations

from ..spec import (
    ARN_TARGET,
    Arn,
    Call,
    Child,
    Each,
    Has,
    JsonDocument,
    Keep,
    Not,
    Ref,
    ResourceSpec,
    Tags,
    TagsCall,
)


def _default_value(transformation, ctx):
    """A metric's default value, a number to AWS, as the provider's text ("0", "1.5")."""
    value = transformation.get("defaultValue")
    if value is None or isinstance(value, bool):
        return None
    number = float(value)
    return str(int(number)) if number.is_integer() else repr(number)


SPECS = [
    ResourceSpec(
        tf_type="aws_cloudwatch_log_group",
        service="logs",
        list=Call("describe_log_groups", items="logGroups"),
        details=(TagsCall(resourceArn="{logGroupArn}"),),  # answers {"tags": {...}}
        id="{logGroupName}",
        arn=Arn("{logGroupArn}", "logs", "log-group"),
        name="logGroupName",
        stateful=True,  # deleting a group deletes its logs
        exports={"name": "logGroupName"},  # what an ECS log configuration names
        arguments={
            "name": "logGroupName",
            "retention_in_days": "retentionInDays",  # absent: kept forever
            "kms_key_id": "kmsKeyId",
            "log_group_class": "logGroupClass",
            "deletion_protection_enabled": "deletionProtectionEnabled",
            "tags": Tags("tags"),
        },
        defaults={"log_group_class": "STANDARD", "deletion_protection_enabled": False},
        references={"kms_key_id": Ref("aws_kms_key", "arn")},
    ),
    ResourceSpec(
        tf_type="aws_cloudwatch_log_metric_filter",
        service="logs",
        # One listing of the region's filters, each joined to its group
        # (subscription filters, below, can only be asked group by group).
        child=Child(
            "aws_cloudwatch_log_group",
            call=Call("describe_metric_filters", items="metricFilters"),
            join="logGroupName",
        ),
        id="{parent.logGroupName}:{filterName}",
        name="filterName",
        label="filterName",
        arguments={
            "name": "filterName",
            "log_group_name": "parent.logGroupName",
            "pattern": Keep("filterPattern"),  # "" matches every event
            "apply_on_transformed_logs": "applyOnTransformedLogs",
            "metric_transformation": Each(
                "metricTransformations",
                {
                    "name": "metricName",
                    "namespace": "metricNamespace",
                    "value": "metricValue",
                    "default_value": _default_value,
                    "dimensions": "dimensions",
                    "unit": "unit",
                },
            ),
        },
        defaults={"apply_on_transformed_logs": False},
        references={"log_group_name": Ref("aws_cloudwatch_log_group", "name")},
    ),
    ResourceSpec(
        tf_type="aws_cloudwatch_log_subscription_filter",
        service="logs",
        child=Child(
            "aws_cloudwatch_log_group",
            call=Call(
                "describe_subscription_filters",
                items="subscriptionFilters",
                params={"logGroupName": "{parent.logGroupName}"},
            ),
        ),
        id="{parent.logGroupName}|{filterName}",
        name="filterName",
        label="filterName",
        arguments={
            "name": "filterName",
            "log_group_name": "parent.logGroupName",
            "filter_pattern": Keep("filterPattern"),
            "destination_arn": "destinationArn",
            "role_arn": "roleArn",
            "distribution": "distribution",
            "apply_on_transformed_logs": "applyOnTransformedLogs",
            "emit_system_fields": "emitSystemFields",
        },
        defaults={"distribution": "ByLogStream", "apply_on_transformed_logs": False},
        references={
            "log_group_name": Ref("aws_cloudwatch_log_group", "name"),
            # A Lambda function, a Kinesis or Firehose stream, or a logs destination.
            "destination_arn": Ref(ARN_TARGET, "arn"),
            "role_arn": Ref("aws_iam_role", "arn"),
        },
    ),
    ResourceSpec(
        tf_type="aws_cloudwatch_log_resource_policy",
        service="logs",
        risk="privilege",
        list=Call("describe_resource_policies", items="resourcePolicies"),
        # Account-wide policies, imported by name; a policy on one log group
        # (resourceArn) is that group's.
        include=Not(Has("resourceArn")),
        id="{policyName}",
        name="policyName",
        name_argument="policy_name",
        arguments={"policy_name": "policyName", "policy_document": JsonDocument("policyDocument")},
    ),
]
