"""EventBridge Scheduler: schedule groups and their schedules.

Every account has a ``default`` group, made by AWS: it is not adopted, but the
schedules in it are.
"""

from __future__ import annotations

from ..spec import (
    ARN_TARGET,
    Arn,
    Call,
    Each,
    Flag,
    Is,
    Map,
    Ref,
    ResourceSpec,
    Tags,
    TagsCall,
    Timestamp,
    Unless,
)

DEFAULT_GROUP = "default"
_ECS = "Schedule.Target.EcsParameters"
_AWSVPC = f"{_ECS}.NetworkConfiguration.awsvpcConfiguration"

SPECS = [
    ResourceSpec(
        tf_type="aws_scheduler_schedule_group",
        service="scheduler",
        list=Call("list_schedule_groups", items="ScheduleGroups"),
        details=(TagsCall(ResourceArn="{Arn}"),),
        is_default=Is("Name", DEFAULT_GROUP),
        id="{Name}",
        arn=Arn("{Arn}", "scheduler", "schedule-group"),
        name="Name",
        arguments={"name": "Name", "tags": Tags()},
    ),
    ResourceSpec(
        # Listed across all groups (the default group's schedules too).
        tf_type="aws_scheduler_schedule",
        service="scheduler",
        list=Call("list_schedules", items="Schedules"),
        # (Merged apart: the listing's item has a shorter Target of its own.)
        details=(Call("get_schedule", params={"Name": "{Name}", "GroupName": "{GroupName}"}, merge_into="Schedule"),),
        id="{GroupName}/{Name}",
        arn=Arn("{Arn}", "scheduler", "schedule"),
        name="Name",
        arguments={
            "name": "Name",
            "group_name": "GroupName",
            "description": "Schedule.Description",
            "schedule_expression": "Schedule.ScheduleExpression",
            "schedule_expression_timezone": "Schedule.ScheduleExpressionTimezone",
            "start_date": Timestamp("Schedule.StartDate"),
            "end_date": Timestamp("Schedule.EndDate"),
            "state": "Schedule.State",
            "kms_key_arn": "Schedule.KmsKeyArn",
            "action_after_completion": Unless("Schedule.ActionAfterCompletion", "NONE"),
            "flexible_time_window": {
                "mode": "Schedule.FlexibleTimeWindow.Mode",
                "maximum_window_in_minutes": "Schedule.FlexibleTimeWindow.MaximumWindowInMinutes",
            },
            "target": {
                "arn": "Schedule.Target.Arn",
                "role_arn": "Schedule.Target.RoleArn",
                # Kept as the exact text AWS holds (the provider compares it as text).
                "input": "Schedule.Target.Input",
                "dead_letter_config": {"arn": "Schedule.Target.DeadLetterConfig.Arn"},
                # AWS's own retry policy (a day, 185 attempts) is the provider's default.
                "retry_policy": {
                    "maximum_event_age_in_seconds": Unless(
                        "Schedule.Target.RetryPolicy.MaximumEventAgeInSeconds", 86400
                    ),
                    "maximum_retry_attempts": Unless("Schedule.Target.RetryPolicy.MaximumRetryAttempts", 185),
                },
                "sqs_parameters": {"message_group_id": "Schedule.Target.SqsParameters.MessageGroupId"},
                "kinesis_parameters": {"partition_key": "Schedule.Target.KinesisParameters.PartitionKey"},
                "eventbridge_parameters": {
                    "detail_type": "Schedule.Target.EventBridgeParameters.DetailType",
                    "source": "Schedule.Target.EventBridgeParameters.Source",
                },
                "sagemaker_pipeline_parameters": {
                    "pipeline_parameter": Each(
                        "Schedule.Target.SageMakerPipelineParameters.PipelineParameterList",
                        {"name": "Name", "value": "Value"},
                    )
                },
                "ecs_parameters": {
                    "task_definition_arn": f"{_ECS}.TaskDefinitionArn",
                    "task_count": f"{_ECS}.TaskCount",
                    "launch_type": f"{_ECS}.LaunchType",
                    "platform_version": f"{_ECS}.PlatformVersion",
                    "group": f"{_ECS}.Group",
                    "propagate_tags": f"{_ECS}.PropagateTags",
                    "reference_id": f"{_ECS}.ReferenceId",
                    "enable_ecs_managed_tags": Flag(f"{_ECS}.EnableECSManagedTags"),
                    "enable_execute_command": Flag(f"{_ECS}.EnableExecuteCommand"),
                    "network_configuration": {
                        "subnets": f"{_AWSVPC}.Subnets",
                        "security_groups": f"{_AWSVPC}.SecurityGroups",
                        "assign_public_ip": Map(f"{_AWSVPC}.AssignPublicIp", {"ENABLED": True, "DISABLED": None}),
                    },
                },
            },
        },
        defaults={"group_name": DEFAULT_GROUP, "state": "ENABLED", "schedule_expression_timezone": "UTC"},
        references={
            "group_name": Ref("aws_scheduler_schedule_group", "name"),
            "kms_key_arn": Ref("aws_kms_key", "arn"),
            "target.arn": Ref(ARN_TARGET, "arn"),
            "target.role_arn": Ref("aws_iam_role", "arn"),
            "target.dead_letter_config.arn": Ref("aws_sqs_queue", "arn"),
            "target.ecs_parameters.task_definition_arn": Ref("aws_ecs_task_definition", "arn"),
            "target.ecs_parameters.network_configuration.subnets[*]": Ref("aws_subnet"),
            "target.ecs_parameters.network_configuration.security_groups[*]": Ref("aws_security_group"),
        },
    ),
]
