"""VPC networking beyond the basics: NAT gateways, Elastic IPs, network ACLs and
their rules, VPC endpoints, DHCP option sets and their associations.

Not here: ``aws_main_route_table_association``.  The provider cannot import it
(it has no importer: a plan could only *create* it), and nothing AWS returns
tells the table AWS made with the VPC from one the user made main later.  The
main table is best adopted as ``aws_default_route_table`` (imported by VPC ID),
whichever table it is.
"""

from __future__ import annotations

from ..spec import Call, JsonDocument, Ref, ResourceSpec, Tags

# The catch-all deny rules AWS puts in every network ACL (IPv4 and IPv6): they
# can be neither changed nor deleted, and the provider leaves them out.
AWS_NACL_RULES = (32767, 32768)

LIVE_NAT_STATES = ("pending", "available")
LIVE_ENDPOINT_STATES = ("pendingacceptance", "pending", "available")


def _sorted(path, field=None):
    """A sorted list (of one field of each element): sets, written in a stable order."""

    def value(item, ctx):
        raw = item.get(path) or []
        values = [e.get(field) if field else e for e in raw]
        return sorted(v for v in values if v) or None

    return value


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


def _network_border_group(item, ctx):
    # Equal to the region unless the address lives in a Local Zone.
    group = item.get("NetworkBorderGroup")
    return None if group == ctx.region else group


# -- network ACLs ----------------------------------------------------------------------


def _nacl_subnets(item, ctx):
    return sorted(a["SubnetId"] for a in item.get("Associations") or [] if a.get("SubnetId")) or None


def _user_rule(item, ctx):
    return item.get("RuleNumber") not in AWS_NACL_RULES


def _rule_id(item, ctx):
    egress = "true" if item.get("Egress") else "false"
    return f"{ctx.parent['NetworkAclId']}:{item['RuleNumber']}:{item['Protocol']}:{egress}"


def _inline_rules(egress: bool):
    """The rules of a default network ACL, written inline as aws_default_network_acl wants."""

    def value(item, ctx):
        rules = [
            {
                "rule_no": e["RuleNumber"],
                "action": e.get("RuleAction"),
                "protocol": e.get("Protocol"),
                "cidr_block": e.get("CidrBlock"),
                "ipv6_cidr_block": e.get("Ipv6CidrBlock"),
                # from_port and to_port are required here; all-protocol rules carry none.
                "from_port": (e.get("PortRange") or {}).get("From", 0),
                "to_port": (e.get("PortRange") or {}).get("To", 0),
                "icmp_type": (e.get("IcmpTypeCode") or {}).get("Type"),
                "icmp_code": (e.get("IcmpTypeCode") or {}).get("Code"),
            }
            for e in item.get("Entries") or []
            if bool(e.get("Egress")) is egress and _user_rule(e, ctx)
        ]
        return sorted(rules, key=lambda r: r["rule_no"]) or None

    return value


# -- DHCP option sets --------------------------------------------------------------------


def _dhcp_values(item, key):
    for config in item.get("DhcpConfigurations") or []:
        if config.get("Key") == key:
            return [v.get("Value") if isinstance(v, dict) else v for v in config.get("Values") or []]
    return None


def _dhcp_list(key):
    return lambda item, ctx: _dhcp_values(item, key)


def _dhcp_single(key):
    def value(item, ctx):
        values = _dhcp_values(item, key)
        return " ".join(values) if values else None

    return value


def _default_dhcp_options(item, ctx):
    """The set AWS makes in each region for the default VPC: Amazon DNS and the
    region's internal domain, untagged.  (A user's identical copy would be tagged.)"""
    domain = "ec2.internal" if ctx.region == "us-east-1" else f"{ctx.region}.compute.internal"
    configured = {c.get("Key") for c in item.get("DhcpConfigurations") or []}
    return (
        configured == {"domain-name", "domain-name-servers"}
        and _dhcp_values(item, "domain-name") == [domain]
        and _dhcp_values(item, "domain-name-servers") == ["AmazonProvidedDNS"]
        and not Tags().evaluate(item, ctx)
    )


# -- VPC endpoints ---------------------------------------------------------------------


def _endpoint_type(item, ctx):
    return item.get("VpcEndpointType") or "Gateway"


def _interface_only(path):
    # Gateway endpoints have no DNS names of their own.
    return lambda item, ctx: item.get(path) if _endpoint_type(item, ctx) != "Gateway" else None


SPECS = [
    ResourceSpec(
        tf_type="aws_eip",
        batch_group="network",
        service="ec2",
        list=Call("describe_addresses", items="Addresses"),
        include=lambda item, ctx: bool(item.get("AllocationId")),  # EC2-Classic addresses are gone
        # Addresses a service manages for itself (a load balancer's) are not the user's.
        is_default=lambda item, ctx: bool(item.get("ServiceManaged")),
        id="{AllocationId}",
        arn="arn:aws:ec2:{region}:{account}:elastic-ip/{AllocationId}",
        # A released public address can never be had back: DNS records and allow-lists point at it.
        stateful=True,
        arguments={
            "domain": "Domain",
            # An address on an instance; other associations (a NAT gateway's
            # interface) belong to the resource holding the interface.
            "instance": "InstanceId",
            "network_border_group": _network_border_group,
            "public_ipv4_pool": "PublicIpv4Pool",
            "customer_owned_ipv4_pool": "CustomerOwnedIpv4Pool",
            "tags": Tags(),
        },
        defaults={"domain": "vpc", "public_ipv4_pool": "amazon"},
        references={"instance": Ref("aws_instance")},
        emulator_gaps="moto has no service-managed addresses",
    ),
    ResourceSpec(
        tf_type="aws_nat_gateway",
        batch_group="network",
        risk="network",
        service="ec2",
        list=Call("describe_nat_gateways", items="NatGateways"),
        include=lambda item, ctx: item.get("State") in LIVE_NAT_STATES,
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
        emulator_gaps="moto reports no primary flag (IsPrimary) and no secondary addresses on NAT gateways",
    ),
    ResourceSpec(
        tf_type="aws_network_acl",
        batch_group="network",
        risk="network",
        service="ec2",
        list=Call("describe_network_acls", items="NetworkAcls"),
        # The default ACL of each VPC is aws_default_network_acl (below): the
        # provider refuses to import it as aws_network_acl.
        include=lambda item, ctx: not item.get("IsDefault"),
        id="{NetworkAclId}",
        arn="arn:aws:ec2:{region}:{account}:network-acl/{NetworkAclId}",
        # Rules are aws_network_acl_rule resources: ingress/egress are left
        # out, which the provider then only reads (they are optional+computed),
        # so nothing manages a rule twice.
        arguments={"vpc_id": "VpcId", "subnet_ids": _nacl_subnets, "tags": Tags()},
        references={"vpc_id": Ref("aws_vpc"), "subnet_ids[*]": Ref("aws_subnet")},
    ),
    ResourceSpec(
        tf_type="aws_network_acl_rule",
        batch_group="network",
        risk="network",
        service="ec2",
        parent="aws_network_acl",
        items_from="Entries",
        include=_user_rule,
        id=_rule_id,
        label=lambda item, ctx: f"{'egress' if item.get('Egress') else 'ingress'}_{item['RuleNumber']}",
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
        emulator_gaps="moto adds no catch-all rules (32767, 32768) to a new network ACL and drops ICMP types",
    ),
    ResourceSpec(
        tf_type="aws_default_network_acl",
        batch_group="network",
        risk="network",
        service="ec2",
        list=Call("describe_network_acls", items="NetworkAcls"),
        include=lambda item, ctx: bool(item.get("IsDefault")),
        # Every VPC comes with one: adopted only with --include-defaults.
        is_default=lambda item, ctx: True,
        id="{NetworkAclId}",
        arn="arn:aws:ec2:{region}:{account}:network-acl/{NetworkAclId}",
        label=lambda item, ctx: (Tags().evaluate(item, ctx) or {}).get("Name") or f"default_{item['VpcId']}",
        # This resource owns its rules and subnets exhaustively (an omitted
        # rule would be deleted), so all of them are written inline.
        arguments={
            "default_network_acl_id": "NetworkAclId",
            "subnet_ids": _nacl_subnets,
            "ingress": _inline_rules(egress=False),
            "egress": _inline_rules(egress=True),
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
        include=lambda item, ctx: str(item.get("State", "available")).lower() in LIVE_ENDPOINT_STATES,
        # Endpoints a service creates in the user's VPC for itself.
        is_default=lambda item, ctx: bool(item.get("RequesterManaged")),
        id="{VpcEndpointId}",
        arn="arn:aws:ec2:{region}:{account}:vpc-endpoint/{VpcEndpointId}",
        label=lambda item, ctx: (
            (Tags().evaluate(item, ctx) or {}).get("Name") or str(item.get("ServiceName", "")).rsplit(".", 1)[-1]
        ),
        arguments={
            "vpc_id": "VpcId",
            "service_name": "ServiceName",
            "service_network_arn": "ServiceNetworkArn",
            "resource_configuration_arn": "ResourceConfigurationArn",
            "vpc_endpoint_type": _endpoint_type,
            "route_table_ids": _sorted("RouteTableIds"),
            "subnet_ids": _sorted("SubnetIds"),
            "security_group_ids": _sorted("Groups", "GroupId"),
            "private_dns_enabled": _interface_only("PrivateDnsEnabled"),
            "ip_address_type": "IpAddressType",
            # The one DNS option that is not computed.
            "dns_options": {
                "private_dns_only_for_inbound_resolver_endpoint": lambda item, ctx: (
                    (item.get("DnsOptions") or {}).get("PrivateDnsOnlyForInboundResolverEndpoint") or None
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
        emulator_gaps="moto has no endpoints made by a service (RequesterManaged) and drops the IP address type",
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
            "domain_name": _dhcp_single("domain-name"),
            "domain_name_servers": _dhcp_list("domain-name-servers"),
            "ntp_servers": _dhcp_list("ntp-servers"),
            "netbios_name_servers": _dhcp_list("netbios-name-servers"),
            "netbios_node_type": _dhcp_single("netbios-node-type"),
            "ipv6_address_preferred_lease_time": _dhcp_single("ipv6-address-preferred-lease-time"),
            "tags": Tags(),
        },
        emulator_gaps="moto has no default DHCP option set",
    ),
    ResourceSpec(
        tf_type="aws_vpc_dhcp_options_association",
        batch_group="network",
        service="ec2",
        parent="aws_vpc_dhcp_options",
        # The VPCs using each option set (VPCs on AWS's default set are skipped with it).
        list=Call("describe_vpcs", items="Vpcs"),
        join="DhcpOptionsId",
        join_parent="DhcpOptionsId",
        id="{VpcId}",
        label_from="vpc_id",  # named after its VPC
        label="VpcId",
        arguments={"vpc_id": "VpcId", "dhcp_options_id": "parent.DhcpOptionsId"},
        references={"vpc_id": Ref("aws_vpc"), "dhcp_options_id": Ref("aws_vpc_dhcp_options")},
        emulator_gaps="moto has no default DHCP option set",
    ),
]
