"""Files written so that no reader ever sees half of one."""

from __future__ import annotations

import json
import os
from typing import Any


def replace_file(path: str, text: str) -> None:
    """Write a file so no reader ever sees half of it: a temporary file beside
    it, then a rename over the old one."""
    tmp = f"{path}.tmp-{os.getpid()}"
    with open(tmp, "w", encoding="utf-8", newline="\n") as fh:
        fh.write(text)
    os.replace(tmp, path)


def write_json(path: str, data: Any, ensure_ascii: bool = True) -> None:
    """A JSON document, indented, written with :func:`replace_file`."""
    replace_file(path, json.dumps(data, indent=2, ensure_ascii=ensure_ascii) + "\n")
