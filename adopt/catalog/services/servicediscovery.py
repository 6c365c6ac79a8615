"""Cloud Map namespaces (private DNS and HTTP) and their services."""

from __future__ import annotations

from ..spec import Arn, Call, Each, First, Format, Has, Is, Not, Ref, ResourceSpec, Tags, TagsCall, When


def _namespaces(kind: str) -> Call:
    return Call(
        "list_namespaces",
        items="Namespaces",
        params={"Filters": [{"Name": "TYPE", "Values": [kind], "Condition": "EQ"}]},
    )


def _namespace_and_vpc(item, ctx):
    """``ns-...:vpc-...``: the provider's import ID names the VPC the namespace's zone serves."""
    vpc = next((v.get("VPCId") for v in item.get("VPCs") or [] if v.get("VPCId")), None)
    return f"{item['Id']}:{vpc}" if item.get("Id") and vpc else None


_TAGS = TagsCall(ResourceARN="{Arn}")

SPECS = [
    ResourceSpec(
        tf_type="aws_service_discovery_private_dns_namespace",
        service="servicediscovery",
        list=_namespaces("DNS_PRIVATE"),
        include=Is("Type", "DNS_PRIVATE"),  # (the filter is a request; the type says it)
        details=(
            # Cloud Map does not say which VPC; the namespace's private hosted zone does.
            Call("get_hosted_zone", params={"Id": "{Properties.DnsProperties.HostedZoneId}"}, service="route53"),
            _TAGS,
        ),
        # Its import ID names the VPC: a namespace whose zone shows none cannot be imported.
        id=When(First("VPCs", "VPCId"), Format("{Id}")),
        import_id=_namespace_and_vpc,
        arn=Arn("{Arn}", "servicediscovery", "namespace"),
        name="Name",
        arguments={
            "name": "Name",
            "description": "Description",
            "vpc": First("VPCs", "VPCId"),
            "tags": Tags(),
        },
        references={"vpc": Ref("aws_vpc")},
    ),
    ResourceSpec(
        tf_type="aws_service_discovery_http_namespace",
        service="servicediscovery",
        list=_namespaces("HTTP"),
        include=Is("Type", "HTTP"),
        details=(_TAGS,),
        id="{Id}",
        arn=Arn("{Arn}", "servicediscovery", "namespace"),
        name="Name",
        arguments={"name": "Name", "description": "Description", "tags": Tags()},
    ),
    ResourceSpec(
        tf_type="aws_service_discovery_service",
        service="servicediscovery",
        list=Call("list_services", items="Services"),
        details=(Call("get_service", items="Service", params={"Id": "{Id}"}), _TAGS),
        id="{Id}",
        arn=Arn("{Arn}", "servicediscovery", "service"),
        name="Name",
        arguments={
            "name": "Name",
            "description": "Description",
            # A DNS service names its namespace in dns_config; an HTTP one here.
            "namespace_id": When(Not(Has("DnsConfig")), "NamespaceId"),
            "dns_config": When(
                Has("DnsConfig"),
                {
                    "namespace_id": "NamespaceId",
                    "routing_policy": "DnsConfig.RoutingPolicy",
                    "dns_records": Each("DnsConfig.DnsRecords", {"ttl": "TTL", "type": "Type"}),
                },
            ),
            "health_check_config": {
                "type": "HealthCheckConfig.Type",
                "resource_path": "HealthCheckConfig.ResourcePath",
                "failure_threshold": "HealthCheckConfig.FailureThreshold",
            },
            "health_check_custom_config": {"failure_threshold": "HealthCheckCustomConfig.FailureThreshold"},
            "tags": Tags(),
        },
        references={
            "namespace_id": Ref("aws_service_discovery_http_namespace"),
            "dns_config.namespace_id": Ref("aws_service_discovery_private_dns_namespace"),
        },
    ),
]
