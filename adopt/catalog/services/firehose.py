"""Kinesis Data Firehose delivery streams.

Streams that deliver to S3 (``extended_s3``), to an HTTP endpoint and to
OpenSearch are adopted.  The other destinations (Redshift, Splunk, Snowflake,
Iceberg, OpenSearch Serverless) are not described here yet, and are left out
rather than written without the settings the provider requires.  An HTTP
endpoint's access key is never returned by AWS and never written.
"""

from __future__ import annotations

from ..spec import Arn, Call, Const, Is, Ref, ResourceSpec, Tags, TagsCall, Unless, When

_DESCRIPTION = "DeliveryStreamDescription"
# The provider's destination, by the description AWS answers for it.
DESTINATIONS = {
    "ExtendedS3DestinationDescription": "extended_s3",
    "HttpEndpointDestinationDescription": "http_endpoint",
    "AmazonopensearchserviceDestinationDescription": "opensearch",
}
_S3, _HTTP, _OPENSEARCH = DESTINATIONS


def _destination(item) -> dict:
    destinations = (item.get(_DESCRIPTION) or {}).get("Destinations") or []
    return destinations[0] if destinations else {}


def _kind(item, ctx):
    """The provider's name of the stream's destination, if this module describes it."""
    return next((kind for key, kind in DESTINATIONS.items() if key in _destination(item)), None)


def _stream_arn(item, ctx):
    """The stream's ARN (its import ID), for the destinations described here only."""
    return (item.get(_DESCRIPTION) or {}).get("DeliveryStreamARN") if _kind(item, ctx) else None


def _get(value, path: str):
    for part in path.split("."):
        value = value.get(part) if isinstance(value, dict) else None
    return value


def _in(description: str, path: str):
    """A value of one destination's description."""

    def read(item, ctx):
        return _get(_destination(item).get(description), path)

    return read


def _logging(description: str, under: str = ""):
    def read(item, ctx):
        options = _get(_destination(item).get(description), f"{under}CloudWatchLoggingOptions") or {}
        if not options.get("Enabled"):
            return None
        return {
            "enabled": True,
            "log_group_name": options.get("LogGroupName"),
            "log_stream_name": options.get("LogStreamName"),
        }

    return read


def _processors(description: str):
    def read(item, ctx):
        config = (_destination(item).get(description) or {}).get("ProcessingConfiguration") or {}
        processors = [
            {
                "type": p["Type"],
                "parameters": [
                    {"parameter_name": x["ParameterName"], "parameter_value": x["ParameterValue"]}
                    for x in p.get("Parameters") or []
                ]
                or None,
            }
            for p in config.get("Processors") or []
        ]
        if not config.get("Enabled") and not processors:
            return None
        return {"enabled": bool(config.get("Enabled")), "processors": processors or None}

    return read


def _buffering(description: str) -> dict:
    """Buffering hints; five minutes and 5 MiB are what the provider sets when not told."""
    return {
        "buffering_interval": Unless(_in(description, "BufferingHints.IntervalInSeconds"), 300),
        "buffering_size": Unless(_in(description, "BufferingHints.SizeInMBs"), 5),
    }


def _bucket(description: str, under: str = "") -> dict:
    """Where a destination writes in S3 (its own bucket, or its backup bucket)."""
    return {
        "bucket_arn": _in(description, f"{under}BucketARN"),
        "role_arn": _in(description, f"{under}RoleARN"),
        "prefix": _in(description, f"{under}Prefix"),
        "error_output_prefix": _in(description, f"{under}ErrorOutputPrefix"),
        "buffering_interval": Unless(_in(description, f"{under}BufferingHints.IntervalInSeconds"), 300),
        "buffering_size": Unless(_in(description, f"{under}BufferingHints.SizeInMBs"), 5),
        "compression_format": Unless(_in(description, f"{under}CompressionFormat"), "UNCOMPRESSED"),
        "kms_key_arn": _in(description, f"{under}EncryptionConfiguration.KMSEncryptionConfig.AWSKMSKeyARN"),
        "cloudwatch_logging_options": _logging(description, under),
    }


def _common_attributes(item, ctx):
    attributes = _get(_destination(item).get(_HTTP), "RequestConfiguration.CommonAttributes") or []
    return [{"name": a["AttributeName"], "value": a["AttributeValue"]} for a in attributes] or None


_BACKUP = "S3DestinationDescription."

SPECS = [
    ResourceSpec(
        tf_type="aws_kinesis_firehose_delivery_stream",
        service="firehose",
        list=Call("list_delivery_streams", items="DeliveryStreamNames", item_key="DeliveryStreamName"),
        details=(
            Call("describe_delivery_stream", params={"DeliveryStreamName": "{DeliveryStreamName}"}),
            TagsCall("list_tags_for_delivery_stream", answer="Tags", DeliveryStreamName="{DeliveryStreamName}"),
        ),
        id=_stream_arn,
        arn=Arn(f"{{{_DESCRIPTION}.DeliveryStreamARN}}", "firehose", "deliverystream"),
        name="DeliveryStreamName",
        arguments={
            "name": "DeliveryStreamName",
            "destination": _kind,
            "kinesis_source_configuration": When(
                Is(f"{_DESCRIPTION}.DeliveryStreamType", "KinesisStreamAsSource"),
                {
                    "kinesis_stream_arn": f"{_DESCRIPTION}.Source.KinesisStreamSourceDescription.KinesisStreamARN",
                    "role_arn": f"{_DESCRIPTION}.Source.KinesisStreamSourceDescription.RoleARN",
                },
            ),
            "server_side_encryption": When(
                Is(f"{_DESCRIPTION}.DeliveryStreamEncryptionConfiguration.Status", "ENABLED", "ENABLING"),
                {
                    "enabled": Const(True),
                    "key_type": f"{_DESCRIPTION}.DeliveryStreamEncryptionConfiguration.KeyType",
                    "key_arn": f"{_DESCRIPTION}.DeliveryStreamEncryptionConfiguration.KeyARN",
                },
            ),
            "extended_s3_configuration": When(
                Is(_kind, "extended_s3"),
                {
                    **_bucket(_S3),
                    "s3_backup_mode": Unless(_in(_S3, "S3BackupMode"), "Disabled"),
                    "file_extension": _in(_S3, "FileExtension"),
                    "custom_time_zone": Unless(_in(_S3, "CustomTimeZone"), "UTC"),
                    "processing_configuration": _processors(_S3),
                    "dynamic_partitioning_configuration": When(
                        _in(_S3, "DynamicPartitioningConfiguration.Enabled"),
                        {
                            "enabled": Const(True),
                            "retry_duration": _in(
                                _S3, "DynamicPartitioningConfiguration.RetryOptions.DurationInSeconds"
                            ),
                        },
                    ),
                },
            ),
            "http_endpoint_configuration": When(
                Is(_kind, "http_endpoint"),
                {
                    "url": _in(_HTTP, "EndpointConfiguration.Url"),
                    "name": _in(_HTTP, "EndpointConfiguration.Name"),
                    "role_arn": _in(_HTTP, "RoleARN"),
                    **_buffering(_HTTP),
                    "retry_duration": Unless(_in(_HTTP, "RetryOptions.DurationInSeconds"), 300),
                    "s3_backup_mode": Unless(_in(_HTTP, "S3BackupMode"), "FailedDataOnly"),
                    "request_configuration": {
                        "content_encoding": Unless(_in(_HTTP, "RequestConfiguration.ContentEncoding"), "NONE"),
                        "common_attributes": _common_attributes,
                    },
                    "secrets_manager_configuration": When(
                        _in(_HTTP, "SecretsManagerConfiguration.Enabled"),
                        {
                            "enabled": Const(True),
                            "secret_arn": _in(_HTTP, "SecretsManagerConfiguration.SecretARN"),
                            "role_arn": _in(_HTTP, "SecretsManagerConfiguration.RoleARN"),
                        },
                    ),
                    "cloudwatch_logging_options": _logging(_HTTP),
                    "processing_configuration": _processors(_HTTP),
                    "s3_configuration": _bucket(_HTTP, _BACKUP),
                },
            ),
            "opensearch_configuration": When(
                Is(_kind, "opensearch"),
                {
                    "domain_arn": _in(_OPENSEARCH, "DomainARN"),
                    "cluster_endpoint": _in(_OPENSEARCH, "ClusterEndpoint"),
                    "index_name": _in(_OPENSEARCH, "IndexName"),
                    "type_name": _in(_OPENSEARCH, "TypeName"),
                    "index_rotation_period": Unless(_in(_OPENSEARCH, "IndexRotationPeriod"), "OneDay"),
                    "role_arn": _in(_OPENSEARCH, "RoleARN"),
                    **_buffering(_OPENSEARCH),
                    "retry_duration": Unless(_in(_OPENSEARCH, "RetryOptions.DurationInSeconds"), 300),
                    "s3_backup_mode": Unless(_in(_OPENSEARCH, "S3BackupMode"), "FailedDocumentsOnly"),
                    "document_id_options": {
                        "default_document_id_format": _in(_OPENSEARCH, "DocumentIdOptions.DefaultDocumentIdFormat")
                    },
                    "vpc_config": When(
                        _in(_OPENSEARCH, "VpcConfigurationDescription.SubnetIds"),
                        {
                            "subnet_ids": _in(_OPENSEARCH, "VpcConfigurationDescription.SubnetIds"),
                            "security_group_ids": _in(_OPENSEARCH, "VpcConfigurationDescription.SecurityGroupIds"),
                            "role_arn": _in(_OPENSEARCH, "VpcConfigurationDescription.RoleARN"),
                        },
                    ),
                    "cloudwatch_logging_options": _logging(_OPENSEARCH),
                    "processing_configuration": _processors(_OPENSEARCH),
                    "s3_configuration": _bucket(_OPENSEARCH, _BACKUP),
                },
            ),
            "tags": Tags(),
        },
        references={
            "kinesis_source_configuration.kinesis_stream_arn": Ref("aws_kinesis_stream", "arn"),
            "kinesis_source_configuration.role_arn": Ref("aws_iam_role", "arn"),
            "server_side_encryption.key_arn": Ref("aws_kms_key", "arn"),
            **{
                f"{block}.{path}": ref
                for block in (
                    "extended_s3_configuration",
                    "http_endpoint_configuration.s3_configuration",
                    "opensearch_configuration.s3_configuration",
                )  # fmt: skip
                for path, ref in (
                    ("bucket_arn", Ref("aws_s3_bucket", "arn")),
                    ("role_arn", Ref("aws_iam_role", "arn")),
                    ("kms_key_arn", Ref("aws_kms_key", "arn")),
                    ("cloudwatch_logging_options.log_group_name", Ref("aws_cloudwatch_log_group", "name")),
                )
            },
            "http_endpoint_configuration.role_arn": Ref("aws_iam_role", "arn"),
            "http_endpoint_configuration.secrets_manager_configuration.secret_arn": Ref(
                "aws_secretsmanager_secret", "arn"
            ),
            "opensearch_configuration.role_arn": Ref("aws_iam_role", "arn"),
            "opensearch_configuration.domain_arn": Ref("aws_opensearch_domain", "arn"),
            "opensearch_configuration.vpc_config.subnet_ids[*]": Ref("aws_subnet"),
            "opensearch_configuration.vpc_config.security_group_ids[*]": Ref("aws_security_group"),
        },
    ),
]
