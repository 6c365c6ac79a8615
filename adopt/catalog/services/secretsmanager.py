"""Secrets Manager secrets, their resource policies and their rotation.  Secret values are never read:
the tool never calls GetSecretValue (the read-only guard refuses it too)."""

from __future__ import annotations

from ..common import set_in
from ..spec import REGION, Arn, Call, Child, Each, Has, InlineIn, Is, JsonDocument, Not, Ref, ResourceSpec, Tags, When

_RULES = "RotationRules"

SPECS = [
    ResourceSpec(
        tf_type="aws_secretsmanager_secret",
        service="secretsmanager",
        risk="privilege",
        list=Call("list_secrets", items="SecretList"),
        # A replica is listed in its own region too; it is managed by the
        # primary secret's replica block.
        include=Is("PrimaryRegion", None, REGION),
        # Secrets an AWS service creates and rotates for itself (an RDS master
        # password) carry the owning service.
        is_default=Has("OwningService"),
        details=(
            # The provider reads DescribeSecret, whose KMS key ID may be spelt
            # differently from the listing's; it also has the replicas.
            Call("describe_secret", params={"SecretId": "{ARN}"}, merge_into="Secret"),
            Call("get_resource_policy", params={"SecretId": "{ARN}"}, merge_into="Policy"),
        ),
        id="{ARN}",
        arn=Arn("{ARN}", "secretsmanager", "secret"),
        name="Name",
        stateful=True,  # holds a value Terraform cannot recreate
        arguments={
            "name": "Name",
            "description": "Secret.Description",
            "kms_key_id": "Secret.KmsKeyId",
            "replica": Each("Secret.ReplicationStatus", {"region": "Region", "kms_key_id": "KmsKeyId"}),
            "tags": Tags("Secret.Tags"),
        },
        references={
            "kms_key_id": Ref("aws_kms_key", "arn"),
            "replica[*].kms_key_id": Ref("aws_kms_key", "arn"),
        },
    ),
    ResourceSpec(
        tf_type="aws_secretsmanager_secret_policy",
        service="secretsmanager",
        risk="privilege",
        # The policy is read with its secret (GetResourcePolicy, above).
        child=Child("aws_secretsmanager_secret", same_item=True),
        include=Has("Policy.ResourcePolicy"),
        id="{ARN}",  # named after its secret
        arguments={"secret_arn": "ARN", "policy": JsonDocument("Policy.ResourcePolicy")},
        references={"secret_arn": Ref("aws_secretsmanager_secret", "arn")},
        # The secret's own `policy` argument may hold it instead.
        inline_in=(InlineIn("aws_secretsmanager_secret", "secret_arn", "policy", set_in("policy")),),
    ),
    ResourceSpec(
        tf_type="aws_secretsmanager_secret_rotation",
        service="secretsmanager",
        child=Child("aws_secretsmanager_secret", same_item=True),
        include=Has("RotationEnabled"),
        id="{ARN}",  # named after its secret
        arguments={
            "secret_id": "ARN",
            "rotation_lambda_arn": "RotationLambdaARN",
            "rotation_rules": {
                # With a schedule expression AWS also reports the days it works
                # out; the provider wants only one of the two.
                "automatically_after_days": When(
                    Not(Has(f"{_RULES}.ScheduleExpression")), f"{_RULES}.AutomaticallyAfterDays"
                ),
                "schedule_expression": f"{_RULES}.ScheduleExpression",
                "duration": f"{_RULES}.Duration",
            },
        },
        references={
            "secret_id": Ref("aws_secretsmanager_secret", "id"),
            "rotation_lambda_arn": Ref("aws_lambda_function", "arn"),
        },
    ),
]
