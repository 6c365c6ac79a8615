"""Coverage of VPC networking (NAT gateways, Elastic IPs, network ACLs and their
rules, VPC endpoints, DHCP option sets), EC2 compute (EBS volumes and their
attachments, key pairs, launch templates) and the web tier (Auto Scaling
groups, load balancers, target groups, listeners and rules).

Each test seeds moto over HTTP, then scans, generates and plans with the real
Terraform engine (see coverage_kit); what moto does not return the way AWS
does is replayed from recordings in fixtures/network_compute/.
"""

from __future__ import annotations

import base64
import json
import re

import coverage_kit
from coverage_kit import Seeded, scan_and_check
from helpers import run_cli

from adopt.catalog import registry


def _unaligned(text: str) -> str:
    """A block without fmt's alignment of ``=`` signs, so assertions need not know it."""
    return re.sub(r"(\S) +=", r"\1 =", text)


def block(checked, tf_type: str, label: str) -> str:
    return _unaligned(checked.block(tf_type, label))


def _tags(**tags: str) -> list[dict[str, str]]:
    return [{"Key": k, "Value": v} for k, v in tags.items()]


def _spec(resource_type: str, **tags: str) -> list[dict]:
    return [{"ResourceType": resource_type, "Tags": _tags(**tags)}]


def _vpc(ec2, region, name="main", cidr="10.30.0.0/16"):
    vpc = ec2.create_vpc(CidrBlock=cidr, TagSpecifications=_spec("vpc", Name=name))["Vpc"]["VpcId"]
    subnets = []
    for index, zone in enumerate((f"{region}a", f"{region}b")):
        subnets.append(
            ec2.create_subnet(
                VpcId=vpc,
                CidrBlock=cidr.replace(".0.0/16", f".{index + 1}.0/24"),
                AvailabilityZone=zone,
                TagSpecifications=_spec("subnet", Name=f"app-{zone[-1]}"),
            )["Subnet"]["SubnetId"]
        )
    return vpc, subnets


# -- networking --------------------------------------------------------------------------------------


def seed_nat_gateway_eip_and_network_acl(moto, region: str) -> Seeded:
    """A NAT gateway with its Elastic IP, and a network ACL with two rules that one subnet uses."""
    ec2 = moto.client("ec2", region)
    vpc, (subnet_a, subnet_b) = _vpc(ec2, region)
    eip = ec2.allocate_address(Domain="vpc", TagSpecifications=_spec("elastic-ip", Name="nat-a"))["AllocationId"]
    nat = ec2.create_nat_gateway(
        SubnetId=subnet_a, AllocationId=eip, TagSpecifications=_spec("natgateway", Name="egress-a")
    )["NatGateway"]["NatGatewayId"]
    acl = ec2.create_network_acl(VpcId=vpc, TagSpecifications=_spec("network-acl", Name="app"))["NetworkAcl"][
        "NetworkAclId"
    ]
    ec2.create_network_acl_entry(
        NetworkAclId=acl,
        RuleNumber=100,
        Protocol="6",
        RuleAction="allow",
        Egress=False,
        CidrBlock="0.0.0.0/0",
        PortRange={"From": 443, "To": 443},
    )
    ec2.create_network_acl_entry(
        NetworkAclId=acl, RuleNumber=200, Protocol="-1", RuleAction="deny", Egress=True, CidrBlock="10.99.0.0/16"
    )
    # Move subnet b from the VPC's default ACL to this one.
    default_acl = ec2.describe_network_acls(Filters=[{"Name": "association.subnet-id", "Values": [subnet_b]}])
    association = next(
        a["NetworkAclAssociationId"] for a in default_acl["NetworkAcls"][0]["Associations"] if a["SubnetId"] == subnet_b
    )
    ec2.replace_network_acl_association(AssociationId=association, NetworkAclId=acl)
    rules = {f"{acl}:100:6:false", f"{acl}:200:-1:true"}
    return Seeded(
        ids={
            "aws_vpc": {vpc},
            "aws_subnet": {subnet_a, subnet_b},
            "aws_eip": {eip},
            "aws_nat_gateway": {nat},
            "aws_network_acl": {acl},
            "aws_network_acl_rule": rules,
        },
        vpc=vpc,
        subnet_a=subnet_a,
        subnet_b=subnet_b,
        eip=eip,
        nat=nat,
        acl=acl,
    )


def test_nat_gateway_eip_and_network_acl(moto, tmp_path, tf_engine, oracle_dir):
    seeded = seed_nat_gateway_eip_and_network_acl(moto, "us-east-1")
    vpc, subnet_a, subnet_b, eip, nat, acl = (
        seeded.vpc,
        seeded.subnet_a,
        seeded.subnet_b,
        seeded.eip,
        seeded.nat,
        seeded.acl,
    )

    checked = scan_and_check(
        moto,
        tmp_path,
        tf_engine,
        oracle_dir,
        expected={
            "aws_vpc": {vpc},
            "aws_subnet": {subnet_a, subnet_b},
            "aws_eip": {eip},
            "aws_nat_gateway": {nat},
            "aws_network_acl": {acl},
            # The VPC's default ACL and the rules AWS puts everywhere are not adopted.
            "aws_network_acl_rule": {f"{acl}:100:6:false", f"{acl}:200:-1:true"},
        },
        references={
            "aws_nat_gateway": {("subnet_id", "aws_subnet"), ("allocation_id", "aws_eip")},
            "aws_network_acl": {("vpc_id", "aws_vpc"), ("subnet_ids[0]", "aws_subnet")},
            "aws_network_acl_rule": {("network_acl_id", "aws_network_acl")},
        },
    )
    nat_block = block(checked, "aws_nat_gateway", "egress_a")
    assert 'subnet_id = aws_subnet.app["app_a"].id' in nat_block
    assert "allocation_id = aws_eip.nat_a.id" in nat_block
    assert "connectivity_type" not in nat_block  # "public" is the provider's default
    eip_block = block(checked, "aws_eip", "nat_a")
    assert "prevent_destroy = true" in eip_block  # a released address is gone for good
    assert "domain" not in eip_block and "network_interface" not in eip_block
    acl_block = block(checked, "aws_network_acl", "app")
    assert "vpc_id = aws_vpc.main.id" in acl_block
    assert 'subnet_ids = [aws_subnet.app["app_b"].id]' in acl_block
    # Rules are their own resources: the ACL leaves its (computed) inline rules alone.
    assert "ingress" not in acl_block and "egress" not in acl_block
    https = block(checked, "aws_network_acl_rule", "app_ingress_100")
    for line in (
        "network_acl_id = aws_network_acl.app.id",
        "rule_number = 100",
        'protocol = "6"',
        'rule_action = "allow"',
        'cidr_block = "0.0.0.0/0"',
        "from_port = 443",
        "to_port = 443",
    ):
        assert line in https
    assert "egress" not in https  # false is the default
    deny = block(checked, "aws_network_acl_rule", "app_egress_200")
    assert "egress = true" in deny and 'protocol = "-1"' in deny and "from_port" not in deny


def seed_default_network_acl_rule(moto, region: str) -> Seeded:
    """A VPC whose default network ACL got a rule by hand (adopted only with --include-defaults)."""
    ec2 = moto.client("ec2", region)
    vpc, subnets = _vpc(ec2, region)
    acls = {a["VpcId"]: a for a in ec2.describe_network_acls()["NetworkAcls"] if a["IsDefault"]}
    ec2.create_network_acl_entry(
        NetworkAclId=acls[vpc]["NetworkAclId"],
        RuleNumber=90,
        Protocol="6",
        RuleAction="deny",
        Egress=False,
        CidrBlock="198.51.100.0/24",
        PortRange={"From": 22, "To": 22},
    )
    # The default ACL (and the VPC's other defaults) is AWS's: not adopted by a plain scan.
    return Seeded(ids={"aws_vpc": {vpc}, "aws_subnet": set(subnets)}, vpc=vpc, subnets=subnets, default_acls=acls)


def test_default_network_acl_only_with_include_defaults(moto, tmp_path, tf_engine, oracle_dir):
    """The default ACL is aws_default_network_acl (the provider refuses it as
    aws_network_acl) and owns its rules and subnets, so they are written inline."""
    seeded = seed_default_network_acl_rule(moto, "us-east-1")
    ec2, vpc, subnets, acls = moto.client("ec2"), seeded.vpc, seeded.subnets, seeded.default_acls

    # Without --include-defaults nothing is adopted.
    plain = tmp_path / "plain.json"
    result = run_cli(
        "scan",
        "--endpoint-url",
        moto.endpoint,
        "--region",
        "us-east-1",
        "--output",
        str(plain),
        "--include",
        "aws_network_acl",
        "--include",
        "aws_default_network_acl",
    )
    assert result.code == 0, result.output
    assert json.loads(plain.read_text())["resources"] == []
    checked = scan_and_check(
        moto,
        tmp_path,
        tf_engine,
        oracle_dir,
        expected={
            "aws_network_acl": set(),
            "aws_default_network_acl": {a["NetworkAclId"] for a in acls.values()},
            "aws_subnet": set(subnets) | {s["SubnetId"] for s in ec2.describe_subnets()["Subnets"]},
        },
        include=("aws_network_acl", "aws_default_network_acl", "aws_subnet"),
        extra_args=("--include-defaults",),
    )
    ours = next(r for r in checked.by_type["aws_default_network_acl"] if r["id"] == acls[vpc]["NetworkAclId"])
    text = block(checked, "aws_default_network_acl", _label(checked, ours))
    assert f'default_network_acl_id = "{acls[vpc]["NetworkAclId"]}"' in text
    assert 'aws_subnet.app["app_a"].id' in text and 'aws_subnet.app["app_b"].id' in text
    assert "rule_no = 90" in text and 'cidr_block = "198.51.100.0/24"' in text
    assert "rule_no = 100" in text  # AWS's allow-all rules are the user's to keep or drop
    assert "32767" not in text


def _label(checked, resource) -> str:
    imports = (checked.module_dir / "imports.tf").read_text()
    match = re.search(rf'to = {resource["type"]}\.(\w+)\n\s*id\s*= "{re.escape(resource["import_id"])}"', imports)
    assert match, imports
    return match.group(1)


def seed_vpc_endpoints_and_dhcp_options(moto, region: str) -> Seeded:
    """A gateway and an interface endpoint, and a DHCP option set the VPC uses."""
    ec2 = moto.client("ec2", region)
    vpc, subnets = _vpc(ec2, region)
    subnet_a = subnets[0]
    table = ec2.create_route_table(VpcId=vpc, TagSpecifications=_spec("route-table", Name="private"))["RouteTable"][
        "RouteTableId"
    ]
    group = ec2.create_security_group(VpcId=vpc, GroupName="endpoints", Description="VPC endpoints")["GroupId"]
    s3 = ec2.create_vpc_endpoint(
        VpcId=vpc,
        ServiceName=f"com.amazonaws.{region}.s3",
        RouteTableIds=[table],
        TagSpecifications=_spec("vpc-endpoint", Name="s3"),
    )["VpcEndpoint"]["VpcEndpointId"]
    sqs = ec2.create_vpc_endpoint(
        VpcId=vpc,
        VpcEndpointType="Interface",
        ServiceName=f"com.amazonaws.{region}.sqs",
        SubnetIds=[subnet_a],
        SecurityGroupIds=[group],
        PrivateDnsEnabled=True,
    )["VpcEndpoint"]["VpcEndpointId"]
    options = ec2.create_dhcp_options(
        DhcpConfigurations=[
            {"Key": "domain-name", "Values": ["corp.example.com"]},
            {"Key": "domain-name-servers", "Values": ["10.30.0.2", "10.30.0.3"]},
            {"Key": "ntp-servers", "Values": ["10.30.0.5"]},
        ],
    )["DhcpOptions"]["DhcpOptionsId"]
    ec2.create_tags(Resources=[options], Tags=_tags(Name="corp"))  # moto ignores TagSpecifications here
    ec2.associate_dhcp_options(DhcpOptionsId=options, VpcId=vpc)
    return Seeded(
        ids={
            "aws_vpc": {vpc},
            "aws_subnet": set(subnets),
            "aws_route_table": {table},
            "aws_security_group": {group},
            "aws_vpc_endpoint": {s3, sqs},
            "aws_vpc_dhcp_options": {options},
            "aws_vpc_dhcp_options_association": {vpc},
        },
        vpc=vpc,
        subnets=subnets,
        table=table,
        group=group,
        s3=s3,
        sqs=sqs,
        options=options,
    )


def test_vpc_endpoints_and_dhcp_options(moto, tmp_path, tf_engine, oracle_dir):
    seeded = seed_vpc_endpoints_and_dhcp_options(moto, "us-east-1")
    vpc, subnets, table, group, s3, sqs, options = (
        seeded.vpc,
        seeded.subnets,
        seeded.table,
        seeded.group,
        seeded.s3,
        seeded.sqs,
        seeded.options,
    )

    checked = scan_and_check(
        moto,
        tmp_path,
        tf_engine,
        oracle_dir,
        expected={
            "aws_vpc": {vpc},
            "aws_subnet": set(subnets),
            "aws_route_table": {table},
            "aws_security_group": {group},
            "aws_vpc_endpoint": {s3, sqs},
            "aws_vpc_dhcp_options": {options},
            "aws_vpc_dhcp_options_association": {vpc},
        },
        include=(
            "aws_vpc",
            "aws_subnet",
            "aws_route_table",
            "aws_security_group",
            "aws_vpc_endpoint",
            "aws_vpc_dhcp_options",
            "aws_vpc_dhcp_options_association",
        ),
        references={
            "aws_vpc_endpoint": {("vpc_id", "aws_vpc")},
            "aws_vpc_dhcp_options_association": {("vpc_id", "aws_vpc"), ("dhcp_options_id", "aws_vpc_dhcp_options")},
        },
    )
    gateway = block(checked, "aws_vpc_endpoint", "s3")
    assert 'service_name = "com.amazonaws.us-east-1.s3"' in gateway
    assert "route_table_ids = [aws_route_table.private.id]" in gateway
    assert "vpc_endpoint_type" not in gateway and "private_dns_enabled" not in gateway
    assert "policy = jsonencode({" in gateway
    interface = block(checked, "aws_vpc_endpoint", "sqs")
    assert 'vpc_endpoint_type = "Interface"' in interface
    assert 'subnet_ids = [aws_subnet.app["app_a"].id]' in interface
    assert "security_group_ids = [aws_security_group.endpoints.id]" in interface
    assert "private_dns_enabled = true" in interface
    dhcp = block(checked, "aws_vpc_dhcp_options", "corp")
    assert 'domain_name = "corp.example.com"' in dhcp
    assert 'domain_name_servers = ["10.30.0.2", "10.30.0.3"]' in dhcp
    assert 'ntp_servers = ["10.30.0.5"]' in dhcp
    association = block(checked, "aws_vpc_dhcp_options_association", "main")
    assert "vpc_id = aws_vpc.main.id" in association
    assert "dhcp_options_id = aws_vpc_dhcp_options.corp.id" in association


def test_network_details_moto_lacks(tmp_path, tf_engine, oracle_dir):
    """Uses recordings (fixtures/network_compute/network.json): moto adds no
    catch-all rules to a new network ACL (AWS adds 32767 and, for IPv6, 32768)
    and drops ICMP types, has no default DHCP option set, no IsPrimary or
    secondary addresses on NAT gateways and no service-managed addresses."""
    types = [
        "aws_eip",
        "aws_nat_gateway",
        "aws_network_acl",
        "aws_network_acl_rule",
        "aws_default_network_acl",
        "aws_vpc_endpoint",
        "aws_vpc_dhcp_options",
        "aws_vpc_dhcp_options_association",
    ]
    inventory = coverage_kit.scan_recorded(
        "network_compute/network.json", [registry.get(t) for t in types], ["us-east-1"]
    )
    assert inventory.errors == []
    found = {}
    for resource in inventory.resources:
        found.setdefault(resource.type, set()).add(resource.import_id)
    acl = "acl-0b3e5d7f9a1c2e4f6"
    assert found == {
        # The load balancer's own address is AWS's.
        "aws_eip": {"eipalloc-0a1b2c3d4e5f60001", "eipalloc-0a1b2c3d4e5f60002", "eipalloc-0a1b2c3d4e5f60003"},
        # The deleted gateway is gone.
        "aws_nat_gateway": {"nat-0a1b2c3d4e5f60718", "nat-0c1d2e3f4a5b6c7d8"},
        "aws_network_acl": {acl},
        "aws_network_acl_rule": {
            f"{acl}:100:6:false",
            f"{acl}:101:6:false",
            f"{acl}:110:1:false",
            f"{acl}:120:6:false",
            f"{acl}:100:-1:true",
        },
        # The endpoint a service made for itself is not adopted.
        "aws_vpc_endpoint": {"vpce-0a1b2c3d4e5f60718"},
        # AWS's default option set (and the VPC using it) is skipped.
        "aws_vpc_dhcp_options": {"dopt-07a8b9c0d1e2f3a4b"},
        "aws_vpc_dhcp_options_association": {"vpc-0a8f3c2d1e4b5a697"},
    }
    module = tmp_path / "module"
    coverage_kit.generate_recorded(inventory, module)
    coverage_kit.check_module(module, tf_engine, len(inventory.resources))
    ec2 = _unaligned((module / "ec2.tf").read_text())

    def resource(tf_type, label):
        start = ec2.index(f'resource "{tf_type}" "{label}" {{')
        return ec2[start : ec2.index("\n}\n", start)]

    public = resource("aws_nat_gateway", "egress_a")
    assert "allocation_id = aws_eip.nat_a.id" in public
    assert "secondary_allocation_ids = [aws_eip.nat_a_2.id]" in public
    assert "secondary_private_ip_addresses" not in public
    private = resource("aws_nat_gateway", "to_partner")
    assert 'connectivity_type = "private"' in private and "allocation_id" not in private
    assert 'secondary_private_ip_addresses = ["10.20.3.11"]' in private
    bastion = resource("aws_eip", "bastion")
    assert 'instance = "i-0a1b2c3d4e5f60718"' in bastion  # not generated here: a literal
    assert 'network_border_group = "us-east-1-bos-1"' in bastion
    assert "network_border_group" not in resource("aws_eip", "nat_a")
    icmp = resource("aws_network_acl_rule", "public_ingress_110")
    assert 'protocol = "1"' in icmp and "icmp_type = 8" in icmp and "icmp_code = -1" in icmp
    ipv6 = resource("aws_network_acl_rule", "public_ingress_101")
    assert 'ipv6_cidr_block = "::/0"' in ipv6 and "cidr_block =" not in ipv6.replace("ipv6_cidr_block", "")
    endpoint = resource("aws_vpc_endpoint", "api")
    assert 'ip_address_type = "dualstack"' in endpoint
    assert 'Action = "*"' in endpoint  # the policy, as jsonencode
    dhcp = resource("aws_vpc_dhcp_options", "corp")
    assert 'domain_name_servers = ["10.20.0.2", "AmazonProvidedDNS"]' in dhcp
    assert 'netbios_node_type = "2"' in dhcp and 'netbios_name_servers = ["10.20.0.10"]' in dhcp


# -- compute -------------------------------------------------------------------------------------------


def seed_volumes_attachments_and_key_pair(moto, region: str) -> Seeded:
    """An instance with a key pair and an attached data volume, and a detached volume."""
    ec2 = moto.client("ec2", region)
    vpc, (subnet_a, subnet_b) = _vpc(ec2, region)
    ec2.create_key_pair(KeyName="deployer", TagSpecifications=_spec("key-pair", Team="ops"))
    image = ec2.describe_images(Owners=["amazon"])["Images"][0]["ImageId"]
    instance = ec2.run_instances(
        ImageId=image,
        InstanceType="t3.small",
        MinCount=1,
        MaxCount=1,
        SubnetId=subnet_a,
        KeyName="deployer",
        TagSpecifications=_spec("instance", Name="db1"),
    )["Instances"][0]["InstanceId"]
    data = ec2.create_volume(
        AvailabilityZone=f"{region}a",
        Size=100,
        VolumeType="gp3",
        Iops=4000,
        Throughput=250,
        Encrypted=True,
        TagSpecifications=_spec("volume", Name="db1-data"),
    )["VolumeId"]
    ec2.attach_volume(VolumeId=data, InstanceId=instance, Device="/dev/sdf")
    spare = ec2.create_volume(
        AvailabilityZone=f"{region}b", Size=8, VolumeType="gp2", TagSpecifications=_spec("volume", Name="spare")
    )["VolumeId"]
    attachment = f"/dev/sdf:{data}:{instance}"
    return Seeded(
        ids={
            "aws_vpc": {vpc},
            "aws_subnet": {subnet_a, subnet_b},
            "aws_instance": {instance},
            "aws_ebs_volume": {data, spare},
            "aws_volume_attachment": {attachment},
            "aws_key_pair": {"deployer"},
        },
        instance=instance,
        data=data,
        spare=spare,
    )


def test_volumes_attachments_and_key_pair(moto, tmp_path, tf_engine, oracle_dir):
    seeded = seed_volumes_attachments_and_key_pair(moto, "us-east-1")
    instance, data, spare = seeded.instance, seeded.data, seeded.spare

    checked = scan_and_check(
        moto,
        tmp_path,
        tf_engine,
        oracle_dir,
        expected={
            "aws_instance": {instance},
            # The instance's root volume and its attachment are aws_instance's.
            "aws_ebs_volume": {data, spare},
            "aws_volume_attachment": {f"/dev/sdf:{data}:{instance}"},
            "aws_key_pair": {"deployer"},
        },
        references={
            "aws_volume_attachment": {("volume_id", "aws_ebs_volume"), ("instance_id", "aws_instance")},
            "aws_instance": {("key_name", "aws_key_pair")},
        },
    )
    volume = block(checked, "aws_ebs_volume", "db1_data")
    for line in (
        'availability_zone = "us-east-1a"',
        "size = 100",
        'type = "gp3"',
        "iops = 4000",
        "throughput = 250",
        "encrypted = true",
        "prevent_destroy = true",
    ):
        assert line in volume
    assert "kms_key_id = " in volume  # moto's (AWS-managed) key: a literal
    plain = block(checked, "aws_ebs_volume", "spare")
    assert 'type = "gp2"' in plain and "iops" not in plain and "encrypted" not in plain
    attachment = block(checked, "aws_volume_attachment", "db1_data")
    assert 'device_name = "/dev/sdf"' in attachment
    assert "volume_id = aws_ebs_volume.db1_data.id" in attachment
    assert "instance_id = aws_instance.db1.id" in attachment
    key = block(checked, "aws_key_pair", "deployer")
    assert 'key_name = "deployer"' in key
    assert "= aws_key_pair.deployer.id" in checked.text("ec2.tf")  # the instance refers to it
    assert 'public_key = "ssh-rsa AAAA' in key
    assert "ignore_changes = [public_key]" in key


def test_volumes_made_with_instances_moto_lacks(tmp_path, tf_engine, oracle_dir):
    """Uses recordings (fixtures/network_compute/volumes.json): moto leaves
    DeleteOnTermination out of a volume's attachments, so a volume launched
    with an instance (which aws_instance owns) is only recognised there by its
    root device name; AWS says it outright, for non-root launch mappings too."""
    types = ["aws_ebs_volume"]
    inventory = coverage_kit.scan_recorded(
        "network_compute/volumes.json", [registry.get(t) for t in types], ["us-east-1"]
    )
    assert inventory.errors == []
    # Kept: a data volume attached by hand, a detached one, and an io2 volume
    # restored from a snapshot. Skipped: the root volume and a launch mapping
    # (both deleted with their instance), and a volume being deleted.
    assert sorted(r.import_id for r in inventory.resources) == [
        "vol-0a1b2c3d4e5f60003",
        "vol-0a1b2c3d4e5f60004",
        "vol-0a1b2c3d4e5f60005",
    ]
    module = tmp_path / "module"
    coverage_kit.generate_recorded(inventory, module)
    coverage_kit.check_module(module, tf_engine, len(inventory.resources))
    text = _unaligned((module / "ec2.tf").read_text())
    assert 'snapshot_id = "snap-0a1b2c3d4e5f60718"' in text
    assert "iops = 16000" in text and "multi_attach_enabled = true" in text
    assert 'kms_key_id = "arn:aws:kms:us-east-1:123456789012:key/' in text


# -- the web tier: launch template, Auto Scaling group, load balancer --------------------------------------


def seed_web_tier(moto, region: str) -> Seeded:
    """Launch templates, an Auto Scaling group, and a load balancer with target groups, listeners and rules."""
    ec2 = moto.client("ec2", region)
    vpc, (subnet_a, subnet_b) = _vpc(ec2, region)
    web = ec2.create_security_group(VpcId=vpc, GroupName="web", Description="web servers")["GroupId"]
    alb_group = ec2.create_security_group(VpcId=vpc, GroupName="alb", Description="load balancer")["GroupId"]
    image = ec2.describe_images(Owners=["amazon"])["Images"][0]["ImageId"]
    user_data = base64.b64encode(b"#!/bin/bash\nsystemctl start app\n").decode()
    template = ec2.create_launch_template(
        LaunchTemplateName="web",
        VersionDescription="first",
        LaunchTemplateData={"ImageId": image, "InstanceType": "t3.micro"},
        TagSpecifications=_spec("launch-template", Name="web"),
    )["LaunchTemplate"]["LaunchTemplateId"]
    # The provider reads the latest version: that is the one adopted.
    ec2.create_launch_template_version(
        LaunchTemplateId=template,
        VersionDescription="hardened",
        LaunchTemplateData={
            "ImageId": image,
            "InstanceType": "t3.small",
            "SecurityGroupIds": [web],
            "UserData": user_data,
            "MetadataOptions": {"HttpTokens": "required", "HttpEndpoint": "enabled", "HttpPutResponseHopLimit": 2},
            "BlockDeviceMappings": [
                {
                    "DeviceName": "/dev/xvda",
                    "Ebs": {"VolumeSize": 30, "VolumeType": "gp3", "Encrypted": True, "DeleteOnTermination": True},
                }
            ],
            "TagSpecifications": _spec("instance", Role="web"),
        },
    )
    # A bootstrap script with a password in it: never written.
    secret_script = base64.b64encode(b"#!/bin/bash\nexport DB_PASSWORD=hunter2\n").decode()
    worker = ec2.create_launch_template(
        LaunchTemplateName="worker",
        LaunchTemplateData={
            "ImageId": image,
            "InstanceType": "t3.micro",
            "UserData": secret_script,
        },
    )["LaunchTemplate"]["LaunchTemplateId"]
    elb = moto.client("elbv2", region)
    group = elb.create_target_group(
        Name="web",
        Protocol="HTTP",
        Port=8080,
        VpcId=vpc,
        HealthCheckPath="/healthz",
        HealthCheckIntervalSeconds=15,
        Matcher={"HttpCode": "200-299"},
        Tags=_tags(Team="web"),
    )["TargetGroups"][0]["TargetGroupArn"]
    elb.modify_target_group_attributes(
        TargetGroupArn=group,
        Attributes=[
            {"Key": "deregistration_delay.timeout_seconds", "Value": "30"},
            {"Key": "stickiness.enabled", "Value": "true"},
            {"Key": "stickiness.type", "Value": "lb_cookie"},
            {"Key": "stickiness.lb_cookie.duration_seconds", "Value": "3600"},
        ],
    )
    api = elb.create_target_group(Name="api", Protocol="HTTP", Port=9000, VpcId=vpc)["TargetGroups"][0][
        "TargetGroupArn"
    ]
    balancer = elb.create_load_balancer(
        Name="web",
        Subnets=[subnet_a, subnet_b],
        SecurityGroups=[alb_group],
        Scheme="internet-facing",
        Type="application",
        Tags=_tags(Name="web-alb"),
    )["LoadBalancers"][0]["LoadBalancerArn"]
    elb.modify_load_balancer_attributes(
        LoadBalancerArn=balancer,
        Attributes=[
            {"Key": "idle_timeout.timeout_seconds", "Value": "120"},
            {"Key": "deletion_protection.enabled", "Value": "true"},
        ],
    )
    http = elb.create_listener(
        LoadBalancerArn=balancer,
        Protocol="HTTP",
        Port=80,
        DefaultActions=[{"Type": "forward", "TargetGroupArn": group}],
    )["Listeners"][0]["ListenerArn"]
    redirect = elb.create_listener(
        LoadBalancerArn=balancer,
        Protocol="HTTP",
        Port=8080,
        DefaultActions=[
            {"Type": "redirect", "RedirectConfig": {"Protocol": "HTTPS", "Port": "443", "StatusCode": "HTTP_301"}}
        ],
    )["Listeners"][0]["ListenerArn"]
    to_api = elb.create_rule(
        ListenerArn=http,
        Priority=10,
        Conditions=[
            {"Field": "path-pattern", "PathPatternConfig": {"Values": ["/api/*"]}},
            {"Field": "host-header", "Values": ["api.example.com"]},
        ],
        Actions=[{"Type": "forward", "TargetGroupArn": api}],
    )["Rules"][0]["RuleArn"]
    blocked = elb.create_rule(
        ListenerArn=http,
        Priority=20,
        Conditions=[{"Field": "http-request-method", "HttpRequestMethodConfig": {"Values": ["DELETE"]}}],
        Actions=[
            {
                "Type": "fixed-response",
                "FixedResponseConfig": {"StatusCode": "403", "ContentType": "text/plain", "MessageBody": "no"},
            }
        ],
    )["Rules"][0]["RuleArn"]
    autoscaling = moto.client("autoscaling", region)
    autoscaling.create_auto_scaling_group(
        AutoScalingGroupName="web",
        LaunchTemplate={"LaunchTemplateId": template, "Version": "$Latest"},
        # No instances: moto cannot launch from a version given user data.
        MinSize=0,
        MaxSize=4,
        DesiredCapacity=0,
        VPCZoneIdentifier=f"{subnet_a},{subnet_b}",
        TargetGroupARNs=[group],
        HealthCheckType="ELB",
        HealthCheckGracePeriod=90,
        Tags=[
            {"Key": "Name", "Value": "web-server", "PropagateAtLaunch": True},
            {"Key": "CostCenter", "Value": "42", "PropagateAtLaunch": False},
        ],
    )
    return Seeded(
        ids={
            "aws_vpc": {vpc},
            "aws_subnet": {subnet_a, subnet_b},
            "aws_security_group": {web, alb_group},
            "aws_launch_template": {template, worker},
            "aws_autoscaling_group": {"web"},
            "aws_lb": {balancer},
            "aws_lb_target_group": {group, api},
            "aws_lb_listener": {http, redirect},
            "aws_lb_listener_rule": {to_api, blocked},
        },
        subnet_a=subnet_a,
        subnet_b=subnet_b,
        web=web,
        alb_group=alb_group,
        template=template,
        worker=worker,
        group=group,
        api=api,
        balancer=balancer,
        http=http,
        redirect=redirect,
        to_api=to_api,
        blocked=blocked,
        user_data=user_data,
        secret_script=secret_script,
    )


def test_web_tier(moto, tmp_path, tf_engine, oracle_dir):
    seeded = seed_web_tier(moto, "us-east-1")
    subnet_a, subnet_b, web, alb_group, template, worker = (
        seeded.subnet_a,
        seeded.subnet_b,
        seeded.web,
        seeded.alb_group,
        seeded.template,
        seeded.worker,
    )
    group, api, balancer, http, redirect, to_api, blocked = (
        seeded.group,
        seeded.api,
        seeded.balancer,
        seeded.http,
        seeded.redirect,
        seeded.to_api,
        seeded.blocked,
    )
    user_data, secret_script = seeded.user_data, seeded.secret_script

    checked = scan_and_check(
        moto,
        tmp_path,
        tf_engine,
        oracle_dir,
        expected={
            "aws_subnet": {subnet_a, subnet_b},
            "aws_security_group": {web, alb_group},
            "aws_launch_template": {template, worker},
            "aws_autoscaling_group": {"web"},
            "aws_lb": {balancer},
            "aws_lb_target_group": {group, api},
            "aws_lb_listener": {http, redirect},
            # The listener's default rule is its default_action.
            "aws_lb_listener_rule": {to_api, blocked},
        },
        references={
            "aws_autoscaling_group": {
                ("launch_template.id", "aws_launch_template"),
                ("target_group_arns[0]", "aws_lb_target_group"),
                ("vpc_zone_identifier[0]", "aws_subnet"),
            },
            "aws_lb": {("security_groups[0]", "aws_security_group"), ("subnets[0]", "aws_subnet")},
            "aws_lb_listener": {("load_balancer_arn", "aws_lb")},
            "aws_lb_listener_rule": {("listener_arn", "aws_lb_listener")},
        },
    )
    lt = block(checked, "aws_launch_template", "web")
    for line in (
        'name = "web"',
        'description = "hardened"',
        'instance_type = "t3.small"',
        f'user_data = "{user_data}"',
        "vpc_security_group_ids = [aws_security_group.web.id]",
        'http_tokens = "required"',
        "http_put_response_hop_limit = 2",
        'device_name = "/dev/xvda"',
        "volume_size = 30",
        'encrypted = "true"',
        'resource_type = "instance"',
    ):
        assert line in lt, line
    assert "default_version = 1" in lt  # a new version does not become the default by itself
    secret = block(checked, "aws_launch_template", "worker")
    assert "user_data = var.worker_user_data" in secret
    assert secret_script not in json.dumps(checked.inventory) + checked.text("ec2.tf")
    assert 'variable "worker_user_data"' in checked.text("variables.tf")
    asg = block(checked, "aws_autoscaling_group", "web")
    for line in (
        "min_size = 0",
        "max_size = 4",
        "desired_capacity = 0",
        "vpc_zone_identifier = [",
        'aws_subnet.app["app_a"].id',
        "id = aws_launch_template.web.id",
        'version = "$Latest"',
        "target_group_arns = [aws_lb_target_group.web.arn]",
        'health_check_type = "ELB"',
        "health_check_grace_period = 90",
        'termination_policies = ["Default"]',
        'key = "CostCenter"',
        "propagate_at_launch = false",
    ):
        assert line in asg, line
    assert "availability_zones" not in asg and "service_linked_role_arn" not in asg
    lb = block(checked, "aws_lb", "web_alb")
    assert 'name = "web"' in lb and "idle_timeout = 120" in lb and "enable_deletion_protection = true" in lb
    assert "security_groups = [aws_security_group.alb.id]" in lb
    assert "load_balancer_type" not in lb and "internal" not in lb and "enable_cross_zone" not in lb
    tg = block(checked, "aws_lb_target_group", "web")
    for line in (
        "port = 8080",
        'protocol = "HTTP"',
        "vpc_id = ",
        'deregistration_delay = "30"',
        'path = "/healthz"',
        "interval = 15",
        'matcher = "200-299"',
        'type = "lb_cookie"',
        "cookie_duration = 3600",
    ):
        assert line in tg, line
    listener = block(checked, "aws_lb_listener", "web_alb_http_80")
    assert "load_balancer_arn = aws_lb.web_alb.arn" in listener
    assert "target_group_arn = aws_lb_target_group.web.arn" in listener
    assert "arn = aws_lb_target_group.web.arn" in listener  # inside forward { target_group { } }
    assert "ssl_policy" not in listener
    moved = block(checked, "aws_lb_listener", "web_alb_http_8080")
    assert 'status_code = "HTTP_301"' in moved and 'port = "443"' in moved and 'protocol = "HTTPS"' in moved
    assert "#{host}" not in moved
    rule = block(checked, "aws_lb_listener_rule", "web_alb_http_80_rule_10")
    assert "listener_arn = aws_lb_listener.web_alb_http_80.arn" in rule and "priority = 10" in rule
    assert 'values = ["/api/*"]' in rule and 'values = ["api.example.com"]' in rule
    assert "target_group_arn = aws_lb_target_group.api.arn" in rule
    deny = block(checked, "aws_lb_listener_rule", "web_alb_http_80_rule_20")
    assert 'status_code = "403"' in deny and 'message_body = "no"' in deny and 'values = ["DELETE"]' in deny


def test_load_balancer_details_moto_lacks(tmp_path, tf_engine, oracle_dir):
    """Uses recordings (fixtures/network_compute/elbv2.json): moto returns no
    ForwardConfig with forward actions, only some load balancer attributes,
    no Elastic IPs on network load balancers, and has no OIDC authentication,
    TLS listeners with ALPN, weighted forwards, query-string conditions or
    rule transforms."""
    types = ["aws_lb", "aws_lb_target_group", "aws_lb_listener", "aws_lb_listener_rule"]
    inventory = coverage_kit.scan_recorded(
        "network_compute/elbv2.json", [registry.get(t) for t in types], ["us-east-1"]
    )
    assert inventory.errors == []
    assert sorted(r.type for r in inventory.resources) == [
        "aws_lb",
        "aws_lb",
        "aws_lb_listener",
        "aws_lb_listener",
        "aws_lb_listener_rule",  # the default rules are the listeners' default actions
        "aws_lb_target_group",
        "aws_lb_target_group",
        "aws_lb_target_group",
    ]
    module = tmp_path / "module"
    coverage_kit.generate_recorded(inventory, module)
    coverage_kit.check_module(module, tf_engine, len(inventory.resources))
    text = _unaligned((module / "elbv2.tf").read_text())

    def resource(tf_type, label):
        start = text.index(f'resource "{tf_type}" "{label}" {{')
        return text[start : text.index("\n}\n", start)]

    alb = resource("aws_lb", "shop")
    assert "internal = true" in alb and "drop_invalid_header_fields = true" in alb
    assert 'bucket = "acme-alb-logs"' in alb and 'prefix = "shop"' in alb  # access_logs
    # AWS's values for everything else (cross-zone is always on for ALBs): nothing written.
    for absent in ("enable_cross_zone_load_balancing", "idle_timeout", "enable_http2", "connection_logs", "desync"):
        assert absent not in alb, absent
    nlb = resource("aws_lb", "ingest")
    assert 'load_balancer_type = "network"' in nlb and "enable_cross_zone_load_balancing = true" in nlb
    assert 'dns_record_client_routing_policy = "availability_zone_affinity"' in nlb
    assert "subnet_mapping {" in nlb and 'allocation_id = "eipalloc-0a1b2c3d4e5f60020"' in nlb
    assert "subnets =" not in nlb  # exactly one of subnets and subnet_mapping
    green = resource("aws_lb_target_group", "shop_green")
    assert 'load_balancing_algorithm_type = "least_outstanding_requests"' in green and "slow_start = 60" in green
    assert 'path = "/ready"' in green and 'matcher = "200,204"' in green
    assert "stickiness" not in green  # disabled: what the provider reads when left out
    tcp = resource("aws_lb_target_group", "ingest_tcp")
    assert "proxy_protocol_v2 = true" in tcp and "connection_termination = true" in tcp
    assert 'type = "source_ip"' in tcp and "cookie_duration" not in tcp
    assert "interval = 10" in tcp and "healthy_threshold = 3" not in tcp and 'protocol = "TCP"' in tcp
    https = resource("aws_lb_listener", "shop_https_443")
    assert 'ssl_policy = "ELBSecurityPolicy-TLS13-1-2-2021-06"' in https
    assert 'certificate_arn = "arn:aws:acm:' in https
    assert 'client_id = "shop-web"' in https
    assert "client_secret = var.shop_https_443_default_action_0_authenticate_oidc_client_secret" in https
    assert "order = 1" in https and "order = 2" in https
    # Weighted forward: the forward block alone, with stickiness.
    assert "weight = 80" in https and "weight = 20" in https and "duration = 600" in https
    assert "target_group_arn" not in https
    tls = resource("aws_lb_listener", "ingest_tls_443")
    assert 'alpn_policy = "HTTP2Preferred"' in tls
    assert "target_group_arn = aws_lb_target_group.ingest_tcp.arn" in tls
    rule = resource("aws_lb_listener_rule", "shop_https_443_rule_5")
    assert 'key = "debug"' in rule and 'value = "true"' in rule
    assert 'http_header_name = "X-Canary"' in rule
    assert "target_group_arn = aws_lb_target_group.shop_green.arn" in rule
    assert 'Purpose = "canary"' in rule
    assert 'type = "url-rewrite"' in rule and 'regex = "^/canary/(.*)$"' in rule and 'replace = "/$1"' in rule
    variables = _unaligned((module / "variables.tf").read_text())
    assert 'variable "shop_https_443_default_action_0_authenticate_oidc_client_secret"' in variables
