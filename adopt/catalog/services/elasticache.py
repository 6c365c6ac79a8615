"""ElastiCache clusters (single-cluster Memcached, Redis OSS and Valkey) and cache subnet groups."""

from __future__ import annotations

from ..spec import Call, Each, Pluck, Ref, ResourceSpec, Tags

DEFAULT_PORTS = {"memcached": 11211, "redis": 6379, "valkey": 6379}


def _tags_call() -> Call:
    # Describe calls leave tags out.
    return Call("list_tags_for_resource", params={"ResourceName": "{ARN}"}, items="TagList", merge_into="TagList")


def _sorted(path, field):
    # Sets in the schema: written in a stable order.
    return lambda item, ctx: sorted(Pluck(path, field).evaluate(item, ctx) or []) or None


def _engine_version(item, ctx):
    """Redis OSS 6+ and Valkey take "major.minor" ("7.1"); the full version is computed."""
    version = str(item.get("EngineVersion") or "")
    parts = version.split(".")
    if item.get("Engine") in ("redis", "valkey") and parts[0].isdigit() and int(parts[0]) >= 6:
        return ".".join(parts[:2])
    return version or None


def _custom_parameter_group(item, ctx):
    name = (item.get("CacheParameterGroup") or {}).get("CacheParameterGroupName")
    return None if not name or name.startswith("default.") else name  # the engine's default belongs to AWS


def _port(item, ctx):
    port = (item.get("ConfigurationEndpoint") or {}).get("Port") or next(
        (node.get("Endpoint", {}).get("Port") for node in item.get("CacheNodes") or []), None
    )
    return None if port == DEFAULT_PORTS.get(item.get("Engine")) else port


def _log_destination(item, ctx):
    details = item.get("DestinationDetails") or {}
    return (details.get("CloudWatchLogsDetails") or {}).get("LogGroup") or (
        details.get("KinesisFirehoseDetails") or {}
    ).get("DeliveryStream")


SPECS = [
    ResourceSpec(
        tf_type="aws_elasticache_subnet_group",
        service="elasticache",
        list=Call("describe_cache_subnet_groups", items="CacheSubnetGroups"),
        details=(_tags_call(),),
        # ElastiCache makes "default" itself, over the default VPC's subnets.
        is_default=lambda item, ctx: item.get("CacheSubnetGroupName") == "default",
        id="{CacheSubnetGroupName}",
        arn="{ARN}",
        name="CacheSubnetGroupName",
        arguments={
            "name": "CacheSubnetGroupName",
            "description": "CacheSubnetGroupDescription",
            "subnet_ids": _sorted("Subnets", "SubnetIdentifier"),
            "tags": Tags("TagList"),
        },
        defaults={"description": "Managed by Terraform"},
        references={"subnet_ids[*]": Ref("aws_subnet")},
    ),
    ResourceSpec(
        tf_type="aws_elasticache_cluster",
        service="elasticache",
        name_argument="cluster_id",
        list=Call("describe_cache_clusters", items="CacheClusters", params={"ShowCacheNodeInfo": True}),
        details=(_tags_call(),),
        # Members of a replication group are managed through aws_elasticache_replication_group.
        include=lambda item, ctx: not item.get("ReplicationGroupId"),
        emulator_gaps="moto reports no security groups, parameter group, node endpoints, maintenance window or log "
        "delivery, and keeps the engine version as given where AWS reports the full one",
        emulated=False,
        id="{CacheClusterId}",
        arn="{ARN}",
        name="CacheClusterId",
        arguments={
            "cluster_id": "CacheClusterId",
            "engine": "Engine",
            "engine_version": _engine_version,
            "node_type": "CacheNodeType",
            "num_cache_nodes": "NumCacheNodes",
            "port": _port,
            "parameter_group_name": _custom_parameter_group,
            "subnet_group_name": "CacheSubnetGroupName",
            "security_group_ids": _sorted("SecurityGroups", "SecurityGroupId"),
            # Memcached nodes spread over zones report "Multiple".
            "availability_zone": lambda item, ctx: (
                None if item.get("PreferredAvailabilityZone") == "Multiple" else item.get("PreferredAvailabilityZone")
            ),
            "az_mode": lambda item, ctx: "cross-az" if item.get("PreferredAvailabilityZone") == "Multiple" else None,
            "maintenance_window": "PreferredMaintenanceWindow",
            "snapshot_window": "SnapshotWindow",
            "snapshot_retention_limit": "SnapshotRetentionLimit",
            "notification_topic_arn": "NotificationConfiguration.TopicArn",
            "auto_minor_version_upgrade": lambda item, ctx: (
                None if item.get("AutoMinorVersionUpgrade") is None else str(item["AutoMinorVersionUpgrade"]).lower()
            ),
            "transit_encryption_enabled": "TransitEncryptionEnabled",
            "network_type": "NetworkType",
            "ip_discovery": "IpDiscovery",
            "log_delivery_configuration": Each(
                "LogDeliveryConfigurations",
                {
                    "log_type": "LogType",
                    "log_format": "LogFormat",
                    "destination_type": "DestinationType",
                    "destination": _log_destination,
                },
            ),
            "tags": Tags("TagList"),
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
