"""CloudWatch metric and composite alarms, and dashboards."""

from __future__ import annotations

from ..spec import (
    Arn,
    AsMap,
    Call,
    Each,
    Has,
    JsonDocument,
    Or,
    Ref,
    ResourceSpec,
    Sorted,
    StartsWith,
    Tags,
    TagsCall,
    When,
)

_METRIC = {
    "metric_name": "MetricStat.Metric.MetricName",
    "namespace": "MetricStat.Metric.Namespace",
    "dimensions": AsMap("MetricStat.Metric.Dimensions", "Name", "Value"),
    "period": "MetricStat.Period",
    "stat": "MetricStat.Stat",
    "unit": "MetricStat.Unit",
}

SPECS = [
    ResourceSpec(
        tf_type="aws_cloudwatch_metric_alarm",
        service="cloudwatch",
        name_argument="alarm_name",
        list=Call("describe_alarms", items="MetricAlarms", params={"AlarmTypes": ["MetricAlarm"]}),
        # Target tracking scaling policies create and own their alarms.
        is_default=Or(
            StartsWith("AlarmName", "TargetTracking-"), StartsWith("AlarmDescription", "DO NOT EDIT OR DELETE")
        ),
        member_identity=("dimensions",),  # what each alarm watches
        details=(TagsCall(ResourceARN="{AlarmArn}"),),
        id="{AlarmName}",
        arn=Arn("{AlarmArn}", "cloudwatch", "alarm"),
        name="AlarmName",
        arguments={
            "alarm_name": "AlarmName",
            "alarm_description": "AlarmDescription",
            "actions_enabled": "ActionsEnabled",
            # Action lists are sets to the provider.
            "alarm_actions": Sorted("AlarmActions"),
            "ok_actions": Sorted("OKActions"),
            "insufficient_data_actions": Sorted("InsufficientDataActions"),
            "namespace": "Namespace",
            "metric_name": "MetricName",
            "dimensions": AsMap("Dimensions", "Name", "Value"),
            "statistic": "Statistic",
            "extended_statistic": "ExtendedStatistic",
            "period": "Period",
            "unit": "Unit",
            "comparison_operator": "ComparisonOperator",
            "threshold": "Threshold",
            "threshold_metric_id": "ThresholdMetricId",
            "evaluation_periods": "EvaluationPeriods",
            "datapoints_to_alarm": "DatapointsToAlarm",
            "treat_missing_data": "TreatMissingData",
            "evaluate_low_sample_count_percentiles": "EvaluateLowSampleCountPercentile",
            "metric_query": Each(
                "Metrics",
                {
                    "id": "Id",
                    "expression": "Expression",
                    "label": "Label",
                    "return_data": "ReturnData",
                    "period": "Period",
                    "account_id": "AccountId",
                    "metric": _METRIC,
                },
            ),
            "tags": Tags(),
        },
        defaults={"actions_enabled": True, "treat_missing_data": "missing"},
        references={
            "alarm_actions[*]": Ref("aws_sns_topic", "arn"),
            "ok_actions[*]": Ref("aws_sns_topic", "arn"),
            "insufficient_data_actions[*]": Ref("aws_sns_topic", "arn"),
        },
    ),
    ResourceSpec(
        tf_type="aws_cloudwatch_composite_alarm",
        service="cloudwatch",
        name_argument="alarm_name",
        list=Call("describe_alarms", items="CompositeAlarms", params={"AlarmTypes": ["CompositeAlarm"]}),
        details=(TagsCall(ResourceARN="{AlarmArn}"),),
        id="{AlarmName}",
        # No arn=: a composite alarm's ARN has the shape of a metric alarm's,
        # which would leave an alarm ARN naming no one type.
        name="AlarmName",
        arguments={
            "alarm_name": "AlarmName",
            "alarm_description": "AlarmDescription",
            "alarm_rule": "AlarmRule",
            "actions_enabled": "ActionsEnabled",
            "alarm_actions": Sorted("AlarmActions"),
            "ok_actions": Sorted("OKActions"),
            "insufficient_data_actions": Sorted("InsufficientDataActions"),
            "actions_suppressor": When(
                Has("ActionsSuppressor"),
                {
                    "alarm": "ActionsSuppressor",
                    "extension_period": "ActionsSuppressorExtensionPeriod",
                    "wait_period": "ActionsSuppressorWaitPeriod",
                },
            ),
            "tags": Tags(),
        },
        defaults={"actions_enabled": True},
        references={
            "alarm_actions[*]": Ref("aws_sns_topic", "arn"),
            "ok_actions[*]": Ref("aws_sns_topic", "arn"),
            "insufficient_data_actions[*]": Ref("aws_sns_topic", "arn"),
            "actions_suppressor.alarm": Ref("aws_cloudwatch_metric_alarm", "arn"),
        },
    ),
    ResourceSpec(
        tf_type="aws_cloudwatch_dashboard",
        service="cloudwatch",
        name_argument="dashboard_name",
        list=Call("list_dashboards", items="DashboardEntries"),
        details=(Call("get_dashboard", params={"DashboardName": "{DashboardName}"}),),
        id="{DashboardName}",
        arn=Arn("{DashboardArn}", "cloudwatch", "dashboard"),
        name="DashboardName",
        arguments={"dashboard_name": "DashboardName", "dashboard_body": JsonDocument("DashboardBody")},
    ),
]
