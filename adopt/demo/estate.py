"""The built-in demo estate: a small account built by hand, as they usually are.

A VPC with public and private subnets, an internet gateway and route tables;
security groups web, app and db (app allows web, db allows app); three servers
SERVER1..3 that were meant to be identical but drifted (an extra security
group, a tag, an instance type: ``adopt drift`` shows it); an instance profile and
its role; a file-share bucket with versioning, encryption, a policy and a
public access block, and its replica in a second region.

Seeding writes to the emulator with plain boto3 clients: it is the estate's
"hand" building it, not adopt (whose clients can only read).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field

import boto3

PRIMARY_REGION = "us-east-1"
REPLICA_REGION = "eu-west-1"
OFFICE_CIDR = "203.0.113.0/24"


@dataclass
class SeededEstate:
    """What was created: expected import IDs per Terraform type."""

    import_ids: dict[str, set[str]] = field(default_factory=dict)

    def add(self, tf_type: str, import_id: str) -> None:
        self.import_ids.setdefault(tf_type, set()).add(import_id)

    @property
    def total(self) -> int:
        return sum(len(ids) for ids in self.import_ids.values())


def _tags(**tags: str) -> list[dict[str, str]]:
    return [{"Key": k, "Value": v} for k, v in tags.items()]


def seed(endpoint_url: str, session: boto3.session.Session, account_prefix: str = "acme") -> SeededEstate:
    estate = SeededEstate()
    clients = {}

    def client(service: str, region: str = PRIMARY_REGION):
        if (service, region) not in clients:
            clients[(service, region)] = session.client(service, region_name=region, endpoint_url=endpoint_url)
        return clients[(service, region)]

    ec2 = client("ec2")
    vpc_id = ec2.create_vpc(
        CidrBlock="10.20.0.0/16",
        TagSpecifications=[
            {
                "ResourceType": "vpc",
                "Tags": _tags(Name="main", Environment="production"),
            }
        ],
    )["Vpc"]["VpcId"]
    ec2.modify_vpc_attribute(VpcId=vpc_id, EnableDnsHostnames={"Value": True})
    estate.add("aws_vpc", vpc_id)

    subnets = {}
    for name, cidr, az, public in [
        ("public-a", "10.20.1.0/24", "us-east-1a", True),
        ("public-b", "10.20.2.0/24", "us-east-1b", True),
        ("private-a", "10.20.11.0/24", "us-east-1a", False),
        ("private-b", "10.20.12.0/24", "us-east-1b", False),
    ]:
        subnet_id = ec2.create_subnet(
            VpcId=vpc_id,
            CidrBlock=cidr,
            AvailabilityZone=az,
            TagSpecifications=[
                {
                    "ResourceType": "subnet",
                    "Tags": _tags(Name=name, Tier="public" if public else "private"),
                }
            ],
        )["Subnet"]["SubnetId"]
        if public:
            ec2.modify_subnet_attribute(SubnetId=subnet_id, MapPublicIpOnLaunch={"Value": True})
        subnets[name] = subnet_id
        estate.add("aws_subnet", subnet_id)

    igw_id = ec2.create_internet_gateway(
        TagSpecifications=[{"ResourceType": "internet-gateway", "Tags": _tags(Name="main-igw")}]
    )["InternetGateway"]["InternetGatewayId"]
    ec2.attach_internet_gateway(InternetGatewayId=igw_id, VpcId=vpc_id)
    estate.add("aws_internet_gateway", igw_id)

    for table_name, members in [
        ("public", ["public-a", "public-b"]),
        ("private", ["private-a", "private-b"]),
    ]:
        rtb_id = ec2.create_route_table(
            VpcId=vpc_id,
            TagSpecifications=[{"ResourceType": "route-table", "Tags": _tags(Name=table_name)}],
        )["RouteTable"]["RouteTableId"]
        estate.add("aws_route_table", rtb_id)
        if table_name == "public":
            ec2.create_route(RouteTableId=rtb_id, DestinationCidrBlock="0.0.0.0/0", GatewayId=igw_id)
            estate.add("aws_route", f"{rtb_id}_0.0.0.0/0")
        for member in members:
            ec2.associate_route_table(RouteTableId=rtb_id, SubnetId=subnets[member])
            estate.add("aws_route_table_association", f"{subnets[member]}/{rtb_id}")

    groups = {}
    for name, description in [
        ("web", "Public web tier"),
        ("app", "Application servers"),
        ("db", "Database access"),
    ]:
        groups[name] = ec2.create_security_group(
            GroupName=name,
            Description=description,
            VpcId=vpc_id,
            TagSpecifications=[{"ResourceType": "security-group", "Tags": _tags(Name=name)}],
        )["GroupId"]
        estate.add("aws_security_group", groups[name])

    def allow(
        group: str,
        port: int,
        description: str,
        cidr: str | None = None,
        source: str | None = None,
    ) -> None:
        permission: dict = {"IpProtocol": "tcp", "FromPort": port, "ToPort": port}
        if cidr:
            permission["IpRanges"] = [{"CidrIp": cidr, "Description": description}]
        else:
            permission["UserIdGroupPairs"] = [{"GroupId": groups[source], "Description": description}]
        ec2.authorize_security_group_ingress(GroupId=groups[group], IpPermissions=[permission])

    allow("web", 80, "HTTP from anywhere", cidr="0.0.0.0/0")
    allow("web", 443, "HTTPS from anywhere", cidr="0.0.0.0/0")
    allow("web", 22, "SSH from the office", cidr=OFFICE_CIDR)
    allow("app", 8080, "App port from the web tier", source="web")
    allow("db", 5432, "PostgreSQL from the app tier", source="app")
    rules = ec2.describe_security_group_rules(Filters=[{"Name": "group-id", "Values": list(groups.values())}])
    for rule in rules["SecurityGroupRules"]:
        kind = "egress" if rule["IsEgress"] else "ingress"
        estate.add(f"aws_vpc_security_group_{kind}_rule", rule["SecurityGroupRuleId"])

    # The role and instance profile the servers run with.
    iam = client("iam")
    role_name = "app-server"
    iam.create_role(
        RoleName=role_name,
        Description="Runs the application servers",
        AssumeRolePolicyDocument=json.dumps(
            {
                "Version": "2012-10-17",
                "Statement": [
                    {
                        "Effect": "Allow",
                        "Principal": {"Service": "ec2.amazonaws.com"},
                        "Action": "sts:AssumeRole",
                    }
                ],
            }
        ),
        Tags=_tags(Team="platform"),
    )
    estate.add("aws_iam_role", role_name)
    iam.attach_role_policy(
        RoleName=role_name,
        PolicyArn="arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore",
    )
    estate.add(
        "aws_iam_role_policy_attachment",
        f"{role_name}/arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore",
    )
    bucket = f"{account_prefix}-file-share"
    iam.put_role_policy(
        RoleName=role_name,
        PolicyName="read-file-share",
        PolicyDocument=json.dumps(
            {
                "Version": "2012-10-17",
                "Statement": [
                    {
                        "Effect": "Allow",
                        "Action": ["s3:GetObject", "s3:ListBucket"],
                        "Resource": [
                            f"arn:aws:s3:::{bucket}",
                            f"arn:aws:s3:::{bucket}/*",
                        ],
                    }
                ],
            }
        ),
    )
    estate.add("aws_iam_role_policy", f"{role_name}:read-file-share")
    iam.create_instance_profile(InstanceProfileName=role_name)
    iam.add_role_to_instance_profile(InstanceProfileName=role_name, RoleName=role_name)
    estate.add("aws_iam_instance_profile", role_name)

    # Three servers meant to be identical; over time one was put in the
    # database's group during an incident and never taken out, one got a
    # hand-applied hotfix that only its tag remembers, and one was resized.
    image_id = ec2.describe_images(Owners=["amazon"])["Images"][0]["ImageId"]
    servers = [
        ("SERVER1", "t3.medium", "public-a", ["db"], {}),
        ("SERVER2", "t3.medium", "public-b", [], {"Hotfix": "OPS-1432 kernel param"}),
        ("SERVER3", "t3.large", "public-a", [], {}),
    ]
    for name, instance_type, subnet, extra_groups, extra_tags in servers:
        instance = ec2.run_instances(
            ImageId=image_id,
            InstanceType=instance_type,
            MinCount=1,
            MaxCount=1,
            SubnetId=subnets[subnet],
            SecurityGroupIds=[groups["web"], groups["app"]] + [groups[g] for g in extra_groups],
            IamInstanceProfile={"Name": role_name},
            TagSpecifications=[
                {
                    "ResourceType": "instance",
                    "Tags": _tags(Name=name, Role="app", **extra_tags),
                }
            ],
        )["Instances"][0]
        estate.add("aws_instance", instance["InstanceId"])

    # The file share, and its replica in a second region.
    s3 = client("s3")
    s3.create_bucket(Bucket=bucket)
    s3.put_bucket_tagging(
        Bucket=bucket,
        Tagging={"TagSet": _tags(Name="file-share", DataClass="internal")},
    )
    s3.put_bucket_versioning(Bucket=bucket, VersioningConfiguration={"Status": "Enabled"})
    s3.put_bucket_encryption(
        Bucket=bucket,
        ServerSideEncryptionConfiguration={
            "Rules": [
                {
                    "ApplyServerSideEncryptionByDefault": {"SSEAlgorithm": "aws:kms"},
                    "BucketKeyEnabled": True,
                }
            ]
        },
    )
    s3.put_bucket_policy(
        Bucket=bucket,
        Policy=json.dumps(
            {
                "Version": "2012-10-17",
                "Statement": [
                    {
                        "Sid": "DenyInsecureTransport",
                        "Effect": "Deny",
                        "Principal": "*",
                        "Action": "s3:*",
                        "Resource": [
                            f"arn:aws:s3:::{bucket}",
                            f"arn:aws:s3:::{bucket}/*",
                        ],
                        "Condition": {"Bool": {"aws:SecureTransport": "false"}},
                    }
                ],
            }
        ),
    )
    s3.put_public_access_block(
        Bucket=bucket,
        PublicAccessBlockConfiguration={
            "BlockPublicAcls": True,
            "IgnorePublicAcls": True,
            "BlockPublicPolicy": True,
            "RestrictPublicBuckets": True,
        },
    )
    for tf_type in (
        "aws_s3_bucket",
        "aws_s3_bucket_versioning",
        "aws_s3_bucket_server_side_encryption_configuration",
        "aws_s3_bucket_policy",
        "aws_s3_bucket_public_access_block",
    ):
        estate.add(tf_type, bucket)

    replica = f"{bucket}-replica"
    client("s3", REPLICA_REGION).create_bucket(
        Bucket=replica, CreateBucketConfiguration={"LocationConstraint": REPLICA_REGION}
    )
    client("s3", REPLICA_REGION).put_bucket_versioning(Bucket=replica, VersioningConfiguration={"Status": "Enabled"})
    estate.add("aws_s3_bucket", replica)
    estate.add("aws_s3_bucket_versioning", replica)
    return estate
