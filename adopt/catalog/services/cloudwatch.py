"""CloudWatch metric alarms."""

from __future__ import annotations

from ..spec import Call, Each, Ref, ResourceSpec, Tags


def _dimensions(path):
    def value(item, ctx):
        return {d["Name"]: d["Value"] for d in item.get(path) or []} or None

    return value


def _sorted(path):
    # Action lists are sets to the provider.
    return lambda item, ctx: sorted(item.get(path) or []) or None


def _made_by_aws(item, ctx):
    # Target tracking scaling policies create and own their alarms.
    return item["AlarmName"].startswith("TargetTracking-") or str(item.get("AlarmDescription", "")).startswith(
        "DO NOT EDIT OR DELETE"
    )


_METRIC = {
    "metric_name": "MetricStat.Metric.MetricName",
    "namespace": "MetricStat.Metric.Namespace",
    "dimensions": lambda item, ctx: _dimensions("Dimensions")((item.get("MetricStat") or {}).get("Metric") or {}, ctx),
    "period": "MetricStat.Period",
    "stat": "MetricStat.Stat",
    "unit": "MetricStat.Unit",
}

SPECS = [
    ResourceSpec(
        tf_type="aws_cloudwatch_metric_alarm",
        service="cloudwatch",
        list=Call("describe_alarms", items="MetricAlarms", params={"AlarmTypes": ["MetricAlarm"]}),
        is_default=_made_by_aws,
        member_identity=("dimensions",),  # what each alarm watches
        details=(Call("list_tags_for_resource", params={"ResourceARN": "{AlarmArn}"}),),
        id="{AlarmName}",
        arn="{AlarmArn}",
        name="AlarmName",
        arguments={
            "alarm_name": "AlarmName",
            "alarm_description": "AlarmDescription",
            "actions_enabled": "ActionsEnabled",
            "alarm_actions": _sorted("AlarmActions"),
            "ok_actions": _sorted("OKActions"),
            "insufficient_data_actions": _sorted("InsufficientDataActions"),
            "namespace": "Namespace",
            "metric_name": "MetricName",
            "dimensions": _dimensions("Dimensions"),
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
        emulator_gaps="alarms made by target tracking policies",
    ),
]
