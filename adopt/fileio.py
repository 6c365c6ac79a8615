"""Reading and writing adopt's own files safely.

Writes: no reader ever sees half a file, and no temporary file is left behind
or created through a symlink.  Reads: a JSON document is refused, with one
clear paragraph, when it holds what no later stage could handle (NaN or
infinities, numbers too large, nesting too deep, lone surrogates).
"""

from __future__ import annotations

import gzip
import json
import os
import re
import tempfile
from importlib import resources
from typing import Any

from .errors import BadInput
from .writers.characters import excerpt

MAX_DEPTH = 100
_SURROGATE = re.compile("[\\ud800-\\udfff]")


def replace_file(path: str, text: str) -> None:
    """Write a file so no reader ever sees half of it: a temporary file made
    exclusively beside it (never through a symlink, never a guessable name),
    then a rename over the old one; the temporary file is removed on any failure."""
    check_not_directory(path)
    folder = os.path.dirname(os.path.abspath(path))
    fd, tmp = tempfile.mkstemp(prefix=f".{os.path.basename(path)}.", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as fh:
            fh.write(text)
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise


def check_not_directory(path: str) -> None:
    if os.path.isdir(path):
        raise BadInput(f"Cannot write {path}: it is a directory. Name a file instead.")


def write_json(path: str, data: Any, ensure_ascii: bool = True) -> None:
    """A JSON document, indented, written with :func:`replace_file`."""
    replace_file(path, json.dumps(data, indent=2, ensure_ascii=ensure_ascii) + "\n")


def parse_json(text: str | bytes, source: str) -> Any:
    """A JSON document from a file, or a clear refusal naming ``source``
    (the subject of the sentence: "Plan file x.json"; or a whole clause
    ending in a colon: "x is not a readable Terraform state:")."""
    source = source if source.endswith(":") else source + " cannot be read:"
    try:
        data = json.loads(text, parse_constant=_refuse_constant)
    except json.JSONDecodeError as exc:
        raise BadInput(
            f"{source} it is not valid JSON (line {exc.lineno}, column {exc.colno}: {exc.msg}); it may be truncated."
        ) from exc
    except UnicodeDecodeError as exc:
        raise BadInput(f"{source} it is not UTF-8 text ({exc.reason} at byte {exc.start}).") from exc
    except RecursionError as exc:
        raise BadInput(f"{source} it is nested too deeply to be an adopt or Terraform file.") from exc
    except ValueError as exc:  # a number too large, NaN or an infinity
        reason = "it holds a number too large to read" if "digits" in str(exc) else excerpt(str(exc), 120)
        raise BadInput(f"{source} {reason}.") from exc
    where = _unstorable(data, "", 0)
    if where:
        raise BadInput(f"{source} {where}.")
    return data


def read_json(path: str, what: str, missing_hint: str = "", subject: str = "") -> Any:
    """Read and parse ``path``; ``what`` names it in errors (\"Plan file x.json\")."""
    try:
        with open(path, "rb") as fh:
            raw = fh.read()
    except FileNotFoundError as exc:
        raise BadInput(f"{what} does not exist.{' ' + missing_hint if missing_hint else ''}") from exc
    except IsADirectoryError as exc:
        raise BadInput(f"{what} cannot be read: it is a directory, not a file.") from exc
    except OSError as exc:
        raise BadInput(f"{what} cannot be read: {exc.strerror or exc}.") from exc
    return parse_json(raw, subject or what)


def _refuse_constant(name: str) -> Any:
    raise ValueError(f"it holds {name}, which is not a number JSON allows")


def _unstorable(value: Any, path: str, depth: int) -> str | None:
    """Where a parsed document holds what no later stage can use, or None."""
    if depth > MAX_DEPTH:
        return f"it is nested more than {MAX_DEPTH} levels deep (at {excerpt(path, 60) or 'the top'})"
    if isinstance(value, str):
        return f"the text at {path or 'the top'} holds a lone surrogate" if _SURROGATE.search(value) else None
    if isinstance(value, dict):
        for k, v in value.items():
            if _SURROGATE.search(k):
                return f"a key at {path or 'the top'} holds a lone surrogate"
            found = _unstorable(v, f"{path}.{excerpt(k, 40)}" if path else excerpt(k, 40), depth + 1)
            if found:
                return found
    elif isinstance(value, list):
        for i, v in enumerate(value):
            found = _unstorable(v, f"{path}[{i}]", depth + 1)
            if found:
                return found
    return None


def package_table(package: str, name: str) -> Any:
    """A gzipped JSON table shipped inside one of adopt's packages (built by scripts/)."""
    return json.loads(gzip.decompress(resources.files(package).joinpath(name).read_bytes()))
