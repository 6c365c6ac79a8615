"""Glue Data Catalog databases and tables, crawlers and jobs."""

from __future__ import annotations

from ..spec import (
    Call,
    Child,
    Each,
    Has,
    Is,
    MaskSecrets,
    Not,
    Ref,
    ResourceSpec,
    Sorted,
    Tags,
    TagsCall,
    When,
)

_GLUE = "arn:aws:glue:{region}:{account}"


def _tags(kind: str) -> Call:
    """Glue answers a resource's tags as a map, by the resource's ARN."""
    return TagsCall("get_tags", ResourceArn=f"{_GLUE}:{kind}/{{Name}}")


_COLUMN = {"name": "Name", "type": "Type", "comment": "Comment", "parameters": "Parameters"}
_STORAGE = "StorageDescriptor"
_TARGETS = "Targets"
_QUEUES = {"event_queue_arn": "EventQueueArn", "dlq_event_queue_arn": "DlqEventQueueArn"}

SPECS = [
    ResourceSpec(
        tf_type="aws_glue_catalog_database",
        service="glue",
        list=Call("get_databases", items="DatabaseList"),
        details=(_tags("database"),),
        # Athena and Glue make "default" on first use.
        is_default=Is("Name", "default"),
        id="{CatalogId}:{Name}",
        arn=f"{_GLUE}:database/{{Name}}",
        name="Name",
        stateful=True,  # dropping a database drops every table definition in it
        arguments={
            "name": "Name",
            "description": "Description",
            "location_uri": "LocationUri",
            "parameters": "Parameters",
            "create_table_default_permission": Each(
                "CreateTableDefaultPermissions",
                {
                    "permissions": Sorted("Permissions"),
                    "principal": {"data_lake_principal_identifier": "Principal.DataLakePrincipalIdentifier"},
                },
            ),
            "target_database": {
                "catalog_id": "TargetDatabase.CatalogId",
                "database_name": "TargetDatabase.DatabaseName",
                "region": "TargetDatabase.Region",
            },
            "federated_database": {
                "identifier": "FederatedDatabase.Identifier",
                "connection_name": "FederatedDatabase.ConnectionName",
            },
            "tags": Tags(),
        },
    ),
    ResourceSpec(
        tf_type="aws_glue_catalog_table",
        service="glue",
        child=Child(
            "aws_glue_catalog_database",
            call=Call(
                "get_tables",
                items="TableList",
                params={"DatabaseName": "{parent.Name}", "CatalogId": "{parent.CatalogId}"},
            ),
        ),
        id="{parent.CatalogId}:{DatabaseName}:{Name}",
        arn=f"{_GLUE}:table/{{DatabaseName}}/{{Name}}",
        name="Name",
        label="Name",
        stateful=True,  # its partitions are listed nowhere else
        arguments={
            "name": "Name",
            "database_name": "DatabaseName",
            "description": "Description",
            "owner": "Owner",
            "retention": "Retention",
            "table_type": "TableType",
            "parameters": "Parameters",
            "view_original_text": "ViewOriginalText",
            "view_expanded_text": "ViewExpandedText",
            "partition_keys": Each("PartitionKeys", _COLUMN),
            "storage_descriptor": When(
                Has(_STORAGE),
                {
                    "location": f"{_STORAGE}.Location",
                    "additional_locations": f"{_STORAGE}.AdditionalLocations",
                    "input_format": f"{_STORAGE}.InputFormat",
                    "output_format": f"{_STORAGE}.OutputFormat",
                    "compressed": f"{_STORAGE}.Compressed",
                    "number_of_buckets": f"{_STORAGE}.NumberOfBuckets",
                    "bucket_columns": f"{_STORAGE}.BucketColumns",
                    "parameters": f"{_STORAGE}.Parameters",
                    "stored_as_sub_directories": f"{_STORAGE}.StoredAsSubDirectories",
                    "columns": Each(f"{_STORAGE}.Columns", _COLUMN),
                    "sort_columns": Each(f"{_STORAGE}.SortColumns", {"column": "Column", "sort_order": "SortOrder"}),
                    "ser_de_info": {
                        "name": f"{_STORAGE}.SerdeInfo.Name",
                        "serialization_library": f"{_STORAGE}.SerdeInfo.SerializationLibrary",
                        "parameters": f"{_STORAGE}.SerdeInfo.Parameters",
                    },
                    "skewed_info": {
                        "skewed_column_names": f"{_STORAGE}.SkewedInfo.SkewedColumnNames",
                        "skewed_column_values": f"{_STORAGE}.SkewedInfo.SkewedColumnValues",
                        "skewed_column_value_location_maps": f"{_STORAGE}.SkewedInfo.SkewedColumnValueLocationMaps",
                    },
                },
            ),
            "target_table": {
                "catalog_id": "TargetTable.CatalogId",
                "database_name": "TargetTable.DatabaseName",
                "name": "TargetTable.Name",
                "region": "TargetTable.Region",
            },
        },
        references={"database_name": Ref("aws_glue_catalog_database", "name")},
    ),
    ResourceSpec(
        tf_type="aws_glue_crawler",
        service="glue",
        list=Call("get_crawlers", items="Crawlers"),
        details=(_tags("crawler"),),
        id="{Name}",
        arn=f"{_GLUE}:crawler/{{Name}}",
        name="Name",
        arguments={
            "name": "Name",
            "role": "Role",
            "database_name": "DatabaseName",
            "description": "Description",
            "schedule": "Schedule.ScheduleExpression",
            "table_prefix": "TablePrefix",
            "classifiers": "Classifiers",
            "configuration": "Configuration",
            "security_configuration": "CrawlerSecurityConfiguration",
            "s3_target": Each(
                f"{_TARGETS}.S3Targets",
                {
                    "path": "Path",
                    "exclusions": "Exclusions",
                    "connection_name": "ConnectionName",
                    "sample_size": "SampleSize",
                    **_QUEUES,
                },
            ),
            "jdbc_target": Each(
                f"{_TARGETS}.JdbcTargets",
                {
                    "connection_name": "ConnectionName",
                    "path": "Path",
                    "exclusions": "Exclusions",
                    "enable_additional_metadata": "EnableAdditionalMetadata",
                },
            ),
            "dynamodb_target": Each(
                f"{_TARGETS}.DynamoDBTargets", {"path": "Path", "scan_all": "scanAll", "scan_rate": "scanRate"}
            ),
            "catalog_target": Each(
                f"{_TARGETS}.CatalogTargets",
                {"database_name": "DatabaseName", "tables": "Tables", "connection_name": "ConnectionName", **_QUEUES},
            ),
            "mongodb_target": Each(
                f"{_TARGETS}.MongoDBTargets",
                {"connection_name": "ConnectionName", "path": "Path", "scan_all": "ScanAll"},
            ),
            "delta_target": Each(
                f"{_TARGETS}.DeltaTargets",
                {
                    "delta_tables": Sorted("DeltaTables"),
                    "connection_name": "ConnectionName",
                    "write_manifest": "WriteManifest",
                    "create_native_delta_table": "CreateNativeDeltaTable",
                },
            ),
            "schema_change_policy": {
                "delete_behavior": "SchemaChangePolicy.DeleteBehavior",
                "update_behavior": "SchemaChangePolicy.UpdateBehavior",
            },
            "recrawl_policy": {"recrawl_behavior": "RecrawlPolicy.RecrawlBehavior"},
            "lineage_configuration": {"crawler_lineage_settings": "LineageConfiguration.CrawlerLineageSettings"},
            "lake_formation_configuration": When(
                Has("LakeFormationConfiguration.UseLakeFormationCredentials"),
                {
                    "use_lake_formation_credentials": "LakeFormationConfiguration.UseLakeFormationCredentials",
                    "account_id": "LakeFormationConfiguration.AccountId",
                },
            ),
            "tags": Tags(),
        },
        references={
            "role": Ref("aws_iam_role", "arn"),
            "database_name": Ref("aws_glue_catalog_database", "name"),
            "catalog_target[*].database_name": Ref("aws_glue_catalog_database", "name"),
            "dynamodb_target[*].path": Ref("aws_dynamodb_table", "name"),
            "s3_target[*].event_queue_arn": Ref("aws_sqs_queue", "arn"),
            "s3_target[*].dlq_event_queue_arn": Ref("aws_sqs_queue", "arn"),
        },
    ),
    ResourceSpec(
        tf_type="aws_glue_job",
        service="glue",
        list=Call("get_jobs", items="Jobs"),
        details=(_tags("job"),),
        id="{Name}",
        arn=f"{_GLUE}:job/{{Name}}",
        name="Name",
        arguments={
            "name": "Name",
            "role_arn": "Role",
            "description": "Description",
            "job_mode": "JobMode",
            "glue_version": "GlueVersion",
            "worker_type": "WorkerType",
            "number_of_workers": "NumberOfWorkers",
            # With a worker type AWS works the capacity out itself.
            "max_capacity": When(Not(Has("WorkerType")), "MaxCapacity"),
            "max_retries": "MaxRetries",
            "timeout": "Timeout",
            "execution_class": "ExecutionClass",
            "security_configuration": "SecurityConfiguration",
            "maintenance_window": "MaintenanceWindow",
            "job_run_queuing_enabled": "JobRunQueuingEnabled",
            "connections": "Connections.Connections",
            "command": {
                "name": "Command.Name",
                "script_location": "Command.ScriptLocation",
                "python_version": "Command.PythonVersion",
                "runtime": "Command.Runtime",
            },
            "default_arguments": MaskSecrets("DefaultArguments", "a job argument that looks like a secret"),
            "non_overridable_arguments": MaskSecrets(
                "NonOverridableArguments", "a job argument that looks like a secret"
            ),
            "execution_property": {"max_concurrent_runs": "ExecutionProperty.MaxConcurrentRuns"},
            "notification_property": {"notify_delay_after": "NotificationProperty.NotifyDelayAfter"},
            # The repository's auth token is never read; the rest says where the code lives.
            "source_control_details": {
                "provider": "SourceControlDetails.Provider",
                "repository": "SourceControlDetails.Repository",
                "owner": "SourceControlDetails.Owner",
                "branch": "SourceControlDetails.Branch",
                "folder": "SourceControlDetails.Folder",
                "auth_strategy": "SourceControlDetails.AuthStrategy",
            },
            "tags": Tags(),
        },
        defaults={"max_retries": 0},
        references={"role_arn": Ref("aws_iam_role", "arn")},
    ),
]
