"""SNS topics, their subscriptions and access policies."""

from __future__ import annotations

import urllib.parse

from ..spec import (
    ARN_TARGET,
    Arn,
    Bool,
    Call,
    Child,
    Has,
    Int,
    JsonDocument,
    NameFromArn,
    Ref,
    ResourceSpec,
    Secret,
    StartsWith,
    Tags,
    TagsCall,
    get_path,
    parse_json,
)

# Delivery-status logging, per protocol: the API's prefix for each provider argument prefix.
_FEEDBACK = {"application": "Application", "http": "HTTP", "lambda": "Lambda", "sqs": "SQS", "firehose": "Firehose"}

# What AWS puts in the policy it attaches to every new topic.
_DEFAULT_ACTIONS = {
    "SNS:GetTopicAttributes",
    "SNS:SetTopicAttributes",
    "SNS:AddPermission",
    "SNS:RemovePermission",
    "SNS:DeleteTopic",
    "SNS:Subscribe",
    "SNS:ListSubscriptionsByTopic",
    "SNS:Publish",
    "SNS:Receive",
}


def _feedback_arguments() -> dict:
    out = {}
    for name, api in _FEEDBACK.items():
        out[f"{name}_success_feedback_role_arn"] = f"Attributes.{api}SuccessFeedbackRoleArn"
        out[f"{name}_failure_feedback_role_arn"] = f"Attributes.{api}FailureFeedbackRoleArn"
        out[f"{name}_success_feedback_sample_rate"] = Int(f"Attributes.{api}SuccessFeedbackSampleRate")
    return out


def is_default_topic_policy(item, ctx) -> bool:
    """The policy AWS attaches to every topic: the owner account may do everything."""
    doc = parse_json(get_path(item, "Attributes.Policy")) or {}
    statements = doc.get("Statement") or []
    if len(statements) != 1:
        return False
    statement = statements[0]
    actions = statement.get("Action")
    actions = {actions} if isinstance(actions, str) else set(actions or [])
    condition = statement.get("Condition") or {}
    return (
        statement.get("Sid") == "__default_statement_ID"
        and statement.get("Effect") == "Allow"
        and statement.get("Principal") in ({"AWS": "*"}, "*")
        and actions <= _DEFAULT_ACTIONS
        and list(condition) == ["StringEquals"]
        and list(condition["StringEquals"]) == ["AWS:SourceOwner"]
    )


def _endpoint(item, ctx):
    endpoint = item.get("Endpoint")
    # An HTTP(S) endpoint may carry basic-auth credentials.
    if item.get("Protocol") in ("http", "https") and urllib.parse.urlsplit(endpoint or "").password:
        return Secret("the endpoint URL holds credentials")
    return endpoint


def _subscription_label(item, ctx):
    endpoint = item.get("Endpoint") or ""
    if endpoint.startswith("arn:"):
        target = NameFromArn("Endpoint").evaluate(item, ctx)
    elif "://" in endpoint:
        target = urllib.parse.urlsplit(endpoint).hostname  # never the credentials a URL may carry
    else:
        target = endpoint
    return f"{item.get('Protocol')}_{target}"


SPECS = [
    ResourceSpec(
        tf_type="aws_sns_topic",
        service="sns",
        list=Call("list_topics", items="Topics"),
        details=(
            Call("get_topic_attributes", params={"TopicArn": "{TopicArn}"}),
            TagsCall(ResourceArn="{TopicArn}"),
        ),
        id="{TopicArn}",  # the provider imports a topic by its ARN
        arn=Arn("{TopicArn}", "sns"),
        name=NameFromArn("TopicArn"),
        arguments={
            "name": NameFromArn("TopicArn"),
            "display_name": "Attributes.DisplayName",
            "fifo_topic": Bool("Attributes.FifoTopic"),
            "content_based_deduplication": Bool("Attributes.ContentBasedDeduplication"),
            "fifo_throughput_scope": "Attributes.FifoThroughputScope",
            "archive_policy": JsonDocument("Attributes.ArchivePolicy"),
            "kms_master_key_id": "Attributes.KmsMasterKeyId",
            "signature_version": Int("Attributes.SignatureVersion"),
            "tracing_config": "Attributes.TracingConfig",
            "delivery_policy": JsonDocument("Attributes.DeliveryPolicy"),
            **_feedback_arguments(),
            # The access policy is its own resource (aws_sns_topic_policy) below.
            "tags": Tags("Tags"),
        },
        defaults={
            "fifo_topic": False,
            "content_based_deduplication": False,
            "signature_version": 1,
            "tracing_config": "PassThrough",
        },
        references={
            f"{name}_{kind}_feedback_role_arn": Ref("aws_iam_role", "arn")
            for name in _FEEDBACK
            for kind in ("success", "failure")
        },
    ),
    ResourceSpec(
        tf_type="aws_sns_topic_policy",
        service="sns",
        risk="privilege",
        child=Child("aws_sns_topic", same_item=True),  # the policy is one of the topic's attributes
        include=Has("Attributes.Policy"),
        is_default=is_default_topic_policy,
        id="{TopicArn}",
        arguments={"arn": "TopicArn", "policy": JsonDocument("Attributes.Policy")},
        references={"arn": Ref("aws_sns_topic", "arn")},
    ),
    ResourceSpec(
        tf_type="aws_sns_topic_subscription",
        service="sns",
        # One listing of the region's subscriptions, each joined to its topic.
        child=Child("aws_sns_topic", call=Call("list_subscriptions", items="Subscriptions"), join="TopicArn"),
        # An unconfirmed subscription has no ARN yet: there is nothing to import.
        include=StartsWith("SubscriptionArn", "arn:"),
        details=(Call("get_subscription_attributes", params={"SubscriptionArn": "{SubscriptionArn}"}),),
        id="{SubscriptionArn}",
        arn=Arn("{SubscriptionArn}", "sns"),  # topic:id; the topic's own ARN names the topic
        label=_subscription_label,
        arguments={
            "topic_arn": "TopicArn",
            "protocol": "Protocol",
            "endpoint": _endpoint,
            "raw_message_delivery": Bool("Attributes.RawMessageDelivery"),
            "filter_policy": JsonDocument("Attributes.FilterPolicy"),
            "filter_policy_scope": "Attributes.FilterPolicyScope",
            "delivery_policy": JsonDocument("Attributes.DeliveryPolicy"),
            "redrive_policy": JsonDocument("Attributes.RedrivePolicy"),
            "replay_policy": JsonDocument("Attributes.ReplayPolicy"),
            "subscription_role_arn": "Attributes.SubscriptionRoleArn",
        },
        defaults={"raw_message_delivery": False, "filter_policy_scope": "MessageAttributes"},
        references={
            "topic_arn": Ref("aws_sns_topic", "arn"),
            "subscription_role_arn": Ref("aws_iam_role", "arn"),
            # A queue or a function, by its ARN; an e-mail address or URL is no reference.
            "endpoint": Ref(ARN_TARGET, "arn"),
        },
    ),
]
