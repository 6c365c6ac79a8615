"""Kinesis Data Firehose delivery streams.

Streams that deliver to S3 (the ``extended_s3`` destination) are adopted; the
other destinations (Redshift, OpenSearch, HTTP endpoints, Splunk, Snowflake,
Iceberg) are not described here yet, and are left out rather than written
without the settings the provider requires.
"""

from __future__ import annotations

from ..spec import Arn, Call, Const, Is, Ref, ResourceSpec, Tags, TagsCall, Unless, When

_DESCRIPTION = "DeliveryStreamDescription"
_S3 = "ExtendedS3DestinationDescription"


def _destination(item, ctx):
    destinations = (item.get(_DESCRIPTION) or {}).get("Destinations") or []
    return destinations[0] if destinations else {}


def _s3_destination(item, ctx):
    return _destination(item, ctx).get(_S3)


def _s3_stream_arn(item, ctx):
    """The stream's ARN (its import ID), for streams that deliver to S3 only."""
    return (item.get(_DESCRIPTION) or {}).get("DeliveryStreamARN") if _s3_destination(item, ctx) else None


def _within(path: str):
    """A value of the S3 destination, read with the spec language's paths."""

    def read(item, ctx):
        value = _s3_destination(item, ctx) or {}
        for part in path.split("."):
            value = value.get(part) if isinstance(value, dict) else None
        return value

    return read


def _processors(item, ctx):
    config = (_s3_destination(item, ctx) or {}).get("ProcessingConfiguration") or {}
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


def _logging(item, ctx):
    options = (_s3_destination(item, ctx) or {}).get("CloudWatchLoggingOptions") or {}
    if not options.get("Enabled"):
        return None
    return {
        "enabled": True,
        "log_group_name": options.get("LogGroupName"),
        "log_stream_name": options.get("LogStreamName"),
    }


SPECS = [
    ResourceSpec(
        tf_type="aws_kinesis_firehose_delivery_stream",
        service="firehose",
        list=Call("list_delivery_streams", items="DeliveryStreamNames", item_key="DeliveryStreamName"),
        details=(
            Call("describe_delivery_stream", params={"DeliveryStreamName": "{DeliveryStreamName}"}),
            TagsCall("list_tags_for_delivery_stream", answer="Tags", DeliveryStreamName="{DeliveryStreamName}"),
        ),
        id=_s3_stream_arn,
        arn=Arn(f"{{{_DESCRIPTION}.DeliveryStreamARN}}", "firehose", "deliverystream"),
        name="DeliveryStreamName",
        arguments={
            "name": "DeliveryStreamName",
            "destination": Const("extended_s3"),
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
            "extended_s3_configuration": {
                "bucket_arn": _within("BucketARN"),
                "role_arn": _within("RoleARN"),
                "prefix": _within("Prefix"),
                "error_output_prefix": _within("ErrorOutputPrefix"),
                # Five minutes and 5 MiB are what the provider sets when not told.
                "buffering_interval": Unless(_within("BufferingHints.IntervalInSeconds"), 300),
                "buffering_size": Unless(_within("BufferingHints.SizeInMBs"), 5),
                "compression_format": Unless(_within("CompressionFormat"), "UNCOMPRESSED"),
                "kms_key_arn": _within("EncryptionConfiguration.KMSEncryptionConfig.AWSKMSKeyARN"),
                "s3_backup_mode": Unless(_within("S3BackupMode"), "Disabled"),
                "file_extension": _within("FileExtension"),
                "custom_time_zone": Unless(_within("CustomTimeZone"), "UTC"),
                "cloudwatch_logging_options": _logging,
                "processing_configuration": _processors,
                "dynamic_partitioning_configuration": When(
                    _within("DynamicPartitioningConfiguration.Enabled"),
                    {
                        "enabled": Const(True),
                        "retry_duration": _within("DynamicPartitioningConfiguration.RetryOptions.DurationInSeconds"),
                    },
                ),
            },
            "tags": Tags(),
        },
        references={
            "kinesis_source_configuration.kinesis_stream_arn": Ref("aws_kinesis_stream", "arn"),
            "kinesis_source_configuration.role_arn": Ref("aws_iam_role", "arn"),
            "server_side_encryption.key_arn": Ref("aws_kms_key", "arn"),
            "extended_s3_configuration.bucket_arn": Ref("aws_s3_bucket", "arn"),
            "extended_s3_configuration.role_arn": Ref("aws_iam_role", "arn"),
            "extended_s3_configuration.kms_key_arn": Ref("aws_kms_key", "arn"),
            "extended_s3_configuration.cloudwatch_logging_options.log_group_name": Ref(
                "aws_cloudwatch_log_group", "name"
            ),
        },
    ),
]
