"""The CLI's contract: exit codes, and errors as one clear paragraph, never a traceback."""

from __future__ import annotations

import json

from helpers import run_cli

NO_CREDENTIALS = {"AWS_ACCESS_KEY_ID": "", "AWS_SECRET_ACCESS_KEY": ""}


def assert_clean_error(result, code, *fragments):
    assert result.code == code, result.output
    assert "Traceback" not in result.output
    for fragment in fragments:
        assert fragment in result.stderr, result.stderr


def test_help_lists_the_commands():
    result = run_cli("--help")
    assert result.code == 0
    for command in ("scan", "generate", "demo", "types"):
        assert command in result.stdout


def test_types_lists_every_spec():
    result = run_cli("types")
    assert result.code == 0
    assert "aws_vpc_security_group_ingress_rule" in result.stdout
    assert "child of aws_s3_bucket" in result.stdout


def test_no_credentials_says_how_and_mentions_the_demo(tmp_path):
    env = {k: "" for k in NO_CREDENTIALS}
    result = run_cli("scan", "--region", "us-east-1", "--output", str(tmp_path / "i.json"), env=env)
    assert_clean_error(result, 1, "No AWS credentials", "--profile", "adopt demo")
    assert not (tmp_path / "i.json").exists()


def test_unknown_profile(tmp_path):
    result = run_cli("scan", "--profile", "nope", "--output", str(tmp_path / "i.json"))
    assert_clean_error(result, 2, "profile 'nope'")


def test_unknown_include_type_suggests_the_closest(tmp_path):
    result = run_cli("scan", "--include", "aws_subnett", "--region", "us-east-1", "--output", str(tmp_path / "i.json"))
    assert_clean_error(result, 2, "Unknown resource type 'aws_subnett'", "aws_subnet")


def test_bad_usage_is_exit_2():
    result = run_cli("scan", "--no-such-option")
    assert result.code == 2
    assert "No such option" in result.stderr


def test_missing_inventory(tmp_path):
    result = run_cli("generate", "--inventory", str(tmp_path / "none.json"), "--out", str(tmp_path / "out"))
    assert_clean_error(result, 2, "does not exist", "adopt scan")
    assert not (tmp_path / "out").exists()


def test_truncated_inventory(tmp_path):
    path = tmp_path / "inv.json"
    path.write_text('{"format": "adopt-inventory/1", "resources": [{"type": "aws_vpc", ')
    result = run_cli("generate", "--inventory", str(path), "--out", str(tmp_path / "out"))
    assert_clean_error(result, 2, "not valid JSON", "truncated")
    assert not (tmp_path / "out").exists()


def test_not_an_inventory(tmp_path):
    path = tmp_path / "inv.json"
    path.write_text(json.dumps({"version": 4, "resources": []}))
    result = run_cli("generate", "--inventory", str(path), "--out", str(tmp_path / "out"))
    assert_clean_error(result, 2, "not an adopt inventory")


def test_damaged_inventory_entry(tmp_path):
    path = tmp_path / "inv.json"
    path.write_text(
        json.dumps({"format": "adopt-inventory/1", "regions": ["us-east-1"], "resources": [{"type": "aws_vpc"}]})
    )
    result = run_cli("generate", "--inventory", str(path), "--out", str(tmp_path / "out"))
    assert_clean_error(result, 2, "damaged")


def test_unknown_type_in_inventory(tmp_path):
    path = tmp_path / "inv.json"
    resource = {"type": "aws_nonsense", "id": "x", "import_id": "x", "region": "us-east-1"}
    path.write_text(json.dumps({"format": "adopt-inventory/1", "regions": ["us-east-1"], "resources": [resource]}))
    result = run_cli("generate", "--inventory", str(path), "--out", str(tmp_path / "out"))
    assert_clean_error(result, 2, "Unknown resource type 'aws_nonsense'")


def test_unwritable_output_directory(tmp_path, demo_run):
    blocker = tmp_path / "file"
    blocker.write_text("not a directory")
    result = run_cli("generate", "--inventory", str(demo_run.inventory_path), "--out", str(blocker / "out"))
    assert_clean_error(result, 2, "Cannot write")


def test_unreachable_endpoint(tmp_path):
    result = run_cli(
        "scan",
        "--endpoint-url",
        "http://127.0.0.1:9",
        "--region",
        "us-east-1",
        "--include",
        "aws_vpc",
        "--output",
        str(tmp_path / "i.json"),
    )
    assert result.code in (1, 3), result.output
    assert "Traceback" not in result.output


def test_endpoint_from_environment(moto, tmp_path):
    moto.client("ec2").create_vpc(CidrBlock="10.9.0.0/16")
    result = run_cli(
        "scan",
        "--region",
        "us-east-1",
        "--include",
        "aws_vpc",
        "--output",
        str(tmp_path / "i.json"),
        env={"AWS_ENDPOINT_URL": moto.endpoint},
    )
    assert result.code == 0, result.output
    assert len(json.loads((tmp_path / "i.json").read_text())["resources"]) == 1


def test_verbose_after_the_command(moto, tmp_path):
    result = run_cli(
        "scan",
        "-v",
        "--endpoint-url",
        moto.endpoint,
        "--region",
        "us-east-1",
        "--include",
        "aws_vpc",
        "--output",
        str(tmp_path / "i.json"),
    )
    assert result.code == 0, result.output


def test_quiet_prints_nothing_on_success(moto, tmp_path):
    result = run_cli(
        "-q",
        "scan",
        "--endpoint-url",
        moto.endpoint,
        "--region",
        "us-east-1",
        "--include",
        "aws_vpc",
        "--output",
        str(tmp_path / "i.json"),
    )
    assert result.code == 0 and result.stdout == "", result.output
