"""ElastiCache clusters (single-cluster Memcached, Redis OSS and Valkey), replication
groups (Redis OSS and Valkey with replicas or shards), cache subnet and parameter groups."""

from __future__ import annotations

from ..spec import (
    Arn,
    Call,
    Const,
    Each,
    First,
    Format,
    Has,
    Is,
    Map,
    Not,
    Or,
    Pluck,
    Ref,
    ResourceSpec,
    Secret,
    Sorted,
    StartsWith,
    Str,
    Tags,
    TagsCall,
    Unless,
    When,
    evaluate,
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

LOG_DELIVERY = Each(
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
)


AUTH_TOKEN_NOTE = "the AUTH token is never read from AWS"


def _count(path: str):
    def value(item, ctx):
        return len(item.get(path) or []) or None

    return value


def _replicas_per_shard(item, ctx):
    """Each shard has one primary; the rest of its members are replicas."""
    shards = item.get("NodeGroups") or []
    return len(shards[0].get("NodeGroupMembers") or []) - 1 if shards else None


def _members_of_the_group(item):
    return [
        c
        for c in item.get("MemberClusterDetails") or []
        if c.get("ReplicationGroupId") == item.get("ReplicationGroupId")
    ]


def _member(path):
    """A setting a replication group does not report of itself but of each member
    cluster (its engine version, parameter group, subnet group...): read from the first."""

    def value(item, ctx):
        members = _members_of_the_group(item)
        return evaluate(path, members[0], ctx) if members else None

    return value


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
            "log_delivery_configuration": LOG_DELIVERY,
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
    ResourceSpec(
        tf_type="aws_elasticache_parameter_group",
        service="elasticache",
        list=Call("describe_cache_parameter_groups", items="CacheParameterGroups"),
        # Each engine family's "default.redis7" group belongs to AWS, as do a global datastore's.
        is_default=Or(StartsWith("CacheParameterGroupName", "default."), Is("IsGlobal", True)),
        details=(
            # Only the parameters someone changed: the rest are the family's defaults.
            Call(
                "describe_cache_parameters",
                params={"CacheParameterGroupName": "{CacheParameterGroupName}", "Source": "user"},
                items="Parameters",
                merge_into="Parameters",
            ),
            TAGS_CALL,
        ),
        id="{CacheParameterGroupName}",
        arn=Arn("{ARN}", "elasticache", "parametergroup"),
        name="CacheParameterGroupName",
        arguments={
            "name": "CacheParameterGroupName",
            "family": "CacheParameterGroupFamily",
            "description": "Description",
            "parameter": Each("Parameters", {"name": "ParameterName", "value": "ParameterValue"}),
            "tags": Tags(),
        },
        defaults={"description": "Managed by Terraform"},
    ),
    ResourceSpec(
        tf_type="aws_elasticache_replication_group",
        service="elasticache",
        name_argument="replication_group_id",
        list=Call("describe_replication_groups", items="ReplicationGroups"),
        details=(
            # The group's engine version, groups and windows are its member clusters': its first says.
            Call(
                "describe_cache_clusters",
                params={"CacheClusterId": Format("{member}", member=First("MemberClusters"))},
                items="CacheClusters",
                merge_into="MemberClusterDetails",
                absent_on=("CacheClusterNotFound",),  # a member just being replaced
            ),
            TAGS_CALL,
        ),
        id="{ReplicationGroupId}",
        arn=Arn("{ARN}", "elasticache", "replicationgroup"),
        name="ReplicationGroupId",
        stateful=True,
        arguments={
            "replication_group_id": "ReplicationGroupId",
            "description": "Description",
            "engine": "Engine",
            "engine_version": _member(_engine_version),
            "node_type": "CacheNodeType",
            "cluster_mode": "ClusterMode",
            # Sharded groups are sized by shards and replicas, the others by their clusters.
            "num_node_groups": When(Is("ClusterEnabled", True), _count("NodeGroups")),
            "replicas_per_node_group": When(Is("ClusterEnabled", True), _replicas_per_shard),
            "num_cache_clusters": When(Not(Is("ClusterEnabled", True)), _count("MemberClusters")),
            "automatic_failover_enabled": Is("AutomaticFailover", "enabled", "enabling"),
            "multi_az_enabled": Is("MultiAZ", "enabled"),
            "port": Unless(
                Or("ConfigurationEndpoint.Port", First("NodeGroups", "PrimaryEndpoint.Port")),
                Map("Engine", DEFAULT_PORTS),
            ),
            "parameter_group_name": When(
                Not(StartsWith(_member(_PARAMETER_GROUP), "default.")), _member(_PARAMETER_GROUP)
            ),
            "subnet_group_name": _member("CacheSubnetGroupName"),
            "security_group_ids": Sorted(Pluck(_member("SecurityGroups"), "SecurityGroupId")),
            "maintenance_window": _member("PreferredMaintenanceWindow"),
            "notification_topic_arn": _member("NotificationConfiguration.TopicArn"),
            "snapshot_window": "SnapshotWindow",
            "snapshot_retention_limit": "SnapshotRetentionLimit",
            "at_rest_encryption_enabled": Str("AtRestEncryptionEnabled"),
            "kms_key_id": "KmsKeyId",
            "transit_encryption_enabled": "TransitEncryptionEnabled",
            "transit_encryption_mode": When(Is("TransitEncryptionEnabled", True), "TransitEncryptionMode"),
            # An AUTH token is set: the user supplies it.
            "auth_token": When(Is("AuthTokenEnabled", True), Const(Secret(AUTH_TOKEN_NOTE))),
            "user_group_ids": Sorted("UserGroupIds"),
            "data_tiering_enabled": Is("DataTiering", "enabled"),
            "auto_minor_version_upgrade": Str("AutoMinorVersionUpgrade"),
            "network_type": "NetworkType",
            "ip_discovery": "IpDiscovery",
            "log_delivery_configuration": LOG_DELIVERY,
            "tags": Tags(),
        },
        defaults={
            "automatic_failover_enabled": False,
            "multi_az_enabled": False,
            "snapshot_retention_limit": 0,
            "transit_encryption_enabled": False,
            "data_tiering_enabled": False,
            "auto_minor_version_upgrade": "true",
            "network_type": "ipv4",
            "ip_discovery": "ipv4",
        },
        references={
            "subnet_group_name": Ref("aws_elasticache_subnet_group", "name"),
            "security_group_ids[*]": Ref("aws_security_group"),
            "parameter_group_name": Ref("aws_elasticache_parameter_group", "name"),
            "notification_topic_arn": Ref("aws_sns_topic", "arn"),
            "kms_key_id": Ref("aws_kms_key", "arn"),
            "log_delivery_configuration[*].destination": Ref("aws_cloudwatch_log_group", "name"),
        },
    ),
]
