"""Values that must never be written: each becomes a sensitive variable instead."""

from __future__ import annotations

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


# Names that usually hold secrets (DB_PASSWORD, API_KEY, GithubToken...).
_SECRET_WORDS = re.compile(r"PASSWORD|PASSWD|PASSPHRASE|PWD|SECRET|TOKEN|KEY|CREDENTIAL|PRIVATE|AUTH|SIGNATURE")
# A URL carrying a password (postgres://app:hunter2@db/app).
_URL_WITH_PASSWORD = re.compile(r"://[^/\s:@]+:[^/\s@]+@")


def looks_secret(name: str, value: Any = None) -> bool:
    """Does a name (an environment variable, a header) or its value look like it holds a secret?"""
    return bool(_SECRET_WORDS.search(name.upper())) or bool(isinstance(value, str) and _URL_WITH_PASSWORD.search(value))


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
