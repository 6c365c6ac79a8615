"""S3 buckets and the settings the provider manages as separate resources."""

from __future__ import annotations

from ..spec import Call, Each, InlineIn, JsonDocument, Ref, ResourceSpec, Tags


def _bucket_region(item, ctx):
    # GetBucketLocation answers None for us-east-1 and "EU" for the oldest eu-west-1 buckets.
    location = item.get("LocationConstraint")
    if location in (None, ""):
        return item.get("BucketRegion") or "us-east-1"
    return {"EU": "eu-west-1"}.get(location, location)


def _only_aws_default_encryption(item, ctx):
    """Since 2023 every bucket has SSE-S3 by default: that is AWS's, not the user's."""
    rules = (item.get("ServerSideEncryptionConfiguration") or {}).get("Rules") or []
    return len(rules) == 1 and (
        (rules[0].get("ApplyServerSideEncryptionByDefault") or {}).get("SSEAlgorithm") == "AES256"
        and not rules[0].get("BucketKeyEnabled")
    )


def inline_in_bucket(attribute: str) -> tuple[InlineIn, ...]:
    """Before provider 4, bucket settings were arguments of aws_s3_bucket
    itself (``versioning { ... }``); a bucket so managed manages them too."""

    def managed(setting, bucket_state):
        value = bucket_state.get(attribute)
        if isinstance(value, list):
            return any(v not in (None, {}, "") for v in value)
        return bool(value)

    return (InlineIn("aws_s3_bucket", "bucket", attribute, managed),)


def _bucket_child(tf_type: str, call: Call, **fields) -> ResourceSpec:
    """A bucket setting: one per bucket, imported by the bucket name."""
    arguments = {"bucket": "parent.Name", **fields.pop("arguments")}
    return ResourceSpec(
        tf_type=tf_type,
        service="s3",
        parent="aws_s3_bucket",
        list=call,
        id="{parent.Name}",
        arguments=arguments,
        references={"bucket": Ref("aws_s3_bucket"), **fields.pop("references", {})},
        **fields,
    )


SPECS = [
    ResourceSpec(
        tf_type="aws_s3_bucket",
        service="s3",
        name_argument="bucket",
        is_global=True,  # one listing for the account; each bucket lives in its own region
        list=Call("list_buckets", items="Buckets"),
        details=(
            Call("get_bucket_location", params={"Bucket": "{Name}"}),
            Call(
                "get_bucket_tagging",
                params={"Bucket": "{Name}"},
                absent_on=("NoSuchTagSet", "NoSuchTagSetError"),
            ),
        ),
        item_region=_bucket_region,
        id="{Name}",
        arn="arn:aws:s3:::{Name}",
        name="Name",
        stateful=True,
        arguments={"bucket": "Name", "tags": Tags("TagSet")},
    ),
    _bucket_child(
        "aws_s3_bucket_versioning",
        Call("get_bucket_versioning", params={"Bucket": "{parent.Name}"}),
        # A bucket that never had versioning reports no status: nothing to adopt.
        include=lambda item, ctx: item.get("Status") in ("Enabled", "Suspended"),
        inline_in=inline_in_bucket("versioning"),
        arguments={
            "versioning_configuration": {"status": "Status", "mfa_delete": "MFADelete"},
        },
    ),
    _bucket_child(
        "aws_s3_bucket_server_side_encryption_configuration",
        Call(
            "get_bucket_encryption",
            params={"Bucket": "{parent.Name}"},
            absent_on=("ServerSideEncryptionConfigurationNotFoundError",),
        ),
        include=lambda item, ctx: bool((item.get("ServerSideEncryptionConfiguration") or {}).get("Rules")),
        is_default=_only_aws_default_encryption,
        inline_in=inline_in_bucket("server_side_encryption_configuration"),
        arguments={
            "rule": Each(
                "ServerSideEncryptionConfiguration.Rules",
                {
                    "apply_server_side_encryption_by_default": {
                        "sse_algorithm": "ApplyServerSideEncryptionByDefault.SSEAlgorithm",
                        "kms_master_key_id": "ApplyServerSideEncryptionByDefault.KMSMasterKeyID",
                    },
                    "bucket_key_enabled": "BucketKeyEnabled",
                },
            ),
        },
        references={"rule[*].apply_server_side_encryption_by_default.kms_master_key_id": Ref("aws_kms_key", "arn")},
    ),
    _bucket_child(
        "aws_s3_bucket_policy",
        Call(
            "get_bucket_policy",
            params={"Bucket": "{parent.Name}"},
            absent_on=("NoSuchBucketPolicy",),
        ),
        include=lambda item, ctx: bool(item.get("Policy")),
        risk="privilege",
        inline_in=inline_in_bucket("policy"),
        json_arguments=("policy",),
        arguments={"policy": JsonDocument("Policy")},
    ),
    _bucket_child(
        "aws_s3_bucket_public_access_block",
        Call(
            "get_public_access_block",
            params={"Bucket": "{parent.Name}"},
            absent_on=("NoSuchPublicAccessBlockConfiguration",),
        ),
        include=lambda item, ctx: bool(item.get("PublicAccessBlockConfiguration")),
        risk="privilege",
        arguments={
            "block_public_acls": "PublicAccessBlockConfiguration.BlockPublicAcls",
            "block_public_policy": "PublicAccessBlockConfiguration.BlockPublicPolicy",
            "ignore_public_acls": "PublicAccessBlockConfiguration.IgnorePublicAcls",
            "restrict_public_buckets": "PublicAccessBlockConfiguration.RestrictPublicBuckets",
        },
        defaults={
            "block_public_acls": False,
            "block_public_policy": False,
            "ignore_public_acls": False,
            "restrict_public_buckets": False,
        },
    ),
]
