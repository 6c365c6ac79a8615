"""EventBridge Pipes: a source, optional filtering and enrichment, and a target.

Sources and targets are described with their parameters (queues, streams,
Kafka and MQ brokers; ECS tasks, Batch jobs, HTTP, Redshift, SageMaker and
event-bus targets).  Broker and Kafka credentials are Secrets Manager ARNs,
never the secrets themselves.
"""

from __future__ import annotations

from ..spec import ARN_TARGET, Arn, Call, Each, Flag, MaskSecrets, Ref, ResourceSpec, Secret, Sorted, Tags, looks_secret

_SOURCE = "SourceParameters"
_TARGET = "TargetParameters"
_LOGS = "LogConfiguration"


def _stream_source(path: str) -> dict:
    return {
        "starting_position": f"{path}.StartingPosition",
        "batch_size": f"{path}.BatchSize",
        "maximum_batching_window_in_seconds": f"{path}.MaximumBatchingWindowInSeconds",
        "maximum_record_age_in_seconds": f"{path}.MaximumRecordAgeInSeconds",
        "maximum_retry_attempts": f"{path}.MaximumRetryAttempts",
        "parallelization_factor": f"{path}.ParallelizationFactor",
        "on_partial_batch_item_failure": f"{path}.OnPartialBatchItemFailure",
        "dead_letter_config": {"arn": f"{path}.DeadLetterConfig.Arn"},
    }


def _variable_value(item, ctx):
    """An environment variable's value, or a sensitive variable where it looks secret."""
    name, value = item.get("name") or item.get("Name") or "", item.get("value", item.get("Value"))
    return (
        Secret(f"environment variable {name} of a pipe's target looks like a secret")
        if looks_secret(name, value)
        else value
    )


def _broker_source(path: str) -> dict:
    return {
        "queue_name": f"{path}.QueueName",
        "batch_size": f"{path}.BatchSize",
        "maximum_batching_window_in_seconds": f"{path}.MaximumBatchingWindowInSeconds",
        "credentials": {"basic_auth": f"{path}.Credentials.BasicAuth"},
    }


def _kafka_source(path: str) -> dict:
    return {
        "topic_name": f"{path}.TopicName",
        "starting_position": f"{path}.StartingPosition",
        "batch_size": f"{path}.BatchSize",
        "maximum_batching_window_in_seconds": f"{path}.MaximumBatchingWindowInSeconds",
        "consumer_group_id": f"{path}.ConsumerGroupID",
    }


_ECS = f"{_TARGET}.EcsTaskParameters"
_AWSVPC = f"{_ECS}.NetworkConfiguration.awsvpcConfiguration"
_BATCH = f"{_TARGET}.BatchJobParameters"
_SELF_KAFKA = f"{_SOURCE}.SelfManagedKafkaParameters"

ECS_TASK = {
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
        "aws_vpc_configuration": {
            "subnets": Sorted(f"{_AWSVPC}.Subnets"),
            "security_groups": Sorted(f"{_AWSVPC}.SecurityGroups"),
            "assign_public_ip": f"{_AWSVPC}.AssignPublicIp",
        }
    },
    "capacity_provider_strategy": Each(
        f"{_ECS}.CapacityProviderStrategy",
        {"capacity_provider": "capacityProvider", "weight": "weight", "base": "base"},
    ),
    "placement_constraint": Each(f"{_ECS}.PlacementConstraints", {"type": "type", "expression": "expression"}),
    "placement_strategy": Each(f"{_ECS}.PlacementStrategy", {"type": "type", "field": "field"}),
    "overrides": {
        "cpu": f"{_ECS}.Overrides.Cpu",
        "memory": f"{_ECS}.Overrides.Memory",
        "execution_role_arn": f"{_ECS}.Overrides.ExecutionRoleArn",
        "task_role_arn": f"{_ECS}.Overrides.TaskRoleArn",
        "ephemeral_storage": {"size_in_gib": f"{_ECS}.Overrides.EphemeralStorage.sizeInGiB"},
        "container_override": Each(
            f"{_ECS}.Overrides.ContainerOverrides",
            {
                "name": "Name",
                "command": "Command",
                "cpu": "Cpu",
                "memory": "Memory",
                "memory_reservation": "MemoryReservation",
                "environment": Each("Environment", {"name": "name", "value": _variable_value}),
                "environment_file": Each("EnvironmentFiles", {"type": "type", "value": "value"}),
                "resource_requirement": Each("ResourceRequirements", {"type": "type", "value": "value"}),
            },
        ),
    },
    "tags": Tags(f"{_ECS}.Tags"),
}

BATCH_JOB = {
    "job_definition": f"{_BATCH}.JobDefinition",
    "job_name": f"{_BATCH}.JobName",
    "parameters": f"{_BATCH}.Parameters",
    "array_properties": {"size": f"{_BATCH}.ArrayProperties.Size"},
    "retry_strategy": {"attempts": f"{_BATCH}.RetryStrategy.Attempts"},
    "depends_on": Each(f"{_BATCH}.DependsOn", {"job_id": "JobId", "type": "Type"}),
    "container_overrides": {
        "command": f"{_BATCH}.ContainerOverrides.Command",
        "instance_type": f"{_BATCH}.ContainerOverrides.InstanceType",
        "environment": Each(f"{_BATCH}.ContainerOverrides.Environment", {"name": "Name", "value": _variable_value}),
        "resource_requirement": Each(
            f"{_BATCH}.ContainerOverrides.ResourceRequirements", {"type": "Type", "value": "Value"}
        ),
    },
}

SPECS = [
    ResourceSpec(
        tf_type="aws_pipes_pipe",
        service="pipes",
        list=Call("list_pipes", items="Pipes"),
        details=(Call("describe_pipe", params={"Name": "{Name}"}),),
        id="{Name}",
        arn=Arn("{Arn}", "pipes", "pipe"),
        name="Name",
        arguments={
            "name": "Name",
            "description": "Description",
            "desired_state": "DesiredState",
            "role_arn": "RoleArn",
            "source": "Source",
            "target": "Target",
            "enrichment": "Enrichment",
            "kms_key_identifier": "KmsKeyIdentifier",
            "source_parameters": {
                "filter_criteria": {"filter": Each(f"{_SOURCE}.FilterCriteria.Filters", {"pattern": "Pattern"})},
                "sqs_queue_parameters": {
                    "batch_size": f"{_SOURCE}.SqsQueueParameters.BatchSize",
                    "maximum_batching_window_in_seconds": f"{_SOURCE}.SqsQueueParameters.MaximumBatchingWindowInSeconds",
                },
                "kinesis_stream_parameters": {
                    **_stream_source(f"{_SOURCE}.KinesisStreamParameters"),
                    "starting_position_timestamp": f"{_SOURCE}.KinesisStreamParameters.StartingPositionTimestamp",
                },
                "dynamodb_stream_parameters": _stream_source(f"{_SOURCE}.DynamoDBStreamParameters"),
                "activemq_broker_parameters": _broker_source(f"{_SOURCE}.ActiveMQBrokerParameters"),
                "rabbitmq_broker_parameters": {
                    **_broker_source(f"{_SOURCE}.RabbitMQBrokerParameters"),
                    "virtual_host": f"{_SOURCE}.RabbitMQBrokerParameters.VirtualHost",
                },
                "managed_streaming_kafka_parameters": {
                    **_kafka_source(f"{_SOURCE}.ManagedStreamingKafkaParameters"),
                    "credentials": {
                        "sasl_scram_512_auth": f"{_SOURCE}.ManagedStreamingKafkaParameters.Credentials.SaslScram512Auth",
                        "client_certificate_tls_auth": f"{_SOURCE}.ManagedStreamingKafkaParameters.Credentials"
                        ".ClientCertificateTlsAuth",
                    },
                },
                "self_managed_kafka_parameters": {
                    **_kafka_source(_SELF_KAFKA),
                    "additional_bootstrap_servers": Sorted(f"{_SELF_KAFKA}.AdditionalBootstrapServers"),
                    "server_root_ca_certificate": f"{_SELF_KAFKA}.ServerRootCaCertificate",
                    "credentials": {
                        "basic_auth": f"{_SELF_KAFKA}.Credentials.BasicAuth",
                        "sasl_scram_256_auth": f"{_SELF_KAFKA}.Credentials.SaslScram256Auth",
                        "sasl_scram_512_auth": f"{_SELF_KAFKA}.Credentials.SaslScram512Auth",
                        "client_certificate_tls_auth": f"{_SELF_KAFKA}.Credentials.ClientCertificateTlsAuth",
                    },
                    "vpc": {
                        "subnets": Sorted(f"{_SELF_KAFKA}.Vpc.Subnets"),
                        "security_groups": Sorted(f"{_SELF_KAFKA}.Vpc.SecurityGroup"),
                    },
                },
            },
            "enrichment_parameters": {
                "input_template": "EnrichmentParameters.InputTemplate",
                "http_parameters": {
                    # Header values are often API keys: secret-looking ones become variables.
                    "header_parameters": MaskSecrets(
                        "EnrichmentParameters.HttpParameters.HeaderParameters", "a secret-looking HTTP header"
                    ),
                    "path_parameter_values": "EnrichmentParameters.HttpParameters.PathParameterValues",
                    "query_string_parameters": "EnrichmentParameters.HttpParameters.QueryStringParameters",
                },
            },
            "target_parameters": {
                "input_template": f"{_TARGET}.InputTemplate",
                "sqs_queue_parameters": {
                    "message_group_id": f"{_TARGET}.SqsQueueParameters.MessageGroupId",
                    "message_deduplication_id": f"{_TARGET}.SqsQueueParameters.MessageDeduplicationId",
                },
                "kinesis_stream_parameters": {"partition_key": f"{_TARGET}.KinesisStreamParameters.PartitionKey"},
                "lambda_function_parameters": {"invocation_type": f"{_TARGET}.LambdaFunctionParameters.InvocationType"},
                "eventbridge_event_bus_parameters": {
                    "detail_type": f"{_TARGET}.EventBridgeEventBusParameters.DetailType",
                    "source": f"{_TARGET}.EventBridgeEventBusParameters.Source",
                    "endpoint_id": f"{_TARGET}.EventBridgeEventBusParameters.EndpointId",
                    "resources": Sorted(f"{_TARGET}.EventBridgeEventBusParameters.Resources"),
                    "time": f"{_TARGET}.EventBridgeEventBusParameters.Time",
                },
                "ecs_task_parameters": ECS_TASK,
                "batch_job_parameters": BATCH_JOB,
                "http_parameters": {
                    "header_parameters": MaskSecrets(
                        f"{_TARGET}.HttpParameters.HeaderParameters", "a secret-looking HTTP header"
                    ),
                    "path_parameter_values": f"{_TARGET}.HttpParameters.PathParameterValues",
                    "query_string_parameters": f"{_TARGET}.HttpParameters.QueryStringParameters",
                },
                "redshift_data_parameters": {
                    "database": f"{_TARGET}.RedshiftDataParameters.Database",
                    "db_user": f"{_TARGET}.RedshiftDataParameters.DbUser",
                    "secret_manager_arn": f"{_TARGET}.RedshiftDataParameters.SecretManagerArn",
                    "statement_name": f"{_TARGET}.RedshiftDataParameters.StatementName",
                    "with_event": Flag(f"{_TARGET}.RedshiftDataParameters.WithEvent"),
                    "sqls": Sorted(f"{_TARGET}.RedshiftDataParameters.Sqls"),
                },
                "sagemaker_pipeline_parameters": {
                    "pipeline_parameter": Each(
                        f"{_TARGET}.SageMakerPipelineParameters.PipelineParameterList",
                        {"name": "Name", "value": "Value"},
                    )
                },
                "cloudwatch_logs_parameters": {
                    "log_stream_name": f"{_TARGET}.CloudWatchLogsParameters.LogStreamName",
                    "timestamp": f"{_TARGET}.CloudWatchLogsParameters.Timestamp",
                },
            },
            "log_configuration": {
                "level": f"{_LOGS}.Level",
                "include_execution_data": Sorted(f"{_LOGS}.IncludeExecutionData"),
                "cloudwatch_logs_log_destination": {
                    "log_group_arn": f"{_LOGS}.CloudwatchLogsLogDestination.LogGroupArn"
                },
                "firehose_log_destination": {
                    "delivery_stream_arn": f"{_LOGS}.FirehoseLogDestination.DeliveryStreamArn"
                },
                "s3_log_destination": {
                    "bucket_name": f"{_LOGS}.S3LogDestination.BucketName",
                    "bucket_owner": f"{_LOGS}.S3LogDestination.BucketOwner",
                    "output_format": f"{_LOGS}.S3LogDestination.OutputFormat",
                    "prefix": f"{_LOGS}.S3LogDestination.Prefix",
                },
            },
            "tags": Tags(),
        },
        defaults={"desired_state": "RUNNING"},
        references={
            "role_arn": Ref("aws_iam_role", "arn"),
            "source": Ref(ARN_TARGET, "arn"),
            "target": Ref(ARN_TARGET, "arn"),
            "enrichment": Ref(ARN_TARGET, "arn"),
            "kms_key_identifier": Ref("aws_kms_key", "arn"),
            "log_configuration.cloudwatch_logs_log_destination.log_group_arn": Ref("aws_cloudwatch_log_group", "arn"),
            "log_configuration.firehose_log_destination.delivery_stream_arn": Ref(
                "aws_kinesis_firehose_delivery_stream", "arn"
            ),
            "log_configuration.s3_log_destination.bucket_name": Ref("aws_s3_bucket"),
            "target_parameters.ecs_task_parameters.task_definition_arn": Ref("aws_ecs_task_definition", "arn"),
            "target_parameters.ecs_task_parameters.network_configuration.aws_vpc_configuration.subnets[*]": Ref(
                "aws_subnet"
            ),
            "target_parameters.ecs_task_parameters.network_configuration.aws_vpc_configuration.security_groups[*]": Ref(
                "aws_security_group"
            ),
            "target_parameters.ecs_task_parameters.overrides.task_role_arn": Ref("aws_iam_role", "arn"),
            "target_parameters.ecs_task_parameters.overrides.execution_role_arn": Ref("aws_iam_role", "arn"),
            "target_parameters.redshift_data_parameters.secret_manager_arn": Ref("aws_secretsmanager_secret", "arn"),
            "source_parameters.activemq_broker_parameters.credentials.basic_auth": Ref(
                "aws_secretsmanager_secret", "arn"
            ),
            "source_parameters.rabbitmq_broker_parameters.credentials.basic_auth": Ref(
                "aws_secretsmanager_secret", "arn"
            ),
            "source_parameters.managed_streaming_kafka_parameters.credentials.sasl_scram_512_auth": Ref(
                "aws_secretsmanager_secret", "arn"
            ),
            "source_parameters.self_managed_kafka_parameters.vpc.subnets[*]": Ref("aws_subnet"),
            "source_parameters.self_managed_kafka_parameters.vpc.security_groups[*]": Ref("aws_security_group"),
        },
    ),
]
