"""EC2 compute beside the instances: EBS volumes and their attachments, key
pairs, launch templates, placement groups, and the account's own AMIs with
their launch permissions."""

from __future__ import annotations

import base64
import binascii

from ..common import MANAGED_BY_SERVICE, RUN_BY_A_SERVICE
from ..spec import (
    And,
    Arn,
    Call,
    Child,
    Each,
    Format,
    Has,
    Is,
    Not,
    Or,
    Part,
    Path,
    Ref,
    ResourceSpec,
    Secret,
    Some,
    Sorted,
    Str,
    Tags,
    Trim,
    Unless,
    When,
    looks_secret,
)

LIVE_VOLUME_STATES = ("creating", "available", "in-use")
# Where AMIs put the root volume, for responses that omit DeleteOnTermination.
ROOT_DEVICE_NAMES = ("/dev/sda1", "/dev/xvda")

# A volume deleted with its instance was made by launching it (the root
# volume, a launch mapping): aws_instance's root_block_device and
# ebs_block_device describe it, so it is not a volume of its own.
DELETED_WITH_ITS_INSTANCE = Or(
    Has("DeleteOnTermination"),
    And(Is("DeleteOnTermination", None), Is("Device", *ROOT_DEVICE_NAMES)),
)


def for_volume_types(path: str, *types: str) -> When:
    # IOPS are set only on io1/io2/gp3 and throughput only on gp3; for other
    # types AWS reports a derived value the provider refuses to configure.
    return When(Is("VolumeType", *types), path)


def _latest_version_data(page):
    # The version's settings, merged into the template item: the provider
    # reads the latest version, and so do we.
    return [
        {**(v.get("LaunchTemplateData") or {}), "VersionDescription": v.get("VersionDescription")}
        for v in page.get("LaunchTemplateVersions") or []
    ]


def _user_data(item, ctx):
    """The template's user data (base64, as the provider stores it), unless the
    script looks like it carries a secret: then it is the user's to supply."""
    raw = item.get("UserData")
    if not raw:
        return None
    try:
        script = base64.b64decode(raw).decode("utf-8", errors="replace")
    except (binascii.Error, ValueError):
        script = raw
    if looks_secret(script, script):
        return Secret("launch template user data that looks like it holds secrets (passwords, tokens, keys)")
    return raw


SPECS = [
    ResourceSpec(
        tf_type="aws_ebs_volume",
        service="ec2",
        list=Call("describe_volumes", items="Volumes"),
        include=Is("State", *LIVE_VOLUME_STATES),
        is_default=Or(MANAGED_BY_SERVICE, Some("Attachments", DELETED_WITH_ITS_INSTANCE)),
        id="{VolumeId}",
        arn="arn:aws:ec2:{region}:{account}:volume/{VolumeId}",
        stateful=True,
        arguments={
            "availability_zone": "AvailabilityZone",
            "size": "Size",
            "type": "VolumeType",
            "iops": for_volume_types("Iops", "io1", "io2", "gp3"),
            "throughput": for_volume_types("Throughput", "gp3"),
            "encrypted": "Encrypted",
            "kms_key_id": "KmsKeyId",
            "snapshot_id": "SnapshotId",
            "multi_attach_enabled": "MultiAttachEnabled",
            "outpost_arn": "OutpostArn",
            "volume_initialization_rate": "VolumeInitializationRate",
            "tags": Tags(),
        },
        defaults={"encrypted": False, "multi_attach_enabled": False},
        references={"kms_key_id": Ref("aws_kms_key", "arn"), "snapshot_id": Ref("aws_ebs_snapshot")},
    ),
    ResourceSpec(
        tf_type="aws_volume_attachment",
        service="ec2",
        child=Child("aws_instance", items="BlockDeviceMappings"),
        # A volume attached to a running instance that outlives it; the root
        # device and launch mappings belong to aws_instance.
        include=And(
            Has("Ebs.VolumeId"),
            Not(Is("DeviceName", Path("parent.RootDeviceName"))),
            Not(Has("Ebs.DeleteOnTermination")),
        ),
        id="{DeviceName}:{Ebs.VolumeId}:{parent.InstanceId}",
        label_from="volume_id",  # named after its volume
        label=Part("DeviceName", "/", -1),
        arguments={
            "device_name": "DeviceName",
            "volume_id": "Ebs.VolumeId",
            "instance_id": "parent.InstanceId",
        },
        references={"volume_id": Ref("aws_ebs_volume"), "instance_id": Ref("aws_instance")},
    ),
    ResourceSpec(
        tf_type="aws_key_pair",
        service="ec2",
        # AWS keeps the public key and returns it when asked (it is public);
        # the provider's own read never does, hence ignore_changes below.
        list=Call("describe_key_pairs", items="KeyPairs", params={"IncludePublicKey": True}),
        id="{KeyName}",
        arn="arn:aws:ec2:{region}:{account}:key-pair/{KeyName}",
        # No `name`: aws_key_pair has no `name` attribute to refer to; its id
        # is the key name, so references use Ref("aws_key_pair", "id").
        arguments={
            "key_name": "KeyName",
            "public_key": Trim("PublicKey"),
            "tags": Tags(),
        },
        ignore_changes=("public_key",),
        ignore_reason="The provider cannot read a key pair's public key back, so without this "
        "every plan after the import would replace the key pair.",
    ),
    ResourceSpec(
        tf_type="aws_launch_template",
        service="ec2",
        list=Call("describe_launch_templates", items="LaunchTemplates"),
        details=(
            Call(
                "describe_launch_template_versions",
                items=_latest_version_data,
                params={"LaunchTemplateId": "{LaunchTemplateId}", "Versions": ["$Latest"]},
            ),
        ),
        # EKS makes templates for its managed node groups; services mark others as managed.
        is_default=RUN_BY_A_SERVICE,
        id="{LaunchTemplateId}",
        arn="arn:aws:ec2:{region}:{account}:launch-template/{LaunchTemplateId}",
        name="LaunchTemplateName",
        arguments={
            "name": "LaunchTemplateName",
            "description": "VersionDescription",
            # Written only when an older version is the default: otherwise it follows the latest.
            "default_version": Unless("DefaultVersionNumber", Path("LatestVersionNumber")),
            "image_id": "ImageId",
            "instance_type": "InstanceType",
            "key_name": "KeyName",
            "user_data": _user_data,
            "vpc_security_group_ids": Sorted("SecurityGroupIds"),
            "security_group_names": Sorted("SecurityGroups"),
            "ebs_optimized": Str("EbsOptimized"),
            "disable_api_termination": "DisableApiTermination",
            "disable_api_stop": "DisableApiStop",
            "instance_initiated_shutdown_behavior": "InstanceInitiatedShutdownBehavior",
            "kernel_id": "KernelId",
            "ram_disk_id": "RamDiskId",
            "iam_instance_profile": {"name": "IamInstanceProfile.Name", "arn": "IamInstanceProfile.Arn"},
            "monitoring": {"enabled": "Monitoring.Enabled"},
            "metadata_options": {
                "http_endpoint": "MetadataOptions.HttpEndpoint",
                "http_tokens": "MetadataOptions.HttpTokens",
                "http_put_response_hop_limit": "MetadataOptions.HttpPutResponseHopLimit",
                "http_protocol_ipv6": "MetadataOptions.HttpProtocolIpv6",
                "instance_metadata_tags": "MetadataOptions.InstanceMetadataTags",
            },
            "credit_specification": {"cpu_credits": "CreditSpecification.CpuCredits"},
            "cpu_options": {
                "core_count": "CpuOptions.CoreCount",
                "threads_per_core": "CpuOptions.ThreadsPerCore",
                "amd_sev_snp": "CpuOptions.AmdSevSnp",
            },
            "hibernation_options": {"configured": "HibernationOptions.Configured"},
            "enclave_options": {"enabled": "EnclaveOptions.Enabled"},
            "maintenance_options": {"auto_recovery": "MaintenanceOptions.AutoRecovery"},
            "placement": {
                "availability_zone": "Placement.AvailabilityZone",
                "group_name": "Placement.GroupName",
                "host_id": "Placement.HostId",
                "tenancy": "Placement.Tenancy",
                "partition_number": "Placement.PartitionNumber",
            },
            "private_dns_name_options": {
                "hostname_type": "PrivateDnsNameOptions.HostnameType",
                "enable_resource_name_dns_a_record": "PrivateDnsNameOptions.EnableResourceNameDnsARecord",
                "enable_resource_name_dns_aaaa_record": "PrivateDnsNameOptions.EnableResourceNameDnsAAAARecord",
            },
            "capacity_reservation_specification": {
                "capacity_reservation_preference": "CapacityReservationSpecification.CapacityReservationPreference",
            },
            "instance_market_options": {
                "market_type": "InstanceMarketOptions.MarketType",
                "spot_options": {
                    "max_price": "InstanceMarketOptions.SpotOptions.MaxPrice",
                    "spot_instance_type": "InstanceMarketOptions.SpotOptions.SpotInstanceType",
                    "instance_interruption_behavior": "InstanceMarketOptions.SpotOptions.InstanceInterruptionBehavior",
                },
            },
            "block_device_mappings": Each(
                "BlockDeviceMappings",
                {
                    "device_name": "DeviceName",
                    "no_device": "NoDevice",
                    "virtual_name": "VirtualName",
                    "ebs": {
                        "delete_on_termination": Str("Ebs.DeleteOnTermination"),
                        "encrypted": Str("Ebs.Encrypted"),
                        "iops": "Ebs.Iops",
                        "throughput": "Ebs.Throughput",
                        "kms_key_id": "Ebs.KmsKeyId",
                        "snapshot_id": "Ebs.SnapshotId",
                        "volume_size": "Ebs.VolumeSize",
                        "volume_type": "Ebs.VolumeType",
                    },
                },
            ),
            "network_interfaces": Each(
                "NetworkInterfaces",
                {
                    "device_index": "DeviceIndex",
                    "network_card_index": "NetworkCardIndex",
                    "subnet_id": "SubnetId",
                    "description": "Description",
                    "security_groups": Sorted("Groups"),
                    "associate_public_ip_address": Str("AssociatePublicIpAddress"),
                    "delete_on_termination": Str("DeleteOnTermination"),
                    "network_interface_id": "NetworkInterfaceId",
                    "private_ip_address": "PrivateIpAddress",
                    "interface_type": "InterfaceType",
                    "ipv6_address_count": "Ipv6AddressCount",
                },
            ),
            # Only tags for what the template launches; the template's own tags are `tags`.
            "tag_specifications": Each(
                "TagSpecifications",
                {"resource_type": "ResourceType", "tags": Tags()},
                where=Not(Is("ResourceType", "launch-template")),
            ),
            "tags": Tags(),
        },
        references={
            "key_name": Ref("aws_key_pair"),
            "vpc_security_group_ids[*]": Ref("aws_security_group"),
            "iam_instance_profile.name": Ref("aws_iam_instance_profile", "name"),
            "iam_instance_profile.arn": Ref("aws_iam_instance_profile", "arn"),
            "block_device_mappings[*].ebs.kms_key_id": Ref("aws_kms_key", "arn"),
            "network_interfaces[*].subnet_id": Ref("aws_subnet"),
            "network_interfaces[*].security_groups[*]": Ref("aws_security_group"),
            "placement.group_name": Ref("aws_placement_group", "name"),
        },
    ),
]

# -- AMIs ------------------------------------------------------------------------------------

LIVE_IMAGE_STATES = ("pending", "available")
LAUNCH_PERMISSION_GRANTEE = Or("UserId", "Group", "OrganizationArn", "OrganizationalUnitArn")

SPECS += [
    ResourceSpec(
        tf_type="aws_placement_group",
        service="ec2",
        list=Call("describe_placement_groups", items="PlacementGroups"),
        include=Is("State", None, "pending", "available"),
        id="{GroupName}",
        arn=Arn("{GroupArn}", "ec2", "placement-group"),
        name="GroupName",
        arguments={
            "name": "GroupName",
            "strategy": "Strategy",
            "partition_count": When(Is("Strategy", "partition"), "PartitionCount"),
            "spread_level": When(Is("Strategy", "spread"), "SpreadLevel"),
            "tags": Tags(),
        },
    ),
    ResourceSpec(
        tf_type="aws_ami",
        service="ec2",
        # The account's own images (not the public or shared ones it may launch).
        list=Call("describe_images", items="Images", params={"Owners": ["self"]}),
        include=Is("State", *LIVE_IMAGE_STATES),
        id="{ImageId}",
        arn="arn:aws:ec2:{region}::image/{ImageId}",
        name="Name",
        # Deregistering an image cannot be undone: what launches from it breaks.
        stateful=True,
        arguments={
            "name": "Name",
            "description": "Description",
            "architecture": "Architecture",
            "virtualization_type": "VirtualizationType",
            "root_device_name": "RootDeviceName",
            "ena_support": "EnaSupport",
            "sriov_net_support": "SriovNetSupport",
            "boot_mode": "BootMode",
            "tpm_support": "TpmSupport",
            "imds_support": "ImdsSupport",
            "kernel_id": "KernelId",
            "ramdisk_id": "RamdiskId",
            "deprecation_time": "DeprecationTime",
            "ebs_block_device": Each(
                "BlockDeviceMappings",
                {
                    "device_name": "DeviceName",
                    "snapshot_id": "Ebs.SnapshotId",
                    "volume_size": "Ebs.VolumeSize",
                    "volume_type": "Ebs.VolumeType",
                    "iops": When(Is("Ebs.VolumeType", "io1", "io2", "gp3"), "Ebs.Iops"),
                    "throughput": When(Is("Ebs.VolumeType", "gp3"), "Ebs.Throughput"),
                    "encrypted": "Ebs.Encrypted",
                    "delete_on_termination": "Ebs.DeleteOnTermination",
                    "outpost_arn": "Ebs.OutpostArn",
                },
                where=Has("Ebs"),
                sort_by="device_name",
            ),
            "ephemeral_block_device": Each(
                "BlockDeviceMappings",
                {"device_name": "DeviceName", "virtual_name": "VirtualName"},
                where=Has("VirtualName"),
                sort_by="device_name",
            ),
            "tags": Tags(),
        },
        defaults={
            "architecture": "x86_64",
            "virtualization_type": "paravirtual",
            "sriov_net_support": "simple",
            "ena_support": False,
        },
        references={"ebs_block_device[*].snapshot_id": Ref("aws_ebs_snapshot")},
    ),
    ResourceSpec(
        tf_type="aws_ami_launch_permission",
        service="ec2",
        # Who else may launch the image: an account, "all" (public), an organization or unit.
        risk="privilege",
        child=Child(
            "aws_ami",
            call=Call(
                "describe_image_attribute",
                items="LaunchPermissions",
                params={"ImageId": "{parent.ImageId}", "Attribute": "launchPermission"},
            ),
        ),
        id=Format("{grantee}/{parent.ImageId}", grantee=LAUNCH_PERMISSION_GRANTEE),
        label_from="image_id",
        label=LAUNCH_PERMISSION_GRANTEE,
        arguments={
            "image_id": "parent.ImageId",
            "account_id": "UserId",
            "group": "Group",
            "organization_arn": "OrganizationArn",
            "organizational_unit_arn": "OrganizationalUnitArn",
        },
        references={"image_id": Ref("aws_ami")},
    ),
]
