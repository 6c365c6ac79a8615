"""Auto Scaling groups."""

from __future__ import annotations

from ..spec import Call, Each, Ref, ResourceSpec, Tags

# The role Auto Scaling makes for itself when a group names none.
DEFAULT_SERVICE_ROLE = "/aws-service-role/autoscaling.amazonaws.com/AWSServiceRoleForAutoScaling"


def _made_by_a_service(item, ctx):
    """Groups a service runs for itself: EKS managed node groups (EKS sizes and
    replaces them) and anything AWS marks as managed by an operator."""
    keys = {t.get("Key") for t in item.get("Tags") or []}
    return bool((item.get("Operator") or {}).get("Managed")) or "eks:nodegroup-name" in keys


def _subnets(item, ctx):
    return sorted(s for s in str(item.get("VPCZoneIdentifier") or "").split(",") if s) or None


def _zones(item, ctx):
    # Only for groups outside a VPC: the provider takes one or the other.
    return None if _subnets(item, ctx) else sorted(item.get("AvailabilityZones") or []) or None


def _service_role(item, ctx):
    arn = item.get("ServiceLinkedRoleARN")
    return None if not arn or arn.endswith(DEFAULT_SERVICE_ROLE) else arn


def _sorted(path, field=None):
    def value(item, ctx):
        values = [e.get(field) if field else e for e in item.get(path) or []]
        return sorted(v for v in values if v) or None

    return value


def _tag_blocks(item, ctx):
    tags = [t for t in item.get("Tags") or [] if not str(t.get("Key", "")).startswith("aws:")]
    blocks = [
        {"key": t["Key"], "value": t.get("Value", ""), "propagate_at_launch": bool(t.get("PropagateAtLaunch"))}
        for t in tags
    ]
    return sorted(blocks, key=lambda b: b["key"]) or None


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
        include=lambda item, ctx: not item.get("Status"),
        is_default=_made_by_a_service,
        id="{AutoScalingGroupName}",
        arn="{AutoScalingGroupARN}",
        name="AutoScalingGroupName",
        label="AutoScalingGroupName",
        tags=Tags(),
        arguments={
            "name": "AutoScalingGroupName",
            "min_size": "MinSize",
            "max_size": "MaxSize",
            "desired_capacity": "DesiredCapacity",
            "desired_capacity_type": "DesiredCapacityType",
            "vpc_zone_identifier": _subnets,
            "availability_zones": _zones,
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
            "target_group_arns": _sorted("TargetGroupARNs"),
            "load_balancers": _sorted("LoadBalancerNames"),
            "health_check_type": "HealthCheckType",
            "health_check_grace_period": "HealthCheckGracePeriod",
            "default_cooldown": "DefaultCooldown",
            "default_instance_warmup": "DefaultInstanceWarmup",
            "termination_policies": "TerminationPolicies",  # the provider reads ["Default"] back
            "suspended_processes": _sorted("SuspendedProcesses", "ProcessName"),
            "enabled_metrics": _sorted("EnabledMetrics", "Metric"),
            "metrics_granularity": lambda item, ctx: next(
                (m.get("Granularity") for m in item.get("EnabledMetrics") or []), None
            ),
            "protect_from_scale_in": "NewInstancesProtectedFromScaleIn",
            "capacity_rebalance": "CapacityRebalance",
            "max_instance_lifetime": "MaxInstanceLifetime",
            "placement_group": "PlacementGroup",
            "service_linked_role_arn": _service_role,
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
            "tag": _tag_blocks,
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
