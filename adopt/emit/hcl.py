"""Render values as canonical HCL: the text ``terraform fmt`` would write.

Output is built as a list of :class:`Line` objects, then the ``=`` signs of
each run of single-line assignments are aligned exactly as ``terraform fmt``
aligns them: a run is broken by a blank line, a comment line, a block header
and any assignment whose value spans several lines.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any

INDENT = "  "
_IDENTIFIER = re.compile(r"^[A-Za-z_][A-Za-z0-9_-]*$")


class Expr:
    """A raw HCL expression (a reference, a variable): written as is."""

    __slots__ = ("text",)

    def __init__(self, text: str) -> None:
        self.text = text

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Expr) and other.text == self.text

    def __hash__(self) -> int:
        return hash(self.text)

    def __repr__(self) -> str:
        return f"Expr({self.text!r})"


class JsonEncode:
    """A JSON document written as ``jsonencode(<HCL value>)``."""

    __slots__ = ("document",)

    def __init__(self, document: Any) -> None:
        self.document = document


@dataclass
class Line:
    depth: int
    text: str = ""
    key: str | None = None  # set for a single-line assignment: aligned with its neighbours

    def render(self, width: int = 0) -> str:
        if self.key is None:
            return f"{INDENT * self.depth}{self.text}" if self.text else ""
        return f"{INDENT * self.depth}{self.key.ljust(width)} = {self.text}"


def quote(value: str) -> str:
    """An HCL quoted string; ``${`` and ``%{`` are escaped so nothing is interpolated."""
    out = json.dumps(value, ensure_ascii=False)
    return out.replace("${", "$${").replace("%{", "%%{")


def key(name: str) -> str:
    name = str(name)  # JSON documents may carry other kinds of keys once parsed
    return name if _IDENTIFIER.match(name) else quote(name)


def scalar(value: Any) -> str | None:
    """Single-line text of a scalar, or ``None`` for a collection."""
    if isinstance(value, Expr):
        return value.text
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return repr(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, str):
        return quote(value)
    return None


def value_lines(value: Any, depth: int) -> list[Line]:
    """The lines of a value whose first line continues an ``name = `` prefix.

    The first returned Line holds only the text after ``=``; the rest are
    whole lines at their depth.
    """
    text = scalar(value)
    if text is not None:
        return [Line(depth, text)]
    if isinstance(value, JsonEncode):
        inner = value_lines(value.document, depth)
        inner[0] = Line(depth, f"jsonencode({inner[0].text}")
        inner[-1] = Line(inner[-1].depth, inner[-1].text + ")") if len(inner) > 1 else Line(depth, inner[0].text + ")")
        return inner
    if isinstance(value, dict):
        if not value:
            return [Line(depth, "{}")]
        lines = [Line(depth, "{")]
        lines.extend(assignments([(key(k), v) for k, v in value.items()], depth + 1))
        lines.append(Line(depth, "}"))
        return lines
    if isinstance(value, (list, tuple)):
        if not value:
            return [Line(depth, "[]")]
        texts = [scalar(v) for v in value]
        if all(t is not None for t in texts):
            return [Line(depth, "[" + ", ".join(texts) + "]")]  # type: ignore[arg-type]
        lines = [Line(depth, "[")]
        for element in value:
            sub = value_lines(element, depth + 1)
            first = sub[0]
            sub[0] = Line(depth + 1, first.text)
            sub[-1] = Line(sub[-1].depth, sub[-1].text + ",")
            lines.extend(sub)
        lines.append(Line(depth, "]"))
        return lines
    raise TypeError(f"cannot write {type(value).__name__} as HCL")


def assignment(name: str, value: Any, depth: int) -> list[Line]:
    lines = value_lines(value, depth)
    if len(lines) == 1:
        return [Line(depth, lines[0].text, key=name)]
    lines[0] = Line(depth, f"{name} = {lines[0].text}")
    return lines


def assignments(items: list[tuple[str, Any]], depth: int) -> list[Line]:
    out: list[Line] = []
    for name, value in items:
        out.extend(assignment(name, value, depth))
    return out


def render(lines: list[Line]) -> str:
    """Join lines, aligning each run of single-line assignments."""
    out: list[str] = []
    run: list[Line] = []

    def flush() -> None:
        width = max((len(line.key or "") for line in run), default=0)
        out.extend(line.render(width) for line in run)
        run.clear()

    for line in lines:
        if line.key is not None:
            if run and run[0].depth != line.depth:
                flush()
            run.append(line)
        else:
            flush()
            out.append(line.render())
    flush()
    return "\n".join(out) + "\n"


def comment(text: str, depth: int) -> Line:
    return Line(depth, f"# {text}")
