"""API Gateway v2 (HTTP and WebSocket) APIs and their stages."""

from __future__ import annotations

from ..spec import Call, Ref, ResourceSpec, Tags, get_path


def _sorted(path):
    return lambda item, ctx: sorted(get_path(item, path) or []) or None


def _route_settings(settings: dict, route_key: str | None = None) -> dict:
    """One route's settings; false flags and the OFF level are the defaults."""
    return {
        "route_key": route_key,
        "data_trace_enabled": settings.get("DataTraceEnabled") or None,
        "detailed_metrics_enabled": settings.get("DetailedMetricsEnabled") or None,
        "logging_level": None if settings.get("LoggingLevel") == "OFF" else settings.get("LoggingLevel"),
        "throttling_burst_limit": settings.get("ThrottlingBurstLimit"),
        "throttling_rate_limit": settings.get("ThrottlingRateLimit"),
    }


SPECS = [
    ResourceSpec(
        tf_type="aws_apigatewayv2_api",
        service="apigatewayv2",
        list=Call("get_apis", items="Items"),
        id="{ApiId}",
        arn="arn:aws:apigateway:{region}::/apis/{ApiId}",
        name="Name",
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
                "allow_credentials": lambda item, ctx: get_path(item, "CorsConfiguration.AllowCredentials") or None,
                "allow_headers": _sorted("CorsConfiguration.AllowHeaders"),
                "allow_methods": _sorted("CorsConfiguration.AllowMethods"),
                "allow_origins": _sorted("CorsConfiguration.AllowOrigins"),
                "expose_headers": _sorted("CorsConfiguration.ExposeHeaders"),
                "max_age": lambda item, ctx: get_path(item, "CorsConfiguration.MaxAge") or None,
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
        parent="aws_apigatewayv2_api",
        list=Call("get_stages", items="Items", params={"ApiId": "{parent.ApiId}"}),
        # The $default stage of a quick-created API belongs to API Gateway
        # (the provider refuses to import it).
        is_default=lambda item, ctx: bool(item.get("ApiGatewayManaged")),
        id="{parent.ApiId}/{StageName}",
        arn="arn:aws:apigateway:{region}::/apis/{parent.ApiId}/stages/{StageName}",
        label="StageName",
        arguments={
            "api_id": "parent.ApiId",
            "name": "StageName",
            "description": "Description",
            "auto_deploy": "AutoDeploy",
            # With auto-deploy, API Gateway moves the stage to each new deployment itself.
            "deployment_id": lambda item, ctx: None if item.get("AutoDeploy") else item.get("DeploymentId"),
            "client_certificate_id": "ClientCertificateId",
            "stage_variables": "StageVariables",
            "access_log_settings": {
                "destination_arn": "AccessLogSettings.DestinationArn",
                "format": "AccessLogSettings.Format",
            },
            "default_route_settings": lambda item, ctx: _route_settings(item.get("DefaultRouteSettings") or {}),
            "route_settings": lambda item, ctx: [
                _route_settings(settings, key) for key, settings in sorted((item.get("RouteSettings") or {}).items())
            ],
            "tags": Tags("Tags"),
        },
        defaults={"auto_deploy": False},
        references={
            "api_id": Ref("aws_apigatewayv2_api"),
            "deployment_id": Ref("aws_apigatewayv2_deployment"),
            "access_log_settings.destination_arn": Ref("aws_cloudwatch_log_group", "arn"),
        },
        emulator_gaps="moto makes no $default stage for a quick-created API",
    ),
]
