"""End to end on moto's server: the census of an estate with supported and
unsupported types, through the real CLI (scan, status, types, generate).

moto serves the Resource Groups Tagging API for the services seeded here and
AWS Config's recorder with ``ListDiscoveredResources`` for a few types (S3
buckets, SNS topics, IAM roles).  It serves no Resource Explorer and no Cloud
Control: the scan records Resource Explorer as not available, and those
sources, pagination and a denied source are tested against recorded
responses in test_census_recorded.py.

One estate and one scan for the module.  The scan leaves DynamoDB out
(``--include`` names the rest), so the tagged table is a gap, found by the
census and reported as such.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import pytest
from helpers import run_cli

REGION = "us-east-1"
ACCOUNT = "123456789012"
SCANNED = (
    "aws_sqs_queue",
    "aws_sns_topic",
    "aws_s3_bucket",
    "aws_vpc",
    "aws_security_group",
    "aws_cloudwatch_metric_alarm",
    "aws_iam_role",
)
ROLE_POLICY = json.dumps(
    {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"Service": "glue.amazonaws.com"},
                                            "Action": "sts:AssumeRole"}]}
)  # fmt: skip


@dataclass
class Estate:
    vpc: str
    default_group: str
    inventory_path: Path
    inventory: dict
    scan_output: str
    tmp: Path

    def entry(self, fragment: str) -> dict:
        (found,) = [e for e in self.inventory["census"] if fragment in e["identifier"]]
        return found


def seed(moto) -> tuple[str, str]:
    tags = [{"Key": "team", "Value": "data"}]
    moto.client("sqs").create_queue(QueueName="orders", tags={"team": "shop"})
    moto.client("sns").create_topic(Name="alerts", Tags=[{"Key": "team", "Value": "ops"}])
    s3 = moto.client("s3")
    s3.create_bucket(Bucket="census-logs")
    s3.put_bucket_tagging(Bucket="census-logs", Tagging={"TagSet": [{"Key": "team", "Value": "ops"}]})
    ec2 = moto.client("ec2")
    vpc = ec2.create_vpc(CidrBlock="10.9.0.0/16")["Vpc"]["VpcId"]
    ec2.create_tags(Resources=[vpc], Tags=[{"Key": "Name", "Value": "census"}])
    (default_group,) = ec2.describe_security_groups(
        Filters=[{"Name": "vpc-id", "Values": [vpc]}, {"Name": "group-name", "Values": ["default"]}]
    )["SecurityGroups"]
    ec2.create_tags(Resources=[default_group["GroupId"]], Tags=[{"Key": "Name", "Value": "census-default"}])
    moto.client("dynamodb").create_table(
        TableName="sessions",
        KeySchema=[{"AttributeName": "id", "KeyType": "HASH"}],
        AttributeDefinitions=[{"AttributeName": "id", "AttributeType": "S"}],
        BillingMode="PAY_PER_REQUEST",
        Tags=[{"Key": "team", "Value": "shop"}],
    )
    cloudwatch = moto.client("cloudwatch")
    for name in ("cpu-high", "TargetTracking-table/sessions-AlarmHigh-1a2b"):  # the second made by autoscaling
        cloudwatch.put_metric_alarm(
            AlarmName=name, MetricName="CPUUtilization", Namespace="AWS/EC2", Statistic="Average", Period=60,
            EvaluationPeriods=1, Threshold=80.0, ComparisonOperator="GreaterThanThreshold", Tags=tags,
        )  # fmt: skip
    moto.client("sagemaker").create_model(
        ModelName="churn", ExecutionRoleArn=f"arn:aws:iam::{ACCOUNT}:role/etl",
        PrimaryContainer={"Image": "123456789012.dkr.ecr.us-east-1.amazonaws.com/churn:1"},
        Tags=[{"Key": "team", "Value": "data"}],
    )  # fmt: skip
    moto.client("sagemaker").create_notebook_instance(
        NotebookInstanceName="research", InstanceType="ml.t3.medium", RoleArn=f"arn:aws:iam::{ACCOUNT}:role/etl",
        Tags=[{"Key": "team", "Value": "science"}],
    )  # fmt: skip
    # A CloudFormation type with no Terraform type to derive (the provider names
    # FSx file systems by their kind): unmapped.
    moto.client("fsx").create_file_system(
        FileSystemType="LUSTRE", StorageCapacity=1200, SubnetIds=["subnet-0123456789abcdef0"],
        Tags=[{"Key": "team", "Value": "data"}],
    )  # fmt: skip
    iam = moto.client("iam")
    iam.create_role(RoleName="etl", AssumeRolePolicyDocument=ROLE_POLICY)
    iam.create_role(
        RoleName="AWSServiceRoleForSupport", Path="/aws-service-role/", AssumeRolePolicyDocument=ROLE_POLICY
    )
    config = moto.client("config")
    config.put_configuration_recorder(
        ConfigurationRecorder={
            "name": "default",
            "roleARN": f"arn:aws:iam::{ACCOUNT}:role/config",
            "recordingGroup": {
                "allSupported": False,
                "includeGlobalResourceTypes": False,
                "resourceTypes": ["AWS::S3::Bucket", "AWS::SNS::Topic", "AWS::IAM::Role"],
            },
        }
    )
    config.put_delivery_channel(DeliveryChannel={"name": "default", "s3BucketName": "census-logs"})
    config.start_configuration_recorder(ConfigurationRecorderName="default")
    return vpc, default_group["GroupId"]


def scan(moto, output: Path, *extra: str):
    args = ["scan", "--endpoint-url", moto.endpoint, "--region", REGION, "--output", str(output), *extra]
    for tf_type in SCANNED:
        args += ["--include", tf_type]
    return run_cli(*args)


@pytest.fixture(scope="module")
def estate(moto_server, tmp_path_factory) -> Estate:
    moto_server.reset()
    vpc, default_group = seed(moto_server)
    tmp = tmp_path_factory.mktemp("census")
    result = scan(moto_server, tmp / "inventory.json")
    assert result.code == 0, result.output
    inventory = json.loads((tmp / "inventory.json").read_text())
    return Estate(vpc, default_group, tmp / "inventory.json", inventory, result.output, tmp)


def test_each_resource_in_its_status(estate):
    status = {e["identifier"]: (e["status"], e["tf_type"]) for e in estate.inventory["census"]}
    arn = f"arn:aws:{{}}:{REGION}:{ACCOUNT}:{{}}"
    assert status == {
        arn.format("sqs", "orders"): ("adopted", "aws_sqs_queue"),
        arn.format("sns", "alerts"): ("adopted", "aws_sns_topic"),
        "arn:aws:s3:::census-logs": ("adopted", "aws_s3_bucket"),
        arn.format("ec2", f"vpc/{estate.vpc}"): ("adopted", "aws_vpc"),
        arn.format("ec2", f"security-group/{estate.default_group}"): ("aws-owned", "aws_security_group"),
        arn.format("dynamodb", "table/sessions"): ("gap", "aws_dynamodb_table"),
        arn.format("cloudwatch", "alarm:cpu-high"): ("adopted", "aws_cloudwatch_metric_alarm"),
        arn.format("cloudwatch", "alarm:TargetTracking-table/sessions-AlarmHigh-1a2b"): (
            "aws-owned",
            "aws_cloudwatch_metric_alarm",
        ),
        arn.format("sagemaker", "model/churn"): ("unsupported", "aws_sagemaker_model"),
        arn.format("sagemaker", "notebook-instance/research"): ("unsupported", "aws_sagemaker_notebook_instance"),
        estate.entry(":file-system/")["identifier"]: ("unmapped", None),
        # AWS Config names IAM roles by their role ID; the name matches the scan's.
        **{e["identifier"]: e_status for e, e_status in _config_roles(estate)},
    }


def _config_roles(estate) -> list[tuple[dict, tuple[str, str]]]:
    roles = [e for e in estate.inventory["census"] if e["cfn_type"] == "AWS::IAM::Role"]
    assert len(roles) == 2 and all(e["sources"] == ["config"] and e["region"] == "global" for e in roles)
    out = []
    for entry in roles:
        assert entry["identifier"].startswith("AROA")  # a role ID, not an ARN
        adopted = entry["status"] == "adopted"
        out.append((entry, ("adopted" if adopted else "aws-owned", "aws_iam_role")))
    assert sorted(s for _, (s, _t) in out) == ["adopted", "aws-owned"]
    return out


def test_adopted_entries_name_their_inventory_resource(estate):
    keys = {(r["type"], r["region"], r["id"]) for r in estate.inventory["resources"]}
    adopted = [e for e in estate.inventory["census"] if e["status"] == "adopted"]
    assert len(adopted) == 6
    for entry in adopted:
        resource = entry["resource"]
        assert (resource["type"], resource["region"], resource["id"]) in keys
        assert resource["type"] == entry["tf_type"]
    role = next(e for e in adopted if e["tf_type"] == "aws_iam_role")
    assert role["resource"]["id"] == "etl"
    for entry in estate.inventory["census"]:
        assert (entry["resource"] is not None) == (entry["status"] == "adopted")


def test_sources_merge_and_are_recorded(estate):
    bucket = estate.entry("census-logs")
    assert bucket["sources"] == ["config", "tagging"] and bucket["cfn_type"] == "AWS::S3::Bucket"
    assert bucket["tags"] == {"team": "ops"}
    sources = {(s["source"], s["region"]): s for s in estate.inventory["census_sources"]}
    assert sources[("tagging", REGION)]["state"] == "used" and sources[("tagging", REGION)]["seen"] == 11
    assert sources[("config", REGION)]["state"] == "used"
    assert sources[("resource-explorer", REGION)]["state"] == "not available"  # moto does not serve it
    assert ("cloudcontrol", REGION) not in sources  # opt-in
    assert estate.inventory["errors"] == []
    assert estate.inventory["format"] == "adopt-inventory/2"


def test_reasons_say_why(estate):
    assert "--include/--exclude" in estate.entry(":table/sessions")["reason"]
    assert "--include-defaults" in estate.entry("security-group/")["reason"]
    assert "made by AWS (aws_cloudwatch_metric_alarm)" in estate.entry("TargetTracking")["reason"]
    assert estate.entry("model/churn")["reason"] == "adopt has no spec for aws_sagemaker_model yet"
    unmapped = estate.entry(":file-system/")
    assert unmapped["cfn_type"] == "AWS::FSx::FileSystem"
    assert "no Terraform type could be derived" in unmapped["reason"]


def test_scan_summary_names_what_adopt_cannot_adopt(estate):
    out = estate.scan_output
    assert "Census (config, tagging):" in out
    (row,) = [line for line in out.splitlines() if line.strip().startswith(REGION) and "aws_sagemaker_model" in line]
    seen, adoptable, owned, unsupported = (int(n) for n in row.split()[1:5])
    assert (seen, adoptable, owned, unsupported) == (11, 6, 2, 3)
    assert "aws_sagemaker_model (1)" in row and "aws_sagemaker_notebook_instance (1)" in row
    (row,) = [line.split() for line in out.splitlines() if line.strip().startswith("global")]
    assert row[1:5] == ["2", "1", "1", "0"]  # the IAM roles AWS Config saw
    assert "resource-explorer in us-east-1: not available" in out
    assert "1 resource(s) of supported types the census saw but the scan did not find" in out
    assert f"arn:aws:dynamodb:{REGION}:{ACCOUNT}:table/sessions" in out


def test_status_shows_unsupported_and_honours_the_ignore_file(estate):
    ignore = estate.tmp / "ignore"
    ignore.write_text("arn:aws:sagemaker:*\ntag:team=data\n!aws_sagemaker_model.*\n")
    result = run_cli("status", "--inventory", str(estate.inventory_path), "--ignore-file", str(ignore), "--json")
    assert result.code == 0, result.output
    report = json.loads(result.stdout)
    by_id = {r["id"]: r for r in report["resources"]}
    notebook = by_id[f"arn:aws:sagemaker:{REGION}:{ACCOUNT}:notebook-instance/research"]
    assert notebook["status"] == "ignored" and "line 1" in notebook["detail"]
    assert by_id[f"arn:aws:sagemaker:{REGION}:{ACCOUNT}:model/churn"]["status"] == "unsupported"  # re-included
    file_system = by_id[estate.entry(":file-system/")["identifier"]]
    assert file_system["status"] == "ignored" and file_system["census"]["status"] == "unmapped"
    table = by_id[f"arn:aws:dynamodb:{REGION}:{ACCOUNT}:table/sessions"]
    assert table["status"] == "unmanaged" and table["detail"].startswith("seen only by the census")
    assert report["summary"]["unsupported"] == 1
    assert report["by_type"]["aws_sagemaker_model"]["unsupported"] == 1

    text = run_cli("status", "--inventory", str(estate.inventory_path))
    assert text.code == 0, text.output
    assert "UNSUPPORTED" in text.stdout.splitlines()[0]
    assert any(line.startswith("unsupported  aws_sagemaker_notebook_instance  arn:aws:sagemaker:") for line in
               text.stdout.splitlines())  # fmt: skip
    assert text.stdout.strip().endswith("3 unsupported")


def test_types_shows_the_accounts_types(estate):
    result = run_cli("types", "--inventory", str(estate.inventory_path))
    assert result.code == 0, result.output
    rows = {line.split()[0]: line.split()[1:3] for line in result.stdout.splitlines()[1:-1]}
    assert rows["aws_sagemaker_model"] == ["no", "1"]
    assert rows["aws_sqs_queue"] == ["yes", "1"]
    assert rows["aws_iam_role"] == ["yes", "2"]
    assert rows["AWS::FSx::FileSystem"] == ["no", "1"]
    assert result.stdout.strip().endswith("11 types in this account: 8 supported, 3 not.")


def test_adoption_md_lists_what_is_not_adopted(estate):
    out = estate.tmp / "module"
    result = run_cli("generate", "--inventory", str(estate.inventory_path), "--out", str(out))
    assert result.code == 0, result.output
    assert "Not adopted: 4 resource(s)" in result.stdout
    readme = (out / "ADOPTION.md").read_text()
    section = readme.split("## Not adopted by this change", 1)[1]
    for name in (
        "`aws_sagemaker_model`",
        "`aws_sagemaker_notebook_instance`",
        "`aws_dynamodb_table`",
        "AWS::FSx::FileSystem",
    ):
        assert name in section
    assert f"`arn:aws:sagemaker:{REGION}:{ACCOUNT}:model/churn`" in section
    assert "orders" not in section  # adopted
    assert "TargetTracking" not in section  # AWS's


def test_census_is_deterministic_and_can_be_skipped(estate, moto_server):
    again = estate.tmp / "again.json"
    result = scan(moto_server, again, "--concurrency", "1")
    assert result.code == 0, result.output
    data = json.loads(again.read_text())
    assert data["census"] == estate.inventory["census"]
    assert data["census_sources"] == estate.inventory["census_sources"]

    skipped = estate.tmp / "skipped.json"
    result = scan(moto_server, skipped, "--no-census")
    assert result.code == 0, result.output
    data = json.loads(skipped.read_text())
    assert data["census"] is None and data["census_sources"] == []
    assert "Census" not in result.output
    assert run_cli("types", "--inventory", str(skipped)).code == 2

    both = run_cli("scan", "--no-census", "--census", "cloudcontrol", "--region", REGION)
    assert both.code == 2 and "contradict" in both.stderr


def test_a_denied_census_source_is_recorded_and_the_rest_goes_on(estate, moto_server):
    """Through the fault proxy (tests/faults.py): the Tagging API is denied;
    AWS Config and the scan still answer.  Then every page of it throttled
    once: retried, and the census is the same as without faults."""
    from faults import FaultProxy

    with FaultProxy(moto_server.endpoint) as proxy:
        proxy.add("resourcegroupstaggingapi", "GetResources", "denied")
        out = estate.tmp / "denied.json"
        args = ["scan", "--endpoint-url", proxy.endpoint, "--region", REGION, "--output", str(out)]
        result = run_cli(*args, *(a for t in SCANNED for a in ("--include", t)))
        assert result.code == 3, result.output
        assert "resourcegroupstaggingapi:get_resources in us-east-1: AccessDeniedException" in result.stderr
        data = json.loads(out.read_text())
        assert len(data["resources"]) == len(estate.inventory["resources"])
        states = {(s["source"], s["region"]): s["state"] for s in data["census_sources"]}
        assert states[("tagging", REGION)] == "denied" and states[("config", REGION)] == "used"
        assert {tuple(e["sources"]) for e in data["census"]} == {("config",)}
        # Denied calls are not retried: one from the census, one from the scan (whose tags then come from each resource).
        assert proxy.count("resourcegroupstaggingapi", "GetResources") == 2

        proxy.clear()
        proxy.add("resourcegroupstaggingapi", "GetResources", "throttle", per_request=1)
        result = run_cli(*args, *(a for t in SCANNED for a in ("--include", t)))
        assert result.code == 0, result.output
        data = json.loads(out.read_text())
        assert _statuses(data) == _statuses(estate.inventory)
        assert len(proxy.faults("throttle")) >= 1


def _statuses(inventory: dict) -> list[tuple]:
    return [(e["identifier"], e["status"], e["tf_type"], tuple(e["sources"])) for e in inventory["census"]]


def test_cloud_control_is_opt_in_and_recorded_where_not_served(estate, moto_server):
    """moto serves no Cloud Control: the opt-in source is recorded as not
    available after one probe, not as 1,600 failed calls (its listings are
    tested in test_census_recorded.py)."""
    out = estate.tmp / "cloudcontrol.json"
    result = scan(moto_server, out, "--census", "cloudcontrol")
    assert result.code == 0, result.output
    assert "Cloud Control lists" in result.stderr
    sources = {(s["source"], s["region"]): s for s in json.loads(out.read_text())["census_sources"]}
    assert sources[("cloudcontrol", REGION)]["state"] == "not available"
    assert "without an AWS error" in sources[("cloudcontrol", REGION)]["detail"]
    assert _statuses(json.loads(out.read_text())) == _statuses(estate.inventory)
