"""Render values as canonical HCL: the text ``terraform fmt`` would write.

Output is built as a list of :class:`Line` objects, then the ``=`` signs of
each run of single-line assignments are aligned exactly as ``terraform fmt``
aligns them: a run is broken by a blank line, a comment line, a block header
and any assignment whose value spans several lines.

This module is the one writer of HCL text.  Every string from AWS or a file
reaches a ``.tf`` file through :func:`quote` (string literals), :func:`comment`
(``#`` comments, which can never hold a line break), :func:`key` (object keys)
or :class:`Expr` (references, checked against a strict grammar), so no value
can end a string or a comment and add a block of its own.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from ..errors import BadInput
from .characters import INVISIBLE, escape_char, visible

INDENT = "  "
IDENTIFIER = re.compile(r"[A-Za-z_][A-Za-z0-9_-]*")
# Words that mean something where a bare key stands in an object constructor
# (``{ for = 1 }`` starts a for expression): quoted as keys.
KEYWORDS = frozenset({"for", "in", "if", "else", "endif", "endfor", "true", "false", "null"})

_SURROGATE = re.compile("[\\ud800-\\udfff]")

# A quoted HCL string holding no interpolation: only escapes adopt writes.
_STRING = r'"(?:[^"\\$%\x00-\x1f\x7f-\x9f]|\\[nrt"\\]|\\u[0-9a-fA-F]{4}|\$\$\{|%%\{|\$(?!\{)|%(?!\{))*"'
_INDEX = rf"\[(?:\d+|{_STRING})\]"
_NAME = r"[A-Za-z_][A-Za-z0-9_-]*"
# A traversal such as module.net["a"].aws_subnet.b[0].id or var.name: the
# only expressions adopt writes from names it did not choose itself.
_TRAVERSAL = re.compile(rf"{_NAME}(?:{_INDEX})?(?:\.{_NAME}(?:{_INDEX})?)*")
# A resource address (module path, type, name, instance key).
ADDRESS = re.compile(rf"(?:module\.{_NAME}(?:{_INDEX})?\.)*{_NAME}\.{_NAME}(?:{_INDEX})?")


def is_identifier(name: Any) -> bool:
    return isinstance(name, str) and IDENTIFIER.fullmatch(name) is not None


def is_address(text: Any) -> bool:
    return isinstance(text, str) and ADDRESS.fullmatch(text) is not None


def check_identifier(name: str, what: str) -> str:
    """``name`` when it is an HCL identifier, else the input is refused."""
    if not is_identifier(name):
        raise BadInput(f"{what} {visible(str(name))!r} is not a valid Terraform name.")
    return name


class Expr:
    """An HCL expression adopt writes bare: a reference (``aws_vpc.main.id``),
    a variable (``var.db_password``), or a constant of adopt's own (``true``).

    Its text must be a plain traversal (names, ``[0]`` and ``["key"]``
    indexes), so a name taken from a state, a plan file or code that is not
    one is refused rather than written into the module.
    """

    __slots__ = ("text",)

    def __init__(self, text: str) -> None:
        if _TRAVERSAL.fullmatch(text) is None:
            raise BadInput(f"{visible(text)!r} is not a Terraform reference adopt can write.")
        self.text = text

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Expr) and other.text == self.text

    def __hash__(self) -> int:
        return hash(self.text)

    def __repr__(self) -> str:
        return f"Expr({self.text!r})"


class Template:
    """A string made of literal text and references: ``"${aws_s3_bucket.assets.arn}/*"``.

    Literal parts are escaped as :func:`quote` escapes them (``${`` and
    ``%{`` stay inert); the interpolations are :class:`Expr` traversals.
    """

    __slots__ = ("parts",)

    def __init__(self, *parts: str | Expr) -> None:
        if not any(isinstance(part, Expr) for part in parts):
            raise TypeError("a template holds at least one reference")
        self.parts = tuple(part for part in parts if part != "")

    def text(self) -> str:
        out: list[str] = []
        for here, following in zip(self.parts, (*self.parts[1:], None), strict=True):
            if isinstance(here, Expr):
                out.append("${" + here.text + "}")
            elif isinstance(following, Expr) and here.endswith("$"):
                # "$" before "${" would read as the escape "$${": the dollars
                # go inside an interpolation of their own, where no "{" follows.
                rest = here.rstrip("$")
                out.append(quote(rest)[1:-1] + '${"' + "$" * (len(here) - len(rest)) + '"}')
            else:
                out.append(quote(here)[1:-1])
        return '"' + "".join(out) + '"'

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Template) and other.parts == self.parts

    def __hash__(self) -> int:
        return hash(self.parts)

    def __repr__(self) -> str:
        return f"Template{self.parts!r}"


class JsonEncode:
    """A JSON document written as ``jsonencode(<HCL value>)``."""

    __slots__ = ("document",)

    def __init__(self, document: Any) -> None:
        self.document = document


class Merge:
    """``merge({<common>}, <own>)``: a map's entries shared by every instance
    of a ``for_each`` resource, written once, then the instance's own
    (``each.value.tags``)."""

    __slots__ = ("common", "own")

    def __init__(self, common: dict[str, Any], own: Expr) -> None:
        self.common = common
        self.own = own


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
    """An HCL quoted string that reads back as exactly ``value``: quotes and
    backslashes escaped, ``${`` and ``%{`` doubled so nothing is interpolated,
    and every control or invisible character as ``\\n``, ``\\t``, ``\\r`` or
    ``\\uXXXX`` (HCL has no ``\\b`` or ``\\f``)."""
    if _SURROGATE.search(value):
        raise BadInput(f"A value holds a lone surrogate, which no Terraform file can hold: {visible(value)[:80]!r}.")
    text = value.replace("\\", "\\\\").replace('"', '\\"')
    text = INVISIBLE.sub(escape_char, text)
    return '"' + text.replace("${", "$${").replace("%{", "%%{") + '"'


def key(name: Any) -> str:
    """An object key: bare when it is a plain identifier and no keyword, else quoted."""
    name = str(name)  # JSON documents may carry other kinds of keys once parsed
    return name if is_identifier(name) and name not in KEYWORDS else quote(name)


def index(value: str | int) -> str:
    """An instance key: ``[0]`` or ``["name"]``, written through :func:`quote`."""
    if isinstance(value, bool) or not isinstance(value, (int, str)):
        raise BadInput(f"{value!r} is not a Terraform instance key.")
    return f"[{value}]" if isinstance(value, int) else f"[{quote(value)}]"


def scalar(value: Any) -> str | None:
    """Single-line text of a scalar, or ``None`` for a collection."""
    if isinstance(value, Expr):
        return value.text
    if isinstance(value, Template):
        return value.text()
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
    if isinstance(value, Merge):
        inner = value_lines(value.common, depth)
        tail = f", {value.own.text})"
        inner[0] = Line(depth, f"merge({inner[0].text}")
        inner[-1] = Line(inner[-1].depth, inner[-1].text + tail)
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


def block_header(kind: str, *labels: str, depth: int = 0) -> Line:
    """``resource "aws_vpc" "main" {``: each label a Terraform name, quoted."""
    check_identifier(kind, "The block type")
    for label in labels:
        check_identifier(label, f"The {kind} label")
    return Line(depth, " ".join([kind, *(quote(label) for label in labels)]) + " {")


def comment(text: str, depth: int) -> Line:
    """A ``#`` comment line; the text cannot end it (no line break survives)."""
    return Line(depth, f"# {visible(text)}")
