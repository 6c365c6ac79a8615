"""EC2 and VPC networking: VPCs, subnets, gateways, route tables, security groups, instances."""

from __future__ import annotations

from ..spec import (
    And,
    Arn,
    BatchGroup,
    Call,
    Child,
    Const,
    First,
    Format,
    Has,
    HasTag,
    InlineIn,
    Is,
    Map,
    NameFromArn,
    Not,
    Or,
    Pluck,
    Ref,
    ResourceSpec,
    Some,
    Sorted,
    StartsWith,
    Tags,
    When,
)

ROUTE_DESTINATION = Or("DestinationCidrBlock", "DestinationIpv6CidrBlock", "DestinationPrefixListId")
ASSOCIATION_TARGET = Or("SubnetId", "GatewayId")
ALL_PROTOCOLS = Is("IpProtocol", "-1")


def _route_in_table_state(route, table_state):
    """An inline ``route`` of an aws_route_table state with the same destination."""
    destination = (
        ("cidr_block", route.get("destination_cidr_block")),
        ("ipv6_cidr_block", route.get("destination_ipv6_cidr_block")),
        ("destination_prefix_list_id", route.get("destination_prefix_list_id")),
    )
    return any(
        any(value and inline.get(key) == value for key, value in destination)
        for inline in table_state.get("route") or []
    )


def _rule_in_group_state(direction):
    """An inline ``ingress``/``egress`` entry of an aws_security_group state
    covering this rule: same protocol and ports, and this rule's one source
    among the entry's (an inline entry may hold several)."""

    def managed(rule, group_state):
        protocol = str(rule.get("ip_protocol"))
        ports = (rule.get("from_port"), rule.get("to_port")) if protocol != "-1" else (0, 0)
        for entry in group_state.get(direction) or []:
            if str(entry.get("protocol")) not in (protocol, "all" if protocol == "-1" else protocol):
                continue
            if (entry.get("from_port"), entry.get("to_port")) != ports:
                continue
            referenced = rule.get("referenced_security_group_id")
            if (
                rule.get("cidr_ipv4") in (entry.get("cidr_blocks") or [])
                or rule.get("cidr_ipv6") in (entry.get("ipv6_cidr_blocks") or [])
                or rule.get("prefix_list_id") in (entry.get("prefix_list_ids") or [])
                or referenced in (entry.get("security_groups") or [])
                or (entry.get("self") and referenced == rule.get("security_group_id"))
            ):
                return True
        return False

    return managed


def _rule_spec(tf_type: str, egress: bool) -> ResourceSpec:
    return ResourceSpec(
        tf_type=tf_type,
        service="ec2",
        batch_group="network",
        risk="network",
        # One listing of the region's rules, each joined to its group.
        child=Child(
            "aws_security_group",
            call=Call("describe_security_group_rules", items="SecurityGroupRules"),
            join="GroupId",
        ),
        include=Has("IsEgress") if egress else Not(Has("IsEgress")),
        id="{SecurityGroupRuleId}",
        arn="arn:aws:ec2:{region}:{account}:security-group-rule/{SecurityGroupRuleId}",
        label=Format(
            ("egress" if egress else "ingress") + "_{port}", port=When(ALL_PROTOCOLS, Const("all"), "FromPort")
        ),
        arguments={
            "security_group_id": "GroupId",
            "description": "Description",
            "ip_protocol": "IpProtocol",
            # All-protocol rules (-1) carry no ports; Terraform wants them left out.
            "from_port": When(Not(ALL_PROTOCOLS), "FromPort"),
            "to_port": When(Not(ALL_PROTOCOLS), "ToPort"),
            "cidr_ipv4": "CidrIpv4",
            "cidr_ipv6": "CidrIpv6",
            "prefix_list_id": "PrefixListId",
            "referenced_security_group_id": "ReferencedGroupInfo.GroupId",
            "tags": Tags(),
        },
        references={
            "security_group_id": Ref("aws_security_group"),
            "referenced_security_group_id": Ref("aws_security_group"),
            "prefix_list_id": Ref("aws_ec2_managed_prefix_list"),
        },
        inline_in=(
            InlineIn(
                "aws_security_group",
                "security_group_id",
                "egress" if egress else "ingress",
                _rule_in_group_state("egress" if egress else "ingress"),
            ),
        ),
    )


# A VPC's plumbing is batched together, after IAM and before what runs in it.
BATCH_GROUPS = (BatchGroup("network", rank=1),)

SPECS = [
    ResourceSpec(
        tf_type="aws_vpc",
        service="ec2",
        container=True,
        batch_group="network",
        list=Call("describe_vpcs", items="Vpcs"),
        details=(
            Call(
                "describe_vpc_attribute",
                params={"VpcId": "{VpcId}", "Attribute": "enableDnsSupport"},
            ),
            Call(
                "describe_vpc_attribute",
                params={"VpcId": "{VpcId}", "Attribute": "enableDnsHostnames"},
            ),
        ),
        id="{VpcId}",
        arn="arn:aws:ec2:{region}:{account}:vpc/{VpcId}",
        is_default=Has("IsDefault"),
        member_identity=("cidr_block",),
        arguments={
            "cidr_block": "CidrBlock",
            "instance_tenancy": "InstanceTenancy",
            "enable_dns_support": "EnableDnsSupport.Value",
            "enable_dns_hostnames": "EnableDnsHostnames.Value",
            "tags": Tags(),
        },
        defaults={
            "instance_tenancy": "default",
            "enable_dns_support": True,
            "enable_dns_hostnames": False,
        },
    ),
    ResourceSpec(
        tf_type="aws_subnet",
        service="ec2",
        batch_group="network",
        list=Call("describe_subnets", items="Subnets"),
        id="{SubnetId}",
        arn=Arn("{SubnetArn}", "ec2", "subnet"),
        is_default=Has("DefaultForAz"),
        member_identity=("cidr_block", "ipv6_cidr_block"),
        arguments={
            "vpc_id": "VpcId",
            "cidr_block": "CidrBlock",
            "availability_zone": "AvailabilityZone",
            "map_public_ip_on_launch": "MapPublicIpOnLaunch",
            "assign_ipv6_address_on_creation": "AssignIpv6AddressOnCreation",
            "ipv6_cidr_block": First("Ipv6CidrBlockAssociationSet", "Ipv6CidrBlock"),
            "tags": Tags(),
        },
        defaults={
            "map_public_ip_on_launch": False,
            "assign_ipv6_address_on_creation": False,
        },
        references={"vpc_id": Ref("aws_vpc")},
    ),
    ResourceSpec(
        tf_type="aws_internet_gateway",
        service="ec2",
        batch_group="network",
        list=Call("describe_internet_gateways", items="InternetGateways"),
        id="{InternetGatewayId}",
        arn="arn:aws:ec2:{region}:{account}:internet-gateway/{InternetGatewayId}",
        arguments={"vpc_id": First("Attachments", "VpcId"), "tags": Tags()},
        references={"vpc_id": Ref("aws_vpc")},
        default_with=("vpc_id",),
    ),
    ResourceSpec(
        tf_type="aws_route_table",
        service="ec2",
        batch_group="network",
        risk="network",
        list=Call("describe_route_tables", items="RouteTables"),
        id="{RouteTableId}",
        arn="arn:aws:ec2:{region}:{account}:route-table/{RouteTableId}",
        # The main table comes with its VPC: it is aws_default_route_table
        # (services/ec2_network.py), which holds its routes inline.
        include=Not(Some("Associations", Has("Main"))),
        arguments={"vpc_id": "VpcId", "tags": Tags()},
        references={"vpc_id": Ref("aws_vpc")},
    ),
    ResourceSpec(
        tf_type="aws_route",
        service="ec2",
        batch_group="network",
        risk="network",
        child=Child("aws_route_table", items="Routes"),
        # The local route comes with the VPC; propagated routes belong to a
        # gateway; a gateway endpoint's routes belong to aws_vpc_endpoint
        # (route_table_ids), and the provider refuses to import them as aws_route.
        include=And(Is("Origin", "CreateRoute"), Not(Is("GatewayId", "local")), Not(StartsWith("GatewayId", "vpce-"))),
        id=Format("{parent.RouteTableId}_{destination}", destination=ROUTE_DESTINATION),
        label=Map(ROUTE_DESTINATION, {"0.0.0.0/0": "default", "::/0": "default_ipv6"}),
        arguments={
            "route_table_id": "parent.RouteTableId",
            "destination_cidr_block": "DestinationCidrBlock",
            "destination_ipv6_cidr_block": "DestinationIpv6CidrBlock",
            "destination_prefix_list_id": "DestinationPrefixListId",
            "gateway_id": "GatewayId",
            "nat_gateway_id": "NatGatewayId",
            "network_interface_id": When(Not(Has("InstanceId")), "NetworkInterfaceId"),
            "vpc_peering_connection_id": "VpcPeeringConnectionId",
            "transit_gateway_id": "TransitGatewayId",
            "egress_only_gateway_id": "EgressOnlyInternetGatewayId",
            "carrier_gateway_id": "CarrierGatewayId",
            "local_gateway_id": "LocalGatewayId",
            "core_network_arn": "CoreNetworkArn",
        },
        references={
            "route_table_id": Ref("aws_route_table"),
            "gateway_id": Ref("aws_internet_gateway"),
            "nat_gateway_id": Ref("aws_nat_gateway"),
            "vpc_peering_connection_id": Ref("aws_vpc_peering_connection"),
            "transit_gateway_id": Ref("aws_ec2_transit_gateway"),
            "egress_only_gateway_id": Ref("aws_egress_only_internet_gateway"),
            "network_interface_id": Ref("aws_network_interface"),
            "destination_prefix_list_id": Ref("aws_ec2_managed_prefix_list"),
        },
        # The state id of a route is made up ("r-rtb-...123"): it is known by
        # its table and destination.
        identity=(
            "route_table_id",
            "destination_cidr_block",
            "destination_ipv6_cidr_block",
            "destination_prefix_list_id",
        ),
        inline_in=(InlineIn("aws_route_table", "route_table_id", "route", _route_in_table_state),),
    ),
    ResourceSpec(
        tf_type="aws_route_table_association",
        service="ec2",
        batch_group="network",
        risk="network",
        child=Child("aws_route_table", items="Associations"),
        include=And(Not(Has("Main")), ASSOCIATION_TARGET),
        id="{RouteTableAssociationId}",
        import_id=Format("{target}/{RouteTableId}", target=ASSOCIATION_TARGET),
        label_from="subnet_id",  # named after its subnet: "public_a"
        label=ASSOCIATION_TARGET,
        arguments={
            "route_table_id": "RouteTableId",
            "subnet_id": "SubnetId",
            "gateway_id": "GatewayId",
        },
        references={
            "route_table_id": Ref("aws_route_table"),
            "subnet_id": Ref("aws_subnet"),
            "gateway_id": Ref("aws_internet_gateway"),
        },
    ),
    ResourceSpec(
        tf_type="aws_security_group",
        service="ec2",
        batch_group="network",
        risk="network",
        list=Call("describe_security_groups", items="SecurityGroups"),
        id="{GroupId}",
        arn="arn:aws:ec2:{region}:{account}:security-group/{GroupId}",
        name="GroupName",
        is_default=Is("GroupName", "default"),
        # Rules are their own resources (below), so groups that allow each
        # other form no cycle and every rule is reviewed on its own line.
        arguments={
            "name": "GroupName",
            "description": "Description",
            "vpc_id": "VpcId",
            "tags": Tags(),
        },
        references={"vpc_id": Ref("aws_vpc")},
    ),
    _rule_spec("aws_vpc_security_group_ingress_rule", egress=False),
    _rule_spec("aws_vpc_security_group_egress_rule", egress=True),
    ResourceSpec(
        tf_type="aws_instance",
        service="ec2",
        list=Call("describe_instances", items="Reservations[].Instances"),
        include=Not(Is("State.Name", "terminated", "shutting-down")),
        # The group owns its instances: adopting them would fight its scaling.
        is_default=HasTag("aws:autoscaling:groupName"),
        id="{InstanceId}",
        arn="arn:aws:ec2:{region}:{account}:instance/{InstanceId}",
        arguments={
            "ami": "ImageId",
            "instance_type": "InstanceType",
            "subnet_id": "SubnetId",
            "vpc_security_group_ids": Sorted(Pluck("SecurityGroups", "GroupId")),
            "key_name": "KeyName",
            "iam_instance_profile": NameFromArn("IamInstanceProfile.Arn"),
            "ebs_optimized": "EbsOptimized",
            "monitoring": Map(
                "Monitoring.State",
                {"enabled": True, "disabled": False, "pending": True},
            ),
            "source_dest_check": "SourceDestCheck",
            "tenancy": "Placement.Tenancy",
            "tags": Tags(),
        },
        defaults={
            "ebs_optimized": False,
            "monitoring": False,
            "source_dest_check": True,
            "tenancy": "default",
        },
        references={
            "subnet_id": Ref("aws_subnet"),
            "vpc_security_group_ids[*]": Ref("aws_security_group"),
            "iam_instance_profile": Ref("aws_iam_instance_profile", "name"),
            "key_name": Ref("aws_key_pair", "id"),  # a key pair's id is its name
        },
    ),
]
