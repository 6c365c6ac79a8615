"""KMS customer-managed keys and their aliases."""

from __future__ import annotations

from ..spec import Call, JsonDocument, Ref, ResourceSpec, tags_of

AWS_ALIAS_PREFIX = "alias/aws/"


def _aws_managed(item, ctx):
    # Known only from DescribeKey: the engine asks again after each detail
    # call, so the key's policy, rotation and tags are never asked for.
    return (item.get("KeyMetadata") or {}).get("KeyManager") == "AWS"


def _key_id(item, ctx):
    """The key ID, or None for keys that cannot be adopted as aws_kms_key:
    multi-Region replicas (``aws_kms_replica_key``) and keys pending deletion
    (gone, to the provider)."""
    meta = item.get("KeyMetadata") or {}
    if meta.get("KeyState") in ("PendingDeletion", "PendingReplicaDeletion"):
        return None
    if (meta.get("MultiRegionConfiguration") or {}).get("MultiRegionKeyType") == "REPLICA":
        return None
    return item["KeyId"]


def _key_tags(item, ctx):
    # KMS spells tags TagKey/TagValue.
    return tags_of([{"Key": t.get("TagKey"), "Value": t.get("TagValue")} for t in item.get("KeyTags") or []])


def _key_label(item, ctx):
    # Keys are known by their alias far more than by their ID.
    name = (_key_tags(item, ctx) or {}).get("Name")
    aliases = sorted(a["AliasName"] for a in item.get("KeyAliases") or [])
    if name or aliases:
        return name or aliases[0].removeprefix("alias/")
    return (item.get("KeyMetadata") or {}).get("Description") or None


def _rotation_period(item, ctx):
    return item.get("RotationPeriodInDays") if item.get("KeyRotationEnabled") else None


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
            Call("list_resource_tags", params={"KeyId": "{KeyId}"}, items="Tags", merge_into="KeyTags"),
            Call("list_aliases", params={"KeyId": "{KeyId}"}, items="Aliases", merge_into="KeyAliases"),
        ),
        is_default=_aws_managed,
        id=_key_id,
        arn="{KeyArn}",
        label=_key_label,
        stateful=True,
        json_arguments=("policy",),
        arguments={
            "description": "KeyMetadata.Description",
            "key_usage": "KeyMetadata.KeyUsage",
            "customer_master_key_spec": "KeyMetadata.KeySpec",
            "policy": JsonDocument("Policy"),
            "enable_key_rotation": "KeyRotationEnabled",
            "rotation_period_in_days": _rotation_period,
            "is_enabled": "KeyMetadata.Enabled",
            "multi_region": "KeyMetadata.MultiRegion",
            "custom_key_store_id": "KeyMetadata.CustomKeyStoreId",
            "xks_key_id": "KeyMetadata.XksKeyConfiguration.Id",
            "tags": _key_tags,
        },
        defaults={
            "key_usage": "ENCRYPT_DECRYPT",
            "customer_master_key_spec": "SYMMETRIC_DEFAULT",
            "enable_key_rotation": False,
            "rotation_period_in_days": 365,
            "is_enabled": True,
            "multi_region": False,
        },
        emulator_gaps="moto reports no key as AWS-managed (it makes the alias/aws/* keys as customer keys), no replica "
        "keys and no rotation period",
    ),
    ResourceSpec(
        tf_type="aws_kms_alias",
        service="kms",
        list=Call("list_aliases", items="Aliases"),
        # AWS lists reserved alias/aws/* names even before their key exists.
        include=lambda item, ctx: bool(item.get("TargetKeyId")),
        is_default=lambda item, ctx: item["AliasName"].startswith(AWS_ALIAS_PREFIX),
        id="{AliasName}",
        arn="{AliasArn}",
        name="AliasName",
        label=lambda item, ctx: item["AliasName"].removeprefix("alias/"),
        arguments={"name": "AliasName", "target_key_id": "TargetKeyId"},
        references={"target_key_id": Ref("aws_kms_key", "id")},
    ),
]
