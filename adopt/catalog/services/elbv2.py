"""Elastic Load Balancing v2: load balancers, target groups, listeners and listener rules."""

from __future__ import annotations

from ..spec import Call, Ref, ResourceSpec, Secret, Tags

# The redirect parts AWS (and the provider) fill in when left out: written only when changed.
REDIRECT_DEFAULTS = {
    "host": "#{host}",
    "path": "/#{path}",
    "port": "#{port}",
    "protocol": "#{protocol}",
    "query": "#{query}",
}


def _tags_of(arn_field: str) -> Call:
    # DescribeTags answers one TagDescription per ARN; its "Tags" join the item.
    return Call("describe_tags", items="TagDescriptions", params={"ResourceArns": [f"{{{arn_field}}}"]})


def _attributes(item):
    return {a.get("Key"): a.get("Value") for a in item.get("Attributes") or []}


def _attr(key, kind=str, lb_types=None):
    """One of the ``Attributes`` (all strings in the API), typed for the provider;
    ``lb_types`` limits it to the load balancer types it means something for."""

    def value(item, ctx):
        if lb_types and item.get("Type") not in lb_types:
            return None
        raw = _attributes(item).get(key)
        if raw in (None, ""):
            return None
        if kind is bool:
            return raw.lower() == "true"
        return kind(raw)

    return value


def _unless(key, usual, kind=str):
    """An optional+computed attribute: written only when it is not AWS's usual value."""

    def value(item, ctx):
        raw = _attributes(item).get(key)
        if raw in (None, "", usual):
            return None
        return raw.lower() == "true" if kind is bool else raw

    return value


def _s3_logs(prefix, lb_types):
    """access_logs / connection_logs / health_check_logs: written when enabled."""

    def value(item, ctx):
        attributes = _attributes(item)
        if item.get("Type") not in lb_types or attributes.get(f"{prefix}.enabled") != "true":
            return None
        return {
            "bucket": attributes.get(f"{prefix}.bucket"),
            "prefix": attributes.get(f"{prefix}.prefix") or None,
            "enabled": True,
        }

    return value


def _fixed_addresses(item):
    return any(
        a.get("AllocationId") or a.get("PrivateIPv4Address") or a.get("IPv6Address")
        for zone in item.get("AvailabilityZones") or []
        for a in zone.get("LoadBalancerAddresses") or []
    )


def _subnets(item, ctx):
    if _fixed_addresses(item):
        return None  # subnet_mapping says it (the provider takes exactly one of the two)
    return sorted(z["SubnetId"] for z in item.get("AvailabilityZones") or [] if z.get("SubnetId")) or None


def _subnet_mappings(item, ctx):
    if not _fixed_addresses(item):
        return None
    mappings = []
    for zone in item.get("AvailabilityZones") or []:
        address = next(iter(zone.get("LoadBalancerAddresses") or []), {})
        mappings.append(
            {
                "subnet_id": zone.get("SubnetId"),
                "allocation_id": address.get("AllocationId"),
                "private_ipv4_address": address.get("PrivateIPv4Address"),
                "ipv6_address": address.get("IPv6Address"),
            }
        )
    return sorted(mappings, key=lambda m: m["subnet_id"] or "")


def _stickiness(item, ctx):
    # Disabled stickiness is what the provider reads back when the block is left out.
    attributes = _attributes(item)
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


# The provider's defaults inside health_check (timeout, path and matcher are AWS's to choose).
HEALTH_CHECK_DEFAULTS = {
    "enabled": True,
    "protocol": "HTTP",
    "port": "traffic-port",
    "interval": 30,
    "healthy_threshold": 3,
    "unhealthy_threshold": 3,
}


def _health_check(item, ctx):
    lambda_target = item.get("TargetType") == "lambda"
    check = {
        "enabled": item.get("HealthCheckEnabled"),
        "protocol": None if lambda_target else item.get("HealthCheckProtocol"),
        "port": None if lambda_target else item.get("HealthCheckPort"),
        "path": item.get("HealthCheckPath"),
        "matcher": (item.get("Matcher") or {}).get("HttpCode") or (item.get("Matcher") or {}).get("GrpcCode"),
        "interval": item.get("HealthCheckIntervalSeconds"),
        "timeout": item.get("HealthCheckTimeoutSeconds"),
        "healthy_threshold": item.get("HealthyThresholdCount"),
        "unhealthy_threshold": item.get("UnhealthyThresholdCount"),
    }
    return {k: (None if HEALTH_CHECK_DEFAULTS.get(k) == v else v) for k, v in check.items()}


def _not_lambda(path):
    return lambda item, ctx: None if item.get("TargetType") == "lambda" else item.get(path)


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


SPECS = [
    ResourceSpec(
        tf_type="aws_lb",
        service="elbv2",
        list=Call("describe_load_balancers", items="LoadBalancers"),
        details=(
            Call("describe_load_balancer_attributes", params={"LoadBalancerArn": "{LoadBalancerArn}"}),
            _tags_of("LoadBalancerArn"),
        ),
        include=lambda item, ctx: (item.get("State") or {}).get("Code") != "failed",
        id="{LoadBalancerArn}",
        arn="{LoadBalancerArn}",
        name="LoadBalancerName",
        arguments={
            "name": "LoadBalancerName",
            "load_balancer_type": "Type",
            "internal": lambda item, ctx: item.get("Scheme") == "internal",
            "ip_address_type": "IpAddressType",
            "security_groups": lambda item, ctx: sorted(item.get("SecurityGroups") or []) or None,
            "subnets": _subnets,
            "subnet_mapping": _subnet_mappings,
            "customer_owned_ipv4_pool": "CustomerOwnedIpv4Pool",
            "enable_deletion_protection": _attr("deletion_protection.enabled", bool),
            "enable_zonal_shift": _attr("zonal_shift.config.enabled", bool),
            # Application load balancers only.
            "idle_timeout": _attr("idle_timeout.timeout_seconds", int, ("application",)),
            "client_keep_alive": _attr("client_keep_alive.seconds", int, ("application",)),
            "enable_http2": _attr("routing.http2.enabled", bool, ("application",)),
            "drop_invalid_header_fields": _attr(
                "routing.http.drop_invalid_header_fields.enabled", bool, ("application",)
            ),
            "desync_mitigation_mode": _attr("routing.http.desync_mitigation_mode", str, ("application",)),
            "enable_waf_fail_open": _attr("waf.fail_open.enabled", bool, ("application",)),
            "enable_tls_version_and_cipher_suite_headers": _attr(
                "routing.http.x_amzn_tls_version_and_cipher_suite.enabled", bool, ("application",)
            ),
            "enable_xff_client_port": _attr("routing.http.xff_client_port.enabled", bool, ("application",)),
            "preserve_host_header": _attr("routing.http.preserve_host_header.enabled", bool, ("application",)),
            "xff_header_processing_mode": _attr("routing.http.xff_header_processing.mode", str, ("application",)),
            # Network and gateway load balancers (always on for application ones).
            "enable_cross_zone_load_balancing": _attr(
                "load_balancing.cross_zone.enabled", bool, ("network", "gateway")
            ),
            "dns_record_client_routing_policy": _attr("dns_record.client_routing_policy", str, ("network",)),
            "access_logs": _s3_logs("access_logs.s3", ("application", "network")),
            "connection_logs": _s3_logs("connection_logs.s3", ("application",)),
            "health_check_logs": _s3_logs("health_check_logs.s3", ("application",)),
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
        emulator_gaps="moto returns only some load balancer attributes and no Elastic IPs on network load balancers",
    ),
    ResourceSpec(
        tf_type="aws_lb_target_group",
        service="elbv2",
        list=Call("describe_target_groups", items="TargetGroups"),
        details=(
            Call("describe_target_group_attributes", params={"TargetGroupArn": "{TargetGroupArn}"}),
            _tags_of("TargetGroupArn"),
        ),
        id="{TargetGroupArn}",
        arn="{TargetGroupArn}",
        name="TargetGroupName",
        arguments={
            "name": "TargetGroupName",
            "target_type": "TargetType",
            "port": _not_lambda("Port"),
            "protocol": _not_lambda("Protocol"),
            "protocol_version": lambda item, ctx: (
                item.get("ProtocolVersion") if item.get("Protocol") in ("HTTP", "HTTPS") else None
            ),
            "vpc_id": _not_lambda("VpcId"),
            "ip_address_type": "IpAddressType",
            "health_check": _health_check,
            "deregistration_delay": _attr("deregistration_delay.timeout_seconds"),
            "slow_start": _attr("slow_start.duration_seconds", int),
            "proxy_protocol_v2": _attr("proxy_protocol_v2.enabled", bool),
            "lambda_multi_value_headers_enabled": _attr("lambda.multi_value_headers.enabled", bool),
            "connection_termination": _unless("deregistration_delay.connection_termination.enabled", "false", bool),
            "load_balancing_algorithm_type": _unless("load_balancing.algorithm.type", "round_robin"),
            "load_balancing_anomaly_mitigation": _unless("load_balancing.algorithm.anomaly_mitigation", "off"),
            "load_balancing_cross_zone_enabled": _unless(
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
        tf_type="aws_lb_listener",
        service="elbv2",
        parent="aws_lb",
        list=Call(
            "describe_listeners",
            items="Listeners",
            params={"LoadBalancerArn": "{parent.LoadBalancerArn}"},
        ),
        details=(_tags_of("ListenerArn"),),
        id="{ListenerArn}",
        arn="{ListenerArn}",
        label=lambda item, ctx: f"{item.get('Protocol', '')}_{item.get('Port', '')}".lower(),
        arguments={
            "load_balancer_arn": "LoadBalancerArn",
            "port": "Port",
            "protocol": "Protocol",
            # Only TLS listeners have a policy and a certificate.
            "ssl_policy": lambda item, ctx: item.get("SslPolicy") if item.get("Protocol") in ("HTTPS", "TLS") else None,
            "certificate_arn": lambda item, ctx: next(
                (c.get("CertificateArn") for c in item.get("Certificates") or [] if c.get("IsDefault", True)), None
            ),
            "alpn_policy": lambda item, ctx: next(iter(item.get("AlpnPolicy") or []), None),
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
        emulator_gaps="moto returns no ForwardConfig and has no OIDC authentication, ALPN policy or weighted forwards",
    ),
    ResourceSpec(
        tf_type="aws_lb_listener_rule",
        service="elbv2",
        parent="aws_lb_listener",
        list=Call("describe_rules", items="Rules", params={"ListenerArn": "{parent.ListenerArn}"}),
        # The default rule is the listener's default_action.
        include=lambda item, ctx: not item.get("IsDefault"),
        details=(_tags_of("RuleArn"),),
        id="{RuleArn}",
        arn="{RuleArn}",
        label=lambda item, ctx: f"rule_{item.get('Priority')}",
        arguments={
            "listener_arn": "parent.ListenerArn",
            "priority": lambda item, ctx: int(item["Priority"]) if str(item.get("Priority")).isdigit() else None,
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
        emulator_gaps="moto returns no ForwardConfig and has no query-string conditions or rule transforms",
    ),
]
