"""SSM: Parameter Store parameters, the account's own documents, maintenance
windows (their targets and tasks), State Manager associations and the
account's own patch baselines.  A SecureString's value is never decrypted nor
written: it becomes a sensitive variable; so does a maintenance task's Lambda
payload or Step Functions input."""

from __future__ import annotations

from ..spec import (
    And,
    Call,
    Child,
    Const,
    Each,
    Entries,
    First,
    Format,
    Has,
    Is,
    Join,
    Not,
    Or,
    Ref,
    ResourceSpec,
    Secret,
    Sorted,
    Tags,
    TagsCall,
    TrimPrefix,
    When,
)

SECURE = Is("Type", "SecureString")
DEFAULT_KEY = "alias/aws/ssm"

_TARGETS = Each("Targets", {"key": "Key", "values": "Values"})
_TASK = "TaskInvocationParameters"
_RUN = f"{_TASK}.RunCommand"
_AUTOMATION = f"{_TASK}.Automation"
_ASSOCIATION = "AssociationDescription"


def _parameter_blocks(path: str) -> Each:
    """A document's parameters (name -> list of values) as ``parameter`` blocks."""
    return Each(Entries(path), {"name": "Key", "values": "Value"}, sort_by="name")


def _joined_parameters(item, ctx):
    """An association's parameters (name -> list of values) as the provider's map of text."""
    parameters = (item.get(_ASSOCIATION) or {}).get("Parameters") or {}
    return {name: ",".join(str(v) for v in values) for name, values in sorted(parameters.items())} or None


SPECS = [
    ResourceSpec(
        tf_type="aws_ssm_parameter",
        service="ssm",
        list=Call("describe_parameters", items="Parameters", params={"MaxResults": 50}),
        details=(
            # Ten parameters a call, as GetParameters takes.  Without
            # decryption a SecureString comes back encrypted, and is not used.
            Call(
                "get_parameters",
                params={"Names": ["{Name}"], "WithDecryption": False},
                items="Parameters",
                merge_into="Current",
                batch=10,
                batch_key="Name",
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
            # they are; a SecureString's is never read (see secret_placeholders).
            "value": When(SECURE, Const(Secret("the SecureString value is never read")), First("Current", "Value")),
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
        # The provider reads a SecureString back decrypted, and insists on one of
        # value, value_wo and insecure_value: the value is a placeholder SSM
        # would refuse (it takes no empty value), ignored, so the live value is kept.
        secret_placeholders={"value": ""},
    ),
    ResourceSpec(
        tf_type="aws_ssm_document",
        service="ssm",
        # The account's own documents; AWS's and those shared with it are not its to manage.
        list=Call(
            "list_documents", items="DocumentIdentifiers", params={"Filters": [{"Key": "Owner", "Values": ["Self"]}]}
        ),
        details=(
            Call("get_document", params={"Name": "{Name}"}, merge_into="Document"),
            Call(
                "describe_document_permission",
                params={"Name": "{Name}", "PermissionType": "Share"},
                merge_into="Shared",
            ),
        ),
        id="{Name}",
        arn=Format("arn:aws:ssm:{region}:{account}:document/{Name}"),
        name="Name",
        json_arguments=("content",),  # a JSON document's; YAML stays text
        arguments={
            "name": "Name",
            "document_type": "DocumentType",
            "document_format": "DocumentFormat",
            "target_type": "TargetType",
            "version_name": "VersionName",
            "content": "Document.Content",
            "permissions": When(
                Has("Shared.AccountIds"),
                {"type": Const("Share"), "account_ids": Join(Sorted("Shared.AccountIds"), ",")},
            ),
            "tags": Tags(),
        },
        defaults={"document_format": "JSON"},
    ),
    ResourceSpec(
        tf_type="aws_ssm_maintenance_window",
        service="ssm",
        list=Call("describe_maintenance_windows", items="WindowIdentities"),
        details=(
            Call("get_maintenance_window", params={"WindowId": "{WindowId}"}),
            TagsCall(ResourceType="MaintenanceWindow", ResourceId="{WindowId}", answer="TagList"),
        ),
        id="{WindowId}",
        arn=Format("arn:aws:ssm:{region}:{account}:maintenancewindow/{WindowId}"),
        name="Name",
        arguments={
            "name": "Name",
            "description": "Description",
            "schedule": "Schedule",
            "schedule_timezone": "ScheduleTimezone",
            "schedule_offset": "ScheduleOffset",
            "duration": "Duration",
            "cutoff": "Cutoff",
            "enabled": "Enabled",
            "allow_unassociated_targets": "AllowUnassociatedTargets",
            "start_date": "StartDate",
            "end_date": "EndDate",
            "tags": Tags(),
        },
        defaults={"enabled": True, "allow_unassociated_targets": False},
    ),
    ResourceSpec(
        tf_type="aws_ssm_maintenance_window_target",
        service="ssm",
        child=Child(
            "aws_ssm_maintenance_window",
            call=Call("describe_maintenance_window_targets", items="Targets", params={"WindowId": "{parent.WindowId}"}),
        ),
        id="{parent.WindowId}/{WindowTargetId}",
        label="Name",
        arguments={
            "window_id": "parent.WindowId",
            "name": "Name",
            "description": "Description",
            "resource_type": "ResourceType",
            "owner_information": "OwnerInformation",
            "targets": _TARGETS,
        },
        references={"window_id": Ref("aws_ssm_maintenance_window")},
    ),
    ResourceSpec(
        tf_type="aws_ssm_maintenance_window_task",
        service="ssm",
        risk="privilege",  # runs commands as its service role
        child=Child(
            "aws_ssm_maintenance_window",
            call=Call("describe_maintenance_window_tasks", items="Tasks", params={"WindowId": "{parent.WindowId}"}),
        ),
        # The listing leaves out the invocation parameters.
        details=(
            Call(
                "get_maintenance_window_task",
                params={"WindowId": "{parent.WindowId}", "WindowTaskId": "{WindowTaskId}"},
            ),
        ),
        id="{parent.WindowId}/{WindowTaskId}",
        label="Name",
        arguments={
            "window_id": "parent.WindowId",
            "name": "Name",
            "description": "Description",
            "task_type": "TaskType",
            "task_arn": "TaskArn",
            "priority": "Priority",
            "service_role_arn": "ServiceRoleArn",
            "max_concurrency": "MaxConcurrency",
            "max_errors": "MaxErrors",
            "cutoff_behavior": "CutoffBehavior",
            "targets": _TARGETS,
            "task_invocation_parameters": {
                "run_command_parameters": {
                    "comment": f"{_RUN}.Comment",
                    "document_hash": f"{_RUN}.DocumentHash",
                    "document_hash_type": f"{_RUN}.DocumentHashType",
                    "document_version": f"{_RUN}.DocumentVersion",
                    "output_s3_bucket": f"{_RUN}.OutputS3BucketName",
                    "output_s3_key_prefix": f"{_RUN}.OutputS3KeyPrefix",
                    "service_role_arn": f"{_RUN}.ServiceRoleArn",
                    "timeout_seconds": f"{_RUN}.TimeoutSeconds",
                    "notification_config": {
                        "notification_arn": f"{_RUN}.NotificationConfig.NotificationArn",
                        "notification_events": f"{_RUN}.NotificationConfig.NotificationEvents",
                        "notification_type": f"{_RUN}.NotificationConfig.NotificationType",
                    },
                    "cloudwatch_config": {
                        "cloudwatch_log_group_name": f"{_RUN}.CloudWatchOutputConfig.CloudWatchLogGroupName",
                        "cloudwatch_output_enabled": f"{_RUN}.CloudWatchOutputConfig.CloudWatchOutputEnabled",
                    },
                    "parameter": _parameter_blocks(f"{_RUN}.Parameters"),
                },
                "automation_parameters": {
                    "document_version": f"{_AUTOMATION}.DocumentVersion",
                    "parameter": _parameter_blocks(f"{_AUTOMATION}.Parameters"),
                },
                "lambda_parameters": {
                    "client_context": f"{_TASK}.Lambda.ClientContext",
                    "qualifier": f"{_TASK}.Lambda.Qualifier",
                    "payload": When(
                        Has(f"{_TASK}.Lambda.Payload"),
                        Const(Secret("a task's Lambda payload may hold secrets and is not written; supply it")),
                    ),
                },
                "step_functions_parameters": {
                    "name": f"{_TASK}.StepFunctions.Name",
                    "input": When(
                        Has(f"{_TASK}.StepFunctions.Input"),
                        Const(Secret("a task's Step Functions input may hold secrets and is not written; supply it")),
                    ),
                },
            },
        },
        references={
            "window_id": Ref("aws_ssm_maintenance_window"),
            "service_role_arn": Ref("aws_iam_role", "arn"),
            "task_invocation_parameters.run_command_parameters.service_role_arn": Ref("aws_iam_role", "arn"),
            "task_invocation_parameters.run_command_parameters.output_s3_bucket": Ref("aws_s3_bucket"),
            "task_invocation_parameters.run_command_parameters.notification_config.notification_arn": Ref(
                "aws_sns_topic", "arn"
            ),
        },
    ),
    ResourceSpec(
        tf_type="aws_ssm_association",
        service="ssm",
        list=Call("list_associations", items="Associations"),
        details=(
            Call("describe_association", params={"AssociationId": "{AssociationId}"}),
            TagsCall(ResourceType="Association", ResourceId="{AssociationId}", answer="TagList"),
        ),
        id="{AssociationId}",
        label=Or("AssociationName", "Name"),
        arguments={
            "name": "Name",
            "association_name": "AssociationName",
            "document_version": f"{_ASSOCIATION}.DocumentVersion",
            "schedule_expression": "ScheduleExpression",
            "targets": _TARGETS,
            "parameters": _joined_parameters,
            "max_concurrency": f"{_ASSOCIATION}.MaxConcurrency",
            "max_errors": f"{_ASSOCIATION}.MaxErrors",
            "compliance_severity": f"{_ASSOCIATION}.ComplianceSeverity",
            "sync_compliance": f"{_ASSOCIATION}.SyncCompliance",
            "apply_only_at_cron_interval": f"{_ASSOCIATION}.ApplyOnlyAtCronInterval",
            "calendar_names": Sorted(f"{_ASSOCIATION}.CalendarNames"),
            "automation_target_parameter_name": f"{_ASSOCIATION}.AutomationTargetParameterName",
            "output_location": {
                "s3_bucket_name": f"{_ASSOCIATION}.OutputLocation.S3Location.OutputS3BucketName",
                "s3_key_prefix": f"{_ASSOCIATION}.OutputLocation.S3Location.OutputS3KeyPrefix",
                "s3_region": f"{_ASSOCIATION}.OutputLocation.S3Location.OutputS3Region",
            },
            "tags": Tags(),
        },
        defaults={"apply_only_at_cron_interval": False},
        references={
            "name": Ref("aws_ssm_document", "name"),
            "output_location.s3_bucket_name": Ref("aws_s3_bucket"),
        },
    ),
    ResourceSpec(
        tf_type="aws_ssm_patch_baseline",
        service="ssm",
        # The account's own baselines; AWS's predefined ones are not its to manage.
        list=Call(
            "describe_patch_baselines",
            items="BaselineIdentities",
            params={"Filters": [{"Key": "OWNER", "Values": ["Self"]}]},
        ),
        details=(
            Call("get_patch_baseline", params={"BaselineId": "{BaselineId}"}),
            TagsCall(ResourceType="PatchBaseline", ResourceId="{BaselineId}", answer="TagList"),
        ),
        id="{BaselineId}",
        arn=Format("arn:aws:ssm:{region}:{account}:patchbaseline/{BaselineId}"),
        name="BaselineName",
        arguments={
            "name": "BaselineName",
            "description": "Description",
            "operating_system": "OperatingSystem",
            "approved_patches": Sorted("ApprovedPatches"),
            "approved_patches_compliance_level": "ApprovedPatchesComplianceLevel",
            "approved_patches_enable_non_security": "ApprovedPatchesEnableNonSecurity",
            "rejected_patches": Sorted("RejectedPatches"),
            "rejected_patches_action": "RejectedPatchesAction",
            "available_security_updates_compliance_status": "AvailableSecurityUpdatesComplianceStatus",
            "global_filter": Each("GlobalFilters.PatchFilters", {"key": "Key", "values": "Values"}),
            "approval_rule": Each(
                "ApprovalRules.PatchRules",
                {
                    "approve_after_days": "ApproveAfterDays",
                    "approve_until_date": "ApproveUntilDate",
                    "compliance_level": "ComplianceLevel",
                    "enable_non_security": "EnableNonSecurity",
                    "patch_filter": Each("PatchFilterGroup.PatchFilters", {"key": "Key", "values": "Values"}),
                },
            ),
            "source": Each("Sources", {"name": "Name", "products": "Products", "configuration": "Configuration"}),
            "tags": Tags(),
        },
        defaults={
            "operating_system": "WINDOWS",
            "approved_patches_compliance_level": "UNSPECIFIED",
            "approved_patches_enable_non_security": False,
            "rejected_patches_action": "ALLOW_AS_DEPENDENCY",
        },
    ),
]
