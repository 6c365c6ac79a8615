"""RDS DB instances, subnet, parameter and option groups, event subscriptions, and
Aurora (or Multi-AZ DB) clusters with their instances and cluster parameter groups."""

from __future__ import annotations

from ..spec import (
    Arn,
    Call,
    Child,
    Const,
    Each,
    First,
    Format,
    Has,
    Is,
    Map,
    Not,
    Or,
    Part,
    Pluck,
    Ref,
    ResourceSpec,
    Secret,
    Sorted,
    StartsWith,
    Tag,
    Tags,
    TagsCall,
    Unless,
    When,
)

DEFAULT_PORTS = {"mysql": 3306, "mariadb": 3306, "postgres": 5432, "oracle": 1521, "sqlserver": 1433, "db2": 50000}
# gp3 volumes below this size (GiB) run at the baseline IOPS and throughput, which may not be set.
GP3_CUSTOM_PERFORMANCE_FROM = {"oracle": 200, "sqlserver": 20}
PASSWORD_NOTE = "the master password is never read from AWS (AWS can manage it: manage_master_user_password)"

ENGINE_FAMILY = Part("Engine", "-", 0)  # "aurora-mysql" -> "aurora", "sqlserver-ee" -> "sqlserver"
REPLICA = Has("ReadReplicaSourceDBInstanceIdentifier")


def tags_call(arn_field: str) -> Call:
    # Describe calls leave tags out for groups.
    return TagsCall(ResourceName=f"{{{arn_field}}}", answer="TagList")


def not_replica(path: str) -> When:
    # A read replica takes these from its source database.
    return When(Not(REPLICA), path)


def custom_group(path: str, field: str, aws_prefix: str) -> When:
    # The engine's default groups ("default.postgres15", "default:postgres-15") belong to AWS.
    name = First(Pluck(path, field))
    return When(Not(StartsWith(name, aws_prefix)), name)


def user_parameters(operation: str, group_field: str, group_param: str) -> Call:
    """Only the parameters someone changed: the rest are the family's defaults."""
    return Call(
        operation,
        params={group_param: f"{{{group_field}}}", "Source": "user"},
        items="Parameters",
        merge_into="Parameters",
    )


PARAMETERS = Each(
    "Parameters",
    {
        "name": "ParameterName",
        "value": "ParameterValue",
        # "immediate" is the provider's default.
        "apply_method": When(Is("ApplyMethod", "pending-reboot"), "ApplyMethod"),
    },
)


def _changed_option_setting(item, ctx):
    """An option reports every setting it has; only those someone changed are configuration."""
    return "Value" in item and item.get("Value") != item.get("DefaultValue")


AURORA = StartsWith("Engine", "aurora")
# A cluster that replicates another (a cross-region read replica, a global
# database's secondary) takes its data, user and password from the source.
CLUSTER_REPLICA = Or(Has("ReplicationSourceIdentifier"), Has("GlobalClusterIdentifier"))


def when_insights(path: str) -> When:
    return When(Has("PerformanceInsightsEnabled"), path)


def _provisioned(field):
    """Provisioned IOPS / throughput: always for io1/io2, for gp3 only above the baseline size."""

    def value(item, ctx):
        storage = item.get("StorageType")
        if storage == "gp3":
            if (item.get("AllocatedStorage") or 0) < GP3_CUSTOM_PERFORMANCE_FROM.get(ENGINE_FAMILY(item, ctx), 400):
                return None
        elif storage not in ("io1", "io2") or field != "Iops":
            return None
        return item.get(field)

    return value


SPECS = [
    ResourceSpec(
        tf_type="aws_db_subnet_group",
        service="rds",
        list=Call("describe_db_subnet_groups", items="DBSubnetGroups"),
        details=(tags_call("DBSubnetGroupArn"),),
        # RDS makes "default" itself, over the default VPC's subnets.
        is_default=Is("DBSubnetGroupName", "default"),
        id="{DBSubnetGroupName}",
        arn=Arn("{DBSubnetGroupArn}", "rds", "subgrp"),
        name="DBSubnetGroupName",
        arguments={
            "name": "DBSubnetGroupName",
            "description": "DBSubnetGroupDescription",
            "subnet_ids": Sorted(Pluck("Subnets", "SubnetIdentifier")),
            "tags": Tags(),
        },
        defaults={"description": "Managed by Terraform"},
        references={"subnet_ids[*]": Ref("aws_subnet")},
    ),
    ResourceSpec(
        tf_type="aws_db_parameter_group",
        service="rds",
        list=Call("describe_db_parameter_groups", items="DBParameterGroups"),
        is_default=StartsWith("DBParameterGroupName", "default."),
        details=(
            # Only the parameters someone changed: the rest are the family's defaults.
            Call(
                "describe_db_parameters",
                params={"DBParameterGroupName": "{DBParameterGroupName}", "Source": "user"},
                items="Parameters",
                merge_into="Parameters",
            ),
            tags_call("DBParameterGroupArn"),
        ),
        id="{DBParameterGroupName}",
        arn=Arn("{DBParameterGroupArn}", "rds", "pg"),
        name="DBParameterGroupName",
        arguments={
            "name": "DBParameterGroupName",
            "family": "DBParameterGroupFamily",
            "description": "Description",
            "parameter": Each(
                "Parameters",
                {
                    "name": "ParameterName",
                    "value": "ParameterValue",
                    # "immediate" is the provider's default.
                    "apply_method": When(Is("ApplyMethod", "pending-reboot"), "ApplyMethod"),
                },
            ),
            "tags": Tags(),
        },
        defaults={"description": "Managed by Terraform"},
    ),
    ResourceSpec(
        tf_type="aws_db_instance",
        service="rds",
        name_argument="identifier",
        list=Call("describe_db_instances", items="DBInstances"),
        # Aurora instances are aws_rds_cluster_instance, members of a cluster.
        include=Not(Has("DBClusterIdentifier")),
        # Terraform's id is the resource ID ("db-..."), but a state also holds the ARN to match on.
        id="{DBInstanceIdentifier}",
        arn=Arn("{DBInstanceArn}", "rds", "db"),
        name="DBInstanceIdentifier",
        stateful=True,
        exports={"address": "Endpoint.Address", "endpoint": Format("{Endpoint.Address}:{Endpoint.Port}")},
        arguments={
            "identifier": "DBInstanceIdentifier",
            "engine": "Engine",
            "engine_version": "EngineVersion",
            "instance_class": "DBInstanceClass",
            "replicate_source_db": "ReadReplicaSourceDBInstanceIdentifier",
            "replica_mode": "ReplicaMode",
            "db_name": not_replica("DBName"),
            "username": not_replica("MasterUsername"),
            # Kept in Secrets Manager by RDS, or a replica's: else the user supplies it.
            "password": When(Not(Or(Has("MasterUserSecret"), REPLICA)), Const(Secret(PASSWORD_NOTE))),
            "manage_master_user_password": When(Has("MasterUserSecret"), Const(True)),
            "master_user_secret_kms_key_id": "MasterUserSecret.KmsKeyId",
            "license_model": When(Is(ENGINE_FAMILY, "oracle", "sqlserver", "db2"), "LicenseModel"),
            "character_set_name": "CharacterSetName",
            "nchar_character_set_name": "NcharCharacterSetName",
            "timezone": "Timezone",
            "port": Unless(Or("Endpoint.Port", "DbInstancePort"), Map(ENGINE_FAMILY, DEFAULT_PORTS)),
            "allocated_storage": "AllocatedStorage",
            "max_allocated_storage": "MaxAllocatedStorage",
            "storage_type": "StorageType",
            "iops": _provisioned("Iops"),
            "storage_throughput": _provisioned("StorageThroughput"),
            "storage_encrypted": "StorageEncrypted",
            "kms_key_id": "KmsKeyId",
            "dedicated_log_volume": "DedicatedLogVolume",
            "db_subnet_group_name": "DBSubnetGroup.DBSubnetGroupName",
            "vpc_security_group_ids": Sorted(Pluck("VpcSecurityGroups", "VpcSecurityGroupId")),
            "publicly_accessible": "PubliclyAccessible",
            "network_type": "NetworkType",
            "customer_owned_ip_enabled": "CustomerOwnedIpEnabled",
            "multi_az": "MultiAZ",
            "availability_zone": When(Not(Has("MultiAZ")), "AvailabilityZone"),
            "parameter_group_name": custom_group("DBParameterGroups", "DBParameterGroupName", "default."),
            "option_group_name": custom_group("OptionGroupMemberships", "OptionGroupName", "default:"),
            "ca_cert_identifier": "CACertificateIdentifier",
            "iam_database_authentication_enabled": "IAMDatabaseAuthenticationEnabled",
            "backup_retention_period": "BackupRetentionPeriod",
            "backup_window": "PreferredBackupWindow",
            "backup_target": "BackupTarget",
            "maintenance_window": "PreferredMaintenanceWindow",
            "auto_minor_version_upgrade": "AutoMinorVersionUpgrade",
            "copy_tags_to_snapshot": "CopyTagsToSnapshot",
            "deletion_protection": "DeletionProtection",
            "enabled_cloudwatch_logs_exports": Sorted("EnabledCloudwatchLogsExports"),
            "monitoring_interval": "MonitoringInterval",
            "monitoring_role_arn": "MonitoringRoleArn",
            "performance_insights_enabled": "PerformanceInsightsEnabled",
            "performance_insights_kms_key_id": when_insights("PerformanceInsightsKMSKeyId"),
            "performance_insights_retention_period": when_insights("PerformanceInsightsRetentionPeriod"),
            "database_insights_mode": "DatabaseInsightsMode",
            "engine_lifecycle_support": "EngineLifecycleSupport",
            "tags": Tags("TagList"),  # DescribeDBInstances has them
        },
        defaults={
            "storage_encrypted": False,
            "dedicated_log_volume": False,
            "publicly_accessible": False,
            "network_type": "IPV4",
            "customer_owned_ip_enabled": False,
            "multi_az": False,
            "iam_database_authentication_enabled": False,
            "backup_target": "region",
            "auto_minor_version_upgrade": True,
            "copy_tags_to_snapshot": False,
            "deletion_protection": False,
            "monitoring_interval": 0,
            "performance_insights_enabled": False,
            "performance_insights_retention_period": 7,
            "database_insights_mode": "standard",
            "engine_lifecycle_support": "open-source-rds-extended-support",
        },
        references={
            "kms_key_id": Ref("aws_kms_key", "arn"),
            "master_user_secret_kms_key_id": Ref("aws_kms_key", "arn"),
            "performance_insights_kms_key_id": Ref("aws_kms_key", "arn"),
            "db_subnet_group_name": Ref("aws_db_subnet_group", "name"),
            "parameter_group_name": Ref("aws_db_parameter_group", "name"),
            "option_group_name": Ref("aws_db_option_group", "name"),
            "vpc_security_group_ids[*]": Ref("aws_security_group"),
            "monitoring_role_arn": Ref("aws_iam_role", "arn"),
            "replicate_source_db": Ref("aws_db_instance", "arn"),  # a cross-region replica's source is an ARN
        },
    ),
    ResourceSpec(
        tf_type="aws_db_option_group",
        service="rds",
        list=Call("describe_option_groups", items="OptionGroupsList"),
        # Every engine version has its "default:mysql-8-0" group, made by RDS.
        is_default=StartsWith("OptionGroupName", "default:"),
        details=(tags_call("OptionGroupArn"),),
        id="{OptionGroupName}",
        arn=Arn("{OptionGroupArn}", "rds", "og"),
        name="OptionGroupName",
        arguments={
            "name": "OptionGroupName",
            "engine_name": "EngineName",
            "major_engine_version": "MajorEngineVersion",
            "option_group_description": "OptionGroupDescription",
            "option": Each(
                "Options",
                {
                    "option_name": "OptionName",
                    "port": "Port",
                    "version": "OptionVersion",
                    "vpc_security_group_memberships": Sorted(
                        Pluck("VpcSecurityGroupMemberships", "VpcSecurityGroupId")
                    ),
                    "db_security_group_memberships": Sorted(Pluck("DBSecurityGroupMemberships", "DBSecurityGroupName")),
                    "option_settings": Each(
                        "OptionSettings", {"name": "Name", "value": "Value"}, where=_changed_option_setting
                    ),
                },
            ),
            "tags": Tags(),
        },
        defaults={"option_group_description": "Managed by Terraform"},
        references={"option[*].vpc_security_group_memberships[*]": Ref("aws_security_group")},
    ),
    ResourceSpec(
        tf_type="aws_db_event_subscription",
        service="rds",
        list=Call("describe_event_subscriptions", items="EventSubscriptionsList"),
        details=(tags_call("EventSubscriptionArn"),),
        id="{CustSubscriptionId}",
        arn=Arn("{EventSubscriptionArn}", "rds", "es"),
        name="CustSubscriptionId",
        # The source IDs stay literal: whether one is an instance, a cluster or a
        # group depends on the source type, and an instance's Terraform id is not its name.
        arguments={
            "name": "CustSubscriptionId",
            "sns_topic": "SnsTopicArn",
            "source_type": "SourceType",
            "source_ids": Sorted("SourceIdsList"),
            "event_categories": Sorted("EventCategoriesList"),
            "enabled": "Enabled",
            "tags": Tags(),
        },
        defaults={"enabled": True},
        references={"sns_topic": Ref("aws_sns_topic", "arn")},
    ),
    ResourceSpec(
        tf_type="aws_rds_cluster_parameter_group",
        service="rds",
        list=Call("describe_db_cluster_parameter_groups", items="DBClusterParameterGroups"),
        is_default=StartsWith("DBClusterParameterGroupName", "default."),
        details=(
            user_parameters(
                "describe_db_cluster_parameters", "DBClusterParameterGroupName", "DBClusterParameterGroupName"
            ),
            tags_call("DBClusterParameterGroupArn"),
        ),
        id="{DBClusterParameterGroupName}",
        arn=Arn("{DBClusterParameterGroupArn}", "rds", "cluster-pg"),
        name="DBClusterParameterGroupName",
        arguments={
            "name": "DBClusterParameterGroupName",
            "family": "DBParameterGroupFamily",
            "description": "Description",
            "parameter": PARAMETERS,
            "tags": Tags(),
        },
        defaults={"description": "Managed by Terraform"},
    ),
    ResourceSpec(
        tf_type="aws_rds_cluster",
        service="rds",
        name_argument="cluster_identifier",
        list=Call("describe_db_clusters", items="DBClusters"),
        # DescribeDBClusters also answers for Neptune and DocumentDB clusters: other types.
        include=Not(Is("Engine", "neptune", "docdb")),
        id="{DBClusterIdentifier}",
        arn=Arn("{DBClusterArn}", "rds", "cluster"),
        name="DBClusterIdentifier",
        stateful=True,
        arguments={
            "cluster_identifier": "DBClusterIdentifier",
            "engine": "Engine",
            "engine_version": "EngineVersion",
            "engine_mode": "EngineMode",
            "database_name": When(Not(CLUSTER_REPLICA), "DatabaseName"),
            "master_username": When(Not(CLUSTER_REPLICA), "MasterUsername"),
            # Kept in Secrets Manager by RDS, or the source's: else the user supplies it.
            "master_password": When(Not(Or(Has("MasterUserSecret"), CLUSTER_REPLICA)), Const(Secret(PASSWORD_NOTE))),
            "manage_master_user_password": When(Has("MasterUserSecret"), Const(True)),
            "master_user_secret_kms_key_id": "MasterUserSecret.KmsKeyId",
            "replication_source_identifier": "ReplicationSourceIdentifier",
            "global_cluster_identifier": "GlobalClusterIdentifier",
            "port": Unless("Port", Map(Part("Engine", "-", 1), {"mysql": 3306, "postgresql": 5432})),
            "db_subnet_group_name": "DBSubnetGroup",
            "vpc_security_group_ids": Sorted(Pluck("VpcSecurityGroups", "VpcSecurityGroupId")),
            "db_cluster_parameter_group_name": When(
                Not(StartsWith("DBClusterParameterGroup", "default.")), "DBClusterParameterGroup"
            ),
            "storage_encrypted": "StorageEncrypted",
            "kms_key_id": When(Is("StorageEncrypted", True), "KmsKeyId"),
            # Aurora's storage grows by itself (it reports 1); Multi-AZ DB clusters have a size and class.
            "db_cluster_instance_class": "DBClusterInstanceClass",
            "allocated_storage": When(Not(AURORA), "AllocatedStorage"),
            # Aurora's standard storage is the provider's unset; I/O-Optimized is "aurora-iopt1".
            "storage_type": When(Not(AURORA), "StorageType", When(Is("StorageType", "aurora-iopt1"), "StorageType")),
            "iops": "Iops",
            "backup_retention_period": "BackupRetentionPeriod",
            "preferred_backup_window": "PreferredBackupWindow",
            "preferred_maintenance_window": "PreferredMaintenanceWindow",
            "backtrack_window": "BacktrackWindow",
            "copy_tags_to_snapshot": "CopyTagsToSnapshot",
            "deletion_protection": "DeletionProtection",
            "iam_database_authentication_enabled": "IAMDatabaseAuthenticationEnabled",
            "enable_http_endpoint": "HttpEndpointEnabled",
            "enabled_cloudwatch_logs_exports": Sorted("EnabledCloudwatchLogsExports"),
            "iam_roles": Sorted(Pluck("AssociatedRoles", "RoleArn")),
            "network_type": "NetworkType",
            "serverlessv2_scaling_configuration": {
                "min_capacity": "ServerlessV2ScalingConfiguration.MinCapacity",
                "max_capacity": "ServerlessV2ScalingConfiguration.MaxCapacity",
                "seconds_until_auto_pause": "ServerlessV2ScalingConfiguration.SecondsUntilAutoPause",
            },
            "scaling_configuration": When(
                Is("EngineMode", "serverless"),
                {
                    "min_capacity": "ScalingConfigurationInfo.MinCapacity",
                    "max_capacity": "ScalingConfigurationInfo.MaxCapacity",
                    "auto_pause": "ScalingConfigurationInfo.AutoPause",
                    "seconds_until_auto_pause": "ScalingConfigurationInfo.SecondsUntilAutoPause",
                    "seconds_before_timeout": "ScalingConfigurationInfo.SecondsBeforeTimeout",
                    "timeout_action": "ScalingConfigurationInfo.TimeoutAction",
                },
            ),
            "monitoring_interval": "MonitoringInterval",
            "monitoring_role_arn": "MonitoringRoleArn",
            "performance_insights_enabled": "PerformanceInsightsEnabled",
            "performance_insights_kms_key_id": when_insights("PerformanceInsightsKMSKeyId"),
            "performance_insights_retention_period": when_insights("PerformanceInsightsRetentionPeriod"),
            "database_insights_mode": "DatabaseInsightsMode",
            "ca_certificate_identifier": "CertificateDetails.CAIdentifier",
            "tags": Tags("TagList"),  # DescribeDBClusters has them
        },
        defaults={
            "engine_mode": "provisioned",
            "storage_encrypted": False,
            "backtrack_window": 0,
            "copy_tags_to_snapshot": False,
            "deletion_protection": False,
            "iam_database_authentication_enabled": False,
            "enable_http_endpoint": False,
            "network_type": "IPV4",
            "monitoring_interval": 0,
            "performance_insights_enabled": False,
            "performance_insights_retention_period": 7,
            "database_insights_mode": "standard",
        },
        references={
            "db_subnet_group_name": Ref("aws_db_subnet_group", "name"),
            "vpc_security_group_ids[*]": Ref("aws_security_group"),
            "db_cluster_parameter_group_name": Ref("aws_rds_cluster_parameter_group", "name"),
            "kms_key_id": Ref("aws_kms_key", "arn"),
            "master_user_secret_kms_key_id": Ref("aws_kms_key", "arn"),
            "performance_insights_kms_key_id": Ref("aws_kms_key", "arn"),
            "iam_roles[*]": Ref("aws_iam_role", "arn"),
            "monitoring_role_arn": Ref("aws_iam_role", "arn"),
            "replication_source_identifier": Ref("aws_rds_cluster", "arn"),
        },
    ),
    ResourceSpec(
        tf_type="aws_rds_cluster_instance",
        service="rds",
        name_argument="identifier",
        # One regional listing of instances, each joined to the cluster it is a member of.
        child=Child(
            "aws_rds_cluster",
            call=Call("describe_db_instances", items="DBInstances"),
            join="DBClusterIdentifier",
        ),
        # A Multi-AZ DB cluster's instances are the cluster's own, not resources of their own.
        include=AURORA,
        id="{DBInstanceIdentifier}",
        # No arn: an instance ARN ("rds", "db") names aws_db_instance, and a shape
        # two types shared would name neither.  The id is what states match on.
        name="DBInstanceIdentifier",
        label=Or(Tag("Name", "TagList"), "DBInstanceIdentifier"),
        arguments={
            "identifier": "DBInstanceIdentifier",
            "cluster_identifier": "DBClusterIdentifier",
            "engine": "Engine",
            "engine_version": "EngineVersion",
            "instance_class": "DBInstanceClass",
            "availability_zone": "AvailabilityZone",
            "db_subnet_group_name": "DBSubnetGroup.DBSubnetGroupName",
            "db_parameter_group_name": custom_group("DBParameterGroups", "DBParameterGroupName", "default."),
            "publicly_accessible": "PubliclyAccessible",
            "promotion_tier": "PromotionTier",
            "ca_cert_identifier": "CACertificateIdentifier",
            "preferred_maintenance_window": "PreferredMaintenanceWindow",
            "auto_minor_version_upgrade": "AutoMinorVersionUpgrade",
            "copy_tags_to_snapshot": "CopyTagsToSnapshot",
            "monitoring_interval": "MonitoringInterval",
            "monitoring_role_arn": "MonitoringRoleArn",
            "performance_insights_enabled": "PerformanceInsightsEnabled",
            "performance_insights_kms_key_id": when_insights("PerformanceInsightsKMSKeyId"),
            "performance_insights_retention_period": when_insights("PerformanceInsightsRetentionPeriod"),
            "tags": Tags("TagList"),
        },
        defaults={
            "publicly_accessible": False,
            "promotion_tier": 0,
            "auto_minor_version_upgrade": True,
            "copy_tags_to_snapshot": False,
            "monitoring_interval": 0,
            "performance_insights_enabled": False,
            "performance_insights_retention_period": 7,
        },
        references={
            "cluster_identifier": Ref("aws_rds_cluster"),
            "db_subnet_group_name": Ref("aws_db_subnet_group", "name"),
            "db_parameter_group_name": Ref("aws_db_parameter_group", "name"),
            "monitoring_role_arn": Ref("aws_iam_role", "arn"),
            "performance_insights_kms_key_id": Ref("aws_kms_key", "arn"),
        },
    ),
]
