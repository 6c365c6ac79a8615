"""ECS clusters, their capacity providers, task definitions and services."""

from __future__ import annotations

from ..spec import (
    And,
    Arn,
    AsMap,
    Call,
    Child,
    Const,
    Contains,
    Each,
    Flag,
    Format,
    Has,
    Is,
    JsonDocument,
    Not,
    Or,
    Ref,
    ResourceSpec,
    Secret,
    Sorted,
    Str,
    Tags,
    When,
    looks_secret,
)


def _compact(value):
    """Drop nulls and empty lists/objects: the provider treats them as absent."""
    if isinstance(value, dict):
        out = {k: _compact(v) for k, v in value.items()}
        return {k: v for k, v in out.items() if v not in (None, [], {})}
    if isinstance(value, list):
        return [_compact(v) for v in value]
    return value


def _container_definitions(doc, ctx):
    """Environment values that look secret become sensitive variables in place.

    ``secrets`` entries name a Secrets Manager secret or SSM parameter (a
    reference, not a value), so they are kept as they are.
    """
    for container in doc:
        for variable in container.get("environment") or []:
            name = variable.get("name") or ""
            if looks_secret(name, variable.get("value")):
                variable["value"] = Secret(
                    f"environment variable {name} of container {container.get('name')} looks like a secret"
                )
    return _compact(doc)


def id_if_active(template: str, status: str = "status", *also) -> When:
    """The ID of an ACTIVE object, else unset, which leaves the object out.

    ``include`` runs before the detail calls, and the list calls here return
    bare ARNs: the status is only known after ``describe_*``.
    """
    return When(And(Is(status, "ACTIVE"), *also), Format(template))


_VOLUME = {
    "name": "name",
    "host_path": "host.sourcePath",
    "configure_at_launch": "configuredAtLaunch",
    "docker_volume_configuration": {
        "scope": "dockerVolumeConfiguration.scope",
        "autoprovision": "dockerVolumeConfiguration.autoprovision",
        "driver": "dockerVolumeConfiguration.driver",
        "driver_opts": "dockerVolumeConfiguration.driverOpts",
        "labels": "dockerVolumeConfiguration.labels",
    },
    "efs_volume_configuration": {
        "file_system_id": "efsVolumeConfiguration.fileSystemId",
        "root_directory": "efsVolumeConfiguration.rootDirectory",
        "transit_encryption": "efsVolumeConfiguration.transitEncryption",
        "transit_encryption_port": "efsVolumeConfiguration.transitEncryptionPort",
        "authorization_config": {
            "access_point_id": "efsVolumeConfiguration.authorizationConfig.accessPointId",
            "iam": "efsVolumeConfiguration.authorizationConfig.iam",
        },
    },
    "fsx_windows_file_server_volume_configuration": {
        "file_system_id": "fsxWindowsFileServerVolumeConfiguration.fileSystemId",
        "root_directory": "fsxWindowsFileServerVolumeConfiguration.rootDirectory",
        "authorization_config": {
            "credentials_parameter": "fsxWindowsFileServerVolumeConfiguration.authorizationConfig.credentialsParameter",
            "domain": "fsxWindowsFileServerVolumeConfiguration.authorizationConfig.domain",
        },
    },
}


_DEPLOYMENT = "deploymentConfiguration"
_BREAKER = f"{_DEPLOYMENT}.deploymentCircuitBreaker"
_ALARMS = f"{_DEPLOYMENT}.alarms"
_AWSVPC = "networkConfiguration.awsvpcConfiguration"
# A daemon runs one task per instance: its count and maximum are not the user's to set.
NOT_A_DAEMON = Not(Is("schedulingStrategy", "DAEMON"))

_ASG_PROVIDER = "autoScalingGroupProvider"
_MANAGED_INSTANCES = "managedInstancesProvider"
_LAUNCH = f"{_MANAGED_INSTANCES}.instanceLaunchTemplate"
_REQUIREMENTS = f"{_LAUNCH}.instanceRequirements"

_EXEC = "configuration.executeCommandConfiguration"
_EXEC_LOG = f"{_EXEC}.logConfiguration"
_STORAGE = "configuration.managedStorageConfiguration"

SPECS = [
    ResourceSpec(
        tf_type="aws_ecs_capacity_provider",
        service="ecs",
        list=Call("describe_capacity_providers", items="capacityProviders", params={"include": ["TAGS"]}),
        # FARGATE and FARGATE_SPOT are in every account, run by AWS.
        is_default=Is("name", "FARGATE", "FARGATE_SPOT"),
        id=id_if_active("{name}"),
        arn=Arn("{capacityProviderArn}", "ecs", "capacity-provider"),
        name="name",
        arguments={
            "name": "name",
            "cluster": "cluster",
            "auto_scaling_group_provider": {
                "auto_scaling_group_arn": f"{_ASG_PROVIDER}.autoScalingGroupArn",
                "managed_termination_protection": f"{_ASG_PROVIDER}.managedTerminationProtection",
                "managed_draining": f"{_ASG_PROVIDER}.managedDraining",
                "managed_scaling": {
                    "status": f"{_ASG_PROVIDER}.managedScaling.status",
                    "target_capacity": f"{_ASG_PROVIDER}.managedScaling.targetCapacity",
                    "minimum_scaling_step_size": f"{_ASG_PROVIDER}.managedScaling.minimumScalingStepSize",
                    "maximum_scaling_step_size": f"{_ASG_PROVIDER}.managedScaling.maximumScalingStepSize",
                    "instance_warmup_period": f"{_ASG_PROVIDER}.managedScaling.instanceWarmupPeriod",
                },
            },
            "managed_instances_provider": {
                "infrastructure_role_arn": f"{_MANAGED_INSTANCES}.infrastructureRoleArn",
                "propagate_tags": f"{_MANAGED_INSTANCES}.propagateTags",
                "instance_launch_template": {
                    "ec2_instance_profile_arn": f"{_LAUNCH}.ec2InstanceProfileArn",
                    "capacity_option_type": f"{_LAUNCH}.capacityOptionType",
                    "monitoring": f"{_LAUNCH}.monitoring",
                    "network_configuration": {
                        "subnets": Sorted(f"{_LAUNCH}.networkConfiguration.subnets"),
                        "security_groups": Sorted(f"{_LAUNCH}.networkConfiguration.securityGroups"),
                    },
                    "storage_configuration": {"storage_size_gib": f"{_LAUNCH}.storageConfiguration.storageSizeGiB"},
                    "instance_requirements": {
                        "vcpu_count": {
                            "min": f"{_REQUIREMENTS}.vCpuCount.min",
                            "max": f"{_REQUIREMENTS}.vCpuCount.max",
                        },
                        "memory_mib": {
                            "min": f"{_REQUIREMENTS}.memoryMiB.min",
                            "max": f"{_REQUIREMENTS}.memoryMiB.max",
                        },
                        "allowed_instance_types": Sorted(f"{_REQUIREMENTS}.allowedInstanceTypes"),
                        "excluded_instance_types": Sorted(f"{_REQUIREMENTS}.excludedInstanceTypes"),
                        "cpu_manufacturers": Sorted(f"{_REQUIREMENTS}.cpuManufacturers"),
                        "instance_generations": Sorted(f"{_REQUIREMENTS}.instanceGenerations"),
                        "burstable_performance": f"{_REQUIREMENTS}.burstablePerformance",
                        "bare_metal": f"{_REQUIREMENTS}.bareMetal",
                    },
                },
            },
            "tags": Tags("tags"),
        },
        references={
            "cluster": Ref("aws_ecs_cluster", "name"),
            "auto_scaling_group_provider.auto_scaling_group_arn": Ref("aws_autoscaling_group", "arn"),
            "managed_instances_provider.infrastructure_role_arn": Ref("aws_iam_role", "arn"),
            "managed_instances_provider.instance_launch_template.ec2_instance_profile_arn": Ref(
                "aws_iam_instance_profile", "arn"
            ),
            "managed_instances_provider.instance_launch_template.network_configuration.subnets[*]": Ref("aws_subnet"),
            "managed_instances_provider.instance_launch_template.network_configuration.security_groups[*]": Ref(
                "aws_security_group"
            ),
        },
    ),
    ResourceSpec(
        tf_type="aws_ecs_cluster",
        service="ecs",
        list=Call("list_clusters", items="clusterArns", item_key="clusterArn"),
        details=(
            Call(
                "describe_clusters",
                items="clusters",
                params={"clusters": ["{clusterArn}"], "include": ["SETTINGS", "CONFIGURATIONS", "TAGS"]},
            ),
        ),
        id=id_if_active("{clusterName}"),
        arn=Arn("{clusterArn}", "ecs", "cluster"),
        name="clusterName",
        arguments={
            "name": "clusterName",
            # containerInsights "disabled" is what a cluster has unless told otherwise.
            "setting": Each(
                "settings",
                {"name": "name", "value": "value"},
                where=Not(And(Is("name", "containerInsights"), Is("value", "disabled"))),
                sort_by="name",
            ),
            "configuration": {
                "execute_command_configuration": {
                    "kms_key_id": f"{_EXEC}.kmsKeyId",
                    "logging": f"{_EXEC}.logging",
                    "log_configuration": {
                        "cloud_watch_encryption_enabled": f"{_EXEC_LOG}.cloudWatchEncryptionEnabled",
                        "cloud_watch_log_group_name": f"{_EXEC_LOG}.cloudWatchLogGroupName",
                        "s3_bucket_name": f"{_EXEC_LOG}.s3BucketName",
                        "s3_bucket_encryption_enabled": f"{_EXEC_LOG}.s3EncryptionEnabled",
                        "s3_key_prefix": f"{_EXEC_LOG}.s3KeyPrefix",
                    },
                },
                "managed_storage_configuration": {
                    "kms_key_id": f"{_STORAGE}.kmsKeyId",
                    "fargate_ephemeral_storage_kms_key_id": f"{_STORAGE}.fargateEphemeralStorageKmsKeyId",
                },
            },
            "service_connect_defaults": {"namespace": "serviceConnectDefaults.namespace"},
            "tags": Tags("tags"),
        },
        references={
            "configuration.execute_command_configuration.kms_key_id": Ref("aws_kms_key", "arn"),
            "configuration.execute_command_configuration.log_configuration.cloud_watch_log_group_name": Ref(
                "aws_cloudwatch_log_group", "name"
            ),
            "configuration.execute_command_configuration.log_configuration.s3_bucket_name": Ref("aws_s3_bucket"),
            "configuration.managed_storage_configuration.kms_key_id": Ref("aws_kms_key", "arn"),
            "service_connect_defaults.namespace": Ref("aws_service_discovery_http_namespace", "arn"),
        },
    ),
    ResourceSpec(
        tf_type="aws_ecs_cluster_capacity_providers",
        service="ecs",
        # The cluster's own answer holds its capacity providers and default strategy.
        child=Child("aws_ecs_cluster", same_item=True),
        include=Or(Has("capacityProviders"), Has("defaultCapacityProviderStrategy")),
        id="{clusterName}",
        name_argument="cluster_name",
        arguments={
            "cluster_name": "clusterName",
            "capacity_providers": Sorted("capacityProviders"),
            "default_capacity_provider_strategy": Each(
                "defaultCapacityProviderStrategy",
                {"capacity_provider": "capacityProvider", "weight": "weight", "base": "base"},
                sort_by="capacity_provider",
            ),
        },
        references={
            "cluster_name": Ref("aws_ecs_cluster", "name"),
            # FARGATE and FARGATE_SPOT are AWS's: no resource, so they stay literal.
            "capacity_providers[*]": Ref("aws_ecs_capacity_provider", "name"),
            "default_capacity_provider_strategy[*].capacity_provider": Ref("aws_ecs_capacity_provider", "name"),
        },
    ),
    ResourceSpec(
        tf_type="aws_ecs_task_definition",
        service="ecs",
        name_argument="family",
        # One resource per family, its latest ACTIVE revision: the one a
        # Terraform resource stands for (it registers the next revision on
        # change).  Older active revisions are history, not configuration.
        list=Call("list_task_definition_families", items="families", item_key="family", params={"status": "ACTIVE"}),
        details=(Call("describe_task_definition", params={"taskDefinition": "{family}", "include": ["TAGS"]}),),
        id=id_if_active("{taskDefinition.taskDefinitionArn}", "taskDefinition.status"),
        arn=Arn("{taskDefinition.taskDefinitionArn}", "ecs", "task-definition"),
        name="family",
        arguments={
            "family": "taskDefinition.family",
            "container_definitions": JsonDocument(
                "taskDefinition.containerDefinitions", transform=_container_definitions
            ),
            "cpu": "taskDefinition.cpu",
            "memory": "taskDefinition.memory",
            "network_mode": "taskDefinition.networkMode",
            "requires_compatibilities": Sorted("taskDefinition.requiresCompatibilities"),
            "task_role_arn": "taskDefinition.taskRoleArn",
            "execution_role_arn": "taskDefinition.executionRoleArn",
            "ipc_mode": "taskDefinition.ipcMode",
            "pid_mode": "taskDefinition.pidMode",
            "enable_fault_injection": Flag("taskDefinition.enableFaultInjection"),
            "runtime_platform": {
                "cpu_architecture": "taskDefinition.runtimePlatform.cpuArchitecture",
                "operating_system_family": "taskDefinition.runtimePlatform.operatingSystemFamily",
            },
            "ephemeral_storage": {"size_in_gib": "taskDefinition.ephemeralStorage.sizeInGiB"},
            "proxy_configuration": {
                "type": "taskDefinition.proxyConfiguration.type",
                "container_name": "taskDefinition.proxyConfiguration.containerName",
                "properties": AsMap("taskDefinition.proxyConfiguration.properties", "name", "value", sort=True),
            },
            "placement_constraints": Each(
                "taskDefinition.placementConstraints", {"type": "type", "expression": "expression"}
            ),
            "volume": Each("taskDefinition.volumes", _VOLUME),
            "tags": Tags("tags"),
        },
        references={
            "task_role_arn": Ref("aws_iam_role", "arn"),
            "execution_role_arn": Ref("aws_iam_role", "arn"),
            "volume[*].efs_volume_configuration.file_system_id": Ref("aws_efs_file_system"),
            "volume[*].efs_volume_configuration.authorization_config.access_point_id": Ref("aws_efs_access_point"),
        },
    ),
    ResourceSpec(
        tf_type="aws_ecs_service",
        service="ecs",
        child=Child(
            "aws_ecs_cluster",
            call=Call(
                "list_services", items="serviceArns", item_key="serviceArn", params={"cluster": "{parent.clusterArn}"}
            ),
        ),
        details=(
            Call(
                "describe_services",
                items="services",
                params={"cluster": "{parent.clusterArn}", "services": ["{serviceArn}"], "include": ["TAGS"]},
            ),
        ),
        # Express services are run by ECS itself (aws_ecs_express_gateway_service).
        id=id_if_active("{parent.clusterName}/{serviceName}", "status", Not(Is("resourceManagementType", "ECS"))),
        arn=Arn("{serviceArn}", "ecs", "service"),
        name="serviceName",
        label="serviceName",
        arguments={
            "name": "serviceName",
            "cluster": "clusterArn",
            "task_definition": "taskDefinition",
            "desired_count": When(NOT_A_DAEMON, "desiredCount"),
            "scheduling_strategy": "schedulingStrategy",
            "launch_type": "launchType",
            "platform_version": "platformVersion",
            "capacity_provider_strategy": Each(
                "capacityProviderStrategy",
                {"capacity_provider": "capacityProvider", "weight": "weight", "base": "base"},
            ),
            "deployment_maximum_percent": When(NOT_A_DAEMON, f"{_DEPLOYMENT}.maximumPercent"),
            "deployment_minimum_healthy_percent": f"{_DEPLOYMENT}.minimumHealthyPercent",
            # AWS reports the disabled breaker; the provider ignores a missing block.
            "deployment_circuit_breaker": When(
                Or(f"{_BREAKER}.enable", f"{_BREAKER}.rollback"),
                {"enable": Has(f"{_BREAKER}.enable"), "rollback": Has(f"{_BREAKER}.rollback")},
            ),
            "deployment_configuration": When(
                Not(Is(f"{_DEPLOYMENT}.strategy", None, "ROLLING")),
                {
                    "strategy": f"{_DEPLOYMENT}.strategy",
                    "bake_time_in_minutes": Str(f"{_DEPLOYMENT}.bakeTimeInMinutes"),
                },
            ),
            # AWS reports an empty, disabled alarm configuration.
            "alarms": When(
                Has(f"{_ALARMS}.alarmNames"),
                {
                    "alarm_names": Sorted(f"{_ALARMS}.alarmNames"),
                    "enable": Has(f"{_ALARMS}.enable"),
                    "rollback": Has(f"{_ALARMS}.rollback"),
                },
            ),
            "deployment_controller": {"type": "deploymentController.type"},
            "health_check_grace_period_seconds": "healthCheckGracePeriodSeconds",
            "network_configuration": When(
                Has(_AWSVPC),
                {
                    "subnets": Sorted(f"{_AWSVPC}.subnets"),
                    "security_groups": Sorted(f"{_AWSVPC}.securityGroups"),
                    "assign_public_ip": When(Is(f"{_AWSVPC}.assignPublicIp", "ENABLED"), Const(True)),
                },
            ),
            "load_balancer": Each(
                "loadBalancers",
                {
                    "target_group_arn": "targetGroupArn",
                    "elb_name": "loadBalancerName",
                    "container_name": "containerName",
                    "container_port": "containerPort",
                },
            ),
            "service_registries": Each(
                "serviceRegistries",
                {
                    "registry_arn": "registryArn",
                    "port": "port",
                    "container_name": "containerName",
                    "container_port": "containerPort",
                },
            ),
            "ordered_placement_strategy": Each("placementStrategy", {"type": "type", "field": "field"}),
            "placement_constraints": Each("placementConstraints", {"type": "type", "expression": "expression"}),
            # The service-linked role is what ECS uses unless given another.
            "iam_role": When(Not(Contains("roleArn", "/aws-service-role/")), "roleArn"),
            "enable_ecs_managed_tags": "enableECSManagedTags",
            "enable_execute_command": "enableExecuteCommand",
            "propagate_tags": "propagateTags",
            "availability_zone_rebalancing": "availabilityZoneRebalancing",
            "tags": Tags("tags"),
        },
        defaults={
            "scheduling_strategy": "REPLICA",
            "deployment_maximum_percent": 200,
            "deployment_minimum_healthy_percent": 100,
            "deployment_controller": {"type": "ECS"},
            "enable_ecs_managed_tags": False,
            "enable_execute_command": False,
            "propagate_tags": "NONE",
            "health_check_grace_period_seconds": 0,
        },
        references={
            "cluster": Ref("aws_ecs_cluster", "arn"),
            "task_definition": Ref("aws_ecs_task_definition", "arn"),
            "network_configuration.subnets[*]": Ref("aws_subnet"),
            "network_configuration.security_groups[*]": Ref("aws_security_group"),
            "load_balancer[*].target_group_arn": Ref("aws_lb_target_group", "arn"),
            "load_balancer[*].elb_name": Ref("aws_elb", "name"),
            "service_registries[*].registry_arn": Ref("aws_service_discovery_service", "arn"),
            "iam_role": Ref("aws_iam_role", "arn"),
            "alarms.alarm_names[*]": Ref("aws_cloudwatch_metric_alarm"),
        },
        # The desired count is changed at run time (autoscaling, operators,
        # deployments) and the scan may be days older than the apply: an apply
        # must never scale a live service back to the count seen at scan time.
        ignore_changes=("desired_count",),
        ignore_reason="desired_count is set at run time (autoscaling, operators); Terraform sets it only on create.",
    ),
]
