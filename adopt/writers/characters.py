"""Characters no output should carry as they are, and how they are shown instead."""

from __future__ import annotations

import re

# C0 and C1 controls (ESC starts terminal escape sequences, CR overwrites a
# line), line and paragraph separators, zero-width characters, and the
# bidirectional overrides that make text read differently from what it is.
INVISIBLE = re.compile("[\x00-\x1f\x7f-\x9f\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff\ud800-\udfff]")
_SHORT = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def escape_char(match: re.Match[str]) -> str:
    char = match.group(0)
    return _SHORT.get(char) or f"\\u{ord(char):04x}"


def visible(text: str, keep: str = "") -> str:
    """``text`` with every invisible or control character written as an escape
    (a newline as ``\\n``, ESC as ``\\u001b``), except those in ``keep``."""
    if keep:
        return INVISIBLE.sub(lambda m: m.group(0) if m.group(0) in keep else escape_char(m), text)
    return INVISIBLE.sub(escape_char, text)


def excerpt(text: str, limit: int = 200) -> str:
    """A short, visible excerpt of text that may be long (an API's response body)."""
    shown = visible(text)
    return shown if len(shown) <= limit else shown[: limit - 1] + "…"
