"""Coverage of Route 53, CloudFront, ECR and ECS types: each scanned from moto's
server (or, where moto falls short, from recorded responses), generated, and
checked by the real Terraform engine."""

from __future__ import annotations

import json
import re

import coverage_kit
from coverage_kit import Seeded
from oracle_ids import mismatch

from adopt.catalog import registry

ZONE_NAME = "example.com"


def squeeze(text: str) -> str:
    """Generated text with the alignment spaces of `terraform fmt` collapsed."""
    return re.sub(r" +", " ", text)


def assert_lines(block: str, *lines: str) -> None:
    for line in lines:
        assert squeeze(line) in squeeze(block), f"{line!r} not in:\n{block}"


def _rrset(name, rtype, **fields):
    return {"Action": "CREATE", "ResourceRecordSet": {"Name": name, "Type": rtype, **fields}}


def seed_route53_zones_records_and_cloudfront(moto, region: str = "us-east-1") -> Seeded:
    """A public zone (apex MX, wildcard, TXT, weighted, latency, failover and
    alias records), a private zone in a VPC (made in ``region``), and a
    distribution with an S3 and a custom origin, an ordered behavior, logging,
    an ACM certificate and a geo restriction.  Route 53 and CloudFront are
    global: seed them once."""
    ec2 = moto.client("ec2", region)
    vpc_id = ec2.create_vpc(CidrBlock="10.20.0.0/16")["Vpc"]["VpcId"]
    ec2.create_tags(Resources=[vpc_id], Tags=[{"Key": "Name", "Value": "core"}])

    r53 = moto.client("route53")
    public = r53.create_hosted_zone(
        Name=ZONE_NAME, CallerReference="public", HostedZoneConfig={"Comment": "public zone"}
    )["HostedZone"]["Id"]
    zone_id = public.rsplit("/", 1)[-1]
    r53.change_tags_for_resource(
        ResourceType="hostedzone", ResourceId=zone_id, AddTags=[{"Key": "Team", "Value": "web"}]
    )
    private = r53.create_hosted_zone(
        Name="internal.example",
        CallerReference="private",
        HostedZoneConfig={"PrivateZone": True},  # no comment: must stay empty, not "Managed by Terraform"
        VPC={"VPCRegion": region, "VPCId": vpc_id},
    )["HostedZone"]["Id"]
    private_id = private.rsplit("/", 1)[-1]
    r53.change_resource_record_sets(
        HostedZoneId=zone_id,
        ChangeBatch={
            "Changes": [
                _rrset("www.example.com", "A", TTL=300, ResourceRecords=[{"Value": "192.0.2.10"}]),
                _rrset("*.example.com", "CNAME", TTL=60, ResourceRecords=[{"Value": "www.example.com"}]),
                _rrset("_dmarc.example.com", "TXT", TTL=300, ResourceRecords=[{"Value": '"v=DMARC1; p=none"'}]),
                _rrset("example.com", "MX", TTL=300, ResourceRecords=[{"Value": "10 mx.example.com"}]),
                _rrset(
                    "api.example.com",
                    "A",
                    SetIdentifier="blue",
                    Weight=90,
                    TTL=60,
                    ResourceRecords=[{"Value": "192.0.2.20"}],
                ),
                _rrset(
                    "api.example.com",
                    "A",
                    SetIdentifier="green",
                    Weight=10,
                    TTL=60,
                    ResourceRecords=[{"Value": "192.0.2.21"}],
                ),
                _rrset(
                    "eu.example.com",
                    "A",
                    SetIdentifier="eu",
                    Region="eu-west-1",
                    TTL=60,
                    ResourceRecords=[{"Value": "192.0.2.30"}],
                ),
                _rrset(
                    "failover.example.com",
                    "A",
                    SetIdentifier="primary",
                    Failover="PRIMARY",
                    TTL=60,
                    ResourceRecords=[{"Value": "192.0.2.40"}],
                ),
                _rrset(
                    "cdn.example.com",
                    "A",
                    AliasTarget={
                        "HostedZoneId": "Z2FDTNDATAQYW2",
                        "DNSName": "d111111abcdef8.cloudfront.net.",
                        "EvaluateTargetHealth": False,
                    },
                ),
            ]
        },
    )
    r53.change_resource_record_sets(
        HostedZoneId=private_id,
        ChangeBatch={"Changes": [_rrset("db.internal.example", "CNAME", TTL=30, ResourceRecords=[{"Value": "db1"}])]},
    )

    cloudfront = moto.client("cloudfront")
    config = {
        "CallerReference": "site",
        "Comment": "marketing site",
        "Enabled": True,
        "DefaultRootObject": "index.html",
        "Aliases": {"Quantity": 1, "Items": ["www.example.com"]},
        "PriceClass": "PriceClass_100",
        "HttpVersion": "http2and3",
        "IsIPV6Enabled": True,
        "Origins": {
            "Quantity": 2,
            "Items": [
                {
                    "Id": "site-bucket",
                    "DomainName": "site-bucket.s3.us-east-1.amazonaws.com",
                    "S3OriginConfig": {"OriginAccessIdentity": ""},
                },
                {
                    "Id": "api",
                    "DomainName": "api.example.com",
                    "OriginPath": "/v1",
                    "CustomOriginConfig": {
                        "HTTPPort": 80,
                        "HTTPSPort": 443,
                        "OriginProtocolPolicy": "https-only",
                        "OriginSslProtocols": {"Quantity": 1, "Items": ["TLSv1.2"]},
                        "OriginReadTimeout": 60,
                        "OriginKeepaliveTimeout": 5,
                    },
                },
            ],
        },
        "DefaultCacheBehavior": {
            "TargetOriginId": "site-bucket",
            "ViewerProtocolPolicy": "redirect-to-https",
            "AllowedMethods": {
                "Quantity": 2,
                "Items": ["GET", "HEAD"],
                "CachedMethods": {"Quantity": 2, "Items": ["GET", "HEAD"]},
            },
            "Compress": True,
            "CachePolicyId": "658327ea-f89d-4fab-a63d-7e88639e58f6",
        },
        "CacheBehaviors": {
            "Quantity": 1,
            "Items": [
                {
                    "PathPattern": "/api/*",
                    "TargetOriginId": "api",
                    "ViewerProtocolPolicy": "https-only",
                    "AllowedMethods": {
                        "Quantity": 7,
                        "Items": ["GET", "HEAD", "OPTIONS", "PUT", "POST", "PATCH", "DELETE"],
                        "CachedMethods": {"Quantity": 2, "Items": ["GET", "HEAD"]},
                    },
                    "ForwardedValues": {
                        "QueryString": True,
                        "Cookies": {"Forward": "all"},
                        "Headers": {"Quantity": 1, "Items": ["Authorization"]},
                    },
                    "MinTTL": 0,
                    "DefaultTTL": 0,
                    "MaxTTL": 0,
                }
            ],
        },
        "CustomErrorResponses": {
            "Quantity": 1,
            "Items": [
                {"ErrorCode": 404, "ResponsePagePath": "/404.html", "ResponseCode": "404", "ErrorCachingMinTTL": 60}
            ],
        },
        "Logging": {
            "Enabled": True,
            "IncludeCookies": False,
            "Bucket": "logs-bucket.s3.amazonaws.com",
            "Prefix": "cf/",
        },
        "ViewerCertificate": {
            "ACMCertificateArn": "arn:aws:acm:us-east-1:123456789012:certificate/11111111-2222-3333-4444-555555555555",
            "SSLSupportMethod": "sni-only",
            "MinimumProtocolVersion": "TLSv1.2_2021",
        },
        "Restrictions": {"GeoRestriction": {"RestrictionType": "whitelist", "Quantity": 2, "Items": ["US", "CA"]}},
    }
    distribution = cloudfront.create_distribution_with_tags(
        DistributionConfigWithTags={"DistributionConfig": config, "Tags": {"Items": [{"Key": "Name", "Value": "site"}]}}
    )["Distribution"]["Id"]
    records = {
        f"{zone_id}_{ZONE_NAME}_MX",
        f"{zone_id}_www.{ZONE_NAME}_A",
        f"{zone_id}_*.{ZONE_NAME}_CNAME",
        f"{zone_id}__dmarc.{ZONE_NAME}_TXT",
        f"{zone_id}_api.{ZONE_NAME}_A_blue",
        f"{zone_id}_api.{ZONE_NAME}_A_green",
        f"{zone_id}_eu.{ZONE_NAME}_A_eu",
        f"{zone_id}_failover.{ZONE_NAME}_A_primary",
        f"{zone_id}_cdn.{ZONE_NAME}_A",
        f"{private_id}_db.internal.example_CNAME",
    }
    return Seeded(
        ids={
            "aws_vpc": {vpc_id},
            "aws_route53_zone": {zone_id, private_id},
            "aws_route53_record": records,
            "aws_cloudfront_distribution": {distribution},
        },
        vpc_id=vpc_id,
        zone_id=zone_id,
        private_id=private_id,
        distribution=distribution,
        records=records,
    )


def test_route53_zones_records_and_cloudfront(moto, tmp_path, tf_engine, oracle_dir):
    seeded = seed_route53_zones_records_and_cloudfront(moto, "us-east-1")
    vpc_id, zone_id, private_id = seeded.vpc_id, seeded.zone_id, seeded.private_id
    distribution, records = seeded.distribution, seeded.records

    checked = coverage_kit.scan_and_check(
        moto,
        tmp_path,
        tf_engine,
        oracle_dir,
        expected={
            "aws_vpc": {vpc_id},
            "aws_route53_zone": {zone_id, private_id},
            "aws_route53_record": records,  # the zones' own SOA and NS records are left out
            "aws_cloudfront_distribution": {distribution},
        },
        references={
            "aws_route53_record": {("zone_id", "aws_route53_zone")},
        },
    )
    assert {
        r["region"] for r in checked.by_type["aws_route53_zone"] + checked.by_type["aws_cloudfront_distribution"]
    } == {"global"}

    zone = checked.block("aws_route53_zone", "example_com")
    assert 'name    = "example.com"' in zone and 'comment = "public zone"' in zone
    assert 'Team = "web"' in zone
    private_zone = checked.block("aws_route53_zone", "internal_example")
    assert 'comment = ""' in private_zone  # not the provider's "Managed by Terraform"
    assert "vpc {\n    vpc_id = aws_vpc.core.id\n  }" in private_zone

    www = checked.block("aws_route53_record", "example_com_www_a")
    assert "zone_id = aws_route53_zone.example_com.id" in www
    assert 'name    = "www.example.com"' in www and 'records = ["192.0.2.10"]' in www and "ttl     = 300" in www
    assert 'name    = "*.example.com"' in checked.block("aws_route53_record", "example_com_wildcard_cname")
    assert 'records = ["v=DMARC1; p=none"]' in checked.block("aws_route53_record", "example_com_dmarc_txt")
    assert 'records = ["10 mx.example.com"]' in checked.block("aws_route53_record", "example_com_apex_mx")
    blue = checked.block("aws_route53_record", "example_com_api_a_blue")
    assert 'set_identifier = "blue"' in blue and "weighted_routing_policy {\n    weight = 90\n  }" in blue
    assert 'region = "eu-west-1"' in checked.block("aws_route53_record", "example_com_eu_a_eu")
    assert 'type = "PRIMARY"' in checked.block("aws_route53_record", "example_com_failover_a_primary")
    alias = checked.block("aws_route53_record", "example_com_cdn_a")
    assert 'name                   = "d111111abcdef8.cloudfront.net"' in alias
    assert 'zone_id                = "Z2FDTNDATAQYW2"' in alias and "ttl" not in alias
    assert "zone_id = aws_route53_zone.internal_example.id" in checked.block(
        "aws_route53_record", "internal_example_db_cname"
    )

    site = checked.block("aws_cloudfront_distribution", "site")
    assert_lines(
        site,
        "enabled             = true",
        'comment             = "marketing site"',
        'aliases             = ["www.example.com"]',
        'default_root_object = "index.html"',
        'http_version        = "http2and3"',
        "is_ipv6_enabled     = true",
        'price_class         = "PriceClass_100"',
        'origin_path = "/v1"',
        'origin_ssl_protocols     = ["TLSv1.2"]',
        "origin_read_timeout      = 60",
        'cache_policy_id        = "658327ea-f89d-4fab-a63d-7e88639e58f6"',
        'path_pattern           = "/api/*"',
        'headers      = ["Authorization"]',
        'forward = "all"',
        'response_page_path    = "/404.html"',
        'bucket = "logs-bucket.s3.amazonaws.com"',
        'prefix = "cf/"',
        'locations        = ["CA", "US"]',
        'restriction_type = "whitelist"',
        'minimum_protocol_version = "TLSv1.2_2021"',
        'ssl_support_method = "sni-only"',
    )
    # Defaults stay out: connection settings, keepalive, an S3 origin's empty identity.
    for text in (
        "connection_attempts",
        "origin_keepalive_timeout",
        "s3_origin_config",
        "cloudfront_default_certificate",
    ):
        assert text not in site, text


ASSUME_ECS_TASKS = json.dumps(
    {
        "Version": "2012-10-17",
        "Statement": [
            {"Effect": "Allow", "Principal": {"Service": "ecs-tasks.amazonaws.com"}, "Action": "sts:AssumeRole"}
        ],
    }
)
LIFECYCLE = {
    "rules": [
        {
            "rulePriority": 1,
            "description": "keep the last 10 images",
            "selection": {"tagStatus": "any", "countType": "imageCountMoreThan", "countNumber": 10},
            "action": {"type": "expire"},
        }
    ]
}


PULL_FROM_CI = {
    "Version": "2012-10-17",
    "Statement": [
        {
            "Sid": "CiPulls",
            "Effect": "Allow",
            "Principal": {"AWS": "arn:aws:iam::210987654321:root"},
            "Action": ["ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer"],
        }
    ],
}


def seed_ecr_and_ecs(moto, region: str, suffix: str = "") -> Seeded:
    """A repository with a lifecycle policy; a cluster with Container Insights;
    a task family with two revisions (only the latest is adopted) whose
    container has a secret-looking environment variable; and a Fargate service
    behind a target group in a VPC.  The task role is ``shop-task`` +
    ``suffix`` (IAM is global)."""
    ecr = moto.client("ecr", region)
    ecr.create_repository(
        repositoryName="shop/api",
        imageTagMutability="IMMUTABLE",
        imageScanningConfiguration={"scanOnPush": True},
        encryptionConfiguration={"encryptionType": "KMS", "kmsKey": f"arn:aws:kms:{region}:123456789012:key/abcd"},
        tags=[{"Key": "Team", "Value": "shop"}],
    )
    ecr.put_lifecycle_policy(repositoryName="shop/api", lifecyclePolicyText=json.dumps(LIFECYCLE))
    ecr.set_repository_policy(repositoryName="shop/api", policyText=json.dumps(PULL_FROM_CI))
    ecr.create_repository(repositoryName="plain")  # all defaults, no lifecycle policy

    ec2 = moto.client("ec2", region)
    vpc_id = ec2.create_vpc(CidrBlock="10.30.0.0/16")["Vpc"]["VpcId"]
    subnet_id = ec2.create_subnet(VpcId=vpc_id, CidrBlock="10.30.1.0/24")["Subnet"]["SubnetId"]
    group_id = ec2.create_security_group(VpcId=vpc_id, GroupName="shop-api", Description="shop api tasks")["GroupId"]
    for resource, name in ((vpc_id, "shop"), (subnet_id, "shop-a")):
        ec2.create_tags(Resources=[resource], Tags=[{"Key": "Name", "Value": name}])
    role = f"shop-task{suffix}"
    role_arn = moto.client("iam").create_role(RoleName=role, AssumeRolePolicyDocument=ASSUME_ECS_TASKS)["Role"]["Arn"]
    target_group = moto.client("elbv2", region).create_target_group(
        Name="shop-api", Protocol="HTTP", Port=8080, VpcId=vpc_id, TargetType="ip"
    )["TargetGroups"][0]["TargetGroupArn"]

    ecs = moto.client("ecs", region)
    ecs.create_cluster(
        clusterName="shop",
        settings=[{"name": "containerInsights", "value": "enabled"}],
        configuration={
            "executeCommandConfiguration": {
                "logging": "OVERRIDE",
                "logConfiguration": {"cloudWatchLogGroupName": "/ecs/exec"},
            }
        },
        tags=[{"key": "Env", "value": "prod"}],
    )
    container = {
        "name": "api",
        "image": f"123456789012.dkr.ecr.{region}.amazonaws.com/shop/api:1.4.2",
        "essential": True,
        "portMappings": [{"containerPort": 8080, "protocol": "tcp"}],
        "environment": [
            {"name": "LOG_LEVEL", "value": "info"},
            {"name": "DB_PASSWORD", "value": "hunter2-not-for-git"},
        ],
        "secrets": [
            {"name": "API_TOKEN", "valueFrom": f"arn:aws:secretsmanager:{region}:123456789012:secret:shop-api"}
        ],
        "logConfiguration": {
            "logDriver": "awslogs",
            "options": {"awslogs-group": "/ecs/shop-api", "awslogs-region": region},
        },
    }
    for memory in ("512", "1024"):
        revision = ecs.register_task_definition(
            family="shop-api",
            containerDefinitions=[container],
            requiresCompatibilities=["FARGATE"],
            networkMode="awsvpc",
            cpu="256",
            memory=memory,
            taskRoleArn=role_arn,
            executionRoleArn=role_arn,
            tags=[{"key": "App", "value": "shop"}],
        )["taskDefinition"]["taskDefinitionArn"]
    ecs.create_service(
        cluster="shop",
        serviceName="api",
        taskDefinition=revision,
        desiredCount=3,
        launchType="FARGATE",
        networkConfiguration={
            "awsvpcConfiguration": {"subnets": [subnet_id], "securityGroups": [group_id], "assignPublicIp": "DISABLED"}
        },
        loadBalancers=[{"targetGroupArn": target_group, "containerName": "api", "containerPort": 8080}],
        propagateTags="SERVICE",
        tags=[{"key": "App", "value": "shop"}],
    )
    return Seeded(
        ids={
            "aws_vpc": {vpc_id},
            "aws_subnet": {subnet_id},
            "aws_security_group": {group_id},
            "aws_iam_role": {role},
            "aws_lb_target_group": {target_group},
            "aws_ecr_repository": {"shop/api", "plain"},
            "aws_ecr_lifecycle_policy": {"shop/api"},
            "aws_ecr_repository_policy": {"shop/api"},
            "aws_ecs_cluster": {"shop"},
            "aws_ecs_task_definition": {revision},
            "aws_ecs_service": {"shop/api"},
        },
        vpc_id=vpc_id,
        subnet_id=subnet_id,
        group_id=group_id,
        target_group=target_group,
        revision=revision,
    )


def test_ecr_and_ecs(moto, tmp_path, tf_engine, oracle_dir):
    seeded = seed_ecr_and_ecs(moto, "us-east-1")
    vpc_id, subnet_id, group_id = seeded.vpc_id, seeded.subnet_id, seeded.group_id
    target_group, revision = seeded.target_group, seeded.revision

    checked = coverage_kit.scan_and_check(
        moto,
        tmp_path,
        tf_engine,
        oracle_dir,
        expected={
            "aws_vpc": {vpc_id},
            "aws_subnet": {subnet_id},
            "aws_security_group": {group_id},
            "aws_iam_role": {"shop-task"},
            "aws_lb_target_group": {target_group},
            "aws_ecr_repository": {"shop/api", "plain"},
            "aws_ecr_lifecycle_policy": {"shop/api"},
            "aws_ecr_repository_policy": {"shop/api"},
            "aws_ecs_cluster": {"shop"},
            "aws_ecs_task_definition": {revision},  # revision 2 only: revision 1 is history
            "aws_ecs_service": {"shop/api"},
        },
        references={
            "aws_ecr_lifecycle_policy": {("repository", "aws_ecr_repository")},
            "aws_ecr_repository_policy": {("repository", "aws_ecr_repository")},
            "aws_ecs_task_definition": {("task_role_arn", "aws_iam_role"), ("execution_role_arn", "aws_iam_role")},
            "aws_ecs_service": {
                ("cluster", "aws_ecs_cluster"),
                ("task_definition", "aws_ecs_task_definition"),
                ("network_configuration.subnets[0]", "aws_subnet"),
                ("network_configuration.security_groups[0]", "aws_security_group"),
                ("load_balancer[0].target_group_arn", "aws_lb_target_group"),
            },
        },
    )
    assert revision.endswith(":2")

    repository = checked.block("aws_ecr_repository", "shop_api")
    assert_lines(
        repository,
        'name                 = "shop/api"',
        'image_tag_mutability = "IMMUTABLE"',
        "scan_on_push = true",
        'encryption_type = "KMS"',
        'kms_key         = "arn:aws:kms:us-east-1:123456789012:key/abcd"',
        'Team = "shop"',
        "prevent_destroy = true",
    )
    plain = checked.block("aws_ecr_repository", "plain")
    for default in ("image_tag_mutability", "image_scanning_configuration", "encryption_configuration"):
        assert default not in plain
    policy = checked.block("aws_ecr_lifecycle_policy", "shop_api")
    assert_lines(
        policy, "repository = aws_ecr_repository.shop_api.name", 'countType = "imageCountMoreThan"', "countNumber = 10"
    )
    access = checked.block("aws_ecr_repository_policy", "shop_api")
    assert_lines(access, "repository = aws_ecr_repository.shop_api.name", 'Sid    = "CiPulls"', '"ecr:BatchGetImage",')

    cluster = checked.block("aws_ecs_cluster", "shop")
    assert_lines(
        cluster,
        'name = "shop"',
        'name  = "containerInsights"',
        'value = "enabled"',
        'logging = "OVERRIDE"',
        'cloud_watch_log_group_name = "/ecs/exec"',
        'Env = "prod"',
    )

    task = checked.block("aws_ecs_task_definition", "shop_api")
    assert_lines(
        task,
        'family                   = "shop-api"',
        'memory                   = "1024"',
        'network_mode             = "awsvpc"',
        'requires_compatibilities = ["FARGATE"]',
        "task_role_arn            = aws_iam_role.shop_task.arn",
        "execution_role_arn       = aws_iam_role.shop_task.arn",
        "container_definitions = jsonencode([",
        'value = "info"',
        "value = var.shop_api_container_definitions_0_environment_1_value",
        'valueFrom = "arn:aws:secretsmanager:us-east-1:123456789012:secret:shop-api"',  # a reference, kept
    )
    assert "hunter2" not in checked.text("ecs.tf") and "hunter2" not in (tmp_path / "inventory.json").read_text()
    assert_lines(
        checked.text("variables.tf"),
        'variable "shop_api_container_definitions_0_environment_1_value" {',
        "sensitive   = true",
    )

    service = checked.block("aws_ecs_service", "shop_api")
    assert_lines(
        service,
        'name                = "api"',
        "cluster             = aws_ecs_cluster.shop.arn",
        "task_definition     = aws_ecs_task_definition.shop_api.arn",
        "desired_count       = 3",
        'launch_type         = "FARGATE"',
        'propagate_tags      = "SERVICE"',
        "subnets         = [aws_subnet.shop_a.id]",
        "security_groups = [aws_security_group.shop_api.id]",
        'container_name   = "api"',
        "container_port   = 8080",
        "target_group_arn = aws_lb_target_group.shop_api.arn",
        "ignore_changes = [desired_count]",
    )
    assert "assign_public_ip" not in service and "scheduling_strategy" not in service


def _recorded(fixture: str, types: list[str], tmp_path, tf_engine) -> tuple[dict, coverage_kit.Checked]:
    """Scan recorded responses, generate, and check the module with Terraform."""
    inventory = coverage_kit.scan_recorded(fixture, [registry.get(t) for t in types], ["us-east-1"])
    assert inventory.errors == []
    coverage_kit.generate_recorded(inventory, tmp_path)
    coverage_kit.check_module(tmp_path, tf_engine, len(inventory.resources))
    by_type: dict[str, set[str]] = {}
    for resource in inventory.resources:
        by_type.setdefault(resource.type, set()).add(resource.import_id)
    return by_type, coverage_kit.Checked(inventory={}, module_dir=tmp_path)


def test_route53_and_cloudfront_as_aws_returns_them(tmp_path, tf_engine, oracle_dir):
    """Recorded responses, because moto does not reproduce these: escaped
    wildcard names (``\\052``), zones run by Cloud Map (``LinkedService``),
    records made by a traffic policy, split TXT strings, geolocation and
    geoproximity routing; and a distribution with origin access control and
    identity, an origin group, origin shield, function and Lambda@Edge
    associations, trusted key groups, a secret origin header and the default
    certificate as AWS reports it (moto drops most of these)."""
    zone = "Z0424631STVQ3FZ1H9XJ"
    found, checked = _recorded(
        "dns_containers/edge.json",
        ["aws_route53_zone", "aws_route53_record", "aws_cloudfront_distribution"],
        tmp_path,
        tf_engine,
    )
    assert found == {
        "aws_route53_zone": {zone},  # not the Cloud Map namespace's zone
        "aws_route53_record": {  # not the SOA, the apex NS, nor the traffic policy's record
            f"{zone}_shop.example.org_A",
            f"{zone}_*.shop.example.org_CNAME",
            f"{zone}__sip._tcp.shop.example.org_SRV",
            f"{zone}_geo.shop.example.org_A_default",
            f"{zone}_geo.shop.example.org_A_europe",
            f"{zone}_google._domainkey.shop.example.org_TXT",
            f"{zone}_mv.shop.example.org_A_one",
            f"{zone}_near.shop.example.org_A_virginia",
        },
        "aws_cloudfront_distribution": {"E2NY0CQ5L8DJJA"},  # not the multi-tenant one
    }
    for tf_type, ids in found.items():
        assert [i for i in ids if mismatch(oracle_dir, tf_type, i)] == []

    assert_lines(
        checked.block("aws_route53_zone", "shop_example_org"),
        'comment = ""',
        'delegation_set_id = "N03386422VXZJKGR4YO18"',
        'CostCenter = "shop"',
    )
    assert_lines(checked.block("aws_route53_record", "shop_example_org_wildcard_cname"), 'name = "*.shop.example.org"')
    assert_lines(
        checked.block("aws_route53_record", "shop_example_org_apex_a"),
        'name = "dualstack.shop-alb-1234567890.us-east-1.elb.amazonaws.com"',
        'zone_id = "Z35SXDOTRQ7X7K"',
        "evaluate_target_health = true",
    )
    assert_lines(
        checked.block("aws_route53_record", "shop_example_org_google_domainkey_txt"),
        # The provider adds the outer quotes; the inner '" "' keeps the two strings apart.
        'records = ["v=DKIM1; k=rsa; p=MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAx1\\" \\"9yZ2ZmFyZ2Vfa2V5X2NvbnRpbnVlZA=="]',
    )
    assert_lines(
        checked.block("aws_route53_record", "shop_example_org_geo_a_europe"),
        'health_check_id = "4f2a3b1c-8d9e-4f01-a2b3-c4d5e6f70819"',
        'continent = "EU"',
    )
    assert_lines(checked.block("aws_route53_record", "shop_example_org_geo_a_default"), 'country = "*"')
    assert_lines(
        checked.block("aws_route53_record", "shop_example_org_mv_a_one"), "multivalue_answer_routing_policy = true"
    )
    assert_lines(
        checked.block("aws_route53_record", "shop_example_org_near_a_virginia"), 'aws_region = "us-east-1"', "bias = 10"
    )
    assert_lines(
        checked.block("aws_route53_record", "shop_example_org_sip_tcp_srv"),
        'records = ["10 5 5060 sip.shop.example.org"]',
    )

    edge = checked.block("aws_cloudfront_distribution", "shop_edge")
    assert_lines(
        edge,
        'origin_access_control_id = "E3QWRUHABCD123"',
        'origin_access_identity = "origin-access-identity/cloudfront/E1F83G6ABCDEFG"',
        'origin_shield_region = "eu-west-1"',
        "connection_attempts = 2",
        "connection_timeout = 5",
        'ip_address_type = "ipv4"',
        "value = var.shop_edge_origin_2_custom_header_0_value",  # X-Origin-Verify: a shared secret
        'value = "cloudfront"',  # an ordinary header stays
        "status_codes = [500, 502, 503]",
        'origin_request_policy_id = "216adef6-5c7f-47e4-b989-5492eafa07d3"',
        'function_arn = "arn:aws:cloudfront::123456789012:function/add-security-headers"',
        'lambda_arn = "arn:aws:lambda:us-east-1:123456789012:function:resize-images:7"',
        'trusted_key_groups = ["K2JCJMDEHXQW5F"]',
        "default_ttl = 86400",
        "max_ttl = 31536000",
        'web_acl_id = "arn:aws:wafv2:us-east-1:123456789012:global/webacl/shop-edge/a1b2c3d4-5678-90ab-cdef-EXAMPLE11111"',
        "cloudfront_default_certificate = true",
    )
    assert "recorded-not-real" not in checked.text("cloudfront.tf")
    # A cache policy holds the TTLs and forwarding of the default behavior; the
    # default certificate's fixed protocol settings and disabled logging stay out.
    default_behavior = edge[edge.index("default_cache_behavior {") : edge.index("ordered_cache_behavior {")]
    for absent in ("forwarded_values", "min_ttl", "default_ttl"):
        assert absent not in default_behavior
    for absent in ("minimum_protocol_version", "ssl_support_method", "logging_config", "price_class", "http_version"):
        assert absent not in edge


def test_ecr_and_ecs_as_aws_returns_them(tmp_path, tf_engine, oracle_dir):
    """Recorded responses, because moto's ECS drops the deployment
    configuration, execute-command and health-check settings of a service,
    and has no capacity providers, service registries, express services or
    tag-mutability exclusions; the recordings also hold an INACTIVE cluster
    and service, a daemon service, and a task definition with an EFS volume
    and a database URL carrying a password."""
    found, checked = _recorded(
        "dns_containers/ecs.json",
        [
            "aws_ecr_repository",
            "aws_ecr_lifecycle_policy",
            "aws_ecr_repository_policy",
            "aws_ecs_cluster",
            "aws_ecs_task_definition",
            "aws_ecs_service",
        ],
        tmp_path,
        tf_engine,
    )
    task = "arn:aws:ecs:us-east-1:123456789012:task-definition/"
    assert found == {
        "aws_ecr_repository": {"shop/web"},  # it has no lifecycle or access policy
        "aws_ecs_cluster": {"batch"},  # not the INACTIVE "legacy"
        "aws_ecs_task_definition": {f"{task}worker:12", f"{task}agent:3"},
        "aws_ecs_service": {"batch/worker", "batch/agent"},  # not the INACTIVE one nor the express service
    }
    for tf_type, ids in found.items():
        assert [i for i in ids if mismatch(oracle_dir, tf_type, i)] == []

    assert_lines(
        checked.block("aws_ecr_repository", "shop_web"),
        'image_tag_mutability = "IMMUTABLE_WITH_EXCLUSION"',
        'filter = "dev-*"',
        'filter_type = "WILDCARD"',
    )
    cluster = checked.block("aws_ecs_cluster", "batch")
    assert "containerInsights" not in cluster  # "disabled" is the default
    assert_lines(
        cluster,
        'kms_key_id = "arn:aws:kms:us-east-1:123456789012:key/0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0"',
        'namespace = "arn:aws:servicediscovery:us-east-1:123456789012:namespace/ns-2kmz4vqn6jdu3xxk"',
    )

    worker = checked.block("aws_ecs_service", "batch_worker")
    assert_lines(
        worker,
        "task_definition = aws_ecs_task_definition.worker.arn",
        "desired_count = 4",
        'platform_version = "LATEST"',
        "deployment_maximum_percent = 150",
        "deployment_minimum_healthy_percent = 50",
        "enable_ecs_managed_tags = true",
        "enable_execute_command = true",
        'capacity_provider = "FARGATE_SPOT"',
        "deployment_circuit_breaker {\n    enable = true\n    rollback = true\n  }",
        'alarm_names = ["worker-errors"]',
        'subnets = ["subnet-0a1b2c3d4e5f60718", "subnet-0b2c4d6e8f0a1b2c3"]',
        "assign_public_ip = true",
        'registry_arn = "arn:aws:servicediscovery:us-east-1:123456789012:service/srv-5x3ffmjnqe2sy3ab"',
    )
    for absent in ("iam_role", "launch_type", "propagate_tags", "deployment_controller", "health_check_grace"):
        assert absent not in worker  # the service-linked role, capacity providers, and defaults
    agent = checked.block("aws_ecs_service", "batch_agent")
    assert_lines(agent, 'scheduling_strategy = "DAEMON"', 'expression = "attribute:ecs.instance-type =~ m5.*"')
    for absent in ("desired_count =", "deployment_maximum_percent", "deployment_circuit_breaker"):
        assert absent not in agent

    worker_task = checked.block("aws_ecs_task_definition", "worker")
    assert_lines(
        worker_task,
        'cpu_architecture = "ARM64"',
        "size_in_gib = 50",
        'file_system_id = "fs-0a1b2c3d4e5f67890"',
        'access_point_id = "fsap-0123456789abcdef0"',
        "value = var.worker_container_definitions_0_environment_1_value",  # DATABASE_URL holds a password
        'value = "jobs"',
        'valueFrom = "arn:aws:ssm:us-east-1:123456789012:parameter/shop/stripe-key"',
    )
    assert "recorded-not-real" not in checked.text("ecs.tf")
    assert "mountPoints = []" not in worker_task and "dockerLabels" not in worker_task  # empty fields left out
    assert_lines(
        checked.block("aws_ecs_task_definition", "agent"), 'pid_mode = "host"', 'host_path = "/var/run/docker.sock"'
    )
