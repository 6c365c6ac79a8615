"""Lambda functions and the permissions in their resource policies.

The deployed code cannot be downloaded into Terraform: a function gets a code
location that satisfies the provider (its S3 object when Lambda reports one, a
placeholder file otherwise) and ``ignore_changes`` on it, so adopting never
redeploys the live code.
"""

from __future__ import annotations

from ..spec import ARN_TARGETS, Call, Each, Pluck, Ref, ResourceSpec, Secret, Tags, get_path, looks_secret, parse_json


def secret_map(path: str, why: str):
    """A map whose values become sensitive variables when their name or value
    looks secret (a password in a name, credentials in a URL)."""

    def value(item, ctx):
        raw = get_path(item, path)
        if not raw:
            return None
        return {k: Secret(why) if looks_secret(k, v) else v for k, v in sorted(raw.items())}

    return value


def _zip_only(path):
    return lambda item, ctx: item.get(path) if item.get("PackageType", "Zip") == "Zip" else None


_S3_FIELDS = {"s3_bucket": "S3Bucket", "s3_key": "S3Key", "s3_object_version": "S3ObjectVersion"}


def _code_location(argument):
    """The S3 object Lambda resolved the code from, else a placeholder file."""

    def value(item, ctx):
        if item.get("PackageType") == "Image":
            return None  # image_uri says exactly where the code is
        s3 = get_path(item, "Code.ResolvedS3Object")
        if s3:
            return s3.get(_S3_FIELDS.get(argument, ""))
        return f"{item['FunctionName']}.zip" if argument == "filename" else None

    return value


def _vpc_config(item, ctx):
    vpc = item.get("VpcConfig") or {}
    if not vpc.get("SubnetIds"):
        return None  # AWS reports an empty VPC config for functions outside a VPC
    return {
        "subnet_ids": sorted(vpc["SubnetIds"]),
        "security_group_ids": sorted(vpc.get("SecurityGroupIds") or []),
        "ipv6_allowed_for_dual_stack": vpc.get("Ipv6AllowedForDualStack") or None,
    }


def _logging_config(item, ctx):
    """Only a non-default logging config: every function reports Text format to /aws/lambda/<name>."""
    log = item.get("LoggingConfig") or {}
    default_group = f"/aws/lambda/{item.get('FunctionName')}"
    group = log.get("LogGroup") if log.get("LogGroup") != default_group else None
    if log.get("LogFormat", "Text") == "Text" and not group:
        return None
    return {
        "log_format": log.get("LogFormat"),
        "log_group": group,
        "application_log_level": log.get("ApplicationLogLevel"),
        "system_log_level": log.get("SystemLogLevel"),
    }


def _unless(path, default):
    """The value at ``path`` unless it is AWS's default for every function."""

    def value(item, ctx):
        got = get_path(item, path)
        return None if got == default else got

    return value


def _statements(page):
    return (parse_json(page.get("Policy")) or {}).get("Statement") or []


def _principal(item, ctx):
    principal = item.get("Principal")
    if isinstance(principal, dict):
        return principal.get("AWS") or principal.get("Service")
    return principal


def _condition(operator, key):
    return lambda item, ctx: ((item.get("Condition") or {}).get(operator) or {}).get(key)


def _invoked_via_url(item, ctx):
    flag = _condition("Bool", "lambda:InvokedViaFunctionUrl")(item, ctx)
    return None if flag is None else str(flag).lower() == "true"


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
        arn="{FunctionArn}",
        name="FunctionName",
        # The live code exists only in AWS: a replacement would lose it.
        stateful=True,
        arguments={
            "function_name": "FunctionName",
            "description": "Description",
            "role": "Role",
            "package_type": "PackageType",
            "runtime": _zip_only("Runtime"),
            "handler": _zip_only("Handler"),
            "filename": _code_location("filename"),
            "s3_bucket": _code_location("s3_bucket"),
            "s3_key": _code_location("s3_key"),
            "s3_object_version": _code_location("s3_object_version"),
            "image_uri": "Code.ImageUri",
            "architectures": "Architectures",
            "memory_size": "MemorySize",
            "timeout": "Timeout",
            "reserved_concurrent_executions": "Concurrency.ReservedConcurrentExecutions",
            "kms_key_arn": "KMSKeyArn",
            "source_kms_key_arn": "Code.SourceKMSKeyArn",
            "code_signing_config_arn": "CodeSigningConfigArn",
            "layers": Pluck("Layers", "Arn"),
            "environment": {"variables": secret_map("Environment.Variables", "a secret-looking environment variable")},
            "vpc_config": _vpc_config,
            "dead_letter_config": {"target_arn": "DeadLetterConfig.TargetArn"},
            "tracing_config": {"mode": _unless("TracingConfig.Mode", "PassThrough")},
            "ephemeral_storage": {"size": _unless("EphemeralStorage.Size", 512)},
            "snap_start": {"apply_on": _unless("SnapStart.ApplyOn", "None")},
            "logging_config": _logging_config,
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
        emulator_gaps="moto returns neither the S3 object of a function's code nor its dead-letter, logging and "
        "SnapStart settings",
    ),
    ResourceSpec(
        tf_type="aws_lambda_permission",
        service="lambda",
        risk="privilege",
        parent="aws_lambda_function",
        list=Call(
            "get_policy",
            params={"FunctionName": "{parent.FunctionName}"},
            items=_statements,
            absent_on=("ResourceNotFoundException",),
        ),
        id="{parent.FunctionName}/{Sid}",
        label="Sid",
        arguments={
            "function_name": "parent.FunctionName",
            "statement_id": "Sid",
            "action": "Action",
            "principal": _principal,
            "source_arn": _condition("ArnLike", "AWS:SourceArn"),
            "source_account": _condition("StringEquals", "AWS:SourceAccount"),
            "principal_org_id": _condition("StringEquals", "aws:PrincipalOrgID"),
            "event_source_token": _condition("StringEquals", "lambda:EventSourceToken"),
            "function_url_auth_type": _condition("StringEquals", "lambda:FunctionUrlAuthType"),
            "invoked_via_function_url": _invoked_via_url,
        },
        references={"function_name": Ref("aws_lambda_function"), "source_arn": Ref(ARN_TARGETS, "arn")},
    ),
]
