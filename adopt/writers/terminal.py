"""The one writer of the terminal: no escape sequence or control character
from AWS or a file reaches it; values in a row cannot start a new line."""

from __future__ import annotations

from typing import Any

from .characters import visible


def clean(message: str) -> str:
    """A whole message: every control character shown escaped, but its own line breaks."""
    return visible(message, keep="\n")


def field(value: Any) -> str:
    """One value inside a line (an ID, a name, an AWS error message): on one line."""
    return visible(str(value))
