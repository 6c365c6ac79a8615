"""Nothing to type before the first plan, where the provider allows it.

A module with an RDS instance (its master password is never read back), an
SSM SecureString (read back, but required only as a placeholder once
imported) and a Lambda function with a secret environment variable (read
back and compared): the real CLI scans moto's server and generates it twice,
and the real Terraform engine plans it with the stand-in provider holding
what the real one would import.  Under ``--secrets ignore`` it plans with no
value at all; by default it asks for exactly the Lambda variable.
"""

from __future__ import annotations

import io
import json
import re
import zipfile
from pathlib import Path

import boto3
import pytest
import terraform_engine
from helpers import run_cli

REGION = "us-east-1"
LAMBDA_SECRET = "lambda-db-pw-5b1e0c"
SSM_SECRET = "ssm-secure-7d2f9a"
RDS_SECRET = "rds-master-pw-31c8e4"
TYPES = ("aws_db_instance", "aws_ssm_parameter", "aws_lambda_function", "aws_iam_role")


def _zip() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("index.py", "def handler(event, context):\n    return 1\n")
    return buffer.getvalue()


def _seed(endpoint: str) -> None:
    def client(service):
        return boto3.client(service, region_name=REGION, endpoint_url=endpoint)

    trust = {
        "Version": "2012-10-17",
        "Statement": [
            {"Effect": "Allow", "Principal": {"Service": "lambda.amazonaws.com"}, "Action": "sts:AssumeRole"}
        ],
    }
    role = client("iam").create_role(RoleName="api", AssumeRolePolicyDocument=json.dumps(trust))["Role"]["Arn"]
    client("lambda").create_function(
        FunctionName="api",
        Runtime="python3.12",
        Role=role,
        Handler="index.handler",
        Code={"ZipFile": _zip()},
        Environment={"Variables": {"DB_PASSWORD": LAMBDA_SECRET, "STAGE": "prod"}},
    )
    client("ssm").put_parameter(Name="/api/db-password", Value=SSM_SECRET, Type="SecureString")
    client("rds").create_db_instance(
        DBInstanceIdentifier="orders",
        DBInstanceClass="db.t3.micro",
        Engine="postgres",
        AllocatedStorage=20,
        MasterUsername="orders",
        MasterUserPassword=RDS_SECRET,
    )


@pytest.fixture(scope="module")
def modules(moto_server, tmp_path_factory) -> dict[str, Path]:
    moto_server.reset()
    _seed(moto_server.endpoint)
    work = tmp_path_factory.mktemp("first-plan")
    includes = [arg for tf_type in TYPES for arg in ("--include", tf_type)]
    scan = run_cli(
        "scan", "--endpoint-url", moto_server.endpoint, "--region", REGION, *includes, "--output", "inventory.json",
        cwd=work,
    )  # fmt: skip
    assert scan.code == 0, scan.output
    out = {}
    for mode in ("variable", "ignore"):
        result = run_cli("generate", "--inventory", "inventory.json", "--out", mode, "--secrets", mode, cwd=work)
        assert result.code == 0, result.output
        out[mode] = work / mode
        out[f"{mode} output"] = result.output
    return out


def _lambda_variable(module: Path) -> str:
    names = re.findall(r'^variable "([^"]+)"', (module / "variables.tf").read_text(), re.M)
    assert len(names) == 1, names
    return names[0]


@pytest.fixture(scope="module")
def live_states(modules, tf_engine) -> dict[str, dict]:
    """What the real provider holds once each resource is imported: the
    configured values, the Lambda variable and the SecureString as AWS has
    them (both are read back), the database password not at all (never read)."""
    module = modules["variable"]
    env = {f"TF_VAR_{_lambda_variable(module)}": LAMBDA_SECRET}
    plan = tf_engine.plan(module, env=env, show_json=True)
    states = {}
    for change in plan.json["resource_changes"]:
        after = dict(change["change"]["after"])
        if change["type"] == "aws_ssm_parameter":
            after["value"] = SSM_SECRET
        if change["type"] == "aws_db_instance":
            assert after.get("password") is None
        if change["type"] == "aws_lambda_function":
            assert after["environment"][0]["variables"]["DB_PASSWORD"] == LAMBDA_SECRET
        states[f"{change['type']} {change['change']['importing']['id']}"] = after
    assert {key.split()[0] for key in states} == set(TYPES)
    return states


def test_no_secret_value_is_written(modules):
    for mode in ("variable", "ignore"):
        for path in modules[mode].iterdir():
            text = path.read_text()
            for secret in (LAMBDA_SECRET, SSM_SECRET, RDS_SECRET):
                assert secret not in text, f"{secret} in {mode}/{path.name}"


def test_under_secrets_ignore_the_first_plan_needs_no_value(modules, live_states, tf_engine):
    module = modules["ignore"]
    assert not (module / "variables.tf").exists() and not (module / "terraform.tfvars.example").exists()
    assert terraform_engine.fmt_check(module) == []
    plan = tf_engine.plan(module, states=live_states)  # input=false, no -var, no TF_VAR_
    assert (plan.to_import, plan.to_add, plan.to_change, plan.to_destroy) == (4, 0, 0, 0), plan.output
    code = (module / "lambda.tf").read_text()
    assert re.search(r'ignore_changes\s+= \[.*environment\[0\]\.variables\["DB_PASSWORD"\]\]', code)
    assert re.search(r'STAGE\s+= "prod"', code) and "DB_PASSWORD =" not in code
    assert "none to supply" in modules["ignore output"]


def test_by_default_the_first_plan_asks_only_for_the_lambda_value(modules, live_states, tf_engine):
    module = modules["variable"]
    name = _lambda_variable(module)
    assert "aws_lambda_function.api.environment.variables.DB_PASSWORD" in (module / "variables.tf").read_text()
    refused = tf_engine.plan(module, states=live_states, check=False)
    assert not refused.ok
    asked = set(re.findall(r'The root module input variable "?([A-Za-z0-9_]+)"? is not set', refused.output)) | set(
        re.findall(r'No value for required variable.*?variable "([^"]+)"', refused.output, re.S)
    )
    assert asked == {name}, refused.output
    plan = tf_engine.plan(module, states=live_states, env={f"TF_VAR_{name}": LAMBDA_SECRET}, show_json=True)
    assert (plan.to_import, plan.to_add, plan.to_destroy) == (4, 0, 0), plan.output
    # The one update Terraform shows is the value becoming sensitive in the
    # state ("The value is unchanged"): what the ignore route spares.
    updated = [c for c in plan.json["resource_changes"] if "update" in c["change"]["actions"]]
    assert [c["type"] for c in updated] == ["aws_lambda_function"] * plan.to_change
    assert all(c["change"]["before"] == c["change"]["after"] for c in updated)
    example = (module / "terraform.tfvars.example").read_text()
    assert f'# {name} = "..."' in example and LAMBDA_SECRET not in example
    manifest = json.loads((module / ".adopt-manifest.json").read_text())
    assert "terraform.tfvars.example" in json.dumps(manifest)


def test_adoption_md_lists_each_secret_with_its_route(modules):
    for mode, lambda_route in (("variable", "variable"), ("ignore", "left out, ignored")):
        adoption = (modules[mode] / "ADOPTION.md").read_text()
        section = adoption.split("## Secrets", 1)[1].split("\n## ", 1)[0]
        rows = {
            (address.split(".")[0], path): route.strip()
            for address, path, route in re.findall(r"^\| `([^`]+)` \| `([^`]+)` \| ([^|]+) \|", section, re.M)
        }
        assert rows == {
            ("aws_db_instance", "password"): "not written",
            ("aws_ssm_parameter", "value"): "placeholder, ignored",
            ("aws_lambda_function", "environment.variables.DB_PASSWORD"): lambda_route,
        }, section
    rds = (modules["ignore"] / "rds.tf").read_text()
    assert re.search(r"# password: not written: the provider never reads it back.*password_wo_version", rds)
    assert not re.search(r"^\s+password\s+=", rds, re.M)
