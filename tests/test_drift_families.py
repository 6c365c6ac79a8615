"""Families of alike resources, measured: seeded families with decoys on moto's
server, scanned and reported by the real CLI (`adopt scan`, then `adopt drift
--json`), with precision and recall of families and of deviations asserted
exactly.

The estate is seeded and scanned once for the module.  Each family below says
what drifted; each decoy says why it must stay apart.
"""

from __future__ import annotations

import io
import json
import zipfile
from dataclasses import dataclass, field

import pytest
from helpers import run_cli

REGION = "us-east-1"
OTHER_REGION = "eu-west-1"
TYPES = [
    "aws_instance",
    "aws_security_group",
    "aws_vpc_security_group_ingress_rule",
    "aws_vpc_security_group_egress_rule",
    "aws_sqs_queue",
    "aws_cloudwatch_log_group",
    "aws_s3_bucket",
    "aws_s3_bucket_versioning",
    "aws_s3_bucket_server_side_encryption_configuration",
    "aws_s3_bucket_public_access_block",
    "aws_s3_bucket_policy",
    "aws_lambda_function",
    "aws_cloudwatch_metric_alarm",
    "aws_autoscaling_group",
    "aws_launch_template",  # so that a family by template is named after it
]
TRUST = {
    "Version": "2012-10-17",
    "Statement": [{"Effect": "Allow", "Principal": {"Service": "lambda.amazonaws.com"}, "Action": "sts:AssumeRole"}],
}


@dataclass
class Expected:
    """What the estate should give: family members (IDs) and each member's deviations."""

    families: dict[str, set[str]] = field(default_factory=dict)  # a test's name for it -> member IDs
    types: dict[str, str] = field(default_factory=dict)
    deviations: dict[str, dict[str, dict]] = field(default_factory=dict)  # family -> member -> argument -> value
    ids: dict[str, str] = field(default_factory=dict)  # a test's name for a resource -> its ID

    def family(self, name: str, tf_type: str, members: dict[str, dict]) -> None:
        """``members``: test name -> that member's deviations."""
        self.families[name] = {self.ids[m] for m in members}
        self.types[name] = tf_type
        self.deviations[name] = {self.ids[m]: d for m, d in members.items()}


def _tags(**tags: str) -> list[dict[str, str]]:
    return [{"Key": k, "Value": v} for k, v in tags.items()]


def _zip() -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as archive:
        archive.writestr("index.py", "def handler(event, context):\n    return event\n")
    return buf.getvalue()


def seed_servers(moto, x: Expected) -> None:
    """SERVER1..3 meant to be identical: SERVER1 kept an extra security group,
    SERVER2 has a tag the others lack, SERVER3 was resized.  Decoys, all of the
    same shape: BASTION (another role), SERVER4 (its name fits, its Role tag
    does not) and worker-1 (Role=app, but its AMI, size and groups differ)."""
    ec2 = moto.client("ec2")
    vpc = ec2.create_vpc(CidrBlock="10.30.0.0/16")["Vpc"]["VpcId"]
    x.ids["vpc"] = vpc
    subnets = [
        ec2.create_subnet(VpcId=vpc, CidrBlock=f"10.30.{n}.0/24", AvailabilityZone=f"{REGION}{az}")["Subnet"][
            "SubnetId"
        ]
        for n, az in ((1, "a"), (2, "b"))
    ]
    groups = {
        name: ec2.create_security_group(GroupName=f"srv-{name}", Description=name, VpcId=vpc)["GroupId"]
        for name in ("web", "app", "db")
    }
    images = ec2.describe_images(Owners=["amazon"])["Images"]
    image, other_image = images[0]["ImageId"], images[1]["ImageId"]

    def server(name, role, instance_type="t3.medium", ami=image, sgs=("web", "app"), subnet=0, **tags):
        return ec2.run_instances(
            ImageId=ami,
            InstanceType=instance_type,
            MinCount=1,
            MaxCount=1,
            SubnetId=subnets[subnet],
            SecurityGroupIds=[groups[g] for g in sgs],
            TagSpecifications=[{"ResourceType": "instance", "Tags": _tags(Name=name, Role=role, **tags)}],
        )["Instances"][0]["InstanceId"]

    x.ids["SERVER1"] = server("SERVER1", "app", sgs=("web", "app", "db"))
    x.ids["SERVER2"] = server("SERVER2", "app", subnet=1, Hotfix="OPS-1432 kernel param")
    x.ids["SERVER3"] = server("SERVER3", "app", instance_type="t3.large")
    x.ids["BASTION"] = server("BASTION", "bastion")
    x.ids["SERVER4"] = server("SERVER4", "batch", subnet=1)
    x.ids["worker-1"] = server("worker-1", "app", instance_type="c5.xlarge", ami=other_image, sgs=("db",))
    x.family(
        "servers",
        "aws_instance",
        {
            "SERVER1": {"vpc_security_group_ids": sorted(groups.values())},
            "SERVER2": {"tags.Hotfix": "OPS-1432 kernel param"},
            "SERVER3": {"instance_type": "t3.large"},
        },
    )
    x.ids.update({f"sg-{k}": v for k, v in groups.items()})


def seed_security_groups(moto, x: Expected) -> None:
    """api-1..3 with near-identical rule sets (api-3 has one more rule); the
    decoy api-9 fits the name but differs in most: description, rules, egress."""
    ec2 = moto.client("ec2")
    vpc = x.ids["vpc"]

    def group(name, description, ports, extra=(), egress=True):
        gid = ec2.create_security_group(GroupName=name, Description=description, VpcId=vpc)["GroupId"]
        permissions = [
            {"IpProtocol": "tcp", "FromPort": p, "ToPort": p, "IpRanges": [{"CidrIp": cidr, "Description": why}]}
            for p, cidr, why in list(ports) + list(extra)
        ]
        ec2.authorize_security_group_ingress(GroupId=gid, IpPermissions=permissions)
        if not egress:
            ec2.revoke_security_group_egress(
                GroupId=gid, IpPermissions=[{"IpProtocol": "-1", "IpRanges": [{"CidrIp": "0.0.0.0/0"}]}]
            )
        return gid

    api = [(443, "10.30.0.0/16", "HTTPS inside"), (8443, "10.30.0.0/16", "admin API inside")]
    x.ids["api-1"] = group("api-1", "API servers", api)
    x.ids["api-2"] = group("api-2", "API servers", api)
    x.ids["api-3"] = group("api-3", "API servers", api, extra=[(22, "10.0.0.0/8", "SSH from anywhere inside")])
    x.ids["api-9"] = group("api-9", "Legacy API", [(80, "0.0.0.0/0", "HTTP")], egress=False)
    rule = {"cidr_ipv4": "10.30.0.0/16", "ip_protocol": "tcp"}
    rules = [
        {**rule, "description": "HTTPS inside", "from_port": 443, "to_port": 443},
        {**rule, "description": "admin API inside", "from_port": 8443, "to_port": 8443},
        {"cidr_ipv4": "10.0.0.0/8", "description": "SSH from anywhere inside", "from_port": 22, "ip_protocol": "tcp",
         "to_port": 22},
    ]  # fmt: skip
    x.family(
        "api groups",
        "aws_security_group",
        {
            "api-1": {},
            "api-2": {},
            "api-3": {
                "aws_vpc_security_group_ingress_rule": sorted(rules, key=lambda r: json.dumps(r, sort_keys=True))
            },
        },
    )


def seed_queues(moto, x: Expected) -> None:
    """A family of two with a tie: queue-orders-eu and -us differ in their
    visibility timeout, one each way.  The decoy queue-events-eu has the very
    same settings, but its name says another role."""
    sqs = moto.client("sqs")

    def queue(name, visibility):
        return sqs.create_queue(
            QueueName=name,
            Attributes={"VisibilityTimeout": str(visibility), "MessageRetentionPeriod": "1209600", "DelaySeconds": "5"},
            tags={"Team": "orders"},
        )["QueueUrl"]

    x.ids["queue-orders-eu"] = queue("queue-orders-eu", 60)
    x.ids["queue-orders-us"] = queue("queue-orders-us", 120)
    x.ids["queue-events-eu"] = queue("queue-events-eu", 60)
    x.family("queues", "aws_sqs_queue", {"queue-orders-eu": {}, "queue-orders-us": {"visibility_timeout_seconds": 120}})


def seed_log_groups(moto, x: Expected) -> None:
    """/app/web-01..03, one keeping its logs a week instead of a month.  Decoys:
    /app/audit (same settings, Component=audit) and /app/web-04 in another
    region (a family lives in one region)."""
    for region, name, days, component in [
        (REGION, "/app/web-01", 30, "web"),
        (REGION, "/app/web-02", 30, "web"),
        (REGION, "/app/web-03", 7, "web"),
        (REGION, "/app/audit", 30, "audit"),
        (OTHER_REGION, "/app/web-04", 30, "web"),
    ]:
        logs = moto.client("logs", region)
        logs.create_log_group(logGroupName=name, tags={"Component": component, "Env": "prod", "Owner": "team-web"})
        logs.put_retention_policy(logGroupName=name, retentionInDays=days)
        x.ids[name] = name
    x.family(
        "web logs",
        "aws_cloudwatch_log_group",
        {"/app/web-01": {}, "/app/web-02": {}, "/app/web-03": {"retention_in_days": 7}},
    )


def seed_buckets(moto, x: Expected) -> None:
    """drift-logs-a..c with near-identical settings, each policy naming its own
    bucket; drift-logs-c never got versioning.  The decoy drift-assets has the
    same settings and another Role."""
    s3 = moto.client("s3")
    for name, role, versioned in [
        ("drift-logs-a", "logs", True),
        ("drift-logs-b", "logs", True),
        ("drift-logs-c", "logs", False),
        ("drift-assets", "assets", True),
    ]:
        s3.create_bucket(Bucket=name)
        s3.put_bucket_tagging(Bucket=name, Tagging={"TagSet": _tags(Role=role)})
        if versioned:
            s3.put_bucket_versioning(Bucket=name, VersioningConfiguration={"Status": "Enabled"})
        s3.put_bucket_encryption(
            Bucket=name,
            ServerSideEncryptionConfiguration={
                "Rules": [{"ApplyServerSideEncryptionByDefault": {"SSEAlgorithm": "aws:kms"}, "BucketKeyEnabled": True}]
            },
        )
        s3.put_public_access_block(
            Bucket=name,
            PublicAccessBlockConfiguration={
                "BlockPublicAcls": True,
                "IgnorePublicAcls": True,
                "BlockPublicPolicy": True,
                "RestrictPublicBuckets": True,
            },
        )
        statement = {
            "Sid": "DenyInsecureTransport",
            "Effect": "Deny",
            "Principal": "*",
            "Action": "s3:*",
            "Resource": [f"arn:aws:s3:::{name}", f"arn:aws:s3:::{name}/*"],
            "Condition": {"Bool": {"aws:SecureTransport": "false"}},
        }
        s3.put_bucket_policy(Bucket=name, Policy=json.dumps({"Version": "2012-10-17", "Statement": [statement]}))
        x.ids[name] = name
    x.family(
        "log buckets",
        "aws_s3_bucket",
        {"drift-logs-a": {}, "drift-logs-b": {}, "drift-logs-c": {"aws_s3_bucket_versioning": None}},
    )


def seed_functions(moto, x: Expected) -> None:
    """A family of two with a tie: resize-1 and resize-2 differ only in memory.
    The decoys job-1 and job-2 share a stem but differ in most arguments, so
    they are no family."""
    iam, lam = moto.client("iam"), moto.client("lambda")
    role = iam.create_role(RoleName="drift-fn", AssumeRolePolicyDocument=json.dumps(TRUST))["Role"]["Arn"]
    other = iam.create_role(RoleName="drift-jobs", AssumeRolePolicyDocument=json.dumps(TRUST))["Role"]["Arn"]
    for name, runtime, handler, memory, timeout, arn in [
        ("resize-1", "python3.12", "index.handler", 256, 30, role),
        ("resize-2", "python3.12", "index.handler", 512, 30, role),
        ("job-1", "python3.12", "jobs.run", 1024, 900, other),
        ("job-2", "nodejs20.x", "main.handler", 128, 10, role),
    ]:
        lam.create_function(
            FunctionName=name,
            Runtime=runtime,
            Role=arn,
            Handler=handler,
            Code={"ZipFile": _zip()},
            MemorySize=memory,
            Timeout=timeout,
            Tags={"Team": "media"},
        )
        x.ids[name] = name
    x.family("resizers", "aws_lambda_function", {"resize-1": {}, "resize-2": {"memory_size": 512}})


def seed_alarms(moto, x: Expected) -> None:
    """cpu-high-server1..3, one per server (its dimensions are its own), one
    with a higher threshold.  The decoy cpu-high-server9 fits the name but
    watches another metric, another way."""
    cloudwatch = moto.client("cloudwatch")
    for name, server, metric, threshold, operator, period in [
        ("cpu-high-server1", "SERVER1", "CPUUtilization", 80.0, "GreaterThanThreshold", 300),
        ("cpu-high-server2", "SERVER2", "CPUUtilization", 80.0, "GreaterThanThreshold", 300),
        ("cpu-high-server3", "SERVER3", "CPUUtilization", 90.0, "GreaterThanThreshold", 300),
        ("cpu-high-server9", "BASTION", "StatusCheckFailed", 1.0, "GreaterThanOrEqualToThreshold", 60),
    ]:
        cloudwatch.put_metric_alarm(
            AlarmName=name,
            Namespace="AWS/EC2",
            MetricName=metric,
            Dimensions=[{"Name": "InstanceId", "Value": x.ids[server]}],
            Statistic="Average" if metric == "CPUUtilization" else "Maximum",
            Period=period,
            EvaluationPeriods=2 if metric == "CPUUtilization" else 1,
            Threshold=threshold,
            ComparisonOperator=operator,
            TreatMissingData="breaching" if metric == "CPUUtilization" else "missing",
        )
        x.ids[name] = name
    x.family(
        "cpu alarms",
        "aws_cloudwatch_metric_alarm",
        {"cpu-high-server1": {}, "cpu-high-server2": {}, "cpu-high-server3": {"threshold": 90.0}},
    )


def seed_groups(moto, x: Expected) -> None:
    """checkout and basket share no name and no tag, but were launched from the
    same template: a family by source.  The decoy search uses another template."""
    ec2, autoscaling = moto.client("ec2"), moto.client("autoscaling")
    image = ec2.describe_images(Owners=["amazon"])["Images"][0]["ImageId"]
    templates = {
        name: ec2.create_launch_template(
            LaunchTemplateName=name, LaunchTemplateData={"ImageId": image, "InstanceType": size}
        )["LaunchTemplate"]["LaunchTemplateId"]
        for name, size in (("shop-web", "t3.small"), ("search-web", "m5.large"))
    }
    subnets = [
        s["SubnetId"] for s in ec2.describe_subnets(Filters=[{"Name": "vpc-id", "Values": [x.ids["vpc"]]}])["Subnets"]
    ]
    for name, template, high in [("checkout", "shop-web", 4), ("basket", "shop-web", 6), ("search", "search-web", 4)]:
        autoscaling.create_auto_scaling_group(
            AutoScalingGroupName=name,
            LaunchTemplate={"LaunchTemplateId": templates[template], "Version": "$Latest"},
            MinSize=0,
            MaxSize=high,
            DesiredCapacity=0,
            VPCZoneIdentifier=",".join(sorted(subnets)),
        )
        x.ids[name] = name
    # Another tie: basket comes first, so its max_size is the baseline.
    x.family("shop groups", "aws_autoscaling_group", {"basket": {}, "checkout": {"max_size": 4}})


@pytest.fixture(scope="module")
def estate(moto_server, tmp_path_factory):
    """Seeded once, scanned once, reported once; the tests read the report."""
    moto_server.reset()
    x = Expected()
    for seed in (seed_servers, seed_security_groups, seed_queues, seed_log_groups, seed_buckets, seed_functions,
                 seed_alarms, seed_groups):  # fmt: skip
        seed(moto_server, x)
    work = tmp_path_factory.mktemp("drift")
    inventory = work / "inventory.json"
    include = [arg for t in TYPES for arg in ("--include", t)]
    scan = run_cli(
        "scan", "--endpoint-url", moto_server.endpoint, "--region", REGION, "--region", OTHER_REGION,
        *include, "--output", str(inventory),
    )  # fmt: skip
    assert scan.code == 0, scan.output
    drift = run_cli("drift", "--inventory", str(inventory), "--json")
    assert drift.code == 0, drift.output
    return x, json.loads(drift.stdout), inventory, drift.stdout


def _found(report: dict) -> dict[tuple[str, frozenset], dict]:
    return {(f["type"], frozenset(f["members"])): f for f in report["families"]}


def test_families_precision_and_recall(estate):
    x, report, _, _ = estate
    expected = {(x.types[name], frozenset(ids)) for name, ids in x.families.items()}
    found = set(_found(report))
    hits = expected & found
    precision, recall = len(hits) / len(found), len(hits) / len(expected)
    assert (precision, recall) == (1.0, 1.0), {"missing": expected - found, "unexpected": found - expected}


def test_deviations_precision_and_recall(estate):
    x, report, _, _ = estate
    by_members = _found(report)
    expected = {
        (name, member, argument, json.dumps(value, sort_keys=True))
        for name, members in x.deviations.items()
        for member, deviations in members.items()
        for argument, value in deviations.items()
    }
    found = set()
    for name, ids in x.families.items():
        family = by_members[(x.types[name], frozenset(ids))]
        for member, deviations in family["deviations"].items():
            found |= {(name, member, a, json.dumps(v, sort_keys=True)) for a, v in deviations.items()}
    hits = expected & found
    precision, recall = len(hits) / len(found), len(hits) / len(expected)
    assert (precision, recall) == (1.0, 1.0), {"missing": expected - found, "unexpected": found - expected}
    for name, ids in x.families.items():  # and every member is listed, drifted or not
        assert set(by_members[(x.types[name], frozenset(ids))]["deviations"]) == ids


def test_decoys_stay_apart(estate):
    x, report, _, _ = estate
    grouped = {m for f in report["families"] for m in f["members"]}
    for decoy in ("BASTION", "SERVER4", "worker-1", "api-9", "queue-events-eu", "/app/audit", "/app/web-04",
                  "drift-assets", "job-1", "job-2", "cpu-high-server9", "search"):  # fmt: skip
        assert x.ids[decoy] not in grouped, decoy


def test_the_servers(estate):
    x, report, _, _ = estate
    (servers,) = [f for f in report["families"] if f["type"] == "aws_instance"]
    assert servers["name"] == "server"
    assert servers["signals"] == [{"kind": "name", "value": "server*"}, {"kind": "role_tag", "value": "Role=app"}]
    assert servers["keys"] == {x.ids[n]: n.lower() for n in ("SERVER1", "SERVER2", "SERVER3")}
    groups = sorted([x.ids["sg-web"], x.ids["sg-app"]])
    assert servers["baseline"] == {"instance_type": "t3.medium", "tags.Hotfix": None, "vpc_security_group_ids": groups}
    assert servers["ties"] == []
    assert servers["common"]["tags.Role"] == "app" and "ami" in servers["common"]
    # Names and placement differ by design: set aside, never a deviation.
    assert servers["identity"][x.ids["SERVER2"]] == {"subnet_id": servers["identity"][x.ids["SERVER2"]]["subnet_id"],
                                                     "tags.Name": "SERVER2"}  # fmt: skip
    assert servers["risks"] == {
        "instance_type": ["capacity: size, throughput or cost differs"],
        "vpc_security_group_ids": ["network access: who can reach what differs"],
    }


def test_a_tie_says_so_and_picks_the_first_member(estate):
    x, report, _, _ = estate
    queues = next(f for f in report["families"] if f["type"] == "aws_sqs_queue")
    assert queues["ties"] == ["visibility_timeout_seconds"]
    assert queues["baseline"] == {"visibility_timeout_seconds": 60}  # queue-orders-eu's, the first key
    assert queues["name"] == "queue_orders"
    functions = next(f for f in report["families"] if f["type"] == "aws_lambda_function")
    assert functions["ties"] == ["memory_size"] and functions["baseline"] == {"memory_size": 256}


def test_children_and_own_names_are_compared_as_alike(estate):
    _, report, _, _ = estate
    buckets = next(f for f in report["families"] if f["type"] == "aws_s3_bucket")
    # Each policy names its own bucket: alike once the bucket's own name is set aside.
    (policy,) = buckets["common"]["aws_s3_bucket_policy"]
    assert '"Resource":["{self.arn}","{self.arn}/*"]' in policy["policy"]
    assert buckets["baseline"] == {"aws_s3_bucket_versioning": [{"versioning_configuration": {"status": "Enabled"}}]}
    assert buckets["risks"] == {
        "aws_s3_bucket_versioning": ["data: what is kept, for how long and how it is protected differs"]
    }
    groups = next(f for f in report["families"] if f["type"] == "aws_security_group")
    assert groups["name"] == "api"
    assert groups["risks"]["aws_vpc_security_group_ingress_rule"] == ["network access: who can reach what differs"]
    shop = next(f for f in report["families"] if f["type"] == "aws_autoscaling_group")
    assert shop["name"] == "shop_web" and shop["signals"][0]["kind"] == "source"


def test_report_is_sorted_and_deterministic(estate):
    _, report, inventory, text = estate
    assert report["format"] == "adopt-drift/1"
    assert text == json.dumps(report, indent=2, sort_keys=True, ensure_ascii=False) + "\n"
    keys = [(f["type"], f["region"], f["name"]) for f in report["families"]]
    assert keys == sorted(keys)
    assert all(f["members"] == sorted(f["members"]) for f in report["families"])
    again = run_cli("drift", "--inventory", str(inventory), "--json")
    assert again.stdout == text
    names = [f["name"] for f in report["families"]]
    assert len(names) == len(set(names))


def test_select_limits_where_families_are_looked_for(estate):
    _, _, inventory, _ = estate
    result = run_cli(
        "drift", "--inventory", str(inventory), "--json", "--select", "aws_sqs_queue", "--select", "tag:Component=web"
    )
    assert result.code == 0, result.output
    report = json.loads(result.stdout)
    assert [(f["type"], f["name"]) for f in report["families"]] == [
        ("aws_cloudwatch_log_group", "app_web"),
        ("aws_sqs_queue", "queue_orders"),
    ]


def test_arguments_that_replace_come_from_cloudformation_create_only_properties():
    from adopt.drift.replacement import replacing_arguments

    instance = replacing_arguments("aws_instance")
    assert {"ami", "key_name", "subnet_id", "availability_zone"} <= set(instance)  # ami: read from ImageId
    # In place: a bigger size, another group list (plucked from SecurityGroups, not that field itself).
    assert not {"instance_type", "vpc_security_group_ids", "tags"} & set(instance)
    assert "fifo_queue" in replacing_arguments("aws_sqs_queue")
    assert "storage_encrypted" in replacing_arguments("aws_db_instance")
    assert replacing_arguments("aws_cloudwatch_metric_alarm").keys() <= {"alarm_name"}
