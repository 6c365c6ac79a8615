"""SQS queues and their access policies.

GetQueueAttributes answers every value as a string ("60", "true"); the
helpers here give Terraform its numbers and booleans back.
"""

from __future__ import annotations

from ..spec import Call, JsonDocument, Ref, ResourceSpec, Tags, get_path


def attr_int(path):
    return lambda item, ctx: None if get_path(item, path) in (None, "") else int(get_path(item, path))


def attr_bool(path):
    return lambda item, ctx: None if get_path(item, path) in (None, "") else str(get_path(item, path)) == "true"


def _with_kms(expr):
    """A KMS setting, only for queues encrypted with KMS (AWS may report it for others too)."""
    return lambda item, ctx: expr(item, ctx) if get_path(item, "Attributes.KmsMasterKeyId") else None


def _sse_disabled(item, ctx):
    # New queues get SQS-managed encryption; only a queue where it was turned
    # off says so (and KMS encryption excludes it).
    attributes = item.get("Attributes") or {}
    if attributes.get("KmsMasterKeyId") or attributes.get("SqsManagedSseEnabled") != "false":
        return None
    return False


SPECS = [
    ResourceSpec(
        tf_type="aws_sqs_queue",
        service="sqs",
        list=Call("list_queues", items="QueueUrls", item_key="QueueUrl"),
        details=(
            Call("get_queue_attributes", params={"QueueUrl": "{QueueUrl}", "AttributeNames": ["All"]}),
            Call("list_queue_tags", params={"QueueUrl": "{QueueUrl}"}),
        ),
        id="{QueueUrl}",  # the provider imports a queue by its URL
        arn="{Attributes.QueueArn}",
        name=lambda item, ctx: item["QueueUrl"].rsplit("/", 1)[-1],
        # A queue holds messages (a dead-letter queue, the failed ones): replacing it loses them.
        stateful=True,
        arguments={
            "name": lambda item, ctx: item["QueueUrl"].rsplit("/", 1)[-1],
            "fifo_queue": attr_bool("Attributes.FifoQueue"),
            "content_based_deduplication": attr_bool("Attributes.ContentBasedDeduplication"),
            "deduplication_scope": "Attributes.DeduplicationScope",
            "fifo_throughput_limit": "Attributes.FifoThroughputLimit",
            "visibility_timeout_seconds": attr_int("Attributes.VisibilityTimeout"),
            "message_retention_seconds": attr_int("Attributes.MessageRetentionPeriod"),
            "max_message_size": attr_int("Attributes.MaximumMessageSize"),
            "delay_seconds": attr_int("Attributes.DelaySeconds"),
            "receive_wait_time_seconds": attr_int("Attributes.ReceiveMessageWaitTimeSeconds"),
            "kms_master_key_id": "Attributes.KmsMasterKeyId",
            "kms_data_key_reuse_period_seconds": _with_kms(attr_int("Attributes.KmsDataKeyReusePeriodSeconds")),
            "sqs_managed_sse_enabled": _sse_disabled,
            # The dead-letter queue is referenced inside the document.
            "redrive_policy": JsonDocument("Attributes.RedrivePolicy"),
            "redrive_allow_policy": JsonDocument("Attributes.RedriveAllowPolicy"),
            # The access policy is its own resource (aws_sqs_queue_policy) below.
            "tags": Tags("Tags"),
        },
        defaults={
            "fifo_queue": False,
            "content_based_deduplication": False,
            "deduplication_scope": "queue",
            "fifo_throughput_limit": "perQueue",
            "visibility_timeout_seconds": 30,
            "message_retention_seconds": 345600,
            "max_message_size": 262144,
            "delay_seconds": 0,
            "receive_wait_time_seconds": 0,
            "kms_data_key_reuse_period_seconds": 300,
        },
        references={"redrive_policy.deadLetterTargetArn": Ref("aws_sqs_queue", "arn")},
    ),
    ResourceSpec(
        tf_type="aws_sqs_queue_policy",
        service="sqs",
        risk="privilege",
        parent="aws_sqs_queue",
        items_from=lambda item, ctx: [item] if get_path(item, "Attributes.Policy") else [],
        id="{QueueUrl}",
        arguments={"queue_url": "QueueUrl", "policy": JsonDocument("Attributes.Policy")},
        references={"queue_url": Ref("aws_sqs_queue")},
    ),
]
