"""Step Functions state machines and activities."""

from __future__ import annotations

from ..spec import (
    Arn,
    Call,
    First,
    Flag,
    Is,
    JsonDocument,
    Not,
    Ref,
    ResourceSpec,
    Tags,
    TagsCall,
    When,
)

# Encryption with AWS's own key is what every state machine and activity has unless told otherwise.
_CUSTOMER_KEY = Not(Is("encryptionConfiguration.type", None, "AWS_OWNED_KEY"))
ENCRYPTION = When(
    _CUSTOMER_KEY,
    {
        "type": "encryptionConfiguration.type",
        "kms_key_id": "encryptionConfiguration.kmsKeyId",
        "kms_data_key_reuse_period_seconds": "encryptionConfiguration.kmsDataKeyReusePeriodSeconds",
    },
)

SPECS = [
    ResourceSpec(
        tf_type="aws_sfn_state_machine",
        service="stepfunctions",
        list=Call("list_state_machines", items="stateMachines"),
        details=(
            Call("describe_state_machine", params={"stateMachineArn": "{stateMachineArn}"}),
            TagsCall(resourceArn="{stateMachineArn}"),
        ),
        id="{stateMachineArn}",
        arn=Arn("{stateMachineArn}", "states", "stateMachine"),
        name="name",
        arguments={
            "name": "name",
            "type": "type",
            "role_arn": "roleArn",
            "definition": JsonDocument("definition"),
            "logging_configuration": When(
                Not(Is("loggingConfiguration.level", None, "OFF")),
                {
                    "level": "loggingConfiguration.level",
                    "include_execution_data": Flag("loggingConfiguration.includeExecutionData"),
                    "log_destination": First("loggingConfiguration.destinations", "cloudWatchLogsLogGroup.logGroupArn"),
                },
            ),
            "tracing_configuration": {"enabled": Flag("tracingConfiguration.enabled")},
            "encryption_configuration": ENCRYPTION,
            "tags": Tags("tags"),
        },
        defaults={"type": "STANDARD"},
        references={
            "role_arn": Ref("aws_iam_role", "arn"),
            "encryption_configuration.kms_key_id": Ref("aws_kms_key", "arn"),
        },
    ),
    ResourceSpec(
        tf_type="aws_sfn_activity",
        service="stepfunctions",
        list=Call("list_activities", items="activities"),
        details=(
            Call("describe_activity", params={"activityArn": "{activityArn}"}),
            TagsCall(resourceArn="{activityArn}"),
        ),
        id="{activityArn}",
        arn=Arn("{activityArn}", "states", "activity"),
        name="name",
        arguments={"name": "name", "encryption_configuration": ENCRYPTION, "tags": Tags("tags")},
        references={"encryption_configuration.kms_key_id": Ref("aws_kms_key", "arn")},
    ),
]
