"""EFS file systems and their mount targets."""

from __future__ import annotations

from ..spec import Call, Each, Ref, ResourceSpec, Tags


def _live(item, ctx):
    return item.get("LifeCycleState") not in ("deleting", "deleted")


SPECS = [
    ResourceSpec(
        tf_type="aws_efs_file_system",
        service="efs",
        list=Call("describe_file_systems", items="FileSystems"),
        details=(Call("describe_lifecycle_configuration", params={"FileSystemId": "{FileSystemId}"}),),
        include=_live,
        id="{FileSystemId}",
        arn="{FileSystemArn}",
        member_identity=("creation_token",),  # unique per file system by design
        stateful=True,
        arguments={
            "creation_token": "CreationToken",
            "performance_mode": "PerformanceMode",
            "throughput_mode": "ThroughputMode",
            "provisioned_throughput_in_mibps": lambda item, ctx: (
                item.get("ProvisionedThroughputInMibps") if item.get("ThroughputMode") == "provisioned" else None
            ),
            "encrypted": "Encrypted",
            "kms_key_id": "KmsKeyId",
            "availability_zone_name": "AvailabilityZoneName",  # One Zone file systems
            "lifecycle_policy": Each(
                "LifecyclePolicies",
                {
                    "transition_to_ia": "TransitionToIA",
                    "transition_to_archive": "TransitionToArchive",
                    "transition_to_primary_storage_class": "TransitionToPrimaryStorageClass",
                },
            ),
            "protection": {"replication_overwrite": "FileSystemProtection.ReplicationOverwriteProtection"},
            "tags": Tags(),
        },
        defaults={
            "performance_mode": "generalPurpose",
            "throughput_mode": "bursting",
            "encrypted": False,
            "protection": {"replication_overwrite": "ENABLED"},
        },
        references={"kms_key_id": Ref("aws_kms_key", "arn")},
    ),
    ResourceSpec(
        tf_type="aws_efs_mount_target",
        service="efs",
        parent="aws_efs_file_system",
        list=Call(
            "describe_mount_targets",
            items="MountTargets",
            params={"FileSystemId": "{parent.FileSystemId}"},
        ),
        # DescribeMountTargets leaves the security groups out.
        details=(Call("describe_mount_target_security_groups", params={"MountTargetId": "{MountTargetId}"}),),
        include=_live,
        id="{MountTargetId}",
        label="AvailabilityZoneName",  # "shared_us_east_1a"
        # The IP addresses are left to AWS: it picks a free one in the subnet.
        arguments={
            "file_system_id": "FileSystemId",
            "subnet_id": "SubnetId",
            "security_groups": lambda item, ctx: sorted(item.get("SecurityGroups") or []) or None,
        },
        references={
            "file_system_id": Ref("aws_efs_file_system"),
            "subnet_id": Ref("aws_subnet"),
            "security_groups[*]": Ref("aws_security_group"),
        },
    ),
]
