"""Auto Scaling groups, and their scaling policies, scheduled actions and lifecycle hooks."""

from __future__ import annotations

from ..common import EKS_NODE_GROUP, as_number_text
from ..spec import (
    Arn,
    Call,
    Child,
    Each,
    EndsWith,
    First,
    Has,
    Is,
    Not,
    Or,
    Pluck,
    Ref,
    ResourceSpec,
    Sorted,
    Split,
    StartsWith,
    Tags,
    Timestamp,
    Unless,
    When,
    get_path,
)

# The role Auto Scaling makes for itself when a group names none.
DEFAULT_SERVICE_ROLE = "/aws-service-role/autoscaling.amazonaws.com/AWSServiceRoleForAutoScaling"

SUBNETS = Sorted(Split("VPCZoneIdentifier", ","))


def per_group(operation: str, items: str) -> Child:
    """A group's policies, schedules or hooks: one call per group."""
    return Child(
        "aws_autoscaling_group",
        call=Call(operation, items=items, params={"AutoScalingGroupName": "{parent.AutoScalingGroupName}"}),
    )


PREDEFINED_METRIC = {"predefined_metric_type": "PredefinedMetricType", "resource_label": "ResourceLabel"}


def predefined(path: str) -> dict:
    return {name: f"{path}.{field}" for name, field in PREDEFINED_METRIC.items()}


def _as_text(path: str):
    def value(item, ctx):
        found = get_path(item, path)
        return None if found is None else str(found)

    return value


LAUNCH_TEMPLATE_SPECIFICATION = {
    "launch_template_id": "LaunchTemplateSpecification.LaunchTemplateId",
    "version": "LaunchTemplateSpecification.Version",
}


SPECS = [
    ResourceSpec(
        tf_type="aws_autoscaling_group",
        service="autoscaling",
        list=Call("describe_auto_scaling_groups", items="AutoScalingGroups"),
        # A group being deleted is on its way out.
        include=Not(Has("Status")),
        # Groups a service runs for itself: EKS managed node groups (EKS sizes
        # and replaces them) and any group AWS gives an operator, the service
        # principal that alone may change it.
        is_default=Or(Has("Operator.Principal"), EKS_NODE_GROUP),
        id="{AutoScalingGroupName}",
        arn=Arn("{AutoScalingGroupARN}", "autoscaling", "autoScalingGroup"),
        name="AutoScalingGroupName",
        label="AutoScalingGroupName",
        tags=Tags(),
        arguments={
            "name": "AutoScalingGroupName",
            "min_size": "MinSize",
            "max_size": "MaxSize",
            "desired_capacity": "DesiredCapacity",
            "desired_capacity_type": "DesiredCapacityType",
            "vpc_zone_identifier": SUBNETS,
            # Only for groups outside a VPC: the provider takes one or the other.
            "availability_zones": When(Not(SUBNETS), Sorted("AvailabilityZones")),
            "launch_template": {
                "id": "LaunchTemplate.LaunchTemplateId",
                "version": "LaunchTemplate.Version",
            },
            "launch_configuration": "LaunchConfigurationName",
            "mixed_instances_policy": {
                "instances_distribution": {
                    "on_demand_allocation_strategy": "MixedInstancesPolicy.InstancesDistribution."
                    "OnDemandAllocationStrategy",
                    "on_demand_base_capacity": "MixedInstancesPolicy.InstancesDistribution.OnDemandBaseCapacity",
                    "on_demand_percentage_above_base_capacity": "MixedInstancesPolicy.InstancesDistribution."
                    "OnDemandPercentageAboveBaseCapacity",
                    "spot_allocation_strategy": "MixedInstancesPolicy.InstancesDistribution.SpotAllocationStrategy",
                    "spot_instance_pools": "MixedInstancesPolicy.InstancesDistribution.SpotInstancePools",
                    "spot_max_price": "MixedInstancesPolicy.InstancesDistribution.SpotMaxPrice",
                },
                "launch_template": {
                    "launch_template_specification": {
                        "launch_template_id": "MixedInstancesPolicy.LaunchTemplate.LaunchTemplateSpecification."
                        "LaunchTemplateId",
                        "version": "MixedInstancesPolicy.LaunchTemplate.LaunchTemplateSpecification.Version",
                    },
                    "override": Each(
                        "MixedInstancesPolicy.LaunchTemplate.Overrides",
                        {
                            "instance_type": "InstanceType",
                            "weighted_capacity": "WeightedCapacity",
                            "launch_template_specification": LAUNCH_TEMPLATE_SPECIFICATION,
                        },
                    ),
                },
            },
            "target_group_arns": Sorted("TargetGroupARNs"),
            "load_balancers": Sorted("LoadBalancerNames"),
            "health_check_type": "HealthCheckType",
            "health_check_grace_period": "HealthCheckGracePeriod",
            "default_cooldown": "DefaultCooldown",
            "default_instance_warmup": "DefaultInstanceWarmup",
            "termination_policies": "TerminationPolicies",  # the provider reads ["Default"] back
            "suspended_processes": Sorted(Pluck("SuspendedProcesses", "ProcessName")),
            "enabled_metrics": Sorted(Pluck("EnabledMetrics", "Metric")),
            "metrics_granularity": First("EnabledMetrics", "Granularity"),
            "protect_from_scale_in": "NewInstancesProtectedFromScaleIn",
            "capacity_rebalance": "CapacityRebalance",
            "max_instance_lifetime": "MaxInstanceLifetime",
            "placement_group": "PlacementGroup",
            "service_linked_role_arn": When(
                Not(EndsWith("ServiceLinkedRoleARN", DEFAULT_SERVICE_ROLE)), "ServiceLinkedRoleARN"
            ),
            "context": "Context",
            "instance_maintenance_policy": {
                "min_healthy_percentage": "InstanceMaintenancePolicy.MinHealthyPercentage",
                "max_healthy_percentage": "InstanceMaintenancePolicy.MaxHealthyPercentage",
            },
            "availability_zone_distribution": {
                "capacity_distribution_strategy": "AvailabilityZoneDistribution.CapacityDistributionStrategy",
            },
            # Left out, the provider would delete a warm pool.
            "warm_pool": {
                "min_size": "WarmPoolConfiguration.MinSize",
                "max_group_prepared_capacity": "WarmPoolConfiguration.MaxGroupPreparedCapacity",
                "pool_state": "WarmPoolConfiguration.PoolState",
                "instance_reuse_policy": {
                    "reuse_on_scale_in": "WarmPoolConfiguration.InstanceReusePolicy.ReuseOnScaleIn",
                },
            },
            "tag": Each(
                "Tags",
                {"key": "Key", "value": "Value", "propagate_at_launch": Has("PropagateAtLaunch")},
                where=Not(StartsWith("Key", "aws:")),
                sort_by="key",
            ),
        },
        defaults={
            "health_check_type": "EC2",
            "health_check_grace_period": 300,
            "default_cooldown": 300,
            "metrics_granularity": "1Minute",
            "protect_from_scale_in": False,
            "capacity_rebalance": False,
            "max_instance_lifetime": 0,
        },
        references={
            "vpc_zone_identifier[*]": Ref("aws_subnet"),
            "launch_template.id": Ref("aws_launch_template"),
            "launch_configuration": Ref("aws_launch_configuration", "name"),
            "mixed_instances_policy.launch_template.launch_template_specification.launch_template_id": Ref(
                "aws_launch_template"
            ),
            "mixed_instances_policy.launch_template.override[*].launch_template_specification.launch_template_id": Ref(
                "aws_launch_template"
            ),
            "target_group_arns[*]": Ref("aws_lb_target_group", "arn"),
            "load_balancers[*]": Ref("aws_elb", "name"),
            "placement_group": Ref("aws_placement_group", "name"),
            "service_linked_role_arn": Ref("aws_iam_role", "arn"),
        },
        ignore_changes=("desired_capacity",),
        ignore_reason=(
            "desired_capacity is set at run time (scaling policies, schedules, operators); "
            "Terraform sets it only on create."
        ),
    ),
]

TARGET_TRACKING = "TargetTrackingConfiguration."
PREDICTIVE = "PredictiveScalingConfiguration."
PREDICTIVE_METRIC = PREDICTIVE + "MetricSpecifications"

SPECS += [
    ResourceSpec(
        tf_type="aws_autoscaling_policy",
        service="autoscaling",
        child=per_group("describe_policies", "ScalingPolicies"),
        id="{AutoScalingGroupName}/{PolicyName}",
        arn=Arn("{PolicyARN}", "autoscaling", "scalingPolicy"),
        name="PolicyName",
        label="PolicyName",
        arguments={
            "name": "PolicyName",
            "autoscaling_group_name": "AutoScalingGroupName",
            "policy_type": "PolicyType",
            "enabled": "Enabled",
            "adjustment_type": "AdjustmentType",
            "scaling_adjustment": "ScalingAdjustment",
            "cooldown": "Cooldown",
            "min_adjustment_magnitude": "MinAdjustmentMagnitude",
            "metric_aggregation_type": When(Is("PolicyType", "StepScaling"), "MetricAggregationType"),
            "estimated_instance_warmup": "EstimatedInstanceWarmup",
            "step_adjustment": Each(
                "StepAdjustments",
                {
                    "metric_interval_lower_bound": as_number_text("MetricIntervalLowerBound"),
                    "metric_interval_upper_bound": as_number_text("MetricIntervalUpperBound"),
                    "scaling_adjustment": "ScalingAdjustment",
                },
            ),
            "target_tracking_configuration": {
                "target_value": TARGET_TRACKING + "TargetValue",
                "disable_scale_in": Unless(TARGET_TRACKING + "DisableScaleIn", False),
                "predefined_metric_specification": predefined(TARGET_TRACKING + "PredefinedMetricSpecification"),
                "customized_metric_specification": {
                    "metric_name": TARGET_TRACKING + "CustomizedMetricSpecification.MetricName",
                    "namespace": TARGET_TRACKING + "CustomizedMetricSpecification.Namespace",
                    "statistic": TARGET_TRACKING + "CustomizedMetricSpecification.Statistic",
                    "unit": TARGET_TRACKING + "CustomizedMetricSpecification.Unit",
                    "period": TARGET_TRACKING + "CustomizedMetricSpecification.Period",
                    "metric_dimension": Each(
                        TARGET_TRACKING + "CustomizedMetricSpecification.Dimensions",
                        {"name": "Name", "value": "Value"},
                    ),
                },
            },
            # Predictive policies on AWS's predefined metrics (the customized
            # metric queries are not adopted yet).
            "predictive_scaling_configuration": {
                "mode": PREDICTIVE + "Mode",
                "scheduling_buffer_time": _as_text(PREDICTIVE + "SchedulingBufferTime"),
                "max_capacity_breach_behavior": PREDICTIVE + "MaxCapacityBreachBehavior",
                "max_capacity_buffer": _as_text(PREDICTIVE + "MaxCapacityBuffer"),
                "metric_specification": Each(
                    PREDICTIVE_METRIC,
                    {
                        "target_value": "TargetValue",
                        "predefined_load_metric_specification": predefined("PredefinedLoadMetricSpecification"),
                        "predefined_metric_pair_specification": predefined("PredefinedMetricPairSpecification"),
                        "predefined_scaling_metric_specification": predefined("PredefinedScalingMetricSpecification"),
                    },
                ),
            },
        },
        defaults={"policy_type": "SimpleScaling", "enabled": True},
        references={"autoscaling_group_name": Ref("aws_autoscaling_group", "name")},
    ),
    ResourceSpec(
        tf_type="aws_autoscaling_schedule",
        service="autoscaling",
        child=per_group("describe_scheduled_actions", "ScheduledUpdateGroupActions"),
        id="{AutoScalingGroupName}/{ScheduledActionName}",
        arn=Arn("{ScheduledActionARN}", "autoscaling", "scheduledUpdateGroupAction"),
        name="ScheduledActionName",
        name_argument="scheduled_action_name",
        label="ScheduledActionName",
        arguments={
            "scheduled_action_name": "ScheduledActionName",
            "autoscaling_group_name": "AutoScalingGroupName",
            "min_size": "MinSize",
            "max_size": "MaxSize",
            "desired_capacity": "DesiredCapacity",
            "recurrence": "Recurrence",
            # A recurring action's start time is its next run, which AWS moves on by itself.
            "start_time": When(Not(Has("Recurrence")), Timestamp("StartTime")),
            "end_time": Timestamp("EndTime"),
            "time_zone": "TimeZone",
        },
        references={"autoscaling_group_name": Ref("aws_autoscaling_group", "name")},
    ),
    ResourceSpec(
        tf_type="aws_autoscaling_lifecycle_hook",
        service="autoscaling",
        child=per_group("describe_lifecycle_hooks", "LifecycleHooks"),
        id="{AutoScalingGroupName}/{LifecycleHookName}",
        name="LifecycleHookName",
        label="LifecycleHookName",
        arguments={
            "name": "LifecycleHookName",
            "autoscaling_group_name": "AutoScalingGroupName",
            "lifecycle_transition": "LifecycleTransition",
            "default_result": "DefaultResult",
            "heartbeat_timeout": "HeartbeatTimeout",
            "notification_metadata": "NotificationMetadata",
            "notification_target_arn": "NotificationTargetARN",
            "role_arn": "RoleARN",
        },
        references={
            "autoscaling_group_name": Ref("aws_autoscaling_group", "name"),
            "notification_target_arn": Ref({"sns": "aws_sns_topic", "sqs": "aws_sqs_queue"}, "arn"),
            "role_arn": Ref("aws_iam_role", "arn"),
        },
    ),
]
