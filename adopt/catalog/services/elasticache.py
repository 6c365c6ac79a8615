"""ElastiCache clusters (single-cluster Memcached, Redis OSS and Valkey) and cache subnet groups."""

from __future__ import annotations

from ..spec import (
    Arn,
    Call,
    Const,
    Each,
    First,
    Has,
    Is,
    Map,
    Not,
    Or,
    Pluck,
    Ref,
    ResourceSpec,
    Sorted,
    StartsWith,
    Str,
    Tags,
    TagsCall,
    Unless,
    When,
)

DEFAULT_PORTS = {"memcached": 11211, "redis": 6379, "valkey": 6379}


# Describe calls leave tags out.
TAGS_CALL = TagsCall(ResourceName="{ARN}", answer="TagList")


def _engine_version(item, ctx):
    """Redis OSS 6+ and Valkey take "major.minor" ("7.1"); the full version is computed."""
    version = str(item.get("EngineVersion") or "")
    parts = version.split(".")
    if item.get("Engine") in ("redis", "valkey") and parts[0].isdigit() and int(parts[0]) >= 6:
        return ".".join(parts[:2])
    return version or None


_PARAMETER_GROUP = "CacheParameterGroup.CacheParameterGroupName"
_LOG_DETAILS = "DestinationDetails"

SPECS = [
    ResourceSpec(
        tf_type="aws_elasticache_subnet_group",
        service="elasticache",
        list=Call("describe_cache_subnet_groups", items="CacheSubnetGroups"),
        details=(TAGS_CALL,),
        # ElastiCache makes "default" itself, over the default VPC's subnets.
        is_default=Is("CacheSubnetGroupName", "default"),
        id="{CacheSubnetGroupName}",
        arn=Arn("{ARN}", "elasticache", "subnetgroup"),
        name="CacheSubnetGroupName",
        arguments={
            "name": "CacheSubnetGroupName",
            "description": "CacheSubnetGroupDescription",
            "subnet_ids": Sorted(Pluck("Subnets", "SubnetIdentifier")),
            "tags": Tags(),
        },
        defaults={"description": "Managed by Terraform"},
        references={"subnet_ids[*]": Ref("aws_subnet")},
    ),
    ResourceSpec(
        tf_type="aws_elasticache_cluster",
        service="elasticache",
        name_argument="cluster_id",
        list=Call("describe_cache_clusters", items="CacheClusters", params={"ShowCacheNodeInfo": True}),
        details=(TAGS_CALL,),
        # Members of a replication group are managed through aws_elasticache_replication_group.
        include=Not(Has("ReplicationGroupId")),
        id="{CacheClusterId}",
        arn=Arn("{ARN}", "elasticache", "cluster"),
        name="CacheClusterId",
        arguments={
            "cluster_id": "CacheClusterId",
            "engine": "Engine",
            "engine_version": _engine_version,
            "node_type": "CacheNodeType",
            "num_cache_nodes": "NumCacheNodes",
            "port": Unless(
                Or("ConfigurationEndpoint.Port", First("CacheNodes", "Endpoint.Port")), Map("Engine", DEFAULT_PORTS)
            ),
            # The engine's default group belongs to AWS.
            "parameter_group_name": When(Not(StartsWith(_PARAMETER_GROUP, "default.")), _PARAMETER_GROUP),
            "subnet_group_name": "CacheSubnetGroupName",
            "security_group_ids": Sorted(Pluck("SecurityGroups", "SecurityGroupId")),
            # Memcached nodes spread over zones report "Multiple".
            "availability_zone": Unless("PreferredAvailabilityZone", "Multiple"),
            "az_mode": When(Is("PreferredAvailabilityZone", "Multiple"), Const("cross-az")),
            "maintenance_window": "PreferredMaintenanceWindow",
            "snapshot_window": "SnapshotWindow",
            "snapshot_retention_limit": "SnapshotRetentionLimit",
            "notification_topic_arn": "NotificationConfiguration.TopicArn",
            "auto_minor_version_upgrade": Str("AutoMinorVersionUpgrade"),
            "transit_encryption_enabled": "TransitEncryptionEnabled",
            "network_type": "NetworkType",
            "ip_discovery": "IpDiscovery",
            "log_delivery_configuration": Each(
                "LogDeliveryConfigurations",
                {
                    "log_type": "LogType",
                    "log_format": "LogFormat",
                    "destination_type": "DestinationType",
                    "destination": Or(
                        f"{_LOG_DETAILS}.CloudWatchLogsDetails.LogGroup",
                        f"{_LOG_DETAILS}.KinesisFirehoseDetails.DeliveryStream",
                    ),
                },
            ),
            "tags": Tags(),
        },
        defaults={
            "snapshot_retention_limit": 0,
            "auto_minor_version_upgrade": "true",
            "transit_encryption_enabled": False,
            "network_type": "ipv4",
            "ip_discovery": "ipv4",
        },
        references={
            "subnet_group_name": Ref("aws_elasticache_subnet_group", "name"),
            "security_group_ids[*]": Ref("aws_security_group"),
            "parameter_group_name": Ref("aws_elasticache_parameter_group", "name"),
            "notification_topic_arn": Ref("aws_sns_topic", "arn"),
            "log_delivery_configuration[*].destination": Ref("aws_cloudwatch_log_group", "name"),
        },
    ),
]
