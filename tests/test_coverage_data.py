"""Coverage of the data types of the second wave: Aurora clusters and their
instances, RDS cluster parameter, option groups and event subscriptions,
ElastiCache replication and parameter groups, MemoryDB, Redshift, OpenSearch,
DynamoDB contributor insights, the rest of the S3 bucket settings, the
account's S3 public access block, EFS access points and policies, and AWS Backup.

The types moto emulates are seeded in moto (over HTTP) once for the module,
scanned, generated and planned once through the real CLI (``data_estate``);
each test then reads its part of that one result.  What moto lacks is replayed
from recorded API responses (``fixtures/data/*.json``); each recorded test says
what its recording stands in for.
"""

from __future__ import annotations

import json
import re

import coverage_kit
import pytest
from coverage_kit import Seeded, scan_and_check
from helpers import emulator_fails, run_cli
from oracle_ids import mismatch

from adopt.catalog import registry

ACCOUNT = "123456789012"


def _unaligned(text: str) -> str:
    """A block without fmt's alignment of ``=`` signs, so assertions need not know it."""
    return re.sub(r"(\S) +=", r"\1 =", text)


def block(checked, tf_type: str, label: str) -> str:
    return _unaligned(checked.block(tf_type, label))


def _network(moto, region: str, cidr_prefix: str) -> tuple[str, list[str], str]:
    """A VPC with two subnets in two zones and a security group for its data stores."""
    ec2 = moto.client("ec2", region)
    vpc = ec2.create_vpc(CidrBlock=f"{cidr_prefix}.0.0/16")["Vpc"]["VpcId"]
    subnets = [
        ec2.create_subnet(VpcId=vpc, CidrBlock=f"{cidr_prefix}.{i}.0/24", AvailabilityZone=f"{region}{az}")["Subnet"][
            "SubnetId"
        ]
        for i, az in ((1, "a"), (2, "b"))
    ]
    group = ec2.create_security_group(VpcId=vpc, GroupName="data", Description="Data store clients")["GroupId"]
    return vpc, subnets, group


def seed_databases_and_caches(moto, region: str) -> Seeded:
    """An Aurora PostgreSQL cluster with one instance, its cluster parameter group and an
    event subscription; a Redis replication group; a MemoryDB cluster; a Redshift
    cluster with its subnet and parameter groups; an OpenSearch domain."""
    vpc, subnets, group = _network(moto, region, "10.40")
    rds, cache = moto.client("rds", region), moto.client("elasticache", region)
    kms_key = moto.client("kms", region).create_key(Description="data")["KeyMetadata"]
    topic = moto.client("sns", region).create_topic(Name="data-events")["TopicArn"]

    rds.create_db_subnet_group(DBSubnetGroupName="aurora", DBSubnetGroupDescription="Aurora subnets", SubnetIds=subnets)
    rds.create_db_cluster_parameter_group(
        DBClusterParameterGroupName="orders-aurora-pg15",
        DBParameterGroupFamily="aurora-postgresql15",
        Description="Orders cluster tuning",
        Tags=[{"Key": "team", "Value": "orders"}],
    )
    rds.modify_db_cluster_parameter_group(
        DBClusterParameterGroupName="orders-aurora-pg15",
        Parameters=[
            {"ParameterName": "log_statement", "ParameterValue": "ddl", "ApplyMethod": "immediate"},
            {"ParameterName": "rds.force_ssl", "ParameterValue": "1", "ApplyMethod": "pending-reboot"},
        ],
    )
    rds.create_db_cluster(
        DBClusterIdentifier="orders",
        Engine="aurora-postgresql",
        EngineVersion="15.4",
        DatabaseName="orders",
        MasterUsername="app",
        ManageMasterUserPassword=True,
        DBClusterParameterGroupName="orders-aurora-pg15",
        DBSubnetGroupName="aurora",
        VpcSecurityGroupIds=[group],
        StorageEncrypted=True,
        KmsKeyId=kms_key["Arn"],
        BackupRetentionPeriod=7,
        PreferredBackupWindow="03:00-03:30",
        DeletionProtection=True,
        CopyTagsToSnapshot=True,
        EnableCloudwatchLogsExports=["postgresql"],
        ServerlessV2ScalingConfiguration={"MinCapacity": 0.5, "MaxCapacity": 4},
        Tags=[{"Key": "team", "Value": "orders"}],
    )
    rds.create_db_instance(
        DBInstanceIdentifier="orders-1",
        DBClusterIdentifier="orders",
        Engine="aurora-postgresql",
        DBInstanceClass="db.serverless",
        DBSubnetGroupName="aurora",
        PromotionTier=1,
        Tags=[{"Key": "Name", "Value": "orders-writer"}],
    )
    # A cluster whose password the user keeps: it becomes a sensitive variable.
    rds.create_db_cluster(
        DBClusterIdentifier="reports",
        Engine="aurora-mysql",
        EngineVersion="8.0.mysql_aurora.3.05.2",
        MasterUsername="admin",
        MasterUserPassword="never-read-by-adopt",
        DBSubnetGroupName="aurora",
    )
    rds.create_event_subscription(
        SubscriptionName="orders-failures",
        SnsTopicArn=topic,
        SourceType="db-cluster",
        SourceIds=["orders"],
        EventCategories=["failover", "failure"],
        Enabled=True,
        Tags=[{"Key": "team", "Value": "orders"}],
    )

    cache.create_cache_subnet_group(
        CacheSubnetGroupName="sessions", CacheSubnetGroupDescription="Session cache subnets", SubnetIds=subnets
    )
    cache.create_replication_group(
        ReplicationGroupId="sessions",
        ReplicationGroupDescription="Session store",
        Engine="redis",
        EngineVersion="7.1",
        CacheNodeType="cache.t4g.small",
        NumCacheClusters=2,
        AutomaticFailoverEnabled=True,
        MultiAZEnabled=True,
        CacheSubnetGroupName="sessions",
        SecurityGroupIds=[group],
        AtRestEncryptionEnabled=True,
        TransitEncryptionEnabled=True,
        SnapshotRetentionLimit=3,
        SnapshotWindow="04:00-05:00",
        Tags=[{"Key": "team", "Value": "web"}],
    )

    memorydb = moto.client("memorydb", region)
    memorydb.create_subnet_group(SubnetGroupName="leaderboard", Description="Leaderboard subnets", SubnetIds=subnets)
    memorydb.create_cluster(
        ClusterName="leaderboard",
        NodeType="db.t4g.small",
        ACLName="open-access",
        SubnetGroupName="leaderboard",
        SecurityGroupIds=[group],
        NumShards=2,
        NumReplicasPerShard=1,
        SnsTopicArn=topic,
        KmsKeyId=kms_key["Arn"],
        Tags=[{"Key": "team", "Value": "games"}],
    )

    redshift = moto.client("redshift", region)
    redshift.create_cluster_subnet_group(
        ClusterSubnetGroupName="warehouse", Description="Warehouse subnets", SubnetIds=subnets
    )
    redshift.create_cluster_parameter_group(
        ParameterGroupName="warehouse-params",
        ParameterGroupFamily="redshift-1.0",
        Description="Warehouse settings",
        Tags=[{"Key": "team", "Value": "bi"}],
    )
    redshift.create_cluster(
        ClusterIdentifier="warehouse",
        NodeType="ra3.xlplus",
        ClusterType="multi-node",
        NumberOfNodes=2,
        DBName="analytics",
        MasterUsername="admin",
        MasterUserPassword="Never-read-1",
        ClusterSubnetGroupName="warehouse",
        ClusterParameterGroupName="warehouse-params",
        VpcSecurityGroupIds=[group],
        Encrypted=True,
        KmsKeyId=kms_key["Arn"],
        AutomatedSnapshotRetentionPeriod=7,
        Tags=[{"Key": "team", "Value": "bi"}],
    )

    moto.client("opensearch", region).create_domain(
        DomainName="search",
        EngineVersion="OpenSearch_2.11",
        ClusterConfig={"InstanceType": "r6g.large.search", "InstanceCount": 2, "ZoneAwarenessEnabled": True},
        EBSOptions={"EBSEnabled": True, "VolumeType": "gp3", "VolumeSize": 100},
        EncryptionAtRestOptions={"Enabled": True, "KmsKeyId": kms_key["Arn"]},
        NodeToNodeEncryptionOptions={"Enabled": True},
        DomainEndpointOptions={"EnforceHTTPS": True, "TLSSecurityPolicy": "Policy-Min-TLS-1-2-2019-07"},
        AccessPolicies=json.dumps(
            {
                "Version": "2012-10-17",
                "Statement": [
                    {
                        "Effect": "Allow",
                        "Principal": {"AWS": f"arn:aws:iam::{ACCOUNT}:root"},
                        "Action": "es:ESHttp*",
                        "Resource": f"arn:aws:es:{region}:{ACCOUNT}:domain/search/*",
                    }
                ],
            }
        ),
        TagList=[{"Key": "team", "Value": "search"}],
    )
    return Seeded(
        ids={
            "aws_vpc": {vpc},
            "aws_subnet": set(subnets),
            "aws_security_group": {group},
            "aws_kms_key": {kms_key["KeyId"]},
            "aws_sns_topic": {topic},
            "aws_db_subnet_group": {"aurora"},
            "aws_rds_cluster_parameter_group": {"orders-aurora-pg15"},
            "aws_rds_cluster": {"orders", "reports"},
            "aws_rds_cluster_instance": {"orders-1"},
            "aws_db_event_subscription": {"orders-failures"},
            "aws_elasticache_subnet_group": {"sessions"},
            "aws_elasticache_replication_group": {"sessions"},
            "aws_memorydb_subnet_group": {"leaderboard"},
            "aws_memorydb_cluster": {"leaderboard"},
            "aws_redshift_subnet_group": {"warehouse"},
            "aws_redshift_parameter_group": {"warehouse-params"},
            "aws_redshift_cluster": {"warehouse"},
            "aws_opensearch_domain": {"search"},
        },
        kms_key=kms_key["Arn"],
        kms_key_id=kms_key["KeyId"],
        topic=topic,
        group=group,
        subnets=subnets,
    )


def _bucket(s3, name: str, region: str, **extra) -> str:
    location = {} if region == "us-east-1" else {"CreateBucketConfiguration": {"LocationConstraint": region}}
    s3.create_bucket(Bucket=name, **location, **extra)
    return name


def seed_bucket_configurations(moto, region: str, suffix: str = "") -> Seeded:
    """A website bucket with CORS rules, a public-read ACL and acceleration; a data bucket
    with notifications to a queue and a topic, replication to a replica bucket,
    Object Lock and an inventory; bucket names take ``suffix`` (they are global)."""
    s3, sqs, sns, iam = (moto.client(s, region) for s in ("s3", "sqs", "sns", "iam"))
    site = _bucket(s3, f"shop-site{suffix}", region)
    data = _bucket(s3, f"shop-data{suffix}", region, ObjectLockEnabledForBucket=True)
    replica = _bucket(s3, f"shop-data-replica{suffix}", region)
    inventory = _bucket(s3, f"shop-inventory{suffix}", region)

    s3.put_bucket_cors(
        Bucket=site,
        CORSConfiguration={
            "CORSRules": [
                {
                    "ID": "browsers",
                    "AllowedMethods": ["GET", "HEAD"],
                    "AllowedOrigins": ["https://shop.example.com"],
                    "AllowedHeaders": ["*"],
                    "ExposeHeaders": ["ETag"],
                    "MaxAgeSeconds": 3000,
                },
                {"AllowedMethods": ["PUT"], "AllowedOrigins": ["https://admin.example.com"]},
            ]
        },
    )
    s3.put_bucket_website(
        Bucket=site,
        WebsiteConfiguration={
            "IndexDocument": {"Suffix": "index.html"},
            "ErrorDocument": {"Key": "error.html"},
            "RoutingRules": [
                {
                    "Condition": {"KeyPrefixEquals": "docs/"},
                    "Redirect": {"ReplaceKeyPrefixWith": "documents/", "HttpRedirectCode": "301"},
                }
            ],
        },
    )
    s3.put_bucket_acl(Bucket=site, ACL="public-read")
    s3.put_bucket_accelerate_configuration(Bucket=site, AccelerateConfiguration={"Status": "Enabled"})

    queue = sqs.create_queue(QueueName=f"shop-uploads{suffix}")["QueueUrl"]
    queue_arn = sqs.get_queue_attributes(QueueUrl=queue, AttributeNames=["QueueArn"])["Attributes"]["QueueArn"]
    topic = sns.create_topic(Name=f"shop-deletes{suffix}")["TopicArn"]
    s3.put_bucket_notification_configuration(
        Bucket=data,
        NotificationConfiguration={
            "QueueConfigurations": [
                {
                    "Id": "uploads",
                    "QueueArn": queue_arn,
                    "Events": ["s3:ObjectCreated:*"],
                    "Filter": {"Key": {"FilterRules": [{"Name": "prefix", "Value": "uploads/"}]}},
                }
            ],
            "TopicConfigurations": [
                {
                    "Id": "deletes",
                    "TopicArn": topic,
                    "Events": ["s3:ObjectRemoved:*"],
                    "Filter": {"Key": {"FilterRules": [{"Name": "suffix", "Value": ".csv"}]}},
                }
            ],
        },
    )
    role = iam.create_role(
        RoleName=f"shop-replication{suffix}",
        AssumeRolePolicyDocument=json.dumps(
            {
                "Version": "2012-10-17",
                "Statement": [
                    {"Effect": "Allow", "Principal": {"Service": "s3.amazonaws.com"}, "Action": "sts:AssumeRole"}
                ],
            }
        ),
    )["Role"]["Arn"]
    for bucket in (data, replica):
        s3.put_bucket_versioning(Bucket=bucket, VersioningConfiguration={"Status": "Enabled"})
    s3.put_bucket_replication(
        Bucket=data,
        ReplicationConfiguration={
            "Role": role,
            "Rules": [
                {
                    "ID": "to-replica",
                    "Priority": 1,
                    "Status": "Enabled",
                    "Filter": {"Prefix": "orders/"},
                    "DeleteMarkerReplication": {"Status": "Disabled"},
                    "Destination": {"Bucket": f"arn:aws:s3:::{replica}", "StorageClass": "STANDARD_IA"},
                }
            ],
        },
    )
    s3.put_object_lock_configuration(
        Bucket=data,
        ObjectLockConfiguration={
            "ObjectLockEnabled": "Enabled",
            "Rule": {"DefaultRetention": {"Mode": "GOVERNANCE", "Days": 30}},
        },
    )
    s3.put_bucket_inventory_configuration(
        Bucket=data,
        Id="weekly",
        InventoryConfiguration={
            "Id": "weekly",
            "IsEnabled": True,
            "IncludedObjectVersions": "Current",
            "Filter": {"Prefix": "orders/"},
            "Schedule": {"Frequency": "Weekly"},
            "OptionalFields": ["Size", "LastModifiedDate"],
            "Destination": {
                "S3BucketDestination": {
                    "Bucket": f"arn:aws:s3:::{inventory}",
                    "Format": "CSV",
                    "Prefix": "shop-data",
                }
            },
        },
    )
    return Seeded(
        ids={
            "aws_s3_bucket": {site, data, replica, inventory},
            "aws_s3_bucket_versioning": {data, replica},
            "aws_s3_bucket_cors_configuration": {site},
            "aws_s3_bucket_website_configuration": {site},
            "aws_s3_bucket_acl": {site},
            "aws_s3_bucket_accelerate_configuration": {site},
            "aws_s3_bucket_notification": {data},
            "aws_s3_bucket_replication_configuration": {data},
            "aws_s3_bucket_object_lock_configuration": {data},
            "aws_s3_bucket_inventory": {f"{data}:weekly"},
            "aws_sqs_queue": {queue},
            "aws_sns_topic": {topic},
            "aws_iam_role": {f"shop-replication{suffix}"},
        },
        queue=queue,
        site=site,
        data=data,
        replica=replica,
        inventory=inventory,
    )


def seed_file_system_access_and_backups(moto, region: str) -> Seeded:
    """A file system with an access point, a policy and automatic backups; a backup
    vault (with AWS's Default vault beside it) and a daily plan."""
    efs, backup = moto.client("efs", region), moto.client("backup", region)
    fs = efs.create_file_system(CreationToken="home-dirs", Backup=True, Tags=[{"Key": "Name", "Value": "home"}])[
        "FileSystemId"
    ]
    access_point = efs.create_access_point(
        FileSystemId=fs,
        PosixUser={"Uid": 1000, "Gid": 1000, "SecondaryGids": [2000]},
        RootDirectory={
            "Path": "/home/app",
            "CreationInfo": {"OwnerUid": 1000, "OwnerGid": 1000, "Permissions": "750"},
        },
        Tags=[{"Key": "Name", "Value": "app-home"}],
    )["AccessPointId"]
    # At the file system's root, as every access point starts.
    scratch = efs.create_access_point(FileSystemId=fs, Tags=[{"Key": "Name", "Value": "scratch"}])["AccessPointId"]
    efs.put_file_system_policy(
        FileSystemId=fs,
        Policy=json.dumps(
            {
                "Version": "2012-10-17",
                "Statement": [
                    {
                        "Sid": "TlsOnly",
                        "Effect": "Deny",
                        "Principal": {"AWS": "*"},
                        "Action": "*",
                        "Condition": {"Bool": {"aws:SecureTransport": "false"}},
                    }
                ],
            }
        ),
    )
    backup.create_backup_vault(BackupVaultName="Default")  # what AWS makes on first use
    backup.create_backup_vault(BackupVaultName="nightly", BackupVaultTags={"team": "ops"})
    plan = backup.create_backup_plan(
        BackupPlan={
            "BackupPlanName": "nightly",
            "Rules": [
                {
                    "RuleName": "daily",
                    "TargetBackupVaultName": "nightly",
                    "ScheduleExpression": "cron(0 5 ? * * *)",
                    "StartWindowMinutes": 60,
                    "CompletionWindowMinutes": 180,
                    "Lifecycle": {"DeleteAfterDays": 35},
                    "RecoveryPointTags": {"source": "plan"},
                }
            ],
        },
        BackupPlanTags={"team": "ops"},
    )["BackupPlanId"]
    return Seeded(
        ids={
            "aws_efs_file_system": {fs},
            "aws_efs_access_point": {access_point, scratch},
            "aws_efs_file_system_policy": {fs},
            "aws_efs_backup_policy": {fs},
            "aws_backup_vault": {"nightly"},
            "aws_backup_plan": {plan},
        },
        fs=fs,
        access_point=access_point,
        scratch=scratch,
        plan=plan,
    )


# -- one estate for the module ------------------------------------------------------------------

# moto makes KMS keys of its own for the services seeded here (as AWS makes
# aws/* keys, which adopt leaves out): keys are not scanned in this module.
NOT_SCANNED = ("aws_kms_key",)


@pytest.fixture(scope="module")
def data_estate(moto_server, tmp_path_factory, tf_engine, oracle_dir):
    """Every seed of this module in one account; one scan, one module, one plan."""
    moto_server.reset()
    seeded = {
        "databases": seed_databases_and_caches(moto_server, "us-east-1"),
        "buckets": seed_bucket_configurations(moto_server, "us-east-1"),
        "files": seed_file_system_access_and_backups(moto_server, "us-east-1"),
    }
    expected: dict[str, set[str]] = {}
    for one in seeded.values():
        for tf_type, ids in one.ids.items():
            if tf_type not in NOT_SCANNED:
                expected.setdefault(tf_type, set()).update(ids)
    checked = scan_and_check(
        moto_server,
        tmp_path_factory.mktemp("data"),
        tf_engine,
        oracle_dir,
        expected=expected,
        references={
            "aws_rds_cluster": {("db_subnet_group_name", "aws_db_subnet_group")},
            "aws_rds_cluster_instance": {("cluster_identifier", "aws_rds_cluster")},
            "aws_db_event_subscription": {("sns_topic", "aws_sns_topic")},
            "aws_memorydb_cluster": {("subnet_group_name", "aws_memorydb_subnet_group")},
            "aws_redshift_cluster": {("cluster_subnet_group_name", "aws_redshift_subnet_group")},
            "aws_s3_bucket_notification": {
                ("topic[0].topic_arn", "aws_sns_topic"),
                ("queue[0].queue_arn", "aws_sqs_queue"),
            },
            "aws_s3_bucket_replication_configuration": {
                ("role", "aws_iam_role"),
                ("rule[0].destination.bucket", "aws_s3_bucket"),
            },
            "aws_efs_access_point": {("file_system_id", "aws_efs_file_system")},
            "aws_efs_file_system_policy": {("file_system_id", "aws_efs_file_system")},
            "aws_backup_plan": {("rule[0].target_vault_name", "aws_backup_vault")},
        },
    )
    return seeded, checked


def _lines_in(text: str, *lines: str) -> None:
    for line in lines:
        assert line in text, f"{line!r} not in:\n{text}"


def test_aurora_clusters_instances_and_groups(data_estate):
    seeded, checked = data_estate
    databases = seeded["databases"]
    orders = block(checked, "aws_rds_cluster", "orders")
    _lines_in(
        orders,
        'cluster_identifier = "orders"',
        'engine = "aurora-postgresql"',
        'engine_version = "15.4"',
        'database_name = "orders"',
        'master_username = "app"',
        "manage_master_user_password = true",
        "db_subnet_group_name = aws_db_subnet_group.aurora.name",
        "vpc_security_group_ids = [aws_security_group.data.id]",
        "db_cluster_parameter_group_name = aws_rds_cluster_parameter_group.orders_aurora_pg15.name",
        "storage_encrypted = true",
        f'kms_key_id = "{databases.kms_key}"',  # keys are not scanned here: a literal
        "backup_retention_period = 7",
        'preferred_backup_window = "03:00-03:30"',
        "deletion_protection = true",
        "copy_tags_to_snapshot = true",
        'enabled_cloudwatch_logs_exports = ["postgresql"]',
        "serverlessv2_scaling_configuration {\n    min_capacity = 0.5\n    max_capacity = 4",
        'team = "orders"',
        "prevent_destroy = true",
    )
    for absent in ("master_password", "engine_mode", "port", "allocated_storage", "storage_type", "availability_zones"):
        assert f"\n  {absent} =" not in orders, absent

    # Its password is the user's to supply; a default encryption key is no argument.
    reports = block(checked, "aws_rds_cluster", "reports")
    # The provider never reads it back: not written, and nothing to type before the first plan.
    _lines_in(reports, "# master_password: not written", 'engine = "aurora-mysql"')
    assert "master_password =" not in reports
    assert "kms_key_id" not in reports and "manage_master_user_password" not in reports
    (cluster,) = [r for r in checked.by_type["aws_rds_cluster"] if r["id"] == "reports"]
    assert set(cluster["sensitive"]) == {"master_password"}
    assert "never-read-by-adopt" not in json.dumps(checked.inventory)
    assert 'variable "reports_master_password"' not in "".join(
        p.read_text() for p in checked.module_dir.iterdir() if p.is_file()
    )

    instance = block(checked, "aws_rds_cluster_instance", "orders_orders_writer")
    _lines_in(
        instance,
        'identifier = "orders-1"',
        "cluster_identifier = aws_rds_cluster.orders.id",
        'engine = "aurora-postgresql"',
        'instance_class = "db.serverless"',
        "db_subnet_group_name = aws_db_subnet_group.aurora.name",
        "promotion_tier = 1",
    )
    assert "db_parameter_group_name" not in instance  # default.aurora-postgresql15 is AWS's
    assert "prevent_destroy" not in instance  # the data is the cluster's

    parameters = block(checked, "aws_rds_cluster_parameter_group", "orders_aurora_pg15")
    _lines_in(
        parameters,
        'family = "aurora-postgresql15"',
        'description = "Orders cluster tuning"',
        'name = "log_statement"\n    value = "ddl"\n  }',
        'name = "rds.force_ssl"\n    value = "1"\n    apply_method = "pending-reboot"',
    )

    subscription = block(checked, "aws_db_event_subscription", "orders_failures")
    _lines_in(
        subscription,
        "sns_topic = aws_sns_topic.data_events.arn",
        'source_type = "db-cluster"',
        'source_ids = ["orders"]',
        'event_categories = ["failover", "failure"]',
    )
    assert "enabled" not in subscription  # true is the provider's default


def test_caches_warehouse_and_search_domain(data_estate):
    seeded, checked = data_estate
    databases = seeded["databases"]
    # (moto makes no member clusters: what a group takes from them is in the recorded test.)
    group = block(checked, "aws_elasticache_replication_group", "sessions")
    _lines_in(
        group,
        'replication_group_id = "sessions"',
        'description = "Session store"',
        'engine = "redis"',
        'node_type = "cache.t4g.small"',
        "automatic_failover_enabled = true",
        "multi_az_enabled = true",
        'snapshot_window = "04:00-05:00"',
        "snapshot_retention_limit = 3",
        'at_rest_encryption_enabled = "true"',
        "transit_encryption_enabled = true",
        "prevent_destroy = true",
    )
    assert "auth_token" not in group  # no AUTH token on this group

    memorydb = block(checked, "aws_memorydb_cluster", "leaderboard")
    _lines_in(
        memorydb,
        'node_type = "db.t4g.small"',
        "num_shards = 2",
        'acl_name = "open-access"',
        "subnet_group_name = aws_memorydb_subnet_group.leaderboard.name",
        "security_group_ids = [aws_security_group.data.id]",
        "sns_topic_arn = aws_sns_topic.data_events.arn",
        'team = "games"',
        "prevent_destroy = true",
    )
    for absent in ("tls_enabled", "port", "parameter_group_name", "data_tiering"):  # defaults
        assert f"\n  {absent} =" not in memorydb, absent
    subnets = block(checked, "aws_memorydb_subnet_group", "leaderboard")
    assert 'description = "Leaderboard subnets"' in subnets and "subnet-" not in subnets

    warehouse = block(checked, "aws_redshift_cluster", "warehouse")
    _lines_in(
        warehouse,
        'node_type = "ra3.xlplus"',
        'cluster_type = "multi-node"',
        "number_of_nodes = 2",
        'database_name = "analytics"',
        'master_username = "admin"',
        "# master_password: not written",
        "cluster_subnet_group_name = aws_redshift_subnet_group.warehouse.name",
        "cluster_parameter_group_name = aws_redshift_parameter_group.warehouse_params.name",
        "vpc_security_group_ids = [aws_security_group.data.id]",
        'encrypted = "true"',
        "automated_snapshot_retention_period = 7",
        "prevent_destroy = true",
    )
    for absent in ("port", "cluster_version", "allow_version_upgrade", "publicly_accessible", "manage_master_password"):
        assert f"\n  {absent} =" not in warehouse, absent
    assert "Never-read-1" not in json.dumps(checked.inventory)
    _lines_in(
        block(checked, "aws_redshift_subnet_group", "warehouse"),
        'description = "Warehouse subnets"',
        "aws_subnet.",
    )
    _lines_in(
        block(checked, "aws_redshift_parameter_group", "warehouse_params"),
        'family = "redshift-1.0"',
        'description = "Warehouse settings"',
        'team = "bi"',
    )

    domain = block(checked, "aws_opensearch_domain", "search")
    _lines_in(
        domain,
        'engine_version = "OpenSearch_2.11"',
        "access_policies = jsonencode({",
        'Action = "es:ESHttp*"',
        'instance_type = "r6g.large.search"',
        "instance_count = 2",
        "zone_awareness_enabled = true",
        'ebs_options {\n    ebs_enabled = true\n    volume_type = "gp3"\n    volume_size = 100',
        "node_to_node_encryption {\n    enabled = true",
        f'kms_key_id = "{databases.kms_key}"',
        "enforce_https = true",
        'team = "search"',
        "prevent_destroy = true",
    )
    (resource,) = checked.by_type["aws_opensearch_domain"]
    assert resource["arn"] == f"arn:aws:es:us-east-1:{ACCOUNT}:domain/search"


def test_bucket_configurations(data_estate):
    seeded, checked = data_estate
    buckets = seeded["buckets"]
    _lines_in(
        block(checked, "aws_s3_bucket_cors_configuration", "shop_site"),
        "bucket = aws_s3_bucket.shop_site.id",
        'id = "browsers"\n    allowed_headers = ["*"]\n    allowed_methods = ["GET", "HEAD"]',
        'allowed_origins = ["https://shop.example.com"]\n    expose_headers = ["ETag"]\n    max_age_seconds = 3000',
        'cors_rule {\n    allowed_methods = ["PUT"]\n    allowed_origins = ["https://admin.example.com"]\n  }',
    )
    _lines_in(
        block(checked, "aws_s3_bucket_website_configuration", "shop_site"),
        'index_document {\n    suffix = "index.html"',
        'error_document {\n    key = "error.html"',
        'key_prefix_equals = "docs/"',
        'http_redirect_code = "301"\n      replace_key_prefix_with = "documents/"',
    )
    # public-read: the owner's full control, and everyone may read.
    acl = block(checked, "aws_s3_bucket_acl", "shop_site")
    _lines_in(
        acl,
        'permission = "FULL_CONTROL"\n\n      grantee {\n        type = "CanonicalUser"',
        'permission = "READ"\n\n      grantee {\n        type = "Group"\n'
        '        uri = "http://acs.amazonaws.com/groups/global/AllUsers"',
    )
    assert "display_name" not in acl
    assert checked.one("aws_s3_bucket_acl")["import_id"] == buckets.site  # a private ACL is not adopted
    _lines_in(block(checked, "aws_s3_bucket_accelerate_configuration", "shop_site"), 'status = "Enabled"')

    notification = block(checked, "aws_s3_bucket_notification", "shop_data")
    _lines_in(
        notification,
        "bucket = aws_s3_bucket.shop_data.id",
        'id = "deletes"\n    topic_arn = aws_sns_topic.shop_deletes.arn\n    events = ["s3:ObjectRemoved:*"]\n'
        '    filter_suffix = ".csv"',
        'id = "uploads"\n    queue_arn = aws_sqs_queue.shop_uploads.arn\n    events = ["s3:ObjectCreated:*"]\n'
        '    filter_prefix = "uploads/"',
    )
    assert "eventbridge" not in notification and "lambda_function" not in notification

    replication = block(checked, "aws_s3_bucket_replication_configuration", "shop_data")
    _lines_in(
        replication,
        "role = aws_iam_role.shop_replication.arn",
        'id = "to-replica"\n    priority = 1\n    status = "Enabled"',
        'delete_marker_replication {\n      status = "Disabled"',
        "bucket = aws_s3_bucket.shop_data_replica.arn",
        'storage_class = "STANDARD_IA"',
    )
    lock = block(checked, "aws_s3_bucket_object_lock_configuration", "shop_data")
    _lines_in(lock, 'mode = "GOVERNANCE"\n      days = 30\n    }')
    assert "years" not in lock and "object_lock_enabled" not in lock  # moto's years = 0; "Enabled", the default
    inventory = block(checked, "aws_s3_bucket_inventory", "shop_data_weekly")
    _lines_in(
        inventory,
        'name = "weekly"',
        'filter {\n    prefix = "orders/"',
        'frequency = "Weekly"',
        "bucket_arn = aws_s3_bucket.shop_inventory.arn",
        'format = "CSV"\n      prefix = "shop-data"',
    )
    assert "enabled" not in inventory  # true, the provider's default


def test_file_system_access_and_backups(data_estate):
    seeded, checked = data_estate
    files = seeded["files"]
    access_point = block(checked, "aws_efs_access_point", "home_app_home")
    _lines_in(
        access_point,
        "file_system_id = aws_efs_file_system.home.id",
        "uid = 1000\n    gid = 1000\n    secondary_gids = [2000]",
        'path = "/home/app"',
        'owner_uid = 1000\n      owner_gid = 1000\n      permissions = "750"',
        'Name = "app-home"',
    )
    assert {r["import_id"] for r in checked.by_type["aws_efs_access_point"]} == {files.access_point, files.scratch}
    scratch = block(checked, "aws_efs_access_point", "home_scratch")
    assert "root_directory" not in scratch and "posix_user" not in scratch
    policy = block(checked, "aws_efs_file_system_policy", "home")
    _lines_in(
        policy,
        "file_system_id = aws_efs_file_system.home.id",
        "policy = jsonencode({",
        '"aws:SecureTransport" = "false"',
    )
    _lines_in(
        block(checked, "aws_efs_backup_policy", "home"),
        "file_system_id = aws_efs_file_system.home.id",
        'backup_policy {\n    status = "ENABLED"',
    )
    assert checked.one("aws_efs_file_system_policy")["import_id"] == files.fs
    assert checked.one("aws_efs_backup_policy")["import_id"] == files.fs

    vault = block(checked, "aws_backup_vault", "nightly")
    _lines_in(vault, 'name = "nightly"', 'team = "ops"', "prevent_destroy = true")
    assert checked.one("aws_backup_vault")["import_id"] == "nightly"  # AWS's Default vault is left out
    plan = block(checked, "aws_backup_plan", "nightly")
    _lines_in(
        plan,
        'rule_name = "daily"\n    target_vault_name = aws_backup_vault.nightly.name\n'
        '    schedule = "cron(0 5 ? * * *)"',
        "start_window = 60\n    completion_window = 180",
        'recovery_point_tags = {\n      source = "plan"',
        "lifecycle {\n      delete_after = 35",
    )
    assert checked.one("aws_backup_plan")["import_id"] == files.plan


# -- recorded: what moto lacks ------------------------------------------------------------------


def _recorded(fixture: str, types: tuple[str, ...], tmp_path, tf_engine):
    inventory = coverage_kit.scan_recorded(fixture, [registry.get(t) for t in types], ["us-east-1"])
    assert inventory.errors == []
    coverage_kit.generate_recorded(inventory, tmp_path)
    coverage_kit.check_module(tmp_path, tf_engine, len(inventory.resources))
    return inventory


def _recorded_block(tmp_path, file_name: str, tf_type: str, label: str) -> str:
    text = _unaligned((tmp_path / file_name).read_text())
    start = text.index(f'resource "{tf_type}" "{label}" {{')
    return text[start : text.index("\n}\n", start) + 3]


def test_option_groups_cache_parameters_and_contributor_insights_recorded(tmp_path, tf_engine, oracle_dir):
    """Recorded responses stand in for what moto lacks: RDS option groups (its
    DescribeOptionGroups fails), ElastiCache and MemoryDB parameter groups, a
    replication group's member clusters (its engine version, parameter and
    subnet groups, security groups, windows), and DynamoDB Contributor Insights;
    and for what it reports otherwise: Aurora storage, MemoryDB shards, and a
    Redshift group's parameters (those a user set, not the family's defaults)."""
    inventory = _recorded(
        "data/databases.json",
        (
            "aws_security_group",
            "aws_db_option_group",
            "aws_elasticache_subnet_group",
            "aws_elasticache_parameter_group",
            "aws_elasticache_replication_group",
            "aws_memorydb_parameter_group",
            "aws_dynamodb_table",
            "aws_dynamodb_contributor_insights",
            "aws_rds_cluster",
            "aws_memorydb_cluster",
            "aws_redshift_parameter_group",
        ),
        tmp_path,
        tf_engine,
    )
    assert {(r.type, r.import_id) for r in inventory.resources} == {
        ("aws_security_group", "sg-0c3d4e5f60718293a"),
        ("aws_rds_cluster", "ledger"),
        ("aws_memorydb_cluster", "leaderboard"),
        ("aws_redshift_parameter_group", "warehouse-params"),
        ("aws_db_option_group", "mysql-audit"),  # not AWS's default:mysql-8-0
        ("aws_elasticache_subnet_group", "cache-private"),
        ("aws_elasticache_parameter_group", "sessions-redis7"),  # not AWS's default.redis7
        ("aws_elasticache_replication_group", "sessions"),
        ("aws_memorydb_parameter_group", "leaderboard-redis7"),  # not AWS's default.memorydb-redis7
        ("aws_dynamodb_table", "orders"),
        ("aws_dynamodb_contributor_insights", f"name:orders/{ACCOUNT}"),
        ("aws_dynamodb_contributor_insights", f"name:orders/index:by-customer/{ACCOUNT}"),
    }
    problems = [mismatch(oracle_dir, r.type, r.import_id) for r in inventory.resources]
    assert [p for p in problems if p] == []

    options = _recorded_block(tmp_path, "rds.tf", "aws_db_option_group", "mysql_audit")
    _lines_in(
        options,
        'engine_name = "mysql"',
        'major_engine_version = "8.0"',
        'option_group_description = "Audit logging for the shop database"',
        'option_name = "MARIADB_AUDIT_PLUGIN"\n    version = "1.1"',
        'name = "SERVER_AUDIT_EVENTS"\n      value = "CONNECT,QUERY_DDL"',
        'option_name = "MEMCACHED"\n    port = 11211\n    vpc_security_group_memberships = [aws_security_group.data.id]',
        'team = "shop"',
    )
    assert "SERVER_AUDIT_FILE_ROTATIONS" not in options  # at its default value

    cache_parameters = _recorded_block(tmp_path, "elasticache.tf", "aws_elasticache_parameter_group", "sessions_redis7")
    _lines_in(
        cache_parameters,
        'family = "redis7"',
        'name = "maxmemory-policy"\n    value = "allkeys-lru"',
        'name = "timeout"\n    value = "300"',
    )
    group = _recorded_block(tmp_path, "elasticache.tf", "aws_elasticache_replication_group", "sessions")
    _lines_in(
        group,
        'engine_version = "7.1"',  # members report 7.1.0; the provider takes major.minor
        "num_cache_clusters = 2",
        "port = 6380",
        "parameter_group_name = aws_elasticache_parameter_group.sessions_redis7.name",
        "subnet_group_name = aws_elasticache_subnet_group.cache_private.name",
        "security_group_ids = [aws_security_group.data.id]",
        'maintenance_window = "sun:05:00-sun:06:00"',
        'notification_topic_arn = "arn:aws:sns:us-east-1:123456789012:cache-events"',
        'transit_encryption_mode = "required"',
        "# auth_token: not written",
        'destination = "/elasticache/sessions/slow-log"',
    )
    for absent in ("num_node_groups", "replicas_per_node_group", "auto_minor_version_upgrade", "data_tiering_enabled"):
        assert f"\n  {absent} =" not in group, absent
    (replication_group,) = [r for r in inventory.resources if r.type == "aws_elasticache_replication_group"]
    assert set(replication_group.sensitive) == {"auth_token"}

    memorydb = _recorded_block(tmp_path, "memorydb.tf", "aws_memorydb_parameter_group", "leaderboard_redis7")
    _lines_in(memorydb, 'family = "memorydb_redis7"', 'name = "activedefrag"\n    value = "yes"')
    # The parameters at the family's defaults are not written.
    assert "maxmemory-policy" not in memorydb and '"timeout"' not in memorydb

    ledger = _recorded_block(tmp_path, "rds.tf", "aws_rds_cluster", "ledger")
    _lines_in(
        ledger,
        'storage_type = "aurora-iopt1"',
        'kms_key_id = "arn:aws:kms:us-east-1:123456789012:key/0f9e8d7c-6b5a-4938-2716-05f4e3d2c1b0"',
        "iam_database_authentication_enabled = true",
        'ca_certificate_identifier = "rds-ca-rsa2048-g1"',
        "# master_password: not written",
    )
    for absent in ("allocated_storage", "port", "db_cluster_parameter_group_name", "backtrack_window", "engine_mode"):
        assert f"\n  {absent} =" not in ledger, absent
    cluster = _recorded_block(tmp_path, "memorydb.tf", "aws_memorydb_cluster", "leaderboard")
    _lines_in(
        cluster,
        'engine = "valkey"',
        "num_shards = 2",
        "num_replicas_per_shard = 2",
        "parameter_group_name = aws_memorydb_parameter_group.leaderboard_redis7.name",
        'acl_name = "leaderboard-users"',
        "snapshot_retention_limit = 7",
    )
    for absent in ("port", "tls_enabled", "data_tiering", "auto_minor_version_upgrade"):
        assert f"\n  {absent} =" not in cluster, absent
    warehouse = _recorded_block(tmp_path, "redshift.tf", "aws_redshift_parameter_group", "warehouse_params")
    _lines_in(
        warehouse,
        'name = "require_ssl"\n    value = "true"',
        'name = "wlm_json_configuration"',
    )
    assert warehouse.count("parameter {") == 2

    insights = (tmp_path / "dynamodb.tf").read_text()
    table_level = _recorded_block(tmp_path, "dynamodb.tf", "aws_dynamodb_contributor_insights", "orders_table")
    assert "table_name = aws_dynamodb_table.orders.name" in table_level
    assert "index_name" not in table_level and "mode" not in table_level  # the default mode
    index_level = _recorded_block(tmp_path, "dynamodb.tf", "aws_dynamodb_contributor_insights", "orders_by_customer")
    _lines_in(index_level, 'index_name = "by-customer"', 'mode = "THROTTLED_KEYS"')
    assert insights.count('resource "aws_dynamodb_contributor_insights"') == 2


def test_requester_pays_tiering_metrics_account_block_and_backup_selections_recorded(tmp_path, tf_engine, oracle_dir):
    """Recorded responses stand in for what moto lacks: Requester Pays, intelligent
    tiering and metrics configurations, the account's public access block (moto's
    server cannot be reached at S3 Control's account-prefixed host), backup vault
    policies and selections; and what it drops of replication rules (filters,
    replication time, metrics, encryption) and inventories (versions, fields, SSE-KMS)."""
    inventory = _recorded(
        "data/storage.json",
        (
            "aws_dynamodb_table",
            "aws_s3_bucket",
            "aws_s3_bucket_request_payment_configuration",
            "aws_s3_bucket_intelligent_tiering_configuration",
            "aws_s3_bucket_metric",
            "aws_s3_bucket_replication_configuration",
            "aws_s3_bucket_inventory",
            "aws_s3_account_public_access_block",
            "aws_backup_vault",
            "aws_backup_vault_policy",
            "aws_backup_plan",
            "aws_backup_selection",
        ),
        tmp_path,
        tf_engine,
    )
    plan = "8c6f1e2a-4b3d-4c5e-9f70-1a2b3c4d5e6f"
    assert {(r.type, r.import_id) for r in inventory.resources} == {
        ("aws_dynamodb_table", "orders"),
        ("aws_s3_bucket", "media-assets"),
        ("aws_s3_bucket", "legacy-reports"),
        ("aws_s3_bucket_request_payment_configuration", "media-assets"),  # the other: the owner pays
        ("aws_s3_bucket_intelligent_tiering_configuration", "media-assets:EntireBucket"),
        ("aws_s3_bucket_intelligent_tiering_configuration", "media-assets:raw-footage"),
        ("aws_s3_bucket_metric", "media-assets:EntireBucket"),
        ("aws_s3_bucket_metric", "media-assets:thumbnails"),
        ("aws_s3_bucket_metric", "media-assets:by-tag"),
        ("aws_s3_bucket_replication_configuration", "legacy-reports"),
        ("aws_s3_bucket_inventory", "legacy-reports:daily-current"),
        ("aws_s3_account_public_access_block", ACCOUNT),
        # Not AWS's Default and aws/efs/... vaults, nor its aws/efs/automatic-backup-plan.
        ("aws_backup_vault", "nightly"),
        ("aws_backup_vault", "no-policy"),
        ("aws_backup_vault_policy", "nightly"),
        ("aws_backup_plan", plan),
        ("aws_backup_selection", f"{plan}|a1b2c3d4-0000-4000-8000-000000000001"),
        ("aws_backup_selection", f"{plan}|a1b2c3d4-0000-4000-8000-000000000002"),
    }
    problems = [mismatch(oracle_dir, r.type, r.import_id) for r in inventory.resources]
    assert [p for p in problems if p] == []
    (account_block,) = [r for r in inventory.resources if r.type == "aws_s3_account_public_access_block"]
    assert account_block.region == "global"

    s3 = _unaligned((tmp_path / "s3.tf").read_text())
    _lines_in(
        _recorded_block(tmp_path, "s3.tf", "aws_s3_bucket_request_payment_configuration", "media_assets"),
        "bucket = aws_s3_bucket.media_assets.id",
        'payer = "Requester"',
    )
    _lines_in(
        _recorded_block(
            tmp_path, "s3.tf", "aws_s3_bucket_intelligent_tiering_configuration", "media_assets_entirebucket"
        ),
        'name = "EntireBucket"',
        'tiering {\n    access_tier = "ARCHIVE_ACCESS"\n    days = 90\n  }\n\n  tiering {\n'
        '    access_tier = "DEEP_ARCHIVE_ACCESS"\n    days = 180',
    )
    _lines_in(
        _recorded_block(
            tmp_path, "s3.tf", "aws_s3_bucket_intelligent_tiering_configuration", "media_assets_raw_footage"
        ),
        'status = "Disabled"',
        'filter {\n    prefix = "raw/"\n\n    tags = {\n      class = "footage"\n      keep = "long"',
    )
    assert "filter" not in _recorded_block(tmp_path, "s3.tf", "aws_s3_bucket_metric", "media_assets_entirebucket")
    _lines_in(
        _recorded_block(tmp_path, "s3.tf", "aws_s3_bucket_metric", "media_assets_thumbnails"),
        'prefix = "thumbs/"',
        'size = "small"',
    )
    _lines_in(_recorded_block(tmp_path, "s3.tf", "aws_s3_bucket_metric", "media_assets_by_tag"), 'team = "video"')

    replication = _recorded_block(tmp_path, "s3.tf", "aws_s3_bucket_replication_configuration", "legacy_reports")
    _lines_in(
        replication,
        'role = "arn:aws:iam::123456789012:role/reports-replication"',
        "priority = 10",
        'and {\n        prefix = "finance/"\n\n        tags = {\n          replicate = "yes"',
        'sse_kms_encrypted_objects {\n        status = "Enabled"',
        'bucket = "arn:aws:s3:::legacy-reports-dr"',  # another account's bucket: a literal
        'account = "210987654321"',
        'storage_class = "GLACIER_IR"',
        'owner = "Destination"',
        "replica_kms_key_id =",
        'replication_time {\n        status = "Enabled"\n\n        time {\n          minutes = 15',
        "event_threshold {\n          minutes = 15",
    )
    inventory_block = _recorded_block(tmp_path, "s3.tf", "aws_s3_bucket_inventory", "legacy_reports_daily_current")
    _lines_in(
        inventory_block,
        "enabled = false",
        'included_object_versions = "Current"',
        'optional_fields = ["ETag", "Size", "StorageClass"]',
        'frequency = "Daily"',
        "bucket_arn = aws_s3_bucket.media_assets.arn",
        'format = "Parquet"',
        "sse_kms {\n          key_id =",
    )
    assert "filter" not in inventory_block
    account = _recorded_block(tmp_path, "s3control.tf", "aws_s3_account_public_access_block", "account")
    _lines_in(account, "block_public_acls = true", "ignore_public_acls = true", "block_public_policy = true")
    assert "restrict_public_buckets" not in account  # false, the provider's default
    assert "aws_s3_bucket_acl" not in s3

    backup = _unaligned((tmp_path / "backup.tf").read_text())
    assert 'resource "aws_backup_vault_policy" "no_policy"' not in backup
    _lines_in(
        _recorded_block(tmp_path, "backup.tf", "aws_backup_vault_policy", "nightly"),
        "backup_vault_name = aws_backup_vault.nightly.name",
        'Action = ["backup:DeleteRecoveryPoint", "backup:UpdateRecoveryPointLifecycle"]',
    )
    _lines_in(
        _recorded_block(tmp_path, "backup.tf", "aws_backup_plan", "nightly"),
        "target_vault_name = aws_backup_vault.nightly.name",
        'schedule_expression_timezone = "Europe/Paris"',
        "enable_continuous_backup = true",
        "cold_storage_after = 30\n      delete_after = 120",
        'destination_vault_arn = "arn:aws:backup:us-west-2:123456789012:backup-vault:dr"',
        "lifecycle {\n        delete_after = 365",
        'resource_type = "EC2"\n\n    backup_options = {\n      WindowsVSS = "enabled"',
    )
    databases = _recorded_block(tmp_path, "backup.tf", "aws_backup_selection", "nightly_databases")
    _lines_in(
        databases,
        'name = "databases"',
        "plan_id = aws_backup_plan.nightly.id",
        'iam_role_arn = "arn:aws:iam::123456789012:role/service-role/AWSBackupDefaultServiceRole"',
        # The table is generated: its ARN is a reference; the cluster is not.
        'resources = [aws_dynamodb_table.orders.arn, "arn:aws:rds:us-east-1:123456789012:cluster:orders"]',
        'string_equals {\n      key = "aws:ResourceTag/env"\n      value = "prod"',
    )
    for absent in ("string_like", "string_not_equals", "not_resources", "selection_tag"):
        assert absent not in databases, absent
    tagged = _recorded_block(tmp_path, "backup.tf", "aws_backup_selection", "nightly_tagged")
    _lines_in(tagged, 'selection_tag {\n    type = "STRINGEQUALS"\n    key = "backup"\n    value = "nightly"')
    assert "condition" not in tagged and "resources" not in tagged


def test_a_call_the_emulator_fails_is_that_types_error_and_the_scan_goes_on(moto, tmp_path):
    """moto answers DescribeOptionGroups with an HTML error page where XML was due
    (see emulator_fails): retried as the server error it is, then recorded as
    the option groups' error with the page's title, and the cluster is still
    adopted; no traceback."""
    moto.client("rds").create_db_cluster(
        DBClusterIdentifier="orders", Engine="aurora-postgresql", MasterUsername="app", ManageMasterUserPassword=True
    )
    out = tmp_path / "inventory.json"
    result = run_cli(
        "scan",
        "--endpoint-url",
        moto.endpoint,
        "--region",
        "us-east-1",
        "--include",
        "aws_rds_cluster",
        "--include",
        "aws_db_option_group",
        "--output",
        str(out),
    )
    assert result.code == 3, result.output  # a partial scan
    assert "Traceback" not in result.output and "unexpectedly" not in result.output
    inventory = json.loads(out.read_text())
    assert [r["import_id"] for r in inventory["resources"]] == ["orders"]
    (error,) = inventory["errors"]
    assert (error["resource_type"], error["operation"], error["code"]) == (
        "aws_db_option_group",
        "describe_option_groups",
        "500",
    )
    assert error["message"] == "a web page, not an AWS answer: 500 Internal Server Error"
    assert "aws_db_option_group" in emulator_fails()


def test_new_arn_shapes_name_one_type_each():
    """An instance ARN ("rds", "db") still names aws_db_instance: Aurora's cluster
    instances claim no ARN shape of their own, which would make it name neither."""
    targets = registry.derive_arn_targets(registry.all_specs())
    assert targets[("rds", "db")] == "aws_db_instance"
    for shape, tf_type in {
        ("rds", "cluster"): "aws_rds_cluster",
        ("rds", "og"): "aws_db_option_group",
        ("elasticache", "replicationgroup"): "aws_elasticache_replication_group",
        ("memorydb", "cluster"): "aws_memorydb_cluster",
        ("elasticfilesystem", "access-point"): "aws_efs_access_point",
        ("backup", "backup-vault"): "aws_backup_vault",
        ("redshift", "cluster"): "aws_redshift_cluster",
    }.items():
        assert targets[shape] == tf_type, shape
