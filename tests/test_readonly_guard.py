"""The client layer refuses every AWS operation that is not a read, before
anything is sent."""

from __future__ import annotations

import http.server
import threading

import pytest

from adopt.aws.session import AwsSession
from adopt.errors import ReadOnlyViolation


@pytest.fixture
def counting_server():
    """An HTTP endpoint that only counts the requests it receives."""
    hits = []

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_POST(self):  # noqa: N802 - http.server's naming
            hits.append(self.path)
            self.send_response(500)
            self.end_headers()

        do_GET = do_PUT = do_DELETE = do_POST  # noqa: N815

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}", hits
    server.shutdown()


@pytest.mark.parametrize(
    "service, operation, params",
    [
        ("ec2", "create_vpc", {"CidrBlock": "10.0.0.0/16"}),
        ("ec2", "terminate_instances", {"InstanceIds": ["i-1"]}),
        ("s3", "put_bucket_policy", {"Bucket": "b", "Policy": "{}"}),
        ("s3", "delete_bucket", {"Bucket": "b"}),
        ("iam", "attach_role_policy", {"RoleName": "r", "PolicyArn": "arn:aws:iam::aws:policy/x"}),
        ("secretsmanager", "get_secret_value", {"SecretId": "s"}),
        ("ssm", "get_parameter", {"Name": "p", "WithDecryption": True}),
        ("kms", "decrypt", {"CiphertextBlob": b"x"}),
    ],
)
def test_writes_and_secret_reads_are_refused_before_sending(counting_server, service, operation, params):
    endpoint, hits = counting_server
    session = AwsSession(
        endpoint_url=endpoint, default_region="us-east-1", retries={"max_attempts": 1, "mode": "standard"}
    )
    client = session.client(service, "us-east-1")
    with pytest.raises(ReadOnlyViolation, match="Refused AWS operation"):
        getattr(client, operation)(**params)
    assert hits == []


def test_reads_go_through(moto):
    session = AwsSession(endpoint_url=moto.endpoint, default_region="us-east-1")
    assert "Vpcs" in session.client("ec2", "us-east-1").describe_vpcs()
    # Reading a parameter without decrypting it is allowed (it is not a secret read).
    moto.client("ssm").put_parameter(Name="plain", Value="v", Type="String")
    assert session.client("ssm", "us-east-1").get_parameter(Name="plain")["Parameter"]["Value"] == "v"


def test_clients_are_shared_per_service_and_region():
    session = AwsSession(endpoint_url="http://127.0.0.1:9", default_region="us-east-1")
    assert session.client("ec2", "us-east-1") is session.client("ec2", "us-east-1")
    assert session.client("ec2", "us-east-1") is not session.client("ec2", "eu-west-1")


def test_the_client_that_assumes_a_role_takes_no_other_call_that_is_not_a_read(counting_server):
    """AssumeRole is the one call adopt makes that is not a read; the STS
    client that makes it refuses everything else that is not, before sending."""
    from adopt.aws import session as module

    endpoint, hits = counting_server
    for operation in ("GetSessionToken", "GetFederationToken", "DecodeAuthorizationMessage"):
        model = type("Model", (), {"name": operation})()
        with pytest.raises(ReadOnlyViolation):
            module._guard_allowing_assume_role(model, {})
    model = type("Model", (), {"name": "AssumeRole"})()
    module._guard_allowing_assume_role(model, {})  # allowed
    assert hits == []


def test_an_entered_account_keeps_its_clients_read_only(moto):
    session = AwsSession(endpoint_url=moto.endpoint, default_region="us-east-1")
    entered = session.assume_role(
        "arn:aws:iam::111122223333:role/OrganizationAccountAccessRole", session_name="adopt-scan", region="us-east-1"
    )
    assert entered.account_id("us-east-1") == "111122223333"
    with pytest.raises(ReadOnlyViolation):
        entered.client("sqs", "us-east-1").create_queue(QueueName="never")
    assert entered.client("sqs", "us-east-1").list_queues().get("QueueUrls") is None


@pytest.mark.parametrize(
    "operation, params",
    [
        ("create_resource", {"TypeName": "AWS::Logs::LogGroup", "DesiredState": "{}"}),
        ("update_resource", {"TypeName": "AWS::Logs::LogGroup", "Identifier": "g", "PatchDocument": "[]"}),
        ("delete_resource", {"TypeName": "AWS::Logs::LogGroup", "Identifier": "g"}),
        ("cancel_resource_request", {"RequestToken": "t"}),
        # Named like reads, but they follow changes made through Cloud Control.
        ("get_resource_request_status", {"RequestToken": "t"}),
        ("list_resource_requests", {}),
    ],
)
def test_cloud_control_allows_only_get_and_list_resources(counting_server, operation, params):
    endpoint, hits = counting_server
    session = AwsSession(
        endpoint_url=endpoint, default_region="us-east-1", retries={"max_attempts": 1, "mode": "standard"}
    )
    client = session.client("cloudcontrol", "us-east-1")
    with pytest.raises(ReadOnlyViolation, match="Refused AWS operation"):
        getattr(client, operation)(**params)
    assert hits == []


@pytest.mark.parametrize(
    "operation, params",
    [
        ("get_resource", {"TypeName": "AWS::Logs::LogGroup", "Identifier": "g"}),
        ("list_resources", {"TypeName": "AWS::Logs::LogGroup"}),
    ],
)
def test_cloud_control_reads_are_sent(counting_server, operation, params):
    endpoint, hits = counting_server
    session = AwsSession(
        endpoint_url=endpoint, default_region="us-east-1", retries={"max_attempts": 1, "mode": "standard"}
    )
    client = session.client("cloudcontrol", "us-east-1")
    with pytest.raises(Exception) as raised:  # the counting server answers 500
        getattr(client, operation)(**params)
    assert not isinstance(raised.value, ReadOnlyViolation)
    assert hits  # sent (and retried once on the 500)
