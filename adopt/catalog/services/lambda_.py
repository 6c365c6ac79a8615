"""Lambda functions, the permissions in their resource policies, and what hangs
off a function: aliases, layers, event source mappings, function URLs and
asynchronous invocation settings.

The deployed code cannot be downloaded into Terraform: a function gets a code
location that satisfies the provider (its S3 object when Lambda reports one, a
placeholder file otherwise) and ``ignore_changes`` on it, so adopting never
redeploys the live code.
"""

from __future__ import annotations

import re

from ..spec import (
    ARN_TARGET,
    And,
    Arn,
    Bool,
    Call,
    Child,
    Each,
    Flag,
    Format,
    Has,
    Is,
    Map,
    MaskSecrets,
    Not,
    Or,
    Pluck,
    Ref,
    ResourceSpec,
    Sorted,
    StartsWith,
    Tags,
    TagsCall,
    Unless,
    When,
    parse_json,
)

ZIP = Is("PackageType", "Zip", None)
IMAGE = Is("PackageType", "Image")
S3_CODE = "Code.ResolvedS3Object"  # the S3 object Lambda resolved the code from


def s3_code(field: str) -> When:
    return When(Not(IMAGE), f"{S3_CODE}.{field}")  # image_uri says exactly where an image's code is


# Only a non-default logging config: every function reports Text format to /aws/lambda/<name>.
_LOG_GROUP = Unless("LoggingConfig.LogGroup", Format("/aws/lambda/{FunctionName}"))
LOGGING_CONFIG = When(
    Or(Not(Is("LoggingConfig.LogFormat", "Text", None)), _LOG_GROUP),
    {
        "log_format": "LoggingConfig.LogFormat",
        "log_group": _LOG_GROUP,
        "application_log_level": "LoggingConfig.ApplicationLogLevel",
        "system_log_level": "LoggingConfig.SystemLogLevel",
    },
)


def _statements(page):
    return (parse_json(page.get("Policy")) or {}).get("Statement") or []


def _principal(item, ctx):
    principal = item.get("Principal")
    if isinstance(principal, dict):
        return principal.get("AWS") or principal.get("Service")
    return principal


def _qualifier(item, ctx):
    """The alias or version an ARN ends in (``function:orders:live``); none for
    the function itself, which AWS may also spell ``:$LATEST``."""
    parts = str(item.get("FunctionArn") or "").split(":")
    qualifier = parts[7] if len(parts) > 7 else None
    return None if qualifier in (None, "", "$LATEST") else qualifier


def _function_and_qualifier(item, ctx):
    """The import ID of a per-qualifier setting: ``orders`` or ``orders:live``."""
    qualifier = _qualifier(item, ctx)
    name = ctx.parent["FunctionName"]
    return f"{name}:{qualifier}" if qualifier else name


def _function_url_id(item, ctx):
    """The import ID of a function URL: ``orders`` or ``orders/live``."""
    qualifier = _qualifier(item, ctx)
    name = ctx.parent["FunctionName"]
    return f"{name}/{qualifier}" if qualifier else name


def _arn_name(arn: str) -> str:
    """The name in an ARN's resource part: ``orders`` of ``...:sqs:...:orders``,
    ``events`` of ``...:kafka:...:cluster/events/<uuid>``."""
    parts = arn.split(":", 5)
    pieces = re.split(r"[:/]", parts[5]) if len(parts) == 6 else [""]
    return pieces[1] if len(pieces) > 1 else pieces[0]


def _mapping_label(item, ctx):
    """``<function> <source>``, by their names."""
    names = (_arn_name(str(item.get(key) or "")) for key in ("FunctionArn", "EventSourceArn"))
    return " ".join(name for name in names if name) or None


def _filters(item, ctx):
    """Event filter patterns, each the exact text AWS holds (the provider compares text)."""
    filters = (item.get("FilterCriteria") or {}).get("Filters") or []
    return [{"pattern": f["Pattern"]} for f in filters if f.get("Pattern")] or None


# Event sources whose mappings read a stream from a position (not queues).
_STREAM_SOURCE = Or(StartsWith("EventSourceArn", "arn:aws:kinesis:"), StartsWith("EventSourceArn", "arn:aws:dynamodb:"))

SPECS = [
    ResourceSpec(
        tf_type="aws_lambda_function",
        service="lambda",
        name_argument="function_name",
        list=Call("list_functions", items="Functions"),
        details=(
            # Tags, reserved concurrency and the code location.
            Call("get_function", params={"FunctionName": "{FunctionName}"}),
            Call(
                "get_function_code_signing_config",
                params={"FunctionName": "{FunctionName}"},
                absent_on=("ResourceNotFoundException", "InvalidParameterValueException"),
            ),
        ),
        id="{FunctionName}",
        arn=Arn("{FunctionArn}", "lambda", "function"),
        name="FunctionName",
        # What API Gateway integrations and authorizers name the function by.
        exports={
            "invoke_arn": Format(
                "arn:aws:apigateway:{region}:lambda:path/2015-03-31/functions/{FunctionArn}/invocations"
            )
        },
        # The live code exists only in AWS: a replacement would lose it.
        stateful=True,
        arguments={
            "function_name": "FunctionName",
            "description": "Description",
            "role": "Role",
            "package_type": "PackageType",
            "runtime": When(ZIP, "Runtime"),
            "handler": When(ZIP, "Handler"),
            # The S3 object Lambda resolved the code from, else a placeholder file.
            "filename": When(And(Not(IMAGE), Not(Has(S3_CODE))), Format("{FunctionName}.zip")),
            "s3_bucket": s3_code("S3Bucket"),
            "s3_key": s3_code("S3Key"),
            "s3_object_version": s3_code("S3ObjectVersion"),
            "image_uri": "Code.ImageUri",
            "architectures": "Architectures",
            "memory_size": "MemorySize",
            "timeout": "Timeout",
            "reserved_concurrent_executions": "Concurrency.ReservedConcurrentExecutions",
            "kms_key_arn": "KMSKeyArn",
            "source_kms_key_arn": "Code.SourceKMSKeyArn",
            "code_signing_config_arn": "CodeSigningConfigArn",
            "layers": Pluck("Layers", "Arn"),
            "environment": {"variables": MaskSecrets("Environment.Variables", "a secret-looking environment variable")},
            # AWS reports an empty VPC config for functions outside a VPC.
            "vpc_config": When(
                Has("VpcConfig.SubnetIds"),
                {
                    "subnet_ids": Sorted("VpcConfig.SubnetIds"),
                    "security_group_ids": Sorted("VpcConfig.SecurityGroupIds"),
                    "ipv6_allowed_for_dual_stack": Flag("VpcConfig.Ipv6AllowedForDualStack"),
                },
            ),
            "dead_letter_config": {"target_arn": "DeadLetterConfig.TargetArn"},
            # Left out where they are AWS's default for every function.
            "tracing_config": {"mode": Unless("TracingConfig.Mode", "PassThrough")},
            "ephemeral_storage": {"size": Unless("EphemeralStorage.Size", 512)},
            "snap_start": {"apply_on": Unless("SnapStart.ApplyOn", "None")},
            "logging_config": LOGGING_CONFIG,
            "file_system_config": Each("FileSystemConfigs", {"arn": "Arn", "local_mount_path": "LocalMountPath"}),
            "image_config": {
                "command": "ImageConfigResponse.ImageConfig.Command",
                "entry_point": "ImageConfigResponse.ImageConfig.EntryPoint",
                "working_directory": "ImageConfigResponse.ImageConfig.WorkingDirectory",
            },
            "tenancy_config": {"tenant_isolation_mode": "TenancyConfig.TenantIsolationMode"},
            "durable_config": {
                "execution_timeout": "DurableConfig.ExecutionTimeout",
                "retention_period": "DurableConfig.RetentionPeriodInDays",
            },
            "capacity_provider_config": {
                "lambda_managed_instances_capacity_provider_config": {
                    "capacity_provider_arn": "CapacityProviderConfig.LambdaManagedInstancesCapacityProviderConfig"
                    ".CapacityProviderArn",
                    "execution_environment_memory_gib_per_vcpu": "CapacityProviderConfig"
                    ".LambdaManagedInstancesCapacityProviderConfig.ExecutionEnvironmentMemoryGiBPerVCpu",
                    "per_execution_environment_max_concurrency": "CapacityProviderConfig"
                    ".LambdaManagedInstancesCapacityProviderConfig.PerExecutionEnvironmentMaxConcurrency",
                }
            },
            "tags": Tags("Tags"),
        },
        defaults={
            "package_type": "Zip",
            "architectures": ["x86_64"],
            "memory_size": 128,
            "timeout": 3,
            "reserved_concurrent_executions": -1,
        },
        references={
            "role": Ref("aws_iam_role", "arn"),
            "kms_key_arn": Ref("aws_kms_key", "arn"),
            "layers[*]": Ref("aws_lambda_layer_version", "arn"),
            "vpc_config.subnet_ids[*]": Ref("aws_subnet"),
            "vpc_config.security_group_ids[*]": Ref("aws_security_group"),
            # SQS or SNS; a queue is by far the usual dead-letter target.
            "dead_letter_config.target_arn": Ref({"sqs": "aws_sqs_queue", "sns": "aws_sns_topic"}, "arn"),
            "logging_config.log_group": Ref("aws_cloudwatch_log_group", "name"),
            "file_system_config[*].arn": Ref("aws_efs_access_point", "arn"),
        },
        ignore_changes=("filename", "s3_bucket", "s3_key", "s3_object_version"),
        ignore_reason=(
            "Lambda cannot give back a deployed .zip: this code location only satisfies the provider; "
            "ignoring it keeps the live code."
        ),
    ),
    ResourceSpec(
        tf_type="aws_lambda_permission",
        service="lambda",
        risk="privilege",
        child=Child(
            "aws_lambda_function",
            call=Call(
                "get_policy",
                params={"FunctionName": "{parent.FunctionName}"},
                items=_statements,
                absent_on=("ResourceNotFoundException",),
            ),
        ),
        id="{parent.FunctionName}/{Sid}",
        label="Sid",
        arguments={
            "function_name": "parent.FunctionName",
            "statement_id": "Sid",
            "action": "Action",
            "principal": _principal,
            "source_arn": "Condition.ArnLike.AWS:SourceArn",
            "source_account": "Condition.StringEquals.AWS:SourceAccount",
            "principal_org_id": "Condition.StringEquals.aws:PrincipalOrgID",
            "event_source_token": "Condition.StringEquals.lambda:EventSourceToken",
            "function_url_auth_type": "Condition.StringEquals.lambda:FunctionUrlAuthType",
            "invoked_via_function_url": Bool("Condition.Bool.lambda:InvokedViaFunctionUrl"),
        },
        references={"function_name": Ref("aws_lambda_function"), "source_arn": Ref(ARN_TARGET, "arn")},
    ),
]

SPECS += [
    ResourceSpec(
        tf_type="aws_lambda_alias",
        service="lambda",
        child=Child(
            "aws_lambda_function",
            call=Call("list_aliases", params={"FunctionName": "{parent.FunctionName}"}, items="Aliases"),
        ),
        id="{parent.FunctionName}/{Name}",
        arn=Arn("{AliasArn}", "lambda", "function"),
        name="Name",
        label="Name",
        arguments={
            "name": "Name",
            "function_name": "parent.FunctionName",
            "function_version": "FunctionVersion",
            "description": "Description",
            "routing_config": {"additional_version_weights": "RoutingConfig.AdditionalVersionWeights"},
        },
        references={"function_name": Ref("aws_lambda_function")},
    ),
    ResourceSpec(
        # The latest version of each layer: Terraform manages a layer as one
        # resource whose changes publish a new version; older versions are history.
        tf_type="aws_lambda_layer_version",
        service="lambda",
        name_argument="layer_name",
        list=Call("list_layers", items="Layers"),
        id="{LatestMatchingVersion.LayerVersionArn}",
        arn=Arn("{LatestMatchingVersion.LayerVersionArn}", "lambda", "layer"),
        name="LayerName",
        arguments={
            "layer_name": "LayerName",
            "description": "LatestMatchingVersion.Description",
            "license_info": "LatestMatchingVersion.LicenseInfo",
            "compatible_runtimes": Sorted("LatestMatchingVersion.CompatibleRuntimes"),
            "compatible_architectures": Sorted("LatestMatchingVersion.CompatibleArchitectures"),
            # Lambda cannot give back the published .zip: a placeholder, ignored below.
            "filename": Format("{LayerName}.zip"),
        },
        # A replaced version would be deleted, and functions still use it.
        stateful=True,
        ignore_changes=("filename",),
        ignore_reason=(
            "Lambda cannot give back a published layer's .zip: this file only satisfies the provider; "
            "ignoring it keeps the published version."
        ),
    ),
    ResourceSpec(
        tf_type="aws_lambda_event_source_mapping",
        service="lambda",
        name_argument=None,
        list=Call("list_event_source_mappings", items="EventSourceMappings"),
        details=(TagsCall("list_tags", Resource="{EventSourceMappingArn}", absent_on=("ResourceNotFoundException",)),),
        id="{UUID}",
        arn=Arn("{EventSourceMappingArn}", "lambda", "event-source-mapping"),
        label=_mapping_label,
        arguments={
            "function_name": "FunctionArn",
            "event_source_arn": "EventSourceArn",
            "enabled": Map(Is("State", "Disabled", "Disabling"), {True: False, False: None}),
            "batch_size": "BatchSize",
            "maximum_batching_window_in_seconds": "MaximumBatchingWindowInSeconds",
            # (AWS answers a starting position only for streams and Kafka topics.)
            "starting_position": "StartingPosition",
            "starting_position_timestamp": "StartingPositionTimestamp",
            "parallelization_factor": When(_STREAM_SOURCE, "ParallelizationFactor"),
            "maximum_record_age_in_seconds": When(_STREAM_SOURCE, "MaximumRecordAgeInSeconds"),
            "maximum_retry_attempts": When(_STREAM_SOURCE, "MaximumRetryAttempts"),
            "bisect_batch_on_function_error": Flag("BisectBatchOnFunctionError"),
            "tumbling_window_in_seconds": Unless("TumblingWindowInSeconds", 0),
            "function_response_types": Sorted("FunctionResponseTypes"),
            "kms_key_arn": "KMSKeyArn",
            "topics": Sorted("Topics"),
            "queues": "Queues",
            "filter_criteria": {"filter": _filters},
            "destination_config": {"on_failure": {"destination_arn": "DestinationConfig.OnFailure.Destination"}},
            "scaling_config": {"maximum_concurrency": "ScalingConfig.MaximumConcurrency"},
            "source_access_configuration": Each("SourceAccessConfigurations", {"type": "Type", "uri": "URI"}),
            "self_managed_event_source": {"endpoints": "SelfManagedEventSource.Endpoints"},
            "metrics_config": {"metrics": Sorted("MetricsConfig.Metrics")},
            "amazon_managed_kafka_event_source_config": {
                "consumer_group_id": "AmazonManagedKafkaEventSourceConfig.ConsumerGroupId"
            },
            "self_managed_kafka_event_source_config": {
                "consumer_group_id": "SelfManagedKafkaEventSourceConfig.ConsumerGroupId"
            },
            "document_db_event_source_config": {
                "database_name": "DocumentDBEventSourceConfig.DatabaseName",
                "collection_name": "DocumentDBEventSourceConfig.CollectionName",
                "full_document": "DocumentDBEventSourceConfig.FullDocument",
            },
            "provisioned_poller_config": {
                "minimum_pollers": "ProvisionedPollerConfig.MinimumPollers",
                "maximum_pollers": "ProvisionedPollerConfig.MaximumPollers",
            },
            "tags": Tags(),
        },
        references={
            "function_name": Ref("aws_lambda_function", "arn"),
            "event_source_arn": Ref(ARN_TARGET, "arn"),
            "kms_key_arn": Ref("aws_kms_key", "arn"),
            "destination_config.on_failure.destination_arn": Ref(ARN_TARGET, "arn"),
            # A Kafka source's credentials are a Secrets Manager secret.
            "source_access_configuration[*].uri": Ref(ARN_TARGET, "arn"),
        },
    ),
    ResourceSpec(
        tf_type="aws_lambda_function_url",
        service="lambda",
        name_argument=None,
        child=Child(
            "aws_lambda_function",
            call=Call(
                "list_function_url_configs",
                params={"FunctionName": "{parent.FunctionName}"},
                items="FunctionUrlConfigs",
                absent_on=("ResourceNotFoundException",),
            ),
        ),
        id=_function_url_id,
        label=_qualifier,
        # An AuthType of NONE makes the function public: its URL is a grant.
        risk="privilege",
        arguments={
            "function_name": "parent.FunctionName",
            "qualifier": _qualifier,
            "authorization_type": "AuthType",
            "invoke_mode": "InvokeMode",
            "cors": {
                "allow_credentials": Flag("Cors.AllowCredentials"),
                "allow_headers": Sorted("Cors.AllowHeaders"),
                "allow_methods": Sorted("Cors.AllowMethods"),
                "allow_origins": Sorted("Cors.AllowOrigins"),
                "expose_headers": Sorted("Cors.ExposeHeaders"),
                "max_age": Unless("Cors.MaxAge", 0),
            },
        },
        defaults={"invoke_mode": "BUFFERED"},
        references={"function_name": Ref("aws_lambda_function")},
    ),
    ResourceSpec(
        tf_type="aws_lambda_function_event_invoke_config",
        service="lambda",
        name_argument=None,
        child=Child(
            "aws_lambda_function",
            call=Call(
                "list_function_event_invoke_configs",
                params={"FunctionName": "{parent.FunctionName}"},
                items="FunctionEventInvokeConfigs",
                absent_on=("ResourceNotFoundException",),
            ),
        ),
        id=_function_and_qualifier,
        label=_qualifier,
        arguments={
            "function_name": "parent.FunctionName",
            "qualifier": _qualifier,
            "maximum_event_age_in_seconds": "MaximumEventAgeInSeconds",
            "maximum_retry_attempts": "MaximumRetryAttempts",
            "destination_config": {
                "on_failure": {"destination": "DestinationConfig.OnFailure.Destination"},
                "on_success": {"destination": "DestinationConfig.OnSuccess.Destination"},
            },
        },
        defaults={"maximum_retry_attempts": 2},
        references={
            "function_name": Ref("aws_lambda_function"),
            "destination_config.on_failure.destination": Ref(ARN_TARGET, "arn"),
            "destination_config.on_success.destination": Ref(ARN_TARGET, "arn"),
        },
    ),
]
