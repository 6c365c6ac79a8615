"""Which CloudFormation and Terraform type a resource the census saw is:
derived from the specs' ARN templates, the CloudFormation schemas cfn-lint
ships and the bundled provider schema, never from a table kept by hand."""

from __future__ import annotations

import gzip
import importlib.util
import json
import subprocess
import sys

import pytest
from helpers import ROOT

from adopt.catalog import registry
from adopt.catalog.arns import arn_shape
from adopt.census.types import TABLE, TypeMap, cfn_types, snake, table_source
from adopt.schema import bundled

BUNDLED_TABLE = ROOT / "adopt" / "census" / TABLE


def test_the_bundled_table_is_what_the_installed_cfn_lint_gives(tmp_path):
    """``make cfn-types`` rebuilds it; a rebuild from the same cfn-lint gives the same bytes."""
    if importlib.util.find_spec("cfnlint") is None:
        pytest.skip("cfn-lint is not installed (it comes with moto[server], the test extra)")
    from importlib.metadata import version

    if table_source() != f"cfn-lint {version('cfn-lint')}":
        pytest.skip(f"the table was built from {table_source()}; cfn-lint {version('cfn-lint')} is installed")
    rebuilt = tmp_path / TABLE
    subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "build_cfn_types.py"), "--output", str(rebuilt)],
        check=True,
        capture_output=True,
    )
    assert rebuilt.read_bytes() == BUNDLED_TABLE.read_bytes(), "stale: run `make cfn-types`"


def test_the_table_holds_every_cloudformation_type():
    types = cfn_types()
    assert len(types) > 1500
    assert all(name.startswith("AWS::") and name.count("::") == 2 for name in types)
    notebook = types["AWS::SageMaker::NotebookInstance"]
    assert "sagemaker" in notebook.services and notebook.listable
    assert not types["AWS::ApiGateway::Stage"].listable  # Cloud Control needs its RestApiId
    raw = json.loads(gzip.decompress(BUNDLED_TABLE.read_bytes()))
    assert raw["source"].startswith("cfn-lint ")


def test_names_become_terraform_names():
    assert snake("NotebookInstance") == "notebook_instance"
    assert snake("DBInstance") == "db_instance"
    assert snake("VPC") == "vpc"
    assert snake("DHCPOptions") == "dhcp_options"


def test_cloudformation_types_map_to_terraform_types_the_provider_has():
    mapping = TypeMap.bundled()
    schema = bundled()
    mapped, total = mapping.hit_rate()
    # The closing note of the census quotes this rate; it must not fall unnoticed.
    assert total == len(cfn_types()) and mapped / total > 0.45
    for cfn_name in cfn_types():
        tf = mapping.tf_type(cfn_name)
        assert tf is None or schema.has(tf)
    # Bare names count only for one CloudFormation type, and for a spec's type only from its own service.
    assert mapping.tf_type("AWS::EC2::Instance") == "aws_instance"
    assert mapping.tf_type("AWS::SSO::Instance") != "aws_instance"
    assert mapping.tf_type("AWS::RDS::DBInstance") == "aws_db_instance"
    assert mapping.tf_type("AWS::DocDB::DBInstance") != "aws_db_instance"
    # A spec's own ARN shape links its CloudFormation type, whatever the names say.
    assert mapping.tf_type("AWS::EC2::Volume") == "aws_ebs_volume"
    assert mapping.tf_type("AWS::Logs::LogGroup") == "aws_cloudwatch_log_group"


def test_every_spec_with_an_arn_template_claims_its_arns():
    """An ARN of a spec's shape is that spec's type (the outermost, where a child shares its parent's)."""
    mapping = TypeMap.bundled()
    table = registry.derive_arn_targets(registry.all_specs())
    assert table
    for (service, rtype), tf in table.items():
        resource = f"{rtype}/example" if rtype else "example"
        _cfn, found, _candidates = mapping.types_for_arn(f"arn:aws:{service}:us-east-1:123456789012:{resource}")
        assert found == tf, (service, rtype)
    shared = [s for s in registry.all_specs() if arn_shape(s.arn) == ("ec2", "security-group-rule")]
    assert len(shared) == 2  # ingress and egress rules share a shape: neither is claimed alone
    _cfn, found, candidates = mapping.types_for_arn("arn:aws:ec2:us-east-1:123456789012:security-group-rule/sgr-1")
    assert found is None and candidates == {s.tf_type for s in shared}


@pytest.mark.parametrize(
    "arn, cfn, tf",
    [
        ("arn:aws:sagemaker:us-east-1:1:notebook-instance/nb", "AWS::SageMaker::NotebookInstance",
         "aws_sagemaker_notebook_instance"),
        ("arn:aws:elasticmapreduce:us-east-1:1:cluster/j-1", "AWS::EMR::Cluster", "aws_emr_cluster"),
        ("arn:aws:sagemaker:us-east-1:1:model/churn", "AWS::SageMaker::Model", "aws_sagemaker_model"),
        ("arn:aws:elasticbeanstalk:us-east-1:1:application/legacy", "AWS::ElasticBeanstalk::Application",
         "aws_elastic_beanstalk_application"),
        ("arn:aws:kinesisanalytics:us-east-1:1:application/x", "AWS::KinesisAnalytics::Application",
         "aws_kinesis_analytics_application"),
        ("arn:aws:comprehend:us-east-1:1:document-classifier/x", "AWS::Comprehend::DocumentClassifier",
         "aws_comprehend_document_classifier"),
        ("arn:aws:fsx:us-east-1:1:file-system/fs-0123", "AWS::FSx::FileSystem", None),
        ("arn:aws:ds:us-east-1:1:directory/d-1", None, None),
    ],
)  # fmt: skip
def test_arns_of_types_adopt_has_no_spec_for(arn, cfn, tf):
    found_cfn, found_tf, candidates = TypeMap.bundled().types_for_arn(arn)
    assert (found_cfn, found_tf, candidates) == (cfn, tf, set())
