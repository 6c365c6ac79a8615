"""The accounts of an organization, and entering each through a role.

An organization's accounts come from AWS Organizations (the management or a
delegated administrator account): all active accounts, or those in one
organizational unit and below.  Each is entered with STS ``AssumeRole`` from
the standard credential chain; the temporary credentials stay in memory, in
the :class:`AwsSession` of that account, and are never written anywhere.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

import botocore.exceptions

from ..errors import AdoptError, BadInput
from .role_defaults import DEFAULT_ROLE_NAME, DEFAULT_SESSION_NAME
from .session import AwsSession

ACCOUNT_ID = re.compile(r"[0-9]{12}")
OU_ID = re.compile(r"(ou-[0-9a-z]{4,32}-[0-9a-z]{8,32}|r-[0-9a-z]{4,32})")
# IAM's own rule for role names (paths are not taken: a role name is asked for).
ROLE_NAME = re.compile(r"[\w+=,.@-]{1,64}")
# STS's rule for a session name.
SESSION_NAME = re.compile(r"[\w+=,.@-]{2,64}")
EXTERNAL_ID = re.compile(r"[\w+=,.@:/-]{2,1224}")

# Organizations is a global service answered from us-east-1 (aws partition).
ORGANIZATIONS_REGION = "us-east-1"


@dataclass(frozen=True, order=True)
class Account:
    id: str
    name: str = ""


@dataclass(frozen=True)
class RoleToAssume:
    """How each account is entered: ``arn:<partition>:iam::<account>:role/<name>``."""

    name: str = DEFAULT_ROLE_NAME
    session_name: str = DEFAULT_SESSION_NAME
    external_id: str | None = None
    partition: str = "aws"

    def __post_init__(self) -> None:
        _check(ROLE_NAME, self.name, "--role-name", "a role name such as OrganizationAccountAccessRole")
        _check(SESSION_NAME, self.session_name, "--role-session-name", "2 to 64 letters, digits or +=,.@_-")
        if self.external_id is not None:
            _check(EXTERNAL_ID, self.external_id, "--external-id", "2 to 1224 letters, digits or +=,.@:/_-")

    def arn(self, account_id: str) -> str:
        return f"arn:{self.partition}:iam::{account_id}:role/{self.name}"


def check_account_id(text: str, option: str = "--account") -> str:
    return _check(ACCOUNT_ID, text.strip(), option, "a 12-digit account ID")


def check_ou_id(text: str) -> str:
    return _check(OU_ID, text.strip(), "--ou", "an organizational unit ID (ou-...) or a root ID (r-...)")


def _check(pattern: re.Pattern[str], text: str, option: str, what: str) -> str:
    if not pattern.fullmatch(text):
        raise BadInput(f"{option} {text!r} is not {what}.")
    return text


def organization_accounts(session: AwsSession, ou: str | None = None) -> list[Account]:
    """The active accounts of the organization, or of ``ou`` and the units below it."""
    client = session.client("organizations", ORGANIZATIONS_REGION)
    try:
        if ou is None:
            listed = _pages(client, "list_accounts", "Accounts")
        else:
            listed = (a for parent in _units_under(client, ou) for a in _accounts_in(client, parent))
        return sorted({Account(a["Id"], a.get("Name") or "") for a in listed if _active(a)})
    except botocore.exceptions.ClientError as exc:
        error = exc.response.get("Error", {})
        code, message = error.get("Code", "Error"), error.get("Message", "")
        if code == "AWSOrganizationsNotInUseException":
            raise BadInput("--org: this account is not in an organization; name accounts with --account.") from exc
        if code == "ParentNotFoundException":
            raise BadInput(f"--ou {ou}: no such organizational unit in this organization.") from exc
        raise AdoptError(
            f"The organization's accounts could not be listed ({code}: {message}). --org needs the "
            "management account or a delegated administrator, with organizations:ListAccounts "
            "(and ListAccountsForParent, ListOrganizationalUnitsForParent for --ou)."
        ) from exc


def _active(account: dict[str, Any]) -> bool:
    # ``State`` replaces ``Status`` in newer answers; either says ACTIVE.
    return (account.get("State") or account.get("Status")) == "ACTIVE"


def _units_under(client: Any, ou: str) -> Iterator[str]:
    """``ou`` and every unit below it, depth first, each once."""
    seen: set[str] = set()
    todo = [ou]
    while todo:
        parent = todo.pop()
        if parent in seen:
            continue
        seen.add(parent)
        yield parent
        children = _pages(client, "list_organizational_units_for_parent", "OrganizationalUnits", ParentId=parent)
        todo.extend(sorted((u["Id"] for u in children), reverse=True))


def _accounts_in(client: Any, parent: str) -> Iterable[dict[str, Any]]:
    return _pages(client, "list_accounts_for_parent", "Accounts", ParentId=parent)


def _pages(client: Any, operation: str, key: str, **params: Any) -> Iterator[dict[str, Any]]:
    for page in client.get_paginator(operation).paginate(**params):
        yield from page.get(key, [])


def select(accounts: Iterable[Account], exclude: Iterable[str]) -> list[Account]:
    excluded = set(exclude)
    return sorted(a for a in accounts if a.id not in excluded)


class AccountNotEntered(Exception):
    """The role of one account could not be assumed: recorded, and the others go on."""

    def __init__(self, account: Account, code: str, message: str) -> None:
        super().__init__(f"{account.id}: {code}: {message}")
        self.account, self.code, self.message = account, code, message


def enter(session: AwsSession, account: Account, role: RoleToAssume, region: str) -> AwsSession:
    """A session acting in ``account`` through ``role``; raises AccountNotEntered."""
    try:
        return session.assume_role(
            role.arn(account.id), session_name=role.session_name, external_id=role.external_id, region=region
        )
    except botocore.exceptions.ClientError as exc:
        error = exc.response.get("Error", {})
        raise AccountNotEntered(account, error.get("Code", "Error"), error.get("Message", "")) from exc
    except botocore.exceptions.BotoCoreError as exc:
        raise AccountNotEntered(account, type(exc).__name__, str(exc)) from exc
