"""Secrets are never read where avoidable and never written.

Canary values are planted in every place an AWS account keeps secrets that
adopt meets: an SSM SecureString, Secrets Manager secrets (a string and a
binary), Lambda and ECS environment variables whose names (or URLs) look
secret, an RDS master password, the arguments the provider schema marks
sensitive (an imported certificate's private key, a load balancer's OIDC
client secret), an SNS endpoint with credentials, an IAM user's password and
secret access key, and a Terraform state in S3 holding a password.  Then the
whole pipeline runs with the real CLI (scan, generate, plan, every batch,
status and generate against the S3 state, graph), and no canary may appear in
any file written or anything printed.

The scan goes through the fault proxy (tests/faults.py) without faults, to see
the wire: no secret-reading operation is ever sent, and the canaries that AWS
only hands out on request (secret values, passwords, private keys) are never
in any answer at all.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import boto3
import pytest
from faults import FaultProxy
from helpers import run_cli

from adopt.aws.session import READ_PREFIXES, SECRET_READS
from adopt.catalog import registry
from adopt.catalog.spec import Each, ListOf, Secret, When
from adopt.schema import bundled

REGION = "us-east-1"
STATE_BUCKET = "acme-tf-state-secrets"
STATE_KEY = "prod/terraform.tfstate"

CANARIES = {
    "ssm_secure_string": "cnry-ssm-securestring-5b1e07",
    "secret_string": "cnry-secretsmanager-string-9c44d2",
    "secret_binary": "cnry-secretsmanager-binary-0f8a31",
    "lambda_password": "cnry-lambda-db-password-7e2b90",
    "lambda_url_password": "cnry-lambda-url-password-41d6aa",
    "ecs_token": "cnry-ecs-api-token-c3f915",
    "ecs_url_password": "cnry-ecs-url-password-88ab0e",
    "rds_password": "cnry-rds-master-password-2d7f64",
    "oidc_client_secret": "cnry-oidc-client-secret-6a90bc",
    "sns_endpoint_password": "cnry-sns-endpoint-password-e51c08",
    "iam_login_password": "cnry-iam-Login-Passw0rd-93b2!",
    "state_password": "cnry-state-db-password-17c3fe",
    "aurora_password": "cnry-aurora-master-password-3a61f0",
    "redshift_password": "Cnry-redshift-master-password-8d20c7",
    "mq_user_password": "Cnry-mq-user-password-3e71b9a4",
    "cache_auth_token": "cnry-elasticache-auth-token-b47e19",
    "opensearch_password": "Cnry-opensearch-master-password-6f95d3!",
}
# The only answers a canary may travel in: configuration that AWS returns
# with the secret inside, and that is the only way to see the resource at all.
# Every other canary (secret values, passwords, private keys, access keys) is
# handed out by AWS only when asked for by name, which adopt never does: it
# never reaches adopt at all.
UNAVOIDABLE = {
    "lambda_password": {"lambda:ListFunctions", "lambda:GetFunction"},
    "lambda_url_password": {"lambda:ListFunctions", "lambda:GetFunction"},
    "ecs_token": {"ecs:DescribeTaskDefinition"},
    "ecs_url_password": {"ecs:DescribeTaskDefinition"},
    "sns_endpoint_password": {"sns:ListSubscriptions", "sns:GetSubscriptionAttributes"},
    "state_password": {"s3:GetObject"},  # the state adopt was told to read
    # Emulator quirks: AWS returns none of them (a SecureString read without
    # decryption is ciphertext; an OIDC client secret is never described, nor
    # is a search domain's master user password).
    "ssm_secure_string": {"ssm:GetParameters"},
    "oidc_client_secret": {"elbv2:DescribeListeners", "elbv2:DescribeRules"},
    "opensearch_password": {"opensearch:DescribeDomain"},
    # Describing an app client answers its secret (only whether there is one
    # is kept); moto lists it too.
    "cognito_client_secret": {"cognito-idp:DescribeUserPoolClient", "cognito-idp:ListUserPoolClients"},
}
# Where each canary must end up: a sensitive variable, whose description
# (resource address, argument path: why) says what it stands for.
# Each secret planted, by how the generated code holds it: a pattern of
# "address.argument" as ADOPTION.md's "Secrets" table and the variables'
# descriptions name it.
AS_VARIABLES = {  # must match what the provider reads back, or no way to leave it out
    "lambda_password": r"aws_lambda_function\.orders\.environment\.variables\.DB_PASSWORD",
    "lambda_url_password": r"aws_lambda_function\.orders\.environment\.variables\.DATABASE_URL",
    "ecs_token": r"aws_ecs_task_definition\.\w+\.container_definitions\[0\]\.environment\[\d\]\.value",
    "ecs_url_password": r"aws_ecs_task_definition\.\w+\.container_definitions\[0\]\.environment\[\d\]\.value",
    "oidc_client_secret": r"aws_lb_listener\.\w+\.default_action\[0\]\.authenticate_oidc\.client_secret",
    "sns_endpoint_password": r"aws_sns_topic_subscription\.\w+\.endpoint",
    "mq_user_password": r"aws_mq_broker\.\w+\.user\[0\]\.password",
    "iam_server_certificate_key": r"aws_iam_server_certificate\.\w+\.private_key",
}
NOT_WRITTEN = {  # the provider never reads them back: left out, no variable
    "rds_password": r"aws_db_instance\.legacy_mysql\.password",
    "aurora_password": r"aws_rds_cluster\.reports\.master_password",
    "redshift_password": r"aws_redshift_cluster\.warehouse\.master_password",
    "cache_auth_token": r"aws_elasticache_replication_group\.sessions\.auth_token",
}
PLACEHOLDERS = {  # required by the provider, never needed once imported: a placeholder, ignored
    "ssm_secure_string": r"aws_ssm_parameter\.\w+\.value",
    "acm_private_key": r"aws_acm_certificate\.\w+\.private_key",
}
# With --secrets ignore: left out, ignore_changes on exactly that key.
IGNORED = {
    "lambda_password": 'environment[0].variables["DB_PASSWORD"]',
    "lambda_url_password": 'environment[0].variables["DATABASE_URL"]',
}
SECRET_BEARING = {
    "aws_ssm_parameter", "aws_lambda_function", "aws_ecs_task_definition", "aws_db_instance", "aws_lb_listener",
    "aws_sns_topic_subscription", "aws_acm_certificate", "aws_secretsmanager_secret", "aws_iam_user",
    "aws_rds_cluster", "aws_redshift_cluster", "aws_elasticache_replication_group", "aws_opensearch_domain",
    "aws_iam_access_key", "aws_iam_server_certificate", "aws_cognito_user_pool_client", "aws_mq_broker",
}  # fmt: skip
# What the scan looks at: every secret-bearing type, and what they reference.
SCANNED = sorted(
    SECRET_BEARING
    | {"aws_secretsmanager_secret_rotation", "aws_iam_role", "aws_vpc", "aws_subnet", "aws_lb", "aws_lb_target_group"}
    | {"aws_lb_listener_rule", "aws_sns_topic", "aws_s3_bucket", "aws_iam_user_policy", "aws_iam_user_group_membership"}
    | {"aws_cognito_user_pool"}
)
# The arguments the provider schema marks sensitive that some spec reads, and
# the canary planted for each here (a new one needs a canary of its own).
SCHEMA_SENSITIVE = {
    ("aws_acm_certificate", "private_key"): "acm_private_key",
    ("aws_iam_server_certificate", "private_key"): "iam_server_certificate_key",
    ("aws_db_instance", "password"): "rds_password",
    ("aws_lb_listener", "default_action.authenticate_oidc.client_secret"): "oidc_client_secret",
    ("aws_lb_listener_rule", "action.authenticate_oidc.client_secret"): "oidc_client_secret",
    ("aws_rds_cluster", "master_password"): "aurora_password",
    ("aws_redshift_cluster", "master_password"): "redshift_password",
    ("aws_mq_broker", "user.password"): "mq_user_password",
    ("aws_elasticache_replication_group", "auth_token"): "cache_auth_token",
}
# (The OpenSearch master password is no argument the spec writes: AWS never
# returns it. Its canary, planted like the others, proves it never appears.)


def _self_signed(domain: str) -> tuple[bytes, bytes]:
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import rsa
    from cryptography.x509.oid import NameOID

    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, domain)])
    now = dt.datetime.now(dt.timezone.utc)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now)
        .not_valid_after(now + dt.timedelta(days=365))
        .add_extension(x509.SubjectAlternativeName([x509.DNSName(domain)]), critical=False)
        .sign(key, hashes.SHA256())
    )
    pem_key = key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.TraditionalOpenSSL, serialization.NoEncryption()
    )
    return cert.public_bytes(serialization.Encoding.PEM), pem_key


def _lambda_zip() -> bytes:
    import io
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("index.py", "def handler(event, context):\n    return 1\n")
    return buffer.getvalue()


def seed(endpoint: str) -> dict[str, str]:
    """Plant the canaries; returns every canary, including those AWS generates."""
    canaries = dict(CANARIES)

    def client(service):
        return boto3.client(service, region_name=REGION, endpoint_url=endpoint)

    ssm = client("ssm")
    ssm.put_parameter(Name="/app/db-password", Value=CANARIES["ssm_secure_string"], Type="SecureString")
    ssm.put_parameter(Name="/app/public-url", Value="https://shop.example.com", Type="String")

    sm = client("secretsmanager")
    sm.create_secret(Name="app/db", SecretString=CANARIES["secret_string"])
    sm.create_secret(Name="app/blob", SecretBinary=CANARIES["secret_binary"].encode())

    iam = client("iam")
    trust = {
        "Version": "2012-10-17",
        "Statement": [
            {
                "Effect": "Allow",
                "Principal": {"Service": ["lambda.amazonaws.com", "ecs-tasks.amazonaws.com"]},
                "Action": "sts:AssumeRole",
            }
        ],
    }
    role = iam.create_role(RoleName="app", AssumeRolePolicyDocument=json.dumps(trust))["Role"]["Arn"]
    iam.create_user(UserName="deployer")
    iam.create_login_profile(UserName="deployer", Password=CANARIES["iam_login_password"])
    access_key = iam.create_access_key(UserName="deployer")["AccessKey"]
    canaries["iam_secret_access_key"] = access_key["SecretAccessKey"]

    client("lambda").create_function(
        FunctionName="orders",
        Runtime="python3.12",
        Role=role,
        Handler="index.handler",
        Code={"ZipFile": _lambda_zip()},
        Environment={
            "Variables": {
                "DB_PASSWORD": CANARIES["lambda_password"],
                "DATABASE_URL": f"postgres://orders:{CANARIES['lambda_url_password']}@db.internal:5432/orders",
                "LOG_LEVEL": "info",
            }
        },
    )

    client("ecs").register_task_definition(
        family="shop-api",
        containerDefinitions=[
            {
                "name": "api",
                "image": "public.ecr.aws/nginx/nginx:1.27",
                "essential": True,
                "memory": 512,
                "environment": [
                    {"name": "LOG_LEVEL", "value": "info"},
                    {"name": "API_TOKEN", "value": CANARIES["ecs_token"]},
                    {"name": "ORDERS_DB", "value": f"mysql://api:{CANARIES['ecs_url_password']}@db.internal/shop"},
                ],
            }
        ],
        taskRoleArn=role,
    )

    client("rds").create_db_instance(
        DBInstanceIdentifier="legacy-mysql",
        DBInstanceClass="db.t3.micro",
        Engine="mysql",
        AllocatedStorage=20,
        MasterUsername="admin",
        MasterUserPassword=CANARIES["rds_password"],
    )

    certificate, private_key = _self_signed("shop.example.com")
    certificate_arn = client("acm").import_certificate(Certificate=certificate, PrivateKey=private_key)[
        "CertificateArn"
    ]
    # Every line of the key's body is a canary of its own.
    for i, line in enumerate(private_key.decode().splitlines()):
        if not line.startswith("-----"):
            canaries[f"acm_private_key_{i}"] = line

    # An IAM server certificate: IAM never answers its private key either.
    certificate, private_key = _self_signed("legacy.example.com")
    iam.upload_server_certificate(
        ServerCertificateName="legacy-elb", CertificateBody=certificate.decode(), PrivateKey=private_key.decode()
    )
    for i, line in enumerate(private_key.decode().splitlines()):
        if not line.startswith("-----"):
            canaries[f"iam_server_certificate_key_{i}"] = line

    idp = client("cognito-idp")
    pool = idp.create_user_pool(PoolName="customers")["UserPool"]["Id"]
    app = idp.create_user_pool_client(UserPoolId=pool, ClientName="backend", GenerateSecret=True)["UserPoolClient"]
    canaries["cognito_client_secret"] = app["ClientSecret"]

    ec2 = client("ec2")
    vpc = ec2.create_vpc(CidrBlock="10.70.0.0/16")["Vpc"]["VpcId"]
    subnets = [
        ec2.create_subnet(VpcId=vpc, CidrBlock=f"10.70.{i}.0/24", AvailabilityZone=f"{REGION}{zone}")["Subnet"][
            "SubnetId"
        ]
        for i, zone in enumerate("ab")
    ]
    elb = client("elbv2")
    lb = elb.create_load_balancer(Name="shop", Subnets=subnets, Type="application")["LoadBalancers"][0]
    target_group = elb.create_target_group(Name="shop-api", Protocol="HTTP", Port=8080, VpcId=vpc)["TargetGroups"][0]
    oidc = {
        "Issuer": "https://login.example.com",
        "AuthorizationEndpoint": "https://login.example.com/authorize",
        "TokenEndpoint": "https://login.example.com/token",
        "UserInfoEndpoint": "https://login.example.com/userinfo",
        "ClientId": "shop",
        "ClientSecret": CANARIES["oidc_client_secret"],
    }
    elb.create_listener(
        LoadBalancerArn=lb["LoadBalancerArn"],
        Protocol="HTTPS",
        Port=443,
        Certificates=[{"CertificateArn": certificate_arn}],
        DefaultActions=[
            {"Type": "authenticate-oidc", "Order": 1, "AuthenticateOidcConfig": oidc},
            {"Type": "forward", "Order": 2, "TargetGroupArn": target_group["TargetGroupArn"]},
        ],
    )

    client("rds").create_db_cluster(
        DBClusterIdentifier="reports",
        Engine="aurora-mysql",
        MasterUsername="admin",
        MasterUserPassword=CANARIES["aurora_password"],
    )
    client("redshift").create_cluster(
        ClusterIdentifier="warehouse",
        NodeType="ra3.xlplus",
        MasterUsername="admin",
        MasterUserPassword=CANARIES["redshift_password"],
    )
    client("mq").create_broker(
        BrokerName="orders-bus",
        EngineType="ACTIVEMQ",
        EngineVersion="5.17.6",
        HostInstanceType="mq.t3.micro",
        DeploymentMode="SINGLE_INSTANCE",
        PubliclyAccessible=False,
        AutoMinorVersionUpgrade=True,
        Users=[{"Username": "app", "Password": CANARIES["mq_user_password"]}],
    )
    client("elasticache").create_replication_group(
        ReplicationGroupId="sessions",
        ReplicationGroupDescription="Session store",
        Engine="redis",
        CacheNodeType="cache.t4g.small",
        TransitEncryptionEnabled=True,
        AuthToken=CANARIES["cache_auth_token"],
    )
    client("opensearch").create_domain(
        DomainName="search",
        EngineVersion="OpenSearch_2.11",
        NodeToNodeEncryptionOptions={"Enabled": True},
        EncryptionAtRestOptions={"Enabled": True},
        DomainEndpointOptions={"EnforceHTTPS": True},
        AdvancedSecurityOptions={
            "Enabled": True,
            "InternalUserDatabaseEnabled": True,
            "MasterUserOptions": {"MasterUserName": "admin", "MasterUserPassword": CANARIES["opensearch_password"]},
        },
    )

    sns = client("sns")
    topic = sns.create_topic(Name="orders")["TopicArn"]
    sns.subscribe(
        TopicArn=topic,
        Protocol="https",
        Endpoint=f"https://hook:{CANARIES['sns_endpoint_password']}@hooks.example.com/orders",
    )

    s3 = client("s3")
    s3.create_bucket(Bucket=STATE_BUCKET)
    s3.put_object(Bucket=STATE_BUCKET, Key=STATE_KEY, Body=json.dumps(_state()).encode())
    return canaries


def _state() -> dict:
    """A state that manages the database, holding its password as states do."""
    attributes = {
        "id": "legacy-mysql",
        "identifier": "legacy-mysql",
        "arn": f"arn:aws:rds:{REGION}:123456789012:db:legacy-mysql",
        "username": "admin",
        "password": CANARIES["state_password"],
    }
    resource = {
        "mode": "managed",
        "type": "aws_db_instance",
        "name": "legacy",
        "provider": 'provider["registry.terraform.io/hashicorp/aws"]',
        "instances": [
            {"schema_version": 2, "attributes": attributes, "sensitive_attributes": [[{"value": "password"}]]}
        ],
    }
    return {"version": 4, "terraform_version": "1.9.5", "serial": 3, "lineage": "secrets", "resources": [resource]}


# -- the pipeline --------------------------------------------------------------------------


@pytest.fixture(scope="module")
def pipeline(moto_server, tmp_path_factory):
    moto_server.reset()
    canaries = seed(moto_server.endpoint)
    work = tmp_path_factory.mktemp("secrets")
    results = {}
    with FaultProxy(moto_server.endpoint, keep_bodies=True) as proxy:
        state = f"s3://{STATE_BUCKET}/{STATE_KEY}"
        aws = ("--endpoint-url", proxy.endpoint, "--region", REGION)

        def run(name, *args):
            results[name] = run_cli(*args, cwd=work)
            return results[name]

        includes = [arg for tf_type in SCANNED for arg in ("--include", tf_type)]
        scan = run("scan", "scan", *aws, *includes, "--output", "inventory.json")
        assert scan.code in (0, 3), scan.output  # 3: calls the emulator lacks, listed
        assert run("generate", "generate", "--inventory", "inventory.json", "--out", "full").code == 0
        ignored = run("generate --secrets ignore", "generate", "--inventory", "inventory.json", "--out", "ignored",
                      "--secrets", "ignore")  # fmt: skip
        assert ignored.code == 0, ignored.output
        plan = run("plan", "plan", "--inventory", "inventory.json", "--output", "plan.json")
        assert plan.code == 0, plan.output
        batches = json.loads((work / "plan.json").read_text())["batches"]
        for batch in batches:
            if not any(r["type"] in SECRET_BEARING for r in batch["resources"]):
                continue  # (for time: the other batches hold no secret)
            number = str(batch["batch"])
            result = run(f"batch {number}", "generate", "--plan", "plan.json", "--batch", number, "--out", "batches")
            assert result.code == 0, result.output
        status = run("status", "status", "--inventory", "inventory.json", "--state", state, *aws, "--json")
        assert status.code == 0, status.output
        managed = run("generate --state", "generate", "--inventory", "inventory.json", "--state", state, *aws,
                      "--out", "unmanaged")  # fmt: skip
        assert managed.code == 0, managed.output
        assert (
            run("graph", "graph", "--inventory", "inventory.json", "--format", "json", "--output", "g.json").code == 0
        )
        wire = Wire(proxy)
    return Pipeline(work, canaries, results, wire, len(batches))


class Wire:
    """What crossed the wire during the pipeline (copied before the proxy stops)."""

    def __init__(self, proxy: FaultProxy) -> None:
        self.operations = proxy.operations()
        self.requests = list(proxy.requests)
        self.bodies = list(proxy.bodies)


class Pipeline:
    def __init__(self, work: Path, canaries: dict, results: dict, wire: Wire, batches: int) -> None:
        self.work = work
        self.canaries = canaries
        self.results = results
        self.wire = wire
        self.batches = batches

    def files(self) -> list[Path]:
        return sorted(p for p in self.work.rglob("*") if p.is_file())

    def text(self, relative: str) -> str:
        return (self.work / relative).read_text()


def test_no_canary_in_any_file_written(pipeline):
    files = pipeline.files()
    assert len(files) > 20 and pipeline.batches >= 2
    for path in files:
        data = path.read_bytes()
        for name, canary in pipeline.canaries.items():
            assert canary.encode() not in data, f"{name} leaked into {path.relative_to(pipeline.work)}"


def test_no_canary_in_anything_printed(pipeline):
    for command, result in pipeline.results.items():
        for name, canary in pipeline.canaries.items():
            assert canary not in result.output, f"{name} leaked into the output of {command}"


def test_secrets_the_tool_never_asks_for_never_reach_it(pipeline):
    for service, operation in pipeline.wire.operations:
        assert operation.startswith(READ_PREFIXES), f"{service}:{operation} is not a read"
        if operation in SECRET_READS:
            assert operation.startswith("GetParameter"), f"{service}:{operation} reads secret values"
    for request in pipeline.wire.requests:
        if request.operation.startswith("GetParameter"):
            assert not json.loads(request.body or b"{}").get("WithDecryption"), "SSM values must not be decrypted"
    for service, operation, body in pipeline.wire.bodies:
        for name, canary in pipeline.canaries.items():
            if canary.encode() in body:
                allowed = UNAVOIDABLE.get(name, set())
                assert f"{service}:{operation}" in allowed, f"{name} was read, in the answer to {service}:{operation}"
    assert {"secret_string", "secret_binary", "rds_password", "iam_login_password", "iam_secret_access_key"}.isdisjoint(
        UNAVOIDABLE
    )


def _variables(text: str) -> dict[str, str]:
    return dict(re.findall(r'variable "([^"]+)" \{(.*?)\n\}', text, re.S))


def _secrets_table(adoption: str) -> dict[str, str]:
    """ADOPTION.md's "Secrets" table: "address.argument" -> route."""
    section = adoption.split("## Secrets", 1)[1].split("\n## ", 1)[0]
    rows = re.findall(r"^\| `([^`]+)` \| `([^`]+)` \| ([^|]+) \|", section, re.M)
    return {f"{address}.{path}": route.strip() for address, path, route in rows}


def _route_of(table: dict[str, str], pattern: str) -> set[str]:
    return {route for name, route in table.items() if re.fullmatch(pattern, name)}


def test_each_secret_takes_its_route_and_none_has_a_value(pipeline):
    variables = _variables(pipeline.text("full/variables.tf"))
    assert variables
    for name, body in variables.items():
        assert "sensitive   = true" in body or "sensitive = true" in body, name
        assert not re.search(r"^\s*default\s*=", body, re.M), f"variable {name} must have no default"
    descriptions = "\n".join(variables.values())
    for canary, pattern in AS_VARIABLES.items():
        assert re.search(pattern + ":", descriptions), f"no variable for {canary}"
    for canary, pattern in {**NOT_WRITTEN, **PLACEHOLDERS}.items():
        assert not re.search(pattern + ":", descriptions), f"{canary} needs no variable"
    assert len(variables) == len(AS_VARIABLES)
    # The pull request lists each variable under "To be supplied", and the code uses each.
    adoption = pipeline.text("full/ADOPTION.md")
    supplied = adoption.split("## To be supplied", 1)[1]
    code = "".join(p.read_text() for p in (pipeline.work / "full").glob("*.tf"))
    for name in variables:
        assert f"var.{name}" in supplied, f"{name} is not listed as to be supplied"
        assert f"var.{name}" in code, f"{name} is not used"
    # "Secrets" says how each one is written.
    table = _secrets_table(adoption)
    for routes, expected in (
        (AS_VARIABLES, "variable"),
        (NOT_WRITTEN, "not written"),
        (PLACEHOLDERS, "placeholder, ignored"),
    ):
        for canary, pattern in routes.items():
            assert _route_of(table, pattern) == {expected}, canary
    # The code says why a secret is not written, and ignores the placeholders.
    assert re.search(r"# password: not written: the provider never reads it back.*password_wo", code)
    assert re.search(r'^\s+value\s+= ""$', code, re.M) and re.search(r"ignore_changes\s+= \[value\]", code)
    assert re.search(r"ignore_changes\s+= \[certificate_body, private_key\]", code)
    # What is not secret is written as it is.
    assert re.search(r'value\s+= "https://shop.example.com"', code) and re.search(r'LOG_LEVEL\s+= "info"', code)
    # The tfvars example names each variable, and gives no value.
    example = pipeline.text("full/terraform.tfvars.example")
    assert all(re.search(rf'^# {name} = "\.\.\."$', example, re.M) for name in variables)
    assert not re.search(r"^[^#\n]", example, re.M)


def test_with_secrets_ignore_what_can_be_ignored_is_left_out(pipeline):
    ignored = pipeline.work / "ignored"
    variables = _variables((ignored / "variables.tf").read_text())
    descriptions = "\n".join(variables.values())
    code = "".join(p.read_text() for p in ignored.glob("*.tf"))
    table = _secrets_table((ignored / "ADOPTION.md").read_text())
    for canary, expression in IGNORED.items():
        assert _route_of(table, AS_VARIABLES[canary]) == {"left out, ignored"}, canary
        assert not re.search(AS_VARIABLES[canary] + ":", descriptions), canary
        assert expression in code, canary
    block = re.search(r'^resource "aws_lambda_function" "orders" \{\n.*?^\}$', code, re.S | re.M).group(0)
    body, lifecycle = block.split("\n  lifecycle {", 1)
    assert 'environment[0].variables["DB_PASSWORD"]' in lifecycle and "DB_PASSWORD" not in body
    assert re.search(r'LOG_LEVEL\s+= "info"', body)
    # What cannot be named by ignore_changes (a set's element, a JSON document's key,
    # a required argument) stays a variable.
    kept = {c: p for c, p in AS_VARIABLES.items() if c not in IGNORED}
    for canary, pattern in kept.items():
        assert re.search(pattern + ":", descriptions), f"{canary} stays a variable"
    assert len(variables) == len(kept)


def test_the_inventory_records_why_and_keeps_no_value(pipeline):
    inventory = json.loads(pipeline.text("inventory.json"))
    sensitive = {(r["type"], path) for r in inventory["resources"] for path in r["sensitive"]}
    assert ("aws_db_instance", "password") in sensitive
    assert ("aws_ssm_parameter", "value") in sensitive
    assert ("aws_acm_certificate", "private_key") in sensitive
    assert ("aws_lambda_function", "environment.variables.DB_PASSWORD") in sensitive
    assert ("aws_lambda_function", "environment.variables.DATABASE_URL") in sensitive
    assert not any(r["type"] == "aws_secretsmanager_secret_version" for r in inventory["resources"])


def test_every_schema_sensitive_argument_a_spec_reads_is_covered():
    """Each argument the provider schema marks sensitive and some spec writes
    is in SCHEMA_SENSITIVE, so it has a canary above (and it comes out as a
    variable: the pipeline tests prove it)."""
    schema = bundled()
    found = set()
    for spec in registry.all_specs():
        if not schema.has(spec.tf_type):
            continue
        for path in _sensitive_paths(schema.resource(spec.tf_type)):
            top, *inner = path.split(".")
            public = path in spec.not_secret or top in spec.not_secret
            if top in spec.arguments and not public and _may_write(spec.arguments[top], inner):
                found.add((spec.tf_type, path))
    assert found == set(SCHEMA_SENSITIVE), "a spec reads a schema-sensitive argument without a canary here"


def _may_write(expr, inner: list[str]) -> bool:
    """Whether an argument's expression may hold the nested argument ``inner``:
    a block spelt out field by field holds only the fields it names; anything
    else (a hook, a copied structure) may hold anything."""
    if not inner:
        return True
    if isinstance(expr, When):
        return any(_may_write(branch, inner) for branch in (expr.then, expr.otherwise) if branch is not None)
    if isinstance(expr, ListOf):
        return _may_write(expr.expr, inner)
    if isinstance(expr, Each):
        return _may_write(expr.fields, inner)
    if isinstance(expr, dict):
        return inner[0] in expr and _may_write(expr[inner[0]], inner[1:])
    return True


def _sensitive_paths(block, prefix: str = ""):
    for name, attribute in block.attributes.items():
        if attribute.sensitive and not name.endswith("_wo"):  # write-only: never read back, never written
            yield prefix + name
    for name, nested in block.block_types.items():
        yield from _sensitive_paths(nested.block, f"{prefix}{name}.")


def test_secret_markers_never_reach_the_inventory_as_values():
    """The engine turns every Secret into a path in ``sensitive`` and leaves no value behind."""
    from adopt.scan.engine import extract_secrets, prune

    sink: dict[str, str] = {}
    value = {"A": "plain", "B": Secret("why"), "C": [Secret("list"), "x"]}
    out = prune(extract_secrets(value, "environment.variables", sink, keep_place=False))
    assert out == {"A": "plain", "C": ["x"]}
    assert sink == {"environment.variables.B": "why", "environment.variables.C[0]": "list"}
