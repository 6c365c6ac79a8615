"""Coverage of the second wave of network types: VPC peering, transit gateways
and their route tables, site-to-site VPN, egress-only gateways, flow logs,
prefix lists, secondary CIDR blocks, network interfaces and their Elastic IPs,
placement groups, the main route table, AMIs and their launch permissions,
Route 53 Resolver; classic load balancers, listener certificates and Auto
Scaling's policies, schedules and lifecycle hooks.

One estate is seeded in moto (over HTTP) for the whole module, scanned,
generated and planned once with the real Terraform engine (see coverage_kit);
each test then reads its part.  What moto does not return the way AWS does is
replayed from recordings in fixtures/network/.
"""

from __future__ import annotations

import json
import re

import coverage_kit
import pytest
from coverage_kit import Seeded, scan_and_check
from helpers import run_cli
from oracle_ids import mismatch

from adopt.catalog import registry
from adopt.catalog.spec import Call, ResourceSpec
from adopt.catalog.validate import problems
from adopt.scan.engine import Scanner


def _unaligned(text: str) -> str:
    """A block without fmt's alignment of ``=`` signs, so assertions need not know it."""
    return re.sub(r"(\S) +=", r"\1 =", text)


def _tags(**tags: str) -> list[dict[str, str]]:
    return [{"Key": k, "Value": v} for k, v in tags.items()]


def _spec(resource_type: str, **tags: str) -> list[dict]:
    return [{"ResourceType": resource_type, "Tags": _tags(**tags)}]


def _vpc(ec2, region: str, name: str, cidr: str) -> tuple[str, list[str]]:
    vpc = ec2.create_vpc(CidrBlock=cidr, TagSpecifications=_spec("vpc", Name=name))["Vpc"]["VpcId"]
    subnets = []
    for index, zone in enumerate((f"{region}a", f"{region}b")):
        subnets.append(
            ec2.create_subnet(
                VpcId=vpc,
                CidrBlock=cidr.replace(".0.0/16", f".{index + 1}.0/24"),
                AvailabilityZone=zone,
                TagSpecifications=_spec("subnet", Name=f"{name}-{zone[-1]}"),
            )["Subnet"]["SubnetId"]
        )
    return vpc, subnets


# -- peering, transit gateways, VPN ---------------------------------------------------------------


def seed_peering_transit_and_vpn(moto, region: str) -> Seeded:
    """Two VPCs peered (with DNS resolution), a transit gateway with a VPC
    attachment, a route table with a static route, an association and a
    propagation, and a VPN connection from a customer gateway to a VPN gateway."""
    ec2 = moto.client("ec2", region)
    hub, hub_subnets = _vpc(ec2, region, "hub", "10.40.0.0/16")
    spoke, spoke_subnets = _vpc(ec2, region, "spoke", "10.41.0.0/16")
    peering = ec2.create_vpc_peering_connection(
        VpcId=hub, PeerVpcId=spoke, TagSpecifications=_spec("vpc-peering-connection", Name="hub-spoke")
    )["VpcPeeringConnection"]["VpcPeeringConnectionId"]
    ec2.accept_vpc_peering_connection(VpcPeeringConnectionId=peering)
    ec2.modify_vpc_peering_connection_options(
        VpcPeeringConnectionId=peering,
        RequesterPeeringConnectionOptions={"AllowDnsResolutionFromRemoteVpc": True},
    )

    gateway = ec2.create_transit_gateway(
        Description="core",
        Options={"AmazonSideAsn": 64600, "DefaultRouteTableAssociation": "disable", "DnsSupport": "enable"},
        TagSpecifications=_spec("transit-gateway", Name="core"),
    )["TransitGateway"]["TransitGatewayId"]
    attachment = ec2.create_transit_gateway_vpc_attachment(
        TransitGatewayId=gateway,
        VpcId=spoke,
        SubnetIds=spoke_subnets,
    )["TransitGatewayVpcAttachment"]["TransitGatewayAttachmentId"]
    ec2.create_tags(Resources=[attachment], Tags=_tags(Name="spoke"))  # moto ignores TagSpecifications here
    table = ec2.create_transit_gateway_route_table(
        TransitGatewayId=gateway, TagSpecifications=_spec("transit-gateway-route-table", Name="spokes")
    )["TransitGatewayRouteTable"]["TransitGatewayRouteTableId"]
    ec2.create_transit_gateway_route(
        DestinationCidrBlock="10.41.0.0/16", TransitGatewayRouteTableId=table, TransitGatewayAttachmentId=attachment
    )
    ec2.create_transit_gateway_route(
        DestinationCidrBlock="10.99.0.0/16", TransitGatewayRouteTableId=table, Blackhole=True
    )
    ec2.associate_transit_gateway_route_table(TransitGatewayRouteTableId=table, TransitGatewayAttachmentId=attachment)
    ec2.enable_transit_gateway_route_table_propagation(
        TransitGatewayRouteTableId=table, TransitGatewayAttachmentId=attachment
    )

    vpn_gateway = ec2.create_vpn_gateway(
        Type="ipsec.1", AmazonSideAsn=64620, TagSpecifications=_spec("vpn-gateway", Name="office")
    )["VpnGateway"]["VpnGatewayId"]
    ec2.attach_vpn_gateway(VpnGatewayId=vpn_gateway, VpcId=hub)
    customer = ec2.create_customer_gateway(
        Type="ipsec.1", BgpAsn=65010, IpAddress="198.51.100.7", TagSpecifications=_spec("customer-gateway", Name="hq")
    )["CustomerGateway"]["CustomerGatewayId"]
    vpn = ec2.create_vpn_connection(
        Type="ipsec.1",
        CustomerGatewayId=customer,
        VpnGatewayId=vpn_gateway,
        Options={"StaticRoutesOnly": True},
        TagSpecifications=_spec("vpn-connection", Name="hq"),
    )["VpnConnection"]["VpnConnectionId"]
    return Seeded(
        ids={
            "aws_vpc": {hub, spoke},
            "aws_subnet": set(hub_subnets) | set(spoke_subnets),
            "aws_vpc_peering_connection": {peering},
            "aws_vpc_peering_connection_options": {peering},
            "aws_ec2_transit_gateway": {gateway},
            "aws_ec2_transit_gateway_vpc_attachment": {attachment},
            "aws_ec2_transit_gateway_route_table": {table},
            "aws_ec2_transit_gateway_route": {f"{table}_10.41.0.0/16", f"{table}_10.99.0.0/16"},
            "aws_ec2_transit_gateway_route_table_association": {f"{table}_{attachment}"},
            "aws_ec2_transit_gateway_route_table_propagation": {f"{table}_{attachment}"},
            "aws_vpn_gateway": {vpn_gateway},
            "aws_customer_gateway": {customer},
            "aws_vpn_connection": {vpn},
        },
        hub=hub,
        spoke=spoke,
        peering=peering,
        gateway=gateway,
        attachment=attachment,
        table=table,
        vpn_gateway=vpn_gateway,
        customer=customer,
        vpn=vpn,
    )


# -- interfaces, flow logs, prefix lists, secondary CIDRs, the main route table, AMIs ------------------


def seed_interfaces_flow_logs_and_images(moto, region: str) -> Seeded:
    """A VPC with a secondary CIDR block, an egress-only gateway, a flow log,
    a prefix list, a network interface with an Elastic IP, a route added to
    its main route table, and an AMI made from an instance, shared with one account."""
    ec2 = moto.client("ec2", region)
    vpc, subnets = _vpc(ec2, region, "edge", "10.50.0.0/16")
    secondary = ec2.associate_vpc_cidr_block(VpcId=vpc, CidrBlock="10.51.0.0/16")["CidrBlockAssociation"][
        "AssociationId"
    ]
    egress = ec2.create_egress_only_internet_gateway(
        VpcId=vpc, TagSpecifications=_spec("egress-only-internet-gateway", Name="edge-v6")
    )["EgressOnlyInternetGateway"]["EgressOnlyInternetGatewayId"]
    logs = moto.client("logs", region)
    logs.create_log_group(logGroupName="edge-flows")
    flow_log = ec2.create_flow_logs(
        ResourceIds=[vpc],
        ResourceType="VPC",
        TrafficType="REJECT",
        LogGroupName="edge-flows",
        DeliverLogsPermissionArn="arn:aws:iam::123456789012:role/flow-logs",
        MaxAggregationInterval=60,
        TagSpecifications=_spec("vpc-flow-log", Name="edge-rejects"),
    )["FlowLogIds"][0]
    prefix_list = ec2.create_managed_prefix_list(
        PrefixListName="offices",
        MaxEntries=5,
        AddressFamily="IPv4",
        Entries=[{"Cidr": "203.0.113.0/24", "Description": "hq"}, {"Cidr": "198.51.100.0/24", "Description": "lab"}],
        TagSpecifications=_spec("prefix-list", Name="offices"),
    )["PrefixList"]["PrefixListId"]
    interface = ec2.create_network_interface(
        SubnetId=subnets[0], Description="floating vip", TagSpecifications=_spec("network-interface", Name="vip")
    )["NetworkInterface"]["NetworkInterfaceId"]
    address = ec2.allocate_address(Domain="vpc", TagSpecifications=_spec("elastic-ip", Name="vip"))["AllocationId"]
    association = ec2.associate_address(AllocationId=address, NetworkInterfaceId=interface)["AssociationId"]
    (main,) = ec2.describe_route_tables(
        Filters=[{"Name": "vpc-id", "Values": [vpc]}, {"Name": "association.main", "Values": ["true"]}]
    )["RouteTables"]
    ec2.create_route(
        RouteTableId=main["RouteTableId"], DestinationIpv6CidrBlock="::/0", EgressOnlyInternetGatewayId=egress
    )
    image = ec2.describe_images(Owners=["amazon"])["Images"][0]["ImageId"]
    builder = ec2.run_instances(ImageId=image, InstanceType="t3.micro", MinCount=1, MaxCount=1, SubnetId=subnets[1])[
        "Instances"
    ][0]["InstanceId"]
    ami = ec2.create_image(InstanceId=builder, Name="web-golden-1", Description="hardened web image")["ImageId"]
    ec2.create_tags(Resources=[ami], Tags=_tags(Name="web-golden"))
    ec2.modify_image_attribute(ImageId=ami, LaunchPermission={"Add": [{"UserId": "210987654321"}]})
    return Seeded(
        ids={
            "aws_vpc": {vpc},
            "aws_subnet": set(subnets),
            "aws_vpc_ipv4_cidr_block_association": {secondary},
            "aws_egress_only_internet_gateway": {egress},
            "aws_cloudwatch_log_group": {"edge-flows"},
            "aws_flow_log": {flow_log},
            "aws_ec2_managed_prefix_list": {prefix_list},
            "aws_network_interface": {interface},
            "aws_eip": {address},
            "aws_eip_association": {association},
            "aws_default_route_table": {vpc},
            "aws_instance": {builder},
            "aws_ami": {ami},
            "aws_ami_launch_permission": {f"210987654321/{ami}"},
        },
        vpc=vpc,
        secondary=secondary,
        egress=egress,
        flow_log=flow_log,
        prefix_list=prefix_list,
        interface=interface,
        address=address,
        association=association,
        main_table=main["RouteTableId"],
        ami=ami,
    )


# -- Route 53 Resolver, classic load balancers, listener certificates, Auto Scaling ---------------------


def _certificate(moto, region: str, domain: str) -> str:
    return moto.client("acm", region).request_certificate(DomainName=domain, ValidationMethod="DNS")["CertificateArn"]


def seed_resolver_load_balancers_and_scaling(moto, region: str) -> Seeded:
    """An inbound resolver endpoint and a system rule a VPC uses; a
    classic load balancer; an HTTPS listener with a second certificate; an
    Auto Scaling group with a step and a target tracking policy, a schedule
    and a lifecycle hook."""
    ec2 = moto.client("ec2", region)
    vpc, subnets = _vpc(ec2, region, "apps", "10.60.0.0/16")
    dns = ec2.create_security_group(VpcId=vpc, GroupName="dns-in", Description="resolver")["GroupId"]
    resolver = moto.client("route53resolver", region)
    # Inbound: the offices' DNS servers ask the VPC's resolver.  (Outbound
    # endpoints and the rules that forward through them are in the recorded
    # test: the provider documents an inbound endpoint's ID, which the oracle
    # checks here.)
    endpoint = resolver.create_resolver_endpoint(
        CreatorRequestId="corp-in",
        Name="corp-in",
        SecurityGroupIds=[dns],
        Direction="INBOUND",
        IpAddresses=[{"SubnetId": subnets[0], "Ip": "10.60.1.53"}, {"SubnetId": subnets[1], "Ip": "10.60.2.53"}],
        Tags=_tags(team="network"),
    )["ResolverEndpoint"]["Id"]
    # The VPC answers names under this domain itself, whatever else forwards them.
    rule = resolver.create_resolver_rule(
        CreatorRequestId="corp", Name="corp", RuleType="SYSTEM", DomainName="internal.corp.example.com"
    )["ResolverRule"]["Id"]
    rule_association = resolver.associate_resolver_rule(ResolverRuleId=rule, VPCId=vpc, Name="corp-apps")[
        "ResolverRuleAssociation"
    ]["Id"]
    # moto does not mark the endpoint's interfaces requester-managed as AWS
    # does (test_network_details_moto_lacks has AWS's), so here they are adopted.
    resolver_interfaces = {
        i["NetworkInterfaceId"]
        for i in ec2.describe_network_interfaces(Filters=[{"Name": "subnet-id", "Values": subnets}])[
            "NetworkInterfaces"
        ]
        if i.get("Description", "").startswith(f"Route 53 Resolver: {endpoint}:")
    }

    web = ec2.create_security_group(VpcId=vpc, GroupName="legacy-web", Description="classic ELB")["GroupId"]
    classic = moto.client("elb", region)
    classic.create_load_balancer(
        LoadBalancerName="legacy",
        Listeners=[
            {"Protocol": "HTTP", "LoadBalancerPort": 80, "InstanceProtocol": "HTTP", "InstancePort": 8080},
            {"Protocol": "TCP", "LoadBalancerPort": 2222, "InstanceProtocol": "TCP", "InstancePort": 22},
        ],
        Subnets=subnets,
        SecurityGroups=[web],
        Tags=_tags(Name="legacy-web"),
    )
    classic.configure_health_check(
        LoadBalancerName="legacy",
        HealthCheck={
            "Target": "HTTP:8080/health",
            "Interval": 15,
            "Timeout": 5,
            "UnhealthyThreshold": 3,
            "HealthyThreshold": 2,
        },
    )
    classic.modify_load_balancer_attributes(
        LoadBalancerName="legacy",
        LoadBalancerAttributes={
            "ConnectionDraining": {"Enabled": True, "Timeout": 120},
            "ConnectionSettings": {"IdleTimeout": 90},
            "CrossZoneLoadBalancing": {"Enabled": False},
        },
    )

    default_certificate = _certificate(moto, region, "shop.example.com")
    extra_certificate = _certificate(moto, region, "shop.example.org")
    elb = moto.client("elbv2", region)
    balancer = elb.create_load_balancer(
        Name="shop", Subnets=subnets, SecurityGroups=[web], Type="application", Tags=_tags(Name="shop")
    )["LoadBalancers"][0]["LoadBalancerArn"]
    group = elb.create_target_group(Name="shop", Protocol="HTTP", Port=80, VpcId=vpc)["TargetGroups"][0][
        "TargetGroupArn"
    ]
    https = elb.create_listener(
        LoadBalancerArn=balancer,
        Protocol="HTTPS",
        Port=443,
        SslPolicy="ELBSecurityPolicy-TLS13-1-2-2021-06",
        Certificates=[{"CertificateArn": default_certificate}],
        DefaultActions=[{"Type": "forward", "TargetGroupArn": group}],
    )["Listeners"][0]["ListenerArn"]
    elb.add_listener_certificates(ListenerArn=https, Certificates=[{"CertificateArn": extra_certificate}])
    image = ec2.describe_images(Owners=["amazon"])["Images"][0]["ImageId"]
    server = ec2.run_instances(
        ImageId=image,
        InstanceType="t3.micro",
        MinCount=1,
        MaxCount=1,
        SubnetId=subnets[0],
        TagSpecifications=_spec("instance", Name="shop-1"),
    )["Instances"][0]["InstanceId"]
    elb.register_targets(TargetGroupArn=group, Targets=[{"Id": server, "Port": 8080}])

    template = ec2.create_launch_template(
        LaunchTemplateName="workers", LaunchTemplateData={"ImageId": image, "InstanceType": "t3.micro"}
    )["LaunchTemplate"]["LaunchTemplateId"]
    autoscaling = moto.client("autoscaling", region)
    autoscaling.create_auto_scaling_group(
        AutoScalingGroupName="workers",
        LaunchTemplate={"LaunchTemplateId": template, "Version": "$Latest"},
        MinSize=0,
        MaxSize=6,
        DesiredCapacity=0,
        VPCZoneIdentifier=",".join(subnets),
    )
    autoscaling.put_scaling_policy(
        AutoScalingGroupName="workers",
        PolicyName="scale-out",
        PolicyType="StepScaling",
        AdjustmentType="ChangeInCapacity",
        MetricAggregationType="Average",
        StepAdjustments=[
            {"MetricIntervalLowerBound": 0.0, "MetricIntervalUpperBound": 10.5, "ScalingAdjustment": 1},
            {"MetricIntervalLowerBound": 10.5, "ScalingAdjustment": 2},
        ],
    )
    autoscaling.put_scaling_policy(
        AutoScalingGroupName="workers",
        PolicyName="cpu-50",
        PolicyType="TargetTrackingScaling",
        TargetTrackingConfiguration={
            "PredefinedMetricSpecification": {"PredefinedMetricType": "ASGAverageCPUUtilization"},
            "TargetValue": 50.0,
        },
    )
    autoscaling.put_scheduled_update_group_action(
        AutoScalingGroupName="workers",
        ScheduledActionName="nightly-scale-in",
        Recurrence="0 22 * * *",
        MinSize=0,
        MaxSize=2,
        DesiredCapacity=0,
    )
    autoscaling.put_lifecycle_hook(
        AutoScalingGroupName="workers",
        LifecycleHookName="drain",
        LifecycleTransition="autoscaling:EC2_INSTANCE_TERMINATING",
        HeartbeatTimeout=600,
        DefaultResult="CONTINUE",
    )
    return Seeded(
        ids={
            "aws_vpc": {vpc},
            "aws_subnet": set(subnets),
            "aws_security_group": {dns, web},
            "aws_route53_resolver_endpoint": {endpoint},
            "aws_route53_resolver_rule": {rule},
            "aws_route53_resolver_rule_association": {rule_association},
            "aws_network_interface": resolver_interfaces,
            "aws_elb": {"legacy"},
            "aws_acm_certificate": {default_certificate, extra_certificate},
            "aws_lb": {balancer},
            "aws_lb_target_group": {group},
            "aws_lb_listener": {https},
            "aws_lb_listener_certificate": {f"{https}_{extra_certificate}"},
            "aws_instance": {server},
            "aws_lb_target_group_attachment": {f"{group},{server},8080"},
            "aws_launch_template": {template},
            "aws_autoscaling_group": {"workers"},
            "aws_autoscaling_policy": {"workers/scale-out", "workers/cpu-50"},
            "aws_autoscaling_schedule": {"workers/nightly-scale-in"},
            "aws_autoscaling_lifecycle_hook": {"workers/drain"},
        },
        vpc=vpc,
        endpoint=endpoint,
        rule=rule,
        https=https,
        extra_certificate=extra_certificate,
    )


SEEDS = (
    seed_peering_transit_and_vpn,
    seed_interfaces_flow_logs_and_images,
    seed_resolver_load_balancers_and_scaling,
)


@pytest.fixture(scope="module")
def estate(moto_server, tmp_path_factory, tf_engine, oracle_dir):
    """Every seed of this module in us-east-1; one scan, one module, one plan."""
    moto_server.reset()
    seeded = {seed.__name__: seed(moto_server, "us-east-1") for seed in SEEDS}
    expected: dict[str, set[str]] = {}
    for one in seeded.values():
        for tf_type, ids in one.ids.items():
            expected.setdefault(tf_type, set()).update(ids)
    checked = scan_and_check(
        moto_server,
        tmp_path_factory.mktemp("network"),
        tf_engine,
        oracle_dir,
        expected=expected,
        references={
            "aws_vpc_peering_connection": {("vpc_id", "aws_vpc"), ("peer_vpc_id", "aws_vpc")},
            "aws_vpc_peering_connection_options": {("vpc_peering_connection_id", "aws_vpc_peering_connection")},
            "aws_ec2_transit_gateway_vpc_attachment": {
                ("transit_gateway_id", "aws_ec2_transit_gateway"),
                ("vpc_id", "aws_vpc"),
                ("subnet_ids[0]", "aws_subnet"),
            },
            "aws_ec2_transit_gateway_route_table": {("transit_gateway_id", "aws_ec2_transit_gateway")},
            "aws_ec2_transit_gateway_route": {
                ("transit_gateway_route_table_id", "aws_ec2_transit_gateway_route_table")
            },
            "aws_ec2_transit_gateway_route_table_association": {
                ("transit_gateway_attachment_id", "aws_ec2_transit_gateway_vpc_attachment"),
                ("transit_gateway_route_table_id", "aws_ec2_transit_gateway_route_table"),
            },
            "aws_ec2_transit_gateway_route_table_propagation": {
                ("transit_gateway_attachment_id", "aws_ec2_transit_gateway_vpc_attachment"),
                ("transit_gateway_route_table_id", "aws_ec2_transit_gateway_route_table"),
            },
            "aws_vpn_gateway": {("vpc_id", "aws_vpc")},
            "aws_vpn_connection": {
                ("customer_gateway_id", "aws_customer_gateway"),
                ("vpn_gateway_id", "aws_vpn_gateway"),
            },
            "aws_vpc_ipv4_cidr_block_association": {("vpc_id", "aws_vpc")},
            "aws_egress_only_internet_gateway": {("vpc_id", "aws_vpc")},
            "aws_flow_log": {("vpc_id", "aws_vpc"), ("log_destination", "aws_cloudwatch_log_group")},
            "aws_network_interface": {("subnet_id", "aws_subnet")},
            "aws_eip_association": {("allocation_id", "aws_eip"), ("network_interface_id", "aws_network_interface")},
            "aws_default_route_table": {("route[0].egress_only_gateway_id", "aws_egress_only_internet_gateway")},
            "aws_ami_launch_permission": {("image_id", "aws_ami")},
            "aws_route53_resolver_endpoint": {("security_group_ids[0]", "aws_security_group")},
            "aws_route53_resolver_rule_association": {
                ("resolver_rule_id", "aws_route53_resolver_rule"),
                ("vpc_id", "aws_vpc"),
            },
            "aws_elb": {("subnets[0]", "aws_subnet"), ("security_groups[0]", "aws_security_group")},
            "aws_lb_listener_certificate": {
                ("listener_arn", "aws_lb_listener"),
                ("certificate_arn", "aws_acm_certificate"),
            },
            "aws_lb_target_group_attachment": {
                ("target_group_arn", "aws_lb_target_group"),
                ("target_id", "aws_instance"),
            },
            "aws_autoscaling_policy": {("autoscaling_group_name", "aws_autoscaling_group")},
            "aws_autoscaling_schedule": {("autoscaling_group_name", "aws_autoscaling_group")},
            "aws_autoscaling_lifecycle_hook": {("autoscaling_group_name", "aws_autoscaling_group")},
        },
    )
    return seeded, checked


def block(checked, tf_type: str, label: str) -> str:
    return _unaligned(checked.block(tf_type, label))


def test_peering(estate):
    seeded, checked = estate
    peering = block(checked, "aws_vpc_peering_connection", "hub_spoke")
    assert "vpc_id = aws_vpc.hub.id" in peering and "peer_vpc_id = aws_vpc.spoke.id" in peering
    assert "peer_owner_id" not in peering and "peer_region" not in peering  # this account, this region
    assert "requester" not in peering  # the options are their own resource
    options = block(checked, "aws_vpc_peering_connection_options", "hub_spoke")
    assert "vpc_peering_connection_id = aws_vpc_peering_connection.hub_spoke.id" in options
    assert "requester {\n    allow_remote_vpc_dns_resolution = true" in options


def test_transit_gateway(estate):
    seeded, checked = estate
    gateway = block(checked, "aws_ec2_transit_gateway", "core")
    assert 'description = "core"' in gateway and "amazon_side_asn = 64600" in gateway
    assert 'default_route_table_association = "disable"' in gateway
    assert "dns_support" not in gateway  # enable is the default
    attachment = block(checked, "aws_ec2_transit_gateway_vpc_attachment", "spoke")
    assert "transit_gateway_id = aws_ec2_transit_gateway.core.id" in attachment
    assert "vpc_id = aws_vpc.spoke.id" in attachment and 'aws_subnet.spoke["spoke_a"].id' in attachment
    table = block(checked, "aws_ec2_transit_gateway_route_table", "spokes")
    assert "transit_gateway_id = aws_ec2_transit_gateway.core.id" in table
    for tf_type in (
        "aws_ec2_transit_gateway_route_table_association",
        "aws_ec2_transit_gateway_route_table_propagation",
    ):
        text = block(checked, tf_type, "spoke")
        assert "transit_gateway_attachment_id = aws_ec2_transit_gateway_vpc_attachment.spoke.id" in text
        assert "transit_gateway_route_table_id = aws_ec2_transit_gateway_route_table.spokes.id" in text
    blackhole = block(checked, "aws_ec2_transit_gateway_route", "spokes_10_99_0_0_16")
    assert "blackhole = true" in blackhole and "transit_gateway_attachment_id" not in blackhole


def test_vpn(estate):
    seeded, checked = estate
    gateway = block(checked, "aws_vpn_gateway", "office")
    assert "vpc_id = aws_vpc.hub.id" in gateway and 'amazon_side_asn = "64620"' in gateway
    customer = block(checked, "aws_customer_gateway", "hq")
    assert 'bgp_asn = "65010"' in customer and 'ip_address = "198.51.100.7"' in customer
    vpn = block(checked, "aws_vpn_connection", "hq")
    assert "customer_gateway_id = aws_customer_gateway.hq.id" in vpn
    assert "vpn_gateway_id = aws_vpn_gateway.office.id" in vpn
    assert "preshared_key" not in vpn and "customer_gateway_configuration" not in vpn


def test_interfaces_flow_logs_and_prefix_lists(estate):
    seeded, checked = estate
    edge = seeded["seed_interfaces_flow_logs_and_images"]
    cidr = block(checked, "aws_vpc_ipv4_cidr_block_association", "edge")
    assert "vpc_id = aws_vpc.edge.id" in cidr and 'cidr_block = "10.51.0.0/16"' in cidr
    assert "vpc_id = aws_vpc.edge.id" in block(checked, "aws_egress_only_internet_gateway", "edge_v6")
    flow = block(checked, "aws_flow_log", "edge_rejects")
    assert "vpc_id = aws_vpc.edge.id" in flow and 'traffic_type = "REJECT"' in flow
    assert "log_destination = aws_cloudwatch_log_group.edge_flows.arn" in flow
    assert 'iam_role_arn = "arn:aws:iam::123456789012:role/flow-logs"' in flow  # no such role here: a literal
    assert "max_aggregation_interval = 60" in flow
    assert "log_format" not in flow and "log_destination_type" not in flow  # AWS's defaults
    prefixes = block(checked, "aws_ec2_managed_prefix_list", "offices")
    assert 'name = "offices"' in prefixes and 'address_family = "IPv4"' in prefixes and "max_entries = 5" in prefixes
    assert prefixes.index('"198.51.100.0/24"') < prefixes.index('"203.0.113.0/24"')
    assert 'description = "hq"' in prefixes
    interface = block(checked, "aws_network_interface", "vip")
    assert 'subnet_id = aws_subnet.edge["edge_a"].id' in interface and 'description = "floating vip"' in interface
    assert "attachment" not in interface
    association = block(checked, "aws_eip_association", "vip")
    assert "allocation_id = aws_eip.vip.id" in association
    assert "network_interface_id = aws_network_interface.vip.id" in association
    # The instance's own interface, launched with it, is aws_instance's.
    interfaces = {r["import_id"] for r in checked.by_type["aws_network_interface"]}
    assert interfaces - seeded["seed_resolver_load_balancers_and_scaling"].ids["aws_network_interface"] == {
        edge.interface
    }


def test_main_route_table_a_person_changed(estate):
    seeded, checked = estate
    edge = seeded["seed_interfaces_flow_logs_and_images"]
    (table,) = checked.by_type["aws_default_route_table"]
    assert table["import_id"] == edge.vpc  # imported by its VPC
    text = block(checked, "aws_default_route_table", "edge_main")
    assert f'default_route_table_id = "{edge.main_table}"' in text
    assert 'ipv6_cidr_block = "::/0"' in text
    assert "egress_only_gateway_id = aws_egress_only_internet_gateway.edge_v6.id" in text
    assert "local" not in text  # the VPC's own routes
    # The other VPCs' main tables are as AWS made them: not adopted.
    assert len(checked.by_type["aws_default_route_table"]) == 1


def test_every_main_table_with_include_defaults_and_never_twice(estate, moto_server, tmp_path):
    """With --include-defaults every VPC's main table is adopted, as
    aws_default_route_table only: aws_route_table leaves main tables to it."""
    out = tmp_path / "defaults.json"
    result = run_cli(
        "scan",
        "--endpoint-url",
        moto_server.endpoint,
        "--region",
        "us-east-1",
        "--include",
        "aws_route_table",
        "--include",
        "aws_default_route_table",
        "--include-defaults",
        "--output",
        str(out),
    )
    assert result.code == 0, result.output
    found = {}
    for resource in json.loads(out.read_text())["resources"]:
        found.setdefault(resource["type"], set()).add(resource["id"])
    tables = moto_server.client("ec2").describe_route_tables()["RouteTables"]
    main = {t["RouteTableId"] for t in tables if any(a.get("Main") for a in t["Associations"])}
    assert found["aws_default_route_table"] == main
    assert found.get("aws_route_table", set()) == {t["RouteTableId"] for t in tables} - main


def test_ami_and_launch_permission(estate):
    seeded, checked = estate
    edge = seeded["seed_interfaces_flow_logs_and_images"]
    assert [r["import_id"] for r in checked.by_type["aws_ami"]] == [edge.ami]  # only the account's own
    ami = block(checked, "aws_ami", "web_golden")
    assert 'name = "web-golden-1"' in ami and 'description = "hardened web image"' in ami
    assert "prevent_destroy = true" in ami
    assert "ebs_block_device {" in ami and "snapshot_id = " in ami
    permission = block(checked, "aws_ami_launch_permission", "web_golden")
    assert "image_id = aws_ami.web_golden.id" in permission and 'account_id = "210987654321"' in permission


def test_resolver(estate):
    seeded, checked = estate
    text = block(checked, "aws_route53_resolver_endpoint", "corp_in")
    assert 'name = "corp-in"' in text and 'direction = "INBOUND"' in text
    assert "security_group_ids = [aws_security_group.dns_in.id]" in text
    assert 'ip = "10.60.1.53"' in text and 'subnet_id = aws_subnet.apps["apps_b"].id' in text
    assert "team = " in text
    rule = block(checked, "aws_route53_resolver_rule", "corp")
    assert 'domain_name = "internal.corp.example.com"' in rule and 'rule_type = "SYSTEM"' in rule  # no final dot
    assert "target_ip" not in rule and "resolver_endpoint_id" not in rule
    association = block(checked, "aws_route53_resolver_rule_association", "apps")
    assert "resolver_rule_id = aws_route53_resolver_rule.corp.id" in association
    assert "vpc_id = aws_vpc.apps.id" in association and 'name = "corp-apps"' in association


def test_classic_load_balancer_listener_certificate_and_target(estate):
    seeded, checked = estate
    legacy = block(checked, "aws_elb", "legacy_web")
    assert 'name = "legacy"' in legacy and 'aws_subnet.apps["apps_a"].id' in legacy
    assert "security_groups = [aws_security_group.legacy_web.id]" in legacy
    assert 'lb_protocol = "http"' in legacy and "instance_port = 8080" in legacy and "lb_port = 2222" in legacy
    assert 'target = "HTTP:8080/health"' in legacy and "healthy_threshold = 2" in legacy
    assert "cross_zone_load_balancing = false" in legacy and "idle_timeout = 90" in legacy
    assert "connection_draining = true" in legacy and "connection_draining_timeout = 120" in legacy
    assert "desync_mitigation_mode" not in legacy and "instances" not in legacy
    (certificate,) = checked.by_type["aws_lb_listener_certificate"]
    text = _unaligned(checked.text("elbv2.tf"))
    assert "listener_arn = aws_lb_listener.shop_https_443.arn" in text
    assert (
        f"certificate_arn = {_address(checked, 'aws_acm_certificate', seeded['seed_resolver_load_balancers_and_scaling'].extra_certificate)}.arn"
        in text
    )
    assert certificate["import_id"].count("_arn:aws:acm:") == 1
    attachment = block(checked, "aws_lb_target_group_attachment", "shop_1")
    assert "target_group_arn = aws_lb_target_group.shop.arn" in attachment
    assert "target_id = aws_instance.shop_1.id" in attachment and "port = 8080" in attachment


def _address(checked, tf_type: str, import_id: str) -> str:
    imports = checked.text("imports.tf")
    match = re.search(rf'to = ({tf_type}\.\w+)\n\s*id\s*= "{re.escape(import_id)}"', imports)
    assert match, imports
    return match.group(1)


def test_auto_scaling_policies_schedules_and_hooks(estate):
    seeded, checked = estate
    steps = block(checked, "aws_autoscaling_policy", "workers_scale_out")
    assert "autoscaling_group_name = aws_autoscaling_group.workers.name" in steps
    assert 'policy_type = "StepScaling"' in steps and 'adjustment_type = "ChangeInCapacity"' in steps
    assert 'metric_interval_lower_bound = "0"' in steps and 'metric_interval_upper_bound = "10.5"' in steps
    assert 'metric_interval_lower_bound = "10.5"' in steps
    tracking = block(checked, "aws_autoscaling_policy", "workers_cpu_50")
    assert 'predefined_metric_type = "ASGAverageCPUUtilization"' in tracking and "target_value = 50" in tracking
    assert "disable_scale_in" not in tracking
    schedule = block(checked, "aws_autoscaling_schedule", "workers_nightly_scale_in")
    assert 'recurrence = "0 22 * * *"' in schedule and "max_size = 2" in schedule
    assert "start_time" not in schedule  # AWS moves a recurring action's next start by itself
    hook = block(checked, "aws_autoscaling_lifecycle_hook", "workers_drain")
    assert 'lifecycle_transition = "autoscaling:EC2_INSTANCE_TERMINATING"' in hook
    assert "heartbeat_timeout = 600" in hook and 'default_result = "CONTINUE"' in hook
    # (moto makes up a notification target and role for every hook: the
    # recorded test has the references to real ones.)


# -- what moto lacks ---------------------------------------------------------------------------------------


RECORDED_TYPES = [
    "aws_placement_group",
    "aws_vpn_connection",
    "aws_vpc_peering_connection",
    "aws_vpc_peering_connection_options",
    "aws_ec2_transit_gateway_vpc_attachment",
    "aws_ec2_transit_gateway_route_table",
    "aws_ec2_transit_gateway_route",
    "aws_network_interface",
    "aws_eip_association",
    "aws_route53_resolver_endpoint",
    "aws_route53_resolver_rule",
    "aws_route53_resolver_rule_association",
    "aws_autoscaling_policy",
    "aws_autoscaling_lifecycle_hook",
    "aws_flow_log",
    "aws_default_route_table",
    "aws_lb_target_group_attachment",
]


@pytest.fixture(scope="module")
def recorded(tmp_path_factory, tf_engine):
    inventory = coverage_kit.scan_recorded(
        "network/network.json", [registry.get(t) for t in RECORDED_TYPES], ["us-east-1"]
    )
    module = tmp_path_factory.mktemp("network-recorded") / "module"
    coverage_kit.generate_recorded(inventory, module)
    coverage_kit.check_module(module, tf_engine, len(inventory.resources))
    return inventory, module


def _recorded_block(module, file_name: str, tf_type: str, label: str) -> str:
    text = _unaligned((module / file_name).read_text())
    start = text.index(f'resource "{tf_type}" "{label}" {{')
    return text[start : text.index("\n}\n", start)]


def test_network_details_moto_lacks(recorded, oracle_dir):
    """Uses recordings (fixtures/network/network.json): moto has no placement
    groups, no VPN connection options or tunnels, no peerings with other
    accounts or regions, no attachments on transit gateway routes, no
    interfaces made by services, none of AWS's own resolver rules nor shared
    ones, no predictive scaling policies, makes up every lifecycle hook's
    notification target and role, and has no targets draining or of an
    Auto Scaling group's."""
    inventory, module = recorded
    assert inventory.errors == []
    found: dict[str, set[str]] = {}
    for resource in inventory.resources:
        found.setdefault(resource.type, set()).add(resource.import_id)
    assert found == {
        # The deleted group is gone.
        "aws_placement_group": {"hpc", "kafka", "db"},
        "aws_vpn_connection": {"vpn-0a1b2c3d4e5f60001"},
        # The peering another account asked for is theirs (this side would be an accepter).
        "aws_vpc_peering_connection": {"pcx-0a1b2c3d4e5f60001"},
        "aws_vpc_peering_connection_options": {"pcx-0a1b2c3d4e5f60001"},
        # Another account's VPC attached to the gateway is that account's.
        "aws_ec2_transit_gateway_vpc_attachment": {"tgw-attach-0a1b2c3d4e5f60001"},
        # The table AWS made with the gateway, and so its routes, are AWS's.
        "aws_ec2_transit_gateway_route_table": {"tgw-rtb-0a1b2c3d4e5f60002"},
        "aws_ec2_transit_gateway_route": {
            "tgw-rtb-0a1b2c3d4e5f60002_0.0.0.0/0",
            "tgw-rtb-0a1b2c3d4e5f60002_192.168.0.0/16",
        },
        # Not a load balancer's, a Lambda function's or a NAT gateway's, nor an instance's primary one.
        "aws_network_interface": {"eni-0a1b2c3d4e5f60004", "eni-0a1b2c3d4e5f60005"},
        # Not the address on an instance (aws_eip's instance), nor the NAT gateway's.
        "aws_eip_association": {"eipassoc-0a1b2c3d4e5f60005"},
        "aws_route53_resolver_endpoint": {"rslvr-out-0a1b2c3d4e5f60001"},
        # Not "Internet Resolver" (AWS's) nor the rule another account shares, nor their associations.
        "aws_route53_resolver_rule": {"rslvr-rr-0a1b2c3d4e5f60001"},
        "aws_route53_resolver_rule_association": {"rslvr-rrassoc-0a1b2c3d4e5f60001"},
        "aws_autoscaling_policy": {"web/forecast"},
        "aws_autoscaling_lifecycle_hook": {"web/drain"},
        "aws_flow_log": {"fl-0a1b2c3d4e5f60001", "fl-0a1b2c3d4e5f60002"},
        # The default VPC's main table is as AWS made it.
        "aws_default_route_table": {"vpc-0a1b2c3d4e5f60001"},
        # Not the Auto Scaling group's instance, nor one on its way out, nor an ECS service's task addresses.
        "aws_lb_target_group_attachment": {
            "arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/thumbnails/0a1b2c3d4e5f0010,"
            "arn:aws:lambda:us-east-1:123456789012:function:thumbnails,,all",
            "arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/to-alb/0a1b2c3d4e5f0006,"
            "arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/app/shop/0a1b2c3d4e5f6071,80",
        },
    }
    # The provider's example is an inbound endpoint's ID (rslvr-in-...); an
    # outbound one's differs by that word only, which the shape check cannot know.
    assert {r.import_id for r in inventory.resources if mismatch(oracle_dir, r.type, r.import_id)} == {
        "rslvr-out-0a1b2c3d4e5f60001"
    }
    everything = "".join(p.read_text() for p in module.glob("*")) + repr(inventory.resources)
    for secret in ("TunnelPskDoNotWrite1", "TunnelPskDoNotWrite2", "ConfigPskDoNotWrite1"):
        assert secret not in everything


def test_recorded_placement_groups_and_vpn(recorded):
    inventory, module = recorded
    hpc = _recorded_block(module, "ec2.tf", "aws_placement_group", "hpc")
    assert 'name = "hpc"' in hpc and 'strategy = "cluster"' in hpc and "partition_count" not in hpc
    assert 'strategy = "partition"' in _recorded_block(module, "ec2.tf", "aws_placement_group", "kafka")
    assert "partition_count = 3" in _recorded_block(module, "ec2.tf", "aws_placement_group", "kafka")
    assert 'spread_level = "rack"' in _recorded_block(module, "ec2.tf", "aws_placement_group", "db")
    vpn = _recorded_block(module, "ec2.tf", "aws_vpn_connection", "datacenter")
    assert 'transit_gateway_id = "tgw-0a1b2c3d4e5f60001"' in vpn and "static_routes_only = true" in vpn
    assert 'local_ipv4_network_cidr = "10.0.0.0/8"' in vpn and "remote_ipv4_network_cidr" not in vpn
    assert 'tunnel1_inside_cidr = "169.254.10.0/30"' in vpn and 'tunnel2_inside_cidr = "169.254.11.0/30"' in vpn
    assert 'tunnel1_phase1_encryption_algorithms = ["AES128", "AES256"]' in vpn
    assert "tunnel2_phase1_dh_group_numbers = [14]" in vpn and 'tunnel1_ike_versions = ["ikev2"]' in vpn
    assert 'tunnel1_dpd_timeout_action = "restart"' in vpn and "tunnel2_phase1_lifetime_seconds = 28800" in vpn
    assert "preshared_key" not in vpn and "enable_acceleration" not in vpn


def test_recorded_peering_transit_and_interfaces(recorded):
    inventory, module = recorded
    peering = _recorded_block(module, "ec2.tf", "aws_vpc_peering_connection", "to_partner")
    assert 'peer_owner_id = "210987654321"' in peering and 'peer_region = "eu-west-1"' in peering
    options = _recorded_block(module, "ec2.tf", "aws_vpc_peering_connection_options", "to_partner")
    assert "requester {\n    allow_remote_vpc_dns_resolution = true" in options
    assert "accepter" not in options  # the partner's account sets its side itself
    route = _recorded_block(module, "ec2.tf", "aws_ec2_transit_gateway_route", "inspection_default")
    assert "transit_gateway_attachment_id = aws_ec2_transit_gateway_vpc_attachment.inspection_vpc.id" in route
    assert "blackhole" not in route
    blackhole = _recorded_block(module, "ec2.tf", "aws_ec2_transit_gateway_route", "inspection_192_168_0_0_16")
    assert "blackhole = true" in blackhole
    attachment = _recorded_block(module, "ec2.tf", "aws_ec2_transit_gateway_vpc_attachment", "inspection_vpc")
    assert 'appliance_mode_support = "enable"' in attachment and "dns_support" not in attachment
    replication = _recorded_block(module, "ec2.tf", "aws_network_interface", "replication")
    assert 'private_ips = ["10.0.1.20", "10.0.1.21"]' in replication and "source_dest_check = false" in replication
    assert 'instance = "i-0a1b2c3d4e5f60001"' in replication and "device_index = 1" in replication
    association = _recorded_block(module, "ec2.tf", "aws_eip_association", "vip_198_51_100_5")
    assert "network_interface_id = aws_network_interface.vip.id" in association
    assert 'private_ip_address = "10.0.1.31"' in association
    main = _recorded_block(module, "ec2.tf", "aws_default_route_table", "core_main")
    assert 'destination_prefix_list_id = "pl-0a1b2c3d4e5f60001"' in main
    assert 'transit_gateway_id = "tgw-0a1b2c3d4e5f60001"' in main
    assert 'propagating_vgws = ["vgw-0a1b2c3d4e5f60001"]' in main
    # Propagated routes are the gateway's; a gateway endpoint's are aws_vpc_endpoint's.
    assert "172.16.0.0/12" not in main and "vpce-" not in main


def test_recorded_resolver_scaling_and_flow_logs(recorded):
    inventory, module = recorded
    endpoint = _recorded_block(module, "route53resolver.tf", "aws_route53_resolver_endpoint", "to_datacenter")
    assert 'resolver_endpoint_type = "DUALSTACK"' in endpoint and 'protocols = ["Do53", "DoH"]' in endpoint
    assert 'ipv6 = "2600:1f18::53"' in endpoint
    rule = _recorded_block(module, "route53resolver.tf", "aws_route53_resolver_rule", "datacenter")
    assert 'domain_name = "dc.example.com"' in rule
    assert "resolver_endpoint_id = aws_route53_resolver_endpoint.to_datacenter.id" in rule
    assert 'ip = "172.16.0.3"' in rule and "port = 853" in rule and 'protocol = "DoH"' in rule
    assert rule.count("port =") == 1 and rule.count("protocol =") == 1  # 53 and Do53 are the defaults
    forecast = _recorded_block(module, "autoscaling.tf", "aws_autoscaling_policy", "web_forecast")
    assert 'mode = "ForecastAndScale"' in forecast and 'scheduling_buffer_time = "300"' in forecast
    assert 'max_capacity_buffer = "10"' in forecast and "target_value = 40" in forecast
    assert 'predefined_metric_type = "ASGCPUUtilization"' in forecast
    hook = _recorded_block(module, "autoscaling.tf", "aws_autoscaling_lifecycle_hook", "web_drain")
    assert 'notification_target_arn = "arn:aws:sqs:us-east-1:123456789012:web-drain"' in hook
    assert 'role_arn = "arn:aws:iam::123456789012:role/web-hooks"' in hook
    assert "notification_metadata = jsonencode(" not in hook and 'notification_metadata = "{' in hook
    (hook_resource,) = [r for r in inventory.resources if r.type == "aws_autoscaling_lifecycle_hook"]
    assert {(ref.path, ref.type) for ref in hook_resource.references} >= {
        ("notification_target_arn", "aws_sqs_queue"),
        ("role_arn", "aws_iam_role"),
    }
    s3 = _recorded_block(module, "ec2.tf", "aws_flow_log", "subnet_a")
    assert 'subnet_id = "subnet-0a1b2c3d4e5f60001"' in s3 and 'log_destination_type = "s3"' in s3
    assert 'log_format = "$${srcaddr} $${dstaddr} $${action}"' in s3  # AWS's fields, not Terraform templates
    assert 'file_format = "parquet"' in s3 and "hive_compatible_partitions = true" in s3
    tgw = _recorded_block(module, "ec2.tf", "aws_flow_log", "fl_0a1b2c3d4e5f60002")
    assert "transit_gateway_attachment_id = aws_ec2_transit_gateway_vpc_attachment.inspection_vpc.id" in tgw
    assert "transit_gateway_id" not in tgw


def test_application_auto_scaling_recorded(tmp_path, tf_engine, oracle_dir):
    """Uses recordings (fixtures/network/application_autoscaling.json): moto
    cannot list a scalable target's tags.  The API lists targets one service
    namespace at a time; a namespace the endpoint does not know lists nothing."""
    types = ["aws_appautoscaling_target", "aws_appautoscaling_policy"]
    session = coverage_kit.RecordedSession("network/application_autoscaling.json")
    inventory = Scanner(session, ["us-east-1"], [registry.get(t) for t in types], concurrency=1).run()
    assert inventory.errors == []
    asked = {
        params["ServiceNamespace"]
        for _, _, operation, params in session.calls
        if operation == "DescribeScalableTargets"
    }
    assert {"ecs", "dynamodb", "lambda", "rds", "workspaces"} <= asked
    found = sorted((r.type, r.import_id) for r in inventory.resources)
    assert found == [
        ("aws_appautoscaling_policy", "dynamodb/table/orders/dynamodb:table:ReadCapacityUnits/reads-70"),
        ("aws_appautoscaling_policy", "ecs/service/shop/api/ecs:service:DesiredCount/forecast"),
        ("aws_appautoscaling_policy", "ecs/service/shop/api/ecs:service:DesiredCount/queue-depth"),
        ("aws_appautoscaling_target", "dynamodb/table/orders/dynamodb:table:ReadCapacityUnits"),
        ("aws_appautoscaling_target", "ecs/service/shop/api/ecs:service:DesiredCount"),
    ]
    assert [m for r in inventory.resources if (m := mismatch(oracle_dir, r.type, r.import_id))] == []
    module = tmp_path / "module"
    coverage_kit.generate_recorded(inventory, module)
    coverage_kit.check_module(module, tf_engine, len(inventory.resources))
    text = (module / "application-autoscaling.tf").read_text()

    def resource(label):
        unaligned = _unaligned(text)
        start = unaligned.index(f'"{label}" {{')
        return unaligned[start : unaligned.index("\n}\n", start)]

    table = resource("table_orders")
    assert 'service_namespace = "dynamodb"' in table and 'resource_id = "table/orders"' in table
    assert "min_capacity = 5" in table and "max_capacity = 100" in table and 'team = "data"' in table
    assert "role_arn" not in table and "suspended_state" not in table  # AWS's own role; nothing suspended
    service = resource("service_shop_api")
    assert 'role_arn = "arn:aws:iam::123456789012:role/ecs-autoscale"' in service
    assert "dynamic_scaling_in_suspended = true" in service and "scheduled_scaling_suspended" not in service
    reads = resource("table_orders_reads_70")
    assert 'policy_type = "TargetTrackingScaling"' in reads and "target_value = 70" in reads
    assert 'predefined_metric_type = "DynamoDBReadCapacityUtilization"' in reads and "scale_in_cooldown = 60" in reads
    steps = resource("service_shop_api_queue_depth")
    assert "policy_type" not in steps  # StepScaling is the default
    assert 'metric_interval_upper_bound = "0"' in steps and 'metric_interval_lower_bound = "100"' in steps
    assert "scaling_adjustment = -1" in steps and 'metric_aggregation_type = "Maximum"' in steps
    forecast = resource("service_shop_api_forecast")
    assert 'mode = "ForecastOnly"' in forecast and 'target_value = "60.5"' in forecast
    assert 'predefined_metric_type = "ECSServiceCPUUtilization"' in forecast


def test_a_call_over_a_required_parameter_is_one_call_per_value():
    call = Call("describe_scalable_targets", over={"ServiceNamespace": ("ecs", "dynamodb")}, params={"MaxResults": 50})
    assert call.param_sets({"MaxResults": 50}) == [
        {"MaxResults": 50, "ServiceNamespace": "ecs"},
        {"MaxResults": 50, "ServiceNamespace": "dynamodb"},
    ]
    assert Call("list_things").param_sets({}) == [{}]

    def spec(over):
        return ResourceSpec(
            tf_type="aws_appautoscaling_target",
            service="application-autoscaling",
            list=Call("describe_scalable_targets", items="ScalableTargets", params={"MaxResults": 50}, over=over),
            id="{ResourceId}",
        )

    assert any("takes a tuple" in p for p in problems(spec({"ServiceNamespace": "ecs"})))
    assert any("both params and over" in p for p in problems(spec({"MaxResults": (10,)})))


def test_recorded_targets(recorded):
    inventory, module = recorded
    text = _unaligned((module / "elbv2.tf").read_text())
    assert 'target_id = "arn:aws:lambda:us-east-1:123456789012:function:thumbnails"' in text
    assert 'availability_zone = "all"' in text
    blocks = [b for b in text.split("\n}\n") if 'resource "aws_lb_target_group_attachment"' in b]
    (function,) = [b for b in blocks if "function:thumbnails" in b]
    assert "port" not in function  # a function has no port
    (balancer,) = [b for b in blocks if "loadbalancer/app/shop" in b]
    assert "port = 80" in balancer
    assert "i-0a1b2c3d4e5f6000" not in text and "10.0.1.77" not in text
