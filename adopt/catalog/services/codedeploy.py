"""CodeDeploy applications and their deployment groups."""

from __future__ import annotations

from ..spec import Call, Child, Each, Has, Pluck, Ref, ResourceSpec, Sorted, Tags, TagsCall, When

_APP_ARN = "arn:aws:codedeploy:{region}:{account}:application:{applicationName}"
_GROUP_ARN = "arn:aws:codedeploy:{region}:{account}:deploymentgroup:{applicationName}/{deploymentGroupName}"

_TAG_FILTER = {"key": "Key", "value": "Value", "type": "Type"}


def _ec2_tag_sets(item, ctx):
    """Tag sets are a list of lists of filters; the provider's blocks nest them."""
    sets = (item.get("ec2TagSet") or {}).get("ec2TagSetList") or []
    out = [
        {"ec2_tag_filter": [{"key": f.get("Key"), "value": f.get("Value"), "type": f.get("Type")} for f in filters]}
        for filters in sets
        if filters
    ]
    return out or None


_BLUE_GREEN = "blueGreenDeploymentConfiguration"
_PAIR = "loadBalancerInfo.targetGroupPairInfoList"

SPECS = [
    ResourceSpec(
        tf_type="aws_codedeploy_app",
        service="codedeploy",
        list=Call("list_applications", items="applications", item_key="applicationName"),
        details=(
            Call("get_application", items="application", params={"applicationName": "{applicationName}"}),
            TagsCall(ResourceArn=_APP_ARN),
        ),
        id="{applicationName}",
        arn=_APP_ARN,
        name="applicationName",
        arguments={
            "name": "applicationName",
            "compute_platform": "computePlatform",
            "tags": Tags(),
        },
        defaults={"compute_platform": "Server"},
    ),
    ResourceSpec(
        tf_type="aws_codedeploy_deployment_group",
        service="codedeploy",
        child=Child(
            "aws_codedeploy_app",
            call=Call(
                "list_deployment_groups",
                items="deploymentGroups",
                item_key="deploymentGroupName",
                params={"applicationName": "{parent.applicationName}"},
            ),
        ),
        details=(
            Call(
                "get_deployment_group",
                items="deploymentGroupInfo",
                params={"applicationName": "{parent.applicationName}", "deploymentGroupName": "{deploymentGroupName}"},
            ),
            TagsCall(
                ResourceArn="arn:aws:codedeploy:{region}:{account}:deploymentgroup:{parent.applicationName}/{deploymentGroupName}"
            ),
        ),
        id="{parent.applicationName}:{deploymentGroupName}",
        arn=_GROUP_ARN,
        name="deploymentGroupName",
        name_argument="deployment_group_name",
        label="deploymentGroupName",
        arguments={
            "app_name": "parent.applicationName",
            "deployment_group_name": "deploymentGroupName",
            "service_role_arn": "serviceRoleArn",
            "deployment_config_name": "deploymentConfigName",
            "autoscaling_groups": Sorted(Pluck("autoScalingGroups", "name")),
            "outdated_instances_strategy": "outdatedInstancesStrategy",
            "termination_hook_enabled": "terminationHookEnabled",
            "ec2_tag_filter": Each("ec2TagFilters", _TAG_FILTER, sort_by="key"),
            "ec2_tag_set": _ec2_tag_sets,
            "on_premises_instance_tag_filter": Each("onPremisesInstanceTagFilters", _TAG_FILTER, sort_by="key"),
            "deployment_style": {
                "deployment_option": "deploymentStyle.deploymentOption",
                "deployment_type": "deploymentStyle.deploymentType",
            },
            "auto_rollback_configuration": When(
                Has("autoRollbackConfiguration.enabled"),
                {"enabled": "autoRollbackConfiguration.enabled", "events": Sorted("autoRollbackConfiguration.events")},
            ),
            "alarm_configuration": When(
                Has("alarmConfiguration.alarms"),
                {
                    "alarms": Sorted(Pluck("alarmConfiguration.alarms", "name")),
                    "enabled": "alarmConfiguration.enabled",
                    "ignore_poll_alarm_failure": "alarmConfiguration.ignorePollAlarmFailure",
                },
            ),
            "blue_green_deployment_config": {
                "deployment_ready_option": {
                    "action_on_timeout": f"{_BLUE_GREEN}.deploymentReadyOption.actionOnTimeout",
                    "wait_time_in_minutes": f"{_BLUE_GREEN}.deploymentReadyOption.waitTimeInMinutes",
                },
                "green_fleet_provisioning_option": {
                    "action": f"{_BLUE_GREEN}.greenFleetProvisioningOption.action",
                },
                "terminate_blue_instances_on_deployment_success": {
                    "action": f"{_BLUE_GREEN}.terminateBlueInstancesOnDeploymentSuccess.action",
                    "termination_wait_time_in_minutes": f"{_BLUE_GREEN}.terminateBlueInstancesOnDeploymentSuccess.terminationWaitTimeInMinutes",
                },
            },
            "ecs_service": Each("ecsServices", {"cluster_name": "clusterName", "service_name": "serviceName"}),
            "load_balancer_info": {
                "elb_info": Each("loadBalancerInfo.elbInfoList", {"name": "name"}, sort_by="name"),
                "target_group_info": Each("loadBalancerInfo.targetGroupInfoList", {"name": "name"}, sort_by="name"),
                "target_group_pair_info": Each(
                    _PAIR,
                    {
                        "target_group": Each("targetGroups", {"name": "name"}),
                        "prod_traffic_route": {"listener_arns": Sorted("prodTrafficRoute.listenerArns")},
                        "test_traffic_route": {"listener_arns": Sorted("testTrafficRoute.listenerArns")},
                    },
                ),
            },
            "trigger_configuration": Each(
                "triggerConfigurations",
                {
                    "trigger_name": "triggerName",
                    "trigger_target_arn": "triggerTargetArn",
                    "trigger_events": Sorted("triggerEvents"),
                },
                sort_by="trigger_name",
            ),
            "tags": Tags(),
        },
        defaults={"deployment_config_name": "CodeDeployDefault.OneAtATime", "outdated_instances_strategy": "UPDATE"},
        references={
            "app_name": Ref("aws_codedeploy_app", "name"),
            "service_role_arn": Ref("aws_iam_role", "arn"),
            "autoscaling_groups[*]": Ref("aws_autoscaling_group", "name"),
            "alarm_configuration.alarms[*]": Ref("aws_cloudwatch_metric_alarm"),
            "ecs_service[*].cluster_name": Ref("aws_ecs_cluster", "name"),
            "load_balancer_info.target_group_info[*].name": Ref("aws_lb_target_group", "name"),
            "load_balancer_info.target_group_pair_info[*].target_group[*].name": Ref("aws_lb_target_group", "name"),
            "load_balancer_info.target_group_pair_info[*].prod_traffic_route.listener_arns[*]": Ref(
                "aws_lb_listener", "arn"
            ),
            "load_balancer_info.target_group_pair_info[*].test_traffic_route.listener_arns[*]": Ref(
                "aws_lb_listener", "arn"
            ),
            "load_balancer_info.elb_info[*].name": Ref("aws_elb", "name"),
            "trigger_configuration[*].trigger_target_arn": Ref("aws_sns_topic", "arn"),
        },
    ),
]
