"""Name stems: the part of a name that alike resources share.

``SERVER1``..``SERVER3``, ``web-01``..``web-12``, ``app-a``/``app-b`` and
``queue-orders-eu``/``queue-orders-us`` each differ in one *index*: a number,
a single letter, a two-letter code at the end, or a region name.  A name's
stems are the name with one of its indexes replaced by ``*`` (``server*``,
``queue-orders-*``); names that share a stem were likely made to be alike.
A word is never an index: ``queue-orders`` and ``queue-events`` share nothing.
"""

from __future__ import annotations

import re

from ..naming import sanitize

# An AWS region inside a name is one index: orders-us-east-1 / orders-eu-west-1.
_REGION = r"(?:us|eu|ap|sa|ca|me|af|il|mx|cn)(?:-gov)?-(?:north|south|east|west|central)(?:east|west)?-\d"
_TOKENS = re.compile(rf"{_REGION}|[a-z]+|\d+|[^a-z\d]+")
_IS_REGION = re.compile(rf"^{_REGION}$")
WILDCARD = "*"
# A stem keeps at least this many letters or digits besides its index.
MIN_STEM = 2


def tokens(name: str) -> list[str]:
    return _TOKENS.findall(name.lower())


def _is_word(token: str) -> bool:
    return token[0].isalnum()


def _is_index(token: str, position: int, words: list[int]) -> bool:
    """Is the word at ``position`` an index, given the positions of all words?"""
    if token.isdigit() or _IS_REGION.match(token):
        return True
    if not token.isalpha() or len(words) < 2:
        return False
    return len(token) == 1 or (len(token) == 2 and position == words[-1])


def stems(name: str | None) -> set[str]:
    """Each way of reading one part of the name as an index: ``web-01-a`` ->
    ``{"web-*-a", "web-01-*"}``; none for a name without an index."""
    if not name:
        return set()
    parts = tokens(name)
    words = [i for i, t in enumerate(parts) if _is_word(t)]
    out = set()
    for position in words:
        if not _is_index(parts[position], position, words):
            continue
        kept = sum(len(t) for i, t in enumerate(parts) if i != position and _is_word(t))
        if kept >= MIN_STEM:
            out.add("".join(parts[:position] + [WILDCARD] + parts[position + 1 :]))
    return out


def stem_label(stem: str, tf_type: str | None = None) -> str:
    """A family name from a stem: ``queue-orders-*`` -> ``queue_orders``; one that
    would start with a digit is led by the noun of ``tf_type`` (see :func:`sanitize`)."""
    return sanitize(stem.replace(WILDCARD, " "), tf_type=tf_type)
