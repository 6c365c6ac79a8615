"""Elastic Load Balancing v2: load balancers, target groups and the targets
registered by hand, listeners, their extra certificates and listener rules."""

from __future__ import annotations

from ..spec import (
    And,
    Arn,
    AsMap,
    Bool,
    Call,
    Child,
    Const,
    Each,
    First,
    Format,
    Has,
    Int,
    Is,
    Lookup,
    Lower,
    NameFromArn,
    Not,
    Or,
    Pluck,
    Ref,
    ResourceSpec,
    Secret,
    Shared,
    Some,
    Sorted,
    Tags,
    TagsCall,
    Unless,
    When,
)

# The redirect parts AWS (and the provider) fill in when left out: written only when changed.
REDIRECT_DEFAULTS = {
    "host": "#{host}",
    "path": "/#{path}",
    "port": "#{port}",
    "protocol": "#{protocol}",
    "query": "#{query}",
}

APPLICATION = ("application",)


def tags_of(arn_field: str) -> Call:
    # DescribeTags answers one TagDescription per ARN.
    return TagsCall("describe_tags", ResourceArns=[f"{{{arn_field}}}"], answer="TagDescriptions[].Tags")


def attribute(key: str, kind=None, lb_types: tuple[str, ...] = ()):
    """One of the ``Attributes`` (all strings in the API), typed for the provider
    (``Int``, ``Bool``); ``lb_types`` limits it to the load balancer types it means something for."""
    value = Lookup("Attributes", key)
    value = kind(value) if kind else value
    return When(Is("Type", *lb_types), value) if lb_types else value


def unless_usual(key: str, usual: str, kind=None):
    """An optional+computed attribute: written only when it is not AWS's usual value."""
    value = Unless(Lookup("Attributes", key), usual)
    return kind(value) if kind else value


def s3_logs(prefix: str, *lb_types: str) -> When:
    """access_logs / connection_logs / health_check_logs: written when enabled."""
    return When(
        And(Is("Type", *lb_types), Is(Lookup("Attributes", f"{prefix}.enabled"), "true")),
        {
            "bucket": Lookup("Attributes", f"{prefix}.bucket"),
            "prefix": Lookup("Attributes", f"{prefix}.prefix"),
            "enabled": Const(True),
        },
    )


# Elastic IPs or fixed private addresses: subnet_mapping says it (the provider
# takes exactly one of subnets and subnet_mapping).
FIXED_ADDRESSES = Some(
    "AvailabilityZones", Some("LoadBalancerAddresses", Or("AllocationId", "PrivateIPv4Address", "IPv6Address"))
)


def _stickiness(item, ctx):
    # Disabled stickiness is what the provider reads back when the block is left out.
    attributes = AsMap("Attributes")(item, ctx) or {}
    if attributes.get("stickiness.enabled") != "true":
        return None
    kind = attributes.get("stickiness.type")
    duration = attributes.get(f"stickiness.{kind}.duration_seconds")
    return {
        "enabled": True,
        "type": kind,
        "cookie_duration": int(duration) if duration else None,
        "cookie_name": attributes.get("stickiness.app_cookie.cookie_name") if kind == "app_cookie" else None,
    }


NOT_LAMBDA = Not(Is("TargetType", "lambda"))

# The provider's defaults inside health_check (timeout, path and matcher are AWS's to choose).
HEALTH_CHECK = {
    "enabled": Unless("HealthCheckEnabled", True),
    "protocol": When(NOT_LAMBDA, Unless("HealthCheckProtocol", "HTTP")),
    "port": When(NOT_LAMBDA, Unless("HealthCheckPort", "traffic-port")),
    "path": "HealthCheckPath",
    "matcher": Or("Matcher.HttpCode", "Matcher.GrpcCode"),
    "interval": Unless("HealthCheckIntervalSeconds", 30),
    "timeout": "HealthCheckTimeoutSeconds",
    "healthy_threshold": Unless("HealthyThresholdCount", 3),
    "unhealthy_threshold": Unless("UnhealthyThresholdCount", 3),
}


# -- actions (listener default actions and rule actions) ------------------------------------------


def _forward(action):
    groups = (action.get("ForwardConfig") or {}).get("TargetGroups") or [
        {"TargetGroupArn": action.get("TargetGroupArn"), "Weight": 1}
    ]
    forward = {"target_group": [{"arn": g.get("TargetGroupArn"), "weight": g.get("Weight")} for g in groups]}
    for group in forward["target_group"]:
        if group["weight"] == 1:
            group["weight"] = None  # the provider's default
    stickiness = (action.get("ForwardConfig") or {}).get("TargetGroupStickinessConfig") or {}
    if stickiness.get("Enabled"):
        forward["stickiness"] = {"enabled": True, "duration": stickiness.get("DurationSeconds")}
    # A single target group is read back both ways: as target_group_arn and as a
    # forward block.  Writing both (with the same ARN) leaves nothing to change.
    single = action.get("TargetGroupArn") if len(groups) == 1 else None
    return {"target_group_arn": single, "forward": forward}


def _action(action, count):
    out = {"type": action.get("Type"), "order": action.get("Order") if count > 1 else None}
    kind = action.get("Type")
    if kind == "forward":
        out.update(_forward(action))
    elif kind == "redirect":
        config = action.get("RedirectConfig") or {}
        redirect = {
            name: config.get(key)
            for name, key in (("host", "Host"), ("path", "Path"), ("port", "Port"), ("protocol", "Protocol"))
        }
        redirect["query"] = config.get("Query")
        out["redirect"] = {
            **{k: (None if v == REDIRECT_DEFAULTS[k] else v) for k, v in redirect.items()},
            "status_code": config.get("StatusCode"),
        }
    elif kind == "fixed-response":
        config = action.get("FixedResponseConfig") or {}
        out["fixed_response"] = {
            "content_type": config.get("ContentType"),
            "message_body": config.get("MessageBody"),
            "status_code": config.get("StatusCode"),
        }
    elif kind == "authenticate-cognito":
        config = action.get("AuthenticateCognitoConfig") or {}
        out["authenticate_cognito"] = {
            "user_pool_arn": config.get("UserPoolArn"),
            "user_pool_client_id": config.get("UserPoolClientId"),
            "user_pool_domain": config.get("UserPoolDomain"),
            **_auth_common(config),
        }
    elif kind == "authenticate-oidc":
        config = action.get("AuthenticateOidcConfig") or {}
        out["authenticate_oidc"] = {
            "authorization_endpoint": config.get("AuthorizationEndpoint"),
            "client_id": config.get("ClientId"),
            # AWS never returns the secret: the user supplies it.
            "client_secret": Secret("OIDC client secret of the load balancer's authentication action"),
            "issuer": config.get("Issuer"),
            "token_endpoint": config.get("TokenEndpoint"),
            "user_info_endpoint": config.get("UserInfoEndpoint"),
            **_auth_common(config),
        }
    return out


def _auth_common(config):
    return {
        "authentication_request_extra_params": config.get("AuthenticationRequestExtraParams"),
        "on_unauthenticated_request": config.get("OnUnauthenticatedRequest"),
        "scope": config.get("Scope"),
        "session_cookie_name": config.get("SessionCookieName"),
        "session_timeout": config.get("SessionTimeout"),
    }


def _actions(path):
    def value(item, ctx):
        actions = sorted(item.get(path) or [], key=lambda a: a.get("Order") or 0)
        return [_action(a, len(actions)) for a in actions] or None

    return value


# -- rule conditions ---------------------------------------------------------------------------------

# Field -> (block, API config key); the legacy shape is a bare "Values" list.
CONDITIONS = {
    "host-header": ("host_header", "HostHeaderConfig"),
    "path-pattern": ("path_pattern", "PathPatternConfig"),
    "http-request-method": ("http_request_method", "HttpRequestMethodConfig"),
    "source-ip": ("source_ip", "SourceIpConfig"),
}


def _condition(condition):
    field = condition.get("Field")
    regex = condition.get("RegexValues")
    if field in CONDITIONS:
        block, key = CONDITIONS[field]
        config = condition.get(key) or {}
        body = {"values": sorted(config.get("Values") or condition.get("Values") or []) or None}
        if field in ("host-header", "path-pattern"):
            body["regex_values"] = sorted(config.get("RegexValues") or regex or []) or None
        return {block: body}
    if field == "http-header":
        config = condition.get("HttpHeaderConfig") or {}
        return {
            "http_header": {
                "http_header_name": config.get("HttpHeaderName"),
                "values": sorted(config.get("Values") or []) or None,
                "regex_values": sorted(config.get("RegexValues") or regex or []) or None,
            }
        }
    if field == "query-string":
        pairs = (condition.get("QueryStringConfig") or {}).get("Values") or []
        return {"query_string": [{"key": p.get("Key"), "value": p.get("Value")} for p in pairs]}
    return None


def _transforms(item, ctx):
    # host-header-rewrite / url-rewrite, each with one regex rewrite.
    out = []
    for transform in item.get("Transforms") or []:
        kind = transform.get("Type", "")
        key, block = (
            ("HostHeaderRewriteConfig", "host_header_rewrite_config")
            if kind == "host-header-rewrite"
            else ("UrlRewriteConfig", "url_rewrite_config")
        )
        rewrite = next(iter((transform.get(key) or {}).get("Rewrites") or []), {})
        out.append(
            {"type": kind, block: {"rewrite": {"regex": rewrite.get("Regex"), "replace": rewrite.get("Replace")}}}
        )
    return out or None


def _conditions(item, ctx):
    return [c for c in (_condition(c) for c in item.get("Conditions") or []) if c] or None


# -- targets registered by hand -----------------------------------------------------------------------

# A target on its way out, or one AWS no longer counts as registered.
LEAVING = ("Target.DeregistrationInProgress", "Target.NotRegistered")


def _attachment_id(item, ctx):
    """TARGET_GROUP_ARN,TARGET_ID[,PORT][,AVAILABILITY_ZONE], the form the
    provider's importer parses (an empty port holds the place of a zone alone)."""
    target = item.get("Target") or {}
    group, target_id = (ctx.parent or {}).get("TargetGroupArn"), target.get("Id")
    if not group or not target_id:
        return None
    parts = [group, target_id]
    port = None if (ctx.parent or {}).get("TargetType") == "lambda" else target.get("Port")
    if port is not None:
        parts.append(str(port))
    if target.get("AvailabilityZone"):
        parts += ([""] if port is None else []) + [target["AvailabilityZone"]]
    return ",".join(parts)


SPECS = [
    ResourceSpec(
        tf_type="aws_lb",
        service="elbv2",
        list=Call("describe_load_balancers", items="LoadBalancers"),
        details=(
            Call("describe_load_balancer_attributes", params={"LoadBalancerArn": "{LoadBalancerArn}"}),
            tags_of("LoadBalancerArn"),
        ),
        include=Not(Is("State.Code", "failed")),
        id="{LoadBalancerArn}",
        arn=Arn("{LoadBalancerArn}", "elasticloadbalancing", "loadbalancer"),
        name="LoadBalancerName",
        # A Route 53 alias names both; every load balancer of a region has the same zone.
        exports={"dns_name": "DNSName", "zone_id": Shared("CanonicalHostedZoneId")},
        arguments={
            "name": "LoadBalancerName",
            "load_balancer_type": "Type",
            "internal": Is("Scheme", "internal"),
            "ip_address_type": "IpAddressType",
            "security_groups": Sorted("SecurityGroups"),
            "subnets": When(Not(FIXED_ADDRESSES), Sorted(Pluck("AvailabilityZones", "SubnetId"))),
            "subnet_mapping": When(
                FIXED_ADDRESSES,
                Each(
                    "AvailabilityZones",
                    {
                        "subnet_id": "SubnetId",
                        "allocation_id": First("LoadBalancerAddresses", "AllocationId"),
                        "private_ipv4_address": First("LoadBalancerAddresses", "PrivateIPv4Address"),
                        "ipv6_address": First("LoadBalancerAddresses", "IPv6Address"),
                    },
                    sort_by="subnet_id",
                ),
            ),
            "customer_owned_ipv4_pool": "CustomerOwnedIpv4Pool",
            "enable_deletion_protection": attribute("deletion_protection.enabled", Bool),
            "enable_zonal_shift": attribute("zonal_shift.config.enabled", Bool),
            # Application load balancers only.
            "idle_timeout": attribute("idle_timeout.timeout_seconds", Int, APPLICATION),
            "client_keep_alive": attribute("client_keep_alive.seconds", Int, APPLICATION),
            "enable_http2": attribute("routing.http2.enabled", Bool, APPLICATION),
            "drop_invalid_header_fields": attribute(
                "routing.http.drop_invalid_header_fields.enabled", Bool, APPLICATION
            ),
            "desync_mitigation_mode": attribute("routing.http.desync_mitigation_mode", None, APPLICATION),
            "enable_waf_fail_open": attribute("waf.fail_open.enabled", Bool, APPLICATION),
            "enable_tls_version_and_cipher_suite_headers": attribute(
                "routing.http.x_amzn_tls_version_and_cipher_suite.enabled", Bool, APPLICATION
            ),
            "enable_xff_client_port": attribute("routing.http.xff_client_port.enabled", Bool, APPLICATION),
            "preserve_host_header": attribute("routing.http.preserve_host_header.enabled", Bool, APPLICATION),
            "xff_header_processing_mode": attribute("routing.http.xff_header_processing.mode", None, APPLICATION),
            # Network and gateway load balancers (always on for application ones).
            "enable_cross_zone_load_balancing": attribute(
                "load_balancing.cross_zone.enabled", Bool, ("network", "gateway")
            ),
            "dns_record_client_routing_policy": attribute("dns_record.client_routing_policy", None, ("network",)),
            "access_logs": s3_logs("access_logs.s3", "application", "network"),
            "connection_logs": s3_logs("connection_logs.s3", "application"),
            "health_check_logs": s3_logs("health_check_logs.s3", "application"),
            "tags": Tags(),
        },
        # The provider's defaults (its attributes are not computed: an omitted one means this value).
        defaults={
            "load_balancer_type": "application",
            "internal": False,
            "ip_address_type": "ipv4",
            "enable_deletion_protection": False,
            "enable_zonal_shift": False,
            "idle_timeout": 60,
            "client_keep_alive": 3600,
            "enable_http2": True,
            "drop_invalid_header_fields": False,
            "desync_mitigation_mode": "defensive",
            "enable_waf_fail_open": False,
            "enable_tls_version_and_cipher_suite_headers": False,
            "enable_xff_client_port": False,
            "preserve_host_header": False,
            "xff_header_processing_mode": "append",
            "enable_cross_zone_load_balancing": False,
            "dns_record_client_routing_policy": "any_availability_zone",
        },
        references={
            "security_groups[*]": Ref("aws_security_group"),
            "subnets[*]": Ref("aws_subnet"),
            "subnet_mapping[*].subnet_id": Ref("aws_subnet"),
            "subnet_mapping[*].allocation_id": Ref("aws_eip"),
            "access_logs.bucket": Ref("aws_s3_bucket"),
            "connection_logs.bucket": Ref("aws_s3_bucket"),
            "health_check_logs.bucket": Ref("aws_s3_bucket"),
        },
    ),
    ResourceSpec(
        tf_type="aws_lb_target_group",
        service="elbv2",
        list=Call("describe_target_groups", items="TargetGroups"),
        details=(
            Call("describe_target_group_attributes", params={"TargetGroupArn": "{TargetGroupArn}"}),
            tags_of("TargetGroupArn"),
        ),
        id="{TargetGroupArn}",
        arn=Arn("{TargetGroupArn}", "elasticloadbalancing", "targetgroup"),
        name="TargetGroupName",
        arguments={
            "name": "TargetGroupName",
            "target_type": "TargetType",
            "port": When(NOT_LAMBDA, "Port"),
            "protocol": When(NOT_LAMBDA, "Protocol"),
            "protocol_version": When(Is("Protocol", "HTTP", "HTTPS"), "ProtocolVersion"),
            "vpc_id": When(NOT_LAMBDA, "VpcId"),
            "ip_address_type": "IpAddressType",
            "health_check": HEALTH_CHECK,
            "deregistration_delay": attribute("deregistration_delay.timeout_seconds"),
            "slow_start": attribute("slow_start.duration_seconds", Int),
            "proxy_protocol_v2": attribute("proxy_protocol_v2.enabled", Bool),
            "lambda_multi_value_headers_enabled": attribute("lambda.multi_value_headers.enabled", Bool),
            "connection_termination": unless_usual(
                "deregistration_delay.connection_termination.enabled", "false", Bool
            ),
            "load_balancing_algorithm_type": unless_usual("load_balancing.algorithm.type", "round_robin"),
            "load_balancing_anomaly_mitigation": unless_usual("load_balancing.algorithm.anomaly_mitigation", "off"),
            "load_balancing_cross_zone_enabled": unless_usual(
                "load_balancing.cross_zone.enabled", "use_load_balancer_configuration"
            ),
            "stickiness": _stickiness,
            "tags": Tags(),
        },
        defaults={
            "target_type": "instance",
            "ip_address_type": "ipv4",
            "protocol_version": "HTTP1",
            "deregistration_delay": "300",
            "slow_start": 0,
            "proxy_protocol_v2": False,
            "lambda_multi_value_headers_enabled": False,
        },
        references={"vpc_id": Ref("aws_vpc")},
    ),
    ResourceSpec(
        tf_type="aws_lb_target_group_attachment",
        service="elbv2",
        child=Child(
            "aws_lb_target_group",
            call=Call(
                "describe_target_health",
                items="TargetHealthDescriptions",
                params={"TargetGroupArn": "{parent.TargetGroupArn}"},
            ),
        ),
        # IP targets are what ECS services register for their tasks, which
        # nothing here tells from an address registered by hand: not adopted.
        include=And(Not(Is("parent.TargetType", "ip")), Not(Is("TargetHealth.Reason", *LEAVING))),
        id=_attachment_id,
        label_from="target_id",
        label=Or(NameFromArn("Target.Id"), "Target.Id"),
        arguments={
            "target_group_arn": "parent.TargetGroupArn",
            "target_id": "Target.Id",
            "port": When(Not(Is("parent.TargetType", "lambda")), "Target.Port"),
            "availability_zone": "Target.AvailabilityZone",
            "quic_server_id": "Target.QuicServerId",
        },
        references={"target_group_arn": Ref("aws_lb_target_group", "arn"), "target_id": Ref("aws_instance")},
        # An Auto Scaling group registers its own instances (its target_group_arns).
        default_with=("target_id",),
    ),
    ResourceSpec(
        tf_type="aws_lb_listener",
        service="elbv2",
        child=Child(
            "aws_lb",
            call=Call("describe_listeners", items="Listeners", params={"LoadBalancerArn": "{parent.LoadBalancerArn}"}),
        ),
        details=(tags_of("ListenerArn"),),
        id="{ListenerArn}",
        arn=Arn("{ListenerArn}", "elasticloadbalancing", "listener"),
        label=Lower(Format("{Protocol}_{Port}")),
        arguments={
            "load_balancer_arn": "LoadBalancerArn",
            "port": "Port",
            "protocol": "Protocol",
            # Only TLS listeners have a policy and a certificate.
            "ssl_policy": When(Is("Protocol", "HTTPS", "TLS"), "SslPolicy"),
            "certificate_arn": First("Certificates", "CertificateArn", where=Not(Is("IsDefault", False))),
            "alpn_policy": First("AlpnPolicy"),
            "default_action": _actions("DefaultActions"),
            "tags": Tags(),
        },
        references={
            "load_balancer_arn": Ref("aws_lb", "arn"),
            "certificate_arn": Ref("aws_acm_certificate", "arn"),
            "default_action[*].target_group_arn": Ref("aws_lb_target_group", "arn"),
            "default_action[*].forward.target_group[*].arn": Ref("aws_lb_target_group", "arn"),
            "default_action[*].authenticate_cognito.user_pool_arn": Ref("aws_cognito_user_pool", "arn"),
        },
    ),
    ResourceSpec(
        tf_type="aws_lb_listener_certificate",
        service="elbv2",
        child=Child(
            "aws_lb_listener",
            call=Call(
                "describe_listener_certificates",
                items="Certificates",
                params={"ListenerArn": "{parent.ListenerArn}"},
            ),
        ),
        # The default certificate is the listener's certificate_arn.
        include=Not(Has("IsDefault")),
        id="{parent.ListenerArn}_{CertificateArn}",
        label_from="certificate_arn",
        label=NameFromArn("CertificateArn"),
        arguments={"listener_arn": "parent.ListenerArn", "certificate_arn": "CertificateArn"},
        references={
            "listener_arn": Ref("aws_lb_listener", "arn"),
            # An ACM certificate, or one uploaded to IAM.
            "certificate_arn": Ref({"acm": "aws_acm_certificate", "iam": "aws_iam_server_certificate"}, "arn"),
        },
    ),
    ResourceSpec(
        tf_type="aws_lb_listener_rule",
        service="elbv2",
        child=Child(
            "aws_lb_listener",
            call=Call("describe_rules", items="Rules", params={"ListenerArn": "{parent.ListenerArn}"}),
        ),
        # The default rule is the listener's default_action.
        include=Not(Has("IsDefault")),
        details=(tags_of("RuleArn"),),
        id="{RuleArn}",
        arn=Arn("{RuleArn}", "elasticloadbalancing", "listener-rule"),
        label=Format("rule_{Priority}"),
        arguments={
            "listener_arn": "parent.ListenerArn",
            "priority": Int("Priority"),  # the default rule's is "default"
            "action": _actions("Actions"),
            "condition": _conditions,
            "transform": _transforms,
            "tags": Tags(),
        },
        references={
            "listener_arn": Ref("aws_lb_listener", "arn"),
            "action[*].target_group_arn": Ref("aws_lb_target_group", "arn"),
            "action[*].forward.target_group[*].arn": Ref("aws_lb_target_group", "arn"),
            "action[*].authenticate_cognito.user_pool_arn": Ref("aws_cognito_user_pool", "arn"),
        },
    ),
]
