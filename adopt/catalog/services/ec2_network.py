"""VPC networking beyond the basics: NAT gateways, Elastic IPs, network ACLs and
their rules, VPC endpoints, DHCP option sets and their associations; peering,
transit gateways and site-to-site VPN; egress-only gateways, flow logs, prefix
lists, secondary CIDR blocks, network interfaces, and the main route table.

Not here: ``aws_main_route_table_association``.  The provider cannot import it
(it has no importer: a plan could only *create* it), and nothing AWS returns
tells the table AWS made with the VPC from one the user made main later.  The
main table is best adopted as ``aws_default_route_table`` (imported by VPC ID),
whichever table it is.
"""

from __future__ import annotations

from ..spec import (
    ARN_TARGET,
    REGION,
    And,
    Arn,
    Call,
    Child,
    Const,
    Default,
    Each,
    First,
    Flag,
    Format,
    Has,
    Is,
    Join,
    JsonDocument,
    Keep,
    ListOf,
    Lookup,
    Lower,
    Map,
    Not,
    Or,
    Part,
    Path,
    Pluck,
    Ref,
    ResourceSpec,
    Some,
    Sorted,
    StartsWith,
    Str,
    Tag,
    Tags,
    Unless,
    When,
    evaluate,
    get_path,
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

# -- peering, transit gateways and VPN ---------------------------------------------------

LIVE_PEERING_STATES = ("pending-acceptance", "provisioning", "active")
GONE_ATTACHMENT_STATES = ("deleting", "deleted", "failed", "failing", "rejected", "rejecting")
LIVE_GATEWAY_STATES = ("pending", "available")
TUNNELS = ("tunnel1", "tunnel2")


def in_this_account(path: str):
    """The owner at ``path`` is the account scanned (not a peer's, nor a list AWS or another account shares)."""

    def owned(item, ctx):
        return ctx.account is None or get_path(item, path) == ctx.account

    return owned


def other_account(path: str):
    """The account at ``path`` when it is not the one scanned (written only for a peer elsewhere)."""

    def value(item, ctx):
        owner = get_path(item, path)
        return None if owner == ctx.account else owner

    return value


def _requested_here(item, ctx):
    """The requester's side of a peering (the accepter's is aws_vpc_peering_connection_accepter)."""
    requester = item.get("RequesterVpcInfo") or {}
    return requester.get("Region", ctx.region) == ctx.region and in_this_account("RequesterVpcInfo.OwnerId")(item, ctx)


def _accepted_here(item, ctx):
    """The accepter's side is this account's, in this region: its options are set from here too."""
    accepter = item.get("AccepterVpcInfo") or {}
    return accepter.get("Region", ctx.region) == ctx.region and in_this_account("AccepterVpcInfo.OwnerId")(item, ctx)


def _dns_resolution(side: str) -> dict:
    return {"allow_remote_vpc_dns_resolution": f"{side}.PeeringOptions.AllowDnsResolutionFromRemoteVpc"}


REQUESTER_RESOLVES = Has("RequesterVpcInfo.PeeringOptions.AllowDnsResolutionFromRemoteVpc")
ACCEPTER_RESOLVES = And(_accepted_here, Has("AccepterVpcInfo.PeeringOptions.AllowDnsResolutionFromRemoteVpc"))


def _nth_tunnel(index: int, expr):
    """``expr`` read in the Nth tunnel's options (the API lists two)."""

    def value(item, ctx):
        tunnels = get_path(item, "Options.TunnelOptions") or []
        if len(tunnels) <= index or not isinstance(tunnels[index], dict):
            return None
        return evaluate(expr, tunnels[index], ctx)

    return value


def tunnel_arguments(index: int) -> dict:
    """The tunnelN_* settings of a VPN connection, from its Nth tunnel's options.
    Never the pre-shared key: a secret, which the provider keeps as AWS holds
    it when left out (optional and computed)."""
    name = TUNNELS[index]
    fields = {
        "inside_cidr": "TunnelInsideCidr",
        "inside_ipv6_cidr": "TunnelInsideIpv6Cidr",
        "dpd_timeout_action": "DpdTimeoutAction",
        "dpd_timeout_seconds": "DpdTimeoutSeconds",
        "enable_tunnel_lifecycle_control": "EnableTunnelLifecycleControl",
        "ike_versions": Sorted(Pluck("IkeVersions", "Value")),
        "phase1_dh_group_numbers": Sorted(Pluck("Phase1DHGroupNumbers", "Value")),
        "phase1_encryption_algorithms": Sorted(Pluck("Phase1EncryptionAlgorithms", "Value")),
        "phase1_integrity_algorithms": Sorted(Pluck("Phase1IntegrityAlgorithms", "Value")),
        "phase1_lifetime_seconds": "Phase1LifetimeSeconds",
        "phase2_dh_group_numbers": Sorted(Pluck("Phase2DHGroupNumbers", "Value")),
        "phase2_encryption_algorithms": Sorted(Pluck("Phase2EncryptionAlgorithms", "Value")),
        "phase2_integrity_algorithms": Sorted(Pluck("Phase2IntegrityAlgorithms", "Value")),
        "phase2_lifetime_seconds": "Phase2LifetimeSeconds",
        "rekey_fuzz_percentage": "RekeyFuzzPercentage",
        "rekey_margin_time_seconds": "RekeyMarginTimeSeconds",
        "replay_window_size": "ReplayWindowSize",
        "startup_action": "StartupAction",
    }
    return {f"{name}_{argument}": _nth_tunnel(index, expr) for argument, expr in fields.items()}


# -- flow logs -------------------------------------------------------------------------------

# The format AWS uses when none is given: written only when changed.
DEFAULT_FLOW_LOG_FORMAT = (
    "${version} ${account-id} ${interface-id} ${srcaddr} ${dstaddr} ${srcport} ${dstport} "
    "${protocol} ${packets} ${bytes} ${start} ${end} ${action} ${log-status}"
)


def flow_log_source(prefix: str, *not_prefixes: str) -> When:
    """The flow log's resource ID, for the argument of the kind it is (``vpc-``, ``subnet-``...)."""
    condition = StartsWith("ResourceId", prefix)
    for other in not_prefixes:
        condition = And(condition, Not(StartsWith("ResourceId", other)))
    return When(condition, "ResourceId")


# -- network interfaces -----------------------------------------------------------------------

# Made by launching an instance (its primary interface, a launch mapping):
# aws_instance describes it, and it goes with the instance.
LAUNCHED_WITH_ITS_INSTANCE = Or(
    Has("Attachment.DeleteOnTermination"),
    And(Has("Attachment.InstanceId"), Is("Attachment.DeviceIndex", 0)),
)
# Interfaces a service made in the user's subnets for itself (a load
# balancer's, a Lambda function's, a VPC endpoint's), or attached to something
# that is not an instance.
MADE_BY_A_SERVICE = Or(
    Has("RequesterManaged"),
    Has("Operator.Managed"),
    And(Has("Attachment.AttachmentId"), Not(Has("Attachment.InstanceId"))),
)

# -- the main route table ---------------------------------------------------------------------

MAIN_TABLE = Some("Associations", Has("Main"))
USER_ROUTE = And(Is("Origin", "CreateRoute"), Not(Is("GatewayId", "local")), Not(StartsWith("GatewayId", "vpce-")))


def _untouched_main_table(item, ctx):
    """A main table as AWS made it: no route, tag or propagation a person added
    (or the table of a default VPC, whose route to the internet AWS made)."""
    if any(vpc.get("IsDefault") for vpc in item.get("Vpcs") or []):
        return True
    routes = [r for r in item.get("Routes") or [] if evaluate(USER_ROUTE, r, ctx)]
    return not routes and not tags_of(item.get("Tags")) and not item.get("PropagatingVgws")


def _route_field(expr) -> Keep:
    # Each route of the set has every key: "" where unset, as the provider stores it.
    return Keep(Default(expr, ""))


INLINE_ROUTE = {
    name: _route_field(expr)
    for name, expr in {
        "cidr_block": "DestinationCidrBlock",
        "ipv6_cidr_block": "DestinationIpv6CidrBlock",
        "destination_prefix_list_id": "DestinationPrefixListId",
        "gateway_id": "GatewayId",
        "nat_gateway_id": "NatGatewayId",
        "network_interface_id": When(Not(Has("InstanceId")), "NetworkInterfaceId"),
        "instance_id": "InstanceId",
        "vpc_peering_connection_id": "VpcPeeringConnectionId",
        "transit_gateway_id": "TransitGatewayId",
        "egress_only_gateway_id": "EgressOnlyInternetGatewayId",
        "vpc_endpoint_id": Const(None),  # gateway endpoints' routes are aws_vpc_endpoint's
        "core_network_arn": "CoreNetworkArn",
    }.items()
}


def _route_table_link(tf_type: str, call: Call, live_states: tuple[str, ...]) -> ResourceSpec:
    """An attachment's association with, or propagation to, a transit gateway
    route table: the same shape, listed per table, imported as table_attachment."""
    return ResourceSpec(
        tf_type=tf_type,
        batch_group="network",
        risk="network",
        service="ec2",
        child=Child("aws_ec2_transit_gateway_route_table", call=call),
        include=Is("State", None, *live_states),
        id="{parent.TransitGatewayRouteTableId}_{TransitGatewayAttachmentId}",
        label_from="transit_gateway_attachment_id",
        label="TransitGatewayAttachmentId",
        arguments={
            "transit_gateway_attachment_id": "TransitGatewayAttachmentId",
            "transit_gateway_route_table_id": "parent.TransitGatewayRouteTableId",
        },
        references={
            "transit_gateway_attachment_id": Ref("aws_ec2_transit_gateway_vpc_attachment"),
            "transit_gateway_route_table_id": Ref("aws_ec2_transit_gateway_route_table"),
        },
    )


SPECS += [
    # -- VPC peering -----------------------------------------------------------------------
    ResourceSpec(
        tf_type="aws_vpc_peering_connection",
        batch_group="network",
        risk="network",
        service="ec2",
        list=Call("describe_vpc_peering_connections", items="VpcPeeringConnections"),
        include=And(Is("Status.Code", *LIVE_PEERING_STATES), _requested_here),
        id="{VpcPeeringConnectionId}",
        arn="arn:aws:ec2:{region}:{account}:vpc-peering-connection/{VpcPeeringConnectionId}",
        # The DNS options are aws_vpc_peering_connection_options (below), so
        # nothing manages them twice.
        arguments={
            "vpc_id": "RequesterVpcInfo.VpcId",
            "peer_vpc_id": "AccepterVpcInfo.VpcId",
            "peer_owner_id": other_account("AccepterVpcInfo.OwnerId"),
            "peer_region": Unless("AccepterVpcInfo.Region", REGION),
            "tags": Tags(),
        },
        references={"vpc_id": Ref("aws_vpc"), "peer_vpc_id": Ref("aws_vpc")},
    ),
    ResourceSpec(
        tf_type="aws_vpc_peering_connection_options",
        batch_group="network",
        risk="network",
        service="ec2",
        child=Child("aws_vpc_peering_connection", same_item=True),
        # Only once a side resolves the other's DNS names: off is AWS's default.
        # Another account's (or region's) accepter sets its side's options itself.
        include=And(Is("Status.Code", "active"), Or(REQUESTER_RESOLVES, ACCEPTER_RESOLVES)),
        id="{VpcPeeringConnectionId}",
        label_from="vpc_peering_connection_id",
        arguments={
            "vpc_peering_connection_id": "VpcPeeringConnectionId",
            "accepter": When(_accepted_here, _dns_resolution("AccepterVpcInfo")),
            "requester": _dns_resolution("RequesterVpcInfo"),
        },
        references={"vpc_peering_connection_id": Ref("aws_vpc_peering_connection")},
    ),
    # -- transit gateways ----------------------------------------------------------------------
    ResourceSpec(
        tf_type="aws_ec2_transit_gateway",
        batch_group="network",
        risk="network",
        service="ec2",
        list=Call("describe_transit_gateways", items="TransitGateways"),
        include=Is("State", "pending", "available", "modifying"),
        id="{TransitGatewayId}",
        arn=Arn("{TransitGatewayArn}", "ec2", "transit-gateway"),
        arguments={
            "description": "Description",
            "amazon_side_asn": "Options.AmazonSideAsn",
            "auto_accept_shared_attachments": "Options.AutoAcceptSharedAttachments",
            "default_route_table_association": "Options.DefaultRouteTableAssociation",
            "default_route_table_propagation": "Options.DefaultRouteTablePropagation",
            "dns_support": "Options.DnsSupport",
            "multicast_support": "Options.MulticastSupport",
            "security_group_referencing_support": "Options.SecurityGroupReferencingSupport",
            "vpn_ecmp_support": "Options.VpnEcmpSupport",
            "transit_gateway_cidr_blocks": Sorted("Options.TransitGatewayCidrBlocks"),
            "tags": Tags(),
        },
        defaults={
            "amazon_side_asn": 64512,
            "auto_accept_shared_attachments": "disable",
            "default_route_table_association": "enable",
            "default_route_table_propagation": "enable",
            "dns_support": "enable",
            "multicast_support": "disable",
            "security_group_referencing_support": "disable",
            "vpn_ecmp_support": "enable",
        },
    ),
    ResourceSpec(
        tf_type="aws_ec2_transit_gateway_vpc_attachment",
        batch_group="network",
        risk="network",
        service="ec2",
        list=Call("describe_transit_gateway_vpc_attachments", items="TransitGatewayVpcAttachments"),
        # Another account's VPC attached to a shared gateway is that account's
        # (here it would be an aws_ec2_transit_gateway_vpc_attachment_accepter).
        include=And(Not(Is("State", *GONE_ATTACHMENT_STATES)), in_this_account("VpcOwnerId")),
        id="{TransitGatewayAttachmentId}",
        arn="arn:aws:ec2:{region}:{account}:transit-gateway-attachment/{TransitGatewayAttachmentId}",
        arguments={
            "transit_gateway_id": "TransitGatewayId",
            "vpc_id": "VpcId",
            "subnet_ids": Sorted("SubnetIds"),
            "appliance_mode_support": "Options.ApplianceModeSupport",
            "dns_support": "Options.DnsSupport",
            "ipv6_support": "Options.Ipv6Support",
            "security_group_referencing_support": "Options.SecurityGroupReferencingSupport",
            "tags": Tags(),
        },
        defaults={"appliance_mode_support": "disable", "dns_support": "enable", "ipv6_support": "disable"},
        references={
            "transit_gateway_id": Ref("aws_ec2_transit_gateway"),
            "vpc_id": Ref("aws_vpc"),
            "subnet_ids[*]": Ref("aws_subnet"),
        },
    ),
    ResourceSpec(
        tf_type="aws_ec2_transit_gateway_route_table",
        batch_group="network",
        risk="network",
        service="ec2",
        list=Call("describe_transit_gateway_route_tables", items="TransitGatewayRouteTables"),
        include=Is("State", "pending", "available"),
        # The table AWS makes with a gateway that associates and propagates by default.
        is_default=Or(Has("DefaultAssociationRouteTable"), Has("DefaultPropagationRouteTable")),
        id="{TransitGatewayRouteTableId}",
        arn="arn:aws:ec2:{region}:{account}:transit-gateway-route-table/{TransitGatewayRouteTableId}",
        arguments={"transit_gateway_id": "TransitGatewayId", "tags": Tags()},
        references={"transit_gateway_id": Ref("aws_ec2_transit_gateway")},
    ),
    ResourceSpec(
        tf_type="aws_ec2_transit_gateway_route",
        batch_group="network",
        risk="network",
        service="ec2",
        child=Child(
            "aws_ec2_transit_gateway_route_table",
            call=Call(
                "search_transit_gateway_routes",
                items="Routes",
                params={
                    "TransitGatewayRouteTableId": "{parent.TransitGatewayRouteTableId}",
                    # Propagated routes belong to their attachments.
                    "Filters": [{"Name": "type", "Values": ["static"]}],
                },
            ),
        ),
        include=And(Is("Type", "static"), Has("DestinationCidrBlock")),
        id="{parent.TransitGatewayRouteTableId}_{DestinationCidrBlock}",
        label=Map("DestinationCidrBlock", {"0.0.0.0/0": "default", "::/0": "default_ipv6"}),
        arguments={
            "transit_gateway_route_table_id": "parent.TransitGatewayRouteTableId",
            "destination_cidr_block": "DestinationCidrBlock",
            "transit_gateway_attachment_id": First("TransitGatewayAttachments", "TransitGatewayAttachmentId"),
            "blackhole": And(Is("State", "blackhole"), Not(Has("TransitGatewayAttachments"))),
        },
        defaults={"blackhole": False},
        references={
            "transit_gateway_route_table_id": Ref("aws_ec2_transit_gateway_route_table"),
            "transit_gateway_attachment_id": Ref("aws_ec2_transit_gateway_vpc_attachment"),
        },
    ),
    _route_table_link(
        "aws_ec2_transit_gateway_route_table_association",
        Call(
            "get_transit_gateway_route_table_associations",
            items="Associations",
            params={"TransitGatewayRouteTableId": "{parent.TransitGatewayRouteTableId}"},
        ),
        live_states=("associating", "associated"),
    ),
    _route_table_link(
        "aws_ec2_transit_gateway_route_table_propagation",
        Call(
            "get_transit_gateway_route_table_propagations",
            items="TransitGatewayRouteTablePropagations",
            params={"TransitGatewayRouteTableId": "{parent.TransitGatewayRouteTableId}"},
        ),
        live_states=("enabling", "enabled"),
    ),
    # -- site-to-site VPN ---------------------------------------------------------------------
    # (aws_vpn_gateway_attachment cannot be imported: the gateway's vpc_id says the same.)
    ResourceSpec(
        tf_type="aws_vpn_gateway",
        batch_group="network",
        risk="network",
        service="ec2",
        list=Call("describe_vpn_gateways", items="VpnGateways"),
        include=Is("State", *LIVE_GATEWAY_STATES),
        id="{VpnGatewayId}",
        arn="arn:aws:ec2:{region}:{account}:vpn-gateway/{VpnGatewayId}",
        arguments={
            "vpc_id": First("VpcAttachments", "VpcId", where=Is("State", "attaching", "attached")),
            "amazon_side_asn": Str("AmazonSideAsn"),
            "availability_zone": "AvailabilityZone",
            "tags": Tags(),
        },
        references={"vpc_id": Ref("aws_vpc")},
    ),
    ResourceSpec(
        tf_type="aws_customer_gateway",
        batch_group="network",
        service="ec2",
        list=Call("describe_customer_gateways", items="CustomerGateways"),
        include=Is("State", *LIVE_GATEWAY_STATES),
        id="{CustomerGatewayId}",
        arn="arn:aws:ec2:{region}:{account}:customer-gateway/{CustomerGatewayId}",
        arguments={
            "type": "Type",
            "bgp_asn": "BgpAsn",
            # The provider takes one of the two: the extended one for 4-byte numbers only.
            "bgp_asn_extended": When(Not(Has("BgpAsn")), "BgpAsnExtended"),
            "ip_address": "IpAddress",
            "device_name": "DeviceName",
            "certificate_arn": "CertificateArn",
            "tags": Tags(),
        },
        references={"certificate_arn": Ref("aws_acm_certificate", "arn")},
    ),
    ResourceSpec(
        tf_type="aws_vpn_connection",
        batch_group="network",
        risk="network",
        service="ec2",
        list=Call("describe_vpn_connections", items="VpnConnections"),
        include=Is("State", *LIVE_GATEWAY_STATES),
        id="{VpnConnectionId}",
        arn="arn:aws:ec2:{region}:{account}:vpn-connection/{VpnConnectionId}",
        # Never the customer gateway configuration nor the tunnels' pre-shared
        # keys: both are secrets AWS keeps (computed), and nothing needs them written.
        arguments={
            "customer_gateway_id": "CustomerGatewayId",
            "type": "Type",
            "vpn_gateway_id": "VpnGatewayId",
            "transit_gateway_id": "TransitGatewayId",
            "static_routes_only": "Options.StaticRoutesOnly",
            "enable_acceleration": "Options.EnableAcceleration",
            "local_ipv4_network_cidr": Unless("Options.LocalIpv4NetworkCidr", "0.0.0.0/0"),
            "remote_ipv4_network_cidr": Unless("Options.RemoteIpv4NetworkCidr", "0.0.0.0/0"),
            "local_ipv6_network_cidr": Unless("Options.LocalIpv6NetworkCidr", "::/0"),
            "remote_ipv6_network_cidr": Unless("Options.RemoteIpv6NetworkCidr", "::/0"),
            "tunnel_inside_ip_version": Unless("Options.TunnelInsideIpVersion", "ipv4"),
            "outside_ip_address_type": Unless("Options.OutsideIpAddressType", "PublicIpv4"),
            "transport_transit_gateway_attachment_id": "Options.TransportTransitGatewayAttachmentId",
            **tunnel_arguments(0),
            **tunnel_arguments(1),
            "tags": Tags(),
        },
        defaults={"static_routes_only": False, "enable_acceleration": False},
        references={
            "customer_gateway_id": Ref("aws_customer_gateway"),
            "vpn_gateway_id": Ref("aws_vpn_gateway"),
            "transit_gateway_id": Ref("aws_ec2_transit_gateway"),
        },
    ),
    # -- egress-only internet gateways, flow logs, prefix lists, secondary CIDRs -----------------
    ResourceSpec(
        tf_type="aws_egress_only_internet_gateway",
        batch_group="network",
        service="ec2",
        list=Call("describe_egress_only_internet_gateways", items="EgressOnlyInternetGateways"),
        include=Some("Attachments", Is("State", "attaching", "attached")),
        id="{EgressOnlyInternetGatewayId}",
        arn="arn:aws:ec2:{region}:{account}:egress-only-internet-gateway/{EgressOnlyInternetGatewayId}",
        arguments={"vpc_id": First("Attachments", "VpcId"), "tags": Tags()},
        references={"vpc_id": Ref("aws_vpc")},
    ),
    ResourceSpec(
        tf_type="aws_flow_log",
        batch_group="network",
        service="ec2",
        list=Call("describe_flow_logs", items="FlowLogs"),
        include=Is("FlowLogStatus", None, "ACTIVE"),
        id="{FlowLogId}",
        arn="arn:aws:ec2:{region}:{account}:vpc-flow-log/{FlowLogId}",
        arguments={
            "vpc_id": flow_log_source("vpc-"),
            "subnet_id": flow_log_source("subnet-"),
            "eni_id": flow_log_source("eni-"),
            "transit_gateway_attachment_id": flow_log_source("tgw-attach-"),
            "transit_gateway_id": flow_log_source("tgw-", "tgw-attach-"),
            "regional_nat_gateway_id": flow_log_source("nat-"),
            "traffic_type": "TrafficType",
            "log_destination_type": "LogDestinationType",
            # Older flow logs name only their log group.
            "log_destination": Or(
                "LogDestination",
                When(Has("LogGroupName"), Format("arn:aws:logs:{region}:{account}:log-group:{LogGroupName}")),
            ),
            "iam_role_arn": "DeliverLogsPermissionArn",
            "deliver_cross_account_role": "DeliverCrossAccountRole",
            "log_format": Unless("LogFormat", DEFAULT_FLOW_LOG_FORMAT),
            "max_aggregation_interval": "MaxAggregationInterval",
            "destination_options": {
                "file_format": "DestinationOptions.FileFormat",
                "hive_compatible_partitions": "DestinationOptions.HiveCompatiblePartitions",
                "per_hour_partition": "DestinationOptions.PerHourPartition",
            },
            "tags": Tags(),
        },
        defaults={"log_destination_type": "cloud-watch-logs", "max_aggregation_interval": 600},
        references={
            "vpc_id": Ref("aws_vpc"),
            "subnet_id": Ref("aws_subnet"),
            "eni_id": Ref("aws_network_interface"),
            "transit_gateway_id": Ref("aws_ec2_transit_gateway"),
            "transit_gateway_attachment_id": Ref("aws_ec2_transit_gateway_vpc_attachment"),
            "regional_nat_gateway_id": Ref("aws_nat_gateway"),
            "iam_role_arn": Ref("aws_iam_role", "arn"),
            "deliver_cross_account_role": Ref("aws_iam_role", "arn"),
            "log_destination": Ref(ARN_TARGET, "arn"),
        },
    ),
    ResourceSpec(
        tf_type="aws_ec2_managed_prefix_list",
        batch_group="network",
        service="ec2",
        list=Call("describe_managed_prefix_lists", items="PrefixLists"),
        # AWS's own lists (com.amazonaws.<region>.s3 ...) and lists other accounts share are not the user's.
        include=And(in_this_account("OwnerId"), Not(Is("State", "delete-in-progress", "delete-complete"))),
        details=(
            Call(
                "get_managed_prefix_list_entries",
                items="Entries",
                params={"PrefixListId": "{PrefixListId}"},
                merge_into="Entries",
            ),
        ),
        id="{PrefixListId}",
        arn=Arn("{PrefixListArn}", "ec2", "prefix-list"),
        name="PrefixListName",
        arguments={
            "name": "PrefixListName",
            "address_family": "AddressFamily",
            "max_entries": "MaxEntries",
            "entry": Each("Entries", {"cidr": "Cidr", "description": "Description"}, sort_by="cidr"),
            "tags": Tags(),
        },
    ),
    ResourceSpec(
        tf_type="aws_vpc_ipv4_cidr_block_association",
        batch_group="network",
        risk="network",
        service="ec2",
        child=Child("aws_vpc", items="CidrBlockAssociationSet"),
        # The VPC's primary block is its cidr_block.
        include=And(
            Not(Is("CidrBlock", Path("parent.CidrBlock"))),
            Is("CidrBlockState.State", "associating", "associated"),
        ),
        id="{AssociationId}",
        label_from="vpc_id",
        label="CidrBlock",
        arguments={"vpc_id": "parent.VpcId", "cidr_block": "CidrBlock"},
        references={"vpc_id": Ref("aws_vpc")},
    ),
    # -- network interfaces and their Elastic IPs --------------------------------------------------
    ResourceSpec(
        tf_type="aws_network_interface",
        batch_group="network",
        service="ec2",
        list=Call("describe_network_interfaces", items="NetworkInterfaces"),
        include=Not(LAUNCHED_WITH_ITS_INSTANCE),
        is_default=MADE_BY_A_SERVICE,
        id="{NetworkInterfaceId}",
        arn="arn:aws:ec2:{region}:{account}:network-interface/{NetworkInterfaceId}",
        tags=Tags("TagSet"),
        label=Or(Tag("Name", "TagSet"), "Description"),
        arguments={
            "subnet_id": "SubnetId",
            "description": "Description",
            "interface_type": Unless("InterfaceType", "interface"),
            "private_ips": Sorted(Pluck("PrivateIpAddresses", "PrivateIpAddress")),
            "ipv6_addresses": Sorted(Pluck("Ipv6Addresses", "Ipv6Address")),
            "ipv4_prefixes": Sorted(Pluck("Ipv4Prefixes", "Ipv4Prefix")),
            "ipv6_prefixes": Sorted(Pluck("Ipv6Prefixes", "Ipv6Prefix")),
            "security_groups": Sorted(Pluck("Groups", "GroupId")),
            "source_dest_check": "SourceDestCheck",
            # Attached by hand to an instance (not launched with it, see include).
            "attachment": When(
                Has("Attachment.InstanceId"),
                ListOf(
                    {
                        "instance": "Attachment.InstanceId",
                        "device_index": "Attachment.DeviceIndex",
                        "network_card_index": "Attachment.NetworkCardIndex",
                    }
                ),
            ),
            "tags": Tags("TagSet"),
        },
        defaults={"source_dest_check": True},
        references={
            "subnet_id": Ref("aws_subnet"),
            "security_groups[*]": Ref("aws_security_group"),
            "attachment[*].instance": Ref("aws_instance"),
        },
    ),
    ResourceSpec(
        tf_type="aws_eip_association",
        batch_group="network",
        service="ec2",
        # The region's addresses, each joined to the interface it is on.  Only
        # an interface no instance holds: aws_eip's `instance` says an
        # instance's, and a NAT gateway's or a service's interface is not adopted.
        child=Child(
            "aws_network_interface", call=Call("describe_addresses", items="Addresses"), join="NetworkInterfaceId"
        ),
        include=And(Has("AllocationId"), Has("AssociationId"), Not(Has("InstanceId"))),
        id="{AssociationId}",
        label_from="allocation_id",
        label="PublicIp",
        arguments={
            "allocation_id": "AllocationId",
            "network_interface_id": "NetworkInterfaceId",
            "private_ip_address": "PrivateIpAddress",
        },
        references={"allocation_id": Ref("aws_eip"), "network_interface_id": Ref("aws_network_interface")},
    ),
    # -- the main route table -------------------------------------------------------------------------
    ResourceSpec(
        tf_type="aws_default_route_table",
        batch_group="network",
        risk="network",
        service="ec2",
        list=Call("describe_route_tables", items="RouteTables"),
        include=MAIN_TABLE,
        details=(Call("describe_vpcs", items="Vpcs", params={"VpcIds": ["{VpcId}"]}, merge_into="Vpcs"),),
        # Adopted once a person changed it; as AWS made it, only with --include-defaults.
        is_default=_untouched_main_table,
        id="{RouteTableId}",
        import_id="{VpcId}",
        arn="arn:aws:ec2:{region}:{account}:route-table/{RouteTableId}",
        # Named after its VPC: "edge_main".
        label=Or(
            Tag("Name"),
            Format("{vpc}_main", vpc=Tag("Name", First("Vpcs", "Tags"))),
            Format("main_{VpcId}"),
        ),
        # This resource owns its routes exhaustively (an omitted route would be
        # deleted), so they are written inline.
        arguments={
            "default_route_table_id": "RouteTableId",
            "route": Each("Routes", INLINE_ROUTE, where=USER_ROUTE),
            "propagating_vgws": Sorted(Pluck("PropagatingVgws", "GatewayId")),
            "tags": Tags(),
        },
        references={
            "route[*].gateway_id": Ref("aws_internet_gateway"),
            "route[*].nat_gateway_id": Ref("aws_nat_gateway"),
            "route[*].network_interface_id": Ref("aws_network_interface"),
            "route[*].instance_id": Ref("aws_instance"),
            "route[*].vpc_peering_connection_id": Ref("aws_vpc_peering_connection"),
            "route[*].transit_gateway_id": Ref("aws_ec2_transit_gateway"),
            "route[*].egress_only_gateway_id": Ref("aws_egress_only_internet_gateway"),
            "route[*].destination_prefix_list_id": Ref("aws_ec2_managed_prefix_list"),
            "propagating_vgws[*]": Ref("aws_vpn_gateway"),
        },
    ),
]
