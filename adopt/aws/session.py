"""boto3 session, client cache and the read-only guard.

Every client the tool uses comes from :class:`AwsSession`, and every one of
them carries the guard: an operation that is not a read is refused before any
request is built, so the tool cannot change the account even by mistake.
"""

from __future__ import annotations

import os
import threading
from typing import Any

import boto3
import botocore.config
import botocore.exceptions

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
    }
)

# SSM reads are fine without decryption; with it they return secrets.
_DECRYPTING = ("WithDecryption",)

DEFAULT_RETRIES = {"mode": "adaptive", "max_attempts": 8}


def _guard(model: Any, params: dict[str, Any], **_: Any) -> None:
    name = model.name
    if not name.startswith(READ_PREFIXES):
        raise ReadOnlyViolation(
            f"Refused AWS operation {name}: adopt only reads from AWS and never changes the account."
        )
    if name in SECRET_READS:
        if name.startswith("GetParameter") and not any(params.get(k) for k in _DECRYPTING):
            return
        raise ReadOnlyViolation(f"Refused AWS operation {name}: adopt never reads secret values.")


class AwsSession:
    """A boto3 session with one shared client per (service, region)."""

    def __init__(
        self,
        profile: str | None = None,
        endpoint_url: str | None = None,
        default_region: str | None = None,
        retries: dict[str, Any] | None = None,
        credentials: dict[str, str] | None = None,
    ) -> None:
        try:
            self._session = boto3.session.Session(profile_name=profile, **(credentials or {}))
        except botocore.exceptions.ProfileNotFound as exc:
            raise BadInput(f"AWS profile {profile!r} is not configured ({exc}). Check ~/.aws/config.") from exc
        self.endpoint_url = endpoint_url or os.environ.get("AWS_ENDPOINT_URL") or None
        self.default_region = default_region or self._session.region_name
        self._config = botocore.config.Config(
            retries=retries or DEFAULT_RETRIES,
            user_agent_extra="adopt",
            max_pool_connections=32,
        )
        self._clients: dict[tuple[str, str], Any] = {}
        self._lock = threading.Lock()

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
                self._clients[key] = client
            return client

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
        except botocore.exceptions.ClientError:
            return None
