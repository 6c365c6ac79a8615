"""The recorded Cloud Control answers under ``fixtures/longtail/`` are faithful.

moto does not serve Cloud Control, so the long tail is tested on recordings
written from the API reference and the CloudFormation resource schemas.  A
recording that AWS could never send would prove nothing, so each one is held
to what AWS and boto3 would give:

* every ``ListResources`` and ``GetResource`` answer's ``Properties`` parse
  and validate against the type's schema as cfn-lint ships it (read-only
  properties may be present, as Cloud Control returns them; write-only ones
  never are: Cloud Control omits write-only values from what it reads);
* each identifier is the primary identifier's values, in schema order,
  joined with ``|``;
* no recorded type has a curated spec (the census classifies it
  ``unsupported``), and together they span at least 25 types across at
  least 10 services;
* each resource read is sighted first as the long tail finds it: listed by
  ``ListResources`` for its type, and, where it has an ARN and tags, in the
  tagging API's ``GetResources`` with the same tags;
* every recording, Cloud Control's and the aws resources' beside them, is
  replayed through the real botocore client (its parameter validation and
  paginators) and its answer fits the operation's output shape in botocore's
  service model, which the parser would have produced.

``core.json`` belongs to the long-tail tests themselves and answers
write-only values on purpose (to prove adopt drops them even then), so it is
not held to these rules.
"""

from __future__ import annotations

import copy
import json
from functools import cache
from importlib import resources
from pathlib import Path

import botocore.session
import jsonschema
import pytest
import regex
from coverage_kit import FIXTURES, RecordedSession, pointer_values

from adopt.catalog import registry
from adopt.census.types import TypeMap

DELIBERATELY_UNFAITHFUL = {"core.json"}
FILES = sorted(p for p in (FIXTURES / "longtail").glob("*.json") if p.name not in DELIBERATELY_UNFAITHFUL)
MIN_TYPES, MIN_SERVICES = 25, 10


@cache
def cfn_schema(type_name: str) -> dict:
    root = Path(str(resources.files("cfnlint.data.schemas")))
    digest = json.loads((root / "providers" / "us-east-1.json").read_text())[type_name]
    return json.loads((root / "resources" / f"{digest}.json").read_text())


def _unicode_pattern(validator, pattern, instance, schema):
    """``pattern`` with the Unicode classes (``\\p{C}``) the schemas use and Python's ``re`` lacks."""
    if validator.is_type(instance, "string") and not regex.search(pattern, instance):
        yield jsonschema.ValidationError(f"{instance!r} does not match {pattern!r}")


Draft7WithUnicodePatterns = jsonschema.validators.extend(jsonschema.Draft7Validator, {"pattern": _unicode_pattern})


def recordings(path: Path) -> list[dict]:
    return json.loads(path.read_text())


def cloudcontrol_descriptions(path: Path):
    """(region, operation, CloudFormation type, identifier, properties) of every description recorded."""
    for rec in recordings(path):
        if rec["service"] != "cloudcontrol" or "response" not in rec:
            continue
        answer = rec["response"]
        if rec["operation"] == "GetResource":
            descriptions = [answer["ResourceDescription"]]
        else:
            descriptions = answer["ResourceDescriptions"]
        for d in descriptions:
            yield rec["region"], rec["operation"], answer["TypeName"], d["Identifier"], parsed(d["Properties"])


def parsed(properties):
    """Cloud Control's Properties are a JSON text; anything else is left for the shape check to refuse."""
    return json.loads(properties) if isinstance(properties, str) else properties


def all_descriptions() -> list[tuple]:
    return [(p.name, *d) for p in FILES for d in cloudcontrol_descriptions(p)]


def read_types() -> set[str]:
    return {d[3] for d in all_descriptions() if d[2] == "GetResource"}


def readable(schema: dict) -> dict:
    """The schema as a read answer meets it: a write-only property is never required,
    since Cloud Control leaves it out (an API key's value beside its name)."""
    schema = copy.deepcopy(schema)

    def resolved(node: dict) -> dict:
        while "$ref" in node:
            node = schema["definitions"][node["$ref"].split("/")[-1]]
        return node

    for pointer in schema.get("writeOnlyProperties") or ():
        *parents, name = pointer.split("/")[2:]
        node = schema
        for step in parents:
            node = resolved(node["items"] if step == "*" else node["properties"][step])
        for holder in (node, *node.get("oneOf", ()), *node.get("anyOf", ())):
            if name in holder.get("required", ()):
                holder["required"] = [r for r in holder["required"] if r != name]
    return schema


def test_there_are_recordings_and_no_curated_type_among_them():
    types = read_types()
    services = {t.split("::")[1] for t in types}
    assert len(types) >= MIN_TYPES, sorted(types)
    assert len(services) >= MIN_SERVICES, sorted(services)
    type_map = TypeMap.bundled()
    curated = {t: type_map.tf_type(t) for t in types if type_map.tf_type(t) and registry.find(type_map.tf_type(t))}
    assert curated == {}, "these types have a curated spec: the census would adopt them as aws_*"


@pytest.mark.parametrize("where", all_descriptions(), ids=lambda d: f"{d[0]}:{d[2]}:{d[3]}:{d[4]}")
def test_properties_are_what_the_schema_allows_and_cloud_control_returns(where):
    _, _, operation, type_name, identifier, properties = where
    schema = cfn_schema(type_name)
    handlers = schema.get("handlers") or {}
    assert "read" in handlers and "list" in handlers, f"{type_name}: Cloud Control cannot list and read it"
    # readOnly props are what AWS computes, so an answer holds them.  A read answer is the
    # whole resource, held to the whole schema; a listed one holds only some properties
    # (the identifier's), each held to its own schema.
    if operation == "GetResource":
        checks = [(readable(schema), properties)]
    else:
        checks = [
            ({"definitions": schema.get("definitions", {}), **schema["properties"][k]}, v)
            for k, v in properties.items()
        ]
    errors = [e for part, value in checks for e in Draft7WithUnicodePatterns(part).iter_errors(value)]
    assert errors == [], [f"{'/'.join(map(str, e.path))}: {e.message}" for e in errors]
    # Cloud Control never reads back a write-only value (a password, a flag acted on once).
    for pointer in schema.get("writeOnlyProperties") or ():
        assert pointer_values(properties, pointer) == [], f"{type_name} answers write-only {pointer}"
    parts = [pointer_values(properties, p) for p in schema["primaryIdentifier"]]
    assert all(len(v) == 1 for v in parts), f"{type_name}: the primary identifier is not all in the answer"
    assert identifier == "|".join(str(v[0]) for v in parts)


def test_a_composite_identifier_write_only_properties_and_nested_values_are_covered():
    """The shapes the long tail must handle are recorded, whichever types hold them."""
    read = [d for d in all_descriptions() if d[2] == "GetResource"]
    composite = {d[3] for d in read if len(cfn_schema(d[3])["primaryIdentifier"]) >= 2}
    write_only = {d[3] for d in read if cfn_schema(d[3]).get("writeOnlyProperties")}

    def nested(value, depth=0) -> int:
        if isinstance(value, dict):
            return max([nested(v, depth + 1) for v in value.values()], default=depth + 1)
        if isinstance(value, list):
            return max([nested(v, depth + 1) for v in value], default=depth + 1)
        return depth

    deep = {d[3] for d in read if any(isinstance(v, list) and nested(v) >= 3 for v in d[5].values())}
    tags_lists = {d[3] for d in read if isinstance(d[5].get("Tags"), list) and d[5]["Tags"]}
    assert composite and write_only and deep and tags_lists, (composite, write_only, deep, tags_lists)


def own_arns(type_name: str, properties: dict) -> set[str]:
    """The resource's own ARN: a computed (read-only) top-level ``...Arn`` property.
    Other ARNs it holds (a role, a key) name other resources."""
    own = [p.split("/")[-1] for p in cfn_schema(type_name).get("readOnlyProperties") or () if p.count("/") == 2]
    return {properties[k] for k in own if k.lower().endswith("arn") and str(properties.get(k, "")).startswith("arn:")}


def test_each_resource_read_is_sighted_as_the_long_tail_finds_it():
    for path in FILES:
        descriptions = list(cloudcontrol_descriptions(path))
        listed = {(r, t, i) for r, op, t, i, _ in descriptions if op == "ListResources"}
        read = {(r, t, i): p for r, op, t, i, p in descriptions if op == "GetResource"}
        assert set(read) <= listed, f"{path.name}: read but never listed: {set(read) - listed}"
        tagged = {
            (rec["region"], m["ResourceARN"]): {t["Key"]: t["Value"] for t in m["Tags"]}
            for rec in recordings(path)
            if (rec["service"], rec["operation"]) == ("resourcegroupstaggingapi", "GetResources")
            for m in rec["response"]["ResourceTagMappingList"]
        }
        owned = set()
        for (region, type_name, _), properties in read.items():
            arns = own_arns(type_name, properties)
            owned |= {(region, a) for a in arns}
            tags = properties.get("Tags")
            if not arns or not tags:
                continue
            as_map = {t["Key"]: t["Value"] for t in tags} if isinstance(tags, list) else tags
            sightings = [tagged[(region, a)] for a in sorted(arns) if (region, a) in tagged]
            assert sightings == [as_map], f"{path.name}: {type_name} {arns} not in the tagging API with its tags"
        # Whatever else the tagging API names is an aws resource whose own calls are recorded beside it.
        aws_answers = json.dumps(
            [r for r in recordings(path) if r["service"] not in ("cloudcontrol", "resourcegroupstaggingapi")]
        )
        strays = {key for key in set(tagged) - owned if json.dumps(key[1]) not in aws_answers}
        assert strays == set(), f"{path.name}: the tagging API names resources nothing else records"


@cache
def service_model(service: str):
    return botocore.session.get_session().get_service_model(service)


def shape_problems(shape, value, where: str = "") -> list[str]:
    """Where ``value`` is not what botocore's parser makes of ``shape`` (types, members, enums)."""
    kind = shape.type_name
    if kind == "structure":
        if not isinstance(value, dict):
            return [f"{where}: not an object"]
        out = []
        for name, member in value.items():
            if name == "ResponseMetadata":
                continue
            if name not in shape.members:
                out.append(f"{where}.{name}: not a member")
            else:
                out.extend(shape_problems(shape.members[name], member, f"{where}.{name}"))
        return out
    if kind == "list":
        if not isinstance(value, list):
            return [f"{where}: not a list"]
        return [p for i, v in enumerate(value) for p in shape_problems(shape.member, v, f"{where}[{i}]")]
    if kind == "map":
        if not isinstance(value, dict):
            return [f"{where}: not a map"]
        return [p for k, v in value.items() for p in shape_problems(shape.value, v, f"{where}.{k}")]
    expected = {
        "string": str,
        "integer": int,
        "long": int,
        "boolean": bool,
        "double": (int, float),
        "float": (int, float),
        "timestamp": str,
    }.get(kind)
    if expected is None:
        return []
    if not isinstance(value, expected) or (kind in ("integer", "long") and isinstance(value, bool)):
        return [f"{where}: not a {kind}"]
    enum = shape.metadata.get("enum")
    if kind == "string" and enum and value not in enum:
        return [f"{where}: {value!r} not one of {enum}"]
    return []


def replayed(path: Path) -> list[tuple[dict, list]]:
    """Each recording with what the real client answers for its call (every page)."""
    session = RecordedSession(path, default_region="us-east-1")
    out = []
    for rec in recordings(path):
        client = session.client(rec["service"], rec["region"])
        operation = client.meta.method_to_api_mapping
        method = next(m for m, op in operation.items() if op == rec["operation"])
        params = rec.get("params") or {}
        if client.can_paginate(method):
            pages = list(client.get_paginator(method).paginate(**params))
        else:
            pages = [getattr(client, method)(**params)]
        out.append((rec, pages))
    return out


@pytest.mark.parametrize("path", FILES, ids=[p.stem for p in FILES])
def test_every_recording_replays_through_the_real_client_in_its_parsed_shape(path):
    for rec, pages in replayed(path):
        model = service_model(rec["service"]).operation_model(rec["operation"])
        assert shape_problems(model.output_shape, rec["response"], rec["operation"]) == []
        # Paginated answers carry no NextToken here: the one page is the whole answer.
        assert pages == [rec["response"]], f"{rec['service']} {rec['operation']}"


def test_the_shape_check_fails_on_what_boto3_would_not_parse():
    """The shape check is not vacuous: answers botocore's parser could not give are caught."""
    get = service_model("cloudcontrol").operation_model("GetResource").output_shape
    assert (
        shape_problems(get, {"TypeName": "AWS::X::Y", "ResourceDescription": {"Identifier": "a", "Properties": "{}"}})
        == []
    )
    assert shape_problems(get, {"ResourceDescription": {"Identifier": "a", "Properties": {"A": 1}}})
    assert shape_problems(get, {"ResourceDescriptions": []})
