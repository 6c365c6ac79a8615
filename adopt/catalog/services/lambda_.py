"""Lambda functions and the permissions in their resource policies.

The deployed code cannot be downloaded into Terraform: a function gets a code
location that satisfies the provider (its S3 object when Lambda reports one, a
placeholder file otherwise) and ``ignore_changes`` on it, so adopting never
redeploys the live code.
"""

from __future__ import annotations

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
    MaskSecrets,
    Not,
    Or,
    Pluck,
    Ref,
    ResourceSpec,
    Sorted,
    Tags,
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
