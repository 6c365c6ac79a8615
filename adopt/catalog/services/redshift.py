"""Redshift provisioned clusters, their subnet groups and parameter groups."""

from __future__ import annotations

from ..spec import (
    Above,
    Call,
    Const,
    Each,
    First,
    Has,
    Is,
    Not,
    Pluck,
    Ref,
    ResourceSpec,
    Secret,
    Sorted,
    StartsWith,
    Str,
    Tags,
    When,
)

PASSWORD_NOTE = "the master password is never read from AWS (AWS can manage it: manage_master_password)"

_PARAMETER_GROUP = First("ClusterParameterGroups", "ParameterGroupName")

SPECS = [
    ResourceSpec(
        tf_type="aws_redshift_subnet_group",
        service="redshift",
        list=Call("describe_cluster_subnet_groups", items="ClusterSubnetGroups"),
        is_default=Is("ClusterSubnetGroupName", "default"),
        id="{ClusterSubnetGroupName}",
        arn="arn:aws:redshift:{region}:{account}:subnetgroup:{ClusterSubnetGroupName}",
        name="ClusterSubnetGroupName",
        arguments={
            "name": "ClusterSubnetGroupName",
            "description": "Description",
            "subnet_ids": Sorted(Pluck("Subnets", "SubnetIdentifier")),
            "tags": Tags(),  # DescribeClusterSubnetGroups has them
        },
        defaults={"description": "Managed by Terraform"},
        references={"subnet_ids[*]": Ref("aws_subnet")},
    ),
    ResourceSpec(
        tf_type="aws_redshift_parameter_group",
        service="redshift",
        list=Call("describe_cluster_parameter_groups", items="ParameterGroups"),
        # Each family's "default.redshift-1.0" group belongs to AWS.
        is_default=StartsWith("ParameterGroupName", "default."),
        details=(
            # Only the parameters someone changed: the rest are the family's defaults.
            Call(
                "describe_cluster_parameters",
                params={"ParameterGroupName": "{ParameterGroupName}", "Source": "user"},
                items="Parameters",
                merge_into="Parameters",
            ),
        ),
        id="{ParameterGroupName}",
        arn="arn:aws:redshift:{region}:{account}:parametergroup:{ParameterGroupName}",
        name="ParameterGroupName",
        arguments={
            "name": "ParameterGroupName",
            "family": "ParameterGroupFamily",
            "description": "Description",
            "parameter": Each("Parameters", {"name": "ParameterName", "value": "ParameterValue"}),
            "tags": Tags(),
        },
        defaults={"description": "Managed by Terraform"},
    ),
    ResourceSpec(
        tf_type="aws_redshift_cluster",
        service="redshift",
        name_argument="cluster_identifier",
        list=Call("describe_clusters", items="Clusters"),
        id="{ClusterIdentifier}",
        arn="arn:aws:redshift:{region}:{account}:cluster:{ClusterIdentifier}",
        name="ClusterIdentifier",
        stateful=True,
        arguments={
            "cluster_identifier": "ClusterIdentifier",
            "node_type": "NodeType",
            "cluster_type": When(Above("NumberOfNodes", 1), Const("multi-node"), Const("single-node")),
            "number_of_nodes": "NumberOfNodes",
            "database_name": "DBName",
            "master_username": "MasterUsername",
            # Kept in Secrets Manager by Redshift: else the user supplies it.
            "master_password": When(Not(Has("MasterPasswordSecretArn")), Const(Secret(PASSWORD_NOTE))),
            "manage_master_password": When(Has("MasterPasswordSecretArn"), Const(True)),
            "master_password_secret_kms_key_id": "MasterPasswordSecretKmsKeyId",
            "cluster_subnet_group_name": "ClusterSubnetGroupName",
            "cluster_parameter_group_name": When(Not(StartsWith(_PARAMETER_GROUP, "default.")), _PARAMETER_GROUP),
            "vpc_security_group_ids": Sorted(Pluck("VpcSecurityGroups", "VpcSecurityGroupId")),
            "availability_zone": "AvailabilityZone",
            "availability_zone_relocation_enabled": Is("AvailabilityZoneRelocationStatus", "enabled"),
            "multi_az": Is("MultiAZ", "Enabled"),
            "port": "Endpoint.Port",
            "publicly_accessible": "PubliclyAccessible",
            "elastic_ip": "ElasticIpStatus.ElasticIp",
            "encrypted": Str("Encrypted"),  # always written: the provider's default moved with AWS's
            "kms_key_id": "KmsKeyId",
            "enhanced_vpc_routing": "EnhancedVpcRouting",
            "iam_roles": Sorted(Pluck("IamRoles", "IamRoleArn")),
            "default_iam_role_arn": "DefaultIamRoleArn",
            "cluster_version": "ClusterVersion",
            "allow_version_upgrade": "AllowVersionUpgrade",
            "maintenance_track_name": "MaintenanceTrackName",
            "preferred_maintenance_window": "PreferredMaintenanceWindow",
            "automated_snapshot_retention_period": "AutomatedSnapshotRetentionPeriod",
            "manual_snapshot_retention_period": "ManualSnapshotRetentionPeriod",
            "tags": Tags(),  # DescribeClusters has them
        },
        defaults={
            "number_of_nodes": 1,
            "database_name": "dev",
            "availability_zone_relocation_enabled": False,
            "multi_az": False,
            "port": 5439,
            "publicly_accessible": False,
            "enhanced_vpc_routing": False,
            "cluster_version": "1.0",
            "allow_version_upgrade": True,
            "maintenance_track_name": "current",
            "automated_snapshot_retention_period": 1,
            "manual_snapshot_retention_period": -1,
        },
        references={
            "cluster_subnet_group_name": Ref("aws_redshift_subnet_group", "name"),
            "cluster_parameter_group_name": Ref("aws_redshift_parameter_group", "name"),
            "vpc_security_group_ids[*]": Ref("aws_security_group"),
            "kms_key_id": Ref("aws_kms_key", "arn"),
            "master_password_secret_kms_key_id": Ref("aws_kms_key", "arn"),
            "iam_roles[*]": Ref("aws_iam_role", "arn"),
            "default_iam_role_arn": Ref("aws_iam_role", "arn"),
        },
    ),
]
