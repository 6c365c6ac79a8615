"""API Gateway REST APIs (the API itself; its resources, methods and stages are separate types)."""

from __future__ import annotations

import json

from ..spec import And, Call, Format, Is, JsonDocument, Not, Ref, ResourceSpec, Sorted, Str, Tags, When


def _policy(item, ctx):
    """The resource policy: API Gateway answers it with its quotes escaped."""
    raw = item.get("policy")
    if not raw:
        return None
    try:
        return json.loads(raw)
    except json.JSONDecodeError:
        return json.loads(json.loads(f'"{raw}"'))


_VPC_ENDPOINTS = Sorted("endpointConfiguration.vpcEndpointIds")

SPECS = [
    ResourceSpec(
        tf_type="aws_api_gateway_rest_api",
        service="apigateway",
        risk="privilege",
        list=Call("get_rest_apis", items="items"),
        id="{id}",
        arn="arn:aws:apigateway:{region}::/restapis/{id}",
        name="name",
        # What a Lambda permission's or a policy's execute-api ARN starts with.
        exports={"execution_arn": Format("arn:aws:execute-api:{region}:{account}:{id}")},
        arguments={
            "name": "name",
            "description": "description",
            "api_key_source": "apiKeySource",
            "binary_media_types": "binaryMediaTypes",
            # A string in the provider, so that "not set" can be told from 0.
            "minimum_compression_size": Str("minimumCompressionSize"),
            "disable_execute_api_endpoint": "disableExecuteApiEndpoint",
            # Left out where it is what every API gets unless told otherwise.
            "endpoint_configuration": When(
                Not(
                    And(
                        Is("endpointConfiguration.types", None, ["EDGE"]),
                        Not(_VPC_ENDPOINTS),
                        Is("endpointConfiguration.ipAddressType", None, "ipv4"),
                    )
                ),
                {
                    "types": "endpointConfiguration.types",
                    "vpc_endpoint_ids": _VPC_ENDPOINTS,
                    "ip_address_type": "endpointConfiguration.ipAddressType",
                },
            ),
            "policy": JsonDocument(_policy),
            "tags": Tags("tags"),
        },
        defaults={"api_key_source": "HEADER", "disable_execute_api_endpoint": False},
        references={"endpoint_configuration.vpc_endpoint_ids[*]": Ref("aws_vpc_endpoint")},
    ),
]
