"""API Gateway v2 (HTTP and WebSocket) APIs and their stages."""

from __future__ import annotations

from ..spec import Call, Child, Each, Entries, Flag, Format, Has, Not, Ref, ResourceSpec, Sorted, Tags, Unless, When


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
