"""Route 53 hosted zones, their record sets and query logs, and health checks (a global service: listed once)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..spec import (
    REGION,
    Call,
    Child,
    Const,
    Default,
    Each,
    Expr,
    Expression,
    Has,
    Is,
    Keep,
    ListOf,
    Or,
    Part,
    Ref,
    ResourceSpec,
    Sorted,
    Tag,
    Tags,
    TagsCall,
    Unless,
    When,
    evaluate,
)

# DNS names come back with special characters as octal escapes (``\052`` is ``*``).
_OCTAL_ESCAPE = re.compile(r"\\(\d{3})")


def dns_name(raw: str | None) -> str | None:
    """``\\052.Example.com.`` -> ``*.example.com``: the spelling the provider stores."""
    if not raw:
        return None
    name = _OCTAL_ESCAPE.sub(lambda m: chr(int(m.group(1), 8)), raw)
    return name.rstrip(".").lower()


@dataclass(frozen=True)
class DnsName(Expression):
    """The DNS name at ``path``, spelt as the provider stores it (see :func:`dns_name`)."""

    path: Expr
    _parts = ("path",)

    def evaluate(self, item, ctx):
        return dns_name(evaluate(self.path, item, ctx))


def _zones(page):
    # The API's zone ID is "/hostedzone/Z..."; Terraform and the tag API want the bare ID.
    return [dict(zone, ZoneId=zone["Id"].rsplit("/", 1)[-1]) for zone in page.get("HostedZones") or []]


def _user_record(item, ctx):
    """Not the zone's own SOA and apex NS (they come with the zone), nor a traffic policy's records."""
    if item.get("TrafficPolicyInstanceId"):
        return False
    apex = dns_name(item.get("Name")) == dns_name(ctx.parent.get("Name"))
    return not (apex and item.get("Type") in ("SOA", "NS"))


def _record_id(item, ctx):
    parts = [ctx.parent["ZoneId"], dns_name(item["Name"]), item["Type"]]
    if item.get("SetIdentifier"):
        parts.append(item["SetIdentifier"])
    return "_".join(parts)


def _record_label(item, ctx):
    """``www.example.com`` A in example.com -> ``www_a``; the apex is ``apex``, ``*`` is ``wildcard``."""
    name, zone = dns_name(item["Name"]), dns_name(ctx.parent["Name"])
    relative = "apex" if name == zone else name.removesuffix("." + zone)
    relative = relative.replace("*", "wildcard")
    return "_".join(p for p in (relative, item["Type"].lower(), item.get("SetIdentifier")) if p)


def _records(item, ctx):
    values = [r["Value"] for r in item.get("ResourceRecords") or [] if r.get("Value") is not None]
    if item.get("Type") in ("TXT", "SPF"):
        # The provider adds the outer quotes itself (a long value keeps its inner '" "').
        values = [v[1:-1] if len(v) > 1 and v[0] == v[-1] == '"' else v for v in values]
    return sorted(values) or None


_GEO = "GeoProximityLocation"
_CHECK = "HealthCheckConfig"

SPECS = [
    ResourceSpec(
        tf_type="aws_route53_zone",
        service="route53",
        is_global=True,
        list=Call("list_hosted_zones", items=_zones),
        details=(
            Call("get_hosted_zone", params={"Id": "{ZoneId}"}),  # the VPCs of a private zone, the delegation set
            TagsCall(ResourceType="hostedzone", ResourceId="{ZoneId}", answer="ResourceTagSet.Tags"),
        ),
        # Zones that another service made and runs (Cloud Map namespaces) are that service's.
        is_default=Has("LinkedService"),
        id="{ZoneId}",
        arn="arn:aws:route53:::hostedzone/{ZoneId}",
        name=DnsName("Name"),
        arguments={
            "name": DnsName("Name"),
            # Written even when empty: the provider's default is "Managed by Terraform".
            "comment": Keep(Default("Config.Comment", "")),
            # Only reusable delegation sets have an ID; private zones have none.
            "delegation_set_id": Part("DelegationSet.Id", "/", -1),
            "vpc": Each(
                "VPCs",
                {"vpc_id": "VPCId", "vpc_region": Unless("VPCRegion", REGION)},
                sort_by="vpc_id",
            ),
            "enable_accelerated_recovery": When(
                Is("HostedZone.Features.AcceleratedRecoveryStatus", "ENABLED", "ENABLING"), Const(True)
            ),
            "tags": Tags(),
        },
        references={
            "vpc[*].vpc_id": Ref("aws_vpc"),
            "delegation_set_id": Ref("aws_route53_delegation_set"),
        },
    ),
    ResourceSpec(
        tf_type="aws_route53_record",
        service="route53",
        child=Child(
            "aws_route53_zone",
            call=Call(
                "list_resource_record_sets", items="ResourceRecordSets", params={"HostedZoneId": "{parent.ZoneId}"}
            ),
        ),
        include=_user_record,
        id=_record_id,
        label=_record_label,
        arguments={
            "zone_id": "parent.ZoneId",
            "name": DnsName("Name"),
            "type": "Type",
            "ttl": "TTL",
            "records": _records,
            "alias": When(
                Has("AliasTarget"),
                {
                    "name": DnsName("AliasTarget.DNSName"),
                    "zone_id": "AliasTarget.HostedZoneId",
                    "evaluate_target_health": Has("AliasTarget.EvaluateTargetHealth"),
                },
            ),
            "set_identifier": "SetIdentifier",
            "health_check_id": "HealthCheckId",
            "weighted_routing_policy": {"weight": "Weight"},
            "latency_routing_policy": {"region": "Region"},
            "failover_routing_policy": {"type": "Failover"},
            "geolocation_routing_policy": {
                "continent": "GeoLocation.ContinentCode",
                "country": "GeoLocation.CountryCode",
                "subdivision": "GeoLocation.SubdivisionCode",
            },
            "geoproximity_routing_policy": When(
                Has(_GEO),
                {
                    "aws_region": f"{_GEO}.AWSRegion",
                    "local_zone_group": f"{_GEO}.LocalZoneGroup",
                    "bias": f"{_GEO}.Bias",
                    "coordinates": When(
                        Has(f"{_GEO}.Coordinates"),
                        ListOf(
                            {"latitude": f"{_GEO}.Coordinates.Latitude", "longitude": f"{_GEO}.Coordinates.Longitude"}
                        ),
                    ),
                },
            ),
            "cidr_routing_policy": {
                "collection_id": "CidrRoutingConfig.CollectionId",
                "location_name": "CidrRoutingConfig.LocationName",
            },
            "multivalue_answer_routing_policy": "MultiValueAnswer",
        },
        # Alias targets (a load balancer's or distribution's dns_name and
        # zone_id) need no declaration: they are matched as nested values
        # against what those types export.
        references={
            "zone_id": Ref("aws_route53_zone"),
            "health_check_id": Ref("aws_route53_health_check"),
            "cidr_routing_policy.collection_id": Ref("aws_route53_cidr_collection"),
        },
    ),
    ResourceSpec(
        tf_type="aws_route53_query_log",
        service="route53",
        # (Of public zones; a resolver's query logs are aws_route53_resolver_query_log_config.)
        # One listing for the account, joined to the zones by their bare IDs.
        child=Child(
            "aws_route53_zone",
            call=Call("list_query_logging_configs", items="QueryLoggingConfigs"),
            join="HostedZoneId",
            parent_key="ZoneId",
        ),
        id="{Id}",
        name_argument=None,
        label_from="zone_id",
        arguments={"zone_id": "parent.ZoneId", "cloudwatch_log_group_arn": "CloudWatchLogsLogGroupArn"},
        references={
            "zone_id": Ref("aws_route53_zone"),
            "cloudwatch_log_group_arn": Ref("aws_cloudwatch_log_group", "arn"),
        },
    ),
    ResourceSpec(
        tf_type="aws_route53_health_check",
        service="route53",
        is_global=True,
        list=Call("list_health_checks", items="HealthChecks"),
        details=(TagsCall(ResourceType="healthcheck", ResourceId="{Id}", answer="ResourceTagSet.Tags"),),
        # Health checks another service made and runs (Cloud Map's) are that service's.
        is_default=Has("LinkedService"),
        id="{Id}",
        arn="arn:aws:route53:::healthcheck/{Id}",
        name_argument=None,
        label=Or(Tag("Name"), f"{_CHECK}.FullyQualifiedDomainName", f"{_CHECK}.IPAddress", "Id"),
        arguments={
            "type": f"{_CHECK}.Type",
            "fqdn": f"{_CHECK}.FullyQualifiedDomainName",
            "ip_address": f"{_CHECK}.IPAddress",
            "port": f"{_CHECK}.Port",
            "resource_path": f"{_CHECK}.ResourcePath",
            "search_string": f"{_CHECK}.SearchString",
            "request_interval": f"{_CHECK}.RequestInterval",
            "failure_threshold": f"{_CHECK}.FailureThreshold",
            "measure_latency": f"{_CHECK}.MeasureLatency",
            "invert_healthcheck": f"{_CHECK}.Inverted",
            "disabled": f"{_CHECK}.Disabled",
            "enable_sni": f"{_CHECK}.EnableSNI",
            "regions": Sorted(f"{_CHECK}.Regions"),
            "child_health_threshold": When(Is(f"{_CHECK}.Type", "CALCULATED"), f"{_CHECK}.HealthThreshold"),
            "child_healthchecks": Sorted(f"{_CHECK}.ChildHealthChecks"),
            "cloudwatch_alarm_name": f"{_CHECK}.AlarmIdentifier.Name",
            "cloudwatch_alarm_region": f"{_CHECK}.AlarmIdentifier.Region",
            "insufficient_data_health_status": f"{_CHECK}.InsufficientDataHealthStatus",
            "routing_control_arn": f"{_CHECK}.RoutingControlArn",
            "tags": Tags(),
        },
        defaults={"measure_latency": False, "invert_healthcheck": False, "disabled": False},
        references={
            "child_healthchecks[*]": Ref("aws_route53_health_check"),
            "cloudwatch_alarm_name": Ref("aws_cloudwatch_metric_alarm"),
        },
    ),
]
