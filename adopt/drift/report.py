"""The drift report: the ``adopt-drift/1`` JSON, the Markdown and the terminal summary.

The JSON is a stable contract, sorted and deterministic::

    {"format": "adopt-drift/1",
     "families": [{"type", "region", "name", "signals", "members": [ids],
                   "keys": {id: key}, "common": {argument: value},
                   "baseline": {argument: value}, "ties": [arguments],
                   "deviations": {id: {argument: value}},
                   "risks": {argument: [notes]}, "identity": {id: {argument: value}}}]}

Values are those compared (see :mod:`.compare`): ``null`` means "not set",
``{self.id}``/``{self.name}``/``{self.arn}`` stand for each member's own, and
a child type (``aws_vpc_security_group_ingress_rule``) holds the sorted list
of the member's children of that type.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

from .. import __version__
from ..model import Resource
from ..writers.characters import visible
from ..writers.markdown import cell_code, code, html_comment
from .compare import canonical, display_name
from .families import Family
from .risks import risks

FORMAT = "adopt-drift/1"
# Longer values are cut in Markdown and the terminal; the JSON has them whole.
SHOWN = 160


def to_json(families: Iterable[Family]) -> dict[str, Any]:
    return {"format": FORMAT, "families": [_family_json(f) for f in families]}


def dumps(families: Iterable[Family]) -> str:
    return json.dumps(to_json(families), indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def _family_json(family: Family) -> dict[str, Any]:
    by_id = sorted(family.members, key=lambda m: m.id)
    return {
        "type": family.type,
        "region": family.region,
        "name": family.name,
        "signals": [s.to_json() for s in family.signals],
        "members": [m.id for m in by_id],
        "keys": {m.id: m.key for m in by_id},
        "common": family.common,
        "baseline": family.baseline,
        "ties": sorted(family.ties),
        "deviations": {m.id: family.deviations[m.id] for m in by_id},
        "risks": {a: notes for a in family.varying if (notes := risks(family.type, a))},
        "identity": {m.id: m.identity for m in by_id},
    }


class Names:
    """What a person calls the resource behind an ID, to show next to it."""

    def __init__(self, resources: Iterable[Resource]) -> None:
        self._names: dict[str, str] = {}
        for r in resources:
            name = display_name(r)
            if name and name != r.id:
                for value in (r.id, r.arn):
                    if value:
                        self._names.setdefault(value, name)

    def of(self, value: Any) -> str | None:
        return self._names.get(value) if isinstance(value, str) else None


# -- values, as a person reads them ----------------------------------------------


def _spelled(value: Any) -> str:
    text = value if isinstance(value, str) else canonical(value)
    return text if len(text) <= SHOWN else text[: SHOWN - 1] + "…"


def _md_value(value: Any, names: Names) -> str:
    if value is None:
        return "not set"
    if isinstance(value, list):
        if not value:
            return "none"
        return ", ".join(_md_value(v, names) for v in value)
    shown = cell_code(_spelled(value))
    name = names.of(value)
    return f"{shown} ({cell_code(name)})" if name else shown


def _md_change(value: Any, baseline: Any, names: Names) -> str:
    """A member's value against the baseline; lists as what they add and remove."""
    if isinstance(value, list) and isinstance(baseline, list):
        spelled = {canonical(v) for v in baseline}
        theirs = {canonical(v) for v in value}
        added = [v for v in value if canonical(v) not in spelled]
        removed = [v for v in baseline if canonical(v) not in theirs]
        parts = []
        if added:
            parts.append("adds " + _md_value(added, names))
        if removed:
            parts.append("lacks " + _md_value(removed, names))
        return "; ".join(parts) or _md_value(value, names)
    return _md_value(value, names)


def _term_value(value: Any, names: Names) -> str:
    if value is None:
        return "not set"
    text = _spelled(value) if isinstance(value, str) else canonical(value)
    if len(text) > SHOWN:
        text = text[: SHOWN - 1] + "…"
    name = names.of(value)
    return visible(f"{text} ({name})" if name else text)


def _term_change(value: Any, baseline: Any, names: Names) -> str:
    if isinstance(value, list) and isinstance(baseline, list):
        spelled = {canonical(v) for v in baseline}
        theirs = {canonical(v) for v in value}
        added = [_term_value(v, names) for v in value if canonical(v) not in spelled]
        removed = [_term_value(v, names) for v in baseline if canonical(v) not in theirs]
        parts = (["adds " + ", ".join(added)] if added else []) + (["lacks " + ", ".join(removed)] if removed else [])
        if parts:
            return "; ".join(parts)
    return _term_value(value, names)


def _signal_md(family: Family) -> str:
    return "; ".join(f"{s.what} {code(s.value)}" for s in family.signals)


# -- Markdown ------------------------------------------------------------------


def markdown(families: list[Family], resources: Iterable[Resource], source: str, link: str | None = None) -> str:
    """The report as Markdown: a summary table, then one section per family."""
    names = Names(resources)
    lines = [
        html_comment(f"Generated by adopt {__version__} from {source}; review before changing anything."),
        "# Alike resources that drifted apart",
        "",
        "Each family is a set of resources of one type that were meant to be alike (a shared name "
        "stem, role tag or launch template) and agree on most of their arguments. Its *baseline* "
        "is, for each argument that varies, the value most members share; a *deviation* is where "
        "a member differs from it. Names, placement and addresses (zones, subnets, IPs) differ by "
        "design and are not compared. Decide for each deviation whether it is meant before the "
        "family is made one.",
        "",
    ]
    if link:
        lines += [link, ""]
    if not families:
        lines += ["No families of alike resources were found.", ""]
        return "\n".join(lines)
    lines += ["| Family | Type | Region | Members | Drifted members |", "|---|---|---|---:|---:|"]
    for f in families:
        drifted = sum(1 for d in f.deviations.values() if d)
        lines.append(
            f"| {cell_code(f.name)} | {cell_code(f.type)} | {cell_code(f.region)} | {len(f.members)} | {drifted} |"
        )
    lines.append("")
    for family in families:
        lines += _family_md(family, names)
    return "\n".join(lines)


def _family_md(family: Family, names: Names) -> list[str]:
    key_of = {m.id: m.key for m in family.members}
    lines = [
        f"## Family {code(family.name)}: {len(family.members)} × {code(family.type)}",
        "",
        f"In {code(family.region)}, grouped by {_signal_md(family)}.",
        "",
        "| Member | AWS ID | Name | Deviations |",
        "|---|---|---|---:|",
    ]
    for m in family.members:
        lines.append(
            f"| {cell_code(m.key)} | {cell_code(m.id)} | {cell_code(m.name)} | {len(family.deviations[m.id])} |"
        )
    lines.append("")
    if family.common:
        lines += ["The same in every member: " + ", ".join(code(a) for a in family.common) + ".", ""]
    if not family.baseline:
        lines += ["No drift: the members agree on every compared argument.", ""]
        return lines
    lines += ["| Argument | Baseline | Differs in | Risk |", "|---|---|---|---|"]
    for argument in family.varying:
        differing = [
            key_of[i] for i, d in sorted(family.deviations.items(), key=lambda x: key_of[x[0]]) if argument in d
        ]
        baseline = _md_value(family.baseline[argument], names)
        if argument in family.ties:
            baseline += " (a tie: the first member's)"
        notes = "; ".join(risks(family.type, argument))
        lines.append(f"| {cell_code(argument)} | {baseline} | {', '.join(cell_code(k) for k in differing)} | {notes} |")
    lines += ["", "| Member | Argument | Its value | Risk |", "|---|---|---|---|"]
    for m in family.members:
        for argument, value in family.deviations[m.id].items():
            change = _md_change(value, family.baseline[argument], names)
            notes = "; ".join(risks(family.type, argument))
            lines.append(f"| {cell_code(m.key)} | {cell_code(argument)} | {change} | {notes} |")
    lines.append("")
    return lines


# -- the terminal ----------------------------------------------------------------


def summary_lines(families: list[Family], resources: Iterable[Resource]) -> list[str]:
    """A few lines per family: its members, its baseline and who deviates how."""
    names = Names(resources)
    lines = []
    for family in families:
        signals = ", ".join(f"{s.what} {s.value}" for s in family.signals)
        lines.append(
            visible(f"{family.type} family {family.name}: {len(family.members)} in {family.region} ({signals})")
        )
        lines.append("  members: " + ", ".join(visible(f"{m.key} ({m.id})") for m in family.members))
        drifted = [m for m in family.members if family.deviations[m.id]]
        if not drifted:
            lines.append("  no drift")
            continue
        for m in drifted:
            for argument, value in family.deviations[m.id].items():
                baseline = family.baseline[argument]
                notes = risks(family.type, argument)
                risk = "  [" + ", ".join(n.split(":")[0] for n in notes) + "]" if notes else ""
                if isinstance(value, list) and isinstance(baseline, list):
                    change = f"{argument} {_term_change(value, baseline, names)}"
                else:
                    tie = ", a tie" if argument in family.ties else ""
                    change = f"{argument} = {_term_value(value, names)} (baseline: {_term_value(baseline, names)}{tie})"
                lines.append(visible(f"  {m.key}: {change}{risk}"))
    return lines


def adoption_note(families: list[Family], link: str) -> str:
    """A section for a pull request description that points at the drift report."""
    drifted = [f for f in families if any(f.deviations.values())]
    members = sum(1 for f in families for d in f.deviations.values() if d)
    lines = [
        "",
        "## Alike resources that drifted apart",
        "",
        f"{len(families)} {'family' if len(families) == 1 else 'families'} of alike resources: "
        + ", ".join(f"{code(f.name)} ({len(f.members)} {code(f.type)})" for f in families)
        + ".",
        "",
    ]
    if drifted:
        lines.append(
            f"In {len(drifted)} of them, {members} {'member differs' if members == 1 else 'members differ'} from "
            f"the family's baseline: [{link}]({link}) shows each difference and what it risks. This change imports "
            "them as they are; decide which differences are meant before removing the others in a change of its own."
        )
    else:
        lines.append(f"Their members agree on every compared argument: see [{link}]({link}).")
    return "\n".join(lines) + "\n"
