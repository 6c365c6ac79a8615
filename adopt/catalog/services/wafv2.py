"""WAFv2 web ACLs, their rule groups, IP sets and regex pattern sets, and the
web ACLs of load balancers.

Regional (``REGIONAL``) objects, listed in each Region.  Rules are written as
the API's JSON (``rule_json``/``rules_json``), which the provider takes
whole: a web ACL's statements nest deeper than blocks read well.
"""

from __future__ import annotations

from ..spec import (
    Arn,
    Call,
    Child,
    Const,
    Each,
    Entries,
    Has,
    Is,
    JsonDocument,
    Keep,
    Not,
    Or,
    Ref,
    ResourceSpec,
    Sorted,
    Tags,
    TagsCall,
    When,
)

SCOPE = "REGIONAL"


def _listed(operation: str, items: str) -> Call:
    return Call(operation, items=items, params={"Scope": SCOPE})


def _read(operation: str) -> Call:
    return Call(operation, params={"Name": "{Name}", "Scope": SCOPE, "Id": "{Id}"})


_TAGS = TagsCall(ResourceARN="{ARN}", answer="TagInfoForResource.TagList")
_ID = "{Id}/{Name}/" + SCOPE  # the provider's ID/name/scope


def _visibility(path: str) -> dict:
    return {
        "cloudwatch_metrics_enabled": f"{path}.CloudWatchMetricsEnabled",
        "metric_name": f"{path}.MetricName",
        "sampled_requests_enabled": f"{path}.SampledRequestsEnabled",
    }


def _response_bodies(path: str) -> Each:
    return Each(
        Entries(path),
        {"key": "Key", "content": "Value.Content", "content_type": "Value.ContentType"},
        sort_by="key",
    )


def _action(path: str, block: dict) -> When:
    """An action block that may be empty (``allow {}``): present when the API names it."""
    return When(Not(Is(path, None)), Or(block, Keep(Const({}))))


_HEADERS = {"name": "Name", "value": "Value"}

# Set references inside a rule's statement, at the top level of each rule.
_STATEMENT_REFERENCES = {
    "IPSetReferenceStatement.ARN": Ref("aws_wafv2_ip_set", "arn"),
    "RegexPatternSetReferenceStatement.ARN": Ref("aws_wafv2_regex_pattern_set", "arn"),
    "RuleGroupReferenceStatement.ARN": Ref("aws_wafv2_rule_group", "arn"),
}

SPECS = [
    ResourceSpec(
        tf_type="aws_wafv2_ip_set",
        service="wafv2",
        list=_listed("list_ip_sets", "IPSets"),
        details=(_read("get_ip_set"), _TAGS),
        id=_ID,
        arn=Arn("{ARN}", "wafv2", "regional"),
        name="Name",
        arguments={
            "name": "Name",
            "scope": Const(SCOPE),
            "description": "IPSet.Description",
            "ip_address_version": "IPSet.IPAddressVersion",
            "addresses": Sorted("IPSet.Addresses"),
            "tags": Tags(),
        },
    ),
    ResourceSpec(
        tf_type="aws_wafv2_regex_pattern_set",
        service="wafv2",
        list=_listed("list_regex_pattern_sets", "RegexPatternSets"),
        details=(_read("get_regex_pattern_set"), _TAGS),
        id=_ID,
        arn=Arn("{ARN}", "wafv2", "regional"),
        name="Name",
        arguments={
            "name": "Name",
            "scope": Const(SCOPE),
            "description": "RegexPatternSet.Description",
            "regular_expression": Each(
                "RegexPatternSet.RegularExpressionList", {"regex_string": "RegexString"}, sort_by="regex_string"
            ),
            "tags": Tags(),
        },
    ),
    ResourceSpec(
        tf_type="aws_wafv2_rule_group",
        service="wafv2",
        risk="network",  # its rules decide which requests pass
        list=_listed("list_rule_groups", "RuleGroups"),
        details=(_read("get_rule_group"), _TAGS),
        id=_ID,
        arn=Arn("{ARN}", "wafv2", "regional"),
        name="Name",
        arguments={
            "name": "Name",
            "scope": Const(SCOPE),
            "description": "RuleGroup.Description",
            "capacity": "RuleGroup.Capacity",
            "rules_json": JsonDocument("RuleGroup.Rules"),
            "visibility_config": _visibility("RuleGroup.VisibilityConfig"),
            "custom_response_body": _response_bodies("RuleGroup.CustomResponseBodies"),
            "tags": Tags(),
        },
        references={f"rules_json[*].Statement.{path}": ref for path, ref in _STATEMENT_REFERENCES.items()},
    ),
    ResourceSpec(
        tf_type="aws_wafv2_web_acl",
        service="wafv2",
        risk="network",  # its rules decide which requests reach the application
        list=_listed("list_web_acls", "WebACLs"),
        details=(_read("get_web_acl"), _TAGS),
        # Web ACLs a service runs for itself (Firewall Manager, Shield) say so.
        is_default=Has("WebACL.ManagedByFirewallManager"),
        id=_ID,
        arn=Arn("{ARN}", "wafv2", "regional"),
        name="Name",
        arguments={
            "name": "Name",
            "scope": Const(SCOPE),
            "description": "WebACL.Description",
            "default_action": {
                "allow": _action(
                    "WebACL.DefaultAction.Allow",
                    {
                        "custom_request_handling": {
                            "insert_header": Each(
                                "WebACL.DefaultAction.Allow.CustomRequestHandling.InsertHeaders", _HEADERS
                            )
                        }
                    },
                ),
                "block": _action(
                    "WebACL.DefaultAction.Block",
                    {
                        "custom_response": {
                            "response_code": "WebACL.DefaultAction.Block.CustomResponse.ResponseCode",
                            "custom_response_body_key": "WebACL.DefaultAction.Block.CustomResponse.CustomResponseBodyKey",
                            "response_header": Each(
                                "WebACL.DefaultAction.Block.CustomResponse.ResponseHeaders", _HEADERS
                            ),
                        }
                    },
                ),
            },
            "rule_json": JsonDocument("WebACL.Rules"),
            "visibility_config": _visibility("WebACL.VisibilityConfig"),
            "custom_response_body": _response_bodies("WebACL.CustomResponseBodies"),
            "captcha_config": {
                "immunity_time_property": {
                    "immunity_time": "WebACL.CaptchaConfig.ImmunityTimeProperty.ImmunityTime",
                }
            },
            "challenge_config": {
                "immunity_time_property": {
                    "immunity_time": "WebACL.ChallengeConfig.ImmunityTimeProperty.ImmunityTime",
                }
            },
            "token_domains": Sorted("WebACL.TokenDomains"),
            "tags": Tags(),
        },
        references={f"rule_json[*].Statement.{path}": ref for path, ref in _STATEMENT_REFERENCES.items()},
    ),
    ResourceSpec(
        tf_type="aws_wafv2_web_acl_association",
        service="wafv2",
        risk="network",
        # Asked per load balancer (an application load balancer's web ACL);
        # a network load balancer cannot have one.
        child=Child(
            "aws_lb",
            call=Call(
                "get_web_acl_for_resource",
                params={"ResourceArn": "{parent.LoadBalancerArn}"},
                absent_on=("WAFInvalidParameterException", "WAFNonexistentItemException"),
            ),
        ),
        include=Has("WebACL.ARN"),
        id="{WebACL.ARN},{parent.LoadBalancerArn}",
        label="WebACL.Name",
        arguments={"web_acl_arn": "WebACL.ARN", "resource_arn": "parent.LoadBalancerArn"},
        references={"web_acl_arn": Ref("aws_wafv2_web_acl", "arn"), "resource_arn": Ref("aws_lb", "arn")},
    ),
]
