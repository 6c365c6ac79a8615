"""Auto Scaling groups."""

from __future__ import annotations

from ..common import EKS_NODE_GROUP
from ..spec import (
    Arn,
    Call,
    Each,
    EndsWith,
    First,
    Has,
    Not,
    Or,
    Pluck,
    Ref,
    ResourceSpec,
    Sorted,
    Split,
    StartsWith,
    Tags,
    When,
)

# The role Auto Scaling makes for itself when a group names none.
DEFAULT_SERVICE_ROLE = "/aws-service-role/autoscaling.amazonaws.com/AWSServiceRoleForAutoScaling"

SUBNETS = Sorted(Split("VPCZoneIdentifier", ","))

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
    ),
]
