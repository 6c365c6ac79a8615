"""The organization the many-account tests share: a management account and
four member accounts in nested organizational units, each holding its own
queue, entered through OrganizationAccountAccessRole (moto makes it with each
account, and its credentials act in the role's account).

moto lets any role be assumed, so the account whose role is missing is played
by the fault proxy: it answers that account's AssumeRole (and only that one)
with AccessDenied, as AWS does when the role does not exist or does not trust
the caller.  Each test module that imports the fixtures seeds it once.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import boto3
import pytest
from faults import FaultProxy
from helpers import run_cli

from adopt.model import Inventory

TYPES = ("--include", "aws_sqs_queue", "--include", "aws_sns_topic")
REGION = "us-east-1"


@dataclass
class Organization:
    endpoint: str
    management: str
    accounts: dict[str, str]  # name -> id
    units: dict[str, str]  # name -> OU id


def in_account(endpoint: str, account_id: str, service: str):
    sts = boto3.client("sts", region_name=REGION, endpoint_url=endpoint)
    role = f"arn:aws:iam::{account_id}:role/OrganizationAccountAccessRole"
    creds = sts.assume_role(RoleArn=role, RoleSessionName="seed")["Credentials"]
    return boto3.client(
        service,
        region_name=REGION,
        endpoint_url=endpoint,
        aws_access_key_id=creds["AccessKeyId"],
        aws_secret_access_key=creds["SecretAccessKey"],
        aws_session_token=creds["SessionToken"],
    )


@pytest.fixture(scope="module")
def organization(moto_server) -> Organization:
    moto_server.reset()
    endpoint = moto_server.endpoint
    org = boto3.client("organizations", region_name=REGION, endpoint_url=endpoint)
    org.create_organization(FeatureSet="ALL")
    root = org.list_roots()["Roots"][0]["Id"]
    units = {"prod": org.create_organizational_unit(ParentId=root, Name="prod")["OrganizationalUnit"]["Id"]}
    units["prod-eu"] = org.create_organizational_unit(ParentId=units["prod"], Name="prod-eu")["OrganizationalUnit"][
        "Id"
    ]
    units["dev"] = org.create_organizational_unit(ParentId=root, Name="dev")["OrganizationalUnit"]["Id"]
    accounts = {}
    for name, unit in (("alpha", "prod"), ("beta", "prod-eu"), ("gamma", "dev"), ("delta", "dev")):
        status = org.create_account(Email=f"{name}@example.com", AccountName=name)["CreateAccountStatus"]
        accounts[name] = status["AccountId"]
        org.move_account(AccountId=accounts[name], SourceParentId=root, DestinationParentId=units[unit])
        in_account(endpoint, accounts[name], "sqs").create_queue(QueueName=f"{name}-orders")
    management = boto3.client("sts", region_name=REGION, endpoint_url=endpoint).get_caller_identity()["Account"]
    boto3.client("sns", region_name=REGION, endpoint_url=endpoint).create_topic(Name="management-alerts")
    organization = Organization(endpoint, management, accounts, units)
    # A queue in a second region too, for --region all and to spread shards' work.
    regional(organization, "alpha", "eu-west-1").create_queue(QueueName="alpha-eu")
    return organization


@pytest.fixture(scope="module")
def delta_role_missing(organization):
    with FaultProxy(organization.endpoint) as proxy:
        proxy.add(
            "sts", "AssumeRole", "denied", code="AccessDenied", body_contains=organization.accounts["delta"].encode()
        )
        yield proxy


def scan(endpoint: str, out: Path, *args: str):
    return run_cli("scan", "--endpoint-url", endpoint, "--region", REGION, *TYPES, "--output", str(out), *args)


def names(inventory_path: Path) -> set[str]:
    return {r.name for r in Inventory.load(str(inventory_path)).resources}


def regional(organization: Organization, name: str, region: str):
    sts = boto3.client("sts", region_name=REGION, endpoint_url=organization.endpoint)
    role = f"arn:aws:iam::{organization.accounts[name]}:role/OrganizationAccountAccessRole"
    creds = sts.assume_role(RoleArn=role, RoleSessionName="seed")["Credentials"]
    return boto3.client(
        "sqs", region_name=region, endpoint_url=organization.endpoint,
        aws_access_key_id=creds["AccessKeyId"], aws_secret_access_key=creds["SecretAccessKey"],
        aws_session_token=creds["SessionToken"],
    )  # fmt: skip
