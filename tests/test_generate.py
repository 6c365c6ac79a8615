"""Generation from hand-made inventories: the cases the demo estate does not show."""

from __future__ import annotations

import json

import pytest
import terraform_engine
from coverage_kit import check_module
from helpers import run_cli

from adopt.emit.generate import Generator
from adopt.errors import BadInput
from adopt.model import Inventory, Reference, Resource
from adopt.schema import bundled


def write_inventory(path, resources, regions=("us-east-1",)):
    inventory = Inventory(account_id="123456789012", regions=list(regions), resources=resources)
    inventory.save(str(path))
    return path


def subnet(rid, vpc_id, region="us-east-1", name=None):
    return Resource(
        type="aws_subnet",
        id=rid,
        import_id=rid,
        region=region,
        label=name,
        attributes={"vpc_id": vpc_id, "cidr_block": "10.0.1.0/24"},
        references=[Reference("vpc_id", "aws_vpc", "id", vpc_id)],
    )


def test_reference_outside_the_module_is_a_literal_with_a_comment(tmp_path, tf_engine):
    path = write_inventory(tmp_path / "inv.json", [subnet("subnet-1", "vpc-outside", name="app")])
    out = tmp_path / "module"
    assert run_cli("generate", "--inventory", str(path), "--out", str(out)).code == 0
    ec2 = (out / "ec2.tf").read_text()
    assert "  # vpc-outside (aws_vpc) is not managed by this module: kept as a literal\n" in ec2
    assert 'vpc_id = "vpc-outside"' in ec2
    check_module(out, tf_engine, 1)


def test_secret_values_become_sensitive_variables(tmp_path, tf_engine):
    parameter = Resource(
        type="aws_iam_role",
        id="app",
        import_id="app",
        region="global",
        name="app",
        label="app",
        attributes={"name": "app", "assume_role_policy": '{"Version":"2012-10-17","Statement":[]}'},
        sensitive={"description": "pretend this were secret"},
    )
    path = write_inventory(tmp_path / "inv.json", [parameter])
    out = tmp_path / "module"
    assert run_cli("generate", "--inventory", str(path), "--out", str(out)).code == 0
    variables = (out / "variables.tf").read_text()
    assert 'variable "app_description" {' in variables and "sensitive   = true" in variables
    assert "default" not in variables
    assert "description = var.app_description" in (out / "iam.tf").read_text()
    assert "var.app_description" in (out / "ADOPTION.md").read_text()
    check_module(out, tf_engine, 1)


def test_regions_become_aliased_providers(tmp_path, tf_engine):
    resources = [subnet("subnet-1", "vpc-a", "us-east-1"), subnet("subnet-2", "vpc-b", "ap-southeast-2")]
    path = write_inventory(tmp_path / "inv.json", resources, regions=("us-east-1", "ap-southeast-2"))
    out = tmp_path / "module"
    assert run_cli("generate", "--inventory", str(path), "--out", str(out)).code == 0
    assert "  provider   = aws.ap_southeast_2\n" in (out / "ec2.tf").read_text()
    assert "  provider = aws.ap_southeast_2\n" in (out / "imports.tf").read_text()
    check_module(out, tf_engine, 2)


def test_an_empty_inventory_gives_a_valid_module(tmp_path, tf_engine):
    path = write_inventory(tmp_path / "inv.json", [])
    out = tmp_path / "module"
    result = run_cli("generate", "--inventory", str(path), "--out", str(out))
    assert result.code == 0, result.output
    assert "0 resources" in result.stdout
    assert terraform_engine.fmt_check(out) == []
    assert tf_engine.validate(out).valid


def test_schema_from_terraform_gives_the_same_module(tmp_path, demo_run, oracle_dir):
    """`--schema` takes `terraform providers schema -json` output (here the exact 6.47.0 one)."""
    out = tmp_path / "module"
    schema = f"{oracle_dir}/aws-provider-schema-6.47.0.json.gz"
    result = run_cli("generate", "--inventory", str(demo_run.inventory_path), "--out", str(out), "--schema", schema)
    assert result.code == 0, result.output
    for path in demo_run.module_dir.iterdir():
        assert (out / path.name).read_text() == path.read_text(), path.name


def test_bad_schema_file(tmp_path, demo_run):
    bad = tmp_path / "schema.json"
    bad.write_text(json.dumps({"format_version": "1.0"}))
    result = run_cli(
        "generate", "--inventory", str(demo_run.inventory_path), "--out", str(tmp_path / "o"), "--schema", str(bad)
    )
    assert result.code == 2 and "not a provider schema" in result.stderr


def test_computed_only_values_are_never_written():
    resource = Resource(
        type="aws_vpc",
        id="vpc-1",
        import_id="vpc-1",
        region="us-east-1",
        label="main",
        attributes={"cidr_block": "10.0.0.0/16", "arn": "arn:aws:ec2:us-east-1:1:vpc/vpc-1", "owner_id": "1"},
    )
    module = Generator(Inventory("1", ["us-east-1"], [resource]), bundled(), "x").build()
    assert "arn" not in module.files["ec2.tf"] and "owner_id" not in module.files["ec2.tf"]
    assert any("computed" in w for w in module.warnings)


def test_a_literal_inside_a_block_is_explained_above_the_block(tmp_path, tf_engine):
    key_arn = "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab"
    sse = Resource(
        type="aws_s3_bucket_server_side_encryption_configuration", id="b", import_id="b", region="us-east-1",
        label="b",
        attributes={
            "bucket": "b",
            "rule": [{"apply_server_side_encryption_by_default": {"sse_algorithm": "aws:kms", "kms_master_key_id": key_arn}}],
        },
        references=[Reference("rule[0].apply_server_side_encryption_by_default.kms_master_key_id", "aws_kms_key", "arn", key_arn)],
    )  # fmt: skip
    path = write_inventory(tmp_path / "inv.json", [sse])
    out = tmp_path / "module"
    assert run_cli("generate", "--inventory", str(path), "--out", str(out)).code == 0
    s3 = (out / "s3.tf").read_text()
    assert f"  # {key_arn} (aws_kms_key) is not managed by this module: kept as a literal\n  rule {{" in s3
    check_module(out, tf_engine, 1)


def test_a_file_a_person_changed_is_never_overwritten_without_force(tmp_path, demo_run):
    out = tmp_path / "module"
    args = ("generate", "--inventory", str(demo_run.inventory_path), "--out", str(out))
    assert run_cli(*args).code == 0
    manifest = json.loads((out / ".adopt-manifest.json").read_text())
    assert set(manifest["files"]) == {p.name for p in out.iterdir() if p.name != ".adopt-manifest.json"}
    assert manifest["resources"]["aws_vpc.main"]["file"] == "ec2.tf"
    assert run_cli(*args).code == 0  # unchanged files are rewritten freely

    edited = (out / "ec2.tf").read_text() + "\n# reviewed by ops\n"
    (out / "ec2.tf").write_text(edited)
    (out / "notes.tf").write_text("# mine\n")
    result = run_cli(*args)
    assert result.code == 2 and "ec2.tf" in result.stderr and "--force" in result.stderr
    assert (out / "ec2.tf").read_text() == edited  # nothing was written, not even the other files
    assert run_cli(*args, "--force").code == 0
    assert (out / "ec2.tf").read_text() != edited
    assert (out / "notes.tf").read_text() == "# mine\n"  # not adopt's: never touched


def test_a_failure_while_rendering_writes_nothing(tmp_path):
    from adopt.emit.manifest import write_files

    out = tmp_path / "module"
    write_files({"a.tf": "a\n"}, str(out))
    (out / "b.tf").write_text("person's\n")
    with pytest.raises(BadInput):
        write_files({"a.tf": "new a\n", "b.tf": "new b\n"}, str(out))
    assert (out / "a.tf").read_text() == "a\n"
    assert sorted(p.name for p in out.iterdir()) == [".adopt-manifest.json", "a.tf", "b.tf"]  # no temp left
