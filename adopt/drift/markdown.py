"""Markdown for text from AWS: every such string is shown as a code span.

A code span cannot become a heading, a link, an image or raw HTML, and its
content is shown literally; what remains is to keep the span whole.  The
fence is longer than any run of backticks inside; a ``|`` is escaped so a
table cell cannot grow a column; line breaks and other control characters
are shown as escapes (``\\n``), so a value cannot end its line, row or span.
"""

from __future__ import annotations

import re
from typing import Any

_INVISIBLE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]")
_ESCAPES = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def visible(text: str) -> str:
    """Control and direction characters as escapes: one line, shown as it is."""
    return _INVISIBLE.sub(lambda m: _ESCAPES.get(m.group(0), f"\\u{ord(m.group(0)):04x}"), text)


def code(value: Any, in_table: bool = True) -> str:
    """``value`` as one code span (inside a table cell by default)."""
    content = visible(str(value))
    if in_table:
        content = content.replace("|", "\\|")
    if not content.strip():
        content = content or " "
    longest = max((len(run) for run in re.findall(r"`+", content)), default=0)
    fence = "`" * (longest + 1)
    if content.startswith(("`", " ")) or content.endswith(("`", " ")):
        content = f" {content} "
    return f"{fence}{content}{fence}"


def comment(text: str) -> str:
    """An HTML comment that ``text`` cannot close or leave."""
    return "<!-- " + visible(text).replace("--", "- -").replace("<", "&lt;").replace(">", "&gt;") + " -->"
