"""RDS DB instances, subnet groups and parameter groups (Aurora clusters are not DB instances)."""

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
    Part,
    Pluck,
    Ref,
    ResourceSpec,
    Secret,
    Sorted,
    StartsWith,
    Tags,
    TagsCall,
    Unless,
    When,
)

DEFAULT_PORTS = {"mysql": 3306, "mariadb": 3306, "postgres": 5432, "oracle": 1521, "sqlserver": 1433, "db2": 50000}
# gp3 volumes below this size (GiB) run at the baseline IOPS and throughput, which may not be set.
GP3_CUSTOM_PERFORMANCE_FROM = {"oracle": 200, "sqlserver": 20}
PASSWORD_NOTE = "the master password is never read from AWS; supply it, or adopt manage_master_user_password"

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
]
