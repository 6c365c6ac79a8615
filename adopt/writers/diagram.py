"""The one writer of DOT and Mermaid text: node names from a closed alphabet,
labels that cannot end their string or add a statement."""

from __future__ import annotations

import re

from .characters import visible

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
}


def mermaid_text(text: str) -> str:
    """Text inside a Mermaid ``"..."`` label: every character Mermaid reads
    as syntax (quotes, brackets, HTML, ``%%`` comments) as an entity code."""
    return "".join(_MERMAID_ENTITIES.get(c, c) for c in visible(text))


def mermaid_label(text: str, line_break: str = "") -> str:
    """A quoted Mermaid label; ``line_break`` joins adopt's own second line."""
    return f'"{mermaid_text(text)}{line_break}"'
