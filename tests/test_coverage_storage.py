"""Coverage of the storage types: S3 bucket settings (lifecycle, ownership,
logging), EFS, DynamoDB, RDS and ElastiCache.  Each test seeds moto (over HTTP)
or replays recorded API responses, then scans, generates and plans with the
real Terraform engine (see coverage_kit)."""

from __future__ import annotations

import datetime as dt
import re

import coverage_kit
from coverage_kit import Seeded, scan_and_check

from adopt.catalog import registry
from adopt.catalog.services.s3_settings import _aws_default_ownership
from adopt.catalog.spec import Context


def _unaligned(text: str) -> str:
    """A block without fmt's alignment of ``=`` signs, so assertions need not know it."""
    return re.sub(r"(\S) +=", r"\1 =", text)


def block(checked, tf_type: str, label: str) -> str:
    return _unaligned(checked.block(tf_type, label))


def _bucket_location(region: str) -> dict:
    """create_bucket's location argument: none in us-east-1, a constraint elsewhere."""
    return {} if region == "us-east-1" else {"CreateBucketConfiguration": {"LocationConstraint": region}}


def seed_s3_bucket_settings(moto, region: str, suffix: str = "") -> Seeded:
    """Three buckets (app-data, app-logs, app-archive, each + ``suffix``: bucket names
    are global) with lifecycle rules, ownership controls and access logging."""
    s3 = moto.client("s3", region)
    data, logs, archive = (f"app-data{suffix}", f"app-logs{suffix}", f"app-archive{suffix}")
    for bucket in (data, logs, archive):
        s3.create_bucket(Bucket=bucket, **_bucket_location(region))
    s3.put_bucket_lifecycle_configuration(
        Bucket=data,
        LifecycleConfiguration={
            "Rules": [
                {
                    "ID": "expire-tmp",
                    "Filter": {"Prefix": "tmp/"},
                    "Status": "Enabled",
                    "Expiration": {"Days": 30},
                    "AbortIncompleteMultipartUpload": {"DaysAfterInitiation": 7},
                },
                {
                    "ID": "archive-reports",
                    "Filter": {"And": {"Prefix": "reports/", "Tags": [{"Key": "class", "Value": "cold"}]}},
                    "Status": "Enabled",
                    "Transitions": [
                        {"Days": 30, "StorageClass": "STANDARD_IA"},
                        {"Days": 90, "StorageClass": "GLACIER"},
                    ],
                    "NoncurrentVersionTransitions": [{"NoncurrentDays": 30, "StorageClass": "GLACIER"}],
                    "NoncurrentVersionExpiration": {"NoncurrentDays": 60},
                },
                {"ID": "tagged", "Filter": {"Tag": {"Key": "temp", "Value": "yes"}}, "Status": "Disabled"}
                | {"Expiration": {"Days": 1}},
            ]
        },
    )
    # Every key, spelled as the provider writes `filter {}`; and a dated expiration.
    s3.put_bucket_lifecycle_configuration(
        Bucket=archive,
        LifecycleConfiguration={
            "Rules": [
                {
                    "ID": "sunset",
                    "Filter": {"Prefix": ""},
                    "Status": "Enabled",
                    "Expiration": {"Date": dt.datetime(2030, 1, 1, tzinfo=dt.timezone.utc)},
                },
                # From before filters: a rule-level prefix, kept as it is.
                {"ID": "legacy", "Prefix": "old/", "Status": "Enabled", "Expiration": {"Days": 5}},
            ]
        },
    )
    s3.put_bucket_ownership_controls(
        Bucket=data, OwnershipControls={"Rules": [{"ObjectOwnership": "BucketOwnerPreferred"}]}
    )
    # A new bucket's BucketOwnerEnforced is AWS's default: not adopted.
    s3.put_bucket_ownership_controls(
        Bucket=archive, OwnershipControls={"Rules": [{"ObjectOwnership": "BucketOwnerEnforced"}]}
    )
    s3.put_bucket_acl(Bucket=logs, ACL="log-delivery-write")
    s3.put_bucket_logging(
        Bucket=data,
        BucketLoggingStatus={
            "LoggingEnabled": {
                "TargetBucket": logs,
                "TargetPrefix": "app-data/",
                "TargetGrants": [
                    {
                        "Grantee": {
                            "Type": "Group",
                            "URI": "http://acs.amazonaws.com/groups/global/AuthenticatedUsers",
                        },
                        "Permission": "READ",
                    }
                ],
            }
        },
    )
    # The prefix is Required by the provider, even when empty.
    s3.put_bucket_logging(
        Bucket=archive, BucketLoggingStatus={"LoggingEnabled": {"TargetBucket": logs, "TargetPrefix": ""}}
    )
    return Seeded(
        ids={
            "aws_s3_bucket": {data, logs, archive},
            "aws_s3_bucket_lifecycle_configuration": {data, archive},
            "aws_s3_bucket_ownership_controls": {data},
            "aws_s3_bucket_logging": {data, archive},
            # log-delivery-write lets S3's log delivery group write the logs.
            "aws_s3_bucket_acl": {logs},
        }
    )


def test_s3_bucket_settings(moto, tmp_path, tf_engine, oracle_dir):
    seed_s3_bucket_settings(moto, "us-east-1")

    checked = scan_and_check(
        moto,
        tmp_path,
        tf_engine,
        oracle_dir,
        expected={
            "aws_s3_bucket": {"app-data", "app-logs", "app-archive"},
            "aws_s3_bucket_lifecycle_configuration": {"app-data", "app-archive"},
            "aws_s3_bucket_ownership_controls": {"app-data"},
            "aws_s3_bucket_logging": {"app-data", "app-archive"},
        },
        references={
            "aws_s3_bucket_lifecycle_configuration": {("bucket", "aws_s3_bucket")},
            "aws_s3_bucket_ownership_controls": {("bucket", "aws_s3_bucket")},
            "aws_s3_bucket_logging": {("bucket", "aws_s3_bucket"), ("target_bucket", "aws_s3_bucket")},
        },
    )

    lifecycle = block(checked, "aws_s3_bucket_lifecycle_configuration", "app_data")
    assert "bucket = aws_s3_bucket.app_data.id" in lifecycle
    assert lifecycle.count("rule {") == 3
    assert 'id = "expire-tmp"' in lifecycle and 'prefix = "tmp/"' in lifecycle
    assert "days_after_initiation = 7" in lifecycle
    assert 'and {\n        prefix = "reports/"\n\n        tags = {\n          class = "cold"\n        }' in lifecycle
    assert 'days = 90\n      storage_class = "GLACIER"' in lifecycle
    assert "noncurrent_days = 60" in lifecycle
    assert 'key = "temp"' in lifecycle and 'status = "Disabled"' in lifecycle
    assert "transition_default_minimum_object_size" not in lifecycle  # the provider's default
    archive = block(checked, "aws_s3_bucket_lifecycle_configuration", "app_archive")
    assert 'filter {\n      prefix = ""\n    }' in archive
    assert 'date = "2030-01-01T00:00:00Z"' in archive
    assert 'id = "legacy"\n    status = "Enabled"\n    prefix = "old/"' in archive

    ownership = block(checked, "aws_s3_bucket_ownership_controls", "app_data")
    assert 'object_ownership = "BucketOwnerPreferred"' in ownership

    logging = block(checked, "aws_s3_bucket_logging", "app_data")
    assert "target_bucket = aws_s3_bucket.app_logs.id" in logging
    assert 'target_prefix = "app-data/"' in logging
    assert 'permission = "READ"' in logging and 'type = "Group"' in logging
    assert "display_name" not in logging and 'id = ""' not in logging
    assert 'target_prefix = ""' in block(checked, "aws_s3_bucket_logging", "app_archive")


def test_bucket_owner_enforced_is_a_default_only_on_newer_buckets():
    enforced = {"OwnershipControls": {"Rules": [{"ObjectOwnership": "BucketOwnerEnforced"}]}}
    preferred = {"OwnershipControls": {"Rules": [{"ObjectOwnership": "BucketOwnerPreferred"}]}}

    def made(year):
        return Context("us-east-1", "123456789012", parent={"CreationDate": dt.datetime(year, 6, 1, tzinfo=dt.UTC)})

    assert _aws_default_ownership(enforced, made(2024))
    assert not _aws_default_ownership(enforced, made(2021))  # someone disabled ACLs on purpose
    assert not _aws_default_ownership(preferred, made(2024))
    assert _aws_default_ownership(enforced, Context("us-east-1", None, parent={"CreationDate": "2024-01-01T00:00:00Z"}))
    assert registry.get("aws_s3_bucket_ownership_controls").is_default is _aws_default_ownership


def seed_efs_and_dynamodb(moto, region: str) -> Seeded:
    """An EFS file system with a mount target, and two DynamoDB tables (one with every setting)."""
    ec2, efs, dynamodb = (moto.client(service, region) for service in ("ec2", "efs", "dynamodb"))
    kms_key = moto.client("kms", region).create_key(Description="tables")["KeyMetadata"]
    vpc = ec2.create_vpc(CidrBlock="10.20.0.0/16")["Vpc"]["VpcId"]
    ec2.create_tags(Resources=[vpc], Tags=[{"Key": "Name", "Value": "storage"}])
    subnet = ec2.create_subnet(VpcId=vpc, CidrBlock="10.20.1.0/24", AvailabilityZone=f"{region}a")["Subnet"]
    ec2.create_tags(Resources=[subnet["SubnetId"]], Tags=[{"Key": "Name", "Value": "storage-a"}])
    nfs = ec2.create_security_group(VpcId=vpc, GroupName="nfs", Description="NFS clients")["GroupId"]

    fs = efs.create_file_system(
        CreationToken="shared-fs",
        PerformanceMode="maxIO",
        Encrypted=True,
        ThroughputMode="provisioned",
        ProvisionedThroughputInMibps=64,
        Tags=[{"Key": "Name", "Value": "shared"}, {"Key": "team", "Value": "media"}],
    )["FileSystemId"]
    efs.put_lifecycle_configuration(
        FileSystemId=fs,
        LifecyclePolicies=[{"TransitionToIA": "AFTER_30_DAYS"}, {"TransitionToPrimaryStorageClass": "AFTER_1_ACCESS"}],
    )
    mount = efs.create_mount_target(FileSystemId=fs, SubnetId=subnet["SubnetId"], SecurityGroups=[nfs])

    dynamodb.create_table(
        TableName="orders",
        BillingMode="PROVISIONED",
        ProvisionedThroughput={"ReadCapacityUnits": 5, "WriteCapacityUnits": 10},
        AttributeDefinitions=[
            {"AttributeName": "pk", "AttributeType": "S"},
            {"AttributeName": "sk", "AttributeType": "S"},
            {"AttributeName": "customer", "AttributeType": "N"},
            {"AttributeName": "placed", "AttributeType": "S"},
        ],
        KeySchema=[{"AttributeName": "pk", "KeyType": "HASH"}, {"AttributeName": "sk", "KeyType": "RANGE"}],
        GlobalSecondaryIndexes=[
            {
                "IndexName": "by-customer",
                "KeySchema": [{"AttributeName": "customer", "KeyType": "HASH"}],
                "Projection": {"ProjectionType": "INCLUDE", "NonKeyAttributes": ["total", "status"]},
                "ProvisionedThroughput": {"ReadCapacityUnits": 2, "WriteCapacityUnits": 3},
            }
        ],
        LocalSecondaryIndexes=[
            {
                "IndexName": "by-placed",
                "KeySchema": [
                    {"AttributeName": "pk", "KeyType": "HASH"},
                    {"AttributeName": "placed", "KeyType": "RANGE"},
                ],
                "Projection": {"ProjectionType": "KEYS_ONLY"},
            }
        ],
        StreamSpecification={"StreamEnabled": True, "StreamViewType": "NEW_AND_OLD_IMAGES"},
        SSESpecification={"Enabled": True, "SSEType": "KMS", "KMSMasterKeyId": kms_key["Arn"]},
        DeletionProtectionEnabled=True,
        Tags=[{"Key": "team", "Value": "shop"}],
    )
    dynamodb.update_time_to_live(
        TableName="orders", TimeToLiveSpecification={"Enabled": True, "AttributeName": "expires_at"}
    )
    dynamodb.update_continuous_backups(
        TableName="orders", PointInTimeRecoverySpecification={"PointInTimeRecoveryEnabled": True}
    )
    dynamodb.create_table(
        TableName="sessions",
        BillingMode="PAY_PER_REQUEST",
        AttributeDefinitions=[{"AttributeName": "id", "AttributeType": "S"}],
        KeySchema=[{"AttributeName": "id", "KeyType": "HASH"}],
    )
    return Seeded(
        ids={
            "aws_kms_key": {kms_key["KeyId"]},
            "aws_vpc": {vpc},
            "aws_subnet": {subnet["SubnetId"]},
            "aws_security_group": {nfs},
            "aws_efs_file_system": {fs},
            "aws_efs_mount_target": {mount["MountTargetId"]},
            "aws_dynamodb_table": {"orders", "sessions"},
        },
        kms_key=kms_key["Arn"],
        kms_key_id=kms_key["KeyId"],
        vpc=vpc,
        subnet=subnet,
        nfs=nfs,
        fs=fs,
        mount=mount,
    )


def test_efs_and_dynamodb(moto, tmp_path, tf_engine, oracle_dir):
    seeded = seed_efs_and_dynamodb(moto, "us-east-1")
    kms_key, vpc, subnet, nfs, fs, mount = (
        seeded.kms_key,
        seeded.vpc,
        seeded.subnet,
        seeded.nfs,
        seeded.fs,
        seeded.mount,
    )

    checked = scan_and_check(
        moto,
        tmp_path,
        tf_engine,
        oracle_dir,
        expected={
            "aws_vpc": {vpc},
            "aws_subnet": {subnet["SubnetId"]},
            "aws_security_group": {nfs},
            "aws_efs_file_system": {fs},
            "aws_efs_mount_target": {mount["MountTargetId"]},
            "aws_dynamodb_table": {"orders", "sessions"},
        },
        references={
            "aws_efs_mount_target": {
                ("file_system_id", "aws_efs_file_system"),
                ("subnet_id", "aws_subnet"),
                ("security_groups[0]", "aws_security_group"),
            },
        },
    )
    file_system = block(checked, "aws_efs_file_system", "shared")
    for line in (
        'creation_token = "shared-fs"',
        'performance_mode = "maxIO"',
        'throughput_mode = "provisioned"',
        "provisioned_throughput_in_mibps = 64",
        "encrypted = true",
        'transition_to_ia = "AFTER_30_DAYS"',
        'transition_to_primary_storage_class = "AFTER_1_ACCESS"',
        'team = "media"',
        "prevent_destroy = true",
    ):
        assert line in file_system, line
    assert file_system.count("lifecycle_policy {") == 2
    assert "protection" not in file_system and "size_in_bytes" not in file_system

    mount_target = block(checked, "aws_efs_mount_target", "shared_us_east_1a")
    assert "file_system_id = aws_efs_file_system.shared.id" in mount_target
    assert "subnet_id = aws_subnet.storage_a.id" in mount_target
    assert "security_groups = [aws_security_group.nfs.id]" in mount_target
    assert "ip_address" not in mount_target

    orders = block(checked, "aws_dynamodb_table", "orders")
    for line in (
        'hash_key = "pk"',
        'range_key = "sk"',
        "read_capacity = 5",
        "write_capacity = 10",
        "stream_enabled = true",
        'stream_view_type = "NEW_AND_OLD_IMAGES"',
        "deletion_protection_enabled = true",
        'name = "customer"\n    type = "N"',
        'name = "by-customer"\n    projection_type = "INCLUDE"\n    non_key_attributes = ["status", "total"]',
        "read_capacity = 2\n    write_capacity = 3",
        '      attribute_name = "customer"\n      key_type = "HASH"',
        'name = "by-placed"\n    range_key = "placed"\n    projection_type = "KEYS_ONLY"',
        'ttl {\n    enabled = true\n    attribute_name = "expires_at"',
        "point_in_time_recovery {\n    enabled = true\n  }",
        "prevent_destroy = true",
    ):
        assert line in orders, line
    assert f'kms_key_arn = "{kms_key}"' in orders  # no aws_kms_key generated here: kept as a literal
    assert orders.count("attribute {") == 4
    assert "billing_mode" not in orders  # PROVISIONED is the provider's default
    sessions = block(checked, "aws_dynamodb_table", "sessions")
    assert 'billing_mode = "PAY_PER_REQUEST"' in sessions
    for absent in ("read_capacity", "ttl", "point_in_time_recovery", "stream_enabled", "warm_throughput"):
        assert absent not in sessions, absent


def seed_rds_and_cache_subnet_group(moto, region: str) -> Seeded:
    """Two database instances (one with a managed password, one without), their subnet and
    parameter groups, and an ElastiCache subnet group."""
    ec2, rds = moto.client("ec2", region), moto.client("rds", region)
    vpc = ec2.create_vpc(CidrBlock="10.30.0.0/16")["Vpc"]["VpcId"]
    subnets = [
        ec2.create_subnet(VpcId=vpc, CidrBlock=f"10.30.{i}.0/24", AvailabilityZone=f"{region}{az}")["Subnet"][
            "SubnetId"
        ]
        for i, az in ((1, "a"), (2, "b"))
    ]
    db_sg = ec2.create_security_group(VpcId=vpc, GroupName="db", Description="Database clients")["GroupId"]
    kms_key = moto.client("kms", region).create_key(Description="rds")["KeyMetadata"]
    rds.create_db_subnet_group(
        DBSubnetGroupName="app-db",
        DBSubnetGroupDescription="App database subnets",
        SubnetIds=subnets,
        Tags=[{"Key": "team", "Value": "app"}],
    )
    moto.client("elasticache", region).create_cache_subnet_group(
        CacheSubnetGroupName="cache-private",
        CacheSubnetGroupDescription="Private subnets for caches",
        SubnetIds=subnets,
        Tags=[{"Key": "team", "Value": "web"}],
    )
    rds.create_db_parameter_group(
        DBParameterGroupName="app-pg15", DBParameterGroupFamily="postgres15", Description="App tuning"
    )
    rds.modify_db_parameter_group(
        DBParameterGroupName="app-pg15",
        Parameters=[
            {"ParameterName": "log_min_duration_statement", "ParameterValue": "500", "ApplyMethod": "immediate"},
            {
                "ParameterName": "shared_preload_libraries",
                "ParameterValue": "pg_stat_statements",
                "ApplyMethod": "pending-reboot",
            },
        ],
    )
    rds.create_db_instance(
        DBInstanceIdentifier="app-db",
        DBInstanceClass="db.t3.medium",
        Engine="postgres",
        EngineVersion="15.4",
        AllocatedStorage=50,
        MaxAllocatedStorage=200,
        StorageType="gp3",
        MasterUsername="app",
        ManageMasterUserPassword=True,
        DBName="app",
        DBSubnetGroupName="app-db",
        DBParameterGroupName="app-pg15",
        VpcSecurityGroupIds=[db_sg],
        StorageEncrypted=True,
        KmsKeyId=kms_key["Arn"],
        BackupRetentionPeriod=7,
        DeletionProtection=True,
        CopyTagsToSnapshot=True,
        EnableCloudwatchLogsExports=["upgrade", "postgresql"],
        Tags=[{"Key": "Name", "Value": "app"}],
    )
    rds.create_db_instance(
        DBInstanceIdentifier="legacy-mysql",
        DBInstanceClass="db.t3.micro",
        Engine="mysql",
        EngineVersion="8.0.35",
        AllocatedStorage=20,
        Port=3307,
        MasterUsername="admin",
        MasterUserPassword="not-read-by-adopt",
        DBSubnetGroupName="app-db",
    )
    return Seeded(
        ids={
            "aws_kms_key": {kms_key["KeyId"]},
            "aws_vpc": {vpc},
            "aws_subnet": set(subnets),
            "aws_security_group": {db_sg},
            "aws_db_subnet_group": {"app-db"},
            "aws_db_parameter_group": {"app-pg15"},
            "aws_db_instance": {"app-db", "legacy-mysql"},
            "aws_elasticache_subnet_group": {"cache-private"},
        },
        subnets=subnets,
        db_sg=db_sg,
        kms_key_id=kms_key["KeyId"],
    )


def test_rds_and_cache_subnet_group(moto, tmp_path, tf_engine, oracle_dir):
    seeded = seed_rds_and_cache_subnet_group(moto, "us-east-1")
    subnets, db_sg = seeded.subnets, seeded.db_sg

    checked = scan_and_check(
        moto,
        tmp_path,
        tf_engine,
        oracle_dir,
        expected={
            "aws_subnet": set(subnets),
            "aws_security_group": {db_sg},
            "aws_db_subnet_group": {"app-db"},
            "aws_db_parameter_group": {"app-pg15"},
            "aws_db_instance": {"app-db", "legacy-mysql"},
            "aws_elasticache_subnet_group": {"cache-private"},
        },
        references={
            "aws_db_subnet_group": {("subnet_ids[0]", "aws_subnet"), ("subnet_ids[1]", "aws_subnet")},
            "aws_db_instance": {("db_subnet_group_name", "aws_db_subnet_group")},
            "aws_elasticache_subnet_group": {("subnet_ids[0]", "aws_subnet"), ("subnet_ids[1]", "aws_subnet")},
        },
    )
    instances = {r["import_id"]: r for r in checked.by_type["aws_db_instance"]}
    assert ("kms_key_id", "aws_kms_key") in {(r["path"], r["type"]) for r in instances["app-db"]["references"]}
    assert instances["legacy-mysql"]["sensitive"] == {
        "password": "the master password is never read from AWS (AWS can manage it: manage_master_user_password)"
    }
    assert "not-read-by-adopt" not in (tmp_path / "inventory.json").read_text()

    subnet_group = block(checked, "aws_db_subnet_group", "app_db")
    assert 'description = "App database subnets"' in subnet_group
    assert "aws_subnet." in subnet_group and "subnet-" not in subnet_group
    assert 'team = "app"' in subnet_group

    cache_subnets = block(checked, "aws_elasticache_subnet_group", "cache_private")
    assert 'description = "Private subnets for caches"' in cache_subnets
    assert "aws_subnet." in cache_subnets and "subnet-" not in cache_subnets
    assert 'team = "web"' in cache_subnets

    params = block(checked, "aws_db_parameter_group", "app_pg15")
    assert 'family = "postgres15"' in params
    assert 'name = "log_min_duration_statement"\n    value = "500"' in params
    assert (
        'name = "shared_preload_libraries"\n    value = "pg_stat_statements"\n    apply_method = "pending-reboot"'
    ) in params

    db = block(checked, "aws_db_instance", "app")
    for line in (
        'identifier = "app-db"',
        'engine = "postgres"',
        'engine_version = "15.4"',
        'instance_class = "db.t3.medium"',
        "allocated_storage = 50",
        "max_allocated_storage = 200",
        'storage_type = "gp3"',
        "storage_encrypted = true",
        "manage_master_user_password = true",
        'username = "app"',
        'db_name = "app"',
        "db_subnet_group_name = aws_db_subnet_group.app_db.name",
        "parameter_group_name = aws_db_parameter_group.app_pg15.name",
        "vpc_security_group_ids = [aws_security_group.db.id]",
        "backup_retention_period = 7",
        "deletion_protection = true",
        "copy_tags_to_snapshot = true",
        'enabled_cloudwatch_logs_exports = ["postgresql", "upgrade"]',
        "prevent_destroy = true",
    ):
        assert line in db, line
    for absent in ("password", "iops", "storage_throughput", "port", "option_group_name", "multi_az", "endpoint"):
        assert f"\n  {absent} =" not in db, absent

    mysql = block(checked, "aws_db_instance", "legacy_mysql")
    # The provider never reads the password back: not written, nothing to type before the first plan.
    assert "# password: not written" in mysql and "\n  password =" not in mysql
    assert "port = 3307" in mysql
    assert "manage_master_user_password" not in mysql and "parameter_group_name" not in mysql
    assert not (checked.module_dir / "variables.tf").exists()


def test_elasticache_recorded(tmp_path, tf_engine):
    """Recorded responses: moto's ElastiCache reports no security groups, parameter
    group, node endpoints, log delivery or maintenance window, and keeps Redis
    versions as given, where AWS reports the full version ("7.1.0")."""
    specs = [
        registry.get(t)
        for t in ("aws_subnet", "aws_security_group", "aws_elasticache_subnet_group", "aws_elasticache_cluster")
    ]
    inventory = coverage_kit.scan_recorded("storage/elasticache.json", specs, ["us-east-1"])
    assert inventory.errors == []
    found = {(r.type, r.import_id) for r in inventory.resources}
    assert found == {
        ("aws_subnet", "subnet-0a1b2c3d4e5f60718"),
        ("aws_subnet", "subnet-0b2c3d4e5f6071829"),
        ("aws_security_group", "sg-0c3d4e5f60718293a"),
        ("aws_elasticache_subnet_group", "cache-private"),
        ("aws_elasticache_cluster", "sessions"),
        ("aws_elasticache_cluster", "page-cache"),
    }  # the "default" subnet group and the replication group's member are left out
    coverage_kit.generate_recorded(inventory, tmp_path)
    coverage_kit.check_module(tmp_path, tf_engine, len(inventory.resources))
    text = _unaligned((tmp_path / "elasticache.tf").read_text())

    def cluster(label):
        start = text.index(f'resource "aws_elasticache_cluster" "{label}" {{')
        return text[start : text.index("\n}\n", start)]

    subnet_group = text[text.index('resource "aws_elasticache_subnet_group"') :]
    assert 'name = "cache-private"' in subnet_group
    # The two private subnets are one family, written once with for_each.
    assert 'subnet_ids = [aws_subnet.private["private_a"].id, aws_subnet.private["private_b"].id]' in subnet_group

    redis = cluster("sessions")
    for line in (
        'engine = "redis"',
        'engine_version = "7.1"',
        'node_type = "cache.t4g.small"',
        "num_cache_nodes = 1",
        "subnet_group_name = aws_elasticache_subnet_group.cache_private.name",
        "security_group_ids = [aws_security_group.cache.id]",
        'parameter_group_name = "sessions-redis7"',
        "snapshot_retention_limit = 5",
        'snapshot_window = "03:00-04:00"',
        'maintenance_window = "sun:05:00-sun:06:00"',
        "transit_encryption_enabled = true",
        'destination = "/elasticache/sessions/slow-log"',
        'log_format = "json"',
        'Name = "sessions"',
    ):
        assert line in redis, line
    for absent in ("port", "auto_minor_version_upgrade", "network_type", "ip_discovery", "az_mode"):
        assert f"\n  {absent} =" not in redis, absent
    assert "7.1.0" not in redis

    memcached = cluster("page_cache")
    for line in (
        'engine_version = "1.6.22"',
        "num_cache_nodes = 3",
        'az_mode = "cross-az"',
        "port = 11212",
        'auto_minor_version_upgrade = "false"',
    ):
        assert line in memcached, line
    assert "\n  availability_zone =" not in memcached  # "Multiple"
    assert "parameter_group_name" not in memcached  # default.memcached1.6 is AWS's


def test_bucket_regions_from_the_listing_save_a_call_per_bucket():
    """Uses recordings (fixtures/storage/bucket_regions.json): moto's ListBuckets has no
    BucketRegion, which AWS gives in most partitions.  Where it does, no GetBucketLocation
    is made, and a bucket outside the scanned regions costs no call at all; a bucket the
    listing does not place still gets one.  Tags come from the tagging API of the
    region each bucket lives in, where it answers (recorded for eu-west-1 only;
    us-east-1's is replayed as denied, so that bucket asks for its own)."""
    from adopt.catalog import registry

    session = coverage_kit.RecordedSession("storage/bucket_regions.json")
    from adopt.scan.engine import Scanner

    inventory = Scanner(session, ["us-east-1", "eu-west-1"], [registry.get("aws_s3_bucket")], concurrency=1).run()
    assert inventory.errors == []
    assert {(r.id, r.region) for r in inventory.resources} == {
        ("assets-use1", "us-east-1"),
        ("logs-euw1", "eu-west-1"),
        ("legacy-unknown", "eu-west-1"),  # "EU", from its GetBucketLocation
    }
    calls = sorted((operation, params.get("Bucket", "")) for _, _, operation, params in session.calls)
    assert calls == [
        ("GetBucketLocation", "legacy-unknown"),
        ("GetBucketTagging", "assets-use1"),
        ("GetResources", ""),
        ("GetResources", ""),
        ("ListBuckets", ""),
    ]
    tags = {r.id: r.tags for r in inventory.resources}
    # legacy-unknown: eu-west-1's index lists buckets, and not this one, so it has none.
    assert tags == {"assets-use1": {"Team": "web"}, "logs-euw1": {"Team": "logs"}, "legacy-unknown": {}}
