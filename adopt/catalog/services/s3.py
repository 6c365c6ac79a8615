"""S3 buckets and the settings the provider manages as separate resources."""

from __future__ import annotations

from ..common import bucket_setting, inline_in_bucket
from ..spec import Call, Const, Each, Format, Has, Is, JsonDocument, Map, Or, Ref, ResourceSpec, Tags, TagsCall


def _only_aws_default_encryption(item, ctx):
    """Since 2023 every bucket has SSE-S3 by default: that is AWS's, not the user's."""
    rules = (item.get("ServerSideEncryptionConfiguration") or {}).get("Rules") or []
    return len(rules) == 1 and (
        (rules[0].get("ApplyServerSideEncryptionByDefault") or {}).get("SSEAlgorithm") == "AES256"
        and not rules[0].get("BucketKeyEnabled")
    )


SPECS = [
    ResourceSpec(
        tf_type="aws_s3_bucket",
        service="s3",
        name_argument="bucket",
        is_global=True,  # one listing for the account; each bucket lives in its own region
        list=Call("list_buckets", items="Buckets"),
        details=(
            # ListBuckets names each bucket's region in most partitions: then no call, and
            # buckets outside the scanned regions get no detail calls at all.
            Call("get_bucket_location", params={"Bucket": "{Name}"}, unless="BucketRegion"),
            TagsCall(
                "get_bucket_tagging", Bucket="{Name}", answer="TagSet", absent_on=("NoSuchTagSet", "NoSuchTagSetError")
            ),
        ),
        # GetBucketLocation answers None for us-east-1 and "EU" for the oldest eu-west-1 buckets.
        item_region=Map(Or("LocationConstraint", "BucketRegion", Const("us-east-1")), {"EU": "eu-west-1"}),
        id="{Name}",
        arn="arn:aws:s3:::{Name}",
        name="Name",
        stateful=True,
        # The names other resources use for it: a CloudFront origin, a website record.
        exports={
            "bucket_regional_domain_name": Format("{Name}.s3.{region}.amazonaws.com"),
            "bucket_domain_name": Format("{Name}.s3.amazonaws.com"),
        },
        arguments={"bucket": "Name", "tags": Tags()},
    ),
    bucket_setting(
        "aws_s3_bucket_versioning",
        "get_bucket_versioning",
        # A bucket that never had versioning reports no status: nothing to adopt.
        include=Is("Status", "Enabled", "Suspended"),
        inline_in=inline_in_bucket("versioning"),
        arguments={
            "versioning_configuration": {"status": "Status", "mfa_delete": "MFADelete"},
        },
    ),
    bucket_setting(
        "aws_s3_bucket_server_side_encryption_configuration",
        "get_bucket_encryption",
        absent_on=("ServerSideEncryptionConfigurationNotFoundError",),
        include=Has("ServerSideEncryptionConfiguration.Rules"),
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
    bucket_setting(
        "aws_s3_bucket_policy",
        "get_bucket_policy",
        risk="privilege",
        absent_on=("NoSuchBucketPolicy",),
        include=Has("Policy"),
        inline_in=inline_in_bucket("policy"),
        json_arguments=("policy",),
        arguments={"policy": JsonDocument("Policy")},
    ),
    bucket_setting(
        "aws_s3_bucket_public_access_block",
        "get_public_access_block",
        risk="privilege",
        absent_on=("NoSuchPublicAccessBlockConfiguration",),
        include=Has("PublicAccessBlockConfiguration"),
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
