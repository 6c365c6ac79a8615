"""The one writer of shell (``import.sh``): every word quoted, every comment one line.

The script is rendered by :func:`environment`, which quotes every value that
is not already :class:`Shell` as a single word, so no text from AWS or a file
can become a command.
"""

from __future__ import annotations

from typing import Any

import jinja2

from ..errors import BadInput
from .characters import visible


class Shell(str):
    """Text that is already shell, safe to place as it is."""


def word(value: Any) -> Shell:
    """One argument, exactly as given: single-quoted (``'`` written ``'"'"'``)."""
    text = str(value)
    if "\x00" in text:
        raise BadInput(f"{visible(text)[:80]!r} holds a NUL character, which no shell argument can carry.")
    return Shell("'" + text.replace("'", "'\"'\"'") + "'")


def comment(value: Any) -> Shell:
    """A ``#`` comment line the text cannot end."""
    return Shell("# " + visible(str(value)))


def _finalize(value: Any) -> Any:
    if isinstance(value, Shell):
        return value
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    return word(value)


def environment(loader: jinja2.BaseLoader) -> jinja2.Environment:
    env = jinja2.Environment(
        loader=loader,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
        undefined=jinja2.StrictUndefined,
        autoescape=False,
        finalize=_finalize,
    )
    env.filters.update(shell_word=word, shell_comment=comment)
    return env
