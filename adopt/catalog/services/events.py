"""EventBridge (CloudWatch Events) event buses, their rules and targets, and archives.

The default event bus belongs to AWS and is not adopted; the rules on it are
the user's (``children_when_default``), as are the rules on custom buses.
"""

from __future__ import annotations

from ..spec import (
    ARN_TARGET,
    Arn,
    Call,
    Child,
    Const,
    Each,
    Flag,
    Format,
    Has,
    Is,
    JsonDocument,
    Map,
    MaskSecrets,
    Or,
    Ref,
    ResourceSpec,
    StartsWith,
    Tags,
    TagsCall,
    Unless,
    When,
)

DEFAULT_BUS = "default"


def _target_id(item, ctx):
    # "rule/target" on the default bus, "bus/rule/target" on another.
    bus = ctx.parent.get("EventBusName") or DEFAULT_BUS
    prefix = "" if bus == DEFAULT_BUS else f"{bus}/"
    return f"{prefix}{ctx.parent['Name']}/{item['Id']}"


_ECS = "EcsParameters"
_AWSVPC = f"{_ECS}.NetworkConfiguration.awsvpcConfiguration"

SPECS = [
    ResourceSpec(
        tf_type="aws_cloudwatch_event_bus",
        service="events",
        list=Call("list_event_buses", items="EventBuses"),
        details=(Call("describe_event_bus", params={"Name": "{Name}"}), TagsCall(ResourceARN="{Arn}")),
        is_default=Is("Name", DEFAULT_BUS),
        children_when_default=True,
        id="{Name}",
        arn=Arn("{Arn}", "events", "event-bus"),
        name="Name",
        arguments={
            "name": "Name",
            "description": "Description",
            # A partner event source's bus is named after its source.
            "event_source_name": When(StartsWith("Name", "aws.partner/"), "Name"),
            "kms_key_identifier": "KmsKeyIdentifier",
            "dead_letter_config": {"arn": "DeadLetterConfig.Arn"},
            "log_config": {"include_detail": "LogConfig.IncludeDetail", "level": "LogConfig.Level"},
            "tags": Tags(),
        },
        references={
            "kms_key_identifier": Ref("aws_kms_key", "arn"),
            "dead_letter_config.arn": Ref("aws_sqs_queue", "arn"),
        },
    ),
    ResourceSpec(
        tf_type="aws_cloudwatch_event_rule",
        service="events",
        # On every bus, the default one included.
        child=Child(
            "aws_cloudwatch_event_bus",
            call=Call("list_rules", items="Rules", params={"EventBusName": "{parent.Name}"}),
        ),
        details=(TagsCall(ResourceARN="{Arn}"),),
        # Rules that AWS services create and manage for themselves.
        is_default=Has("ManagedBy"),
        # Always "bus/rule": the provider reads a bare name as a rule on the default bus too.
        id=Format("{bus}/{Name}", bus=Or("EventBusName", Const(DEFAULT_BUS))),
        arn=Arn("{Arn}", "events", "rule"),
        name="Name",
        label="Name",
        arguments={
            "name": "Name",
            "description": "Description",
            "event_bus_name": "EventBusName",
            "schedule_expression": "ScheduleExpression",
            "event_pattern": JsonDocument("EventPattern"),
            "role_arn": "RoleArn",
            "state": "State",
            "tags": Tags(),
        },
        defaults={"event_bus_name": DEFAULT_BUS, "state": "ENABLED"},
        references={
            "role_arn": Ref("aws_iam_role", "arn"),
            "event_bus_name": Ref("aws_cloudwatch_event_bus", "name"),
        },
    ),
    ResourceSpec(
        tf_type="aws_cloudwatch_event_target",
        service="events",
        child=Child(
            "aws_cloudwatch_event_rule",
            call=Call(
                "list_targets_by_rule",
                items="Targets",
                params={"Rule": "{parent.Name}", "EventBusName": "{parent.EventBusName}"},
            ),
        ),
        id=_target_id,
        label="Id",
        arguments={
            "rule": "parent.Name",
            "event_bus_name": "parent.EventBusName",
            "target_id": "Id",
            "arn": "Arn",
            "role_arn": "RoleArn",
            # Input is kept as the exact string AWS holds (the provider compares it as text).
            "input": "Input",
            "input_path": "InputPath",
            "input_transformer": {
                "input_paths": "InputTransformer.InputPathsMap",
                "input_template": "InputTransformer.InputTemplate",
            },
            "retry_policy": {
                "maximum_event_age_in_seconds": "RetryPolicy.MaximumEventAgeInSeconds",
                "maximum_retry_attempts": "RetryPolicy.MaximumRetryAttempts",
            },
            "dead_letter_config": {"arn": "DeadLetterConfig.Arn"},
            "sqs_target": {"message_group_id": "SqsParameters.MessageGroupId"},
            "kinesis_target": {"partition_key_path": "KinesisParameters.PartitionKeyPath"},
            "appsync_target": {"graphql_operation": "AppSyncParameters.GraphQLOperation"},
            "run_command_targets": Each("RunCommandParameters.RunCommandTargets", {"key": "Key", "values": "Values"}),
            "http_target": {
                # Header values are often API keys: secret-looking ones become variables.
                "header_parameters": MaskSecrets("HttpParameters.HeaderParameters", "a secret-looking HTTP header"),
                "path_parameter_values": "HttpParameters.PathParameterValues",
                "query_string_parameters": "HttpParameters.QueryStringParameters",
            },
            "batch_target": {
                "job_definition": "BatchParameters.JobDefinition",
                "job_name": "BatchParameters.JobName",
                "array_size": "BatchParameters.ArrayProperties.Size",
                "job_attempts": "BatchParameters.RetryStrategy.Attempts",
            },
            "redshift_target": {
                "database": "RedshiftDataParameters.Database",
                "db_user": "RedshiftDataParameters.DbUser",
                "secrets_manager_arn": "RedshiftDataParameters.SecretManagerArn",
                "sql": "RedshiftDataParameters.Sql",
                "statement_name": "RedshiftDataParameters.StatementName",
                "with_event": Flag("RedshiftDataParameters.WithEvent"),
            },
            "sagemaker_pipeline_target": {
                "pipeline_parameter_list": Each(
                    "SageMakerPipelineParameters.PipelineParameterList", {"name": "Name", "value": "Value"}
                ),
            },
            "ecs_target": {
                "task_definition_arn": f"{_ECS}.TaskDefinitionArn",
                "task_count": f"{_ECS}.TaskCount",
                "launch_type": f"{_ECS}.LaunchType",
                "platform_version": f"{_ECS}.PlatformVersion",
                "group": f"{_ECS}.Group",
                "propagate_tags": f"{_ECS}.PropagateTags",
                "enable_ecs_managed_tags": Flag(f"{_ECS}.EnableECSManagedTags"),
                "enable_execute_command": Flag(f"{_ECS}.EnableExecuteCommand"),
                "network_configuration": {
                    "subnets": f"{_AWSVPC}.Subnets",
                    "security_groups": f"{_AWSVPC}.SecurityGroups",
                    "assign_public_ip": Map(f"{_AWSVPC}.AssignPublicIp", {"ENABLED": True, "DISABLED": None}),
                },
                "capacity_provider_strategy": Each(
                    f"{_ECS}.CapacityProviderStrategy",
                    {"capacity_provider": "capacityProvider", "weight": "weight", "base": "base"},
                ),
                "placement_constraint": Each(
                    f"{_ECS}.PlacementConstraints", {"type": "type", "expression": "expression"}
                ),
                "ordered_placement_strategy": Each(f"{_ECS}.PlacementStrategy", {"type": "type", "field": "field"}),
                "tags": Tags(f"{_ECS}.Tags"),
            },
        },
        defaults={"event_bus_name": DEFAULT_BUS},
        references={
            "rule": Ref("aws_cloudwatch_event_rule", "name"),
            "event_bus_name": Ref("aws_cloudwatch_event_bus", "name"),
            "role_arn": Ref("aws_iam_role", "arn"),
            "arn": Ref(ARN_TARGET, "arn"),
            # EventBridge dead-letter queues are always SQS queues.
            "dead_letter_config.arn": Ref("aws_sqs_queue", "arn"),
            "ecs_target.task_definition_arn": Ref("aws_ecs_task_definition", "arn"),
            "ecs_target.network_configuration.subnets[*]": Ref("aws_subnet"),
            "ecs_target.network_configuration.security_groups[*]": Ref("aws_security_group"),
        },
    ),
]

SPECS += [
    ResourceSpec(
        tf_type="aws_cloudwatch_event_archive",
        service="events",
        list=Call("list_archives", items="Archives"),
        details=(Call("describe_archive", params={"ArchiveName": "{ArchiveName}"}),),
        id="{ArchiveName}",
        arn=Arn("{ArchiveArn}", "events", "archive"),
        name="ArchiveName",
        arguments={
            "name": "ArchiveName",
            "event_source_arn": "EventSourceArn",
            "description": "Description",
            "event_pattern": JsonDocument("EventPattern"),
            # 0 keeps events for ever, as an archive does unless told otherwise.
            "retention_days": Unless("RetentionDays", 0),
            "kms_key_identifier": "KmsKeyIdentifier",
        },
        references={
            "event_source_arn": Ref("aws_cloudwatch_event_bus", "arn"),
            "kms_key_identifier": Ref("aws_kms_key", "arn"),
        },
    ),
]
