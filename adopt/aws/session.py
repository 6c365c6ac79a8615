"""boto3 session, client cache and the read-only guard.

Every client the tool uses comes from :class:`AwsSession`, and every one of
them carries the guard: an operation that is not a read is refused before any
request is built, so the tool cannot change the account even by mistake.
"""

from __future__ import annotations

import os
import re
import threading
from collections.abc import Callable
from typing import Any

import boto3
import botocore.config
import botocore.credentials
import botocore.exceptions
import botocore.parsers
import botocore.session

from ..errors import AdoptError, BadInput, ReadOnlyViolation

# Operation name prefixes that only read.  Anything else is refused.
READ_PREFIXES = ("Describe", "Get", "List", "Head", "Lookup", "Search", "BatchGet")

# Reads that would fetch secret material: the tool never asks for it.
SECRET_READS = frozenset(
    {
        "GetSecretValue",  # Secrets Manager
        "BatchGetSecretValue",
        "GetPasswordData",  # EC2 Windows password
        "GetParametersByPath",  # only refused when decrypting, see _guard
        "GetParameter",
        "GetParameters",
        "GetParameterHistory",
        # Named like reads, but each mints a credential: a secret the tool
        # has no use for (and Redshift's may even create a database user).
        "GetAuthorizationToken",  # ECR: a docker login password
        "GetSessionToken",  # STS
        "GetFederationToken",  # STS
        "GetClusterCredentials",  # Redshift
        "GetClusterCredentialsWithIAM",
        "GetRoleCredentials",  # IAM Identity Center
        "GetCredentialsForIdentity",  # Cognito
    }
)

# Services whose reads are fewer than their read-like names: only these of
# them are asked.  Cloud Control reads resources; its resource-request calls
# (GetResourceRequestStatus, ListResourceRequests) follow changes made through
# it, which adopt never makes, so they are refused with the rest.
ONLY_READS = {"cloudcontrol": frozenset({"GetResource", "ListResources"})}

# SSM reads are fine without decryption; with it they return secrets.
_DECRYPTING = ("WithDecryption",)

# Retries.  botocore's adaptive mode: its standard retries (throttling, 5xx,
# timeouts and dropped connections; never a denied call, whose code is none of
# those) plus a client-side rate limit once AWS throttles.  The budget counts
# the first try.  (botocore reads a Config's ``max_attempts`` as *retries*, so
# the former ``max_attempts: 8`` meant 9 tries: a call throttled for good
# waited up to ~90 s before it was recorded as failed.)  With 6 tries,
# throttling backs off at most 1 + 2 + 4 + 8 + 16 s (jittered, so about half
# that on average) and a 5xx or a reset connection at most 1.55 s.
DEFAULT_MAX_ATTEMPTS = 6
DEFAULT_RETRIES = {"mode": "adaptive", "total_max_attempts": DEFAULT_MAX_ATTEMPTS}
# The error codes by which AWS says "slow down" (botocore retries the same ones).
THROTTLING_CODES = frozenset(
    {
        "Throttling",
        "ThrottlingException",
        "ThrottledException",
        "RequestThrottledException",
        "TooManyRequestsException",
        "ProvisionedThroughputExceededException",
        "TransactionInProgressException",
        "RequestLimitExceeded",
        "BandwidthLimitExceeded",
        "LimitExceededException",
        "RequestThrottled",
        "SlowDown",
        "PriorRequestNotComplete",
        "EC2ThrottledException",
    }
)
RETRY_MODES = ("standard", "adaptive", "legacy")


def _generic_error_page(response_dict: dict[str, Any], customized_response_dict: dict[str, Any], **_: Any) -> None:
    """Read a 5xx web page (a proxy's, a load balancer's) as the generic 5xx it is.

    botocore recognises a server error without an AWS body only when it is
    empty or starts with ``<html>``; a page starting ``<!DOCTYPE html>`` makes
    the XML protocols' parser raise instead, which is never retried.  Emptied,
    the body parses as an error of its status code, retried like any 5xx; the
    page's title stays in the message, which botocore merges over its own.
    """
    status = response_dict.get("status_code", 0)
    body = response_dict.get("body")
    if status < 500 or not isinstance(body, bytes):
        return
    if not body.lstrip()[:14].lower().startswith((b"<!doctype html", b"<html")):
        return
    response_dict["body"] = b""
    title = _PAGE_TITLE.search(body[:4096])
    text = (title.group(1) if title else body[:120]).decode("utf-8", "replace").strip()
    customized_response_dict["Error"] = {"Code": str(status), "Message": f"a web page, not an AWS answer: {text}"}


_PAGE_TITLE = re.compile(rb"<title[^>]*>([^<]{1,200})</title>", re.IGNORECASE)


def _guard(model: Any, params: dict[str, Any], **_: Any) -> None:
    name = model.name
    if not name.startswith(READ_PREFIXES):
        raise ReadOnlyViolation(
            f"Refused AWS operation {name}: adopt only reads from AWS and never changes the account."
        )
    allowed = ONLY_READS.get(getattr(getattr(model, "service_model", None), "service_name", ""))
    if allowed is not None and name not in allowed:
        raise ReadOnlyViolation(
            f"Refused AWS operation {name}: of this service adopt only calls {', '.join(sorted(allowed))}."
        )
    if name in SECRET_READS:
        if name.startswith("GetParameter") and not any(params.get(k) for k in _DECRYPTING):
            return
        raise ReadOnlyViolation(f"Refused AWS operation {name}: adopt never reads secret values.")


def _guard_allowing_assume_role(model: Any, params: dict[str, Any], **kwargs: Any) -> None:
    if model.name != "AssumeRole":
        _guard(model, params, **kwargs)


class AwsSession:
    """A boto3 session with one shared client per (service, region)."""

    def __init__(
        self,
        profile: str | None = None,
        endpoint_url: str | None = None,
        default_region: str | None = None,
        retries: dict[str, Any] | None = None,
        credentials: dict[str, str] | None = None,
        boto_session: boto3.session.Session | None = None,
    ) -> None:
        try:
            self._session = boto_session or boto3.session.Session(profile_name=profile, **(credentials or {}))
        except botocore.exceptions.ProfileNotFound as exc:
            raise BadInput(f"AWS profile {profile!r} is not configured ({exc}). Check ~/.aws/config.") from exc
        self.endpoint_url = endpoint_url or os.environ.get("AWS_ENDPOINT_URL") or None
        self.default_region = default_region or self._session.region_name
        self._config = botocore.config.Config(
            retries=retries or self._user_retries(),
            user_agent_extra="adopt",
            max_pool_connections=32,
        )
        self._clients: dict[tuple[str, str], Any] = {}
        self._lock = threading.Lock()
        # Told of every answer AWS gives this session's clients, each try
        # apart: True when it was throttling (a scan of many accounts slows
        # down the one account AWS throttles).
        self.on_answer: Callable[[bool], None] | None = None

    def _user_retries(self) -> dict[str, Any]:
        """The default budget, unless the user's AWS configuration sets one.

        AWS_MAX_ATTEMPTS / AWS_RETRY_MODE (or ``max_attempts`` / ``retry_mode``
        in the profile) are the standard knobs; an explicit Config would
        otherwise silently override them.
        """
        retries: dict[str, Any] = dict(DEFAULT_RETRIES)
        core = self._session._session
        try:
            attempts = core.get_config_variable("max_attempts")
        except ValueError as exc:
            raise BadInput(f"AWS_MAX_ATTEMPTS (or max_attempts in the profile) is not a number: {exc}.") from exc
        if attempts is not None:
            if attempts < 1:
                raise BadInput(f"AWS_MAX_ATTEMPTS (or max_attempts in the profile) must be 1 or more, not {attempts}.")
            retries["total_max_attempts"] = attempts
        mode = os.environ.get("AWS_RETRY_MODE") or core.get_scoped_config().get("retry_mode")
        if mode:
            if mode not in RETRY_MODES:
                raise BadInput(
                    f"Unknown AWS retry mode {mode!r} (AWS_RETRY_MODE or retry_mode in the profile): "
                    f"use one of {', '.join(RETRY_MODES)}."
                )
            retries["mode"] = mode
        return retries

    def client(self, service: str, region: str) -> Any:
        """The shared, guarded client for a service in a region (thread-safe)."""
        key = (service, region)
        with self._lock:
            client = self._clients.get(key)
            if client is None:
                client = self._session.client(
                    service,
                    region_name=region,
                    endpoint_url=self.endpoint_url,
                    config=self._config,
                )
                client.meta.events.register("before-parameter-build.*.*", _guard)
                client.meta.events.register("before-parse.*.*", _generic_error_page)
                # First, because botocore's own retry handler ends the event when it retries.
                client.meta.events.register_first("needs-retry", self._answered)
                self._clients[key] = client
            return client

    def _answered(self, response: Any = None, **_: Any) -> None:
        """Tell ``on_answer`` whether AWS throttled this try (no answer at all: nothing)."""
        listener = self.on_answer
        if listener is None or not response:
            return None
        http, parsed = response
        code = (parsed or {}).get("Error", {}).get("Code") if isinstance(parsed, dict) else None
        listener(code in THROTTLING_CODES or getattr(http, "status_code", None) == 429)
        return None  # never decides the retry

    def assume_role(
        self, role_arn: str, *, session_name: str, external_id: str | None = None, region: str
    ) -> AwsSession:
        """A session acting as ``role_arn``, with the same endpoint and retries.

        Its credentials are botocore's refreshable kind: fetched now (so a
        role that cannot be assumed fails here, with botocore's ClientError),
        fetched again before they expire, so a scan longer than the role's
        session still runs; kept in memory only.  ``AssumeRole`` is the one
        call adopt makes that is not a read: it changes nothing in either
        account, and the client that makes it takes no other such call.
        """
        source = self._session._session

        def sts_client(service: str, **credentials: Any) -> Any:
            client = source.create_client(
                service, region_name=region, endpoint_url=self.endpoint_url, config=self._config, **credentials
            )
            client.meta.events.register("before-parameter-build.*.*", _guard_allowing_assume_role)
            return client

        extra = {"RoleSessionName": session_name, **({"ExternalId": external_id} if external_id else {})}
        fetcher = botocore.credentials.AssumeRoleCredentialFetcher(
            client_creator=sts_client,
            source_credentials=source.get_credentials(),
            role_arn=role_arn,
            extra_args=extra,
        )
        credentials = botocore.credentials.DeferredRefreshableCredentials(
            refresh_using=fetcher.fetch_credentials, method="assume-role"
        )
        credentials.get_frozen_credentials()  # enter now, or fail now
        entered = botocore.session.Session()
        entered._credentials = credentials  # botocore's own way to give a session fixed providers
        return AwsSession(
            endpoint_url=self.endpoint_url,
            default_region=self.default_region or region,
            retries=self._config.retries,
            boto_session=boto3.session.Session(botocore_session=entered),
        )

    def check_credentials(self) -> None:
        """Fail early, with advice, when there are no credentials at all."""
        if self._session.get_credentials() is None:
            raise AdoptError(
                "No AWS credentials were found. Provide them with --profile NAME, the AWS_PROFILE or "
                "AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY environment variables, or `aws configure`/"
                "`aws sso login`. To try adopt without an AWS account, run `adopt demo`."
            )

    def account_id(self, region: str) -> str | None:
        try:
            return self.client("sts", region).get_caller_identity()["Account"]
        except (
            botocore.exceptions.ClientError,
            botocore.exceptions.BotoCoreError,
            botocore.parsers.ResponseParserError,
        ):
            return None  # the scan's own calls then say what is wrong
