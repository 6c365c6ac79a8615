"""SQS queues and their access policies.

GetQueueAttributes answers every value as a string ("60", "true"): ``Int``
and ``Bool`` give Terraform its numbers and booleans back.
"""

from __future__ import annotations

from ..spec import (
    And,
    Arn,
    Bool,
    Call,
    Child,
    Const,
    Has,
    Int,
    Is,
    JsonDocument,
    NameFromUrl,
    Not,
    Ref,
    ResourceSpec,
    Tags,
    TagsCall,
    When,
)

KMS_ENCRYPTED = Has("Attributes.KmsMasterKeyId")

SPECS = [
    ResourceSpec(
        tf_type="aws_sqs_queue",
        service="sqs",
        list=Call("list_queues", items="QueueUrls", item_key="QueueUrl"),
        details=(
            Call("get_queue_attributes", params={"QueueUrl": "{QueueUrl}", "AttributeNames": ["All"]}),
            TagsCall("list_queue_tags", QueueUrl="{QueueUrl}"),
        ),
        id="{QueueUrl}",  # the provider imports a queue by its URL
        arn=Arn("{Attributes.QueueArn}", "sqs"),
        name=NameFromUrl("QueueUrl"),
        # A queue holds messages (a dead-letter queue, the failed ones): replacing it loses them.
        stateful=True,
        exports={"url": "QueueUrl"},
        arguments={
            "name": NameFromUrl("QueueUrl"),
            "fifo_queue": Bool("Attributes.FifoQueue"),
            "content_based_deduplication": Bool("Attributes.ContentBasedDeduplication"),
            "deduplication_scope": "Attributes.DeduplicationScope",
            "fifo_throughput_limit": "Attributes.FifoThroughputLimit",
            "visibility_timeout_seconds": Int("Attributes.VisibilityTimeout"),
            "message_retention_seconds": Int("Attributes.MessageRetentionPeriod"),
            "max_message_size": Int("Attributes.MaximumMessageSize"),
            "delay_seconds": Int("Attributes.DelaySeconds"),
            "receive_wait_time_seconds": Int("Attributes.ReceiveMessageWaitTimeSeconds"),
            "kms_master_key_id": "Attributes.KmsMasterKeyId",
            # Only for queues encrypted with KMS (AWS may report it for others too).
            "kms_data_key_reuse_period_seconds": When(KMS_ENCRYPTED, Int("Attributes.KmsDataKeyReusePeriodSeconds")),
            # New queues get SQS-managed encryption; only a queue where it was
            # turned off says so (and KMS encryption excludes it).
            "sqs_managed_sse_enabled": When(
                And(Not(KMS_ENCRYPTED), Is("Attributes.SqsManagedSseEnabled", "false")), Const(False)
            ),
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
        child=Child("aws_sqs_queue", same_item=True),  # the policy is one of the queue's attributes
        include=Has("Attributes.Policy"),
        id="{QueueUrl}",
        arguments={"queue_url": "QueueUrl", "policy": JsonDocument("Attributes.Policy")},
        references={"queue_url": Ref("aws_sqs_queue")},
    ),
]
