"""The account's S3 public access block (S3 Control: one per account)."""

from __future__ import annotations

from ..spec import Call, Const, Has, ResourceSpec

SPECS = [
    ResourceSpec(
        tf_type="aws_s3_account_public_access_block",
        service="s3control",
        is_global=True,  # one per account, whatever the region
        list=Call(
            "get_public_access_block",
            params={"AccountId": "{account}"},
            absent_on=("NoSuchPublicAccessBlockConfiguration",),
        ),
        include=Has("PublicAccessBlockConfiguration"),
        id="{account}",
        label=Const("account"),
        risk="privilege",  # limits what every bucket's policies and ACLs may grant
        name_argument=None,
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
