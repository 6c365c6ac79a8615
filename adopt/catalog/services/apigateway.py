"""API Gateway REST APIs and what they are made of: resources, methods,
integrations and their responses, deployments, stages and authorizers; the
resource policy; API keys, usage plans, custom domain names and their base
path mappings.

Regional custom domain names are adopted as ``aws_apigatewayv2_domain_name``
(see its spec): AWS lists them through both APIs.

An API's tree (resources, their methods, each method's integration and
responses) comes from one ``get_resources`` listing with the methods embedded,
flattened into the API's item so that each part is a child of the API itself
and knows the API's ID.
"""

from __future__ import annotations

import json

from ..common import set_in
from ..spec import (
    And,
    Call,
    Child,
    Each,
    Entries,
    Flag,
    Format,
    Has,
    InlineIn,
    Is,
    JsonDocument,
    Not,
    Ref,
    ResourceSpec,
    Sorted,
    Str,
    Tags,
    Unless,
    When,
)


def _policy(item, ctx):
    """The resource policy: API Gateway answers it with its quotes escaped."""
    raw = item.get("policy")
    if not raw:
        return None
    try:
        return json.loads(raw)
    except json.JSONDecodeError:
        return json.loads(json.loads(f'"{raw}"'))


def _api_tree(page):
    """One page of an API's resources, flattened: the resources, their methods,
    each method's integration, and the method and integration responses, each
    tagged with the resource (and method) it belongs to."""
    tree: dict[str, list] = {"Resources": [], "Methods": [], "Integrations": [], "MethodResponses": []}
    tree["IntegrationResponses"] = []
    for resource in page.get("items") or []:
        tree["Resources"].append(resource)
        for verb, method in sorted((resource.get("resourceMethods") or {}).items()):
            where = {"resourceId": resource["id"], "resourcePath": resource.get("path"), "httpMethod": verb}
            tree["Methods"].append({**method, **where})
            for response in (method.get("methodResponses") or {}).values():
                tree["MethodResponses"].append({**response, **where})
            integration = method.get("methodIntegration")
            if integration:
                tree["Integrations"].append(
                    {**integration, "integrationHttpMethod": integration.get("httpMethod"), **where}
                )
                for response in (integration.get("integrationResponses") or {}).values():
                    tree["IntegrationResponses"].append({**response, **where})
    return [tree]


def _strings(path: str):
    """A map of text whose empty entries AWS may answer as null (``"application/json": null``)."""

    def read(item, ctx):
        value = item.get(path)
        if not isinstance(value, dict):
            return None
        return {k: "" if v is None else v for k, v in value.items()} or None

    return read


def _deployment_in_use(item, ctx):
    """A deployment a stage points at; the ones no stage uses are history."""
    stages = ctx.parent.get("Stages") or []
    return any(s.get("deploymentId") == item.get("id") for s in stages) or any(
        (s.get("canarySettings") or {}).get("deploymentId") == item.get("id") for s in stages
    )


def _base_path(item, ctx):
    """The mapping's base path; AWS spells the empty one "(none)"."""
    base = item.get("basePath")
    return "" if base in (None, "(none)") else base


def _root_resource_id(item, ctx):
    """The ID of the API's root resource "/", from the API's resource tree."""
    for page in item.get("Tree") or ():
        for resource in page.get("Resources") or ():
            if resource.get("path") == "/":
                return resource.get("id")
    return None


def _mapping_id(item, ctx):
    return f"{ctx.parent['domainName']}/{_base_path(item, ctx)}"


_VPC_ENDPOINTS = Sorted("endpointConfiguration.vpcEndpointIds")
_TREE = "Tree[]"
_API = "aws_api_gateway_rest_api"
# Where the tree's parts are: the method's place in its API.
_PLACE = {"rest_api_id": "parent.id", "resource_id": "resourceId", "http_method": "httpMethod"}
_PLACE_REFS = {"rest_api_id": Ref(_API), "resource_id": Ref("aws_api_gateway_resource")}
_METHOD_ID = "{parent.id}/{resourceId}/{httpMethod}"
_METHOD_LABEL = Format("{httpMethod} {resourcePath}")
_RESPONSE_LABEL = Format("{httpMethod} {resourcePath} {statusCode}")

SPECS = [
    ResourceSpec(
        tf_type=_API,
        service="apigateway",
        list=Call("get_rest_apis", items="items"),
        details=(
            Call(
                "get_resources", params={"restApiId": "{id}", "embed": ["methods"]}, items=_api_tree, merge_into="Tree"
            ),
            Call("get_stages", params={"restApiId": "{id}"}, items="item", merge_into="Stages"),
        ),
        id="{id}",
        arn="arn:aws:apigateway:{region}::/restapis/{id}",
        name="name",
        exports={
            # What a Lambda permission's or a policy's execute-api ARN starts with.
            "execution_arn": Format("arn:aws:execute-api:{region}:{account}:{id}"),
            # The parent of the API's top resources: "/", which API Gateway makes with the API.
            "root_resource_id": _root_resource_id,
        },
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
            # (The resource policy is its own resource, aws_api_gateway_rest_api_policy.)
            "tags": Tags("tags"),
        },
        defaults={"api_key_source": "HEADER", "disable_execute_api_endpoint": False},
        references={"endpoint_configuration.vpc_endpoint_ids[*]": Ref("aws_vpc_endpoint")},
    ),
    ResourceSpec(
        tf_type="aws_api_gateway_rest_api_policy",
        service="apigateway",
        risk="privilege",
        name_argument=None,
        child=Child(_API, same_item=True),
        include=Has("policy"),
        id="{id}",
        arguments={"rest_api_id": "id", "policy": JsonDocument(_policy)},
        references={"rest_api_id": Ref(_API)},
        # Before this resource, the policy was the API's own argument.
        inline_in=(InlineIn(_API, "rest_api_id", "policy", set_in("policy")),),
    ),
    ResourceSpec(
        # Every path of the API but its root "/", which API Gateway makes with it.
        tf_type="aws_api_gateway_resource",
        service="apigateway",
        name_argument=None,
        child=Child(_API, items=f"{_TREE}.Resources"),
        include=Has("parentId"),
        # The provider's ID is the resource's own; it is imported with its API's.
        id="{id}",
        import_id="{parent.id}/{id}",
        label="path",
        arguments={"rest_api_id": "parent.id", "parent_id": "parentId", "path_part": "pathPart"},
        references={
            "rest_api_id": Ref(_API),
            "parent_id": Ref("aws_api_gateway_resource", also=(Ref(_API, "root_resource_id"),)),
        },
    ),
    ResourceSpec(
        tf_type="aws_api_gateway_method",
        service="apigateway",
        name_argument=None,
        child=Child(_API, items=f"{_TREE}.Methods"),
        id=_METHOD_ID,
        label=_METHOD_LABEL,
        arguments={
            **_PLACE,
            "authorization": "authorizationType",
            "authorizer_id": "authorizerId",
            "authorization_scopes": Sorted("authorizationScopes"),
            "api_key_required": Flag("apiKeyRequired"),
            "operation_name": "operationName",
            "request_models": "requestModels",
            "request_parameters": "requestParameters",
            "request_validator_id": "requestValidatorId",
        },
        references={**_PLACE_REFS, "authorizer_id": Ref("aws_api_gateway_authorizer")},
    ),
    ResourceSpec(
        tf_type="aws_api_gateway_integration",
        service="apigateway",
        name_argument=None,
        child=Child(_API, items=f"{_TREE}.Integrations"),
        id=_METHOD_ID,
        label=_METHOD_LABEL,
        arguments={
            **_PLACE,
            "type": "type",
            "integration_http_method": "integrationHttpMethod",
            "uri": "uri",
            "connection_type": Unless("connectionType", "INTERNET"),
            "connection_id": "connectionId",
            "credentials": "credentials",
            "request_parameters": "requestParameters",
            "request_templates": _strings("requestTemplates"),
            "passthrough_behavior": Unless("passthroughBehavior", "WHEN_NO_MATCH"),
            "cache_key_parameters": Sorted("cacheKeyParameters"),
            "content_handling": "contentHandling",
            "timeout_milliseconds": Unless("timeoutInMillis", 29000),
            "tls_config": {"insecure_skip_verification": Flag("tlsConfig.insecureSkipVerification")},
        },
        references={**_PLACE_REFS, "credentials": Ref("aws_iam_role", "arn")},
    ),
    ResourceSpec(
        tf_type="aws_api_gateway_method_response",
        service="apigateway",
        name_argument=None,
        child=Child(_API, items=f"{_TREE}.MethodResponses"),
        id=_METHOD_ID + "/{statusCode}",
        label=_RESPONSE_LABEL,
        arguments={
            **_PLACE,
            "status_code": "statusCode",
            "response_models": "responseModels",
            "response_parameters": "responseParameters",
        },
        references=_PLACE_REFS,
    ),
    ResourceSpec(
        tf_type="aws_api_gateway_integration_response",
        service="apigateway",
        name_argument=None,
        child=Child(_API, items=f"{_TREE}.IntegrationResponses"),
        id=_METHOD_ID + "/{statusCode}",
        label=_RESPONSE_LABEL,
        arguments={
            **_PLACE,
            "status_code": "statusCode",
            "selection_pattern": "selectionPattern",
            "response_parameters": "responseParameters",
            "response_templates": _strings("responseTemplates"),
            "content_handling": "contentHandling",
        },
        references=_PLACE_REFS,
    ),
    ResourceSpec(
        tf_type="aws_api_gateway_deployment",
        service="apigateway",
        name_argument=None,
        child=Child(_API, call=Call("get_deployments", params={"restApiId": "{parent.id}"}, items="items")),
        include=_deployment_in_use,
        id="{id}",
        import_id="{parent.id}/{id}",
        label="id",
        arguments={"rest_api_id": "parent.id", "description": "description"},
        references={"rest_api_id": Ref(_API)},
    ),
    ResourceSpec(
        tf_type="aws_api_gateway_stage",
        service="apigateway",
        name_argument="stage_name",
        child=Child(_API, items="Stages"),
        id="{parent.id}/{stageName}",
        arn="arn:aws:apigateway:{region}::/restapis/{parent.id}/stages/{stageName}",
        name="stageName",
        label="stageName",
        arguments={
            "rest_api_id": "parent.id",
            "stage_name": "stageName",
            "deployment_id": "deploymentId",
            "description": "description",
            "cache_cluster_enabled": Flag("cacheClusterEnabled"),
            "cache_cluster_size": When(Has("cacheClusterEnabled"), "cacheClusterSize"),
            "client_certificate_id": "clientCertificateId",
            "documentation_version": "documentationVersion",
            "variables": "variables",
            "xray_tracing_enabled": Flag("tracingEnabled"),
            "access_log_settings": {
                "destination_arn": "accessLogSettings.destinationArn",
                "format": "accessLogSettings.format",
            },
            "canary_settings": {
                "deployment_id": "canarySettings.deploymentId",
                "percent_traffic": "canarySettings.percentTraffic",
                "stage_variable_overrides": "canarySettings.stageVariableOverrides",
                "use_stage_cache": Flag("canarySettings.useStageCache"),
            },
            "tags": Tags("tags"),
        },
        references={
            "rest_api_id": Ref(_API),
            "deployment_id": Ref("aws_api_gateway_deployment"),
            "canary_settings.deployment_id": Ref("aws_api_gateway_deployment"),
            "access_log_settings.destination_arn": Ref("aws_cloudwatch_log_group", "arn"),
        },
    ),
    ResourceSpec(
        tf_type="aws_api_gateway_authorizer",
        service="apigateway",
        child=Child(_API, call=Call("get_authorizers", params={"restApiId": "{parent.id}"}, items="items")),
        id="{id}",
        import_id="{parent.id}/{id}",
        arn="arn:aws:apigateway:{region}::/restapis/{parent.id}/authorizers/{id}",
        name="name",
        label="name",
        arguments={
            "rest_api_id": "parent.id",
            "name": "name",
            "type": "type",
            "authorizer_uri": "authorizerUri",
            "authorizer_credentials": "authorizerCredentials",
            "identity_source": "identitySource",
            "identity_validation_expression": "identityValidationExpression",
            "authorizer_result_ttl_in_seconds": "authorizerResultTtlInSeconds",
            "provider_arns": Sorted("providerARNs"),
        },
        defaults={
            "type": "TOKEN",
            "identity_source": "method.request.header.Authorization",
            "authorizer_result_ttl_in_seconds": 300,
        },
        references={
            "rest_api_id": Ref(_API),
            "authorizer_credentials": Ref("aws_iam_role", "arn"),
            "provider_arns[*]": Ref("aws_cognito_user_pool", "arn"),
        },
    ),
    ResourceSpec(
        # The key's value is a credential: it is never listed (no includeValues)
        # nor written; the provider keeps the live one on import.
        tf_type="aws_api_gateway_api_key",
        service="apigateway",
        risk="privilege",
        list=Call("get_api_keys", items="items"),
        id="{id}",
        arn="arn:aws:apigateway:{region}::/apikeys/{id}",
        name="name",
        arguments={
            "name": "name",
            "description": "description",
            "enabled": Unless("enabled", True),
            "customer_id": "customerId",
            "tags": Tags("tags"),
        },
    ),
    ResourceSpec(
        tf_type="aws_api_gateway_usage_plan",
        service="apigateway",
        list=Call("get_usage_plans", items="items"),
        id="{id}",
        arn="arn:aws:apigateway:{region}::/usageplans/{id}",
        name="name",
        arguments={
            "name": "name",
            "description": "description",
            "product_code": "productCode",
            "api_stages": Each(
                "apiStages",
                {
                    "api_id": "apiId",
                    "stage": "stage",
                    "throttle": Each(
                        Entries("throttle"),
                        {"path": "Key", "burst_limit": "Value.burstLimit", "rate_limit": "Value.rateLimit"},
                    ),
                },
                sort_by="stage",
            ),
            "quota_settings": {"limit": "quota.limit", "offset": Unless("quota.offset", 0), "period": "quota.period"},
            "throttle_settings": {"burst_limit": "throttle.burstLimit", "rate_limit": "throttle.rateLimit"},
            "tags": Tags("tags"),
        },
        references={"api_stages[*].api_id": Ref(_API)},
    ),
    ResourceSpec(
        tf_type="aws_api_gateway_usage_plan_key",
        service="apigateway",
        # Puts an API key on a plan: what the key may call.
        risk="privilege",
        name_argument=None,
        child=Child(
            "aws_api_gateway_usage_plan",
            call=Call("get_usage_plan_keys", params={"usagePlanId": "{parent.id}"}, items="items"),
        ),
        # (The answer holds the key's value too; it is never kept.)
        id="{parent.id}/{id}",
        label="name",
        arguments={"usage_plan_id": "parent.id", "key_id": "id", "key_type": "type"},
        references={"usage_plan_id": Ref("aws_api_gateway_usage_plan"), "key_id": Ref("aws_api_gateway_api_key")},
    ),
    ResourceSpec(
        tf_type="aws_api_gateway_domain_name",
        service="apigateway",
        name_argument="domain_name",
        list=Call("get_domain_names", items="items"),
        # AWS shares regional custom domain names between REST and HTTP APIs
        # and lists them through both: a regional one is adopted once, as
        # aws_apigatewayv2_domain_name (its base path mappings as API mappings).
        include=Not(Is("endpointConfiguration.types", ["REGIONAL"])),
        id="{domainName}",
        arn="arn:aws:apigateway:{region}::/domainnames/{domainName}",
        name="domainName",
        # A private domain name's policy says who may invoke through it.
        risk="privilege",
        arguments={
            "domain_name": "domainName",
            "certificate_arn": "certificateArn",
            "certificate_name": When(Has("certificateArn"), "certificateName"),
            "regional_certificate_arn": "regionalCertificateArn",
            "regional_certificate_name": When(Has("regionalCertificateArn"), "regionalCertificateName"),
            "security_policy": "securityPolicy",
            "endpoint_configuration": {
                "types": "endpointConfiguration.types",
                "ip_address_type": "endpointConfiguration.ipAddressType",
            },
            "mutual_tls_authentication": {
                "truststore_uri": "mutualTlsAuthentication.truststoreUri",
                "truststore_version": "mutualTlsAuthentication.truststoreVersion",
            },
            "policy": JsonDocument(_policy),
            "tags": Tags("tags"),
        },
        references={
            "certificate_arn": Ref("aws_acm_certificate", "arn"),
            "regional_certificate_arn": Ref("aws_acm_certificate", "arn"),
        },
    ),
    ResourceSpec(
        tf_type="aws_api_gateway_base_path_mapping",
        service="apigateway",
        name_argument=None,
        child=Child(
            "aws_api_gateway_domain_name",
            call=Call("get_base_path_mappings", params={"domainName": "{parent.domainName}"}, items="items"),
        ),
        id=_mapping_id,
        label=_base_path,
        arguments={
            "domain_name": "parent.domainName",
            "api_id": "restApiId",
            "stage_name": "stage",
            "base_path": _base_path,
        },
        references={"domain_name": Ref("aws_api_gateway_domain_name"), "api_id": Ref(_API)},
    ),
]
