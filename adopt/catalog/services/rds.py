"""RDS DB instances, subnet groups and parameter groups (Aurora clusters are not DB instances)."""

from __future__ import annotations

from ..spec import Call, Each, Pluck, Ref, ResourceSpec, Secret, Tags, evaluate, get_path

DEFAULT_PORTS = {"mysql": 3306, "mariadb": 3306, "postgres": 5432, "oracle": 1521, "sqlserver": 1433, "db2": 50000}
# gp3 volumes below this size (GiB) run at the baseline IOPS and throughput, which may not be set.
GP3_CUSTOM_PERFORMANCE_FROM = {"oracle": 200, "sqlserver": 20}
PASSWORD_NOTE = "the master password is never read from AWS; supply it, or adopt manage_master_user_password"


def _engine_family(item) -> str:
    return str(item.get("Engine") or "").split("-")[0]


def _tags_call(arn_field: str) -> Call:
    # Describe calls leave tags out for groups.
    return Call(
        "list_tags_for_resource", params={"ResourceName": f"{{{arn_field}}}"}, items="TagList", merge_into="TagList"
    )


def _sorted(path, field=None):
    # Sets in the schema: written in a stable order.
    values = Pluck(path, field) if field else path
    return lambda item, ctx: sorted(evaluate(values, item, ctx) or []) or None


def _not_replica(path):
    # A read replica takes these from its source database.
    return lambda item, ctx: None if item.get("ReadReplicaSourceDBInstanceIdentifier") else get_path(item, path)


def _password(item, ctx):
    if item.get("MasterUserSecret") or item.get("ReadReplicaSourceDBInstanceIdentifier"):
        return None  # kept in Secrets Manager by RDS, or a replica's
    return Secret(PASSWORD_NOTE)


def _port(item, ctx):
    port = get_path(item, "Endpoint.Port") or item.get("DbInstancePort")
    return None if port == DEFAULT_PORTS.get(_engine_family(item)) else port


def _provisioned(field):
    """Provisioned IOPS / throughput: always for io1/io2, for gp3 only above the baseline size."""

    def value(item, ctx):
        storage = item.get("StorageType")
        if storage == "gp3":
            if (item.get("AllocatedStorage") or 0) < GP3_CUSTOM_PERFORMANCE_FROM.get(_engine_family(item), 400):
                return None
        elif storage not in ("io1", "io2") or field != "Iops":
            return None
        return item.get(field)

    return value


def _custom_group(path, field, aws_prefix):
    # The engine's default groups ("default.postgres15", "default:postgres-15") belong to AWS.
    def value(item, ctx):
        name = next(iter(Pluck(path, field).evaluate(item, ctx) or []), None)
        return None if not name or name.startswith(aws_prefix) else name

    return value


def _when_insights(path):
    return lambda item, ctx: get_path(item, path) if item.get("PerformanceInsightsEnabled") else None


SPECS = [
    ResourceSpec(
        tf_type="aws_db_subnet_group",
        service="rds",
        list=Call("describe_db_subnet_groups", items="DBSubnetGroups"),
        details=(_tags_call("DBSubnetGroupArn"),),
        # RDS makes "default" itself, over the default VPC's subnets.
        is_default=lambda item, ctx: item.get("DBSubnetGroupName") == "default",
        id="{DBSubnetGroupName}",
        arn="{DBSubnetGroupArn}",
        name="DBSubnetGroupName",
        arguments={
            "name": "DBSubnetGroupName",
            "description": "DBSubnetGroupDescription",
            "subnet_ids": _sorted("Subnets", "SubnetIdentifier"),
            "tags": Tags("TagList"),
        },
        defaults={"description": "Managed by Terraform"},
        references={"subnet_ids[*]": Ref("aws_subnet")},
    ),
    ResourceSpec(
        tf_type="aws_db_parameter_group",
        service="rds",
        list=Call("describe_db_parameter_groups", items="DBParameterGroups"),
        is_default=lambda item, ctx: str(item.get("DBParameterGroupName", "")).startswith("default."),
        details=(
            # Only the parameters someone changed: the rest are the family's defaults.
            Call(
                "describe_db_parameters",
                params={"DBParameterGroupName": "{DBParameterGroupName}", "Source": "user"},
                items="Parameters",
                merge_into="Parameters",
            ),
            _tags_call("DBParameterGroupArn"),
        ),
        id="{DBParameterGroupName}",
        arn="{DBParameterGroupArn}",
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
                    "apply_method": lambda item, ctx: (
                        item.get("ApplyMethod") if item.get("ApplyMethod") == "pending-reboot" else None
                    ),
                },
            ),
            "tags": Tags("TagList"),
        },
        defaults={"description": "Managed by Terraform"},
    ),
    ResourceSpec(
        tf_type="aws_db_instance",
        service="rds",
        name_argument="identifier",
        list=Call("describe_db_instances", items="DBInstances"),
        # Aurora instances are aws_rds_cluster_instance, members of a cluster.
        include=lambda item, ctx: not item.get("DBClusterIdentifier"),
        # Terraform's id is the resource ID ("db-..."), but a state also holds the ARN to match on.
        id="{DBInstanceIdentifier}",
        arn="{DBInstanceArn}",
        name="DBInstanceIdentifier",
        stateful=True,
        arguments={
            "identifier": "DBInstanceIdentifier",
            "engine": "Engine",
            "engine_version": "EngineVersion",
            "instance_class": "DBInstanceClass",
            "replicate_source_db": "ReadReplicaSourceDBInstanceIdentifier",
            "replica_mode": "ReplicaMode",
            "db_name": _not_replica("DBName"),
            "username": _not_replica("MasterUsername"),
            "password": _password,
            "manage_master_user_password": lambda item, ctx: True if item.get("MasterUserSecret") else None,
            "master_user_secret_kms_key_id": "MasterUserSecret.KmsKeyId",
            "license_model": lambda item, ctx: (
                item.get("LicenseModel") if _engine_family(item) in ("oracle", "sqlserver", "db2") else None
            ),
            "character_set_name": "CharacterSetName",
            "nchar_character_set_name": "NcharCharacterSetName",
            "timezone": "Timezone",
            "port": _port,
            "allocated_storage": "AllocatedStorage",
            "max_allocated_storage": "MaxAllocatedStorage",
            "storage_type": "StorageType",
            "iops": _provisioned("Iops"),
            "storage_throughput": _provisioned("StorageThroughput"),
            "storage_encrypted": "StorageEncrypted",
            "kms_key_id": "KmsKeyId",
            "dedicated_log_volume": "DedicatedLogVolume",
            "db_subnet_group_name": "DBSubnetGroup.DBSubnetGroupName",
            "vpc_security_group_ids": _sorted("VpcSecurityGroups", "VpcSecurityGroupId"),
            "publicly_accessible": "PubliclyAccessible",
            "network_type": "NetworkType",
            "customer_owned_ip_enabled": "CustomerOwnedIpEnabled",
            "multi_az": "MultiAZ",
            "availability_zone": lambda item, ctx: None if item.get("MultiAZ") else item.get("AvailabilityZone"),
            "parameter_group_name": _custom_group("DBParameterGroups", "DBParameterGroupName", "default."),
            "option_group_name": _custom_group("OptionGroupMemberships", "OptionGroupName", "default:"),
            "ca_cert_identifier": "CACertificateIdentifier",
            "iam_database_authentication_enabled": "IAMDatabaseAuthenticationEnabled",
            "backup_retention_period": "BackupRetentionPeriod",
            "backup_window": "PreferredBackupWindow",
            "backup_target": "BackupTarget",
            "maintenance_window": "PreferredMaintenanceWindow",
            "auto_minor_version_upgrade": "AutoMinorVersionUpgrade",
            "copy_tags_to_snapshot": "CopyTagsToSnapshot",
            "deletion_protection": "DeletionProtection",
            "enabled_cloudwatch_logs_exports": _sorted("EnabledCloudwatchLogsExports"),
            "monitoring_interval": "MonitoringInterval",
            "monitoring_role_arn": "MonitoringRoleArn",
            "performance_insights_enabled": "PerformanceInsightsEnabled",
            "performance_insights_kms_key_id": _when_insights("PerformanceInsightsKMSKeyId"),
            "performance_insights_retention_period": _when_insights("PerformanceInsightsRetentionPeriod"),
            "database_insights_mode": "DatabaseInsightsMode",
            "engine_lifecycle_support": "EngineLifecycleSupport",
            "tags": Tags("TagList"),
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
