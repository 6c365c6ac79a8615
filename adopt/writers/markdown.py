"""The one writer of Markdown (``ADOPTION.md``, drift reports).

Text from AWS or a file is never a heading, a link, an image, raw HTML or an
HTML comment: :func:`text` escapes what Markdown would read as syntax, a table
cell (:func:`cell`) cannot add a column or a row, and a code span
(:func:`code`) cannot be closed from inside.  Templates are rendered by
:func:`environment`, which escapes every value that is not already
:class:`Markdown`, so a template cannot forget to.
"""

from __future__ import annotations

import re
from typing import Any

import jinja2

from .characters import visible


class Markdown(str):
    """Text that is already Markdown, safe to place as it is."""


# ASCII punctuation Markdown (and GitHub's math) may read as syntax inside a
# line (CommonMark lets a backslash escape any of it); & < > " become entities
# so no HTML or entity is formed.  What only counts at the start of a line (a
# heading, a list, a quote) is escaped there.
# (An underscore between two letters or digits can neither open nor close
# emphasis, so ``prevent_destroy`` stays as it is.)
_PUNCTUATION = re.compile(r"([\\`*\[\]|~$]|(?<![A-Za-z0-9])_|_(?![A-Za-z0-9]))")
_LINE_START = re.compile(r"^([#+\-=]|\d+(?=[.)]))")
_ENTITIES = {"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;"}


def text(value: Any) -> Markdown:
    """Inline text: every Markdown or HTML meaning taken away, on one line."""
    if isinstance(value, Markdown):
        return value
    shown = visible(str(value))  # a line break becomes a visible \n: it cannot end a line
    shown = "".join(_ENTITIES.get(c, c) for c in shown)
    shown = _PUNCTUATION.sub(r"\\\1", shown)
    return Markdown(
        _LINE_START.sub(lambda m: "\\" + m.group(0) if not m.group(0).isdigit() else m.group(0) + "\\", shown)
    )


def cell(value: Any) -> Markdown:
    """A table cell: as :func:`text` (``|`` is escaped there, line breaks are shown)."""
    return text(value)


def code(value: Any, in_table: bool = False) -> Markdown:
    """A code span around ``value``, fenced with more backticks than it holds.

    In a table a ``|`` still splits the row inside a code span, so there it is
    written ``\\|`` (which a table renders as ``|``).
    """
    if isinstance(value, Markdown):
        return value
    content = visible(str(value))
    if not content:
        return Markdown("")
    if in_table:
        content = content.replace("|", "\\|")
    longest = max((len(run) for run in re.findall(r"`+", content)), default=0)
    fence = "`" * (longest + 1)
    if content[0] in "` " or content[-1] in "` ":
        content = f" {content} "
    return Markdown(f"{fence}{content}{fence}")


def cell_code(value: Any) -> Markdown:
    return code(value, in_table=True)


def html_comment(value: Any) -> Markdown:
    """An HTML comment the text cannot close (``-->``) or leave (a line break)."""
    shown = visible(str(value)).replace("--", "- -").replace("<", "&lt;").replace(">", "&gt;")
    return Markdown(f"<!-- {shown} -->")


def join(values: Any, separator: str = ", ") -> Markdown:
    """Join items, each escaped as text unless it is Markdown already."""
    return Markdown(separator.join(text(v) for v in values))


def table(headers: list[str], rows: list[list[Any]], align: list[str] | None = None) -> Markdown:
    """A whole table: headers are adopt's own; every cell goes through :func:`cell`."""
    rule = [{"right": "---:", "center": ":---:"}.get(a, "---") for a in (align or ["left"] * len(headers))]
    lines = ["| " + " | ".join(headers) + " |", "|" + "|".join(rule) + "|"]
    lines.extend("| " + " | ".join(cell(v) for v in row) + " |" for row in rows)
    return Markdown("\n".join(lines))


def _finalize(value: Any) -> Any:
    if isinstance(value, Markdown):
        return value
    if isinstance(value, bool) or value is None:
        return text(str(value))
    if isinstance(value, (int, float)):
        return str(value)
    return text(value)


def environment(loader: jinja2.BaseLoader) -> jinja2.Environment:
    """Jinja for Markdown templates: every ``{{ value }}`` escaped unless Markdown."""
    env = jinja2.Environment(
        loader=loader,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
        undefined=jinja2.StrictUndefined,
        autoescape=False,
        finalize=_finalize,
    )
    env.filters.update(text=text, cell=cell, code=code, cell_code=cell_code, html_comment=html_comment, md_join=join)
    return env
