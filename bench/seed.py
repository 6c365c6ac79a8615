"""Seed a benchmark estate in the emulator: many hand-made "stacks" over two regions.

One stack is what a team builds by hand for one application in one region:

- a VPC (DNS hostnames on) with two public and two private subnets, an
  internet gateway, a NAT gateway and its Elastic IP, a public and a private
  route table with their default routes and four associations, a network ACL
  with two rules;
- security groups web, app and db (web open on 80/443, app open to web, db to
  app), four instances (web and app tiers) with an instance profile;
- an IAM role with an inline policy and a customer-managed policy attached, and
  its instance profile;
- a bucket with tags, versioning, KMS encryption, a policy, a public access block
  and a lifecycle rule;
- a queue and its dead-letter queue (redrive policy), with an access policy
  letting the stack's topic send to it; the topic and its subscription;
- a DynamoDB table, two log groups, a Lambda function and the permission letting
  the topic invoke it.

About 54 resources a stack once scanned.  Each region also has a few KMS keys
(one per 8 stacks, with an alias) that the buckets and queues use, and the
account one Lambda execution role.

Seeding writes with plain boto3 clients (the estate's "hand", not adopt, whose
clients can only read), stacks in parallel: a few minutes at most for 5,000.
"""

from __future__ import annotations

import argparse
import io
import json
import math
import time
import zipfile
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field

import boto3
import botocore.config

REGIONS = ("us-east-1", "eu-west-1")
RESOURCES_PER_STACK = 54  # what one stack scans to (checked by the bench, which reports the real count)
STACKS_PER_KEY = 8
ACCOUNT = "123456789012"

CREDENTIALS = {"aws_access_key_id": "AKIABENCHADOPT000000", "aws_secret_access_key": "bench-secret-not-real"}


def stacks_for(resources: int) -> int:
    """How many stacks make about ``resources`` resources."""
    return max(1, math.ceil(resources / RESOURCES_PER_STACK))


def _tags(**tags: str) -> list[dict[str, str]]:
    return [{"Key": k, "Value": v} for k, v in tags.items()]


def _spec(kind: str, **tags: str) -> list[dict]:
    return [{"ResourceType": kind, "Tags": _tags(**tags)}]


def _policy(*statements: dict) -> str:
    return json.dumps({"Version": "2012-10-17", "Statement": list(statements)})


def _lambda_zip() -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("handler.py", "def handler(event, context):\n    return event\n")
    return buf.getvalue()


@dataclass
class Seeded:
    stacks: int
    regions: tuple[str, ...]
    seconds: float = 0.0
    writes: Counter = field(default_factory=Counter)  # write calls made, by operation


class Seeder:
    def __init__(
        self,
        endpoint: str,
        regions: tuple[str, ...] = REGIONS,
        prefix: str = "bench",
        credentials: dict[str, str] | None = None,
    ) -> None:
        self.endpoint = endpoint
        self.regions = tuple(regions)
        self.prefix = prefix
        self.session = boto3.session.Session(**(credentials or CREDENTIALS))
        self.account = ACCOUNT if credentials is None else self._account_of(endpoint)
        config = botocore.config.Config(
            retries={"mode": "standard", "max_attempts": 6}, max_pool_connections=64, connect_timeout=30
        )
        # Clients are thread-safe, but making them is not: all are made here, up front.
        self.clients = {
            (service, region): self.session.client(service, region_name=region, endpoint_url=endpoint, config=config)
            for service in ("ec2", "s3", "sqs", "sns", "dynamodb", "logs", "lambda", "kms", "iam")
            for region in self.regions
        }
        self.writes: Counter = Counter()
        self.keys: dict[str, list[str]] = {}  # region -> KMS key ARNs
        self.images: dict[str, str] = {}
        self.lambda_role = ""
        self.code = _lambda_zip()

    def _account_of(self, endpoint: str) -> str:
        sts = self.session.client("sts", region_name=self.regions[0], endpoint_url=endpoint)
        return sts.get_caller_identity()["Account"]

    def c(self, service: str, region: str):
        client = self.clients[(service, region)]
        return _Counting(client, self.writes)

    # -- shared pieces ---------------------------------------------------------

    def shared(self, stacks: int) -> None:
        """What stacks share: the Lambda execution role, a KMS key (and alias) per
        8 stacks of a region, an image to run.  Made once; found again when more
        stacks are added to an estate."""
        iam = self.c("iam", self.regions[0])
        role = f"{self.prefix}-lambda-exec"
        try:
            self.lambda_role = self.clients[("iam", self.regions[0])].get_role(RoleName=role)["Role"]["Arn"]
        except self.clients[("iam", self.regions[0])].exceptions.NoSuchEntityException:
            self.lambda_role = iam.create_role(
                RoleName=role,
                AssumeRolePolicyDocument=_policy(
                    {"Effect": "Allow", "Principal": {"Service": "lambda.amazonaws.com"}, "Action": "sts:AssumeRole"}
                ),
                Tags=_tags(Team="platform"),
            )["Role"]["Arn"]
        per_region = math.ceil(stacks / len(self.regions))
        for region in self.regions:
            kms = self.c("kms", region)
            aliases = self.clients[("kms", region)].list_aliases()["Aliases"]
            existing = {a["AliasName"]: a["TargetKeyId"] for a in aliases if a.get("TargetKeyId")}
            self.keys[region] = []
            for k in range(max(1, math.ceil(per_region / STACKS_PER_KEY))):
                alias = f"alias/{self.prefix}-data-{region}-{k}"
                if alias in existing:
                    key_id = existing[alias]
                else:
                    key_id = kms.create_key(Description=f"{self.prefix} data key {k}", Tags=[
                        {"TagKey": "Name", "TagValue": f"{self.prefix}-data-{k}"}])["KeyMetadata"]["KeyId"]  # fmt: skip
                    kms.create_alias(AliasName=alias, TargetKeyId=key_id)
                    kms.enable_key_rotation(KeyId=key_id)
                self.keys[region].append(f"arn:aws:kms:{region}:{self.account}:key/{key_id}")
            images = self.clients[("ec2", region)].describe_images(Owners=["amazon"])["Images"]
            self.images[region] = sorted(i["ImageId"] for i in images)[0]

    # -- one stack ---------------------------------------------------------------

    def stack(self, i: int) -> None:
        region = self.regions[i % len(self.regions)]
        name = f"{self.prefix}-{i:04d}"
        key_arn = self.keys[region][(i // len(self.regions)) % len(self.keys[region])]
        profile = self.iam(name)
        self.network(i, name, region, profile)
        topic_arn = self.messaging(name, region, key_arn)
        self.bucket(name, region, key_arn)
        self.data(name, region)
        self.function(name, region, topic_arn)

    def iam(self, name: str) -> str:
        iam = self.c("iam", self.regions[0])
        iam.create_role(
            RoleName=name,
            Path="/app/",
            Description=f"Runs the {name} servers",
            AssumeRolePolicyDocument=_policy(
                {"Effect": "Allow", "Principal": {"Service": "ec2.amazonaws.com"}, "Action": "sts:AssumeRole"}
            ),
            Tags=_tags(Team="platform", Stack=name),
        )
        iam.put_role_policy(
            RoleName=name,
            PolicyName="read-own-bucket",
            PolicyDocument=_policy(
                {
                    "Effect": "Allow",
                    "Action": ["s3:GetObject", "s3:ListBucket"],
                    "Resource": [f"arn:aws:s3:::{name}-data", f"arn:aws:s3:::{name}-data/*"],
                }  # fmt: skip
            ),
        )
        policy_arn = iam.create_policy(
            PolicyName=f"{name}-queues",
            Description=f"{name} may use its queues",
            PolicyDocument=_policy(
                {
                    "Effect": "Allow",
                    "Action": ["sqs:SendMessage", "sqs:ReceiveMessage"],
                    "Resource": f"arn:aws:sqs:*:{self.account}:{name}-*",
                }  # fmt: skip
            ),
        )["Policy"]["Arn"]
        iam.attach_role_policy(RoleName=name, PolicyArn=policy_arn)
        iam.create_instance_profile(InstanceProfileName=name)
        iam.add_role_to_instance_profile(InstanceProfileName=name, RoleName=name)
        return name

    def network(self, i: int, name: str, region: str, profile: str) -> None:
        ec2 = self.c("ec2", region)
        octet = i % 250
        vpc = ec2.create_vpc(CidrBlock=f"10.{octet}.0.0/16", TagSpecifications=_spec("vpc", Name=name, Stack=name))
        vpc_id = vpc["Vpc"]["VpcId"]
        ec2.modify_vpc_attribute(VpcId=vpc_id, EnableDnsHostnames={"Value": True})
        subnets = {}
        for s, (tier, az) in enumerate([("public", "a"), ("public", "b"), ("private", "a"), ("private", "b")]):
            subnet_id = ec2.create_subnet(
                VpcId=vpc_id,
                CidrBlock=f"10.{octet}.{s}.0/24",
                AvailabilityZone=f"{region}{az}",
                TagSpecifications=_spec("subnet", Name=f"{name}-{tier}-{az}", Tier=tier),
            )["Subnet"]["SubnetId"]
            if tier == "public":
                ec2.modify_subnet_attribute(SubnetId=subnet_id, MapPublicIpOnLaunch={"Value": True})
            subnets[f"{tier}-{az}"] = subnet_id
        igw = ec2.create_internet_gateway(TagSpecifications=_spec("internet-gateway", Name=name))
        igw_id = igw["InternetGateway"]["InternetGatewayId"]
        ec2.attach_internet_gateway(InternetGatewayId=igw_id, VpcId=vpc_id)
        eip = ec2.allocate_address(Domain="vpc", TagSpecifications=_spec("elastic-ip", Name=f"{name}-nat"))
        nat_id = ec2.create_nat_gateway(
            SubnetId=subnets["public-a"],
            AllocationId=eip["AllocationId"],
            TagSpecifications=_spec("natgateway", Name=name),
        )["NatGateway"]["NatGatewayId"]
        for tier, target in (("public", {"GatewayId": igw_id}), ("private", {"NatGatewayId": nat_id})):
            rtb_id = ec2.create_route_table(
                VpcId=vpc_id, TagSpecifications=_spec("route-table", Name=f"{name}-{tier}")
            )["RouteTable"]["RouteTableId"]
            ec2.create_route(RouteTableId=rtb_id, DestinationCidrBlock="0.0.0.0/0", **target)
            for az in "ab":
                ec2.associate_route_table(RouteTableId=rtb_id, SubnetId=subnets[f"{tier}-{az}"])
        nacl_id = ec2.create_network_acl(VpcId=vpc_id, TagSpecifications=_spec("network-acl", Name=name))["NetworkAcl"][
            "NetworkAclId"
        ]
        ec2.create_network_acl_entry(NetworkAclId=nacl_id, RuleNumber=100, Protocol="6", RuleAction="allow",
                                     Egress=False, CidrBlock="0.0.0.0/0", PortRange={"From": 443, "To": 443})  # fmt: skip
        ec2.create_network_acl_entry(NetworkAclId=nacl_id, RuleNumber=100, Protocol="-1", RuleAction="allow",
                                     Egress=True, CidrBlock="0.0.0.0/0")  # fmt: skip
        groups = {}
        for tier, description in (("web", "Public web tier"), ("app", "Application servers"), ("db", "Databases")):
            groups[tier] = ec2.create_security_group(
                GroupName=f"{name}-{tier}",
                Description=description,
                VpcId=vpc_id,
                TagSpecifications=_spec("security-group", Name=f"{name}-{tier}"),
            )["GroupId"]
        ec2.authorize_security_group_ingress(GroupId=groups["web"], IpPermissions=[
            {"IpProtocol": "tcp", "FromPort": p, "ToPort": p, "IpRanges": [{"CidrIp": "0.0.0.0/0"}]}
            for p in (80, 443)])  # fmt: skip
        for tier, source, port in (("app", "web", 8080), ("db", "app", 5432)):
            ec2.authorize_security_group_ingress(GroupId=groups[tier], IpPermissions=[
                {"IpProtocol": "tcp", "FromPort": port, "ToPort": port,
                 "UserIdGroupPairs": [{"GroupId": groups[source]}]}])  # fmt: skip
        for tier, subnet_tier in (("web", "public"), ("app", "private")):
            for az in "ab":
                ec2.run_instances(
                    ImageId=self.images[region],
                    InstanceType="t3.small" if tier == "web" else "t3.large",
                    MinCount=1,
                    MaxCount=1,
                    SubnetId=subnets[f"{subnet_tier}-{az}"],
                    SecurityGroupIds=[groups[tier]],
                    IamInstanceProfile={"Name": profile},
                    TagSpecifications=_spec("instance", Name=f"{name}-{tier}-{az}", Tier=tier),
                )

    def messaging(self, name: str, region: str, key_arn: str) -> str:
        sqs, sns = self.c("sqs", region), self.c("sns", region)
        sqs.create_queue(QueueName=f"{name}-dlq", Attributes={"MessageRetentionPeriod": "1209600"},
                         tags={"Stack": name})  # fmt: skip
        dlq_arn = f"arn:aws:sqs:{region}:{self.account}:{name}-dlq"
        topic_arn = sns.create_topic(Name=f"{name}-events", Tags=_tags(Stack=name))["TopicArn"]
        queue_arn = f"arn:aws:sqs:{region}:{self.account}:{name}-work"
        sqs.create_queue(
            QueueName=f"{name}-work",
            Attributes={
                "VisibilityTimeout": "120",
                "KmsMasterKeyId": key_arn,
                "RedrivePolicy": json.dumps({"deadLetterTargetArn": dlq_arn, "maxReceiveCount": 5}),
                "Policy": _policy(
                    {
                        "Effect": "Allow",
                        "Principal": {"Service": "sns.amazonaws.com"},
                        "Action": "sqs:SendMessage",
                        "Resource": queue_arn,
                        "Condition": {"ArnEquals": {"aws:SourceArn": topic_arn}},
                    }  # fmt: skip
                ),
            },
            tags={"Stack": name},
        )
        sns.subscribe(TopicArn=topic_arn, Protocol="sqs", Endpoint=queue_arn,
                      Attributes={"RawMessageDelivery": "true"})  # fmt: skip
        return topic_arn

    def bucket(self, name: str, region: str, key_arn: str) -> None:
        s3 = self.c("s3", region)
        bucket = f"{name}-data"
        extra = {} if region == "us-east-1" else {"CreateBucketConfiguration": {"LocationConstraint": region}}
        s3.create_bucket(Bucket=bucket, **extra)
        s3.put_bucket_tagging(Bucket=bucket, Tagging={"TagSet": _tags(Name=bucket, Stack=name)})
        s3.put_bucket_versioning(Bucket=bucket, VersioningConfiguration={"Status": "Enabled"})
        s3.put_bucket_encryption(Bucket=bucket, ServerSideEncryptionConfiguration={"Rules": [
            {"ApplyServerSideEncryptionByDefault": {"SSEAlgorithm": "aws:kms", "KMSMasterKeyID": key_arn},
             "BucketKeyEnabled": True}]})  # fmt: skip
        s3.put_bucket_policy(Bucket=bucket, Policy=_policy(
            {"Sid": "DenyInsecureTransport", "Effect": "Deny", "Principal": "*", "Action": "s3:*",
             "Resource": [f"arn:aws:s3:::{bucket}", f"arn:aws:s3:::{bucket}/*"],
             "Condition": {"Bool": {"aws:SecureTransport": "false"}}}))  # fmt: skip
        s3.put_public_access_block(Bucket=bucket, PublicAccessBlockConfiguration={
            "BlockPublicAcls": True, "IgnorePublicAcls": True, "BlockPublicPolicy": True,
            "RestrictPublicBuckets": True})  # fmt: skip
        s3.put_bucket_lifecycle_configuration(Bucket=bucket, LifecycleConfiguration={"Rules": [
            {"ID": "expire-tmp", "Status": "Enabled", "Filter": {"Prefix": "tmp/"}, "Expiration": {"Days": 7}}]})  # fmt: skip

    def data(self, name: str, region: str) -> None:
        self.c("dynamodb", region).create_table(
            TableName=f"{name}-sessions",
            BillingMode="PAY_PER_REQUEST",
            AttributeDefinitions=[{"AttributeName": "pk", "AttributeType": "S"}],
            KeySchema=[{"AttributeName": "pk", "KeyType": "HASH"}],
            Tags=_tags(Stack=name),
        )
        logs = self.c("logs", region)
        for group in (f"/app/{name}/web", f"/app/{name}/worker"):
            logs.create_log_group(logGroupName=group, tags={"Stack": name})
            logs.put_retention_policy(logGroupName=group, retentionInDays=30)

    def function(self, name: str, region: str, topic_arn: str) -> None:
        lam = self.c("lambda", region)
        lam.create_function(
            FunctionName=f"{name}-notify",
            Runtime="python3.12",
            Role=self.lambda_role,
            Handler="handler.handler",
            Code={"ZipFile": self.code},
            Timeout=30,
            MemorySize=256,
            Environment={"Variables": {"STAGE": "prod", "STACK": name}},
            Tags={"Stack": name},
        )
        lam.add_permission(FunctionName=f"{name}-notify", StatementId="sns-invoke", Action="lambda:InvokeFunction",
                           Principal="sns.amazonaws.com", SourceArn=topic_arn)  # fmt: skip


class _Counting:
    """A client that counts its write calls (for the seeding report)."""

    def __init__(self, client, counter: Counter) -> None:
        self._client, self._counter = client, counter

    def __getattr__(self, name: str):
        method = getattr(self._client, name)

        def call(*args, **kwargs):
            self._counter[name] += 1
            return method(*args, **kwargs)

        return call


def seed_estate(
    endpoint: str,
    stacks: int,
    start: int = 0,
    regions: tuple[str, ...] = REGIONS,
    workers: int = 8,
    prefix: str = "bench",
    credentials: dict[str, str] | None = None,
) -> Seeded:
    """Seed stacks ``start`` .. ``start + stacks - 1`` (alternating regions) into
    the emulator at ``endpoint``; stacks seeded before are kept, so an estate grows."""
    started = time.perf_counter()
    seeder = Seeder(endpoint, regions, prefix, credentials)
    seeder.shared(start + stacks)
    with ThreadPoolExecutor(max_workers=workers, thread_name_prefix="seed") as pool:
        for future in [pool.submit(seeder.stack, i) for i in range(start, start + stacks)]:
            future.result()
    return Seeded(stacks, tuple(regions), time.perf_counter() - started, seeder.writes)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="Seed a benchmark estate into a running emulator.")
    parser.add_argument("--endpoint-url", required=True)
    parser.add_argument("--resources", type=int, default=1000, help="about this many resources")
    parser.add_argument("--workers", type=int, default=8)
    args = parser.parse_args(argv)
    seeded = seed_estate(args.endpoint_url, stacks_for(args.resources), workers=args.workers)
    print(f"seeded {seeded.stacks} stacks with {sum(seeded.writes.values())} write calls in {seeded.seconds:.1f}s")


if __name__ == "__main__":
    main()
