"""Secrets Manager secrets and their rotation.  Secret values are never read:
the tool never calls GetSecretValue (the read-only guard refuses it too)."""

from __future__ import annotations

from ..spec import Call, Each, JsonDocument, Ref, ResourceSpec, Tags


def _rotation_rules(item, ctx):
    rules = item.get("RotationRules") or {}
    # With a schedule expression AWS also reports the days it works out;
    # the provider wants only one of the two.
    every = None if rules.get("ScheduleExpression") else rules.get("AutomaticallyAfterDays")
    return {
        "automatically_after_days": every,
        "schedule_expression": rules.get("ScheduleExpression"),
        "duration": rules.get("Duration"),
    }


SPECS = [
    ResourceSpec(
        tf_type="aws_secretsmanager_secret",
        service="secretsmanager",
        risk="privilege",
        list=Call("list_secrets", items="SecretList"),
        # A replica is listed in its own region too; it is managed by the
        # primary secret's replica block.
        include=lambda item, ctx: item.get("PrimaryRegion") in (None, ctx.region),
        # Secrets an AWS service creates and rotates for itself (an RDS master
        # password) carry the owning service.
        is_default=lambda item, ctx: bool(item.get("OwningService")),
        details=(
            # The provider reads DescribeSecret, whose KMS key ID may be spelt
            # differently from the listing's; it also has the replicas.
            Call("describe_secret", params={"SecretId": "{ARN}"}, merge_into="Secret"),
            Call("get_resource_policy", params={"SecretId": "{ARN}"}, merge_into="Policy"),
        ),
        id="{ARN}",
        arn="{ARN}",
        name="Name",
        stateful=True,  # holds a value Terraform cannot recreate
        json_arguments=("policy",),
        arguments={
            "name": "Name",
            "description": "Secret.Description",
            "kms_key_id": "Secret.KmsKeyId",
            "policy": JsonDocument("Policy.ResourcePolicy"),
            "replica": Each("Secret.ReplicationStatus", {"region": "Region", "kms_key_id": "KmsKeyId"}),
            "tags": Tags("Secret.Tags"),
        },
        references={
            "kms_key_id": Ref("aws_kms_key", "arn"),
            "replica[*].kms_key_id": Ref("aws_kms_key", "arn"),
        },
        emulator_gaps="moto has no service-owned secrets",
    ),
    ResourceSpec(
        tf_type="aws_secretsmanager_secret_rotation",
        service="secretsmanager",
        parent="aws_secretsmanager_secret",
        items_from=lambda item, ctx: [item] if item.get("RotationEnabled") else [],
        id="{ARN}",  # named after its secret
        arguments={
            "secret_id": "ARN",
            "rotation_lambda_arn": "RotationLambdaARN",
            "rotation_rules": _rotation_rules,
        },
        references={
            "secret_id": Ref("aws_secretsmanager_secret", "id"),
            "rotation_lambda_arn": Ref("aws_lambda_function", "arn"),
        },
        emulator_gaps="moto keeps no schedule expression",
    ),
]
