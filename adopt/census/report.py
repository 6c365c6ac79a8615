"""What the census tells a person: counts by region and by type, and what is not adopted."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from ..catalog import registry
from ..model import ADOPTED, AWS_OWNED, GAP, UNMAPPED, UNSUPPORTED, CensusEntry

# What adopt cannot adopt today: unsupported types and those no type was derived for.
NOT_ADOPTABLE = (UNSUPPORTED, UNMAPPED)
# What a person should look at: those, and what the scan missed.
NOT_ADOPTED = (GAP, UNSUPPORTED, UNMAPPED)


@dataclass(frozen=True)
class RegionCounts:
    region: str
    seen: int
    adoptable: int  # of a type adopt supports: adopted, or missed by this scan
    adopted: int
    aws_owned: int
    gaps: int
    unsupported: int  # unsupported or unmapped
    top_unsupported: tuple[tuple[str, int], ...]


def by_region(entries: Iterable[CensusEntry], top: int = 3) -> list[RegionCounts]:
    grouped: dict[str, list[CensusEntry]] = {}
    for entry in entries:
        grouped.setdefault(entry.region, []).append(entry)
    out = []
    for region, group in sorted(grouped.items()):
        statuses = Counter(e.status for e in group)
        unsupported = Counter(e.type_name for e in group if e.status in NOT_ADOPTABLE)
        out.append(
            RegionCounts(
                region=region,
                seen=len(group),
                adoptable=statuses[ADOPTED] + statuses[GAP],
                adopted=statuses[ADOPTED],
                aws_owned=statuses[AWS_OWNED],
                gaps=statuses[GAP],
                unsupported=statuses[UNSUPPORTED] + statuses[UNMAPPED],
                top_unsupported=tuple(sorted(unsupported.items(), key=lambda kv: (-kv[1], kv[0]))[:top]),
            )
        )
    return out


def not_adopted(entries: Iterable[CensusEntry]) -> list[CensusEntry]:
    """Every entry still outside Terraform after this change, by type then identifier."""
    chosen = [e for e in entries if e.status in NOT_ADOPTED]
    return sorted(chosen, key=lambda e: (e.type_name, e.region, e.identifier))


@dataclass(frozen=True)
class TypeCount:
    name: str  # the Terraform type, else the CloudFormation type
    cfn_type: str | None
    supported: bool
    count: int
    statuses: dict[str, int]


def by_type(entries: Iterable[CensusEntry]) -> list[TypeCount]:
    """Each type the census saw, whether adopt supports it, and how many."""
    grouped: dict[str, list[CensusEntry]] = {}
    for entry in entries:
        grouped.setdefault(entry.type_name, []).append(entry)
    out = []
    for name, group in sorted(grouped.items()):
        cfn = next((e.cfn_type for e in group if e.cfn_type), None)
        statuses = Counter(e.status for e in group)
        out.append(TypeCount(name, cfn, registry.find(name) is not None, len(group), dict(sorted(statuses.items()))))
    return out
