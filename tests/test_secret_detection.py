"""What looks like a secret, by name and by shape; and what must not.

Errs on the side of hiding: each shape the peers' users have leaked is caught,
and the common public values of an estate (ARNs, queue URLs, endpoints,
hashes, paths) are not taken for secrets.
"""

from __future__ import annotations

import pytest

from adopt.catalog.secrets import looks_secret, secret_name, secret_shape

SECRET_NAMES = ["PW", "PASS", "DB_PASS", "dbPass", "DB_PASSWORD", "MYSQLPASSWORD", "API_KEY", "apiKey", "GithubToken",
                "SENTRY_DSN", "SLACK_WEBHOOK", "client_secret", "AUTH_HEADER", "JWT_SIGNING_KEY", "PRIVATE_KEY_PEM"]  # fmt: skip
PUBLIC_NAMES = ["TABLE", "QUEUE_URL", "LOG_LEVEL", "BYPASS_CACHE", "PASSTHROUGH", "REGION", "BUCKET", "SPIN_UP"]

SECRET_VALUES = {
    "redis://:s3cr3tpw@cache.internal:6379/0": "a URL with a password",
    "postgres://app:hunter2@db.internal/app": "a URL with a password",
    "Server=db;User Id=sa;Password=x1y2z3;": "a connection string with a password",
    "jdbc:postgresql://db/app?user=app&password=abc123": "a URL carrying a secret or a signature",
    "https://api.example.com/callback?token=abcdef123": "a URL carrying a secret or a signature",
    "https://bucket.s3.amazonaws.com/k?X-Amz-Signature=abc&X-Amz-Credential=x": "a URL carrying a secret or a signature",
    "https://acct.blob.core.windows.net/c/f?sv=2020&sig=abcDEF%3D": "a URL carrying a secret or a signature",
    "https://abcdef0123456789@o123.ingest.sentry.io/456": "a URL with credentials (a key or user in it)",
    "https://hooks.slack.com/services/T000/B000/XXXX": "a Slack webhook URL",
    "https://discord.com/api/webhooks/123/abc": "a Discord webhook URL",
    "ghp_" + "A1b2C3d4" * 5: "a GitHub token",
    "github_pat_" + "a1B2" * 10: "a GitHub token",
    "xoxb-1234567890-abcdefghij": "a Slack token",
    "sk_live_" + "a1B2c3D4e5": "a Stripe-style key",
    "AIza" + "B" * 35: "a Google API key",
    "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0In0.sig_part": "a JSON web token",
    "-----BEGIN OPENSSH PRIVATE KEY-----\nb3Blbn...": "a private key",
    "-----BEGIN RSA PRIVATE KEY-----": "a private key",
    "AKIAIOSFODNN7EXAMPLE": "an AWS access key",
    "wJalrXUtnFI/K7MDENG/bPxRfiCYEXAMPLEKEYab": "an AWS secret access key",
    "Basic dXNlcjpwYXNzd29yZA==": "an authorization header value",
    "Bearer abcdefghijklmnopqrstuvwxyz": "an authorization header value",
}
PUBLIC_VALUES = [
    "arn:aws:iam::123456789012:role/service-role/MyLongRoleName2024",
    "https://sqs.us-east-1.amazonaws.com/123456789012/orders",
    "mydb.abc123xyz.us-east-1.rds.amazonaws.com",
    "0123456789abcdef0123456789abcdef01234567",  # a commit hash
    "Projects/Alpha/Reports/Q1Summary2024abcd",  # a 40-character path
    "https://example.com/docs?page=2&sort=asc",
    "s3://bucket/prefix/",
    "${aws:username}",
]


@pytest.mark.parametrize("name", SECRET_NAMES)
def test_secret_names(name):
    assert secret_name(name)


@pytest.mark.parametrize("name", PUBLIC_NAMES)
def test_public_names(name):
    assert not secret_name(name)


@pytest.mark.parametrize("value, reason", SECRET_VALUES.items())
def test_secret_shapes(value, reason):
    assert secret_shape(value) == reason
    assert looks_secret("ANY", value)
    assert secret_shape(f"prefix {value} suffix") is not None  # found anywhere in a value


@pytest.mark.parametrize("value", PUBLIC_VALUES)
def test_public_values(value):
    assert secret_shape(value) is None
