"""SSM Parameter Store parameters.  A SecureString's value is never decrypted
nor written: it becomes a sensitive variable."""

from __future__ import annotations

from ..spec import (
    And,
    Call,
    Const,
    First,
    Format,
    Is,
    Not,
    Ref,
    ResourceSpec,
    Secret,
    Tags,
    TagsCall,
    TrimPrefix,
    When,
)

SECURE = Is("Type", "SecureString")
DEFAULT_KEY = "alias/aws/ssm"

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
            TagsCall(ResourceType="Parameter", ResourceId="{Name}", answer="TagList"),
        ),
        id="{Name}",
        # Hierarchical names keep one slash: parameter/app/url, not parameter//app/url.
        arn=Format("arn:aws:ssm:{region}:{account}:parameter/{name}", name=TrimPrefix("Name", "/")),
        name="Name",
        arguments={
            "name": "Name",
            "type": "Type",
            "description": "Description",
            # String and StringList values are not secret and are written as
            # they are; a SecureString's becomes a variable.  (``value`` is the
            # argument the provider reads back, so either way the plan after
            # import is clean.)
            "value": When(
                SECURE, Const(Secret("the SecureString value is never read; supply it")), First("Current", "Value")
            ),
            # Only SecureStrings have a key; the AWS-managed default needs no mention.
            "key_id": When(And(SECURE, Not(Is("KeyId", DEFAULT_KEY))), "KeyId"),
            "allowed_pattern": "AllowedPattern",
            "tier": "Tier",
            "data_type": "DataType",
            "tags": Tags(),
        },
        defaults={"tier": "Standard", "data_type": "text"},
        references={"key_id": Ref("aws_kms_key", "id")},
        not_secret=("value",),  # sensitive to the provider; plain only for String/StringList
    ),
]
