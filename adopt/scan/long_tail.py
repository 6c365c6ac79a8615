"""The long tail as a step of a scan, the same for one account or many.

After the census, the resources it saw of types adopt has no spec for are
read through Cloud Control as awscc resources (see :mod:`adopt.longtail`).
The schemas are loaded once per run and shared by every account scanned.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from ..aws.session import AwsSession
from ..census.sources import Calls
from ..longtail.read import LongTailResult, listed_types, read_long_tail
from ..longtail.types import AwsccTypes
from ..model import Inventory
from ..schema import Schema, load
from ..writers import terminal

# At most this many notes on what was left out are shown per account.
SHOWN_NOTES = 20


@dataclass(frozen=True)
class LongTail:
    patterns: tuple[str, ...]  # CloudFormation type patterns; () for every type the census saw
    schema: Schema
    awscc: AwsccTypes

    @classmethod
    def load(cls, patterns: Sequence[str], awscc_schema: str | None) -> LongTail:
        schema = load(None, awscc_schema)
        return cls(tuple(patterns), schema, AwsccTypes(schema))

    def census(self, sources: tuple[str, ...]) -> tuple[tuple[str, ...], list[str] | None]:
        """The census sources this long tail needs, and the types Cloud Control lists for it.

        Named types are listed through Cloud Control as well, since the
        other sources may not show them; every type (no pattern) reads only
        what the other sources saw, as listing each of Cloud Control's
        types would take long."""
        if not self.patterns:
            return sources, None
        if "cloudcontrol" not in sources:
            sources = (*sources, "cloudcontrol")
        return sources, listed_types(self.patterns)

    def read(self, session: AwsSession, inventory: Inventory, concurrency: int) -> LongTailResult:
        """Add what Cloud Control answers to ``inventory``; its failed calls join the inventory's errors."""
        calls = Calls(session)
        result = read_long_tail(calls, inventory, self.patterns, self.schema, self.awscc, concurrency)
        inventory.errors.extend(calls.errors)
        return result


def print_summary(out: Any, heading: str, result: LongTailResult) -> None:
    """What the long tail read, then what it left out and why (notes are untrusted text)."""
    out.note(
        f"{heading}: {len(result.resources)} resource(s) read through Cloud Control as awscc resources"
        + (f", {result.skipped} not read" if result.skipped else "")
        + "."
    )
    for note in result.notes[:SHOWN_NOTES]:
        out.note(f"  {terminal.field(note)}")
    if len(result.notes) > SHOWN_NOTES:
        out.note(f"  ... and {len(result.notes) - SHOWN_NOTES} more.")
