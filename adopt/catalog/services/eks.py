"""EKS clusters, their managed node groups, add-ons, Fargate profiles and access entries."""

from __future__ import annotations

from ..spec import (
    ARN_TARGET,
    Arn,
    Call,
    Child,
    Each,
    First,
    Format,
    Is,
    NameFromArn,
    Not,
    Ref,
    ResourceSpec,
    Sorted,
    Tags,
    When,
)


def _enabled_log_types(item, ctx):
    """The control-plane log types of the ``enabled`` entries (AWS lists the disabled ones too)."""
    types = [
        t
        for entry in (item.get("logging") or {}).get("clusterLogging") or []
        if entry.get("enabled")
        for t in entry.get("types") or []
    ]
    return sorted(set(types)) or None


def _cluster_child(operation: str, answer: str, key: str) -> Child:
    """A cluster's list of names (node groups, add-ons, ...), one item per name."""
    return Child(
        "aws_eks_cluster",
        call=Call(operation, items=answer, item_key=key, params={"clusterName": "{parent.name}"}),
    )


def _described(operation: str, answer: str, name_param: str, key: str) -> tuple[Call, ...]:
    """The ``describe_*`` call of one named object of a cluster, its fields merged into the item."""
    return (Call(operation, items=answer, params={"clusterName": "{parent.name}", name_param: "{" + key + "}"}),)


# Deleting or failed objects are on their way out: nothing to adopt.
_LIVE = Not(Is("status", "DELETING", "FAILED", "CREATE_FAILED", "DELETE_FAILED"))

_VPC = "resourcesVpcConfig"
_NETWORK = "kubernetesNetworkConfig"
_ENCRYPTION = "encryptionConfig"

SPECS = [
    ResourceSpec(
        tf_type="aws_eks_cluster",
        service="eks",
        list=Call("list_clusters", items="clusters", item_key="name"),
        details=(Call("describe_cluster", items="cluster", params={"name": "{name}"}),),
        id=When(_LIVE, Format("{name}")),
        arn=Arn("{arn}", "eks", "cluster"),
        name="name",
        arguments={
            "name": "name",
            "role_arn": "roleArn",
            "version": "version",
            "enabled_cluster_log_types": _enabled_log_types,
            "vpc_config": {
                "subnet_ids": Sorted(f"{_VPC}.subnetIds"),
                "security_group_ids": Sorted(f"{_VPC}.securityGroupIds"),
                "endpoint_private_access": f"{_VPC}.endpointPrivateAccess",
                "endpoint_public_access": f"{_VPC}.endpointPublicAccess",
                "public_access_cidrs": Sorted(f"{_VPC}.publicAccessCidrs"),
            },
            "kubernetes_network_config": {
                "service_ipv4_cidr": f"{_NETWORK}.serviceIpv4Cidr",
                "ip_family": f"{_NETWORK}.ipFamily",
                "elastic_load_balancing": {"enabled": f"{_NETWORK}.elasticLoadBalancing.enabled"},
            },
            "access_config": {
                "authentication_mode": "accessConfig.authenticationMode",
                "bootstrap_cluster_creator_admin_permissions": "accessConfig.bootstrapClusterCreatorAdminPermissions",
            },
            "encryption_config": When(
                First(_ENCRYPTION),
                {
                    "resources": Sorted(First(_ENCRYPTION, "resources")),
                    "provider": {"key_arn": First(_ENCRYPTION, "provider.keyArn")},
                },
            ),
            "upgrade_policy": {"support_type": "upgradePolicy.supportType"},
            "zonal_shift_config": {"enabled": "zonalShiftConfig.enabled"},
            "compute_config": {
                "enabled": "computeConfig.enabled",
                "node_pools": Sorted("computeConfig.nodePools"),
                "node_role_arn": "computeConfig.nodeRoleArn",
            },
            "storage_config": {"block_storage": {"enabled": "storageConfig.blockStorage.enabled"}},
            "remote_network_config": {
                "remote_node_networks": {"cidrs": Sorted(First("remoteNetworkConfig.remoteNodeNetworks", "cidrs"))},
                "remote_pod_networks": {"cidrs": Sorted(First("remoteNetworkConfig.remotePodNetworks", "cidrs"))},
            },
            "control_plane_scaling_config": {"tier": "controlPlaneScalingConfig.tier"},
            "deletion_protection": "deletionProtection",
            "tags": Tags("tags"),
        },
        references={
            "role_arn": Ref("aws_iam_role", "arn"),
            "vpc_config.subnet_ids[*]": Ref("aws_subnet"),
            "vpc_config.security_group_ids[*]": Ref("aws_security_group"),
            "encryption_config.provider.key_arn": Ref("aws_kms_key", "arn"),
            "compute_config.node_role_arn": Ref("aws_iam_role", "arn"),
        },
    ),
    ResourceSpec(
        tf_type="aws_eks_node_group",
        service="eks",
        child=_cluster_child("list_nodegroups", "nodegroups", "nodegroupName"),
        details=_described("describe_nodegroup", "nodegroup", "nodegroupName", "nodegroupName"),
        id=When(_LIVE, Format("{parent.name}:{nodegroupName}")),
        arn=Arn("{nodegroupArn}", "eks", "nodegroup"),
        name="nodegroupName",
        name_argument="node_group_name",
        label="nodegroupName",
        arguments={
            "cluster_name": "parent.name",
            "node_group_name": "nodegroupName",
            "node_role_arn": "nodeRole",
            "subnet_ids": Sorted("subnets"),
            "version": "version",
            "ami_type": "amiType",
            "capacity_type": "capacityType",
            "disk_size": "diskSize",
            "instance_types": "instanceTypes",
            "labels": "labels",
            "scaling_config": {
                "desired_size": "scalingConfig.desiredSize",
                "max_size": "scalingConfig.maxSize",
                "min_size": "scalingConfig.minSize",
            },
            "update_config": {
                "max_unavailable": "updateConfig.maxUnavailable",
                "max_unavailable_percentage": "updateConfig.maxUnavailablePercentage",
                "update_strategy": "updateConfig.updateStrategy",
            },
            "remote_access": {
                "ec2_ssh_key": "remoteAccess.ec2SshKey",
                "source_security_group_ids": Sorted("remoteAccess.sourceSecurityGroups"),
            },
            "launch_template": {
                "id": "launchTemplate.id",
                "version": "launchTemplate.version",
            },
            "taint": Each("taints", {"key": "key", "value": "value", "effect": "effect"}, sort_by="key"),
            "node_repair_config": {"enabled": "nodeRepairConfig.enabled"},
            "tags": Tags("tags"),
        },
        references={
            "cluster_name": Ref("aws_eks_cluster", "name"),
            "node_role_arn": Ref("aws_iam_role", "arn"),
            "subnet_ids[*]": Ref("aws_subnet"),
            "remote_access.ec2_ssh_key": Ref("aws_key_pair"),
            "remote_access.source_security_group_ids[*]": Ref("aws_security_group"),
            "launch_template.id": Ref("aws_launch_template"),
        },
        # Cluster autoscalers and operators change the desired size at run
        # time: an apply must not scale the group back to the scanned size.
        ignore_changes=("scaling_config[0].desired_size",),
        ignore_reason="scaling_config[0].desired_size is set at run time (cluster autoscaler, operators).",
    ),
    ResourceSpec(
        tf_type="aws_eks_addon",
        service="eks",
        child=_cluster_child("list_addons", "addons", "addonName"),
        details=_described("describe_addon", "addon", "addonName", "addonName"),
        id=When(_LIVE, Format("{parent.name}:{addonName}")),
        arn=Arn("{addonArn}", "eks", "addon"),
        name="addonName",
        name_argument="addon_name",
        label="addonName",
        arguments={
            "cluster_name": "parent.name",
            "addon_name": "addonName",
            "addon_version": "addonVersion",
            "service_account_role_arn": "serviceAccountRoleArn",
            "configuration_values": "configurationValues",
            "namespace_config": {"namespace": "namespaceConfig.namespace"},
            "tags": Tags("tags"),
        },
        references={
            "cluster_name": Ref("aws_eks_cluster", "name"),
            "service_account_role_arn": Ref("aws_iam_role", "arn"),
        },
    ),
    ResourceSpec(
        tf_type="aws_eks_fargate_profile",
        service="eks",
        child=_cluster_child("list_fargate_profiles", "fargateProfileNames", "fargateProfileName"),
        details=_described("describe_fargate_profile", "fargateProfile", "fargateProfileName", "fargateProfileName"),
        id=When(_LIVE, Format("{parent.name}:{fargateProfileName}")),
        arn=Arn("{fargateProfileArn}", "eks", "fargateprofile"),
        name="fargateProfileName",
        name_argument="fargate_profile_name",
        label="fargateProfileName",
        arguments={
            "cluster_name": "parent.name",
            "fargate_profile_name": "fargateProfileName",
            "pod_execution_role_arn": "podExecutionRoleArn",
            "subnet_ids": Sorted("subnets"),
            "selector": Each("selectors", {"namespace": "namespace", "labels": "labels"}, sort_by="namespace"),
            "tags": Tags("tags"),
        },
        references={
            "cluster_name": Ref("aws_eks_cluster", "name"),
            "pod_execution_role_arn": Ref("aws_iam_role", "arn"),
            "subnet_ids[*]": Ref("aws_subnet"),
        },
    ),
    ResourceSpec(
        tf_type="aws_eks_access_entry",
        service="eks",
        child=_cluster_child("list_access_entries", "accessEntries", "principalArn"),
        details=_described("describe_access_entry", "accessEntry", "principalArn", "principalArn"),
        id="{parent.name}:{principalArn}",
        arn=Arn("{accessEntryArn}", "eks", "access-entry"),
        name="principalArn",
        name_argument="principal_arn",
        label=NameFromArn("principalArn"),
        risk="privilege",  # who may reach the cluster's Kubernetes API, and as which groups
        arguments={
            "cluster_name": "parent.name",
            "principal_arn": "principalArn",
            "type": "type",
            "kubernetes_groups": Sorted("kubernetesGroups"),
            "user_name": "username",
            "tags": Tags("tags"),
        },
        defaults={"type": "STANDARD"},
        references={
            "cluster_name": Ref("aws_eks_cluster", "name"),
            "principal_arn": Ref(ARN_TARGET, "arn"),  # a role or a user
        },
    ),
]
