"""EC2 compute beside the instances: EBS volumes and their attachments, key
pairs and launch templates."""

from __future__ import annotations

import base64
import binascii

from ..spec import Call, Each, Ref, ResourceSpec, Secret, Tags, get_path, looks_secret

LIVE_VOLUME_STATES = ("creating", "available", "in-use")
# Where AMIs put the root volume, for responses that omit DeleteOnTermination.
ROOT_DEVICE_NAMES = ("/dev/sda1", "/dev/xvda")


def _managed(item, ctx):
    # Resources a service operates for itself (EKS Auto Mode, ...), as AWS marks them.
    return bool((item.get("Operator") or {}).get("Managed"))


def _made_with_instance(item, ctx):
    """A volume deleted with its instance was made by launching it (the root
    volume, a launch mapping): ``aws_instance``'s root_block_device and
    ebs_block_device describe it, so it is not a volume of its own."""
    if _managed(item, ctx):
        return True
    for attachment in item.get("Attachments") or []:
        delete_on_termination = attachment.get("DeleteOnTermination")
        if delete_on_termination is None:
            delete_on_termination = attachment.get("Device") in ROOT_DEVICE_NAMES
        if delete_on_termination:
            return True
    return False


def _attached_by_user(item, ctx):
    """A volume attached to a running instance that outlives it; the root
    device and launch mappings belong to aws_instance."""
    ebs = item.get("Ebs") or {}
    return (
        bool(ebs.get("VolumeId"))
        and item.get("DeviceName") != ctx.parent.get("RootDeviceName")
        and not ebs.get("DeleteOnTermination")
    )


def _for_types(path, types):
    # IOPS are set only on io1/io2/gp3 and throughput only on gp3; for other
    # types AWS reports a derived value the provider refuses to configure.
    return lambda item, ctx: item.get(path) if item.get("VolumeType") in types else None


def _text_bool(path):
    """A tri-state the provider types as a string ("true"/"false"/unset)."""

    def value(item, ctx):
        raw = get_path(item, path)
        return None if raw is None else ("true" if raw else "false")

    return value


def _latest_version_data(page):
    # The version's settings, merged into the template item: the provider
    # reads the latest version, and so do we.
    return [
        {**(v.get("LaunchTemplateData") or {}), "VersionDescription": v.get("VersionDescription")}
        for v in page.get("LaunchTemplateVersions") or []
    ]


def _tag_specifications(item, ctx):
    # Only tags for what the template launches; the template's own tags are `tags`.
    out = [
        {"resource_type": s.get("ResourceType"), "tags": Tags().evaluate(s, ctx)}
        for s in item.get("TagSpecifications") or []
        if s.get("ResourceType") != "launch-template"
    ]
    return out or None


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


def _default_version(item, ctx):
    # Written only when an older version is the default: otherwise it follows the latest.
    default, latest = item.get("DefaultVersionNumber"), item.get("LatestVersionNumber")
    return default if default != latest else None


def _sorted(path):
    return lambda item, ctx: sorted(get_path(item, path) or []) or None


SPECS = [
    ResourceSpec(
        tf_type="aws_ebs_volume",
        service="ec2",
        list=Call("describe_volumes", items="Volumes"),
        include=lambda item, ctx: item.get("State") in LIVE_VOLUME_STATES,
        is_default=_made_with_instance,
        id="{VolumeId}",
        arn="arn:aws:ec2:{region}:{account}:volume/{VolumeId}",
        stateful=True,
        arguments={
            "availability_zone": "AvailabilityZone",
            "size": "Size",
            "type": "VolumeType",
            "iops": _for_types("Iops", ("io1", "io2", "gp3")),
            "throughput": _for_types("Throughput", ("gp3",)),
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
        emulator_gaps="moto leaves DeleteOnTermination out of a volume's attachments",
    ),
    ResourceSpec(
        tf_type="aws_volume_attachment",
        service="ec2",
        parent="aws_instance",
        items_from="BlockDeviceMappings",
        include=_attached_by_user,
        id="{DeviceName}:{Ebs.VolumeId}:{parent.InstanceId}",
        label_from="volume_id",  # named after its volume
        label=lambda item, ctx: str(item.get("DeviceName", "")).rsplit("/", 1)[-1],
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
            "public_key": lambda item, ctx: (item.get("PublicKey") or "").strip() or None,
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
        is_default=lambda item, ctx: (
            _managed(item, ctx) or "eks:nodegroup-name" in {t.get("Key") for t in item.get("Tags") or []}
        ),
        id="{LaunchTemplateId}",
        arn="arn:aws:ec2:{region}:{account}:launch-template/{LaunchTemplateId}",
        name="LaunchTemplateName",
        arguments={
            "name": "LaunchTemplateName",
            "description": "VersionDescription",
            "default_version": _default_version,
            "image_id": "ImageId",
            "instance_type": "InstanceType",
            "key_name": "KeyName",
            "user_data": _user_data,
            "vpc_security_group_ids": _sorted("SecurityGroupIds"),
            "security_group_names": _sorted("SecurityGroups"),
            "ebs_optimized": _text_bool("EbsOptimized"),
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
                        "delete_on_termination": _text_bool("Ebs.DeleteOnTermination"),
                        "encrypted": _text_bool("Ebs.Encrypted"),
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
                    "security_groups": _sorted("Groups"),
                    "associate_public_ip_address": _text_bool("AssociatePublicIpAddress"),
                    "delete_on_termination": _text_bool("DeleteOnTermination"),
                    "network_interface_id": "NetworkInterfaceId",
                    "private_ip_address": "PrivateIpAddress",
                    "interface_type": "InterfaceType",
                    "ipv6_address_count": "Ipv6AddressCount",
                },
            ),
            "tag_specifications": _tag_specifications,
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
