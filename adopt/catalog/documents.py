"""JSON documents (policies, container definitions): parsed, kept whole, stored canonical."""

from __future__ import annotations

import json
import urllib.parse
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from ..errors import UnreadableValue
from .expressions import Context, Expr, Expression, evaluate


@dataclass(frozen=True)
class JsonDocument(Expression):
    """A JSON document (a policy), stored canonical and written as ``jsonencode``.

    IAM returns documents URL-encoded; both forms are accepted.  ``transform``
    may rewrite the parsed document first (and put ``Secret`` markers in it).
    """

    path: Expr
    transform: Callable[[Any, Context], Any] | None = None
    _parts = ("path",)

    def evaluate(self, item, ctx):
        doc = parse_json(evaluate(self.path, item, ctx))
        if doc is None:
            return None
        return ParsedJson(self.transform(doc, ctx) if self.transform else doc)


@dataclass(frozen=True)
class ParsedJson:
    """A parsed JSON document: kept whole (never pruned), stored canonical."""

    doc: Any


def parse_json(raw: Any) -> Any:
    if raw is None or raw == "":
        return None
    if not isinstance(raw, str):
        return raw
    text = raw
    if text.lstrip()[:3].upper() in ("%7B", "%5B"):
        text = urllib.parse.unquote(text)
    try:
        return json.loads(text)
    except json.JSONDecodeError:
        return None
    except (ValueError, RecursionError) as exc:  # a number too large, nesting too deep
        raise UnreadableValue(f"a JSON document cannot be read ({type(exc).__name__}: {str(exc)[:100]})") from exc


def canonical_json(raw: Any) -> str | None:
    """One compact spelling of a document (key order kept: it is the author's)."""
    doc = parse_json(raw)
    if doc is None:
        return raw or None  # not JSON after all: kept as it was
    return json.dumps(doc, separators=(",", ":"), ensure_ascii=False)
