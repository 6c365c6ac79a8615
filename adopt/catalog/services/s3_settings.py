"""More S3 bucket settings the provider manages as separate resources (children of
``aws_s3_bucket``): lifecycle rules, object ownership, server access logging, CORS,
website hosting, event notifications, replication, ACLs, transfer acceleration,
requester pays, Object Lock, and the bucket's intelligent-tiering, inventory and
metrics configurations (several per bucket, each imported as ``bucket:id``)."""

from __future__ import annotations

import datetime as dt

from ..common import bucket_setting, inline_in_bucket
from ..spec import (
    ARN_TARGET,
    Above,
    Call,
    Child,
    Each,
    First,
    Has,
    Is,
    Keep,
    Lower,
    Or,
    Ref,
    ResourceSpec,
    Sorted,
    Tags,
    Timestamp,
    When,
    tags_of,
)

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


_RETENTION = "ObjectLockConfiguration.Rule.DefaultRetention"


def _only_the_owner_has_full_control(item, ctx):
    """The ACL every bucket starts with ("private"): the owner's full control, nothing else.
    With ACLs disabled (BucketOwnerEnforced) it is always this."""
    grants = item.get("Grants") or []
    owner = (item.get("Owner") or {}).get("ID")
    return len(grants) == 1 and (
        grants[0].get("Permission") == "FULL_CONTROL"
        and (grants[0].get("Grantee") or {}).get("Type") == "CanonicalUser"
        and (grants[0].get("Grantee") or {}).get("ID") == owner
    )


def _key_filter(name: str) -> First:
    """A notification's prefix or suffix filter rule (S3 answers "Prefix" or "prefix")."""
    return First("Filter.Key.FilterRules", "Value", where=Is(Lower("Name"), name))


def _notification(arn_field: str, argument: str) -> dict:
    return {
        "id": "Id",
        argument: arn_field,
        "events": Sorted("Events"),
        "filter_prefix": _key_filter("prefix"),
        "filter_suffix": _key_filter("suffix"),
    }


def _has_notifications(item, ctx):
    """Any destination; EventBridge's is an empty object, there or not."""
    return "EventBridgeConfiguration" in item or any(
        item.get(key) for key in ("TopicConfigurations", "QueueConfigurations", "LambdaFunctionConfigurations")
    )


def _eventbridge(item, ctx):
    return True if "EventBridgeConfiguration" in item else None


def _filter_tags(item, ctx):
    """A configuration filter's tags: one ``Tag``, or the ``And`` of several."""
    single = (item.get("Filter") or {}).get("Tag")
    if single:
        return tags_of([single])
    return tags_of(((item.get("Filter") or {}).get("And") or {}).get("Tags"))


def _filter(*, access_point: bool = False) -> dict:
    """The ``filter`` block of tiering and metrics configurations: a prefix and tags."""
    block = {"prefix": Or("Filter.Prefix", "Filter.And.Prefix"), "tags": _filter_tags}
    if access_point:
        block["access_point"] = Or("Filter.AccessPointArn", "Filter.And.AccessPointArn")
    return block


def bucket_configurations(tf_type: str, operation: str, items: str, **fields) -> ResourceSpec:
    """Configurations a bucket has several of, each named by its ``Id`` and imported
    as ``bucket:id``.  ``fields`` are the rest of the spec."""
    return ResourceSpec(
        tf_type=tf_type,
        service="s3",
        child=Child("aws_s3_bucket", call=Call(operation, params={"Bucket": "{parent.Name}"}, items=items)),
        id="{parent.Name}:{Id}",
        label="Id",  # after the bucket's: "shop_data_weekly"
        arguments={"bucket": "parent.Name", "name": "Id", **fields.pop("arguments")},
        references={"bucket": Ref("aws_s3_bucket"), **fields.pop("references", {})},
        **fields,
    )


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
    bucket_setting(
        "aws_s3_bucket_cors_configuration",
        "get_bucket_cors",
        absent_on=("NoSuchCORSConfiguration",),
        include=Has("CORSRules"),
        inline_in=inline_in_bucket("cors_rule"),
        arguments={
            "cors_rule": Each(
                "CORSRules",
                {
                    "id": "ID",
                    "allowed_headers": Sorted("AllowedHeaders"),
                    "allowed_methods": Sorted("AllowedMethods"),
                    "allowed_origins": Sorted("AllowedOrigins"),
                    "expose_headers": Sorted("ExposeHeaders"),
                    "max_age_seconds": "MaxAgeSeconds",
                },
            ),
        },
    ),
    bucket_setting(
        "aws_s3_bucket_website_configuration",
        "get_bucket_website",
        absent_on=("NoSuchWebsiteConfiguration",),
        include=Or(Has("IndexDocument"), Has("RedirectAllRequestsTo")),
        inline_in=inline_in_bucket("website"),
        arguments={
            "index_document": {"suffix": "IndexDocument.Suffix"},
            "error_document": {"key": "ErrorDocument.Key"},
            "redirect_all_requests_to": {
                "host_name": "RedirectAllRequestsTo.HostName",
                "protocol": "RedirectAllRequestsTo.Protocol",
            },
            "routing_rule": Each(
                "RoutingRules",
                {
                    "condition": {
                        "http_error_code_returned_equals": "Condition.HttpErrorCodeReturnedEquals",
                        "key_prefix_equals": "Condition.KeyPrefixEquals",
                    },
                    "redirect": {
                        "host_name": "Redirect.HostName",
                        "http_redirect_code": "Redirect.HttpRedirectCode",
                        "protocol": "Redirect.Protocol",
                        "replace_key_prefix_with": "Redirect.ReplaceKeyPrefixWith",
                        "replace_key_with": "Redirect.ReplaceKeyWith",
                    },
                },
            ),
        },
    ),
    bucket_setting(
        "aws_s3_bucket_notification",
        "get_bucket_notification_configuration",
        include=_has_notifications,
        arguments={
            "eventbridge": _eventbridge,
            "topic": Each("TopicConfigurations", _notification("TopicArn", "topic_arn")),
            "queue": Each("QueueConfigurations", _notification("QueueArn", "queue_arn")),
            "lambda_function": Each(
                "LambdaFunctionConfigurations", _notification("LambdaFunctionArn", "lambda_function_arn")
            ),
        },
        references={
            "topic[*].topic_arn": Ref("aws_sns_topic", "arn"),
            "queue[*].queue_arn": Ref("aws_sqs_queue", "arn"),
            "lambda_function[*].lambda_function_arn": Ref(ARN_TARGET, "arn"),
        },
    ),
    bucket_setting(
        "aws_s3_bucket_replication_configuration",
        "get_bucket_replication",
        absent_on=("ReplicationConfigurationNotFoundError",),
        include=Has("ReplicationConfiguration.Rules"),
        inline_in=inline_in_bucket("replication_configuration"),
        arguments={
            "role": "ReplicationConfiguration.Role",
            "rule": Each(
                "ReplicationConfiguration.Rules",
                {
                    "id": "ID",
                    "priority": "Priority",
                    "prefix": "Prefix",  # the legacy rule-level prefix, from before filters
                    "status": "Status",
                    "filter": {
                        "prefix": Keep("Filter.Prefix"),
                        "tag": {"key": "Filter.Tag.Key", "value": "Filter.Tag.Value"},
                        "and": {"prefix": "Filter.And.Prefix", "tags": Tags("Filter.And.Tags")},
                    },
                    "delete_marker_replication": {"status": "DeleteMarkerReplication.Status"},
                    "existing_object_replication": {"status": "ExistingObjectReplication.Status"},
                    "source_selection_criteria": {
                        "replica_modifications": {"status": "SourceSelectionCriteria.ReplicaModifications.Status"},
                        "sse_kms_encrypted_objects": {
                            "status": "SourceSelectionCriteria.SseKmsEncryptedObjects.Status"
                        },
                    },
                    "destination": {
                        "bucket": "Destination.Bucket",
                        "account": "Destination.Account",
                        "storage_class": "Destination.StorageClass",
                        "access_control_translation": {"owner": "Destination.AccessControlTranslation.Owner"},
                        "encryption_configuration": {
                            "replica_kms_key_id": "Destination.EncryptionConfiguration.ReplicaKmsKeyID"
                        },
                        "replication_time": {
                            "status": "Destination.ReplicationTime.Status",
                            "time": {"minutes": "Destination.ReplicationTime.Time.Minutes"},
                        },
                        "metrics": {
                            "status": "Destination.Metrics.Status",
                            "event_threshold": {"minutes": "Destination.Metrics.EventThreshold.Minutes"},
                        },
                    },
                },
            ),
        },
        references={
            "role": Ref("aws_iam_role", "arn"),
            "rule[*].destination.bucket": Ref("aws_s3_bucket", "arn"),
            "rule[*].destination.encryption_configuration.replica_kms_key_id": Ref("aws_kms_key", "arn"),
        },
    ),
    bucket_setting(
        "aws_s3_bucket_acl",
        "get_bucket_acl",
        risk="privilege",  # grants read or write access to others
        include=Has("Grants"),
        # Every bucket's own "private" ACL is not a choice to adopt.
        is_default=_only_the_owner_has_full_control,
        inline_in=inline_in_bucket("grant"),
        arguments={
            "access_control_policy": {
                "owner": {"id": "Owner.ID"},  # display_name is computed
                "grant": Each(
                    "Grants",
                    {
                        "permission": "Permission",
                        "grantee": {
                            "type": "Grantee.Type",
                            "id": "Grantee.ID",
                            "email_address": "Grantee.EmailAddress",
                            "uri": "Grantee.URI",
                        },
                    },
                ),
            },
        },
    ),
    bucket_setting(
        "aws_s3_bucket_accelerate_configuration",
        "get_bucket_accelerate_configuration",
        # A bucket that never had acceleration reports no status: nothing to adopt.
        include=Is("Status", "Enabled", "Suspended"),
        inline_in=inline_in_bucket("acceleration_status"),
        arguments={"status": "Status"},
    ),
    bucket_setting(
        "aws_s3_bucket_request_payment_configuration",
        "get_bucket_request_payment",
        # The bucket owner pays unless someone made it a Requester Pays bucket.
        include=Is("Payer", "Requester"),
        inline_in=inline_in_bucket("request_payer"),
        arguments={"payer": "Payer"},
    ),
    bucket_setting(
        "aws_s3_bucket_object_lock_configuration",
        "get_object_lock_configuration",
        absent_on=("ObjectLockConfigurationNotFoundError",),
        # Object Lock without a default retention has nothing to configure here:
        # it is the bucket's object_lock_enabled, set when it was made.
        include=Has("ObjectLockConfiguration.Rule.DefaultRetention"),
        arguments={
            "object_lock_enabled": "ObjectLockConfiguration.ObjectLockEnabled",
            "rule": {
                "default_retention": {
                    "mode": "ObjectLockConfiguration.Rule.DefaultRetention.Mode",
                    # A retention is in days or in years: the other is unset (or answered as 0).
                    "days": When(Above(_RETENTION + ".Days", 0), _RETENTION + ".Days"),
                    "years": When(Above(_RETENTION + ".Years", 0), _RETENTION + ".Years"),
                }
            },
        },
        defaults={"object_lock_enabled": "Enabled"},
    ),
    bucket_configurations(
        "aws_s3_bucket_intelligent_tiering_configuration",
        "list_bucket_intelligent_tiering_configurations",
        "IntelligentTieringConfigurationList",
        arguments={
            "status": "Status",
            "filter": _filter(),
            "tiering": Each("Tierings", {"access_tier": "AccessTier", "days": "Days"}, sort_by="access_tier"),
        },
        defaults={"status": "Enabled"},
    ),
    bucket_configurations(
        "aws_s3_bucket_inventory",
        "list_bucket_inventory_configurations",
        "InventoryConfigurationList",
        arguments={
            "enabled": "IsEnabled",
            "included_object_versions": "IncludedObjectVersions",
            "optional_fields": Sorted("OptionalFields"),
            "filter": {"prefix": "Filter.Prefix"},
            "schedule": {"frequency": "Schedule.Frequency"},
            "destination": {
                "bucket": {
                    "bucket_arn": "Destination.S3BucketDestination.Bucket",
                    "account_id": "Destination.S3BucketDestination.AccountId",
                    "format": "Destination.S3BucketDestination.Format",
                    "prefix": "Destination.S3BucketDestination.Prefix",
                    # (SSE-S3 is an empty block, which cannot be written yet.)
                    "encryption": {
                        "sse_kms": {"key_id": "Destination.S3BucketDestination.Encryption.SSEKMS.KeyId"},
                    },
                },
            },
        },
        defaults={"enabled": True},
        references={
            "destination.bucket.bucket_arn": Ref("aws_s3_bucket", "arn"),
            "destination.bucket.encryption.sse_kms.key_id": Ref("aws_kms_key", "arn"),
        },
    ),
    bucket_configurations(
        "aws_s3_bucket_metric",
        "list_bucket_metrics_configurations",
        "MetricsConfigurationList",
        arguments={"filter": _filter(access_point=True)},
    ),
]
