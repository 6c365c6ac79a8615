"""CloudWatch Logs log groups."""

from __future__ import annotations

from ..spec import Call, Ref, ResourceSpec, Tags

SPECS = [
    ResourceSpec(
        tf_type="aws_cloudwatch_log_group",
        service="logs",
        list=Call("describe_log_groups", items="logGroups"),
        details=(Call("list_tags_for_resource", params={"resourceArn": "{logGroupArn}"}),),
        id="{logGroupName}",
        arn="{logGroupArn}",
        name="logGroupName",
        stateful=True,  # deleting a group deletes its logs
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
        emulator_gaps="moto returns neither the log group class nor deletion protection",
    ),
]
