"""What looks like a secret: by the name that holds it, or by its shape.

Used by specs for values that hold free text (environment variables, headers,
user data) and by the scan engine on every value it keeps: a value that looks
secret is never written, it becomes a sensitive variable the user supplies.
This errs on the side of hiding: a public value taken for a secret costs the
user one variable; a secret taken for a public value is in the repository.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from .expressions import Expr, Expression, evaluate


@dataclass(frozen=True)
class Secret:
    """What an expression returns for a value that must never be written (a
    password, a SecureString): the argument becomes a sensitive variable."""

    reason: str


# Words of a name that usually mean a secret (DB_PASSWORD, dbPass, API_KEY,
# GithubToken, SENTRY_DSN...): matched as whole words of the name, so
# BYPASS_CACHE or PASSTHROUGH are not taken for passwords.
_SECRET_WORDS = frozenset(
    {
        "PASSWORD", "PASSWD", "PASSPHRASE", "PASSCODE", "PASS", "PWD", "PW", "SECRET", "SECRETS", "TOKEN",
        "TOKENS", "KEY", "APIKEY", "CREDENTIAL", "CREDENTIALS", "CREDS", "PRIVATE", "AUTH", "AUTHORIZATION",
        "SIGNATURE", "SALT", "DSN", "WEBHOOK", "COOKIE", "OTP", "PIN", "BEARER", "SIG", "CONNECTIONSTRING",
    }
)  # fmt: skip
# Substrings that mean a secret wherever they are (MYSQLPASSWORD, SLACKTOKEN).
_SECRET_PARTS = re.compile(r"PASSWORD|PASSWD|PASSPHRASE|SECRET|TOKEN|CREDENTIAL|APIKEY|PRIVATEKEY|WEBHOOK")
_WORD = re.compile(r"[A-Z]+(?![a-z])|[A-Z]?[a-z]+|[0-9]+")

# The shapes of secret values, each with the reason shown to the user.
_SHAPES: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern), reason)
    for pattern, reason in (
        (r"-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----", "a private key"),
        (r"[A-Za-z][A-Za-z0-9+.-]*://[^/\s@?#]*:[^/\s@?#]*@", "a URL with a password"),
        (r"[A-Za-z][A-Za-z0-9+.-]*://[^/\s:@?#]+@[^/\s@]", "a URL with credentials (a key or user in it)"),
        (
            r"(?i)(?:^|[;\s])(?:password|pwd|passwd|accountkey|sharedaccesskey)\s*=",
            "a connection string with a password",
        ),
        (
            r"(?i)[?&;](?:password|passwd|pwd|pass|token|access_token|refresh_token|id_token|api[_-]?key|apikey|"
            r"secret|client_secret|sig|signature|x-amz-signature|x-amz-credential|x-amz-security-token|"
            r"x-goog-signature|x-goog-credential|auth|authorization|key|code|sas)=[^&\s]+",
            "a URL carrying a secret or a signature",
        ),
        (r"(?<![A-Za-z0-9])eyJ[A-Za-z0-9_-]{5,}\.eyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]*", "a JSON web token"),
        (r"(?<![A-Za-z0-9])(?:gh[pousr]_[A-Za-z0-9]{20,}|github_pat_[A-Za-z0-9_]{20,})", "a GitHub token"),
        (r"(?<![A-Za-z0-9])xox[abposre]-[A-Za-z0-9-]{8,}", "a Slack token"),
        (r"(?i)hooks\.slack\.com/(?:services|workflows|triggers)/", "a Slack webhook URL"),
        (r"(?i)discord(?:app)?\.com/api/webhooks/", "a Discord webhook URL"),
        (r"(?i)\.webhook\.office\.com/|outlook\.office\.com/webhook", "a Teams webhook URL"),
        (r"(?<![A-Za-z0-9])(?:sk|rk|pk)_(?:live|test)_[A-Za-z0-9]{10,}|whsec_[A-Za-z0-9]{16,}", "a Stripe-style key"),
        (r"(?<![A-Za-z0-9])AIza[0-9A-Za-z_-]{35}", "a Google API key"),
        (r"(?<![A-Za-z0-9])SG\.[A-Za-z0-9_-]{16,}\.[A-Za-z0-9_-]{16,}", "a SendGrid key"),
        (
            r"(?<![A-Za-z0-9])(?:npm_[A-Za-z0-9]{36}|pypi-AgE[A-Za-z0-9_-]{20,}|glpat-[A-Za-z0-9_-]{20})",
            "a package registry token",
        ),
        (r"(?<![A-Z0-9])(?:AKIA|ASIA|ABIA|ACCA)[A-Z0-9]{16}(?![A-Z0-9])", "an AWS access key"),
        (r"(?i)\b(?:basic|bearer|token)\s+[A-Za-z0-9._~+/=-]{12,}", "an authorization header value"),
    )
)
# An AWS secret access key: 40 characters of base64 with both cases and a digit or / or +.
_AWS_SECRET = re.compile(r"(?<![A-Za-z0-9/+=])[A-Za-z0-9/+]{40}(?![A-Za-z0-9/+=])")


def secret_name(name: str) -> bool:
    """Does the name of a variable, header or key say it holds a secret?"""
    upper = name.upper()
    if _SECRET_PARTS.search(upper.replace("_", "").replace("-", "")):
        return True
    return any(word.upper() in _SECRET_WORDS for word in _WORD.findall(name))


def secret_shape(value: Any) -> str | None:
    """Why the value looks like a secret (``"a GitHub token"``), or None."""
    if not isinstance(value, str) or len(value) < 8:
        return None
    for pattern, reason in _SHAPES:
        if pattern.search(value):
            return reason
    for candidate in _AWS_SECRET.findall(value):
        mixed = re.search(r"[a-z]", candidate) and re.search(r"[A-Z]", candidate)
        if mixed and candidate.count("/") <= 2 and _entropy(candidate) >= 4.5:
            return "an AWS secret access key"
    return None


def _entropy(text: str) -> float:
    """Bits per character: random keys score about 5, words and paths about 4."""
    counts = {c: text.count(c) for c in set(text)}
    return -sum(n / len(text) * math.log2(n / len(text)) for n in counts.values())


def looks_secret(name: str, value: Any = None) -> bool:
    """Does a name (an environment variable, a header) or its value look like it holds a secret?"""
    return secret_name(name) or secret_shape(value) is not None


@dataclass(frozen=True)
class MaskSecrets(Expression):
    """A map (environment variables, HTTP headers), by name, whose values
    become sensitive variables when their name or value looks secret."""

    path: Expr
    why: str
    _parts = ("path",)

    def evaluate(self, item, ctx):
        raw = evaluate(self.path, item, ctx)
        if not raw or not isinstance(raw, Mapping):
            return None
        return {k: Secret(self.why) if looks_secret(str(k), v) else v for k, v in sorted(raw.items())}


# -- how a secret the inventory records is written ---------------------------------------------------

# ``adopt generate --secrets``: what becomes of a secret the provider reads back and compares.
SECRETS_VARIABLE = "variable"  # a sensitive variable the user supplies (the default)
SECRETS_IGNORE = "ignore"  # left out of the code, with ignore_changes on exactly that value
SECRETS_MODES = (SECRETS_VARIABLE, SECRETS_IGNORE)

# The routes a secret takes, as ADOPTION.md names them.
NOT_WRITTEN = "not written"
PLACEHOLDER = "placeholder, ignored"
IGNORED = "left out, ignored"
VARIABLE = "variable"


@dataclass(frozen=True)
class SecretRoute:
    """How one secret is written: ``route`` (one of the four above);
    ``expression``: its ``lifecycle.ignore_changes`` entry, for the two that
    ignore it; ``write_only``: the provider's write-only argument that can set
    it from Terraform without keeping it in the state (``password_wo``)."""

    route: str
    expression: str | None = None
    write_only: str | None = None


def secret_route(steps: list[str | int], block: Any, placeholders: Mapping[str, Any], mode: str) -> SecretRoute:
    """Decide how the secret at ``steps`` (an inventory path, parsed) of a
    resource whose provider schema is ``block`` is written.

    - A placeholder the spec declares (the provider insists on the argument but,
      imported, never needs its value): written, and ignored.
    - An optional argument the provider never reads back, which the schema
      shows by a write-only variant (``password`` beside ``password_wo``) and
      by not computing it: not written; leaving it out plans no change.
    - The rest must match what the provider reads back: a variable, or with
      ``--secrets ignore`` left out and ignored, where Terraform can name
      exactly that value (a map key, an optional argument; not an element of
      a set or a key inside a JSON document).
    """
    walked = _walk(steps, block)
    write_only = walked.write_only if walked else None
    if len(steps) == 1 and steps[0] in placeholders and walked and walked.expression:
        return SecretRoute(PLACEHOLDER, walked.expression, write_only)
    if walked and write_only and walked.whole and not walked.attribute.computed and not walked.attribute.required:
        return SecretRoute(NOT_WRITTEN, write_only=write_only)
    if mode == SECRETS_IGNORE and walked and walked.expression:
        return SecretRoute(IGNORED, walked.expression, write_only)
    return SecretRoute(VARIABLE, write_only=write_only)


@dataclass(frozen=True)
class _Walked:
    attribute: Any  # the schema attribute holding the value
    whole: bool  # the path is the attribute itself, not a key in it
    expression: str | None  # how ignore_changes names it; None where it cannot
    write_only: str | None  # the attribute's write-only variant, when the schema has one


def _walk(steps: list[str | int], block: Any) -> _Walked | None:
    """Follow an argument path through the schema; None where it leaves it."""
    from ..writers import hcl

    text = ""
    current = block
    i = 0
    while i < len(steps):
        step = steps[i]
        if not isinstance(step, str) or not hcl.is_identifier(step):
            return None
        text += f".{step}" if text else step
        attribute = current.attributes.get(step)
        if attribute is not None:
            rest = steps[i + 1 :]
            sibling = f"{step}_wo"
            write_only = sibling if sibling in current.attributes else None
            if not rest:
                return _Walked(attribute, True, None if attribute.required else text, write_only)
            is_map = isinstance(attribute.type, list) and attribute.type[:1] == ["map"]
            if len(rest) == 1 and isinstance(rest[0], str) and is_map:
                return _Walked(attribute, False, text + hcl.index(rest[0]), None)
            return _Walked(attribute, False, None, None)
        nested = current.block_types.get(step)
        if nested is None:
            return None
        if nested.nesting_mode == "list":
            if i + 1 < len(steps) and isinstance(steps[i + 1], int):
                text += hcl.index(steps[i + 1])
                i += 1
            else:
                text += "[0]"  # a block stored as its one element
        elif nested.nesting_mode not in ("single", "group"):
            return None  # elements of a set have no index to name them by
        current = nested.block
        i += 1
    return None
