"""CodePipeline pipelines."""

from __future__ import annotations

from ..common import own_region
from ..spec import Arn, Call, Each, Pluck, Ref, ResourceSpec, Secret, Tags, TagsCall, looks_secret

_P = "pipeline"


def _artifact_store(store):
    key = store.get("encryptionKey") or {}
    return {
        "location": store.get("location"),
        "type": store.get("type"),
        "encryption_key": [{"id": key["id"], "type": key["type"]}] if key.get("id") else None,
    }


def _artifact_stores(item, ctx):
    """One store, or one per region for a cross-region pipeline (each names its region)."""
    pipeline = item.get(_P) or {}
    if pipeline.get("artifactStore"):
        return [_artifact_store(pipeline["artifactStore"])]
    stores = pipeline.get("artifactStores") or {}
    return [dict(_artifact_store(stores[region]), region=region) for region in sorted(stores)] or None


def _configuration(action, ctx):
    """An action's settings; a value AWS masks (a GitHub OAuth token comes
    back as ``****``) or shaped like a secret becomes a sensitive variable.
    Names alone say little here (``S3ObjectKey`` is a path)."""
    out = {}
    for key, value in sorted((action.get("configuration") or {}).items()):
        if value == "****" or looks_secret("", value):
            out[key] = Secret(f"setting {key} of pipeline action {action.get('name')} is a secret")
        else:
            out[key] = value
    return out or None


def _filter(path: str) -> dict:
    """A trigger's include/exclude patterns (of branches, file paths or tags)."""
    return {"includes": f"{path}.includes", "excludes": f"{path}.excludes"}


_RULE = {
    "name": "name",
    "rule_type_id": {
        "category": "ruleTypeId.category",
        "owner": "ruleTypeId.owner",
        "provider": "ruleTypeId.provider",
        "version": "ruleTypeId.version",
    },
    "configuration": "configuration",
    "commands": "commands",
    "input_artifacts": Pluck("inputArtifacts", "name"),
    "region": own_region,
    "role_arn": "roleArn",
    "timeout_in_minutes": "timeoutInMinutes",
}
_CONDITION = {"result": "result", "rule": Each("rules", _RULE)}

SPECS = [
    ResourceSpec(
        tf_type="aws_codepipeline",
        service="codepipeline",
        list=Call("list_pipelines", items="pipelines"),
        details=(
            Call("get_pipeline", params={"name": "{name}"}),
            TagsCall(resourceArn="{metadata.pipelineArn}"),
        ),
        id="{name}",
        arn=Arn("{metadata.pipelineArn}", "codepipeline"),
        name="name",
        arguments={
            "name": f"{_P}.name",
            "role_arn": f"{_P}.roleArn",
            "pipeline_type": f"{_P}.pipelineType",
            "execution_mode": f"{_P}.executionMode",
            "artifact_store": _artifact_stores,
            "stage": Each(
                f"{_P}.stages",
                {
                    "name": "name",
                    "action": Each(
                        "actions",
                        {
                            "name": "name",
                            "category": "actionTypeId.category",
                            "owner": "actionTypeId.owner",
                            "provider": "actionTypeId.provider",
                            "version": "actionTypeId.version",
                            "configuration": _configuration,
                            "input_artifacts": Pluck("inputArtifacts", "name"),
                            "output_artifacts": Pluck("outputArtifacts", "name"),
                            "run_order": "runOrder",
                            "role_arn": "roleArn",
                            "region": own_region,
                            "namespace": "namespace",
                            "timeout_in_minutes": "timeoutInMinutes",
                        },
                    ),
                    "before_entry": {"condition": Each("beforeEntry.conditions", _CONDITION)},
                    "on_success": {"condition": Each("onSuccess.conditions", _CONDITION)},
                    "on_failure": {
                        "result": "onFailure.result",
                        "retry_configuration": {"retry_mode": "onFailure.retryConfiguration.retryMode"},
                        "condition": Each("onFailure.conditions", _CONDITION),
                    },
                },
            ),
            "variable": Each(
                f"{_P}.variables", {"name": "name", "default_value": "defaultValue", "description": "description"}
            ),
            "trigger": Each(
                f"{_P}.triggers",
                {
                    "provider_type": "providerType",
                    "git_configuration": {
                        "source_action_name": "gitConfiguration.sourceActionName",
                        "push": Each(
                            "gitConfiguration.push",
                            {
                                "branches": _filter("branches"),
                                "file_paths": _filter("filePaths"),
                                "tags": _filter("tags"),
                            },
                        ),
                        "pull_request": Each(
                            "gitConfiguration.pullRequest",
                            {
                                "events": "events",
                                "branches": _filter("branches"),
                                "file_paths": _filter("filePaths"),
                            },
                        ),
                    },
                },
            ),
            "tags": Tags("tags"),
        },
        defaults={"pipeline_type": "V1", "execution_mode": "SUPERSEDED"},
        references={
            "role_arn": Ref("aws_iam_role", "arn"),
            "artifact_store[*].location": Ref("aws_s3_bucket"),
            "artifact_store[*].encryption_key[*].id": Ref("aws_kms_key", "arn"),
            "stage[*].action[*].role_arn": Ref("aws_iam_role", "arn"),
            "stage[*].action[*].configuration.ProjectName": Ref("aws_codebuild_project", "name"),
            "stage[*].action[*].configuration.RepositoryName": Ref("aws_codecommit_repository"),
            "stage[*].action[*].configuration.ApplicationName": Ref("aws_codedeploy_app", "name"),
            "stage[*].action[*].configuration.ClusterName": Ref("aws_ecs_cluster", "name"),
            "stage[*].action[*].configuration.FunctionName": Ref("aws_lambda_function"),
            "stage[*].action[*].configuration.S3Bucket": Ref("aws_s3_bucket"),
            "stage[*].action[*].configuration.RoleArn": Ref("aws_iam_role", "arn"),  # CloudFormation's role
        },
    ),
]
