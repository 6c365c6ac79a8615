"""References nested in documents, maps, lists and blocks (adopt/refs.py):
the matching rules, the ambiguity rule, how they are written, and that
generate and converge see the same ones."""

from __future__ import annotations

import gzip
import json

import pytest

from adopt import formats, refs
from adopt.catalog import registry
from adopt.emit.generate import Generator, write_module
from adopt.emit.manifest import load_manifest
from adopt.emit.render import render_resource
from adopt.model import Inventory, Reference, Resource
from adopt.refs import NestedMatcher, Resolver, Target, TargetIndex, distinctive, link_nested_references, place, spans
from adopt.schema import bundled
from adopt.tf.choices import ConvergeState
from adopt.tf.converge import Context, Renderer
from adopt.writers import hcl

REGION = "us-east-1"
BUCKET_ARN = "arn:aws:s3:::assets-2024"
INSTANCE = "i-0123456789abcdef0"
QUEUE_URL = "https://sqs.us-east-1.amazonaws.com/123456789012/jobs"


def resource(tf_type, rid, region=REGION, *, arn=None, exports=None, parent=None, **attributes):
    return Resource(
        type=tf_type, id=rid, import_id=rid, region=region, arn=arn,
        name=attributes.get("name", rid), label=attributes.get("name", rid),
        attributes=dict(attributes), exports=dict(exports or {}), parent=parent,
    )  # fmt: skip


def everything(tf_type: str) -> tuple[str, ...]:
    """What the tests match by: every export the test gives, then arn and id."""
    return ("url", "dns_name", "zone_id", "arn", "id")


def found(owner: Resource, *targets: Resource, json_arguments=()) -> dict[str, Reference]:
    matcher = NestedMatcher([owner, *targets], everything)
    return {r.path: r for r in matcher.references(owner, json_arguments)}


BUCKET = resource("aws_s3_bucket", "assets-2024", arn=BUCKET_ARN)


# -- the matching rules -----------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, expected",
    [
        (BUCKET_ARN, ("", "")),
        (BUCKET_ARN + "/*", ("", "/*")),
        (BUCKET_ARN + ":extra", ("", ":extra")),
        ("s3://x/" + BUCKET_ARN, ("s3://x/", "")),
        (BUCKET_ARN + "-logs", None),  # another bucket
        (BUCKET_ARN + "logs/*", None),
        (BUCKET_ARN + ".example", None),  # a longer host name
        ("x" + BUCKET_ARN, None),
        ("my-" + BUCKET_ARN, None),
        ("prefix " + BUCKET_ARN + " suffix", None),  # neither its start nor its end
    ],
)
def test_a_value_matches_whole_or_at_a_boundary_never_inside_a_longer_token(text, expected):
    assert place(text, BUCKET_ARN) == expected


@pytest.mark.parametrize(
    "value, telling",
    [
        ("web", False),
        ("prod-db", False),  # short
        ("production", False),  # a plain word
        ("orders-table", False),
        ("assets-2024", False),  # a name with a year in it, not an ID
        ("vpc-0abc1234", True),
        ("3f1c2b4a-9d8e-4f00-a1b2-0c9d8e7f6a5b", True),  # a KMS key ID
        ("has space:1", False),
        (INSTANCE, True),
        ("Z35SXDOTRQ7X7K", True),
        ("/ecs/web", True),
        (BUCKET_ARN, True),
        (QUEUE_URL, True),
        ("web-1234.us-east-1.elb.amazonaws.com", True),
    ],
)
def test_only_distinctive_values_are_matched(value, telling):
    assert distinctive(value) is telling


def test_a_long_string_is_cut_only_where_a_value_could_fit():
    text = BUCKET_ARN + "/" + ":".join(["x" * 8] * 20000)
    assert spans(text, longest=len(BUCKET_ARN))[0] == BUCKET_ARN
    owner = resource("aws_x", "x", values=[text])
    assert found(owner, BUCKET)["values[0]"].value == BUCKET_ARN


def test_spans_are_the_text_then_its_starts_and_ends_longest_first():
    found = spans(BUCKET_ARN + "/*")
    assert found[:3] == [BUCKET_ARN + "/*", BUCKET_ARN + "/", BUCKET_ARN]
    assert "*" not in found and "arn" not in found
    assert spans("web") == []


def test_a_document_names_a_bucket_by_its_arn_whole_or_with_a_suffix():
    policy = json.dumps(
        {"Statement": [{"Resource": [BUCKET_ARN, BUCKET_ARN + "/*", BUCKET_ARN + "-logs/*"], "Sid": "assets-2024"}]}
    )  # the Sid is the bucket's name, but a name is no proof: it stays as it is
    owner = resource("aws_iam_policy", "p", policy=policy)
    by_path = found(owner, BUCKET, json_arguments=("policy",))
    assert set(by_path) == {"policy.Statement[0].Resource[0]", "policy.Statement[0].Resource[1]"}
    assert {(r.type, r.attribute, r.value) for r in by_path.values()} == {("aws_s3_bucket", "arn", BUCKET_ARN)}


def test_strings_maps_lists_and_blocks_are_searched_tags_never():
    instance = resource("aws_instance", INSTANCE, arn=f"arn:aws:ec2:us-east-1:123456789012:instance/{INSTANCE}")
    owner = resource(
        "aws_cloudwatch_metric_alarm", "cpu",
        dimensions={"InstanceId": INSTANCE},
        alarm_actions=[INSTANCE],
        block={"nested": [{"value": INSTANCE}]},
        alarm_description=INSTANCE,
        tags={"Watches": INSTANCE},
        tag_specifications=[{"resource_type": "instance", "tags": {"Of": INSTANCE}}],
        tag=[{"key": "Of", "value": INSTANCE}],
    )  # fmt: skip
    assert set(found(owner, instance)) == {
        "dimensions.InstanceId",
        "alarm_actions[0]",
        "block.nested[0].value",
        "alarm_description",  # a string argument too: an API Gateway integration's uri is a function's invoke ARN
    }


def test_an_arn_ending_in_an_id_names_the_resource_by_its_arn_before_its_id():
    arn = f"arn:aws:ec2:us-east-1:123456789012:instance/{INSTANCE}"
    instance = resource("aws_instance", INSTANCE, arn=arn)
    owner = resource("aws_x", "x", values={"a": arn, "b": f"arn:aws:ec2:us-east-1:123456789012:volume/{INSTANCE}"})
    by_path = found(owner, instance)
    assert (by_path["values.a"].attribute, by_path["values.a"].value) == ("arn", arn)
    assert (by_path["values.b"].attribute, by_path["values.b"].value) == ("id", INSTANCE)


def test_exports_are_matched_and_the_most_telling_attribute_is_named():
    queue = resource(
        "aws_sqs_queue", QUEUE_URL, arn="arn:aws:sqs:us-east-1:123456789012:jobs", exports={"url": QUEUE_URL}
    )
    owner = resource("aws_lambda_function", "fn", environment={"variables": {"QUEUE": QUEUE_URL}})
    (ref,) = found(owner, queue).values()
    assert (ref.path, ref.type, ref.attribute, ref.ambiguous) == (
        "environment.variables.QUEUE",
        "aws_sqs_queue",
        "url",
        (),
    )


def test_a_value_shared_with_a_child_names_the_parent():
    """A queue's policy has the queue's URL as its ID: the URL still names the queue."""
    queue = resource("aws_sqs_queue", QUEUE_URL, exports={"url": QUEUE_URL})
    policy = resource("aws_sqs_queue_policy", QUEUE_URL, parent={"type": "aws_sqs_queue", "id": QUEUE_URL})
    owner = resource("aws_lambda_function", "fn", environment={"variables": {"QUEUE": QUEUE_URL}})
    (ref,) = found(owner, queue, policy).values()
    assert (ref.type, ref.ambiguous) == ("aws_sqs_queue", ())


def test_a_value_two_resources_hold_is_ambiguous_and_stays_a_literal_with_a_note():
    zone = "Z35SXDOTRQ7X7K"
    a = resource("aws_lb", "arn:lb/a", exports={"zone_id": zone, "dns_name": "a-1.elb.amazonaws.com"})
    b = resource("aws_lb", "arn:lb/b", exports={"zone_id": zone, "dns_name": "b-2.elb.amazonaws.com"})
    owner = resource("aws_route53_record", "r", alias={"name": "a-1.elb.amazonaws.com", "zone_id": zone})
    by_path = found(owner, a, b)
    assert by_path["alias.name"].ambiguous == ()
    assert by_path["alias.zone_id"].ambiguous == ("aws_lb arn:lb/a", "aws_lb arn:lb/b")
    index = TargetIndex((r, Target(f"aws_lb.{r.id[-1]}", REGION, r.key)) for r in (a, b))
    resolution = Resolver(index).resolve(by_path["alias.zone_id"], Target("aws_route53_record.r", REGION))
    assert resolution.outcome == refs.AMBIGUOUS and resolution.expression is None
    assert resolution.note == f"{zone} is held by 2 resources (aws_lb arn:lb/a, aws_lb arn:lb/b): kept as a literal"
    # Even when only one of them is generated: the other might be the one meant.
    one = TargetIndex([(a, Target("aws_lb.a", REGION, a.key))])
    assert Resolver(one).resolve(by_path["alias.zone_id"], Target("aws_route53_record.r", REGION)).outcome == (
        refs.AMBIGUOUS
    )


def test_a_shared_value_names_a_resource_only_beside_one_that_names_it_alone():
    """Every load balancer of a region is in one hosted zone: the zone ID of an
    alias is the load balancer's that its DNS name names, and alone names none."""
    zone = "Z35SXDOTRQ7X7K"
    a = resource("aws_lb", "arn:lb/a", exports={"zone_id": zone, "dns_name": "a-1.elb.amazonaws.com"})
    b = resource("aws_lb", "arn:lb/b", exports={"zone_id": zone, "dns_name": "b-2.elb.amazonaws.com"})

    def refs_of(owner):
        matcher = NestedMatcher([owner, a, b], everything, lambda tf_type: ("zone_id",))
        return {r.path: (r.type, r.attribute, r.value, r.ambiguous) for r in matcher.references(owner, ())}

    beside = resource("aws_route53_record", "r", alias={"name": "b-2.elb.amazonaws.com", "zone_id": zone})
    assert refs_of(beside) == {
        "alias.name": ("aws_lb", "dns_name", "b-2.elb.amazonaws.com", ()),
        "alias.zone_id": ("aws_lb", "zone_id", zone, ()),
    }
    alone = resource("aws_route53_record", "r", alias={"name": "elsewhere.example.org", "zone_id": zone})
    assert refs_of(alone) == {}
    # Beside a value of another object (a sibling block), it names nothing either.
    apart = resource("aws_x", "x", alias=[{"name": "b-2.elb.amazonaws.com"}, {"zone_id": zone}])
    assert set(refs_of(apart)) == {"alias[0].name"}


def test_the_nearest_region_wins_and_a_resource_never_names_itself():
    here = resource("aws_lb", "arn:lb/here", exports={"dns_name": "web-1.elb.amazonaws.com"})
    there = resource("aws_lb", "arn:lb/there", "eu-west-1", exports={"dns_name": "web-1.elb.amazonaws.com"})
    owner = resource("aws_x", "x", values=["web-1.elb.amazonaws.com"])
    assert found(owner, here, there)["values[0]"].ambiguous == ()
    assert found(owner, here, there)["values[0]"].type == "aws_lb"
    myself = resource(
        "aws_lb", "arn:lb/me", exports={"dns_name": "me-1.elb.amazonaws.com"}, x=["me-1.elb.amazonaws.com"]
    )
    assert found(myself) == {}


def test_keys_a_path_cannot_hold_are_left_alone():
    owner = resource("aws_x", "x", values={"a.b": BUCKET_ARN, "c d": BUCKET_ARN, "ok:key/x-y_z": BUCKET_ARN})
    assert set(found(owner, BUCKET)) == {"values.ok:key/x-y_z"}


def test_declared_paths_are_not_matched_again():
    queue = resource("aws_sqs_queue", QUEUE_URL, exports={"url": QUEUE_URL})
    declared = Reference("environment.variables.QUEUE", "aws_sqs_queue", "id", QUEUE_URL)
    owner = resource("aws_lambda_function", "fn", environment={"variables": {"QUEUE": QUEUE_URL}})
    owner.references.append(declared)
    matcher = NestedMatcher([owner, queue], everything)
    assert matcher.references(owner, (), skip=[declared.path]) == []


def test_the_scan_links_with_the_registered_exports_only_where_the_provider_type_has_them():
    """A NAT gateway has an ARN, but its Terraform type no ``arn``: never matched by it."""
    nat = resource("aws_nat_gateway", "nat-0123456789abcdef0", arn="arn:aws:ec2:us-east-1:1:natgateway/nat-01234567")
    queue = resource("aws_sqs_queue", QUEUE_URL, exports={"url": QUEUE_URL})
    owner = resource(
        "aws_cloudwatch_metric_alarm", "a", dimensions={"Q": QUEUE_URL, "N": nat.arn, "I": "nat-0123456789abcdef0"}
    )
    link_nested_references([owner, queue, nat])
    assert {(r.path, r.type, r.attribute) for r in owner.references} == {
        ("dimensions.Q", "aws_sqs_queue", "url"),
        ("dimensions.I", "aws_nat_gateway", "id"),
    }


# -- what the specs export ---------------------------------------------------------------------


def test_every_export_is_an_attribute_of_its_provider_type(oracle_dir):
    with gzip.open(f"{oracle_dir}/aws-provider-schema-6.47.0.json.gz") as fh:
        schemas = json.load(fh)["provider_schemas"]["registry.terraform.io/hashicorp/aws"]["resource_schemas"]
    exported = {(spec.tf_type, name) for spec in registry.all_specs() for name in spec.exports}
    assert exported, "no spec exports anything"
    missing = [(t, n) for t, n in exported if n not in schemas[t]["block"]["attributes"]]
    assert missing == []


def test_a_spec_may_not_reference_by_an_attribute_its_target_does_not_export():
    import dataclasses

    from adopt.catalog.spec import Ref, SpecError

    specs = list(registry.all_specs())
    alarm = next(i for i, s in enumerate(specs) if s.tf_type == "aws_cloudwatch_metric_alarm")
    specs[alarm] = dataclasses.replace(specs[alarm], references={"alarm_actions[*]": Ref("aws_sqs_queue", "dns_name")})
    with pytest.raises(SpecError, match="which aws_sqs_queue does not export"):
        registry.checked(specs)
    specs[alarm] = dataclasses.replace(specs[alarm], references={"alarm_actions[*]": Ref("aws_sqs_queue", "url")})
    registry.checked(specs)


# -- the inventory -----------------------------------------------------------------------------


def test_exports_and_ambiguity_round_trip_and_older_inventories_still_load():
    ref = Reference("alias.zone_id", "aws_lb", "zone_id", "Z35SXDOTRQ7X7K", ambiguous=("aws_lb a", "aws_lb b"))
    lb = resource("aws_lb", "a", exports={"zone_id": "Z35SXDOTRQ7X7K"})
    record = resource("aws_route53_record", "r", alias={"zone_id": "Z35SXDOTRQ7X7K"})
    record.references.append(ref)
    data = json.loads(Inventory("123456789012", [REGION], [lb, record]).dumps())
    formats.check(data, "inventory", "test", kind="adopt inventory")
    again = Inventory.from_json(data)
    assert again.resources[0].exports == {"zone_id": "Z35SXDOTRQ7X7K"}
    assert again.resources[1].references == [ref]
    for r in data["resources"]:  # as an inventory written before exports existed
        r.pop("exports", None)
        for reference in r["references"]:
            reference.pop("ambiguous", None)
    older = Inventory.from_json(data)
    assert older.resources[0].exports == {} and older.resources[1].references[0].ambiguous == ()


# -- how they are written ----------------------------------------------------------------------


def test_a_template_keeps_literal_interpolations_and_directives_inert():
    expr = hcl.Expr("aws_s3_bucket.assets.arn")
    assert (
        hcl.Template(expr, "/home/${aws:username}/*").text() == '"${aws_s3_bucket.assets.arn}/home/$${aws:username}/*"'
    )
    assert hcl.Template("%{if}", expr, "").text() == '"%%{if}${aws_s3_bucket.assets.arn}"'
    # A dollar just before an interpolation would make "$${": it goes in an interpolation of its own.
    assert hcl.Template('a"$$', expr).text() == '"a\\"${"$$"}${aws_s3_bucket.assets.arn}"'
    with pytest.raises(TypeError):
        hcl.Template("only text")


# Literal text around a reference that must read back exactly: escapes,
# interpolation and directive openers, dollars next to the interpolation.
AROUND = [
    ("", "/*"),
    ("$", ""),
    ("$$", "/x"),
    ("${x}", "%{y}"),
    ('"\\\n', "\u202e"),
    ("%", "$"),
    ("", "${"),
    ("$${", ""),
]


def test_templates_evaluate_to_their_literal_parts_in_terraform(tmp_path, tf_engine):
    """The real engine evaluates each template around a local's value."""
    lines = ['locals {\n  x = "X"\n}\n']
    for i, (before, after) in enumerate(AROUND):
        text = hcl.Template(before, hcl.Expr("local.x"), after).text()
        lines.append(f'output "o{i}" {{\n  value = {text}\n}}\n')
    (tmp_path / "main.tf").write_text("\n".join(lines))
    plan = tf_engine.plan(tmp_path, show_json=True, check=False)  # only outputs: no "Plan:" line
    assert plan.retcode == 0, plan.output
    outputs = plan.json["planned_values"]["outputs"]
    assert [outputs[f"o{i}"]["value"] for i in range(len(AROUND))] == [b + "X" + a for b, a in AROUND]


def test_a_partial_match_is_written_as_a_template_inside_jsonencode():
    spec = registry.get("aws_iam_policy")
    policy = json.dumps({"Statement": [{"Resource": [BUCKET_ARN, BUCKET_ARN + "/${aws:username}/*"]}]})
    owner = resource("aws_iam_policy", "p", name="p", policy=policy)
    owner.references = found(owner, BUCKET, json_arguments=("policy",)).values()
    owner.references = list(owner.references)
    index = TargetIndex([(BUCKET, Target("aws_s3_bucket.assets", REGION, BUCKET.key))])
    resolver = Resolver(index)
    rendered = render_resource(
        owner,
        "p",
        spec,
        bundled().resource("aws_iam_policy"),
        lambda r: resolver.resolve(r, Target("aws_iam_policy.p")),
        None,
    )
    text = hcl.render(rendered.lines)
    assert 'Resource = [aws_s3_bucket.assets.arn, "${aws_s3_bucket.assets.arn}/$${aws:username}/*"]' in text


# -- generate and converge ---------------------------------------------------------------------


def test_generate_and_converge_write_the_same_nested_references(tmp_path):
    queue = resource(
        "aws_sqs_queue",
        QUEUE_URL,
        arn="arn:aws:sqs:us-east-1:123456789012:jobs",
        exports={"url": QUEUE_URL},
        name="jobs",
    )
    fn = resource(
        "aws_cloudwatch_metric_alarm", "jobs-depth", alarm_name="jobs-depth", comparison_operator="GreaterThanThreshold",
        evaluation_periods=1, dimensions={"QueueUrl": QUEUE_URL}, alarm_actions=[queue.arn],
    )  # fmt: skip
    link_nested_references([queue, fn])
    assert {r.path for r in fn.references} == {"dimensions.QueueUrl", "alarm_actions[0]"}
    path = tmp_path / "inventory.json"
    Inventory("123456789012", [REGION], [queue, fn]).save(str(path))
    module = Generator(Inventory.load(str(path)), bundled(), source="inventory.json").build()
    out = tmp_path / "module"
    write_module(module, str(out), inventory=str(path))
    manifest = load_manifest(str(out))
    context = Context(str(out), manifest, bundled())
    context.learn(None)
    renderer = Renderer(context, ConvergeState())
    (alarm,) = [e for e in module.entries if e.resource.type == "aws_cloudwatch_metric_alarm"]
    block = renderer.render(alarm.address, manifest["resources"][alarm.address])
    assert block in module.files[alarm.file]
    assert "QueueUrl = aws_sqs_queue.jobs.url" in block
    assert "[aws_sqs_queue.jobs.arn]" in block
    # A value converge takes from the live resource is matched as the scan matched it.
    state = ConvergeState()
    state.record(alarm.address).arguments["dimensions"] = {"Queue": QUEUE_URL + "/extra", "Plain": "x"}
    block = Renderer(context, state).render(alarm.address, manifest["resources"][alarm.address])
    assert 'Queue = "${aws_sqs_queue.jobs.url}/extra"' in block
    assert "QueueUrl" not in block and "[aws_sqs_queue.jobs.arn]" in block


def test_a_target_a_state_manages_is_found_by_its_exports():
    """A queue already in Terraform: its state holds the URL the function's environment names."""
    from adopt.existing.status import Ownership
    from adopt.existing.tfstate import StateEntry

    queue = resource("aws_sqs_queue", QUEUE_URL, exports={"url": QUEUE_URL})
    owner = resource("aws_lambda_function", "fn", environment={"variables": {"Q": QUEUE_URL}})
    (ref,) = found(owner, queue).values()
    entry = StateEntry("aws_sqs_queue.jobs", "aws_sqs_queue", "", {"id": QUEUE_URL, "url": QUEUE_URL})
    resolver = Resolver(TargetIndex(), managed=Ownership([entry]).managed)
    resolution = resolver.resolve(ref, Target("aws_lambda_function.fn", REGION))
    assert (resolution.outcome, resolution.expression) == (refs.MANAGED, "aws_sqs_queue.jobs.url")
    # Found by the value too, for a reference the scan did not tie to an ID.
    by_value = Reference(ref.path, ref.type, "url", QUEUE_URL)
    assert resolver.resolve(by_value, Target("aws_lambda_function.fn", REGION)).expression == "aws_sqs_queue.jobs.url"


def test_a_cycle_nested_references_close_is_broken_as_a_plan_breaks_it(tmp_path, tf_engine):
    """A queue names its dead-letter queue, which allows it back as a source:
    one of the two stays a literal, and Terraform sees no cycle."""
    urls = {n: f"https://sqs.us-east-1.amazonaws.com/123456789012/{n}" for n in ("orders", "orders-dlq")}
    arns = {n: f"arn:aws:sqs:us-east-1:123456789012:{n}" for n in urls}
    dlq = resource(
        "aws_sqs_queue", urls["orders-dlq"], arn=arns["orders-dlq"], exports={"url": urls["orders-dlq"]},
        name="orders-dlq",
        redrive_allow_policy=json.dumps({"redrivePermission": "byQueue", "sourceQueueArns": [arns["orders"]]}),
    )  # fmt: skip
    source = resource(
        "aws_sqs_queue", urls["orders"], arn=arns["orders"], exports={"url": urls["orders"]}, name="orders",
        redrive_policy=json.dumps({"deadLetterTargetArn": arns["orders-dlq"], "maxReceiveCount": 5}),
    )  # fmt: skip
    source.references.append(
        Reference("redrive_policy.deadLetterTargetArn", "aws_sqs_queue", "arn", arns["orders-dlq"])
    )
    link_nested_references([dlq, source])
    assert [r.path for r in dlq.references] == ["redrive_allow_policy.sourceQueueArns[0]"]
    module = Generator(Inventory("123456789012", [REGION], [dlq, source]), bundled(), source="inventory.json").build()
    out = tmp_path / "module"
    write_module(module, str(out))
    text = (out / "sqs.tf").read_text()
    assert text.count("breaks the reference cycle through") == 1
    assert ("aws_sqs_queue.orders_dlq.arn" in text) != ("aws_sqs_queue.orders.arn" in text)
    validation = tf_engine.validate(out)
    assert validation.valid, validation.text


def test_a_target_the_users_code_imports_is_named_by_the_attribute_that_matched():
    """An import block declares the queue by its ID (its URL); the environment names it by ``url``."""
    queue = resource("aws_sqs_queue", QUEUE_URL, exports={"url": QUEUE_URL})
    owner = resource("aws_lambda_function", "fn", environment={"variables": {"Q": QUEUE_URL + "/x"}})
    (ref,) = found(owner, queue).values()
    resolver = Resolver(TargetIndex(), declared={("aws_sqs_queue", QUEUE_URL): "aws_sqs_queue.jobs"})
    resolution = resolver.resolve(ref, Target("aws_lambda_function.fn", REGION))
    assert (resolution.outcome, resolution.expression) == (refs.DECLARED, "aws_sqs_queue.jobs.url")


# -- declared references settled on what they name ------------------------------------------


def test_a_declared_reference_settles_on_the_id_after_a_prefix_and_on_an_also_target():
    """A route's ``integrations/<id>`` names the integration by the ID after the
    prefix; an API resource's parent is the API's root, which the API exports."""
    api = resource("aws_api_gateway_rest_api", "a1b2c3d4e5", exports={"root_resource_id": "r00t0000"})
    top = resource("aws_api_gateway_resource", "t0p00000", path_part="orders", rest_api_id="a1b2c3d4e5")
    top.references.append(Reference("parent_id", "aws_api_gateway_resource", "id", "r00t0000"))
    top.attributes["parent_id"] = "r00t0000"
    integration = resource("aws_apigatewayv2_integration", "intg0001")
    route = resource("aws_apigatewayv2_route", "route001", target="integrations/intg0001")
    route.references.append(Reference("target", "aws_apigatewayv2_integration", "id", "integrations/intg0001"))
    link_nested_references([api, top, integration, route])
    assert Reference("parent_id", "aws_api_gateway_rest_api", "root_resource_id", "r00t0000") in top.references
    assert route.references[0] == Reference("target", "aws_apigatewayv2_integration", "id", "intg0001")


def test_a_declared_piece_two_resources_hold_is_left_as_declared():
    arn = "arn:aws:logs:us-east-1:1:log-group:app"
    twins = [resource("aws_cloudwatch_log_group", name, arn=arn) for name in ("app", "app-copy")]
    declared = Reference("cloudwatch_log_group_arn", "aws_cloudwatch_log_group", "arn", f"{arn}:*")

    def query_log():
        log = resource("aws_route53_query_log", "q1", cloudwatch_log_group_arn=f"{arn}:*")
        log.references.append(declared)
        return log

    alone, beside_twins = query_log(), query_log()
    link_nested_references([twins[0], alone])
    assert alone.references == [Reference("cloudwatch_log_group_arn", "aws_cloudwatch_log_group", "arn", arn)]
    link_nested_references([*twins, beside_twins])
    assert beside_twins.references == [declared]  # never a guess: the resolver keeps it a literal


def test_exported_shapes_name_their_resource_whole():
    """An origin access identity by its path, a function by its invoke ARN, a user pool by its endpoint."""
    identity = resource(
        "aws_cloudfront_origin_access_identity", "E1F83G6ABCDEFG",
        exports={"cloudfront_access_identity_path": "origin-access-identity/cloudfront/E1F83G6ABCDEFG"},
    )  # fmt: skip
    invoke = "arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:1:function:f/invocations"
    function = resource(
        "aws_lambda_function", "f", arn="arn:aws:lambda:us-east-1:1:function:f", exports={"invoke_arn": invoke}
    )
    distribution = resource(
        "aws_cloudfront_distribution", "EDFDVBD6EXAMPLE",
        origin=[{"s3_origin_config": [{"origin_access_identity": identity.exports["cloudfront_access_identity_path"]}]}],
    )  # fmt: skip
    integration = resource("aws_api_gateway_integration", "a/b/GET", uri=invoke)
    link_nested_references([identity, function, distribution, integration])
    assert [(r.type, r.attribute) for r in distribution.references] == [
        ("aws_cloudfront_origin_access_identity", "cloudfront_access_identity_path")
    ]
    assert [(r.path, r.type, r.attribute) for r in integration.references] == [
        ("uri", "aws_lambda_function", "invoke_arn")
    ]
