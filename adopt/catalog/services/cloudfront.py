"""CloudFront distributions, their origin access, functions and policies (a global service: listed once).

The API spells every list as ``{"Quantity": n, "Items": [...]}`` and returns
every optional field with its default; the helpers below unwrap the lists and
leave out what equals the provider's default, so a plan after import is quiet.
"""

from __future__ import annotations

from ..spec import (
    Arn,
    Call,
    Const,
    Default,
    Each,
    First,
    Format,
    Has,
    Int,
    Is,
    Keep,
    ListOf,
    Not,
    Or,
    Pluck,
    Ref,
    ResourceSpec,
    Secret,
    Shared,
    Sorted,
    Tag,
    Tags,
    TagsCall,
    Unless,
    When,
    looks_secret,
)

CONFIG = "DistributionConfig"


def _items(value) -> list:
    return list((value or {}).get("Items") or [])


def _sorted_items(value) -> list | None:
    return sorted(_items(value)) or None


def _unless(value, default):
    """The value, or None where it is the provider's default (or empty)."""
    return None if value in (default, "", None) else value


def _custom_headers(origin, ctx) -> list | None:
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


_CUSTOM = "CustomOriginConfig"
_VPC = "VpcOriginConfig"

_ORIGIN = {
    "origin_id": "Id",
    "domain_name": "DomainName",
    "origin_path": Unless("OriginPath", ""),
    "connection_attempts": Unless("ConnectionAttempts", 3),
    "connection_timeout": Unless("ConnectionTimeout", 10),
    "response_completion_timeout": "ResponseCompletionTimeout",
    "origin_access_control_id": "OriginAccessControlId",
    "custom_header": _custom_headers,
    # An S3 origin without an origin access identity needs no block: the
    # provider sends an empty one itself.
    "s3_origin_config": When(
        Has("S3OriginConfig.OriginAccessIdentity"),
        ListOf({"origin_access_identity": "S3OriginConfig.OriginAccessIdentity"}),
    ),
    "custom_origin_config": When(
        Has(_CUSTOM),
        ListOf(
            {
                "http_port": f"{_CUSTOM}.HTTPPort",
                "https_port": f"{_CUSTOM}.HTTPSPort",
                "origin_protocol_policy": f"{_CUSTOM}.OriginProtocolPolicy",
                "origin_ssl_protocols": Sorted(f"{_CUSTOM}.OriginSslProtocols.Items"),
                "origin_read_timeout": Unless(f"{_CUSTOM}.OriginReadTimeout", 30, ""),
                "origin_keepalive_timeout": Unless(f"{_CUSTOM}.OriginKeepaliveTimeout", 5, ""),
                "ip_address_type": f"{_CUSTOM}.IpAddressType",
            }
        ),
    ),
    "vpc_origin_config": When(
        Has(_VPC),
        ListOf(
            {
                "vpc_origin_id": f"{_VPC}.VpcOriginId",
                "owner_account_id": f"{_VPC}.OwnerAccountId",
                "origin_read_timeout": Unless(f"{_VPC}.OriginReadTimeout", 30, ""),
                "origin_keepalive_timeout": Unless(f"{_VPC}.OriginKeepaliveTimeout", 5, ""),
            }
        ),
    ),
    "origin_shield": When(
        Has("OriginShield.Enabled"),
        ListOf({"enabled": Const(True), "origin_shield_region": "OriginShield.OriginShieldRegion"}),
    ),
}

_ORIGIN_GROUP = {
    "origin_id": "Id",
    "failover_criteria": ListOf({"status_codes": Sorted("FailoverCriteria.StatusCodes.Items")}),
    "member": Each("Members.Items", {"origin_id": "OriginId"}),
}


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


_CERTIFICATE = f"{CONFIG}.ViewerCertificate"
_GEO = f"{CONFIG}.Restrictions.GeoRestriction"
_LOGGING = f"{CONFIG}.Logging"

_BEHAVIOR_REFS = {
    "cache_policy_id": Ref("aws_cloudfront_cache_policy"),
    "origin_request_policy_id": Ref("aws_cloudfront_origin_request_policy"),
    "response_headers_policy_id": Ref("aws_cloudfront_response_headers_policy"),
    "field_level_encryption_id": Ref("aws_cloudfront_field_level_encryption_config"),
    "realtime_log_config_arn": Ref("aws_cloudfront_realtime_log_config", "arn"),
    "trusted_key_groups[*]": Ref("aws_cloudfront_key_group"),
    "function_association[*].function_arn": Ref("aws_cloudfront_function", "arn"),
}


# -- policies and functions ---------------------------------------------------------------

_CACHE = "CachePolicy.CachePolicyConfig"
_KEY = f"{_CACHE}.ParametersInCacheKeyAndForwardedToOrigin"
_ORIGIN_REQUEST = "OriginRequestPolicy.OriginRequestPolicyConfig"
_HEADERS = "ResponseHeadersPolicy.ResponseHeadersPolicyConfig"
_CORS = f"{_HEADERS}.CorsConfig"
_SECURITY = f"{_HEADERS}.SecurityHeadersConfig"


def _forwarded(config: str) -> dict:
    """The headers, cookies and query strings a policy forwards (both kinds of policy spell them alike)."""
    return {
        "headers_config": {
            "header_behavior": f"{config}.HeadersConfig.HeaderBehavior",
            "headers": {"items": Sorted(f"{config}.HeadersConfig.Headers.Items")},
        },
        "cookies_config": {
            "cookie_behavior": f"{config}.CookiesConfig.CookieBehavior",
            "cookies": {"items": Sorted(f"{config}.CookiesConfig.Cookies.Items")},
        },
        "query_strings_config": {
            "query_string_behavior": f"{config}.QueryStringsConfig.QueryStringBehavior",
            "query_strings": {"items": Sorted(f"{config}.QueryStringsConfig.QueryStrings.Items")},
        },
    }


def _function_code(item, ctx):
    """The function's source: the API answers it as a byte stream."""
    code = item.get("FunctionCode")
    if hasattr(code, "read"):
        code = code.read()
        item["FunctionCode"] = code  # a stream reads once
    if isinstance(code, bytes):
        code = code.decode("utf-8", errors="replace")
    return code or None


SPECS = [
    ResourceSpec(
        tf_type="aws_cloudfront_distribution",
        service="cloudfront",
        is_global=True,
        list=Call("list_distributions", items="DistributionList.Items"),
        details=(
            Call("get_distribution_config", params={"Id": "{Id}"}),  # the whole configuration, with logging
            TagsCall(Resource="{ARN}"),
        ),
        # Multi-tenant distributions are aws_cloudfront_multitenant_distribution.
        include=Not(Is("ConnectionMode", "tenant-only")),
        id="{Id}",
        arn=Arn("{ARN}", "cloudfront", "distribution"),
        label=Or(Tag("Name", "Tags.Items"), First(Sorted(f"{CONFIG}.Aliases.Items")), f"{CONFIG}.Comment", "Id"),
        # Every distribution is in CloudFront's one hosted zone, the alias target of its records.
        exports={"domain_name": "DomainName", "hosted_zone_id": Shared(Const("Z2FDTNDATAQYW2"))},
        arguments={
            "enabled": f"{CONFIG}.Enabled",
            "comment": f"{CONFIG}.Comment",
            "aliases": Sorted(f"{CONFIG}.Aliases.Items"),
            "default_root_object": f"{CONFIG}.DefaultRootObject",
            "http_version": f"{CONFIG}.HttpVersion",
            "is_ipv6_enabled": f"{CONFIG}.IsIPV6Enabled",
            "price_class": f"{CONFIG}.PriceClass",
            "web_acl_id": f"{CONFIG}.WebACLId",
            "staging": f"{CONFIG}.Staging",
            "continuous_deployment_policy_id": f"{CONFIG}.ContinuousDeploymentPolicyId",
            "anycast_ip_list_id": f"{CONFIG}.AnycastIpListId",
            "origin": Each(f"{CONFIG}.Origins.Items", _ORIGIN),
            "origin_group": Each(f"{CONFIG}.OriginGroups.Items", _ORIGIN_GROUP),
            "default_cache_behavior": _default_cache_behavior,
            "ordered_cache_behavior": _ordered_cache_behaviors,
            "custom_error_response": Each(
                f"{CONFIG}.CustomErrorResponses.Items",
                {
                    "error_code": "ErrorCode",
                    "response_code": Int("ResponseCode"),
                    "response_page_path": "ResponsePagePath",
                    "error_caching_min_ttl": "ErrorCachingMinTTL",
                },
                sort_by="error_code",
            ),
            "logging_config": When(
                Has(f"{_LOGGING}.Enabled"),
                ListOf(
                    {
                        "bucket": f"{_LOGGING}.Bucket",
                        "prefix": f"{_LOGGING}.Prefix",
                        "include_cookies": Unless(f"{_LOGGING}.IncludeCookies", False, ""),
                    }
                ),
            ),
            "restrictions": ListOf(
                {
                    "geo_restriction": ListOf(
                        {
                            "restriction_type": Default(f"{_GEO}.RestrictionType", "none"),
                            "locations": Sorted(f"{_GEO}.Items"),
                        }
                    )
                }
            ),
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
            "viewer_certificate": When(
                Or(f"{_CERTIFICATE}.ACMCertificateArn", f"{_CERTIFICATE}.IAMCertificateId"),
                ListOf(
                    {
                        "acm_certificate_arn": f"{_CERTIFICATE}.ACMCertificateArn",
                        "iam_certificate_id": f"{_CERTIFICATE}.IAMCertificateId",
                        "ssl_support_method": f"{_CERTIFICATE}.SSLSupportMethod",
                        "minimum_protocol_version": Unless(f"{_CERTIFICATE}.MinimumProtocolVersion", "TLSv1", ""),
                    }
                ),
                # The *.cloudfront.net certificate: its protocol settings are fixed.
                otherwise=ListOf({"cloudfront_default_certificate": Const(True)}),
            ),
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
    ),
    ResourceSpec(
        tf_type="aws_cloudfront_origin_access_control",
        service="cloudfront",
        is_global=True,
        list=Call("list_origin_access_controls", items="OriginAccessControlList.Items"),
        id="{Id}",
        arn="arn:aws:cloudfront::{account}:origin-access-control/{Id}",
        name="Name",
        arguments={
            "name": "Name",
            # Written even when empty: the provider's default is "Managed by Terraform".
            "description": Keep(Default("Description", "")),
            "origin_access_control_origin_type": "OriginAccessControlOriginType",
            "signing_behavior": "SigningBehavior",
            "signing_protocol": "SigningProtocol",
        },
    ),
    ResourceSpec(
        tf_type="aws_cloudfront_origin_access_identity",
        service="cloudfront",
        is_global=True,
        list=Call("list_cloud_front_origin_access_identities", items="CloudFrontOriginAccessIdentityList.Items"),
        id="{Id}",
        name_argument=None,
        label=Or("Comment", "Id"),
        # What a distribution's S3 origin names the identity by.
        exports={"cloudfront_access_identity_path": Format("origin-access-identity/cloudfront/{Id}")},
        arguments={"comment": "Comment"},
    ),
    ResourceSpec(
        tf_type="aws_cloudfront_function",
        service="cloudfront",
        is_global=True,
        # The development stage lists every function, published or not.
        list=Call("list_functions", items="FunctionList.Items", params={"Stage": "DEVELOPMENT"}),
        details=(Call("get_function", params={"Name": "{Name}", "Stage": "DEVELOPMENT"}),),
        id="{Name}",
        arn=Arn("{FunctionMetadata.FunctionARN}", "cloudfront", "function"),
        name="Name",
        arguments={
            "name": "Name",
            "runtime": "FunctionConfig.Runtime",
            "comment": "FunctionConfig.Comment",
            "code": _function_code,
            # A function never published has only its development stage.
            "publish": When(Is("Status", "UNPUBLISHED"), Const(False)),
            "key_value_store_associations": Sorted(
                Pluck("FunctionConfig.KeyValueStoreAssociations.Items", "KeyValueStoreARN")
            ),
        },
        references={"key_value_store_associations[*]": Ref("aws_cloudfront_key_value_store", "arn")},
    ),
    ResourceSpec(
        tf_type="aws_cloudfront_cache_policy",
        service="cloudfront",
        is_global=True,
        # Only the account's own: AWS's managed policies are no one's to adopt.
        list=Call("list_cache_policies", items="CachePolicyList.Items", params={"Type": "custom"}),
        id="{CachePolicy.Id}",
        arn="arn:aws:cloudfront::{account}:cache-policy/{CachePolicy.Id}",
        name=f"{_CACHE}.Name",
        arguments={
            "name": f"{_CACHE}.Name",
            "comment": f"{_CACHE}.Comment",
            "default_ttl": f"{_CACHE}.DefaultTTL",
            "max_ttl": f"{_CACHE}.MaxTTL",
            "min_ttl": f"{_CACHE}.MinTTL",
            "parameters_in_cache_key_and_forwarded_to_origin": {
                "enable_accept_encoding_gzip": f"{_KEY}.EnableAcceptEncodingGzip",
                "enable_accept_encoding_brotli": f"{_KEY}.EnableAcceptEncodingBrotli",
                **_forwarded(_KEY),
            },
        },
    ),
    ResourceSpec(
        tf_type="aws_cloudfront_origin_request_policy",
        service="cloudfront",
        is_global=True,
        list=Call("list_origin_request_policies", items="OriginRequestPolicyList.Items", params={"Type": "custom"}),
        id="{OriginRequestPolicy.Id}",
        arn="arn:aws:cloudfront::{account}:origin-request-policy/{OriginRequestPolicy.Id}",
        name=f"{_ORIGIN_REQUEST}.Name",
        arguments={
            "name": f"{_ORIGIN_REQUEST}.Name",
            "comment": f"{_ORIGIN_REQUEST}.Comment",
            **_forwarded(_ORIGIN_REQUEST),
        },
    ),
    ResourceSpec(
        tf_type="aws_cloudfront_response_headers_policy",
        service="cloudfront",
        is_global=True,
        list=Call("list_response_headers_policies", items="ResponseHeadersPolicyList.Items", params={"Type": "custom"}),
        id="{ResponseHeadersPolicy.Id}",
        arn="arn:aws:cloudfront::{account}:response-headers-policy/{ResponseHeadersPolicy.Id}",
        name=f"{_HEADERS}.Name",
        arguments={
            "name": f"{_HEADERS}.Name",
            "comment": f"{_HEADERS}.Comment",
            "cors_config": When(
                Has(f"{_CORS}.AccessControlAllowOrigins"),
                {
                    "access_control_allow_credentials": f"{_CORS}.AccessControlAllowCredentials",
                    "origin_override": f"{_CORS}.OriginOverride",
                    "access_control_max_age_sec": f"{_CORS}.AccessControlMaxAgeSec",
                    "access_control_allow_headers": {"items": Sorted(f"{_CORS}.AccessControlAllowHeaders.Items")},
                    "access_control_allow_methods": {"items": Sorted(f"{_CORS}.AccessControlAllowMethods.Items")},
                    "access_control_allow_origins": {"items": Sorted(f"{_CORS}.AccessControlAllowOrigins.Items")},
                    "access_control_expose_headers": {"items": Sorted(f"{_CORS}.AccessControlExposeHeaders.Items")},
                },
            ),
            "custom_headers_config": When(
                Has(f"{_HEADERS}.CustomHeadersConfig.Items"),
                {
                    "items": Each(
                        f"{_HEADERS}.CustomHeadersConfig.Items",
                        {"header": "Header", "value": "Value", "override": "Override"},
                        sort_by="header",
                    )
                },
            ),
            "remove_headers_config": When(
                Has(f"{_HEADERS}.RemoveHeadersConfig.Items"),
                {"items": Each(f"{_HEADERS}.RemoveHeadersConfig.Items", {"header": "Header"}, sort_by="header")},
            ),
            "security_headers_config": {
                "content_security_policy": {
                    "content_security_policy": f"{_SECURITY}.ContentSecurityPolicy.ContentSecurityPolicy",
                    "override": f"{_SECURITY}.ContentSecurityPolicy.Override",
                },
                "content_type_options": {"override": f"{_SECURITY}.ContentTypeOptions.Override"},
                "frame_options": {
                    "frame_option": f"{_SECURITY}.FrameOptions.FrameOption",
                    "override": f"{_SECURITY}.FrameOptions.Override",
                },
                "referrer_policy": {
                    "referrer_policy": f"{_SECURITY}.ReferrerPolicy.ReferrerPolicy",
                    "override": f"{_SECURITY}.ReferrerPolicy.Override",
                },
                "strict_transport_security": {
                    "access_control_max_age_sec": f"{_SECURITY}.StrictTransportSecurity.AccessControlMaxAgeSec",
                    "include_subdomains": f"{_SECURITY}.StrictTransportSecurity.IncludeSubdomains",
                    "preload": f"{_SECURITY}.StrictTransportSecurity.Preload",
                    "override": f"{_SECURITY}.StrictTransportSecurity.Override",
                },
                "xss_protection": {
                    "protection": f"{_SECURITY}.XSSProtection.Protection",
                    "mode_block": f"{_SECURITY}.XSSProtection.ModeBlock",
                    "report_uri": f"{_SECURITY}.XSSProtection.ReportUri",
                    "override": f"{_SECURITY}.XSSProtection.Override",
                },
            },
            "server_timing_headers_config": When(
                Has(f"{_HEADERS}.ServerTimingHeadersConfig.Enabled"),
                {
                    "enabled": f"{_HEADERS}.ServerTimingHeadersConfig.Enabled",
                    "sampling_rate": f"{_HEADERS}.ServerTimingHeadersConfig.SamplingRate",
                },
            ),
        },
    ),
]
