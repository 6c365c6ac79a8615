"""AWS Config: the configuration recorder, whether it records, where it
delivers, and the rules it evaluates."""

from __future__ import annotations

from ..spec import Arn, Call, Child, Each, Has, JsonDocument, Ref, ResourceSpec, Sorted, Tags, TagsCall, When

_GROUP = "recordingGroup"

SPECS = [
    ResourceSpec(
        tf_type="aws_config_configuration_recorder",
        service="config",
        list=Call("describe_configuration_recorders", items="ConfigurationRecorders"),
        # Service-linked recorders belong to the service that made them.
        is_default=Has("servicePrincipal"),
        id="{name}",
        name="name",
        arguments={
            "name": "name",
            "role_arn": "roleARN",
            "recording_group": {
                "all_supported": f"{_GROUP}.allSupported",
                "include_global_resource_types": f"{_GROUP}.includeGlobalResourceTypes",
                "resource_types": Sorted(f"{_GROUP}.resourceTypes"),
                "exclusion_by_resource_types": When(
                    Has(f"{_GROUP}.exclusionByResourceTypes.resourceTypes"),
                    {"resource_types": Sorted(f"{_GROUP}.exclusionByResourceTypes.resourceTypes")},
                ),
                "recording_strategy": {"use_only": f"{_GROUP}.recordingStrategy.useOnly"},
            },
            "recording_mode": {
                "recording_frequency": "recordingMode.recordingFrequency",
                "recording_mode_override": Each(
                    "recordingMode.recordingModeOverrides",
                    {
                        "description": "description",
                        "recording_frequency": "recordingFrequency",
                        "resource_types": Sorted("resourceTypes"),
                    },
                ),
            },
        },
        references={"role_arn": Ref("aws_iam_role", "arn")},
    ),
    ResourceSpec(
        tf_type="aws_config_configuration_recorder_status",
        service="config",
        child=Child(
            "aws_config_configuration_recorder",
            call=Call(
                "describe_configuration_recorder_status",
                items="ConfigurationRecordersStatus",
                params={"ConfigurationRecorderNames": ["{parent.name}"]},
            ),
        ),
        id="{name}",  # named after its recorder
        arguments={"name": "name", "is_enabled": "recording"},
        references={"name": Ref("aws_config_configuration_recorder", "name")},
    ),
    ResourceSpec(
        tf_type="aws_config_delivery_channel",
        service="config",
        list=Call("describe_delivery_channels", items="DeliveryChannels"),
        id="{name}",
        name="name",
        arguments={
            "name": "name",
            "s3_bucket_name": "s3BucketName",
            "s3_key_prefix": "s3KeyPrefix",
            "s3_kms_key_arn": "s3KmsKeyArn",
            "sns_topic_arn": "snsTopicARN",
            "snapshot_delivery_properties": {
                "delivery_frequency": "configSnapshotDeliveryProperties.deliveryFrequency",
            },
        },
        references={
            "s3_bucket_name": Ref("aws_s3_bucket"),
            "s3_kms_key_arn": Ref("aws_kms_key", "arn"),
            "sns_topic_arn": Ref("aws_sns_topic", "arn"),
        },
    ),
    ResourceSpec(
        tf_type="aws_config_config_rule",
        service="config",
        list=Call("describe_config_rules", items="ConfigRules"),
        # Rules a service made for itself (Security Hub's, Control Tower's) say so.
        is_default=Has("CreatedBy"),
        details=(TagsCall(ResourceArn="{ConfigRuleArn}"),),
        id="{ConfigRuleName}",
        arn=Arn("{ConfigRuleArn}", "config", "config-rule"),
        name="ConfigRuleName",
        json_arguments=("input_parameters",),
        arguments={
            "name": "ConfigRuleName",
            "description": "Description",
            "input_parameters": JsonDocument("InputParameters"),
            "maximum_execution_frequency": "MaximumExecutionFrequency",
            "scope": {
                "compliance_resource_id": "Scope.ComplianceResourceId",
                "compliance_resource_types": Sorted("Scope.ComplianceResourceTypes"),
                "tag_key": "Scope.TagKey",
                "tag_value": "Scope.TagValue",
            },
            "source": {
                "owner": "Source.Owner",
                "source_identifier": "Source.SourceIdentifier",
                "source_detail": Each(
                    "Source.SourceDetails",
                    {
                        "event_source": "EventSource",
                        "message_type": "MessageType",
                        "maximum_execution_frequency": "MaximumExecutionFrequency",
                    },
                ),
                "custom_policy_details": {
                    "policy_runtime": "Source.CustomPolicyDetails.PolicyRuntime",
                    "policy_text": "Source.CustomPolicyDetails.PolicyText",
                    "enable_debug_log_delivery": "Source.CustomPolicyDetails.EnableDebugLogDelivery",
                },
            },
            "evaluation_mode": Each("EvaluationModes", {"mode": "Mode"}),
            "tags": Tags(),
        },
        # A custom rule names its Lambda function; a managed one, its identifier.
        references={"source.source_identifier": Ref({"lambda": "aws_lambda_function"}, "arn")},
    ),
]
