"""Check import IDs against the provider's documented format (the oracle table)."""

from __future__ import annotations

import json
import re
from functools import lru_cache
from pathlib import Path

# An AWS-generated ID part such as ``rtb-656c65616e6f72`` or ``i-12345678``.
_AWS_ID = re.compile(r"^([a-z]+(?:-[a-z]+)*)-[0-9a-fA-F]{6,}$")
# Ours may be in base 36 where the documented example happens to be hex
# (Cloud Map's ``ns-ohqcvqyxbikxyqhe`` against ``ns-1234567890``).
_OUR_AWS_ID = re.compile(r"^([a-z]+(?:-[a-z]+)*)-[0-9a-zA-Z]{6,}$")


@lru_cache(maxsize=1)
def table(oracle_dir: str) -> dict:
    return json.loads((Path(oracle_dir) / "aws-import-ids.json").read_text())


def _shape(example: str, separator: str | None, count: int, aws_id: re.Pattern[str] = _AWS_ID) -> list[tuple[str, str]]:
    parts = example.split(separator, count - 1) if separator else [example]
    shape = []
    for part in parts:
        match = aws_id.match(part)
        if part.startswith("arn:"):
            shape.append(("arn", ""))
        elif match:
            shape.append(("aws-id", match.group(1)))
        else:
            shape.append(("text", ""))
    return shape


def _fits(theirs: list[tuple[str, str]], ours: list[tuple[str, str]]) -> bool:
    return len(theirs) == len(ours) and all(t[0] == "text" or t == o for t, o in zip(theirs, ours, strict=True))


def mismatch(oracle_dir: str, tf_type: str, import_id: str) -> str | None:
    """Why ``import_id`` does not fit the documented format, or None when it does."""
    row = table(oracle_dir).get(tf_type)
    if row is None:
        return f"{tf_type} is not in the oracle table"
    examples = row.get("all_example_ids") or ([row["example_id"]] if row.get("example_id") else [])
    if not examples:
        return None  # undocumented: nothing to compare with
    separator = row.get("separator")
    count = len(row.get("parts") or [1]) if separator else 1
    ours = _shape(import_id, separator, count, _OUR_AWS_ID)
    # Leading parts the documentation calls optional (an event target's bus) may be
    # in an ID though its example leaves them out.
    optional = sum("(optional)" in part for part in row.get("parts") or [])
    for example in examples:
        theirs = _shape(example, separator, count)
        if _fits(theirs, ours) or (len(ours) == len(theirs) + optional and _fits(theirs, ours[optional:])):
            return None
    return f"{tf_type} import ID {import_id!r} does not match the documented {examples[0]!r} ({row.get('description', '')})"
