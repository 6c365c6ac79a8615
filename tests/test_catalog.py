"""The spec language itself: every registered spec builds and checks itself,
the checks catch what they are for (naming the spec), ARN targets follow from
the specs' ARN templates, the test-side emulator facts cover every type, and
the language's expressions mean what its documentation says."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re

import api_models
import pytest
from helpers import emulator_gaps

from adopt.catalog import registry
from adopt.catalog import spec as language
from adopt.catalog.arns import ARN_TARGET, arn_shape, split_arn, template_shape
from adopt.catalog.spec import (
    REGION,
    Arn,
    AsMap,
    Bool,
    Call,
    Child,
    Const,
    Context,
    Default,
    Each,
    Entries,
    First,
    Format,
    Has,
    Int,
    Is,
    Join,
    Lookup,
    NameFromUrl,
    Not,
    Or,
    Part,
    Path,
    Pluck,
    Ref,
    ResourceSpec,
    Sorted,
    SpecError,
    Split,
    Str,
    Tags,
    TagsCall,
    Timestamp,
    Unless,
    When,
    evaluate,
)
from adopt.catalog.validate import problems

CTX = Context(region="eu-west-1", account="123456789012", parent={"Name": "parent-bucket"})


def spec(**fields) -> ResourceSpec:
    """A small valid spec, with ``fields`` changed."""
    base = dict(
        tf_type="aws_example",
        service="ec2",
        list=Call("describe_vpcs", items="Vpcs"),
        id="{VpcId}",
        arguments={"cidr_block": "CidrBlock", "tags": Tags()},
    )
    return ResourceSpec(**{**base, **fields})


def valid(**fields) -> ResourceSpec:
    """:func:`spec`, which must pass the registry's checks."""
    built = spec(**fields)
    assert problems(built) == []
    return built


# -- every registered spec ------------------------------------------------------------------------


def test_every_registered_spec_builds_and_passes_its_checks():
    specs = registry.all_specs()
    assert len(specs) == len(registry.types()) > 80
    assert {s.tf_type: problems(s) for s in specs if problems(s)} == {}


def test_every_registered_spec_names_only_what_the_api_has():
    """Operations, parameters, template fields and paths, against botocore's models."""
    found = {s.tf_type: api_models.problems(s) for s in registry.all_specs()}
    assert {t: p for t, p in found.items() if p} == {}


def test_the_api_model_check_finds_typos():
    vpc = registry.get("aws_vpc")
    typo = dataclasses.replace(vpc, id="{VpcID}", arguments={**vpc.arguments, "cidr_block": "CidrBlok"})
    assert api_models.problems(typo) == [
        "id '{VpcID}': 'VpcID': the item has no 'VpcID'",
        "argument cidr_block: 'CidrBlok': the item has no 'CidrBlok'",
    ]
    listed = dataclasses.replace(vpc, list=Call("describe_vpc", items="Vpcs"))
    assert "describe_vpc is not an operation of ec2" in api_models.problems(listed)
    wrong_param = dataclasses.replace(vpc, details=(Call("describe_vpc_attribute", params={"VpcID": "{VpcId}"}),))
    assert "describe_vpc_attribute takes no parameter 'VpcID'" in api_models.problems(wrong_param)
    through_list = dataclasses.replace(vpc, arguments={"cidr": "CidrBlockAssociationSet.CidrBlock"}, defaults={})
    assert api_models.problems(through_list) == [
        "argument cidr: 'CidrBlockAssociationSet.CidrBlock' goes through a list: use Each, Pluck or First"
    ]


def test_every_registered_type_says_what_the_emulator_lacks_of_it():
    gaps = emulator_gaps()
    assert sorted(gaps) == sorted(registry.types()), "add an entry to tests/emulator_gaps.json ({} if moto shows all)"
    for tf_type, entry in gaps.items():
        assert set(entry) <= {"gaps", "emulated", "fails"}, tf_type
        assert isinstance(entry.get("gaps", ""), str) and isinstance(entry.get("emulated", True), bool), tf_type
        assert entry.get("emulated", True) or entry.get("gaps"), f"{tf_type}: say why it is tested on recordings only"
        # A type whose calls the emulator fails can only be tested on recordings.
        assert isinstance(entry.get("fails", ""), str) and not (entry.get("fails") and entry.get("emulated", True)), (
            tf_type
        )


def test_the_documented_example_is_a_working_spec_and_matches_the_registered_one():
    text = language.__doc__
    block = text.split("A worked example, an SQS queue and its access policy::\n\n", 1)[1].split("\n\n**", 1)[0]
    code = "[\n" + re.sub(r"\n    \)\n    ResourceSpec\(", "\n    ),\n    ResourceSpec(", block) + ",\n]"
    queue, policy = eval(code, vars(language))  # noqa: S307 - the module's own documentation
    for example in (queue, policy):
        registered = registry.get(example.tf_type)
        for name in ("list", "child", "id", "arn", "name", "include"):
            assert getattr(example, name) == getattr(registered, name), (example.tf_type, name)
        for name, expr in example.arguments.items():
            assert registered.arguments[name] == expr, (example.tf_type, name)
        assert example.defaults.items() <= registered.defaults.items()
        assert example.references.items() <= registered.references.items()


# -- the checks --------------------------------------------------------------------------------------


def check_fails(match: str, **fields) -> None:
    with pytest.raises(SpecError, match=match) as raised:
        registry.checked([spec(**fields)])
    assert str(raised.value).startswith("aws_example: ")


def test_unknown_fields_and_bad_templates():
    check_fails(r"\{parent.Name\} reads a parent's item, but there is none here", id="{parent.Name}")
    check_fails(r"format or conversion", id="{VpcId:>5}")
    check_fails(r"names a path \(\{VpcId\}\), not a position", id="{}")
    check_fails(r"does not parse", id="{VpcId")
    check_fails(r"list: template '\{VpcId\}': \{VpcId\} reads an item, but there is none yet",
                list=Call("describe_vpcs", items="Vpcs", params={"VpcIds": ["{VpcId}"]}))  # fmt: skip
    check_fails(r"never uses its named field\(s\) extra", id=Format("{VpcId}", extra="CidrBlock"))
    check_fails(r"'parent.Name' reads a parent's item, but this type has no parent", arguments={"name": "parent.Name"})


def test_arguments_lists_and_literals():
    check_fails(r"defaults names enable_dns, which is not an argument", defaults={"enable_dns": True})
    check_fails(r"identity names x", identity=("x",))
    check_fails(r"ignore_changes needs an ignore_reason", ignore_changes=("cidr_block",))
    check_fails(r"takes a tuple of argument names, not the string", json_arguments="cidr_block")
    check_fails(r"True is not an expression \(a constant is Const\(True\)\)", arguments={"enabled": True})
    check_fails(r"'Cidr Block' is not a path", arguments={"cidr_block": "Cidr Block"})
    check_fails(r"absent_on takes a tuple", list=Call("describe_vpcs", items="Vpcs", absent_on="NotFound"))


def test_references_follow_the_shape_of_their_argument():
    block = {"subnet_ids": Sorted("SubnetIds"), "endpoint": "Endpoint"}
    each = Each("Rules", {"kms_key": "Key"})
    check_fails(r"reference 'vpc': no argument 'vpc'", references={"vpc": Ref("aws_vpc")})
    check_fails(r"'config.subnet_idz\[\*\]': config has no 'subnet_idz'",
                arguments={"config": block}, references={"config.subnet_idz[*]": Ref("aws_subnet")})  # fmt: skip
    check_fails(r"config.subnet_ids is a list: write config.subnet_ids\[\*\]",
                arguments={"config": block}, references={"config.subnet_ids": Ref("aws_subnet")})  # fmt: skip
    check_fails(r"rule is a list: write rule\[\*\]",
                arguments={"rule": each}, references={"rule.kms_key": Ref("aws_kms_key", "arn")})  # fmt: skip
    check_fails(r"config is a block, not a list: drop the \[\*\]",
                arguments={"config": block}, references={"config[*].endpoint": Ref("aws_vpc")})  # fmt: skip
    check_fails(
        r"resolves by 'dns_name', which aws_vpc does not export", references={"cidr_block": Ref("aws_vpc", "dns_name")}
    )
    check_fails(
        r"resolve by id, arn, name or an export, not 'Bad-Name'", references={"cidr_block": Ref("aws_vpc", "Bad-Name")}
    )
    check_fails(r"default_with names vpc_id, which is not a reference", default_with=("vpc_id",))
    check_fails(r"member_identity names cidr, which is not an argument", member_identity=("cidr", "tags.Owner"))
    check_fails(r"member_identity takes a tuple", member_identity="cidr_block")
    # Fine: a path into a JSON document, and into what a hook returns.
    valid(
        arguments={"policy": "Policy", "rule": lambda item, ctx: None},
        references={"policy.Statement": Ref("aws_iam_role", "arn"), "rule[*].target": Ref("aws_vpc")},
    )


def test_a_child_is_one_valid_combination():
    per_bucket = Call("get_bucket_policy", params={"Bucket": "{parent.Name}"})
    with pytest.raises(SpecError, match="give the parent's Terraform type first"):
        Child(call=per_bucket)
    with pytest.raises(SpecError, match="exactly one of call=.*got call, items"):
        Child("aws_s3_bucket", call=per_bucket, items="Rules")
    with pytest.raises(SpecError, match="exactly one of.*got none"):
        Child("aws_s3_bucket")
    with pytest.raises(SpecError, match="join= joins the items of a regional listing: give it call="):
        Child("aws_s3_bucket", items="Rules", join="Name")
    with pytest.raises(SpecError, match="parent_key= goes with join="):
        Child("aws_s3_bucket", call=per_bucket, parent_key="Name")
    child = Child("aws_s3_bucket", call=per_bucket)
    check_fails(r"a child is listed by its Child", child=child)
    check_fails(r"nothing lists it", list=None)
    check_fails(
        r"the Child's call takes nothing from the parent",
        list=None,
        child=Child("aws_s3_bucket", call=Call("list_buckets", items="Buckets")),
    )
    check_fails(
        r"the Child's regional listing: template '\{parent.Name\}'",
        list=None,
        child=Child("aws_s3_bucket", call=per_bucket, join="Name"),
    )
    check_fails(
        r"a child's call reads the parent's item as \{parent.X\}",
        list=None,
        child=Child("aws_s3_bucket", call=Call("get_bucket_policy", params={"Bucket": "{Name}"})),
    )
    assert valid(list=None, child=child, id="{parent.Name}").parent == "aws_s3_bucket"


def test_only_a_detail_call_may_ask_another_service():
    zone = Call("get_hosted_zone", params={"Id": "{VpcId}"}, service="route53")
    assert valid(details=(zone,)).details[0].service == "route53"
    check_fails(r"service= is for detail calls; a type is listed by its own service",
                list=Call("describe_vpcs", items="Vpcs", service="route53"))  # fmt: skip
    check_fails(r"service 'Route 53' is not a boto3 service name",
                details=(Call("get_hosted_zone", params={"Id": "{VpcId}"}, service="Route 53"),))  # fmt: skip
    check_fails(
        r"service= is for detail calls; a child is listed by its own service",
        list=None,
        child=Child("aws_s3_bucket", call=Call("get_hosted_zone", params={"Id": "{parent.Name}"}, service="route53")),
        id="{parent.Name}",
    )


def test_the_registry_wants_parents_registered_and_first():
    parent = spec(tf_type="aws_example_parent")
    child = spec(list=None, child=Child("aws_example_parent", items="Rules"), id="{parent.VpcId}")
    assert registry.checked([parent, child]) == (parent, child)
    with pytest.raises(SpecError, match="aws_example: declared before its parent aws_example_parent"):
        registry.checked([child, parent])
    with pytest.raises(SpecError, match="aws_example: its parent aws_example_parent is not a registered type"):
        registry.checked([child])
    with pytest.raises(SpecError, match="aws_example_parent: two specs declare it"):
        registry.checked([parent, parent])


def test_an_arn_says_its_service_and_resource_type():
    check_fails(r"arn: say which service and resource type", arn="{VpcArn}")
    check_fails(r"the template says \('ec2', 'vpc'\), Arn\(...\) says \('ec2', 'subnet'\)",
                arn=Arn("arn:aws:ec2:{region}:{account}:vpc/{VpcId}", "ec2", "subnet"))  # fmt: skip
    assert valid(arn=Arn("{VpcArn}", "ec2", "vpc")).arn.service == "ec2"


# -- ARN targets -------------------------------------------------------------------------------------


def test_arn_shapes_come_from_the_templates():
    assert template_shape("arn:aws:ec2:{region}:{account}:vpc/{VpcId}") == ("ec2", "vpc")
    assert template_shape("arn:aws:s3:::{Name}") == ("s3", "")
    assert template_shape("arn:aws:apigateway:{region}::/restapis/{id}") == ("apigateway", "restapis")
    assert template_shape("{Arn}") is None
    assert split_arn("arn:aws:lambda:eu-west-1:1:function:orders:live") == ("lambda", "function")
    assert split_arn("arn:aws:sqs:eu-west-1:1:orders") == ("sqs", "")
    assert split_arn("ops@example.com") is None


def test_targets_are_derived_a_childs_shape_names_its_parent_and_shared_shapes_name_nobody():
    topic = spec(tf_type="aws_topic", arn=Arn("{TopicArn}", "sns"))
    subscription = spec(tf_type="aws_subscription", list=None, child=Child("aws_topic", items="Subs"),
                        arn=Arn("{SubscriptionArn}", "sns"))  # fmt: skip
    ingress = spec(tf_type="aws_ingress", arn="arn:aws:ec2:{region}:{account}:security-group-rule/{Id}")
    egress = spec(tf_type="aws_egress", arn="arn:aws:ec2:{region}:{account}:security-group-rule/{Id}")
    assert registry.derive_arn_targets((topic, subscription, ingress, egress)) == {("sns", ""): "aws_topic"}


def test_any_target_resolves_to_the_registered_type_an_arn_names():
    any_target = registry.arn_target()
    # An ARN of each registered type's shape names that type, its parent (a
    # child nested under it) or, for a shape two types share, nothing.
    for registered in registry.all_specs():
        shape = arn_shape(registered.arn)
        if shape is None:
            continue
        service, kind = shape
        arn = f"arn:aws:{service}:eu-west-1:123456789012:{kind + '/' if kind else ''}example"
        assert any_target.type_for(arn) in (registered.tf_type, registered.parent, None), (registered.tf_type, arn)
    assert any_target.type_for("arn:aws:sqs:eu-west-1:1:orders") == "aws_sqs_queue"
    assert any_target.type_for("arn:aws:lambda:eu-west-1:1:function:orders:live") == "aws_lambda_function"
    assert any_target.type_for("arn:aws:sns:eu-west-1:1:alerts:0f2b7c1e") == "aws_sns_topic"
    assert any_target.type_for("arn:aws:ecs:eu-west-1:1:cluster/web") == "aws_ecs_cluster"
    assert any_target.type_for("arn:aws:events:eu-west-1:1:target/create-snapshot") is None
    assert any_target.type_for("arn:aws:ec2:eu-west-1:1:security-group-rule/sgr-1") is None  # ingress or egress
    assert any_target.type_for("arn:aws:kinesis:eu-west-1:1:stream/s") == "aws_kinesis_stream"
    assert any_target.type_for("arn:aws:kinesisvideo:eu-west-1:1:stream/s/1") is None  # no registered type
    assert set(Ref(any_target, "arn").types) == set(registry.derive_arn_targets(registry.all_specs()).values())
    # The specs declare ARN_TARGET; only the registry's bound one can answer.
    with pytest.raises(RuntimeError, match="resolved by the registry"):
        ARN_TARGET.type_for("arn:aws:sqs:eu-west-1:1:orders")


# -- expressions ----------------------------------------------------------------------------------


def value(expr, item):
    return evaluate(expr, item, CTX)


def test_coercion_of_what_aws_answers_as_text():
    item = {"A": {"Timeout": "60", "Fifo": "true", "Off": "FALSE", "Empty": "", "Bad": "6o"}}
    assert [value(Int(f"A.{k}"), item) for k in ("Timeout", "Empty", "Bad", "Missing")] == [60, None, None, None]
    assert [value(Bool(f"A.{k}"), item) for k in ("Fifo", "Off", "Empty", "Missing")] == [True, False, None, None]
    assert value(Str("On"), {"On": True}) == "true" and value(Str("N"), {"N": 5}) == "5"
    assert value(Timestamp("At"), {"At": dt.datetime(2030, 1, 1, 1, tzinfo=dt.timezone(dt.timedelta(hours=1)))}) == (
        "2030-01-01T00:00:00Z"
    )


def test_lists_attribute_lists_and_maps():
    item = {
        "Groups": [{"Id": "sg-b"}, {"Id": ""}, {"Id": "sg-a"}, {}],
        "Attributes": [{"Key": "idle_timeout.timeout_seconds", "Value": "60"}, {"Key": "x", "Value": "y"}],
        "Rules": [{"No": 20, "Egress": False}, {"No": 10, "Egress": False}, {"No": 5, "Egress": True}],
        "Settings": {"b": 2, "a": 1},
        "Csv": "subnet-b,,subnet-a",
    }
    assert value(Sorted(Pluck("Groups", "Id")), item) == ["sg-a", "sg-b"]
    assert value(Sorted(Split("Csv", ",")), item) == ["subnet-a", "subnet-b"]
    assert value(Join(Split("Csv", ","), "/"), item) == "subnet-b/subnet-a"
    assert value(Int(Lookup("Attributes", "idle_timeout.timeout_seconds")), item) == 60
    assert value(AsMap("Attributes"), item) == {"idle_timeout.timeout_seconds": "60", "x": "y"}
    assert value(Each("Rules", {"rule_no": "No"}, where=Not(Has("Egress")), sort_by="rule_no"), item) == [
        {"rule_no": 10},
        {"rule_no": 20},
    ]
    assert value(First("Rules", "No", where=Has("Egress")), item) == 5
    assert value(Each(Entries("Settings"), {"name": "Key", "value": "Value"}), item) == [
        {"name": "a", "value": 1},
        {"name": "b", "value": 2},
    ]


def test_conditions_and_conditional_values():
    item = {"Type": "gp3", "Iops": 3000, "Region": "eu-west-1", "Zero": 0, "Name": ""}
    assert value(When(Is("Type", "io1", "gp3"), "Iops"), item) == 3000
    assert value(When(Is("Type", "io1"), "Iops", Const("none")), item) == "none"
    assert value(Unless("Region", REGION), item) is None
    assert value(Unless("Iops", 3000), item) is None and value(Unless("Iops", 1), item) == 3000
    assert value(Is("Missing", None), item) is True
    assert value(Is("Region", Path("Region")), item) is True
    assert value(Or("Name", "Zero", "Type"), item) == "gp3" and value(Or("Name", "Zero"), item) is None
    assert value(Default("Zero", 7), item) == 0 and value(Default("Missing", 7), item) == 7


def test_text_templates_and_names():
    item = {"Url": "https://sqs.eu-west-1.amazonaws.com/123/orders", "Engine": "aurora-mysql", "Table": "rtb-1"}
    assert value(NameFromUrl("Url"), item) == "orders"
    assert value(Part("Engine", "-", 0), item) == "aurora"
    assert value(Format("{Table}_{dest}", dest=Const("0.0.0.0/0")), item) == "rtb-1_0.0.0.0/0"
    assert value(Format("{Table}_{Missing}"), item) is None  # never half an ID
    assert value(Format("{parent.Name}/{region}/{account}"), item) == "parent-bucket/eu-west-1/123456789012"


def test_a_call_parameter_may_compute_its_field():
    """One of two names, as a Cognito pool's custom domain or else its prefix."""
    domain = Format("{d}", d=Or("CustomDomain", "Domain"))
    params = {"Domain": domain, "Fixed": "x", "Names": ["{Domain}"]}
    assert language.fill_params(params, {"CustomDomain": "auth.example.org", "Domain": "p"}, CTX) == {
        "Domain": "auth.example.org", "Fixed": "x", "Names": ["p"]}  # fmt: skip
    assert language.fill_params(params, {"Domain": "p"}, CTX)["Domain"] == "p"


def test_tags_in_every_spelling_and_the_tags_call():
    assert value(Tags("T"), {"T": [{"TagKey": "team", "TagValue": "ops"}, {"TagKey": "aws:x", "TagValue": "1"}]}) == {
        "team": "ops"
    }
    assert value(Tags("T"), {"T": {"b": "2", "a": None}}) == {"a": "", "b": "2"}
    assert TagsCall(ResourceArn="{Arn}") == Call(
        "list_tags_for_resource", params={"ResourceArn": "{Arn}"}, lists_tags=True
    )
    assert TagsCall("list_resource_tags", KeyId="{KeyId}", answer="Tags") == Call(
        "list_resource_tags", params={"KeyId": "{KeyId}"}, items="Tags", merge_into="Tags", lists_tags=True
    )


def test_an_expression_is_callable_wherever_a_hook_is():
    include = Has("AllocationId")
    assert include({"AllocationId": "eipalloc-1"}, CTX) is True and include({}, CTX) is False
