"""The bundled awscc provider schema (``make awscc-schema``), how it is loaded
beside the aws one, and how far it reaches over the CloudFormation types.

No oracle of the awscc provider's own ``terraform providers schema -json``
is at hand, so its content is checked against the facts it is generated
from: the CloudFormation resource schemas cfn-lint ships.
"""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

from adopt.errors import BadInput
from adopt.longtail.cfn import cfn_schemas
from adopt.longtail.types import AwsccTypes, bundled_types, plain
from adopt.schema import AWSCC_PROVIDER, PROVIDER, bundled, bundled_awscc, load

ROOT = Path(__file__).resolve().parent.parent
BUNDLED = ROOT / "adopt" / "schema" / "awscc-provider-schema.json.gz"


def test_bundled_awscc_schema_header_and_bytes():
    raw = BUNDLED.read_bytes()
    assert raw[4:8] == b"\0\0\0\0", "gzip mtime must be 0 so that a rebuild gives the same bytes"
    doc = json.loads(gzip.decompress(raw))
    assert doc["format_version"] == "adopt-schema/1"
    assert doc["provider"] == AWSCC_PROVIDER
    assert doc["source"].startswith("cdktn-provider-awscc ")
    assert len(doc["resource_schemas"]) > 1500
    assert all(name.startswith("awscc_") for name in doc["resource_schemas"])


def test_awscc_types_are_nested_attributes_and_tags_keep_the_cloudformation_shape():
    awscc = bundled_awscc()
    log_group = awscc.resource("awscc_logs_log_group")
    assert not log_group.block_types  # the plugin framework: nested attributes, no blocks
    assert log_group.attributes["tags"].type == ["set", ["object", {"key": "string", "value": "string"}]]
    assert not log_group.attributes["arn"].writable  # readOnlyProperties are computed
    assert log_group.attributes["log_group_name"].writable


def test_one_schema_answers_for_both_providers_by_prefix():
    schema = bundled()
    assert schema.has("aws_vpc") and schema.has("awscc_ec2_vpc")
    assert not schema.has("awscc_no_such_thing")
    assert schema.of("awscc_ec2_vpc") is bundled_awscc()
    assert "cidr_block" in schema.resource("awscc_ec2_vpc").attributes


def _terraform_json(tmp_path, providers: dict) -> str:
    path = tmp_path / "schema.json"
    path.write_text(json.dumps({"format_version": "1.0", "provider_schemas": providers}))
    return str(path)


def _one(tf_type: str, attribute: str) -> dict:
    return {"resource_schemas": {tf_type: {"block": {"attributes": {attribute: {"type": "string", "optional": True}}}}}}


def test_awscc_schema_option_takes_terraform_providers_schema_json(tmp_path):
    awscc_file = _terraform_json(tmp_path, {AWSCC_PROVIDER: _one("awscc_logs_log_group", "only_here")})
    schema = load(None, awscc_file)
    assert schema.has("aws_vpc")  # the aws side stays bundled
    assert set(schema.resource("awscc_logs_log_group").attributes) == {"only_here"}
    assert not schema.has("awscc_ec2_vpc")


def test_a_terraform_schema_of_both_providers_serves_both(tmp_path):
    both = _terraform_json(
        tmp_path, {PROVIDER: _one("aws_vpc", "mine"), AWSCC_PROVIDER: _one("awscc_ec2_vpc", "theirs")}
    )
    schema = load(both)
    assert set(schema.resource("aws_vpc").attributes) == {"mine"}
    assert set(schema.resource("awscc_ec2_vpc").attributes) == {"theirs"}


def test_an_awscc_schema_without_awscc_is_refused(tmp_path):
    only_aws = _terraform_json(tmp_path, {PROVIDER: _one("aws_vpc", "x")})
    with pytest.raises(BadInput, match="hashicorp/awscc"):
        load(None, only_aws)


def test_every_readable_cloudformation_type_maps_to_an_awscc_type_or_is_absent_from_the_provider():
    """The share of readable CloudFormation types that map onto an awscc type
    of the bundled schema, and why the rest do not: awscc has no resource of
    that name (it ships only the plural data source when it left the
    resource out, nothing when the type is newer than the provider)."""
    types = bundled_types()
    awscc = bundled_awscc()
    readable = sorted(name for name, c in cfn_schemas().items() if c.readable)
    mapped = {name: types.tf_type(name) for name in readable}
    missing = [name for name, tf in mapped.items() if tf is None]
    known = {plain(t) for t in awscc.types()}
    for name in missing:
        _, namespace, resource = name.split("::")
        # No awscc type answers for it under any spelling of its name.
        assert plain(f"awscc_{namespace}_{resource}") not in known, name
    share = 1 - len(missing) / len(readable)
    print(
        f"\n{len(readable) - len(missing)} of {len(readable)} readable CloudFormation types map to awscc ({share:.1%})"
    )
    print("not in the awscc provider: " + ", ".join(missing))
    assert share > 0.9
    # Each mapped type is one of the schema's, and no two CloudFormation types share one.
    assert all(awscc.has(tf) for tf in mapped.values() if tf)
    assert len({tf for tf in mapped.values() if tf}) == len(readable) - len(missing)


def test_the_mapping_follows_the_schema_not_a_spelling():
    """awscc splits digits its own way (Ipv6 -> ipv_6): names are compared without separators."""
    types = AwsccTypes(bundled())
    assert types.tf_type("AWS::EC2::SubnetCidrBlock") == "awscc_ec2_subnet_cidr_block"
    assert types.tf_type("AWS::SageMaker::NotebookInstance") == "awscc_sagemaker_notebook_instance"
    assert types.tf_type("AWS::EC2::VPCEndpoint") == "awscc_ec2_vpc_endpoint"
    assert types.tf_type("Custom::Thing") is None
