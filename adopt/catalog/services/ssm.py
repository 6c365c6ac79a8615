"""SSM Parameter Store parameters.  A SecureString's value is never decrypted
nor written: it becomes a sensitive variable."""

from __future__ import annotations

from ..spec import Call, Ref, ResourceSpec, Secret, Tags

SECURE = "SecureString"
DEFAULT_KEY = "alias/aws/ssm"


def _value(item, ctx):
    """String and StringList values are not secret and are written as they
    are; a SecureString's becomes a variable.  (``value`` is the argument the
    provider reads back, so either way the plan after import is clean.)"""
    if item.get("Type") == SECURE:
        return Secret("the SecureString value is never read; supply it")
    return next((p.get("Value") for p in item.get("Current") or []), None)


def _arn(item, ctx):
    # Hierarchical names keep one slash: parameter/app/url, not parameter//app/url.
    return f"arn:aws:ssm:{ctx.region}:{ctx.account}:parameter/{item['Name'].lstrip('/')}"


def _key_id(item, ctx):
    # Only SecureStrings have a key; the AWS-managed default needs no mention.
    key = item.get("KeyId")
    return key if item.get("Type") == SECURE and key != DEFAULT_KEY else None


SPECS = [
    ResourceSpec(
        tf_type="aws_ssm_parameter",
        service="ssm",
        list=Call("describe_parameters", items="Parameters", params={"MaxResults": 50}),
        details=(
            # One call per parameter: the engine has no batched detail calls
            # (GetParameters takes 10 names).  Without decryption a
            # SecureString comes back encrypted, and is not used.
            Call(
                "get_parameters",
                params={"Names": ["{Name}"], "WithDecryption": False},
                items="Parameters",
                merge_into="Current",
            ),
            Call(
                "list_tags_for_resource",
                params={"ResourceType": "Parameter", "ResourceId": "{Name}"},
                items="TagList",
                merge_into="TagList",
            ),
        ),
        id="{Name}",
        arn=_arn,
        name="Name",
        arguments={
            "name": "Name",
            "type": "Type",
            "description": "Description",
            "value": _value,
            "key_id": _key_id,
            "allowed_pattern": "AllowedPattern",
            "tier": "Tier",
            "data_type": "DataType",
            "tags": Tags("TagList"),
        },
        defaults={"tier": "Standard", "data_type": "text"},
        references={"key_id": Ref("aws_kms_key", "id")},
        not_secret=("value",),  # sensitive to the provider; plain only for String/StringList
    ),
]
