"""CloudFront distributions (a global service: listed once).

The API spells every list as ``{"Quantity": n, "Items": [...]}`` and returns
every optional field with its default; the helpers below unwrap the lists and
leave out what equals the provider's default, so a plan after import is quiet.
"""

from __future__ import annotations

from ..spec import Call, Ref, ResourceSpec, Secret, Tags, looks_secret

CONFIG = "DistributionConfig"


def _items(value) -> list:
    return list((value or {}).get("Items") or [])


def _sorted_items(value) -> list | None:
    return sorted(_items(value)) or None


def _unless(value, default):
    """The value, or None where it is the provider's default (or empty)."""
    return None if value in (default, "", None) else value


def _custom_headers(origin: dict) -> list | None:
    headers = []
    for header in _items(origin.get("CustomHeaders")):
        name = header["HeaderName"]
        # A header CloudFront adds so the origin can tell it is being called
        # through the distribution (X-Origin-Verify) is a shared secret.
        value = (
            Secret(f"header {name} sent to origin {origin['Id']} looks like a shared secret")
            if looks_secret(name) or "VERIFY" in name.upper()
            else header["HeaderValue"]
        )
        headers.append({"name": name, "value": value})
    return headers or None


def _origin(origin: dict) -> dict:
    custom = origin.get("CustomOriginConfig")
    vpc = origin.get("VpcOriginConfig")
    shield = origin.get("OriginShield") or {}
    oai = (origin.get("S3OriginConfig") or {}).get("OriginAccessIdentity")
    return {
        "origin_id": origin["Id"],
        "domain_name": origin["DomainName"],
        "origin_path": _unless(origin.get("OriginPath"), ""),
        "connection_attempts": _unless(origin.get("ConnectionAttempts"), 3),
        "connection_timeout": _unless(origin.get("ConnectionTimeout"), 10),
        "response_completion_timeout": origin.get("ResponseCompletionTimeout"),
        "origin_access_control_id": origin.get("OriginAccessControlId") or None,
        "custom_header": _custom_headers(origin),
        # An S3 origin without an origin access identity needs no block: the
        # provider sends an empty one itself.
        "s3_origin_config": [{"origin_access_identity": oai}] if oai else None,
        "custom_origin_config": [
            {
                "http_port": custom.get("HTTPPort"),
                "https_port": custom.get("HTTPSPort"),
                "origin_protocol_policy": custom.get("OriginProtocolPolicy"),
                "origin_ssl_protocols": _sorted_items(custom.get("OriginSslProtocols")),
                "origin_read_timeout": _unless(custom.get("OriginReadTimeout"), 30),
                "origin_keepalive_timeout": _unless(custom.get("OriginKeepaliveTimeout"), 5),
                "ip_address_type": custom.get("IpAddressType"),
            }
        ]
        if custom
        else None,
        "vpc_origin_config": [
            {
                "vpc_origin_id": vpc.get("VpcOriginId"),
                "owner_account_id": vpc.get("OwnerAccountId"),
                "origin_read_timeout": _unless(vpc.get("OriginReadTimeout"), 30),
                "origin_keepalive_timeout": _unless(vpc.get("OriginKeepaliveTimeout"), 5),
            }
        ]
        if vpc
        else None,
        "origin_shield": [{"enabled": True, "origin_shield_region": shield.get("OriginShieldRegion")}]
        if shield.get("Enabled")
        else None,
    }


def _origins(item, ctx):
    return [_origin(o) for o in _items(item[CONFIG].get("Origins"))] or None


def _origin_groups(item, ctx):
    groups = [
        {
            "origin_id": group["Id"],
            "failover_criteria": [
                {"status_codes": sorted(_items((group.get("FailoverCriteria") or {}).get("StatusCodes")))}
            ],
            "member": [{"origin_id": m["OriginId"]} for m in _items(group.get("Members"))],
        }
        for group in _items(item[CONFIG].get("OriginGroups"))
    ]
    return groups or None


def _cache_behavior(behavior: dict) -> dict:
    policy = behavior.get("CachePolicyId") or None
    forwarded = behavior.get("ForwardedValues")
    out = {
        "path_pattern": behavior.get("PathPattern"),
        "target_origin_id": behavior["TargetOriginId"],
        "viewer_protocol_policy": behavior["ViewerProtocolPolicy"],
        "allowed_methods": _sorted_items(behavior.get("AllowedMethods")),
        "cached_methods": _sorted_items((behavior.get("AllowedMethods") or {}).get("CachedMethods")),
        "compress": _unless(behavior.get("Compress"), False),
        "smooth_streaming": _unless(behavior.get("SmoothStreaming"), False),
        "cache_policy_id": policy,
        "origin_request_policy_id": behavior.get("OriginRequestPolicyId") or None,
        "response_headers_policy_id": behavior.get("ResponseHeadersPolicyId") or None,
        "field_level_encryption_id": behavior.get("FieldLevelEncryptionId") or None,
        "realtime_log_config_arn": behavior.get("RealtimeLogConfigArn") or None,
        "trusted_key_groups": _items(behavior.get("TrustedKeyGroups")) or None,
        "trusted_signers": _items(behavior.get("TrustedSigners")) or None,
        "function_association": [
            {"event_type": f["EventType"], "function_arn": f["FunctionARN"]}
            for f in _items(behavior.get("FunctionAssociations"))
        ]
        or None,
        "lambda_function_association": [
            {
                "event_type": f["EventType"],
                "lambda_arn": f["LambdaFunctionARN"],
                "include_body": _unless(f.get("IncludeBody"), False),
            }
            for f in _items(behavior.get("LambdaFunctionAssociations"))
        ]
        or None,
        "grpc_config": [{"enabled": True}] if (behavior.get("GrpcConfig") or {}).get("Enabled") else None,
    }
    if policy is None:
        # Legacy cache settings; with a cache policy the policy holds them and
        # the provider must not send them.
        out["min_ttl"] = _unless(behavior.get("MinTTL"), 0)
        out["default_ttl"] = behavior.get("DefaultTTL")
        out["max_ttl"] = behavior.get("MaxTTL")
        if forwarded:
            cookies = forwarded.get("Cookies") or {}
            out["forwarded_values"] = [
                {
                    "query_string": bool(forwarded.get("QueryString")),
                    "query_string_cache_keys": _items(forwarded.get("QueryStringCacheKeys")) or None,
                    "headers": _sorted_items(forwarded.get("Headers")),
                    "cookies": [
                        {
                            "forward": cookies.get("Forward", "none"),
                            "whitelisted_names": _sorted_items(cookies.get("WhitelistedNames")),
                        }
                    ],
                }
            ]
    return out


def _default_cache_behavior(item, ctx):
    return [_cache_behavior(item[CONFIG]["DefaultCacheBehavior"])]


def _ordered_cache_behaviors(item, ctx):
    return [_cache_behavior(b) for b in _items(item[CONFIG].get("CacheBehaviors"))] or None


def _custom_error_responses(item, ctx):
    responses = [
        {
            "error_code": r["ErrorCode"],
            "response_code": int(r["ResponseCode"]) if r.get("ResponseCode") else None,
            "response_page_path": r.get("ResponsePagePath") or None,
            "error_caching_min_ttl": r.get("ErrorCachingMinTTL"),
        }
        for r in _items(item[CONFIG].get("CustomErrorResponses"))
    ]
    return sorted(responses, key=lambda r: r["error_code"]) or None


def _logging(item, ctx):
    logging = item[CONFIG].get("Logging") or {}
    if not logging.get("Enabled"):
        return None
    return [
        {
            "bucket": logging.get("Bucket"),
            "prefix": logging.get("Prefix") or None,
            "include_cookies": _unless(logging.get("IncludeCookies"), False),
        }
    ]


def _restrictions(item, ctx):
    geo = (item[CONFIG].get("Restrictions") or {}).get("GeoRestriction") or {}
    return [
        {
            "geo_restriction": [
                {"restriction_type": geo.get("RestrictionType", "none"), "locations": _sorted_items(geo)},
            ]
        }
    ]


def _viewer_certificate(item, ctx):
    cert = item[CONFIG].get("ViewerCertificate") or {}
    acm, iam = cert.get("ACMCertificateArn") or None, cert.get("IAMCertificateId") or None
    if acm or iam:
        return [
            {
                "acm_certificate_arn": acm,
                "iam_certificate_id": iam,
                "ssl_support_method": cert.get("SSLSupportMethod"),
                "minimum_protocol_version": _unless(cert.get("MinimumProtocolVersion"), "TLSv1"),
            }
        ]
    # The *.cloudfront.net certificate: its protocol settings are fixed.
    return [{"cloudfront_default_certificate": True}]


def _label(item, ctx):
    tags = Tags("Tags.Items").evaluate(item, ctx) or {}
    aliases = _items(item[CONFIG].get("Aliases"))
    return tags.get("Name") or (sorted(aliases)[0] if aliases else None) or item[CONFIG].get("Comment") or item["Id"]


_BEHAVIOR_REFS = {
    "cache_policy_id": Ref("aws_cloudfront_cache_policy"),
    "origin_request_policy_id": Ref("aws_cloudfront_origin_request_policy"),
    "response_headers_policy_id": Ref("aws_cloudfront_response_headers_policy"),
    "field_level_encryption_id": Ref("aws_cloudfront_field_level_encryption_config"),
    "realtime_log_config_arn": Ref("aws_cloudfront_realtime_log_config", "arn"),
    "trusted_key_groups[*]": Ref("aws_cloudfront_key_group"),
    "function_association[*].function_arn": Ref("aws_cloudfront_function", "arn"),
}


SPECS = [
    ResourceSpec(
        tf_type="aws_cloudfront_distribution",
        service="cloudfront",
        is_global=True,
        list=Call("list_distributions", items="DistributionList.Items"),
        details=(
            Call("get_distribution_config", params={"Id": "{Id}"}),  # the whole configuration, with logging
            Call("list_tags_for_resource", params={"Resource": "{ARN}"}),
        ),
        # Multi-tenant distributions are aws_cloudfront_multitenant_distribution.
        include=lambda item, ctx: item.get("ConnectionMode") != "tenant-only",
        id="{Id}",
        arn="{ARN}",
        label=_label,
        arguments={
            "enabled": f"{CONFIG}.Enabled",
            "comment": f"{CONFIG}.Comment",
            "aliases": lambda item, ctx: _sorted_items(item[CONFIG].get("Aliases")),
            "default_root_object": f"{CONFIG}.DefaultRootObject",
            "http_version": f"{CONFIG}.HttpVersion",
            "is_ipv6_enabled": f"{CONFIG}.IsIPV6Enabled",
            "price_class": f"{CONFIG}.PriceClass",
            "web_acl_id": f"{CONFIG}.WebACLId",
            "staging": f"{CONFIG}.Staging",
            "continuous_deployment_policy_id": f"{CONFIG}.ContinuousDeploymentPolicyId",
            "anycast_ip_list_id": f"{CONFIG}.AnycastIpListId",
            "origin": _origins,
            "origin_group": _origin_groups,
            "default_cache_behavior": _default_cache_behavior,
            "ordered_cache_behavior": _ordered_cache_behaviors,
            "custom_error_response": _custom_error_responses,
            "logging_config": _logging,
            "restrictions": _restrictions,
            "viewer_mtls_config": {
                "mode": f"{CONFIG}.ViewerMtlsConfig.Mode",
                "trust_store_config": {
                    "trust_store_id": f"{CONFIG}.ViewerMtlsConfig.TrustStoreConfig.TrustStoreId",
                    "advertise_trust_store_ca_names": f"{CONFIG}.ViewerMtlsConfig.TrustStoreConfig.AdvertiseTrustStoreCaNames",
                    "ignore_certificate_expiry": f"{CONFIG}.ViewerMtlsConfig.TrustStoreConfig.IgnoreCertificateExpiry",
                },
            },
            "connection_function_association": {"id": f"{CONFIG}.ConnectionFunctionAssociation.Id"},
            "cache_tag_config": {"header_name": f"{CONFIG}.CacheTagConfig.HeaderName"},
            "viewer_certificate": _viewer_certificate,
            "tags": Tags("Tags.Items"),
        },
        defaults={
            "http_version": "http2",
            "is_ipv6_enabled": False,
            "price_class": "PriceClass_All",
            "staging": False,
        },
        references={
            "web_acl_id": Ref("aws_wafv2_web_acl", "arn"),
            "continuous_deployment_policy_id": Ref("aws_cloudfront_continuous_deployment_policy"),
            "origin[*].origin_access_control_id": Ref("aws_cloudfront_origin_access_control"),
            "origin[*].vpc_origin_config[*].vpc_origin_id": Ref("aws_cloudfront_vpc_origin"),
            "viewer_certificate[*].acm_certificate_arn": Ref("aws_acm_certificate", "arn"),
            **{f"default_cache_behavior[*].{path}": ref for path, ref in _BEHAVIOR_REFS.items()},
            **{f"ordered_cache_behavior[*].{path}": ref for path, ref in _BEHAVIOR_REFS.items()},
        },
        emulator_gaps="moto drops most of origin access control and identity, origin groups, origin shield, function "
        "and Lambda@Edge associations and trusted key groups",
    ),
]
