"""The file formats adopt owns, as JSON Schema, and the check every reader runs.

``inventory``, ``plan``, ``manifest`` and ``drift`` are published here
(``<name>.schema.json``) so other tools can read and write them too.  A file
that does not follow its schema is refused with one paragraph naming the
entry that is wrong.
"""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from typing import Any

import jsonschema

from ..errors import BadInput
from ..writers.characters import excerpt


@cache
def schema(name: str) -> dict[str, Any]:
    return json.loads(resources.files(__name__).joinpath(f"{name}.schema.json").read_text(encoding="utf-8"))


@cache
def _validator(name: str) -> jsonschema.protocols.Validator:
    document = schema(name)
    cls = jsonschema.validators.validator_for(document)
    cls.check_schema(document)
    return cls(document)


def check(data: Any, name: str, source: str, kind: str = "") -> None:
    """Refuse ``data`` unless it follows the ``name`` schema; the message names
    the entry (``kind`` says what the file is: "adopt inventory")."""
    error = jsonschema.exceptions.best_match(_validator(name).iter_errors(data))
    if error is None:
        return
    where = "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in error.absolute_path).lstrip(".")
    damaged = f"a damaged {kind}" if kind else "damaged"
    raise BadInput(f"{source} is {damaged}: at {excerpt(where, 80) or 'the top'}, {_reason(error)}.")


def _reason(error: jsonschema.exceptions.ValidationError) -> str:
    """The schema's complaint, without echoing a long or hostile value in full."""
    value = excerpt(json.dumps(error.instance, ensure_ascii=False, default=str), 60)
    if error.validator == "required":
        return excerpt(error.message, 120)
    if error.validator == "type":
        return f"{value} is not of type {error.validator_value}"
    if error.validator == "pattern":
        return f"{value} is not a valid name here"
    if error.validator == "const":
        return f"{value} is not {json.dumps(error.validator_value)}"
    return f"{value} is not allowed here ({error.validator})"
