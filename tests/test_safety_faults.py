"""Safety under injected faults: the real CLI scans moto's server through a
fault-injecting proxy (tests/faults.py) that answers chosen calls with
throttling, 5xx, access denied, expired credentials, slow answers or a reset
connection, each in the service's own wire format.

One small estate covers every wire format the tool meets: EC2 (ec2 query),
IAM and RDS (query), SSM (JSON 1.1, paginated), DynamoDB and SQS (JSON 1.0),
Lambda (REST-JSON) and S3 (REST-XML).  It is seeded once for the module and
scanned once without faults; every faulty scan is compared with that one.
"""

from __future__ import annotations

import io
import json
import time
import urllib.request
import zipfile
from pathlib import Path

import boto3
import pytest
from faults import FaultProxy
from helpers import run_cli

from adopt.aws.session import DEFAULT_MAX_ATTEMPTS, READ_PREFIXES, SECRET_READS, AwsSession
from adopt.catalog import registry
from adopt.errors import ReadOnlyViolation
from adopt.existing.sources import read_states
from adopt.model import Inventory
from adopt.scan.engine import ScanAborted, Scanner

REGION = "us-east-1"
TYPES = [
    "aws_vpc",
    "aws_subnet",
    "aws_iam_role",
    "aws_db_parameter_group",
    "aws_ssm_parameter",
    "aws_dynamodb_table",
    "aws_sqs_queue",
    "aws_lambda_function",
    "aws_s3_bucket",
    "aws_s3_bucket_versioning",
]
SSM_PARAMETERS = 12  # moto pages DescribeParameters by 10: two pages

# The first (list) call of each wire format, and the operation's name in the inventory.
LIST_CALLS = {
    "ec2": ("ec2", "DescribeSubnets", "describe_subnets"),
    "query": ("iam", "ListRoles", "list_roles"),
    "query (rds)": ("rds", "DescribeDBParameterGroups", "describe_db_parameter_groups"),
    "json 1.1": ("ssm", "DescribeParameters", "describe_parameters"),
    "json 1.0": ("dynamodb", "ListTables", "list_tables"),
    "json 1.0 (sqs)": ("sqs", "ListQueues", "list_queues"),
    "rest-json": ("lambda", "ListFunctions", "list_functions"),
    "rest-xml": ("s3", "ListBuckets", "list_buckets"),
}


def _zip() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("index.py", "def handler(event, context):\n    return 1\n")
    return buffer.getvalue()


def seed(endpoint: str) -> None:
    def client(service):
        return boto3.client(service, region_name=REGION, endpoint_url=endpoint)

    ec2 = client("ec2")
    tags = [{"ResourceType": "vpc", "Tags": [{"Key": "Name", "Value": "faults"}]}]
    vpc = ec2.create_vpc(CidrBlock="10.40.0.0/16", TagSpecifications=tags)["Vpc"]["VpcId"]
    for i in range(2):
        ec2.create_subnet(VpcId=vpc, CidrBlock=f"10.40.{i}.0/24")
    trust = json.dumps(
        {
            "Version": "2012-10-17",
            "Statement": [
                {"Effect": "Allow", "Principal": {"Service": "lambda.amazonaws.com"}, "Action": "sts:AssumeRole"}
            ],
        }
    )
    iam = client("iam")
    role = iam.create_role(RoleName="fault-app", AssumeRolePolicyDocument=trust)["Role"]["Arn"]
    iam.create_role(RoleName="fault-worker", AssumeRolePolicyDocument=trust)
    client("rds").create_db_parameter_group(
        DBParameterGroupName="fault-pg", DBParameterGroupFamily="postgres16", Description="faults"
    )
    ssm = client("ssm")
    for i in range(SSM_PARAMETERS):
        ssm.put_parameter(Name=f"/faults/p{i:02d}", Value=f"value-{i}", Type="String")
    client("dynamodb").create_table(
        TableName="fault-table",
        KeySchema=[{"AttributeName": "k", "KeyType": "HASH"}],
        AttributeDefinitions=[{"AttributeName": "k", "AttributeType": "S"}],
        BillingMode="PAY_PER_REQUEST",
    )
    client("sqs").create_queue(QueueName="fault-queue")
    client("lambda").create_function(
        FunctionName="fault-fn", Runtime="python3.12", Role=role, Handler="index.handler", Code={"ZipFile": _zip()}
    )
    s3 = client("s3")
    for name in ("fault-bucket-a", "fault-bucket-b"):
        s3.create_bucket(Bucket=name)
    s3.put_bucket_versioning(Bucket="fault-bucket-a", VersioningConfiguration={"Status": "Enabled"})


# -- fixtures ------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def proxy(moto_server):
    with FaultProxy(moto_server.endpoint) as running:
        yield running


@pytest.fixture(scope="module")
def estate(moto_server):
    moto_server.reset()
    seed(moto_server.endpoint)
    return moto_server


@pytest.fixture(scope="module")
def clean(estate, proxy, tmp_path_factory):
    """The fault-free scan every faulty one is compared with, and the calls it made."""
    proxy.clear()
    out = tmp_path_factory.mktemp("clean") / "inventory.json"
    result = scan(proxy, out)
    assert result.code == 0, result.output
    inventory = json.loads(out.read_text())
    assert inventory["errors"] == []
    found = {r["type"] for r in inventory["resources"]}
    assert found == set(TYPES), f"the estate should show every type: missing {set(TYPES) - found}"
    assert proxy.calls[("ssm", "DescribeParameters")] == 2, "the SSM listing should take two pages"
    calls = dict(proxy.calls)
    return Clean(out.read_bytes(), inventory, calls)


class Clean:
    def __init__(self, raw: bytes, inventory: dict, calls: dict) -> None:
        self.raw = raw
        self.inventory = inventory
        self.calls = calls

    def resources_without(self, service: str) -> list[dict]:
        return [r for r in self.inventory["resources"] if registry.get(r["type"]).service != service]


@pytest.fixture(autouse=True)
def fresh_rules(request):
    """Each test starts with no rules and no counts; each ends having sent only reads."""
    if "proxy" not in request.fixturenames:
        yield
        return
    running = request.getfixturevalue("proxy")
    running.clear()
    yield
    assert_only_reads(running)


def assert_only_reads(proxy: FaultProxy) -> None:
    """What reached the wire: reads only, and never a secret read."""
    for service, operation in proxy.operations():
        assert operation.startswith(READ_PREFIXES), f"{service}:{operation} is not a read"
        assert operation not in SECRET_READS or operation == "GetParameters", f"{service}:{operation} reads secrets"
    for request in proxy.requests:
        if request.operation.startswith("GetParameter"):
            assert not json.loads(request.body or b"{}").get("WithDecryption"), "SSM must not decrypt"


def scan(proxy: FaultProxy, out: Path, *extra: str, env: dict | None = None, types=TYPES):
    args = ["scan", "--endpoint-url", proxy.endpoint, "--region", REGION, "--output", str(out)]
    for tf_type in types:
        args += ["--include", tf_type]
    return run_cli(*args, *extra, env=env)


def without_census(raw: bytes) -> dict:
    return {k: v for k, v in json.loads(raw).items() if k not in ("census", "census_sources")}


def errors_of(path: Path) -> list[dict]:
    return json.loads(path.read_text())["errors"]


# -- throttling, 5xx, resets, slowness: retried, and the result is the same ---------------------


def test_throttling_on_every_page_and_in_every_wire_format_changes_nothing(clean, proxy, tmp_path):
    """Every page of the paginated SSM listing, and the first call of every
    wire format, is throttled once (and S3's per-bucket detail calls too): the
    scan retries each, completes, and writes exactly the fault-free inventory."""
    rules = {family: proxy.add(svc, op, "throttle", per_request=1) for family, (svc, op, _) in LIST_CALLS.items()}
    versioning = proxy.add("s3", "GetBucketVersioning", "throttle", per_request=1)
    out = tmp_path / "inventory.json"
    started = time.monotonic()
    result = scan(proxy, out)
    # botocore's adaptive mode slows a client down after throttling (to as
    # little as 0.5 calls/s), then speeds up again: the scan still ends soon.
    assert time.monotonic() - started < 60
    assert result.code == 0, result.output
    assert out.read_bytes() == clean.raw
    for family, (service, operation, _) in LIST_CALLS.items():
        pages = clean.calls[(service, operation)]
        assert rules[family].injected == pages, family  # every page (every distinct request) throttled once
        assert proxy.calls[(service, operation)] == 2 * pages, family  # and asked again once
    assert rules["json 1.1"].injected == 2  # both pages of DescribeParameters
    assert versioning.injected == clean.calls[("s3", "GetBucketVersioning")] == 2


def test_intermittent_500s_everywhere_are_retried(clean, proxy, tmp_path):
    """Every third request, of any service, fails with a 500 (sequential, so
    exactly one in three): each is retried and the inventory is unchanged."""
    rule = proxy.add("*", "*", "error500", every=3)
    out = tmp_path / "inventory.json"
    # Without the census: its sources run side by side, so which request is
    # "every third" would vary (test_census covers its sources under faults).
    result = scan(proxy, out, "--concurrency", "1", "--no-census")
    assert result.code == 0, result.output
    assert without_census(out.read_bytes()) == without_census(clean.raw)
    assert rule.injected >= sum(clean.calls.values()) // 3
    assert {f.service for f in proxy.faults()} >= {svc for svc, _, _ in LIST_CALLS.values()}


def test_a_500_web_page_instead_of_an_aws_error_is_retried(clean, proxy, tmp_path):
    """The first try of each wire format's list call is answered by a web page
    with HTTP 500, as a proxy or load balancer in the way sends: the XML
    protocols' parser cannot read it, yet it is a server error like any other,
    retried once, and the inventory is unchanged."""
    rules = {family: proxy.add(svc, op, "page500", first=1) for family, (svc, op, _) in LIST_CALLS.items()}
    out = tmp_path / "inventory.json"
    result = scan(proxy, out)
    assert result.code == 0, result.output
    assert out.read_bytes() == clean.raw
    for family, (service, operation, _) in LIST_CALLS.items():
        assert rules[family].injected == 1, family
        assert proxy.calls[(service, operation)] == clean.calls[(service, operation)] + 1, family


def test_reset_connections_are_retried(clean, proxy, tmp_path):
    """Every fourth request has its connection reset (no answer at all)."""
    rule = proxy.add("*", "*", "reset", every=4)
    out = tmp_path / "inventory.json"
    # Without the census, as with the 500s above: its sources run side by side,
    # and Resource Explorer, which the emulator answers with a 500 on every
    # attempt, would end on whichever fault its last retry met.
    result = scan(proxy, out, "--concurrency", "1", "--no-census")
    assert result.code == 0, result.output
    assert without_census(out.read_bytes()) == without_census(clean.raw)
    assert rule.injected >= sum(clean.calls.values()) // 4


def test_slow_answers_are_waited_for(clean, proxy, tmp_path):
    slow = [proxy.add(svc, op, "slow", delay=1.5, first=1) for svc, op, _ in LIST_CALLS.values()]
    out = tmp_path / "inventory.json"
    result = scan(proxy, out)
    assert result.code == 0, result.output
    assert out.read_bytes() == clean.raw
    assert all(rule.injected == 1 for rule in slow)
    delayed = [r for r in proxy.requests if (r.service, r.operation) in {(s, o) for s, o, _ in LIST_CALLS.values()}]
    assert max(r.elapsed for r in delayed) >= 1.5


# -- what is given up on: recorded, the rest goes on, exit 3 ---------------------------------------


DENIED = {
    "ec2": ("ec2", "UnauthorizedOperation", ["describe_subnets", "describe_vpcs"], REGION),
    "query": ("iam", "AccessDenied", ["list_roles"], "global"),
    "json": ("ssm", "AccessDeniedException", ["describe_parameters"], REGION),
    "rest-json": ("lambda", "AccessDeniedException", ["list_functions"], REGION),
    "rest-xml": ("s3", "AccessDenied", ["list_buckets"], "global"),
}


@pytest.mark.parametrize("family", sorted(DENIED))
def test_access_denied_on_one_service(clean, proxy, tmp_path, family):
    """Every call to one service is denied: it is asked once (never retried),
    recorded with its service, operation, region, code and message, and every
    other service is scanned in full; the exit code is 3 and the summary says
    what was not seen."""
    service, code, operations, region = DENIED[family]
    proxy.add(service, "*", "denied")
    out = tmp_path / "inventory.json"
    result = scan(proxy, out)
    assert result.code == 3, result.output
    assert "Traceback" not in result.output
    inventory = json.loads(out.read_text())
    assert inventory["resources"] == clean.resources_without(service)
    assert sorted(e["operation"] for e in inventory["errors"]) == operations
    for error in inventory["errors"]:
        assert (error["service"], error["region"], error["code"]) == (service, region, code)
        assert "not authorized" in error["message"]
        assert error["resource_type"] in TYPES
        line = f"{service}:{error['operation']} in {region}: {code}"
        assert line in result.stderr, result.stderr
    assert f"{len(operations)} AWS call(s) failed" in result.stderr
    for (seen_service, _), count in proxy.calls.items():
        if seen_service == service:
            assert count == 1, "a denied call must not be retried"


def test_a_call_failing_for_good_uses_the_whole_budget_then_is_recorded(clean, proxy, tmp_path):
    rule = proxy.add("dynamodb", "ListTables", "error500")
    out = tmp_path / "inventory.json"
    result = scan(proxy, out)
    assert result.code == 3, result.output
    assert rule.injected == DEFAULT_MAX_ATTEMPTS == proxy.calls[("dynamodb", "ListTables")]
    [error] = errors_of(out)
    assert (error["service"], error["operation"], error["code"]) == ("dynamodb", "list_tables", "InternalFailure")
    assert json.loads(out.read_text())["resources"] == clean.resources_without("dynamodb")


def test_the_users_retry_budget_is_honoured(clean, proxy, tmp_path):
    """AWS_MAX_ATTEMPTS, the standard AWS setting, overrides the default budget:
    a queue listing throttled for good is given up after 2 tries."""
    proxy.add("sqs", "ListQueues", "throttle")
    out = tmp_path / "inventory.json"
    result = scan(proxy, out, env={"AWS_MAX_ATTEMPTS": "2"})
    assert result.code == 3, result.output
    assert proxy.calls[("sqs", "ListQueues")] == 2
    [error] = errors_of(out)
    assert (error["service"], error["operation"], error["code"]) == ("sqs", "list_queues", "ThrottlingException")


def test_a_bad_retry_setting_is_bad_input(tmp_path, proxy):
    result = scan(proxy, tmp_path / "i.json", env={"AWS_RETRY_MODE": "eager"})
    assert result.code == 2, result.output
    assert "Unknown AWS retry mode 'eager'" in result.stderr and "Traceback" not in result.output
    assert not (tmp_path / "i.json").exists()
    assert proxy.requests == []


# -- credentials that expire mid-scan; --fail-fast ------------------------------------------------


def test_expired_credentials_mid_scan_keep_a_partial_inventory(clean, proxy, tmp_path):
    """Halfway through the scan every call starts failing with an expired
    token: the scan stops with a clear message (exit 1, no traceback), keeps
    what it saw in ``inventory.partial.json``, and writes no inventory."""
    halfway = sum(clean.calls.values()) // 2
    proxy.add("*", "*", "expired", after=halfway)
    out = tmp_path / "inventory.json"
    result = scan(proxy, out, "--concurrency", "1")
    assert result.code == 1, result.output
    assert "Traceback" not in result.output
    assert "rejected the credentials" in result.stderr and "aws sso login" in result.stderr
    partial = tmp_path / "inventory.partial.json"
    assert f"Partial inventory: {partial}" in result.stderr
    assert not out.exists()
    kept = Inventory.load(str(partial))  # a valid inventory
    assert 0 < len(kept.resources) < len(clean.inventory["resources"])
    seen = [r.to_json() for r in kept.resources]
    assert all(r in clean.inventory["resources"] for r in seen), "only what was fully seen is kept"
    assert {e.code for e in kept.errors} <= {"RequestExpired", "ExpiredToken", "ExpiredTokenException"}
    # Once AWS has rejected the credentials, the scan stops asking.
    asked_after = len(proxy.faults("expired"))
    assert asked_after == 1, f"{asked_after} calls were sent after the credentials were rejected"


def test_fail_fast_turns_the_first_error_into_a_failure(clean, proxy, tmp_path):
    proxy.add("lambda", "*", "denied")
    out = tmp_path / "inventory.json"
    result = scan(proxy, out, "--fail-fast")
    assert result.code == 1, result.output
    assert "--fail-fast: lambda:list_functions in us-east-1 failed (AccessDeniedException" in result.stderr
    assert "Traceback" not in result.output
    assert not out.exists()
    assert errors_of(tmp_path / "inventory.partial.json")[0]["code"] == "AccessDeniedException"


def test_the_engine_stops_at_the_first_error_under_fail_fast(clean, proxy):
    proxy.add("lambda", "*", "denied")
    session = AwsSession(endpoint_url=proxy.endpoint, default_region=REGION)
    scanner = Scanner(session, [REGION], [registry.get(t) for t in TYPES], fail_fast=True)
    with pytest.raises(ScanAborted, match="--fail-fast: lambda:list_functions in us-east-1 failed") as caught:
        scanner.run()
    assert [e.code for e in caught.value.inventory.errors] == ["AccessDeniedException"]


# -- the read-only guard covers every client --------------------------------------------------------


def _a_write_of(service: str) -> str:
    """The first operation of a service that is not a read (botocore's name, snake_case)."""
    import botocore.session
    from botocore import xform_name

    model = botocore.session.get_session().get_service_model(service)
    return xform_name(next(op for op in model.operation_names if not op.startswith(READ_PREFIXES)))


@pytest.mark.parametrize("service", sorted({spec.service for spec in registry.all_specs()} | {"sts"}))
def test_every_client_refuses_writes_before_sending(proxy, service):
    session = AwsSession(endpoint_url=proxy.endpoint, default_region=REGION)
    with pytest.raises(ReadOnlyViolation, match="Refused AWS operation"):
        getattr(session.client(service, REGION), _a_write_of(service))()  # refused before even validating
    assert proxy.requests == []


@pytest.mark.parametrize(
    "service, operation, params",
    [
        ("ecr", "get_authorization_token", {}),
        ("sts", "get_session_token", {}),
        ("sts", "get_federation_token", {"Name": "adopt"}),
        ("redshift", "get_cluster_credentials", {"DbUser": "admin", "ClusterIdentifier": "c"}),
        ("secretsmanager", "batch_get_secret_value", {"SecretIdList": ["a"]}),
        ("ssm", "get_parameters_by_path", {"Path": "/", "WithDecryption": True}),
    ],
)
def test_reads_that_return_credentials_are_refused(proxy, service, operation, params):
    session = AwsSession(endpoint_url=proxy.endpoint, default_region=REGION)
    with pytest.raises(ReadOnlyViolation, match="never reads secret values"):
        getattr(session.client(service, REGION), operation)(**params)
    assert proxy.requests == []


def test_the_clients_made_to_read_a_state_in_s3_are_guarded(estate, proxy, tmp_path):
    """`--state s3://...` makes a session of its own, only when needed: on the
    wire it only lists and gets, and its clients refuse to write like every other."""
    state = {"version": 4, "terraform_version": "1.9.5", "serial": 1, "lineage": "g", "resources": []}
    boto3.client("s3", region_name=REGION, endpoint_url=estate.endpoint).put_object(
        Bucket="fault-bucket-b", Key="infra/terraform.tfstate", Body=json.dumps(state).encode()
    )
    location = "s3://fault-bucket-b/infra/terraform.tfstate"
    inventory = tmp_path / "inventory.json"
    inventory.write_text(json.dumps({"format": "adopt-inventory/1", "regions": [REGION], "resources": []}))
    result = run_cli("status", "--inventory", str(inventory), "--state", location, "--endpoint-url", proxy.endpoint)
    assert result.code == 0, result.output
    assert {op for _, op in proxy.operations()} == {"ListObjectsV2", "GetObject"}

    proxy.clear()
    made = []

    def factory():  # as the CLI's: a session made on first need
        made.append(AwsSession(endpoint_url=proxy.endpoint, default_region=REGION))
        return made[-1]

    assert read_states([location], factory) == []
    [session] = made
    clients = list(session._clients.values())
    assert clients
    for client in clients:
        with pytest.raises(ReadOnlyViolation):
            client.put_object(Bucket="fault-bucket-b", Key="infra/terraform.tfstate", Body=b"{}")
        with pytest.raises(ReadOnlyViolation):
            client.delete_object(Bucket="fault-bucket-b", Key="infra/terraform.tfstate")
    assert {op for _, op in proxy.operations()} == {"ListObjectsV2", "GetObject"}


# -- a realistically restricted identity, with moto's own IAM enforcement -------------------------


READ_ONLY_POLICIES = ("AmazonEC2ReadOnlyAccess", "IAMReadOnlyAccess", "AmazonS3ReadOnlyAccess")
# moto checks Lambda's signatures wrongly (SignatureDoesNotMatch for any key)
# once its IAM enforcement is on, so Lambda is left out of this scan.
AUTH_TYPES = [t for t in TYPES if t != "aws_lambda_function"]
DENIED_CODES = {"AccessDenied", "AccessDeniedException", "UnauthorizedOperation"}


def _set_auth(endpoint: str, count: str) -> None:
    # Not form-encoded, or the emulator's web framework would swallow the body.
    request = urllib.request.Request(
        f"{endpoint}/moto-api/reset-auth", data=count.encode(), method="POST", headers={"Content-Type": "text/plain"}
    )
    urllib.request.urlopen(request).read()


def test_a_restricted_read_only_user_sees_what_it_may(clean, estate, proxy, tmp_path):
    """An auditor with AWS's EC2, IAM and S3 read-only policies and nothing
    else, checked by moto's IAM enforcement: EC2, IAM and S3 are scanned in
    full; every other service is denied once, recorded, and the exit code is 3.
    (Last in the module: it adds a user to the account.)"""
    iam = boto3.client("iam", region_name=REGION, endpoint_url=estate.endpoint)
    iam.create_user(UserName="auditor")
    for name in READ_ONLY_POLICIES:
        iam.attach_user_policy(UserName="auditor", PolicyArn=f"arn:aws:iam::aws:policy/{name}")
    key = iam.create_access_key(UserName="auditor")["AccessKey"]
    env = {"AWS_ACCESS_KEY_ID": key["AccessKeyId"], "AWS_SECRET_ACCESS_KEY": key["SecretAccessKey"]}
    out = tmp_path / "inventory.json"
    _set_auth(estate.endpoint, "0")
    try:
        result = scan(proxy, out, env=env, types=AUTH_TYPES)
    finally:
        _set_auth(estate.endpoint, "inf")
    assert result.code == 3, result.output
    assert "Traceback" not in result.output
    inventory = json.loads(out.read_text())
    allowed = {"ec2", "iam", "s3"}
    expected = [r for r in clean.inventory["resources"] if registry.get(r["type"]).service in allowed]
    assert inventory["resources"] == expected
    assert {(e["service"], e["operation"]) for e in inventory["errors"]} == {
        ("rds", "describe_db_parameter_groups"),
        ("ssm", "describe_parameters"),
        ("dynamodb", "list_tables"),
        ("sqs", "list_queues"),
        # The census's sources, denied like the rest, each once per region.
        ("resourcegroupstaggingapi", "get_resources"),
        ("config", "describe_configuration_recorder_status"),
    }
    for error in inventory["errors"]:
        # moto writes its IAM errors as query XML even for JSON services, where
        # botocore then sees only the HTTP status.
        assert error["code"] in DENIED_CODES or (error["code"] == "403" and "AccessDenied" in error["message"])
        assert "auditor" in error["message"] or "AccessDenied" in error["message"]
    for service, operation, _ in LIST_CALLS.values():
        if service not in allowed and service != "lambda":
            assert proxy.calls[(service, operation)] == 1, f"{service}:{operation} was denied, so asked once"


def test_an_answer_that_does_not_parse_is_recorded_not_raised():
    """An endpoint (here a stand-in HTTP server; once, moto's) answers XML
    services with a body that is not XML: botocore raises a parser error that
    is not a BotoCoreError.  The scan records it for that type and goes on."""
    import http.server
    import threading

    class Garbage(http.server.BaseHTTPRequestHandler):
        def do_POST(self):  # noqa: N802 - http.server's naming
            body = b"<DescribeVpcsResponse><vpcSet><item>"
            self.send_response(200)
            self.send_header("Content-Type", "text/xml")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Garbage)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        session = AwsSession(
            endpoint_url=f"http://127.0.0.1:{server.server_address[1]}",
            default_region=REGION,
            retries={"total_max_attempts": 1, "mode": "standard"},
        )
        scanner = Scanner(session, [REGION], [registry.get("aws_vpc")])
        inventory = scanner.run()
    finally:
        server.shutdown()
    assert inventory.resources == []
    assert [(e.operation, e.code) for e in inventory.errors if e.resource_type == "aws_vpc"] == [
        ("describe_vpcs", "ResponseParserError")
    ]
