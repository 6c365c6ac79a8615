"""The one writer of DOT and Mermaid text: node names from a closed alphabet
(or, in a :class:`Flowchart`, handed out by it), labels that cannot end their
string or add a statement."""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager

from .characters import visible
from .markdown import Markdown

_NOT_NAME = re.compile(r"[^A-Za-z0-9_]")


def node_name(*parts: str) -> str:
    """A node (or subgraph) name valid in DOT and Mermaid, stable across runs:
    every character outside ``[A-Za-z0-9_]`` becomes ``_``."""
    return "n_" + _NOT_NAME.sub("_", "_".join(parts))


def dot_string(text: str) -> str:
    """A DOT double-quoted string: quotes and backslashes escaped, no line break."""
    shown = visible(text).replace("\\", "\\\\").replace('"', '\\"')
    return f'"{shown}"'


_MERMAID_ENTITIES = {
    "#": "#35;",
    '"': "#quot;",
    "<": "#lt;",
    ">": "#gt;",
    "&": "#amp;",
    "`": "#96;",
    "\\": "#92;",
    "|": "#124;",
    "[": "#91;",
    "]": "#93;",
    "{": "#123;",
    "}": "#125;",
    "(": "#40;",
    ")": "#41;",
    ";": "#59;",
    "%": "#37;",
    ":": "#58;",  # Mermaid's parser strips a ';' after "style ...:...#" anywhere in a line
}


def mermaid_text(text: str) -> str:
    """Text inside a Mermaid ``"..."`` label: every character Mermaid reads
    as syntax (quotes, brackets, HTML, ``%%`` comments) as an entity code."""
    return "".join(_MERMAID_ENTITIES.get(c, c) for c in visible(text))


def mermaid_label(text: str, line_break: str = "") -> str:
    """A quoted Mermaid label; ``line_break`` joins adopt's own second line."""
    return f'"{mermaid_text(text)}{line_break}"'


_OWN_NAME = re.compile(r"[A-Za-z][A-Za-z0-9_]*")
_OWN_STYLE = re.compile(r"[A-Za-z0-9#:;,.%\- ]*")
_DIRECTIONS = ("LR", "RL", "TB", "BT")
LABEL_LIMIT = 80  # characters of a label before it is shortened: a diagram is read at a glance


def _shortened(text: str, limit: int = LABEL_LIMIT) -> str:
    """At most ``limit`` characters, cut before escaping so no entity is cut in two."""
    return text if len(text) <= limit else text[: limit - 1] + "…"


class Flowchart:
    """A Mermaid flowchart, written statement by statement.

    Node and subgraph IDs are adopt's own (``n1``, ``n2``...), handed out in
    order and never made from a name, so no text can collide with an ID,
    reuse one, or spell a keyword (``end``, ``click``, ``style``); every
    label is a quoted string from :func:`mermaid_label`.  Edges join only IDs
    this chart handed out.
    """

    def __init__(self, direction: str = "LR") -> None:
        if direction not in _DIRECTIONS:
            raise ValueError(f"not a flowchart direction: {direction!r}")
        self._lines = [f"flowchart {direction}"]
        self._issued: set[str] = set()
        self._depth = 1
        self.nodes = 0  # the nodes drawn, subgraphs aside

    def _new_id(self) -> str:
        node_id = f"n{len(self._issued) + 1}"
        self._issued.add(node_id)
        return node_id

    def _own(self, name: str) -> str:
        if not _OWN_NAME.fullmatch(name):
            raise ValueError(f"not a class name: {name!r}")
        return name

    def _line(self, text: str) -> None:
        self._lines.append("  " * self._depth + text)

    def node(self, label: str, css_class: str | None = None) -> str:
        """A box labelled ``label``; its new ID."""
        node_id = self._new_id()
        styled = f":::{self._own(css_class)}" if css_class else ""
        self._line(f"{node_id}[{mermaid_label(_shortened(label))}]{styled}")
        self.nodes += 1
        return node_id

    @contextmanager
    def subgraph(self, label: str) -> Iterator[str]:
        """The nodes drawn inside the ``with`` are in a box titled ``label``."""
        node_id = self._new_id()
        self._line(f"subgraph {node_id}[{mermaid_label(_shortened(label))}]")
        self._depth += 1
        try:
            yield node_id
        finally:
            self._depth -= 1
            self._line("end")

    def edge(self, source: str, target: str, dashed: bool = False) -> None:
        for node_id in (source, target):
            if node_id not in self._issued:
                raise ValueError(f"{node_id!r} is no node of this chart")
        self._line(f"{source} {'-.->' if dashed else '-->'} {target}")

    def style_class(self, name: str, style: str) -> None:
        """``classDef``: adopt's own class name and CSS, never text from outside."""
        if not _OWN_STYLE.fullmatch(style):
            raise ValueError(f"not a plain style: {style!r}")
        self._line(f"classDef {self._own(name)} {style}")

    def text(self) -> str:
        return "\n".join(self._lines) + "\n"


def mermaid_block(chart: Flowchart) -> Markdown:
    """The chart as a fenced ``mermaid`` block of Markdown, which code hosts draw.

    Every label's backticks are entity codes, so nothing inside can close the fence."""
    text = chart.text()
    if "`" in text:  # only adopt's own text is left unescaped; it never holds one
        raise ValueError("a Mermaid chart holds a backtick")
    return Markdown(f"```mermaid\n{text}```")
