"""AWS Backup vaults and their access policies, backup plans and their resource selections."""

from __future__ import annotations

from ..spec import (
    ARN_TARGET,
    Call,
    Child,
    Each,
    Has,
    Is,
    JsonDocument,
    Or,
    Ref,
    ResourceSpec,
    Sorted,
    StartsWith,
    Tags,
    TagsCall,
)

# Backup makes "Default" on first use and service vaults such as "aws/efs/automatic-backup-vault".
AWS_MADE_VAULT = Or(Is("BackupVaultName", "Default"), StartsWith("BackupVaultName", "aws/"))

_LIFECYCLE = {
    "cold_storage_after": "Lifecycle.MoveToColdStorageAfterDays",
    "delete_after": "Lifecycle.DeleteAfterDays",
    "opt_in_to_archive_for_supported_resources": "Lifecycle.OptInToArchiveForSupportedResources",
}


def _conditions(kind: str) -> Each:
    return Each(f"BackupSelection.Conditions.{kind}", {"key": "ConditionKey", "value": "ConditionValue"})


SPECS = [
    ResourceSpec(
        tf_type="aws_backup_vault",
        service="backup",
        list=Call("list_backup_vaults", items="BackupVaultList"),
        is_default=AWS_MADE_VAULT,
        # Logically air-gapped vaults are another type.
        include=Or(Is("VaultType", "BACKUP_VAULT"), Is("VaultType", None)),
        details=(TagsCall("list_tags", ResourceArn="{BackupVaultArn}"),),
        id="{BackupVaultName}",
        arn="arn:aws:backup:{region}:{account}:backup-vault:{BackupVaultName}",
        name="BackupVaultName",
        stateful=True,  # deleting it deletes its recovery points' home
        arguments={"name": "BackupVaultName", "kms_key_arn": "EncryptionKeyArn", "tags": Tags()},
        references={"kms_key_arn": Ref("aws_kms_key", "arn")},
    ),
    ResourceSpec(
        tf_type="aws_backup_vault_policy",
        service="backup",
        child=Child(
            "aws_backup_vault",
            call=Call(
                "get_backup_vault_access_policy",
                params={"BackupVaultName": "{parent.BackupVaultName}"},
                absent_on=("ResourceNotFoundException",),
            ),
        ),
        include=Has("Policy"),
        id="{parent.BackupVaultName}",
        risk="privilege",
        name_argument=None,
        arguments={"backup_vault_name": "parent.BackupVaultName", "policy": JsonDocument("Policy")},
        references={"backup_vault_name": Ref("aws_backup_vault", "name")},
    ),
    ResourceSpec(
        tf_type="aws_backup_plan",
        service="backup",
        list=Call("list_backup_plans", items="BackupPlansList"),
        # Plans a service runs for itself ("aws/efs/automatic-backup-plan").
        is_default=StartsWith("BackupPlanName", "aws/"),
        details=(
            Call("get_backup_plan", params={"BackupPlanId": "{BackupPlanId}"}),
            TagsCall("list_tags", ResourceArn="{BackupPlanArn}"),
        ),
        id="{BackupPlanId}",
        arn="arn:aws:backup:{region}:{account}:backup-plan:{BackupPlanId}",
        name="BackupPlanName",
        arguments={
            "name": "BackupPlanName",
            "rule": Each(
                "BackupPlan.Rules",
                {
                    "rule_name": "RuleName",
                    "target_vault_name": "TargetBackupVaultName",
                    "schedule": "ScheduleExpression",
                    "schedule_expression_timezone": "ScheduleExpressionTimezone",
                    "start_window": "StartWindowMinutes",
                    "completion_window": "CompletionWindowMinutes",
                    "enable_continuous_backup": "EnableContinuousBackup",
                    "recovery_point_tags": Tags("RecoveryPointTags"),
                    "lifecycle": _LIFECYCLE,
                    "copy_action": Each(
                        "CopyActions",
                        {"destination_vault_arn": "DestinationBackupVaultArn", "lifecycle": _LIFECYCLE},
                    ),
                },
                sort_by="rule_name",
            ),
            "advanced_backup_setting": Each(
                "BackupPlan.AdvancedBackupSettings",
                {"resource_type": "ResourceType", "backup_options": "BackupOptions"},
            ),
            "tags": Tags(),
        },
        references={
            "rule[*].target_vault_name": Ref("aws_backup_vault", "name"),
            "rule[*].copy_action[*].destination_vault_arn": Ref("aws_backup_vault", "arn"),
        },
    ),
    ResourceSpec(
        tf_type="aws_backup_selection",
        service="backup",
        child=Child(
            "aws_backup_plan",
            call=Call(
                "list_backup_selections",
                params={"BackupPlanId": "{parent.BackupPlanId}"},
                items="BackupSelectionsList",
            ),
        ),
        details=(
            Call("get_backup_selection", params={"BackupPlanId": "{BackupPlanId}", "SelectionId": "{SelectionId}"}),
        ),
        id="{BackupPlanId}|{SelectionId}",
        label="SelectionName",
        risk="privilege",  # its role is what Backup assumes to read the selected resources
        arguments={
            "name": "BackupSelection.SelectionName",
            "plan_id": "BackupPlanId",
            "iam_role_arn": "BackupSelection.IamRoleArn",
            "resources": Sorted("BackupSelection.Resources"),
            "not_resources": Sorted("BackupSelection.NotResources"),
            "selection_tag": Each(
                "BackupSelection.ListOfTags",
                {"type": "ConditionType", "key": "ConditionKey", "value": "ConditionValue"},
            ),
            "condition": {
                "string_equals": _conditions("StringEquals"),
                "string_not_equals": _conditions("StringNotEquals"),
                "string_like": _conditions("StringLike"),
                "string_not_like": _conditions("StringNotLike"),
            },
        },
        references={
            "plan_id": Ref("aws_backup_plan"),
            "iam_role_arn": Ref("aws_iam_role", "arn"),
            "resources[*]": Ref(ARN_TARGET, "arn"),
        },
    ),
]
