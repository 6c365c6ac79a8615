"""Route 53 hosted zones and their record sets (a global service: listed once)."""

from __future__ import annotations

import re

from ..spec import Call, Kept, Ref, ResourceSpec, Tags

# DNS names come back with special characters as octal escapes (``\052`` is ``*``).
_OCTAL_ESCAPE = re.compile(r"\\(\d{3})")


def dns_name(raw: str | None) -> str | None:
    """``\\052.Example.com.`` -> ``*.example.com``: the spelling the provider stores."""
    if not raw:
        return None
    name = _OCTAL_ESCAPE.sub(lambda m: chr(int(m.group(1), 8)), raw)
    return name.rstrip(".").lower()


def _zones(page):
    # The API's zone ID is "/hostedzone/Z..."; Terraform and the tag API want the bare ID.
    return [dict(zone, ZoneId=zone["Id"].rsplit("/", 1)[-1]) for zone in page.get("HostedZones") or []]


def _comment(item, ctx):
    # Written even when empty: the provider's default is "Managed by Terraform".
    return Kept((item.get("Config") or {}).get("Comment") or "")


def _zone_vpcs(item, ctx):
    vpcs = [
        {"vpc_id": v.get("VPCId"), "vpc_region": None if v.get("VPCRegion") == ctx.region else v.get("VPCRegion")}
        for v in item.get("VPCs") or []
    ]
    return sorted(vpcs, key=lambda v: v["vpc_id"] or "") or None


def _delegation_set(item, ctx):
    # Only reusable delegation sets have an ID; private zones have none.
    set_id = (item.get("DelegationSet") or {}).get("Id") or ""
    return set_id.rsplit("/", 1)[-1] or None


def _accelerated_recovery(item, ctx):
    status = ((item.get("HostedZone") or {}).get("Features") or {}).get("AcceleratedRecoveryStatus")
    return True if status in ("ENABLED", "ENABLING") else None


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


def _alias(item, ctx):
    target = item.get("AliasTarget")
    if not target:
        return None
    return {
        "name": dns_name(target.get("DNSName")),
        "zone_id": target.get("HostedZoneId"),
        "evaluate_target_health": bool(target.get("EvaluateTargetHealth")),
    }


def _geoproximity(item, ctx):
    geo = item.get("GeoProximityLocation")
    if not geo:
        return None
    coordinates = geo.get("Coordinates")
    return {
        "aws_region": geo.get("AWSRegion"),
        "local_zone_group": geo.get("LocalZoneGroup"),
        "bias": geo.get("Bias"),
        "coordinates": [{"latitude": coordinates["Latitude"], "longitude": coordinates["Longitude"]}]
        if coordinates
        else None,
    }


SPECS = [
    ResourceSpec(
        tf_type="aws_route53_zone",
        service="route53",
        is_global=True,
        list=Call("list_hosted_zones", items=_zones),
        details=(
            Call("get_hosted_zone", params={"Id": "{ZoneId}"}),  # the VPCs of a private zone, the delegation set
            Call(
                "list_tags_for_resource",
                params={"ResourceType": "hostedzone", "ResourceId": "{ZoneId}"},
                merge_into="TagSet",
                items="ResourceTagSet.Tags",
            ),
        ),
        # Zones that another service made and runs (Cloud Map namespaces) are that service's.
        is_default=lambda item, ctx: bool(item.get("LinkedService")),
        id="{ZoneId}",
        arn="arn:aws:route53:::hostedzone/{ZoneId}",
        name=lambda item, ctx: dns_name(item.get("Name")),
        arguments={
            "name": lambda item, ctx: dns_name(item.get("Name")),
            "comment": _comment,
            "delegation_set_id": _delegation_set,
            "vpc": _zone_vpcs,
            "enable_accelerated_recovery": _accelerated_recovery,
            "tags": Tags("TagSet"),
        },
        references={
            "vpc[*].vpc_id": Ref("aws_vpc"),
            "delegation_set_id": Ref("aws_route53_delegation_set"),
        },
        emulator_gaps="moto has no zones run by Cloud Map (LinkedService)",
    ),
    ResourceSpec(
        tf_type="aws_route53_record",
        service="route53",
        parent="aws_route53_zone",
        list=Call(
            "list_resource_record_sets",
            items="ResourceRecordSets",
            params={"HostedZoneId": "{parent.ZoneId}"},
        ),
        include=_user_record,
        id=_record_id,
        label=_record_label,
        arguments={
            "zone_id": "parent.ZoneId",
            "name": lambda item, ctx: dns_name(item.get("Name")),
            "type": "Type",
            "ttl": "TTL",
            "records": _records,
            "alias": _alias,
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
            "geoproximity_routing_policy": _geoproximity,
            "cidr_routing_policy": {
                "collection_id": "CidrRoutingConfig.CollectionId",
                "location_name": "CidrRoutingConfig.LocationName",
            },
            "multivalue_answer_routing_policy": "MultiValueAnswer",
        },
        # Alias targets (a load balancer's or distribution's dns_name and
        # zone_id) stay literal: references resolve by id, arn or name only.
        references={
            "zone_id": Ref("aws_route53_zone"),
            "health_check_id": Ref("aws_route53_health_check"),
            "cidr_routing_policy.collection_id": Ref("aws_route53_cidr_collection"),
        },
        emulator_gaps="moto has no escaped wildcard names, traffic policy records, split TXT strings, geolocation or "
        "geoproximity routing",
    ),
]
