"""CodeBuild projects."""

from __future__ import annotations

from ..spec import (
    Arn,
    Call,
    Each,
    EndsWith,
    Has,
    Is,
    Not,
    Ref,
    ResourceSpec,
    Secret,
    Sorted,
    Tags,
    When,
    looks_secret,
)


def _variable_value(variable, ctx):
    """A plain-text value that looks secret becomes a sensitive variable.

    Parameter Store and Secrets Manager variables hold the name of where the
    secret is, not the secret: they are kept as they are.
    """
    name, value = variable.get("name") or "", variable.get("value")
    if (variable.get("type") or "PLAINTEXT") == "PLAINTEXT" and looks_secret(name, value):
        return Secret(f"build environment variable {name} looks like a secret")
    return value


_ARTIFACT = {
    "type": "type",
    "location": "location",
    "path": "path",
    "name": "name",
    "namespace_type": "namespaceType",
    "packaging": "packaging",
    "override_artifact_name": "overrideArtifactName",
    "encryption_disabled": "encryptionDisabled",
    "artifact_identifier": "artifactIdentifier",
    "bucket_owner_access": "bucketOwnerAccess",
}
_SOURCE = {
    "type": "type",
    "location": "location",
    "buildspec": "buildspec",
    "git_clone_depth": "gitCloneDepth",
    "insecure_ssl": "insecureSsl",
    "report_build_status": "reportBuildStatus",
    "git_submodules_config": {"fetch_submodules": "gitSubmodulesConfig.fetchSubmodules"},
    "build_status_config": {"context": "buildStatusConfig.context", "target_url": "buildStatusConfig.targetUrl"},
}
_ENV = "environment"


def _under(prefix: str, fields: dict) -> dict:
    """The same fields, read from the object at ``prefix`` (a block the project holds once)."""
    return {k: _under(prefix, v) if isinstance(v, dict) else f"{prefix}.{v}" for k, v in fields.items()}


_LOGS = "logsConfig"

SPECS = [
    ResourceSpec(
        tf_type="aws_codebuild_project",
        service="codebuild",
        list=Call("list_projects", items="projects", item_key="name"),
        details=(Call("batch_get_projects", items="projects", params={"names": ["{name}"]}),),
        id="{name}",
        arn=Arn("{arn}", "codebuild", "project"),
        name="name",
        arguments={
            "name": "name",
            "description": "description",
            "service_role": "serviceRole",
            "build_timeout": "timeoutInMinutes",
            "queued_timeout": "queuedTimeoutInMinutes",
            "concurrent_build_limit": "concurrentBuildLimit",
            "auto_retry_limit": "autoRetryLimit",
            "source_version": "sourceVersion",
            "project_visibility": "projectVisibility",
            "resource_access_role": "resourceAccessRole",
            "badge_enabled": "badge.badgeEnabled",
            # The account's AWS-managed S3 key is what a project has unless given one.
            "encryption_key": When(Not(EndsWith("encryptionKey", ":alias/aws/s3")), "encryptionKey"),
            "source": _under("source", _SOURCE),
            "secondary_sources": Each("secondarySources", {**_SOURCE, "source_identifier": "sourceIdentifier"}),
            "secondary_source_version": Each(
                "secondarySourceVersions", {"source_identifier": "sourceIdentifier", "source_version": "sourceVersion"}
            ),
            "artifacts": _under("artifacts", _ARTIFACT),
            "secondary_artifacts": Each("secondaryArtifacts", _ARTIFACT),
            "cache": When(
                Not(Is("cache.type", None, "NO_CACHE")),
                {
                    "type": "cache.type",
                    "location": "cache.location",
                    "modes": "cache.modes",
                    "cache_namespace": "cache.cacheNamespace",
                },
            ),
            "environment": {
                "type": f"{_ENV}.type",
                "image": f"{_ENV}.image",
                "compute_type": f"{_ENV}.computeType",
                "privileged_mode": f"{_ENV}.privilegedMode",
                "certificate": f"{_ENV}.certificate",
                "image_pull_credentials_type": f"{_ENV}.imagePullCredentialsType",
                "environment_variable": Each(
                    f"{_ENV}.environmentVariables", {"name": "name", "value": _variable_value, "type": "type"}
                ),
                # The ARN or name of the secret holding the registry's credentials, not the credentials.
                "registry_credential": {
                    "credential": f"{_ENV}.registryCredential.credential",
                    "credential_provider": f"{_ENV}.registryCredential.credentialProvider",
                },
                "fleet": {"fleet_arn": f"{_ENV}.fleet.fleetArn"},
            },
            "vpc_config": When(
                Has("vpcConfig.vpcId"),
                {
                    "vpc_id": "vpcConfig.vpcId",
                    "subnets": Sorted("vpcConfig.subnets"),
                    "security_group_ids": Sorted("vpcConfig.securityGroupIds"),
                },
            ),
            "logs_config": {
                "cloudwatch_logs": {
                    "status": f"{_LOGS}.cloudWatchLogs.status",
                    "group_name": f"{_LOGS}.cloudWatchLogs.groupName",
                    "stream_name": f"{_LOGS}.cloudWatchLogs.streamName",
                },
                "s3_logs": {
                    "status": f"{_LOGS}.s3Logs.status",
                    "location": f"{_LOGS}.s3Logs.location",
                    "encryption_disabled": f"{_LOGS}.s3Logs.encryptionDisabled",
                    "bucket_owner_access": f"{_LOGS}.s3Logs.bucketOwnerAccess",
                },
            },
            "file_system_locations": Each(
                "fileSystemLocations",
                {
                    "type": "type",
                    "location": "location",
                    "mount_point": "mountPoint",
                    "identifier": "identifier",
                    "mount_options": "mountOptions",
                },
            ),
            "build_batch_config": When(
                Has("buildBatchConfig.serviceRole"),
                {
                    "service_role": "buildBatchConfig.serviceRole",
                    "combine_artifacts": "buildBatchConfig.combineArtifacts",
                    "timeout_in_mins": "buildBatchConfig.timeoutInMins",
                    "restrictions": {
                        "maximum_builds_allowed": "buildBatchConfig.restrictions.maximumBuildsAllowed",
                        "compute_types_allowed": "buildBatchConfig.restrictions.computeTypesAllowed",
                    },
                },
            ),
            "tags": Tags("tags"),
        },
        defaults={"build_timeout": 60, "queued_timeout": 480, "badge_enabled": False},
        references={
            "service_role": Ref("aws_iam_role", "arn"),
            "resource_access_role": Ref("aws_iam_role", "arn"),
            "encryption_key": Ref("aws_kms_key", "arn"),
            "vpc_config.vpc_id": Ref("aws_vpc"),
            "vpc_config.subnets[*]": Ref("aws_subnet"),
            "vpc_config.security_group_ids[*]": Ref("aws_security_group"),
            "logs_config.cloudwatch_logs.group_name": Ref("aws_cloudwatch_log_group", "name"),
            "build_batch_config.service_role": Ref("aws_iam_role", "arn"),
            "environment.registry_credential.credential": Ref("aws_secretsmanager_secret", "arn"),
            "artifacts.location": Ref("aws_s3_bucket"),
        },
    ),
]
