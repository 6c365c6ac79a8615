"""Route 53 Resolver: inbound and outbound endpoints, forwarding rules and the
VPCs that use them."""

from __future__ import annotations

from ..spec import (
    And,
    Arn,
    Call,
    Child,
    Each,
    Is,
    Not,
    Or,
    Ref,
    ResourceSpec,
    Sorted,
    Tag,
    Tags,
    TagsCall,
    Unless,
)

# Who owns the rules AWS makes itself ("Internet Resolver" and the rules for
# the region's reverse and private domains).
AWS_RULE_OWNER = "Route 53 Resolver"
GONE = ("DELETING", "FAILED")


def _owned_here(item, ctx):
    # A rule another account shares is that account's to manage.
    return ctx.account is None or item.get("OwnerId") in (ctx.account, AWS_RULE_OWNER)


def _domain_name(item, ctx):
    # AWS answers "corp.example.com."; the provider keeps it without the final dot.
    name = item.get("DomainName")
    return name.rstrip(".") if isinstance(name, str) and name != "." else name


def resolver_tags(arn_field: str) -> Call:
    return TagsCall(ResourceArn=f"{{{arn_field}}}")


SPECS = [
    ResourceSpec(
        tf_type="aws_route53_resolver_endpoint",
        service="route53resolver",
        batch_group="network",
        risk="network",
        list=Call("list_resolver_endpoints", items="ResolverEndpoints"),
        include=Not(Is("Status", *GONE)),
        details=(
            Call(
                "list_resolver_endpoint_ip_addresses",
                items="IpAddresses",
                params={"ResolverEndpointId": "{Id}"},
                merge_into="IpAddresses",
            ),
            resolver_tags("Arn"),
        ),
        id="{Id}",
        arn=Arn("{Arn}", "route53resolver", "resolver-endpoint"),
        label=Or(Tag("Name"), "Name"),
        arguments={
            "name": "Name",
            "direction": "Direction",
            "security_group_ids": Sorted("SecurityGroupIds"),
            "ip_address": Each(
                "IpAddresses",
                {"subnet_id": "SubnetId", "ip": "Ip", "ipv6": "Ipv6"},
                where=Not(Is("Status", "DELETING", "DELETE_FAILED_FAS_EXPIRED")),
                sort_by="ip",
            ),
            "protocols": Sorted("Protocols"),
            "resolver_endpoint_type": Unless("ResolverEndpointType", "IPV4"),
            "tags": Tags(),
        },
        references={"security_group_ids[*]": Ref("aws_security_group"), "ip_address[*].subnet_id": Ref("aws_subnet")},
    ),
    ResourceSpec(
        tf_type="aws_route53_resolver_rule",
        service="route53resolver",
        batch_group="network",
        risk="network",
        list=Call("list_resolver_rules", items="ResolverRules"),
        include=And(Not(Is("Status", *GONE)), _owned_here),
        is_default=Is("OwnerId", AWS_RULE_OWNER),
        details=(resolver_tags("Arn"),),
        id="{Id}",
        arn=Arn("{Arn}", "route53resolver", "resolver-rule"),
        label=Or(Tag("Name"), "Name", "DomainName"),
        arguments={
            "domain_name": _domain_name,
            "rule_type": "RuleType",
            "name": "Name",
            "resolver_endpoint_id": "ResolverEndpointId",
            "target_ip": Each(
                "TargetIps",
                {
                    "ip": "Ip",
                    "ipv6": "Ipv6",
                    "port": Unless("Port", 53),
                    "protocol": Unless("Protocol", "Do53"),
                },
            ),
            "tags": Tags(),
        },
        references={"resolver_endpoint_id": Ref("aws_route53_resolver_endpoint")},
    ),
    ResourceSpec(
        tf_type="aws_route53_resolver_rule_association",
        service="route53resolver",
        batch_group="network",
        risk="network",
        # The region's associations, each joined to its rule (AWS's own rules' are AWS's).
        child=Child(
            "aws_route53_resolver_rule",
            call=Call("list_resolver_rule_associations", items="ResolverRuleAssociations"),
            join="ResolverRuleId",
            parent_key="Id",
        ),
        include=Not(Is("Status", *GONE)),
        id="{Id}",
        label_from="vpc_id",
        label="VPCId",
        arguments={"resolver_rule_id": "ResolverRuleId", "vpc_id": "VPCId", "name": "Name"},
        references={"resolver_rule_id": Ref("aws_route53_resolver_rule"), "vpc_id": Ref("aws_vpc")},
    ),
]
