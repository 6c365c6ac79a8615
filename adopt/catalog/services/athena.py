"""Athena workgroups."""

from __future__ import annotations

from ..spec import Call, Ref, ResourceSpec, Tags, TagsCall

_ARN = "arn:aws:athena:{region}:{account}:workgroup/{Name}"
_CONFIG = "WorkGroup.Configuration"
_RESULTS = f"{_CONFIG}.ResultConfiguration"


def _untouched_primary(item, ctx):
    """Every account has the ``primary`` workgroup; it is the user's only once changed
    (a description, a results location, tags, enforced settings)."""
    if item.get("Name") != "primary":
        return False
    config = (item.get("WorkGroup") or {}).get("Configuration") or {}
    changed = (
        item.get("Description")
        or (item.get("WorkGroup") or {}).get("Description")
        or (config.get("ResultConfiguration") or {}).get("OutputLocation")
        or config.get("EnforceWorkGroupConfiguration")
        or config.get("PublishCloudWatchMetricsEnabled")
        or config.get("BytesScannedCutoffPerQuery")
        or config.get("RequesterPaysEnabled")
        or item.get("Tags")
    )
    return not changed


SPECS = [
    ResourceSpec(
        tf_type="aws_athena_workgroup",
        service="athena",
        list=Call("list_work_groups", items="WorkGroups"),
        details=(
            Call("get_work_group", params={"WorkGroup": "{Name}"}),
            TagsCall(ResourceARN=_ARN),
        ),
        is_default=_untouched_primary,
        id="{Name}",
        arn=_ARN,
        name="Name",
        arguments={
            "name": "Name",
            "description": "WorkGroup.Description",
            "state": "WorkGroup.State",
            "configuration": {
                "bytes_scanned_cutoff_per_query": f"{_CONFIG}.BytesScannedCutoffPerQuery",
                "enforce_workgroup_configuration": f"{_CONFIG}.EnforceWorkGroupConfiguration",
                "publish_cloudwatch_metrics_enabled": f"{_CONFIG}.PublishCloudWatchMetricsEnabled",
                "requester_pays_enabled": f"{_CONFIG}.RequesterPaysEnabled",
                "execution_role": f"{_CONFIG}.ExecutionRole",
                "engine_version": {"selected_engine_version": f"{_CONFIG}.EngineVersion.SelectedEngineVersion"},
                "result_configuration": {
                    "output_location": f"{_RESULTS}.OutputLocation",
                    "expected_bucket_owner": f"{_RESULTS}.ExpectedBucketOwner",
                    "acl_configuration": {"s3_acl_option": f"{_RESULTS}.AclConfiguration.S3AclOption"},
                    "encryption_configuration": {
                        "encryption_option": f"{_RESULTS}.EncryptionConfiguration.EncryptionOption",
                        "kms_key_arn": f"{_RESULTS}.EncryptionConfiguration.KmsKey",
                    },
                },
                "customer_content_encryption_configuration": {
                    "kms_key": f"{_CONFIG}.CustomerContentEncryptionConfiguration.KmsKey"
                },
            },
            "tags": Tags(),
        },
        defaults={"state": "ENABLED"},
        references={
            "configuration.execution_role": Ref("aws_iam_role", "arn"),
            "configuration.result_configuration.encryption_configuration.kms_key_arn": Ref("aws_kms_key", "arn"),
            "configuration.customer_content_encryption_configuration.kms_key": Ref("aws_kms_key", "arn"),
        },
    ),
]
