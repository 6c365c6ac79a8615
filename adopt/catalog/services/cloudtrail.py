"""CloudTrail trails.  A multi-Region trail is listed in every Region; it is
adopted in its home Region only."""

from __future__ import annotations

from ..spec import REGION, Arn, Call, Each, Is, Ref, ResourceSpec, Sorted, Tags, TagsCall

_TRAIL = "Trail"

SPECS = [
    ResourceSpec(
        tf_type="aws_cloudtrail",
        service="cloudtrail",
        list=Call("list_trails", items="Trails"),
        include=Is("HomeRegion", REGION),
        details=(
            Call("get_trail", params={"Name": "{TrailARN}"}),
            Call("get_trail_status", params={"Name": "{TrailARN}"}, merge_into="Status"),
            Call("get_event_selectors", params={"TrailName": "{TrailARN}"}, merge_into="Selectors"),
            # A trail without insights answers InsightNotEnabledException.
            Call(
                "get_insight_selectors",
                params={"TrailName": "{TrailARN}"},
                merge_into="Insights",
                absent_on=("InsightNotEnabledException",),
            ),
            TagsCall("list_tags", answer="ResourceTagList[].TagsList", ResourceIdList=["{TrailARN}"]),
        ),
        id="{TrailARN}",
        arn=Arn("{TrailARN}", "cloudtrail", "trail"),
        name="Name",
        arguments={
            "name": "Name",
            "s3_bucket_name": f"{_TRAIL}.S3BucketName",
            "s3_key_prefix": f"{_TRAIL}.S3KeyPrefix",
            "sns_topic_name": f"{_TRAIL}.SnsTopicName",
            "include_global_service_events": f"{_TRAIL}.IncludeGlobalServiceEvents",
            "is_multi_region_trail": f"{_TRAIL}.IsMultiRegionTrail",
            "is_organization_trail": f"{_TRAIL}.IsOrganizationTrail",
            "enable_log_file_validation": f"{_TRAIL}.LogFileValidationEnabled",
            "enable_logging": "Status.IsLogging",
            "cloud_watch_logs_group_arn": f"{_TRAIL}.CloudWatchLogsLogGroupArn",
            "cloud_watch_logs_role_arn": f"{_TRAIL}.CloudWatchLogsRoleArn",
            "kms_key_id": f"{_TRAIL}.KmsKeyId",
            "event_selector": Each(
                "Selectors.EventSelectors",
                {
                    "read_write_type": "ReadWriteType",
                    "include_management_events": "IncludeManagementEvents",
                    "exclude_management_event_sources": Sorted("ExcludeManagementEventSources"),
                    "data_resource": Each("DataResources", {"type": "Type", "values": "Values"}),
                },
            ),
            "advanced_event_selector": Each(
                "Selectors.AdvancedEventSelectors",
                {
                    "name": "Name",
                    "field_selector": Each(
                        "FieldSelectors",
                        {
                            "field": "Field",
                            "equals": "Equals",
                            "not_equals": "NotEquals",
                            "starts_with": "StartsWith",
                            "not_starts_with": "NotStartsWith",
                            "ends_with": "EndsWith",
                            "not_ends_with": "NotEndsWith",
                        },
                        sort_by="field",
                    ),
                },
            ),
            "insight_selector": Each(
                "Insights.InsightSelectors", {"insight_type": "InsightType"}, sort_by="insight_type"
            ),
            "tags": Tags(),
        },
        defaults={
            "include_global_service_events": True,
            "is_multi_region_trail": False,
            "is_organization_trail": False,
            "enable_log_file_validation": False,
            "enable_logging": True,
        },
        references={
            "s3_bucket_name": Ref("aws_s3_bucket"),
            "sns_topic_name": Ref("aws_sns_topic", "name"),
            "kms_key_id": Ref("aws_kms_key", "arn"),
            "cloud_watch_logs_role_arn": Ref("aws_iam_role", "arn"),
            # (The log group's ARN ends in ":*" here: no target's value is
            # exactly that, so it is not declared as a reference.)
        },
    ),
]
