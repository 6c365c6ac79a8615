"""API Gateway REST APIs (the API itself; its resources, methods and stages are separate types)."""

from __future__ import annotations

import json

from ..spec import Call, JsonDocument, Ref, ResourceSpec, Tags


def _policy(item, ctx):
    """The resource policy: API Gateway answers it with its quotes escaped."""
    raw = item.get("policy")
    if not raw:
        return None
    try:
        return json.loads(raw)
    except json.JSONDecodeError:
        return json.loads(json.loads(f'"{raw}"'))


def _endpoint_configuration(item, ctx):
    config = item.get("endpointConfiguration") or {}
    vpc_endpoints = sorted(config.get("vpcEndpointIds") or [])
    ip_type = config.get("ipAddressType")
    if config.get("types") in (None, ["EDGE"]) and not vpc_endpoints and ip_type in (None, "ipv4"):
        return None  # what every API gets unless told otherwise
    return {"types": config.get("types"), "vpc_endpoint_ids": vpc_endpoints, "ip_address_type": ip_type}


SPECS = [
    ResourceSpec(
        tf_type="aws_api_gateway_rest_api",
        service="apigateway",
        risk="privilege",
        list=Call("get_rest_apis", items="items"),
        id="{id}",
        arn="arn:aws:apigateway:{region}::/restapis/{id}",
        name="name",
        arguments={
            "name": "name",
            "description": "description",
            "api_key_source": "apiKeySource",
            "binary_media_types": "binaryMediaTypes",
            # A string in the provider, so that "not set" can be told from 0.
            "minimum_compression_size": lambda item, ctx: (
                None if item.get("minimumCompressionSize") is None else str(item["minimumCompressionSize"])
            ),
            "disable_execute_api_endpoint": "disableExecuteApiEndpoint",
            "endpoint_configuration": _endpoint_configuration,
            "policy": JsonDocument(_policy),
            "tags": Tags("tags"),
        },
        defaults={"api_key_source": "HEADER", "disable_execute_api_endpoint": False},
        references={"endpoint_configuration.vpc_endpoint_ids[*]": Ref("aws_vpc_endpoint")},
    ),
]
