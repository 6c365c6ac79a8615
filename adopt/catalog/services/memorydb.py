"""MemoryDB clusters, their subnet groups and parameter groups."""

from __future__ import annotations

from ..spec import (
    Arn,
    Bool,
    Call,
    First,
    Format,
    Is,
    Not,
    Pluck,
    Ref,
    Replace,
    ResourceSpec,
    Sorted,
    StartsWith,
    Tags,
    TagsCall,
    When,
)

# Describe calls leave tags out.
TAGS_CALL = TagsCall("list_tags", ResourceArn="{ARN}", answer="TagList")


def _changed_parameters(item, ctx):
    """DescribeParameters answers every parameter of a group: those whose value is
    not the family's default group's are the ones someone set."""
    defaults = {p.get("Name"): p.get("Value") for p in item.get("DefaultParameters") or []}
    return [
        {"name": p["Name"], "value": p.get("Value")}
        for p in item.get("Parameters") or []
        if p.get("Name") in defaults and p.get("Value") != defaults[p["Name"]]
    ] or None


def _replicas_per_shard(item, ctx):
    """Each shard has one primary node; the rest are replicas."""
    nodes = First("Shards", "NumberOfNodes")(item, ctx)
    return None if nodes is None else nodes - 1


SPECS = [
    ResourceSpec(
        tf_type="aws_memorydb_subnet_group",
        service="memorydb",
        list=Call("describe_subnet_groups", items="SubnetGroups"),
        details=(TAGS_CALL,),
        # MemoryDB makes "default" itself, over the default VPC's subnets.
        is_default=Is("Name", "default"),
        id="{Name}",
        arn=Arn("{ARN}", "memorydb", "subnetgroup"),
        name="Name",
        arguments={
            "name": "Name",
            "description": "Description",
            "subnet_ids": Sorted(Pluck("Subnets", "Identifier")),
            "tags": Tags(),
        },
        defaults={"description": "Managed by Terraform"},
        references={"subnet_ids[*]": Ref("aws_subnet")},
    ),
    ResourceSpec(
        tf_type="aws_memorydb_parameter_group",
        service="memorydb",
        list=Call("describe_parameter_groups", items="ParameterGroups"),
        # Each engine family's "default.memorydb-redis7" group belongs to AWS.
        is_default=StartsWith("Name", "default."),
        details=(
            Call(
                "describe_parameters",
                params={"ParameterGroupName": "{Name}"},
                items="Parameters",
                merge_into="Parameters",
            ),
            # The family's defaults, in its default group: "memorydb_redis7" -> "default.memorydb-redis7".
            Call(
                "describe_parameters",
                params={"ParameterGroupName": Format("default.{family}", family=Replace("Family", "_", "-"))},
                items="Parameters",
                merge_into="DefaultParameters",
            ),
            TAGS_CALL,
        ),
        id="{Name}",
        arn=Arn("{ARN}", "memorydb", "parametergroup"),
        name="Name",
        arguments={
            "name": "Name",
            "family": "Family",
            "description": "Description",
            "parameter": _changed_parameters,
            "tags": Tags(),
        },
        defaults={"description": "Managed by Terraform"},
    ),
    ResourceSpec(
        tf_type="aws_memorydb_cluster",
        service="memorydb",
        list=Call("describe_clusters", items="Clusters", params={"ShowShardDetails": True}),
        details=(TAGS_CALL,),
        id="{Name}",
        arn=Arn("{ARN}", "memorydb", "cluster"),
        name="Name",
        stateful=True,
        arguments={
            "name": "Name",
            "description": "Description",
            "engine": "Engine",
            "engine_version": "EngineVersion",
            "node_type": "NodeType",
            "num_shards": "NumberOfShards",
            "num_replicas_per_shard": _replicas_per_shard,
            "acl_name": "ACLName",
            "parameter_group_name": When(Not(StartsWith("ParameterGroupName", "default.")), "ParameterGroupName"),
            "subnet_group_name": "SubnetGroupName",
            "security_group_ids": Sorted(Pluck("SecurityGroups", "SecurityGroupId")),
            "port": "ClusterEndpoint.Port",
            "tls_enabled": "TLSEnabled",
            "kms_key_arn": "KmsKeyId",
            "sns_topic_arn": "SnsTopicArn",
            "maintenance_window": "MaintenanceWindow",
            "snapshot_window": "SnapshotWindow",
            "snapshot_retention_limit": "SnapshotRetentionLimit",
            "auto_minor_version_upgrade": "AutoMinorVersionUpgrade",
            "data_tiering": Bool("DataTiering"),
            "multi_region_cluster_name": "MultiRegionClusterName",
            "network_type": "NetworkType",
            "ip_discovery": "IpDiscovery",
            "tags": Tags(),
        },
        defaults={
            "num_shards": 1,
            "num_replicas_per_shard": 1,
            "port": 6379,
            "tls_enabled": True,
            "auto_minor_version_upgrade": True,
            "data_tiering": False,
            "network_type": "ipv4",
            "ip_discovery": "ipv4",
        },
        references={
            "subnet_group_name": Ref("aws_memorydb_subnet_group", "name"),
            "parameter_group_name": Ref("aws_memorydb_parameter_group", "name"),
            "security_group_ids[*]": Ref("aws_security_group"),
            "kms_key_arn": Ref("aws_kms_key", "arn"),
            "sns_topic_arn": Ref("aws_sns_topic", "arn"),
        },
    ),
]
