"""EFS file systems, their mount targets and access points, file system and backup policies."""

from __future__ import annotations

from ..spec import (
    Arn,
    Call,
    Child,
    Each,
    Format,
    Has,
    Is,
    JsonDocument,
    Not,
    Or,
    Ref,
    ResourceSpec,
    Sorted,
    Tag,
    Tags,
    When,
)

LIVE = Not(Is("LifeCycleState", "deleting", "deleted"))


SPECS = [
    ResourceSpec(
        tf_type="aws_efs_file_system",
        service="efs",
        list=Call("describe_file_systems", items="FileSystems"),
        details=(Call("describe_lifecycle_configuration", params={"FileSystemId": "{FileSystemId}"}),),
        include=LIVE,
        id="{FileSystemId}",
        arn=Arn("{FileSystemArn}", "elasticfilesystem", "file-system"),
        member_identity=("creation_token",),  # unique per file system by design
        stateful=True,
        exports={"dns_name": Format("{FileSystemId}.efs.{region}.amazonaws.com")},
        arguments={
            "creation_token": "CreationToken",
            "performance_mode": "PerformanceMode",
            "throughput_mode": "ThroughputMode",
            "provisioned_throughput_in_mibps": When(
                Is("ThroughputMode", "provisioned"), "ProvisionedThroughputInMibps"
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
        child=Child(
            "aws_efs_file_system",
            call=Call("describe_mount_targets", items="MountTargets", params={"FileSystemId": "{parent.FileSystemId}"}),
        ),
        # DescribeMountTargets leaves the security groups out.
        details=(Call("describe_mount_target_security_groups", params={"MountTargetId": "{MountTargetId}"}),),
        include=LIVE,
        id="{MountTargetId}",
        label="AvailabilityZoneName",  # "shared_us_east_1a"
        # The IP addresses are left to AWS: it picks a free one in the subnet.
        arguments={
            "file_system_id": "FileSystemId",
            "subnet_id": "SubnetId",
            "security_groups": Sorted("SecurityGroups"),
        },
        references={
            "file_system_id": Ref("aws_efs_file_system"),
            "subnet_id": Ref("aws_subnet"),
            "security_groups[*]": Ref("aws_security_group"),
        },
    ),
    ResourceSpec(
        tf_type="aws_efs_access_point",
        service="efs",
        child=Child(
            "aws_efs_file_system",
            call=Call("describe_access_points", items="AccessPoints", params={"FileSystemId": "{parent.FileSystemId}"}),
        ),
        include=LIVE,
        id="{AccessPointId}",
        arn=Arn("{AccessPointArn}", "elasticfilesystem", "access-point"),
        label=Or(Tag("Name"), "AccessPointId"),
        arguments={
            "file_system_id": "FileSystemId",
            "posix_user": {
                "uid": "PosixUser.Uid",
                "gid": "PosixUser.Gid",
                "secondary_gids": Sorted("PosixUser.SecondaryGids"),
            },
            # "/" without creation info is where every access point starts: the provider's unset.
            "root_directory": When(
                Or(Not(Is("RootDirectory.Path", "/")), Has("RootDirectory.CreationInfo")),
                {
                    "path": "RootDirectory.Path",
                    "creation_info": {
                        "owner_uid": "RootDirectory.CreationInfo.OwnerUid",
                        "owner_gid": "RootDirectory.CreationInfo.OwnerGid",
                        "permissions": "RootDirectory.CreationInfo.Permissions",
                    },
                },
            ),
            "tags": Tags(),
        },
        references={"file_system_id": Ref("aws_efs_file_system")},
    ),
    ResourceSpec(
        tf_type="aws_efs_file_system_policy",
        service="efs",
        child=Child(
            "aws_efs_file_system",
            call=Call(
                "describe_file_system_policy",
                params={"FileSystemId": "{parent.FileSystemId}"},
                absent_on=("PolicyNotFound",),
            ),
        ),
        include=Has("Policy"),
        id="{FileSystemId}",
        risk="privilege",
        arguments={"file_system_id": "FileSystemId", "policy": JsonDocument("Policy")},
        references={"file_system_id": Ref("aws_efs_file_system")},
    ),
    ResourceSpec(
        tf_type="aws_efs_backup_policy",
        service="efs",
        child=Child(
            "aws_efs_file_system",
            call=Call(
                "describe_backup_policy",
                params={"FileSystemId": "{parent.FileSystemId}"},
                absent_on=("PolicyNotFound",),
            ),
        ),
        # Automatic backups off is how a file system made through the API starts.
        include=Is("BackupPolicy.Status", "ENABLED", "ENABLING"),
        id="{parent.FileSystemId}",
        arguments={"file_system_id": "parent.FileSystemId", "backup_policy": {"status": "BackupPolicy.Status"}},
        references={"file_system_id": Ref("aws_efs_file_system")},
    ),
]
