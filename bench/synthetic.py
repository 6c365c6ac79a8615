"""Synthetic inventories of any size, shaped like what ``adopt scan`` writes for
the benchmark estate (see ``bench/seed.py``), without AWS: the input of the
generation benchmarks.

A group is one hand-made application stack in one region: a VPC with subnets,
an internet gateway, a NAT gateway and its address, route tables with routes
and associations, security groups and their rules (some referencing each
other), instances; an IAM role with an inline policy, a customer-managed policy
attachment and an instance profile; a bucket with versioning, KMS encryption and
a policy; a queue with its dead-letter queue (referenced inside the redrive
policy document), a topic subscribed to it; a table, log groups, a function
and its permission.  Every region has a KMS key per 8 groups.  References are
the ones a scan finds, by ``id``, ``arn`` and ``name``, inside lists and JSON
documents too.

``python -m bench.synthetic --resources N --out FILE`` writes one.
"""

from __future__ import annotations

import argparse
import json
import random

from adopt.model import Inventory, Reference, Resource

REGIONS = ["us-east-1", "eu-west-1"]
ACCOUNT = "123456789012"


def _r(tf_type, rid, region, attributes, refs=(), **kw):
    return Resource(
        type=tf_type,
        id=rid,
        import_id=kw.pop("import_id", rid),
        region=region,
        attributes=attributes,
        references=[Reference(path, t, attr, value) for path, t, attr, value in refs],
        tags=dict(attributes.get("tags") or {}),
        **kw,
    )


def _doc(*statements: dict) -> str:
    return json.dumps({"Version": "2012-10-17", "Statement": list(statements)}, separators=(",", ":"))


def _group(i: int, rng: random.Random, out: list[Resource]) -> None:
    region = REGIONS[i % 2]
    name = f"app-{i:05d}"
    add = out.append

    # -- network ------------------------------------------------------------------
    vpc = f"vpc-{i:017x}"
    add(_r("aws_vpc", vpc, region, {"cidr_block": f"10.{i % 250}.0.0/16", "enable_dns_hostnames": True,
           "tags": {"Name": name, "Stack": name}}, label=name,
           arn=f"arn:aws:ec2:{region}:{ACCOUNT}:vpc/{vpc}"))  # fmt: skip
    subnets = {}
    for s, (tier, az) in enumerate([("public", "a"), ("public", "b"), ("private", "a"), ("private", "b")]):
        sid = f"subnet-{i:015x}{s:02x}"
        subnets[f"{tier}-{az}"] = sid
        attributes = {"vpc_id": vpc, "cidr_block": f"10.{i % 250}.{s}.0/24", "availability_zone": f"{region}{az}",
                      "tags": {"Name": f"{name}-{tier}-{az}", "Tier": tier}}  # fmt: skip
        if tier == "public":
            attributes["map_public_ip_on_launch"] = True
        add(_r("aws_subnet", sid, region, attributes, [("vpc_id", "aws_vpc", "id", vpc)],
               label=f"{name}-{tier}-{az}", arn=f"arn:aws:ec2:{region}:{ACCOUNT}:subnet/{sid}"))  # fmt: skip
    igw = f"igw-{i:017x}"
    add(_r("aws_internet_gateway", igw, region, {"vpc_id": vpc, "tags": {"Name": name}},
           [("vpc_id", "aws_vpc", "id", vpc)], label=name))  # fmt: skip
    eip = f"eipalloc-{i:017x}"
    add(_r("aws_eip", eip, region, {"tags": {"Name": f"{name}-nat"}}, label=f"{name}-nat"))
    nat = f"nat-{i:017x}"
    add(_r("aws_nat_gateway", nat, region, {"subnet_id": subnets["public-a"], "allocation_id": eip,
           "tags": {"Name": name}},
           [("allocation_id", "aws_eip", "id", eip), ("subnet_id", "aws_subnet", "id", subnets["public-a"])],
           label=name))  # fmt: skip
    for t, (tier, target) in enumerate((("public", ("gateway_id", "aws_internet_gateway", igw)),
                                        ("private", ("nat_gateway_id", "aws_nat_gateway", nat)))):  # fmt: skip
        rtb = f"rtb-{i:015x}{t:02x}"
        add(_r("aws_route_table", rtb, region, {"vpc_id": vpc, "tags": {"Name": f"{name}-{tier}"}},
               [("vpc_id", "aws_vpc", "id", vpc)], label=f"{name}-{tier}"))  # fmt: skip
        arg, target_type, target_id = target
        add(_r("aws_route", f"{rtb}_0.0.0.0/0", region,
               {"route_table_id": rtb, "destination_cidr_block": "0.0.0.0/0", arg: target_id},
               [(arg, target_type, "id", target_id), ("route_table_id", "aws_route_table", "id", rtb)],
               parent={"type": "aws_route_table", "id": rtb}, label="default"))  # fmt: skip
        for az in "ab":
            sid = subnets[f"{tier}-{az}"]
            add(_r("aws_route_table_association", f"rtbassoc-{sid[7:]}", region,
                   {"route_table_id": rtb, "subnet_id": sid},
                   [("route_table_id", "aws_route_table", "id", rtb), ("subnet_id", "aws_subnet", "id", sid)],
                   import_id=f"{sid}/{rtb}", parent={"type": "aws_route_table", "id": rtb}, label=sid))  # fmt: skip
    groups = {}
    for g, (tier, description) in enumerate((("web", "Public web tier"), ("app", "Application servers"),
                                             ("db", "Databases"))):  # fmt: skip
        gid = f"sg-{i:015x}{g:02x}"
        groups[tier] = gid
        add(_r("aws_security_group", gid, region, {"name": f"{name}-{tier}", "description": description,
               "vpc_id": vpc, "tags": {"Name": f"{name}-{tier}"}}, [("vpc_id", "aws_vpc", "id", vpc)],
               name=f"{name}-{tier}", label=f"{name}-{tier}"))  # fmt: skip
        add(_r("aws_vpc_security_group_egress_rule", f"sgr-{gid[3:]}ff", region,
               {"security_group_id": gid, "ip_protocol": "-1", "cidr_ipv4": "0.0.0.0/0"},
               [("security_group_id", "aws_security_group", "id", gid)],
               parent={"type": "aws_security_group", "id": gid}, label="egress_all"))  # fmt: skip
    rules = [("web", 80, None), ("web", 443, None), ("app", 8080, "web"), ("db", 5432, "app")]
    for tier, port, source in rules:
        gid = groups[tier]
        attributes = {"security_group_id": gid, "ip_protocol": "tcp", "from_port": port, "to_port": port}
        refs = [("security_group_id", "aws_security_group", "id", gid)]
        if source:
            attributes["referenced_security_group_id"] = groups[source]
            refs.append(("referenced_security_group_id", "aws_security_group", "id", groups[source]))
        else:
            attributes["cidr_ipv4"] = "0.0.0.0/0"
        add(_r("aws_vpc_security_group_ingress_rule", f"sgr-{gid[3:]}{port:04x}", region, attributes, refs,
               parent={"type": "aws_security_group", "id": gid}, label=f"ingress_{port}"))  # fmt: skip

    # -- identity -----------------------------------------------------------------
    role_arn = f"arn:aws:iam::{ACCOUNT}:role/app/{name}"
    add(_r("aws_iam_role", name, "global", {"name": name, "path": "/app/", "description": f"Runs the {name} servers",
           "assume_role_policy": _doc({"Effect": "Allow", "Principal": {"Service": "ec2.amazonaws.com"},
                                       "Action": "sts:AssumeRole"}),
           "tags": {"Stack": name, "Team": "platform"}}, name=name, arn=role_arn, label=name))  # fmt: skip
    add(_r("aws_iam_role_policy", f"{name}:read-own-bucket", "global", {"name": "read-own-bucket", "role": name,
           "policy": _doc({"Effect": "Allow", "Action": ["s3:GetObject", "s3:ListBucket"],
                           "Resource": [f"arn:aws:s3:::{name}-data", f"arn:aws:s3:::{name}-data/*"]})},
           [("role", "aws_iam_role", "name", name)], parent={"type": "aws_iam_role", "id": name},
           label="read-own-bucket"))  # fmt: skip
    policy_arn = f"arn:aws:iam::{ACCOUNT}:policy/{name}-queues"
    add(_r("aws_iam_policy", policy_arn, "global", {"name": f"{name}-queues", "description": f"{name} queues",
           "policy": _doc({"Effect": "Allow", "Action": ["sqs:SendMessage", "sqs:ReceiveMessage"],
                           "Resource": f"arn:aws:sqs:*:{ACCOUNT}:{name}-*"})},
           name=f"{name}-queues", arn=policy_arn, label=f"{name}-queues"))  # fmt: skip
    add(_r("aws_iam_role_policy_attachment", f"{name}/{policy_arn}", "global",
           {"role": name, "policy_arn": policy_arn},
           [("policy_arn", "aws_iam_policy", "arn", policy_arn), ("role", "aws_iam_role", "name", name)],
           parent={"type": "aws_iam_role", "id": name}, label=f"{name}-queues"))  # fmt: skip
    add(_r("aws_iam_instance_profile", name, "global", {"name": name, "role": name},
           [("role", "aws_iam_role", "name", name)], name=name,
           arn=f"arn:aws:iam::{ACCOUNT}:instance-profile/{name}", label=name))  # fmt: skip

    # -- compute ------------------------------------------------------------------
    for k in range(rng.randint(2, 6)):
        tier = "web" if k % 2 == 0 else "app"
        sid = subnets[f"{'public' if tier == 'web' else 'private'}-{'ab'[k // 2 % 2]}"]
        iid = f"i-{i:013x}{k:04x}"
        add(_r("aws_instance", iid, region,
               {"ami": "ami-0123456789abcdef0", "instance_type": rng.choice(["t3.small", "t3.large"]),
                "subnet_id": sid, "vpc_security_group_ids": [groups[tier]], "iam_instance_profile": name,
                "tags": {"Name": f"{name}-{tier}-{k}", "Tier": tier}},
               [("iam_instance_profile", "aws_iam_instance_profile", "name", name),
                ("subnet_id", "aws_subnet", "id", sid),
                ("vpc_security_group_ids[0]", "aws_security_group", "id", groups[tier])],
               label=f"{name}-{tier}-{k}", arn=f"arn:aws:ec2:{region}:{ACCOUNT}:instance/{iid}"))  # fmt: skip

    # -- data ---------------------------------------------------------------------
    key_arn = f"arn:aws:kms:{region}:{ACCOUNT}:key/{(i // 16):08x}-0000-4000-8000-{region[:2]}0000000000"
    if i // 2 % 8 == 0:  # one key per 8 groups of a region, made with the first of them
        key_id = key_arn.rsplit("/", 1)[1]
        add(_r("aws_kms_key", key_id, region, {"description": f"data key {i // 16}", "enable_key_rotation": True,
               "tags": {"Name": f"data-{i // 16}"}}, arn=key_arn, label=f"data-{i // 16}"))  # fmt: skip
        add(_r("aws_kms_alias", f"alias/data-{i // 16}", region, {"name": f"alias/data-{i // 16}",
               "target_key_id": key_id}, [("target_key_id", "aws_kms_key", "id", key_id)],
               name=f"alias/data-{i // 16}", label=f"data-{i // 16}"))  # fmt: skip
    bucket = f"{name}-data"
    add(_r("aws_s3_bucket", bucket, region, {"bucket": bucket, "tags": {"Name": bucket, "Stack": name}},
           name=bucket, arn=f"arn:aws:s3:::{bucket}", label=bucket))  # fmt: skip
    child = {"parent": {"type": "aws_s3_bucket", "id": bucket}}
    bucket_ref = ("bucket", "aws_s3_bucket", "id", bucket)
    add(_r("aws_s3_bucket_versioning", bucket, region,
           {"bucket": bucket, "versioning_configuration": {"status": "Enabled"}}, [bucket_ref], **child))  # fmt: skip
    add(_r("aws_s3_bucket_server_side_encryption_configuration", bucket, region,
           {"bucket": bucket, "rule": [{"apply_server_side_encryption_by_default": {
               "sse_algorithm": "aws:kms", "kms_master_key_id": key_arn}, "bucket_key_enabled": True}]},
           [bucket_ref, ("rule[0].apply_server_side_encryption_by_default.kms_master_key_id", "aws_kms_key", "arn",
                         key_arn)], **child))  # fmt: skip
    add(_r("aws_s3_bucket_policy", bucket, region, {"bucket": bucket, "policy": _doc(
        {"Sid": "DenyInsecureTransport", "Effect": "Deny", "Principal": "*", "Action": "s3:*",
         "Resource": [f"arn:aws:s3:::{bucket}", f"arn:aws:s3:::{bucket}/*"],
         "Condition": {"Bool": {"aws:SecureTransport": "false"}}})}, [bucket_ref], **child))  # fmt: skip
    add(_r("aws_s3_bucket_public_access_block", bucket, region, {"bucket": bucket, "block_public_acls": True,
           "block_public_policy": True, "ignore_public_acls": True, "restrict_public_buckets": True},
           [bucket_ref], **child))  # fmt: skip

    # -- messaging ------------------------------------------------------------------
    queue_url = f"https://sqs.{region}.amazonaws.com/{ACCOUNT}/{name}"
    dlq_arn, queue_arn = (f"arn:aws:sqs:{region}:{ACCOUNT}:{name}-{q}" for q in ("dlq", "work"))
    topic_arn = f"arn:aws:sns:{region}:{ACCOUNT}:{name}-events"
    add(_r("aws_sqs_queue", f"{queue_url}-dlq", region, {"name": f"{name}-dlq",
           "message_retention_seconds": 1209600, "tags": {"Stack": name}},
           name=f"{name}-dlq", arn=dlq_arn, label=f"{name}-dlq"))  # fmt: skip
    add(_r("aws_sqs_queue", f"{queue_url}-work", region, {"name": f"{name}-work", "visibility_timeout_seconds": 120,
           "kms_master_key_id": key_arn,
           "redrive_policy": json.dumps({"deadLetterTargetArn": dlq_arn, "maxReceiveCount": 5}, separators=(",", ":")),
           "tags": {"Stack": name}},
           [("kms_master_key_id", "aws_kms_key", "arn", key_arn),
            ("redrive_policy.deadLetterTargetArn", "aws_sqs_queue", "arn", dlq_arn)],
           name=f"{name}-work", arn=queue_arn, label=f"{name}-work"))  # fmt: skip
    add(_r("aws_sqs_queue_policy", f"{queue_url}-work", region, {"queue_url": f"{queue_url}-work", "policy": _doc(
        {"Effect": "Allow", "Principal": {"Service": "sns.amazonaws.com"}, "Action": "sqs:SendMessage",
         "Resource": queue_arn, "Condition": {"ArnEquals": {"aws:SourceArn": topic_arn}}})},
           [("queue_url", "aws_sqs_queue", "id", f"{queue_url}-work")],
           parent={"type": "aws_sqs_queue", "id": f"{queue_url}-work"}))  # fmt: skip
    add(_r("aws_sns_topic", topic_arn, region, {"name": f"{name}-events", "tags": {"Stack": name}},
           name=f"{name}-events", arn=topic_arn, label=f"{name}-events"))  # fmt: skip
    add(_r("aws_sns_topic_subscription", f"{topic_arn}:{i:08x}-0000-4000-8000-000000000000", region,
           {"topic_arn": topic_arn, "protocol": "sqs", "endpoint": queue_arn, "raw_message_delivery": True},
           [("endpoint", "aws_sqs_queue", "arn", queue_arn), ("topic_arn", "aws_sns_topic", "arn", topic_arn)],
           parent={"type": "aws_sns_topic", "id": topic_arn}, label=f"sqs_{name}-work"))  # fmt: skip
    add(_r("aws_dynamodb_table", f"{name}-sessions", region, {"name": f"{name}-sessions",
           "billing_mode": "PAY_PER_REQUEST", "hash_key": "pk", "attribute": [{"name": "pk", "type": "S"}],
           "tags": {"Stack": name}}, name=f"{name}-sessions", label=f"{name}-sessions",
           arn=f"arn:aws:dynamodb:{region}:{ACCOUNT}:table/{name}-sessions"))  # fmt: skip
    for stream in ("web", "worker"):
        group = f"/app/{name}/{stream}"
        add(_r("aws_cloudwatch_log_group", group, region, {"name": group, "retention_in_days": 30,
               "tags": {"Stack": name}}, name=group, label=group,
               arn=f"arn:aws:logs:{region}:{ACCOUNT}:log-group:{group}"))  # fmt: skip
    function = f"{name}-notify"
    lambda_role = f"arn:aws:iam::{ACCOUNT}:role/lambda-exec"
    add(_r("aws_lambda_function", function, region, {"function_name": function, "role": lambda_role,
           "runtime": "python3.12", "handler": "handler.handler", "filename": f"{function}.zip", "memory_size": 256,
           "timeout": 30, "environment": {"variables": {"STACK": name, "STAGE": "prod"}}, "tags": {"Stack": name}},
           [("role", "aws_iam_role", "arn", lambda_role)], name=function, label=function,
           arn=f"arn:aws:lambda:{region}:{ACCOUNT}:function:{function}"))  # fmt: skip
    add(_r("aws_lambda_permission", f"{function}/sns-invoke", region, {"function_name": function,
           "statement_id": "sns-invoke", "action": "lambda:InvokeFunction", "principal": "sns.amazonaws.com",
           "source_arn": topic_arn},
           [("function_name", "aws_lambda_function", "id", function), ("source_arn", "aws_sns_topic", "arn", topic_arn)],
           parent={"type": "aws_lambda_function", "id": function}, label="sns-invoke"))  # fmt: skip


def synthetic_inventory(n: int, seed: int = 7) -> Inventory:
    """``n`` resources (whole groups, the last one cut short), the same for the same ``n`` and ``seed``."""
    rng = random.Random(seed)
    out: list[Resource] = []
    lambda_role = f"arn:aws:iam::{ACCOUNT}:role/lambda-exec"
    out.append(_r("aws_iam_role", "lambda-exec", "global", {"name": "lambda-exec", "assume_role_policy": _doc(
        {"Effect": "Allow", "Principal": {"Service": "lambda.amazonaws.com"}, "Action": "sts:AssumeRole"})},
        name="lambda-exec", arn=lambda_role, label="lambda-exec"))  # fmt: skip
    i = 0
    while len(out) < n:
        _group(i, rng, out)
        i += 1
    inventory = Inventory(account_id=ACCOUNT, regions=list(REGIONS), resources=out[:n])
    inventory.sort()
    return inventory


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="Write a synthetic inventory.")
    parser.add_argument("--resources", type=int, required=True)
    parser.add_argument("--out", required=True)
    args = parser.parse_args(argv)
    synthetic_inventory(args.resources).save(args.out)


if __name__ == "__main__":
    main()
