"""CloudWatch Logs log groups."""

from __future__ import annotations

from ..spec import Arn, Call, Ref, ResourceSpec, Tags, TagsCall

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
]
