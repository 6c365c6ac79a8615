"""References nested in values, end to end: an estate seeded once in moto's
server, scanned and generated with the real CLI, and checked by the real
Terraform engine.

Each kind of nested reference is here once: a policy naming a bucket's ARN
with ``/*`` (and an IAM policy variable, ``${aws:username}``, that must stay
inert next to the interpolation), a container definition naming an ECR image
and a log group, an alarm dimension naming an instance, a Lambda environment
naming a queue URL and a database endpoint, a Route 53 alias to a load
balancer, a CloudFront origin on a bucket's regional domain name; and a value
two resources hold (every distribution's hosted zone ID), which stays a
literal with a comment.

The plan must show each expression evaluating to exactly the literal it
replaced.  The stand-in provider imports an object as its ID alone, so the
targets' attributes (their ARNs, DNS names, URLs) are given to it as recorded
states, made from what the inventory holds of them
(``coverage_kit.recorded_states``).
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import coverage_kit
import hcl2
import pytest
from helpers import run_cli

REGION = "us-east-1"
ACCOUNT = "123456789012"
BUCKET = "assets-2024"
ZONE = "example.com"

TRUST_LAMBDA = {
    "Version": "2012-10-17",
    "Statement": [{"Effect": "Allow", "Principal": {"Service": "lambda.amazonaws.com"}, "Action": "sts:AssumeRole"}],
}

TYPES = (
    "aws_s3_bucket",
    "aws_iam_policy",
    "aws_ecr_repository",
    "aws_cloudwatch_log_group",
    "aws_ecs_task_definition",
    "aws_instance",
    "aws_cloudwatch_metric_alarm",
    "aws_sqs_queue",
    "aws_db_instance",
    "aws_lambda_function",
    "aws_lb",
    "aws_route53_zone",
    "aws_route53_record",
    "aws_cloudfront_distribution",
    "aws_ssm_parameter",
)


def _zip() -> bytes:
    import io
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("index.py", "def handler(event, context):\n    return 1\n")
    return buffer.getvalue()


def _distribution(reference: str, domain: str, origin: dict) -> dict:
    return {
        "CallerReference": reference,
        "Comment": reference,
        "Enabled": True,
        "Origins": {"Quantity": 1, "Items": [{"Id": "origin", "DomainName": domain, **origin}]},
        "DefaultCacheBehavior": {
            "TargetOriginId": "origin",
            "ViewerProtocolPolicy": "redirect-to-https",
            "ForwardedValues": {"QueryString": False, "Cookies": {"Forward": "none"}},
            "MinTTL": 0,
        },
    }


def seed(moto) -> dict:
    """The estate; answers what the tests compare with (IDs and AWS's own values)."""
    s3 = moto.client("s3", REGION)
    s3.create_bucket(Bucket=BUCKET)
    iam = moto.client("iam", REGION)
    policy = {
        "Version": "2012-10-17",
        "Statement": [
            {
                "Effect": "Allow",
                "Action": ["s3:GetObject"],
                "Resource": [f"arn:aws:s3:::{BUCKET}/*", f"arn:aws:s3:::{BUCKET}/home/${{aws:username}}/*"],
            },
            {"Effect": "Allow", "Action": ["s3:ListBucket"], "Resource": f"arn:aws:s3:::{BUCKET}"},
        ],
    }
    iam.create_policy(PolicyName="assets-read", PolicyDocument=json.dumps(policy))

    repository = moto.client("ecr", REGION).create_repository(repositoryName="web")["repository"]
    image = f"{repository['repositoryUri']}:1.4"
    moto.client("logs", REGION).create_log_group(logGroupName="/ecs/web")
    moto.client("ecs", REGION).register_task_definition(
        family="web",
        containerDefinitions=[
            {
                "name": "web",
                "image": image,
                "essential": True,
                "logConfiguration": {
                    "logDriver": "awslogs",
                    "options": {"awslogs-group": "/ecs/web", "awslogs-region": REGION, "awslogs-stream-prefix": "web"},
                },
            }
        ],
        requiresCompatibilities=["EC2"],
        memory="512",
    )

    ec2 = moto.client("ec2", REGION)
    image_id = ec2.describe_images(Owners=["amazon"])["Images"][0]["ImageId"]
    instance = ec2.run_instances(ImageId=image_id, MinCount=1, MaxCount=1, InstanceType="t3.micro")["Instances"][0]
    instance_id = instance["InstanceId"]
    moto.client("cloudwatch", REGION).put_metric_alarm(
        AlarmName="web-cpu",
        Namespace="AWS/EC2",
        MetricName="CPUUtilization",
        Statistic="Average",
        Period=300,
        EvaluationPeriods=1,
        Threshold=80.0,
        ComparisonOperator="GreaterThanThreshold",
        Dimensions=[{"Name": "InstanceId", "Value": instance_id}],
    )

    queue_url = moto.client("sqs", REGION).create_queue(QueueName="jobs")["QueueUrl"]
    database = moto.client("rds", REGION).create_db_instance(
        DBInstanceIdentifier="orders-db",
        Engine="postgres",
        DBInstanceClass="db.t3.micro",
        AllocatedStorage=20,
        MasterUsername="app",
        MasterUserPassword="not-a-real-password-1",
    )["DBInstance"]
    address = database["Endpoint"]["Address"]
    endpoint = f"{address}:{database['Endpoint']['Port']}"
    role_arn = iam.create_role(RoleName="worker-fn", AssumeRolePolicyDocument=json.dumps(TRUST_LAMBDA))["Role"]["Arn"]
    # A log group and a parameter both named /app/config: which one the function reads, no value can tell.
    moto.client("logs", REGION).create_log_group(logGroupName="/app/config")
    moto.client("ssm", REGION).put_parameter(Name="/app/config", Value="{}", Type="String")
    environment = {
        "QUEUE_URL": queue_url,
        "DB_HOST": address,
        "DB_ENDPOINT": endpoint,
        "MODE": "batch",
        "CONFIG": "/app/config",
    }
    moto.client("lambda", REGION).create_function(
        FunctionName="worker",
        Runtime="python3.12",
        Role=role_arn,
        Handler="index.handler",
        Code={"ZipFile": _zip()},
        Environment={"Variables": environment},
    )

    vpc = ec2.create_vpc(CidrBlock="10.40.0.0/16")["Vpc"]["VpcId"]
    subnets = [
        ec2.create_subnet(VpcId=vpc, CidrBlock=f"10.40.{i}.0/24", AvailabilityZone=f"{REGION}{zone}")["Subnet"][
            "SubnetId"
        ]
        for i, zone in enumerate("ab", start=1)
    ]
    balancer = moto.client("elbv2", REGION).create_load_balancer(Name="web", Subnets=subnets, Type="application")[
        "LoadBalancers"
    ][0]

    cloudfront = moto.client("cloudfront")
    regional_domain = f"{BUCKET}.s3.{REGION}.amazonaws.com"
    site = cloudfront.create_distribution(
        DistributionConfig=_distribution("site", regional_domain, {"S3OriginConfig": {"OriginAccessIdentity": ""}})
    )["Distribution"]
    custom = {
        "CustomOriginConfig": {
            "HTTPPort": 80,
            "HTTPSPort": 443,
            "OriginProtocolPolicy": "https-only",
            "OriginSslProtocols": {"Quantity": 1, "Items": ["TLSv1.2"]},
        }
    }
    cloudfront.create_distribution(DistributionConfig=_distribution("docs", "docs.example.org", custom))

    r53 = moto.client("route53")
    zone_id = r53.create_hosted_zone(Name=ZONE, CallerReference="zone")["HostedZone"]["Id"].rsplit("/", 1)[-1]
    aliases = {
        "www.example.com": (balancer["CanonicalHostedZoneId"], balancer["DNSName"]),
        "cdn.example.com": ("Z2FDTNDATAQYW2", site["DomainName"]),
    }
    r53.change_resource_record_sets(
        HostedZoneId=zone_id,
        ChangeBatch={
            "Changes": [
                {
                    "Action": "CREATE",
                    "ResourceRecordSet": {
                        "Name": name,
                        "Type": "A",
                        "AliasTarget": {"HostedZoneId": zone, "DNSName": dns, "EvaluateTargetHealth": False},
                    },
                }
                for name, (zone, dns) in aliases.items()
            ]
        },
    )
    return {
        "policy": policy,
        "image": image,
        "instance_id": instance_id,
        "environment": environment,
        "balancer": balancer,
        "site": site,
        "regional_domain": regional_domain,
    }


class Estate:
    def __init__(self, seeded: dict, inventory: dict, module_dir: Path, plan) -> None:
        self.seeded = seeded
        self.inventory = inventory
        self.module_dir = module_dir
        self.plan = plan
        self.text = "\n".join(p.read_text() for p in sorted(module_dir.glob("*.tf")))

    def resource(self, tf_type: str, name: str) -> dict:
        (found,) = [
            r
            for r in self.inventory["resources"]
            if r["type"] == tf_type and name in (r["name"], r["attributes"].get("name"))
        ]
        return found

    def block(self, tf_type: str) -> str:
        (start,) = [m.start() for m in re.finditer(rf'^resource "{tf_type}" "[^"]+" {{$', self.text, re.M)]
        return self.text[start : self.text.index("\n}\n", start) + 3]

    def block_named(self, tf_type: str, label: str) -> str:
        start = self.text.index(f'resource "{tf_type}" "{label}" {{')
        return self.text[start : self.text.index("\n}\n", start) + 3]

    def planned(self, tf_type: str, name_argument: str, name: str) -> dict:
        """What the plan says the imported resource's arguments evaluate to."""
        for change in self.plan.json["resource_changes"]:
            after = change["change"]["after"] or {}
            if change["type"] == tf_type and after.get(name_argument) == name:
                return after
        raise AssertionError(f"no planned {tf_type} {name}")


@pytest.fixture(scope="module")
def estate(moto_server, tmp_path_factory, tf_engine) -> Estate:
    moto_server.reset()
    seeded = seed(moto_server)
    work = tmp_path_factory.mktemp("references")
    inventory_path, module_dir = work / "inventory.json", work / "module"
    args = ["scan", "--endpoint-url", moto_server.endpoint, "--region", REGION, "--output", str(inventory_path)]
    for tf_type in TYPES:
        args += ["--include", tf_type]
    result = run_cli(*args)
    assert result.code == 0, result.output
    inventory = json.loads(inventory_path.read_text())
    assert inventory["errors"] == []
    result = run_cli("generate", "--inventory", str(inventory_path), "--out", str(module_dir))
    assert result.code == 0, result.output
    plan = tf_engine.plan(
        module_dir,
        states=coverage_kit.recorded_states(inventory),
        show_json=True,
        env=coverage_kit.supplied_variables(module_dir),
    )
    return Estate(seeded, inventory, module_dir, plan)


def squeeze(text: str) -> str:
    return re.sub(r" +", " ", text)


def test_the_module_is_canonical_valid_and_imports_everything(estate, tf_engine):
    from terraform_engine import fmt_check

    assert fmt_check(estate.module_dir) == []
    validation = tf_engine.validate(estate.module_dir)
    assert validation.valid, validation.text
    plan = estate.plan
    assert (plan.to_import, plan.to_add, plan.to_destroy) == (len(estate.inventory["resources"]), 0, 0), plan.output


def test_a_policy_names_the_bucket_arn_with_a_suffix_and_keeps_policy_variables_inert(estate):
    block = estate.block("aws_iam_policy")
    assert '"${aws_s3_bucket.assets_2024.arn}/*"' in block
    assert '"${aws_s3_bucket.assets_2024.arn}/home/$${aws:username}/*"' in block
    assert squeeze("Resource = aws_s3_bucket.assets_2024.arn") in squeeze(block)
    assert "arn:aws:s3:::" not in block
    planned = estate.planned("aws_iam_policy", "name", "assets-read")
    assert json.loads(planned["policy"]) == estate.seeded["policy"]


def test_a_container_definition_names_the_repository_url_and_the_log_group(estate):
    block = estate.block("aws_ecs_task_definition")
    assert '"${aws_ecr_repository.web.repository_url}:1.4"' in block
    assert squeeze("awslogs-group = aws_cloudwatch_log_group.ecs_web.name") in squeeze(block)
    # "web" (the container's and the stream prefix's) names nothing: too short to be anyone's.
    assert squeeze('awslogs-stream-prefix = "web"') in squeeze(block)
    planned = estate.planned("aws_ecs_task_definition", "family", "web")
    (container,) = json.loads(planned["container_definitions"])
    assert container["image"] == estate.seeded["image"]
    assert container["logConfiguration"]["options"]["awslogs-group"] == "/ecs/web"


def test_an_alarm_dimension_names_the_instance(estate):
    block = estate.block("aws_cloudwatch_metric_alarm")
    assert re.search(r"InstanceId = aws_instance\.[A-Za-z0-9_-]+\.id", block), block
    planned = estate.planned("aws_cloudwatch_metric_alarm", "alarm_name", "web-cpu")
    assert planned["dimensions"] == {"InstanceId": estate.seeded["instance_id"]}


def test_a_lambda_environment_names_the_queue_url_and_the_database_endpoint(estate):
    block = squeeze(estate.block("aws_lambda_function"))
    assert "QUEUE_URL = aws_sqs_queue.jobs.url" in block
    assert "DB_HOST = aws_db_instance.orders_db.address" in block
    assert "DB_ENDPOINT = aws_db_instance.orders_db.endpoint" in block
    assert 'MODE = "batch"' in block
    planned = estate.planned("aws_lambda_function", "function_name", "worker")
    assert planned["environment"][0]["variables"] == estate.seeded["environment"]


def test_a_route53_alias_names_the_load_balancer(estate):
    record = estate.resource("aws_route53_record", "www.example.com")
    recorded = {(r["path"], r["type"], r["attribute"]) for r in record["references"]}
    assert {("alias.name", "aws_lb", "dns_name"), ("alias.zone_id", "aws_lb", "zone_id")} <= recorded
    assert squeeze("name = aws_lb.web.dns_name") in squeeze(estate.text)
    assert squeeze("zone_id = aws_lb.web.zone_id") in squeeze(estate.text)
    planned = estate.planned("aws_route53_record", "name", "www.example.com")
    balancer = estate.seeded["balancer"]
    assert planned["alias"][0]["name"] == balancer["DNSName"].lower()
    assert planned["alias"][0]["zone_id"] == balancer["CanonicalHostedZoneId"]


def test_a_cloudfront_origin_names_the_bucket_regional_domain_name(estate):
    assert squeeze("domain_name = aws_s3_bucket.assets_2024.bucket_regional_domain_name") in squeeze(estate.text)
    planned = estate.planned("aws_cloudfront_distribution", "comment", "site")
    assert [o["domain_name"] for o in planned["origin"]] == [estate.seeded["regional_domain"]]


def test_a_value_two_resources_hold_stays_literal_with_a_comment(estate):
    """A log group and a parameter are both /app/config: the function's CONFIG stays as it is."""
    function = estate.resource("aws_lambda_function", "worker")
    (config,) = [r for r in function["references"] if r["path"] == "environment.variables.CONFIG"]
    assert config["ambiguous"] == ["aws_cloudwatch_log_group /app/config", "aws_ssm_parameter /app/config"]
    block = squeeze(estate.block("aws_lambda_function"))
    assert 'CONFIG = "/app/config"' in block
    assert (
        "# /app/config is held by 2 resources (aws_cloudwatch_log_group /app/config, aws_ssm_parameter /app/config):"
        " kept as a literal"
    ) in block
    planned = estate.planned("aws_lambda_function", "function_name", "worker")
    assert planned["environment"][0]["variables"]["CONFIG"] == "/app/config"


def test_a_zone_every_distribution_shares_names_the_one_beside_it(estate):
    """CloudFront's hosted zone is every distribution's: in the alias to the
    site, it is the site's, named by the domain name beside it."""
    block = squeeze(estate.block_named("aws_route53_record", "example_com_cdn_a"))
    assert "name = aws_cloudfront_distribution.site.domain_name" in block
    assert "zone_id = aws_cloudfront_distribution.site.hosted_zone_id" in block
    planned = estate.planned("aws_route53_record", "name", "cdn.example.com")
    assert planned["alias"][0] == {
        "name": estate.seeded["site"]["DomainName"],
        "zone_id": "Z2FDTNDATAQYW2",
        "evaluate_target_health": False,
    }


def test_the_plan_orders_targets_before_what_names_them(estate, tmp_path):
    """The dependency graph sees nested references: selecting the policy alone
    brings in the bucket its document names."""
    inventory_path = tmp_path / "inventory.json"
    inventory_path.write_text(json.dumps(estate.inventory))
    plan_path = tmp_path / "plan.json"
    result = run_cli(
        "plan", "--inventory", str(inventory_path), "--output", str(plan_path), "--select", "type:aws_iam_policy"
    )
    assert result.code == 0, result.output
    plan = json.loads(plan_path.read_text())
    chosen = {(r["type"], r["id"]) for batch in plan["batches"] for r in batch["resources"]}
    assert ("aws_s3_bucket", BUCKET) in chosen


def test_hcl_parses_back(estate):
    for path in estate.module_dir.glob("*.tf"):
        with path.open() as fh:
            hcl2.load(fh)
