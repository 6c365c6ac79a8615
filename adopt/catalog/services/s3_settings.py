"""More S3 bucket settings the provider manages as separate resources: lifecycle
rules, object ownership and server access logging (children of ``aws_s3_bucket``)."""

from __future__ import annotations

import datetime as dt

from ..common import bucket_setting, inline_in_bucket
from ..spec import Each, First, Has, Keep, Ref, Tags, Timestamp

# Since April 2023 every new bucket gets BucketOwnerEnforced (ACLs disabled) from AWS.
OWNER_ENFORCED_BY_DEFAULT_SINCE = dt.datetime(2023, 4, 1, tzinfo=dt.timezone.utc)


def _aws_default_ownership(item, ctx):
    """BucketOwnerEnforced on a bucket made since AWS made it the default is AWS's
    setting; on an older bucket someone chose it."""
    rules = (item.get("OwnershipControls") or {}).get("Rules") or []
    if [r.get("ObjectOwnership") for r in rules] != ["BucketOwnerEnforced"]:
        return False
    created = (ctx.parent or {}).get("CreationDate")
    if isinstance(created, str):
        created = dt.datetime.fromisoformat(created.replace("Z", "+00:00"))
    return created is None or created >= OWNER_ENFORCED_BY_DEFAULT_SINCE


_LIFECYCLE_RULE = {
    "id": "ID",
    "status": "Status",
    "prefix": "Prefix",  # the legacy rule-level prefix, from before filters
    # An empty Filter ({}) is read back as no filter at all; {"Prefix": ""} as prefix "".
    "filter": {
        "prefix": Keep("Filter.Prefix"),
        "object_size_greater_than": "Filter.ObjectSizeGreaterThan",
        "object_size_less_than": "Filter.ObjectSizeLessThan",
        "tag": {"key": "Filter.Tag.Key", "value": "Filter.Tag.Value"},
        "and": {
            "prefix": "Filter.And.Prefix",
            "object_size_greater_than": "Filter.And.ObjectSizeGreaterThan",
            "object_size_less_than": "Filter.And.ObjectSizeLessThan",
            "tags": Tags("Filter.And.Tags"),
        },
    },
    "expiration": {
        "date": Timestamp("Expiration.Date"),
        "days": "Expiration.Days",
        "expired_object_delete_marker": "Expiration.ExpiredObjectDeleteMarker",
    },
    "transition": Each("Transitions", {"date": Timestamp("Date"), "days": "Days", "storage_class": "StorageClass"}),
    "noncurrent_version_expiration": {
        "noncurrent_days": "NoncurrentVersionExpiration.NoncurrentDays",
        "newer_noncurrent_versions": "NoncurrentVersionExpiration.NewerNoncurrentVersions",
    },
    "noncurrent_version_transition": Each(
        "NoncurrentVersionTransitions",
        {
            "noncurrent_days": "NoncurrentDays",
            "newer_noncurrent_versions": "NewerNoncurrentVersions",
            "storage_class": "StorageClass",
        },
    ),
    "abort_incomplete_multipart_upload": {
        "days_after_initiation": "AbortIncompleteMultipartUpload.DaysAfterInitiation",
    },
}


SPECS = [
    bucket_setting(
        "aws_s3_bucket_lifecycle_configuration",
        "get_bucket_lifecycle_configuration",
        absent_on=("NoSuchLifecycleConfiguration",),
        include=Has("Rules"),
        inline_in=inline_in_bucket("lifecycle_rule"),
        arguments={
            "transition_default_minimum_object_size": "TransitionDefaultMinimumObjectSize",
            "rule": Each("Rules", _LIFECYCLE_RULE),
        },
        defaults={"transition_default_minimum_object_size": "all_storage_classes_128K"},
    ),
    bucket_setting(
        "aws_s3_bucket_ownership_controls",
        "get_bucket_ownership_controls",
        absent_on=("OwnershipControlsNotFoundError",),
        include=Has("OwnershipControls.Rules"),
        is_default=_aws_default_ownership,
        arguments={"rule": {"object_ownership": First("OwnershipControls.Rules", "ObjectOwnership")}},
    ),
    bucket_setting(
        "aws_s3_bucket_logging",
        "get_bucket_logging",
        include=Has("LoggingEnabled"),
        inline_in=inline_in_bucket("logging"),
        arguments={
            "target_bucket": "LoggingEnabled.TargetBucket",
            "target_prefix": Keep("LoggingEnabled.TargetPrefix"),  # Required, even when ""
            "target_grant": Each(
                "LoggingEnabled.TargetGrants",
                {
                    "permission": "Permission",
                    # display_name is computed: never written.
                    "grantee": {
                        "type": "Grantee.Type",
                        "id": "Grantee.ID",
                        "email_address": "Grantee.EmailAddress",
                        "uri": "Grantee.URI",
                    },
                },
            ),
            # SimplePrefix is an empty object: an empty block the engine cannot write yet.
            "target_object_key_format": {
                "partitioned_prefix": {
                    "partition_date_source": "LoggingEnabled.TargetObjectKeyFormat.PartitionedPrefix.PartitionDateSource"
                },
            },
        },
        references={"target_bucket": Ref("aws_s3_bucket")},
    ),
]
