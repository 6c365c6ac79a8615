"""EventBridge Pipes: a source, optional filtering and enrichment, and a target.

The settings written are the common ones: filters, batching of queue and
stream sources, the target's input and its queue, stream, Lambda and event-bus
parameters, and logging.
"""

from __future__ import annotations

from ..spec import ARN_TARGET, Arn, Call, Each, MaskSecrets, Ref, ResourceSpec, Sorted, Tags

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
        },
    ),
]
