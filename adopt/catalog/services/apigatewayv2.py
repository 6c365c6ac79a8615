"""API Gateway v2 (HTTP and WebSocket) APIs, their stages, routes, integrations
and authorizers; custom domain names and their API mappings.

What API Gateway made itself for a quick-created API (its $default stage,
route and integration, marked ``ApiGatewayManaged``) is not adopted.

AWS lists a regional custom domain name through both API Gateway APIs: it is
adopted here, with its mappings (to HTTP and REST APIs alike), and edge-optimized
and private ones as ``aws_api_gateway_domain_name``.
"""

from __future__ import annotations

from ..spec import (
    ARN_TARGET,
    Call,
    Child,
    Each,
    Entries,
    First,
    Flag,
    Format,
    Has,
    Is,
    Not,
    Ref,
    ResourceSpec,
    Sorted,
    Tags,
    Unless,
    When,
)


def route_settings(path: str) -> dict:
    """One route's settings; false flags and the OFF level are the defaults."""
    return {
        "data_trace_enabled": Flag(f"{path}.DataTraceEnabled"),
        "detailed_metrics_enabled": Flag(f"{path}.DetailedMetricsEnabled"),
        "logging_level": Unless(f"{path}.LoggingLevel", "OFF"),
        "throttling_burst_limit": f"{path}.ThrottlingBurstLimit",
        "throttling_rate_limit": f"{path}.ThrottlingRateLimit",
    }


_CORS = "CorsConfiguration"

SPECS = [
    ResourceSpec(
        tf_type="aws_apigatewayv2_api",
        service="apigatewayv2",
        list=Call("get_apis", items="Items"),
        id="{ApiId}",
        arn="arn:aws:apigateway:{region}::/apis/{ApiId}",
        name="Name",
        exports={
            "api_endpoint": "ApiEndpoint",
            "execution_arn": Format("arn:aws:execute-api:{region}:{account}:{ApiId}"),
        },
        arguments={
            "name": "Name",
            "protocol_type": "ProtocolType",
            "description": "Description",
            "version": "Version",
            "api_key_selection_expression": "ApiKeySelectionExpression",
            "route_selection_expression": "RouteSelectionExpression",
            "disable_execute_api_endpoint": "DisableExecuteApiEndpoint",
            "ip_address_type": "IpAddressType",
            "cors_configuration": {
                "allow_credentials": Flag(f"{_CORS}.AllowCredentials"),
                "allow_headers": Sorted(f"{_CORS}.AllowHeaders"),
                "allow_methods": Sorted(f"{_CORS}.AllowMethods"),
                "allow_origins": Sorted(f"{_CORS}.AllowOrigins"),
                "expose_headers": Sorted(f"{_CORS}.ExposeHeaders"),
                "max_age": Unless(f"{_CORS}.MaxAge", 0),
            },
            "tags": Tags("Tags"),
        },
        defaults={
            "api_key_selection_expression": "$request.header.x-api-key",
            "route_selection_expression": "$request.method $request.path",
            "disable_execute_api_endpoint": False,
            "ip_address_type": "ipv4",
        },
    ),
    ResourceSpec(
        tf_type="aws_apigatewayv2_stage",
        service="apigatewayv2",
        child=Child("aws_apigatewayv2_api", call=Call("get_stages", items="Items", params={"ApiId": "{parent.ApiId}"})),
        # The $default stage of a quick-created API belongs to API Gateway
        # (the provider refuses to import it).
        is_default=Has("ApiGatewayManaged"),
        id="{parent.ApiId}/{StageName}",
        arn="arn:aws:apigateway:{region}::/apis/{parent.ApiId}/stages/{StageName}",
        label="StageName",
        arguments={
            "api_id": "parent.ApiId",
            "name": "StageName",
            "description": "Description",
            "auto_deploy": "AutoDeploy",
            # With auto-deploy, API Gateway moves the stage to each new deployment itself.
            "deployment_id": When(Not(Has("AutoDeploy")), "DeploymentId"),
            "client_certificate_id": "ClientCertificateId",
            "stage_variables": "StageVariables",
            "access_log_settings": {
                "destination_arn": "AccessLogSettings.DestinationArn",
                "format": "AccessLogSettings.Format",
            },
            "default_route_settings": route_settings("DefaultRouteSettings"),
            "route_settings": Each(Entries("RouteSettings"), {"route_key": "Key", **route_settings("Value")}),
            "tags": Tags("Tags"),
        },
        defaults={"auto_deploy": False},
        references={
            "api_id": Ref("aws_apigatewayv2_api"),
            "deployment_id": Ref("aws_apigatewayv2_deployment"),
            "access_log_settings.destination_arn": Ref("aws_cloudwatch_log_group", "arn"),
        },
    ),
]


_API = "aws_apigatewayv2_api"
MADE_BY_API_GATEWAY = Has("ApiGatewayManaged")


def _authorizer_id(item, ctx):
    return item.get("AuthorizerId") if item.get("AuthorizationType") not in (None, "NONE") else None


SPECS += [
    ResourceSpec(
        tf_type="aws_apigatewayv2_integration",
        service="apigatewayv2",
        name_argument=None,
        child=Child(_API, call=Call("get_integrations", items="Items", params={"ApiId": "{parent.ApiId}"})),
        is_default=MADE_BY_API_GATEWAY,
        id="{IntegrationId}",
        import_id="{parent.ApiId}/{IntegrationId}",
        label="IntegrationId",
        arguments={
            "api_id": "parent.ApiId",
            "integration_type": "IntegrationType",
            "integration_subtype": "IntegrationSubtype",
            "integration_method": "IntegrationMethod",
            "integration_uri": "IntegrationUri",
            "description": "Description",
            "connection_type": Unless("ConnectionType", "INTERNET"),
            "connection_id": "ConnectionId",
            "credentials_arn": "CredentialsArn",
            "content_handling_strategy": "ContentHandlingStrategy",
            "passthrough_behavior": "PassthroughBehavior",
            "payload_format_version": Unless("PayloadFormatVersion", "1.0"),
            "request_parameters": "RequestParameters",
            "request_templates": "RequestTemplates",
            "template_selection_expression": "TemplateSelectionExpression",
            "timeout_milliseconds": "TimeoutInMillis",
            "tls_config": {"server_name_to_verify": "TlsConfig.ServerNameToVerify"},
            "response_parameters": Each(Entries("ResponseParameters"), {"status_code": "Key", "mappings": "Value"}),
        },
        references={
            "api_id": Ref(_API),
            "integration_uri": Ref(ARN_TARGET, "arn"),
            "credentials_arn": Ref("aws_iam_role", "arn"),
        },
    ),
    ResourceSpec(
        tf_type="aws_apigatewayv2_authorizer",
        service="apigatewayv2",
        child=Child(_API, call=Call("get_authorizers", items="Items", params={"ApiId": "{parent.ApiId}"})),
        id="{AuthorizerId}",
        import_id="{parent.ApiId}/{AuthorizerId}",
        name="Name",
        label="Name",
        arguments={
            "api_id": "parent.ApiId",
            "name": "Name",
            "authorizer_type": "AuthorizerType",
            "authorizer_uri": "AuthorizerUri",
            "authorizer_credentials_arn": "AuthorizerCredentialsArn",
            "authorizer_payload_format_version": "AuthorizerPayloadFormatVersion",
            "authorizer_result_ttl_in_seconds": "AuthorizerResultTtlInSeconds",
            "enable_simple_responses": Flag("EnableSimpleResponses"),
            "identity_sources": Sorted("IdentitySource"),
            "jwt_configuration": {
                "audience": Sorted("JwtConfiguration.Audience"),
                "issuer": "JwtConfiguration.Issuer",
            },
        },
        references={"api_id": Ref(_API), "authorizer_credentials_arn": Ref("aws_iam_role", "arn")},
    ),
    ResourceSpec(
        tf_type="aws_apigatewayv2_route",
        service="apigatewayv2",
        name_argument=None,
        child=Child(_API, call=Call("get_routes", items="Items", params={"ApiId": "{parent.ApiId}"})),
        is_default=MADE_BY_API_GATEWAY,
        id="{RouteId}",
        import_id="{parent.ApiId}/{RouteId}",
        label="RouteKey",
        arguments={
            "api_id": "parent.ApiId",
            "route_key": "RouteKey",
            "target": "Target",
            "authorization_type": Unless("AuthorizationType", "NONE"),
            "authorizer_id": _authorizer_id,
            "authorization_scopes": Sorted("AuthorizationScopes"),
            "api_key_required": Flag("ApiKeyRequired"),
            "operation_name": "OperationName",
            "model_selection_expression": "ModelSelectionExpression",
            "route_response_selection_expression": "RouteResponseSelectionExpression",
            "request_models": "RequestModels",
            "request_parameter": Each(
                Entries("RequestParameters"), {"request_parameter_key": "Key", "required": "Value.Required"}
            ),
        },
        references={
            "api_id": Ref(_API),
            "authorizer_id": Ref("aws_apigatewayv2_authorizer"),
            # "integrations/<integration ID>": the scan settles on the ID after the prefix.
            "target": Ref("aws_apigatewayv2_integration"),
        },
    ),
    ResourceSpec(
        tf_type="aws_apigatewayv2_domain_name",
        service="apigatewayv2",
        name_argument="domain_name",
        list=Call("get_domain_names", items="Items"),
        include=Is(First("DomainNameConfigurations", "EndpointType"), "REGIONAL"),
        id="{DomainName}",
        arn=Format("arn:aws:apigateway:{region}::/domainnames/{DomainName}"),
        name="DomainName",
        arguments={
            "domain_name": "DomainName",
            "domain_name_configuration": {
                "certificate_arn": First("DomainNameConfigurations", "CertificateArn"),
                "endpoint_type": First("DomainNameConfigurations", "EndpointType"),
                "security_policy": First("DomainNameConfigurations", "SecurityPolicy"),
                "ip_address_type": First("DomainNameConfigurations", "IpAddressType"),
            },
            "mutual_tls_authentication": {
                "truststore_uri": "MutualTlsAuthentication.TruststoreUri",
                "truststore_version": "MutualTlsAuthentication.TruststoreVersion",
            },
            "tags": Tags("Tags"),
        },
        references={"domain_name_configuration.certificate_arn": Ref("aws_acm_certificate", "arn")},
    ),
    ResourceSpec(
        tf_type="aws_apigatewayv2_api_mapping",
        service="apigatewayv2",
        name_argument=None,
        child=Child(
            "aws_apigatewayv2_domain_name",
            call=Call("get_api_mappings", items="Items", params={"DomainName": "{parent.DomainName}"}),
        ),
        id="{ApiMappingId}",
        import_id="{ApiMappingId}/{parent.DomainName}",
        label="ApiMappingKey",
        arguments={
            "api_id": "ApiId",
            "domain_name": "parent.DomainName",
            "stage": "Stage",
            "api_mapping_key": "ApiMappingKey",
        },
        references={
            "api_id": Ref(_API),
            "domain_name": Ref("aws_apigatewayv2_domain_name"),
        },
    ),
]
