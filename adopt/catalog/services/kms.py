"""KMS customer-managed keys, their multi-Region replicas, and their aliases."""

from __future__ import annotations

from ..spec import (
    And,
    Arn,
    Call,
    First,
    Format,
    Has,
    Is,
    JsonDocument,
    Not,
    Or,
    Path,
    Pluck,
    Ref,
    ResourceSpec,
    Sorted,
    StartsWith,
    Tag,
    Tags,
    TagsCall,
    TrimPrefix,
    When,
)

AWS_ALIAS_PREFIX = "alias/aws/"

# A multi-Region replica: its primary key is another key (told by ARN, which
# holds whatever the key type field says).
_PRIMARY = "KeyMetadata.MultiRegionConfiguration.PrimaryKey.Arn"
REPLICA = And(Has(_PRIMARY), Not(Is(_PRIMARY, Path("KeyMetadata.Arn"))))
PENDING_DELETION = Is("KeyMetadata.KeyState", "PendingDeletion", "PendingReplicaDeletion")

SPECS = [
    ResourceSpec(
        tf_type="aws_kms_key",
        service="kms",
        risk="privilege",
        list=Call("list_keys", items="Keys"),
        details=(
            Call("describe_key", params={"KeyId": "{KeyId}"}),
            Call("get_key_policy", params={"KeyId": "{KeyId}", "PolicyName": "default"}),
            # Keys with imported or external key material, asymmetric and HMAC
            # keys have no automatic rotation; keys pending deletion (dropped
            # below) may refuse the question.
            Call(
                "get_key_rotation_status",
                params={"KeyId": "{KeyId}"},
                absent_on=("UnsupportedOperationException", "KMSInvalidStateException"),
            ),
            TagsCall("list_resource_tags", KeyId="{KeyId}", answer="Tags"),  # spelt TagKey/TagValue
            Call("list_aliases", params={"KeyId": "{KeyId}"}, items="Aliases", merge_into="KeyAliases"),
        ),
        # Known only from DescribeKey: the engine asks again after each detail
        # call, so an AWS-managed key's policy, rotation and tags are never asked for.
        is_default=Is("KeyMetadata.KeyManager", "AWS"),
        # Keys that cannot be adopted as aws_kms_key have no ID here:
        # multi-Region replicas (aws_kms_replica_key) and keys pending
        # deletion (gone, to the provider).
        id=When(And(Not(PENDING_DELETION), Not(REPLICA)), Format("{KeyId}")),
        arn=Arn("{KeyArn}", "kms", "key"),
        # Keys are known by their alias far more than by their ID.
        label=Or(
            Tag("Name"),
            TrimPrefix(First(Sorted(Pluck("KeyAliases", "AliasName"))), "alias/"),
            "KeyMetadata.Description",
        ),
        stateful=True,
        json_arguments=("policy",),
        arguments={
            "description": "KeyMetadata.Description",
            "key_usage": "KeyMetadata.KeyUsage",
            "customer_master_key_spec": "KeyMetadata.KeySpec",
            "policy": JsonDocument("Policy"),
            "enable_key_rotation": "KeyRotationEnabled",
            "rotation_period_in_days": When(Has("KeyRotationEnabled"), "RotationPeriodInDays"),
            "is_enabled": "KeyMetadata.Enabled",
            "multi_region": "KeyMetadata.MultiRegion",
            "custom_key_store_id": "KeyMetadata.CustomKeyStoreId",
            "xks_key_id": "KeyMetadata.XksKeyConfiguration.Id",
            "tags": Tags(),
        },
        defaults={
            "key_usage": "ENCRYPT_DECRYPT",
            "customer_master_key_spec": "SYMMETRIC_DEFAULT",
            "enable_key_rotation": False,
            "rotation_period_in_days": 365,
            "is_enabled": True,
            "multi_region": False,
        },
    ),
    ResourceSpec(
        tf_type="aws_kms_replica_key",
        service="kms",
        risk="privilege",
        list=Call("list_keys", items="Keys"),
        details=(
            Call("describe_key", params={"KeyId": "{KeyId}"}),
            Call("get_key_policy", params={"KeyId": "{KeyId}", "PolicyName": "default"}),
            TagsCall("list_resource_tags", KeyId="{KeyId}", answer="Tags"),
        ),
        # Only multi-Region replicas (the primary and single-Region keys are
        # aws_kms_key), and not those pending deletion; known from DescribeKey.
        id=When(And(REPLICA, Not(PENDING_DELETION)), Format("{KeyId}")),
        # No arn=: a replica's ARN has the shape of any key's, which would
        # leave an ARN of that shape naming no one type.
        label=Or(Tag("Name"), "KeyMetadata.Description"),
        stateful=True,
        json_arguments=("policy",),
        arguments={
            "primary_key_arn": _PRIMARY,
            "description": "KeyMetadata.Description",
            "policy": JsonDocument("Policy"),
            "enabled": "KeyMetadata.Enabled",
            "tags": Tags(),
        },
        defaults={"enabled": True},
        references={"primary_key_arn": Ref("aws_kms_key", "arn")},
    ),
    ResourceSpec(
        tf_type="aws_kms_alias",
        service="kms",
        list=Call("list_aliases", items="Aliases"),
        # AWS lists reserved alias/aws/* names even before their key exists.
        include=Has("TargetKeyId"),
        is_default=StartsWith("AliasName", AWS_ALIAS_PREFIX),
        id="{AliasName}",
        arn=Arn("{AliasArn}", "kms", "alias"),
        name="AliasName",
        label=TrimPrefix("AliasName", "alias/"),
        arguments={"name": "AliasName", "target_key_id": "TargetKeyId"},
        references={"target_key_id": Ref("aws_kms_key", "id")},
    ),
]
