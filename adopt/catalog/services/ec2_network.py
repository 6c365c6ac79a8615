"""VPC networking beyond the basics: NAT gateways, Elastic IPs, network ACLs and
their rules, VPC endpoints, DHCP option sets and their associations.

Not here: ``aws_main_route_table_association``.  The provider cannot import it
(it has no importer: a plan could only *create* it), and nothing AWS returns
tells the table AWS made with the VPC from one the user made main later.  The
main table is best adopted as ``aws_default_route_table`` (imported by VPC ID),
whichever table it is.
"""

from __future__ import annotations

from ..spec import (
    REGION,
    And,
    Call,
    Child,
    Const,
    Default,
    Each,
    Flag,
    Format,
    Has,
    Is,
    Join,
    JsonDocument,
    Lookup,
    Lower,
    Not,
    Or,
    Part,
    Pluck,
    Ref,
    ResourceSpec,
    Sorted,
    Str,
    Tag,
    Tags,
    Unless,
    When,
    tags_of,
)

# The catch-all deny rules AWS puts in every network ACL (IPv4 and IPv6): they
# can be neither changed nor deleted, and the provider leaves them out.
AWS_NACL_RULES = (32767, 32768)

LIVE_NAT_STATES = ("pending", "available")
LIVE_ENDPOINT_STATES = ("pendingacceptance", "pending", "available")

# -- NAT gateways and Elastic IPs ----------------------------------------------------


def _nat_addresses(item, primary):
    addresses = item.get("NatGatewayAddresses") or []
    # IsPrimary is missing from older responses: the first address is the primary one.
    flags = [a.get("IsPrimary", i == 0) for i, a in enumerate(addresses)]
    return [a for a, flag in zip(addresses, flags, strict=True) if bool(flag) is primary]


def _nat_primary_allocation(item, ctx):
    return next((a.get("AllocationId") for a in _nat_addresses(item, True)), None)


def _nat_secondary(field, connectivity):
    def value(item, ctx):
        if item.get("ConnectivityType", "public") != connectivity:
            return None
        return sorted(a[field] for a in _nat_addresses(item, False) if a.get(field)) or None

    return value


# -- network ACLs ----------------------------------------------------------------------

USER_RULE = Not(Is("RuleNumber", *AWS_NACL_RULES))
NACL_SUBNETS = Sorted(Pluck("Associations", "SubnetId"))


def inline_rules(egress: bool) -> Each:
    """The rules of a default network ACL, written inline as aws_default_network_acl wants."""
    return Each(
        "Entries",
        {
            "rule_no": "RuleNumber",
            "action": "RuleAction",
            "protocol": "Protocol",
            "cidr_block": "CidrBlock",
            "ipv6_cidr_block": "Ipv6CidrBlock",
            # from_port and to_port are required here; all-protocol rules carry none.
            "from_port": Default("PortRange.From", 0),
            "to_port": Default("PortRange.To", 0),
            "icmp_type": "IcmpTypeCode.Type",
            "icmp_code": "IcmpTypeCode.Code",
        },
        where=And(Has("Egress") if egress else Not(Has("Egress")), USER_RULE),
        sort_by="rule_no",
    )


# -- DHCP option sets --------------------------------------------------------------------


def dhcp_values(key: str) -> Pluck:
    return Pluck(Lookup("DhcpConfigurations", key, value_field="Values"), "Value")


def dhcp_single(key: str) -> Join:
    return Join(dhcp_values(key), " ")


def _default_dhcp_options(item, ctx):
    """The set AWS makes in each region for the default VPC: Amazon DNS and the
    region's internal domain, untagged.  (A user's identical copy would be tagged.)"""
    domain = "ec2.internal" if ctx.region == "us-east-1" else f"{ctx.region}.compute.internal"
    configured = {c.get("Key") for c in item.get("DhcpConfigurations") or []}
    return (
        configured == {"domain-name", "domain-name-servers"}
        and dhcp_values("domain-name")(item, ctx) == [domain]
        and dhcp_values("domain-name-servers")(item, ctx) == ["AmazonProvidedDNS"]
        and not tags_of(item.get("Tags"))
    )


# -- VPC endpoints ---------------------------------------------------------------------

ENDPOINT_TYPE = Or("VpcEndpointType", Const("Gateway"))


SPECS = [
    ResourceSpec(
        tf_type="aws_eip",
        batch_group="network",
        service="ec2",
        list=Call("describe_addresses", items="Addresses"),
        include=Has("AllocationId"),  # EC2-Classic addresses are gone
        # Addresses a service manages for itself (a load balancer's) are not the user's.
        is_default=Has("ServiceManaged"),
        id="{AllocationId}",
        arn="arn:aws:ec2:{region}:{account}:elastic-ip/{AllocationId}",
        # A released public address can never be had back: DNS records and allow-lists point at it.
        stateful=True,
        exports={"public_ip": "PublicIp"},  # what an A record or an allow list holds
        arguments={
            "domain": "Domain",
            # An address on an instance; other associations (a NAT gateway's
            # interface) belong to the resource holding the interface.
            "instance": "InstanceId",
            # Equal to the region unless the address lives in a Local Zone.
            "network_border_group": Unless("NetworkBorderGroup", REGION),
            "public_ipv4_pool": "PublicIpv4Pool",
            "customer_owned_ipv4_pool": "CustomerOwnedIpv4Pool",
            "tags": Tags(),
        },
        defaults={"domain": "vpc", "public_ipv4_pool": "amazon"},
        references={"instance": Ref("aws_instance")},
    ),
    ResourceSpec(
        tf_type="aws_nat_gateway",
        batch_group="network",
        risk="network",
        service="ec2",
        list=Call("describe_nat_gateways", items="NatGateways"),
        include=Is("State", *LIVE_NAT_STATES),
        id="{NatGatewayId}",
        arn="arn:aws:ec2:{region}:{account}:natgateway/{NatGatewayId}",
        arguments={
            "subnet_id": "SubnetId",
            "connectivity_type": "ConnectivityType",
            "allocation_id": _nat_primary_allocation,
            "secondary_allocation_ids": _nat_secondary("AllocationId", "public"),
            "secondary_private_ip_addresses": _nat_secondary("PrivateIp", "private"),
            "tags": Tags(),
        },
        defaults={"connectivity_type": "public"},
        references={
            "subnet_id": Ref("aws_subnet"),
            "allocation_id": Ref("aws_eip"),
            "secondary_allocation_ids[*]": Ref("aws_eip"),
        },
    ),
    ResourceSpec(
        tf_type="aws_network_acl",
        batch_group="network",
        risk="network",
        service="ec2",
        list=Call("describe_network_acls", items="NetworkAcls"),
        # The default ACL of each VPC is aws_default_network_acl (below): the
        # provider refuses to import it as aws_network_acl.
        include=Not(Has("IsDefault")),
        id="{NetworkAclId}",
        arn="arn:aws:ec2:{region}:{account}:network-acl/{NetworkAclId}",
        # Rules are aws_network_acl_rule resources: ingress/egress are left
        # out, which the provider then only reads (they are optional+computed),
        # so nothing manages a rule twice.
        arguments={"vpc_id": "VpcId", "subnet_ids": NACL_SUBNETS, "tags": Tags()},
        references={"vpc_id": Ref("aws_vpc"), "subnet_ids[*]": Ref("aws_subnet")},
    ),
    ResourceSpec(
        tf_type="aws_network_acl_rule",
        batch_group="network",
        risk="network",
        service="ec2",
        child=Child("aws_network_acl", items="Entries"),
        include=USER_RULE,
        id=Format("{parent.NetworkAclId}:{RuleNumber}:{Protocol}:{egress}", egress=Str(Has("Egress"))),
        label=Format("{direction}_{RuleNumber}", direction=When(Has("Egress"), Const("egress"), Const("ingress"))),
        arguments={
            "network_acl_id": "parent.NetworkAclId",
            "rule_number": "RuleNumber",
            "egress": "Egress",
            "protocol": "Protocol",  # the number AWS keeps, as the provider stores it
            "rule_action": "RuleAction",
            "cidr_block": "CidrBlock",
            "ipv6_cidr_block": "Ipv6CidrBlock",
            "from_port": "PortRange.From",
            "to_port": "PortRange.To",
            "icmp_type": "IcmpTypeCode.Type",
            "icmp_code": "IcmpTypeCode.Code",
        },
        defaults={"egress": False},
        references={"network_acl_id": Ref("aws_network_acl")},
    ),
    ResourceSpec(
        tf_type="aws_default_network_acl",
        batch_group="network",
        risk="network",
        service="ec2",
        list=Call("describe_network_acls", items="NetworkAcls"),
        include=Has("IsDefault"),
        # Every VPC comes with one: adopted only with --include-defaults.
        is_default=Const(True),
        id="{NetworkAclId}",
        arn="arn:aws:ec2:{region}:{account}:network-acl/{NetworkAclId}",
        label=Or(Tag("Name"), Format("default_{VpcId}")),
        # This resource owns its rules and subnets exhaustively (an omitted
        # rule would be deleted), so all of them are written inline.
        arguments={
            "default_network_acl_id": "NetworkAclId",
            "subnet_ids": NACL_SUBNETS,
            "ingress": inline_rules(egress=False),
            "egress": inline_rules(egress=True),
            "tags": Tags(),
        },
        references={"subnet_ids[*]": Ref("aws_subnet")},
    ),
    ResourceSpec(
        tf_type="aws_vpc_endpoint",
        batch_group="network",
        service="ec2",
        risk="privilege",
        list=Call("describe_vpc_endpoints", items="VpcEndpoints"),
        include=Is(Lower("State"), None, *LIVE_ENDPOINT_STATES),
        # Endpoints a service creates in the user's VPC for itself.
        is_default=Has("RequesterManaged"),
        id="{VpcEndpointId}",
        arn="arn:aws:ec2:{region}:{account}:vpc-endpoint/{VpcEndpointId}",
        label=Or(Tag("Name"), Part("ServiceName", ".", -1)),
        arguments={
            "vpc_id": "VpcId",
            "service_name": "ServiceName",
            "service_network_arn": "ServiceNetworkArn",
            "resource_configuration_arn": "ResourceConfigurationArn",
            "vpc_endpoint_type": ENDPOINT_TYPE,
            "route_table_ids": Sorted("RouteTableIds"),
            "subnet_ids": Sorted("SubnetIds"),
            "security_group_ids": Sorted(Pluck("Groups", "GroupId")),
            # Gateway endpoints have no DNS names of their own.
            "private_dns_enabled": When(Not(Is(ENDPOINT_TYPE, "Gateway")), "PrivateDnsEnabled"),
            "ip_address_type": "IpAddressType",
            # The one DNS option that is not computed.
            "dns_options": {
                "private_dns_only_for_inbound_resolver_endpoint": Flag(
                    "DnsOptions.PrivateDnsOnlyForInboundResolverEndpoint"
                ),
            },
            "policy": JsonDocument("PolicyDocument"),
            "tags": Tags(),
        },
        defaults={"vpc_endpoint_type": "Gateway", "ip_address_type": "ipv4"},
        references={
            "vpc_id": Ref("aws_vpc"),
            "route_table_ids[*]": Ref("aws_route_table"),
            "subnet_ids[*]": Ref("aws_subnet"),
            "security_group_ids[*]": Ref("aws_security_group"),
        },
    ),
    ResourceSpec(
        tf_type="aws_vpc_dhcp_options",
        batch_group="network",
        service="ec2",
        list=Call("describe_dhcp_options", items="DhcpOptions"),
        is_default=_default_dhcp_options,
        id="{DhcpOptionsId}",
        arn="arn:aws:ec2:{region}:{account}:dhcp-options/{DhcpOptionsId}",
        arguments={
            "domain_name": dhcp_single("domain-name"),
            "domain_name_servers": dhcp_values("domain-name-servers"),
            "ntp_servers": dhcp_values("ntp-servers"),
            "netbios_name_servers": dhcp_values("netbios-name-servers"),
            "netbios_node_type": dhcp_single("netbios-node-type"),
            "ipv6_address_preferred_lease_time": dhcp_single("ipv6-address-preferred-lease-time"),
            "tags": Tags(),
        },
    ),
    ResourceSpec(
        tf_type="aws_vpc_dhcp_options_association",
        batch_group="network",
        service="ec2",
        # The VPCs using each option set (VPCs on AWS's default set are skipped with it).
        child=Child("aws_vpc_dhcp_options", call=Call("describe_vpcs", items="Vpcs"), join="DhcpOptionsId"),
        id="{VpcId}",
        label_from="vpc_id",  # named after its VPC
        label="VpcId",
        arguments={"vpc_id": "VpcId", "dhcp_options_id": "parent.DhcpOptionsId"},
        references={"vpc_id": Ref("aws_vpc"), "dhcp_options_id": Ref("aws_vpc_dhcp_options")},
    ),
]
