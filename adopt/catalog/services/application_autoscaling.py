"""Application Auto Scaling: what scales besides EC2 groups (ECS services,
DynamoDB tables and indexes, Aurora replicas, Lambda concurrency...), and the
policies that scale them."""

from __future__ import annotations

from ..common import as_number_text
from ..spec import (
    Arn,
    Call,
    Child,
    Contains,
    Each,
    Not,
    Ref,
    ResourceSpec,
    Tags,
    TagsCall,
    Unless,
    When,
)

# The API lists scalable targets one service namespace at a time.
NAMESPACES = (
    "ecs",
    "elasticmapreduce",
    "ec2",
    "appstream",
    "dynamodb",
    "rds",
    "sagemaker",
    "custom-resource",
    "comprehend",
    "lambda",
    "cassandra",
    "kafka",
    "elasticache",
    "neptune",
    "workspaces",
)

TARGET_ID = "{ServiceNamespace}/{ResourceId}/{ScalableDimension}"
STEP = "StepScalingPolicyConfiguration."
TRACKING = "TargetTrackingScalingPolicyConfiguration."
PREDICTIVE = "PredictiveScalingPolicyConfiguration."


def predefined(path: str) -> dict:
    return {"predefined_metric_type": f"{path}.PredefinedMetricType", "resource_label": f"{path}.ResourceLabel"}


SPECS = [
    ResourceSpec(
        tf_type="aws_appautoscaling_target",
        service="application-autoscaling",
        list=Call(
            "describe_scalable_targets",
            items="ScalableTargets",
            over={"ServiceNamespace": NAMESPACES},
            # A namespace the endpoint does not know yet (a newer service) has nothing to list.
            absent_on=("ValidationException",),
        ),
        details=(TagsCall(ResourceARN="{ScalableTargetARN}"),),  # answers {"Tags": {...}}
        id=TARGET_ID,
        arn=Arn("{ScalableTargetARN}", "application-autoscaling", "scalable-target"),
        label="ResourceId",
        arguments={
            "service_namespace": "ServiceNamespace",
            "resource_id": "ResourceId",
            "scalable_dimension": "ScalableDimension",
            "min_capacity": "MinCapacity",
            "max_capacity": "MaxCapacity",
            # The service-linked role AWS uses when none is named.
            "role_arn": When(Not(Contains("RoleARN", "/aws-service-role/")), "RoleARN"),
            "suspended_state": {
                "dynamic_scaling_in_suspended": Unless("SuspendedState.DynamicScalingInSuspended", False),
                "dynamic_scaling_out_suspended": Unless("SuspendedState.DynamicScalingOutSuspended", False),
                "scheduled_scaling_suspended": Unless("SuspendedState.ScheduledScalingSuspended", False),
            },
            "tags": Tags(),
        },
        references={"role_arn": Ref("aws_iam_role", "arn")},
    ),
    ResourceSpec(
        tf_type="aws_appautoscaling_policy",
        service="application-autoscaling",
        child=Child(
            "aws_appautoscaling_target",
            call=Call(
                "describe_scaling_policies",
                items="ScalingPolicies",
                params={
                    "ServiceNamespace": "{parent.ServiceNamespace}",
                    "ResourceId": "{parent.ResourceId}",
                    "ScalableDimension": "{parent.ScalableDimension}",
                },
            ),
        ),
        id=TARGET_ID + "/{PolicyName}",
        arn=Arn("{PolicyARN}", "autoscaling", "scalingPolicy"),
        name="PolicyName",
        label="PolicyName",
        arguments={
            "name": "PolicyName",
            "service_namespace": "ServiceNamespace",
            "resource_id": "ResourceId",
            "scalable_dimension": "ScalableDimension",
            "policy_type": "PolicyType",
            "step_scaling_policy_configuration": {
                "adjustment_type": STEP + "AdjustmentType",
                "cooldown": STEP + "Cooldown",
                "metric_aggregation_type": STEP + "MetricAggregationType",
                "min_adjustment_magnitude": STEP + "MinAdjustmentMagnitude",
                "step_adjustment": Each(
                    STEP + "StepAdjustments",
                    {
                        "metric_interval_lower_bound": as_number_text("MetricIntervalLowerBound"),
                        "metric_interval_upper_bound": as_number_text("MetricIntervalUpperBound"),
                        "scaling_adjustment": "ScalingAdjustment",
                    },
                ),
            },
            "target_tracking_scaling_policy_configuration": {
                "target_value": TRACKING + "TargetValue",
                "disable_scale_in": Unless(TRACKING + "DisableScaleIn", False),
                "scale_in_cooldown": TRACKING + "ScaleInCooldown",
                "scale_out_cooldown": TRACKING + "ScaleOutCooldown",
                "predefined_metric_specification": predefined(TRACKING + "PredefinedMetricSpecification"),
                "customized_metric_specification": {
                    "metric_name": TRACKING + "CustomizedMetricSpecification.MetricName",
                    "namespace": TRACKING + "CustomizedMetricSpecification.Namespace",
                    "statistic": TRACKING + "CustomizedMetricSpecification.Statistic",
                    "unit": TRACKING + "CustomizedMetricSpecification.Unit",
                    "dimensions": Each(
                        TRACKING + "CustomizedMetricSpecification.Dimensions", {"name": "Name", "value": "Value"}
                    ),
                },
            },
            # Predictive policies on AWS's predefined metrics (the customized
            # metric queries are not adopted yet).
            "predictive_scaling_policy_configuration": {
                "mode": PREDICTIVE + "Mode",
                "scheduling_buffer_time": PREDICTIVE + "SchedulingBufferTime",
                "max_capacity_breach_behavior": PREDICTIVE + "MaxCapacityBreachBehavior",
                "max_capacity_buffer": PREDICTIVE + "MaxCapacityBuffer",
                "metric_specification": Each(
                    PREDICTIVE + "MetricSpecifications",
                    {
                        "target_value": as_number_text("TargetValue"),  # text in the provider's schema
                        "predefined_load_metric_specification": predefined("PredefinedLoadMetricSpecification"),
                        "predefined_metric_pair_specification": predefined("PredefinedMetricPairSpecification"),
                        "predefined_scaling_metric_specification": predefined("PredefinedScalingMetricSpecification"),
                    },
                ),
            },
        },
        defaults={"policy_type": "StepScaling"},
    ),
]
