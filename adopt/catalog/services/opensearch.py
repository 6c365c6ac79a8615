"""OpenSearch Service domains (OpenSearch and Elasticsearch engines)."""

from __future__ import annotations

from ..spec import (
    Above,
    Call,
    Each,
    Entries,
    Is,
    JsonDocument,
    Ref,
    ResourceSpec,
    Sorted,
    Tags,
    TagsCall,
    When,
)

# What AWS sets on every new domain: not a choice anyone made.
AWS_ADVANCED_OPTIONS = {"rest.action.multi.allow_explicit_index": "true", "override_main_response_version": "false"}

_STATUS = "DomainStatus"


def _advanced_options(item, ctx):
    options = (item.get(_STATUS) or {}).get("AdvancedOptions") or {}
    return {k: v for k, v in sorted(options.items()) if AWS_ADVANCED_OPTIONS.get(k) != v} or None


def status(path: str) -> str:
    return f"{_STATUS}.{path}"


SPECS = [
    ResourceSpec(
        tf_type="aws_opensearch_domain",
        service="opensearch",
        name_argument="domain_name",
        list=Call("list_domain_names", items="DomainNames"),
        details=(
            Call("describe_domain", params={"DomainName": "{DomainName}"}),
            TagsCall("list_tags", ARN="{DomainStatus.ARN}", answer="TagList"),
        ),
        id="{DomainName}",
        arn="arn:aws:es:{region}:{account}:domain/{DomainName}",
        name="DomainName",
        stateful=True,
        risk="privilege",  # its access policy says who may read and write the data
        arguments={
            "domain_name": "DomainName",
            "engine_version": status("EngineVersion"),
            "ip_address_type": status("IPAddressType"),
            "access_policies": JsonDocument(status("AccessPolicies")),
            "advanced_options": _advanced_options,
            "cluster_config": {
                "instance_type": status("ClusterConfig.InstanceType"),
                "instance_count": status("ClusterConfig.InstanceCount"),
                "dedicated_master_enabled": status("ClusterConfig.DedicatedMasterEnabled"),
                "dedicated_master_type": status("ClusterConfig.DedicatedMasterType"),
                "dedicated_master_count": status("ClusterConfig.DedicatedMasterCount"),
                "zone_awareness_enabled": status("ClusterConfig.ZoneAwarenessEnabled"),
                "zone_awareness_config": When(
                    Is(status("ClusterConfig.ZoneAwarenessEnabled"), True),
                    {"availability_zone_count": status("ClusterConfig.ZoneAwarenessConfig.AvailabilityZoneCount")},
                ),
                "warm_enabled": status("ClusterConfig.WarmEnabled"),
                "warm_type": status("ClusterConfig.WarmType"),
                "warm_count": status("ClusterConfig.WarmCount"),
                "multi_az_with_standby_enabled": status("ClusterConfig.MultiAZWithStandbyEnabled"),
                "cold_storage_options": {"enabled": status("ClusterConfig.ColdStorageOptions.Enabled")},
            },
            "ebs_options": {
                "ebs_enabled": status("EBSOptions.EBSEnabled"),
                "volume_type": status("EBSOptions.VolumeType"),
                "volume_size": status("EBSOptions.VolumeSize"),
                "iops": status("EBSOptions.Iops"),
                "throughput": status("EBSOptions.Throughput"),
            },
            "encrypt_at_rest": {
                "enabled": status("EncryptionAtRestOptions.Enabled"),
                "kms_key_id": status("EncryptionAtRestOptions.KmsKeyId"),
            },
            "node_to_node_encryption": {"enabled": status("NodeToNodeEncryptionOptions.Enabled")},
            "domain_endpoint_options": {
                "enforce_https": status("DomainEndpointOptions.EnforceHTTPS"),
                "tls_security_policy": status("DomainEndpointOptions.TLSSecurityPolicy"),
                "custom_endpoint_enabled": status("DomainEndpointOptions.CustomEndpointEnabled"),
                "custom_endpoint": status("DomainEndpointOptions.CustomEndpoint"),
                "custom_endpoint_certificate_arn": status("DomainEndpointOptions.CustomEndpointCertificateArn"),
            },
            "advanced_security_options": When(
                Is(status("AdvancedSecurityOptions.Enabled"), True),
                {
                    "enabled": status("AdvancedSecurityOptions.Enabled"),
                    "internal_user_database_enabled": status("AdvancedSecurityOptions.InternalUserDatabaseEnabled"),
                    "anonymous_auth_enabled": status("AdvancedSecurityOptions.AnonymousAuthEnabled"),
                },
            ),
            "vpc_options": {
                "subnet_ids": Sorted(status("VPCOptions.SubnetIds")),
                "security_group_ids": Sorted(status("VPCOptions.SecurityGroupIds")),
            },
            "cognito_options": When(
                Is(status("CognitoOptions.Enabled"), True),
                {
                    "enabled": status("CognitoOptions.Enabled"),
                    "user_pool_id": status("CognitoOptions.UserPoolId"),
                    "identity_pool_id": status("CognitoOptions.IdentityPoolId"),
                    "role_arn": status("CognitoOptions.RoleArn"),
                },
            ),
            # Deprecated: new domains report hour 0 and take hourly snapshots instead.
            "snapshot_options": When(
                Above(status("SnapshotOptions.AutomatedSnapshotStartHour"), 0),
                {"automated_snapshot_start_hour": status("SnapshotOptions.AutomatedSnapshotStartHour")},
            ),
            "log_publishing_options": Each(
                Entries(status("LogPublishingOptions")),
                {
                    "log_type": "Key",
                    "cloudwatch_log_group_arn": "Value.CloudWatchLogsLogGroupArn",
                    "enabled": "Value.Enabled",
                },
            ),
            "software_update_options": {
                "auto_software_update_enabled": status("SoftwareUpdateOptions.AutoSoftwareUpdateEnabled")
            },
            "tags": Tags(),
        },
        references={
            "encrypt_at_rest.kms_key_id": Ref("aws_kms_key", "arn"),
            "vpc_options.subnet_ids[*]": Ref("aws_subnet"),
            "vpc_options.security_group_ids[*]": Ref("aws_security_group"),
            "cognito_options.role_arn": Ref("aws_iam_role", "arn"),
            "log_publishing_options[*].cloudwatch_log_group_arn": Ref("aws_cloudwatch_log_group", "arn"),
            "domain_endpoint_options.custom_endpoint_certificate_arn": Ref("aws_acm_certificate", "arn"),
        },
    ),
]
