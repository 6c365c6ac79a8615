"""From sightings to census entries: one entry per resource, each in one status.

Sightings of one resource by several sources merge: by ARN, or by a type and
an identifier in one region (AWS Config names a bucket by its name, the
Tagging API by its ARN).  Each entry is then matched against the inventory
(``adopted``) and against what the scan left out on purpose (``aws-owned``);
the rest is a type adopt supports but the scan did not find (``gap``, with the
likely reason), a Terraform type adopt has no spec for (``unsupported``), or
one no Terraform type could be derived for (``unmapped``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from ..catalog import registry
from ..catalog.arns import split_arn
from ..model import (
    ADOPTED,
    AWS_OWNED,
    GAP,
    GLOBAL_REGION,
    UNMAPPED,
    UNSUPPORTED,
    CensusEntry,
    Inventory,
    ScanError,
    Skipped,
)
from .sources import SOURCES, Sighting
from .types import TypeMap

_SOURCE_ORDER = {s: i for i, s in enumerate(SOURCES)}


def arn_region(arn: str) -> str | None:
    parts = arn.split(":", 5)
    return parts[3] or None if len(parts) == 6 else None


def arn_names(arn: str) -> list[str]:
    """What else an ARN's resource is called, most telling first: the part
    after its type (``role/ops/deploy`` -> ``ops/deploy``, then ``deploy``),
    then the whole resource part."""
    parts = arn.split(":", 5)
    if len(parts) < 6:
        return []
    resource = parts[5]
    names = []
    shape = split_arn(arn)
    if shape and shape[1] and len(resource) > len(shape[1]) + 1:
        rest = resource.lstrip("/")[len(shape[1]) + 1 :]
        names += [rest, rest.rsplit("/", 1)[-1]]
    names.append(resource)
    return [n for n in dict.fromkeys(names) if n]


_REVISION = re.compile(r":[0-9]+$")


def unrevisioned(arn: str | None) -> str | None:
    """An ARN without its trailing revision (``task-definition/api:7`` -> ``task-definition/api``), if it has one."""
    if not arn or split_arn(arn) is None or not _REVISION.search(arn):
        return None
    return _REVISION.sub("", arn)


@dataclass
class _Draft:
    """An entry while sightings merge into it."""

    identifier: str
    region: str
    arn: str | None
    cfn_type: str | None
    tf_type: str | None
    spec_types: set[str]
    names: list[str] = field(default_factory=list)  # most telling first
    sources: set[str] = field(default_factory=set)
    tags: dict[str, str] = field(default_factory=dict)

    @property
    def type_key(self) -> str | None:
        return self.cfn_type or self.tf_type


class Census:
    """Merges sightings and classifies them against one scan."""

    def __init__(
        self,
        inventory: Inventory,
        skipped: Sequence[Skipped],
        scanned_types: Iterable[str],
        types: TypeMap | None = None,
    ) -> None:
        self.inventory = inventory
        self.regions = set(inventory.regions)
        self.types = types or TypeMap.bundled()
        self.scanned = set(scanned_types)
        self._resources = _Index((r.type, r.region, r.arn, [r.id, r.import_id, r.name], r) for r in inventory.resources)
        self._skipped = _Index((k.type, k.region, k.arn, [k.id], k) for k in skipped)

    # -- merging ---------------------------------------------------------------

    def entries(self, sightings: Iterable[Sighting]) -> list[CensusEntry]:
        drafts: list[_Draft] = []
        by_key: dict[tuple, _Draft] = {}
        ordered = sorted(
            sightings,
            key=lambda s: (s.arn is None, _SOURCE_ORDER.get(s.source, 99), s.region, s.identifier, s.cfn_type or ""),
        )
        for sighting in ordered:
            draft = self._draft(sighting)
            if draft.region != GLOBAL_REGION and draft.region not in self.regions:
                continue  # an aggregator index answers for regions this scan did not ask about
            keys = self._keys(draft)
            same = next((by_key[k] for k in keys if k in by_key and _same_arn(by_key[k].arn, draft.arn)), None)
            if same is None:
                drafts.append(draft)
                same = draft
            else:
                _merge(same, draft)
            for key in self._keys(same):
                by_key.setdefault(key, same)
        out = [self._classify(d) for d in drafts]
        out.sort(key=CensusEntry.sort_key)
        return out

    def _draft(self, sighting: Sighting) -> _Draft:
        spec_types: set[str] = set()
        if sighting.arn:
            cfn, tf, spec_types = self.types.types_for_arn(sighting.arn)
            cfn = sighting.cfn_type or cfn
            if sighting.cfn_type and not tf:
                tf = self.types.tf_type(sighting.cfn_type)
        else:
            cfn, tf = sighting.cfn_type, self.types.tf_type(sighting.cfn_type)
        names = [sighting.identifier, *sighting.names, *(arn_names(sighting.arn) if sighting.arn else ())]
        names = list(dict.fromkeys(names))
        region = self._region(sighting, tf, spec_types)
        return _Draft(
            identifier=sighting.arn or sighting.identifier,
            region=region,
            arn=sighting.arn,
            cfn_type=cfn,
            tf_type=tf,
            spec_types=spec_types or ({tf} if tf and registry.find(tf) else set()),
            names=names,
            sources={sighting.source},
            tags=dict(sighting.tags),
        )

    def _region(self, sighting: Sighting, tf: str | None, spec_types: set[str]) -> str:
        """The ARN's region; else ``global`` for a global type; else where the source answered."""
        if sighting.arn and arn_region(sighting.arn):
            return arn_region(sighting.arn) or sighting.region
        candidates = [registry.find(t) for t in (spec_types or ({tf} if tf else set()))]
        if candidates and all(s is not None and s.is_global and s.item_region is None for s in candidates):
            return GLOBAL_REGION
        return sighting.region

    @staticmethod
    def _keys(draft: _Draft) -> list[tuple]:
        keys: list[tuple] = [("arn", draft.arn)] if draft.arn else []
        if draft.type_key:
            keys += [("name", draft.type_key, draft.region, n) for n in draft.names]
        return keys

    # -- status ------------------------------------------------------------------

    def _classify(self, draft: _Draft) -> CensusEntry:
        entry = CensusEntry(
            identifier=draft.identifier,
            region=draft.region,
            status=UNMAPPED,
            arn=draft.arn,
            cfn_type=draft.cfn_type,
            tf_type=draft.tf_type,
            sources=sorted(draft.sources),
            tags=dict(sorted(draft.tags.items())),
        )
        if draft.tf_type and registry.find(draft.tf_type) is not None:
            candidates = {draft.tf_type}
        else:
            candidates = draft.spec_types or ({draft.tf_type} if draft.tf_type else set())
        resource = self._resources.find(draft.arn, candidates, draft.region, draft.names)
        revision_of = None if resource is not None else self._resources.revision(draft.arn)
        if resource is not None or revision_of is not None:
            resource = resource or revision_of
            entry.status, entry.tf_type = ADOPTED, resource.type
            if entry.arn and not arn_region(entry.arn):
                entry.region = resource.region  # a bucket's ARN has no region; the scan knows it
            entry.resource = {"type": resource.type, "region": resource.region, "id": resource.id}
            if revision_of is not None:
                # Terraform manages a versioned resource's latest revision; the
                # earlier ones are its history, adopted with it.
                entry.reason = f"an earlier revision of the adopted {resource.type} {resource.arn}"
            return entry
        skipped = self._skipped.find(draft.arn, candidates, draft.region, draft.names)
        if skipped is not None:
            entry.status, entry.tf_type, entry.reason = AWS_OWNED, skipped.type, skipped.reason
            return entry
        supported = sorted(t for t in candidates if registry.find(t) is not None)
        if supported:
            entry.status = GAP
            entry.tf_type = supported[0] if len(supported) == 1 else None
            entry.reason = self._gap_reason(supported, draft.region)
        elif draft.tf_type:
            entry.status, entry.reason = UNSUPPORTED, f"adopt has no spec for {draft.tf_type} yet"
        else:
            entry.reason = _unmapped_reason(draft)
        return entry

    def _gap_reason(self, types: list[str], region: str) -> str:
        """Why the scan did not find a resource of a type it supports."""
        named = " or ".join(types)
        if not any(t in self.scanned for t in types):
            return f"{named} was not scanned: --include/--exclude left it out"
        failed = self._failed_call(types, region)
        if failed is not None:
            return (
                f"the scan's {failed.service}:{failed.operation} call failed in {failed.region} "
                f"({failed.code}): a missing permission?"
            )
        return f"a {named} the scan did not find: a scan gap, or a condition in its spec"

    def _failed_call(self, types: list[str], region: str) -> ScanError | None:
        wanted = set(types)
        for t in types:
            spec = registry.find(t)
            while spec is not None and spec.parent:
                wanted.add(spec.parent)
                spec = registry.find(spec.parent)
        for error in self.inventory.errors:
            if error.resource_type in wanted and error.region in (region, GLOBAL_REGION):
                return error
        return None


def _unmapped_reason(draft: _Draft) -> str:
    if draft.cfn_type:
        return f"no Terraform type could be derived for {draft.cfn_type}"
    shape = split_arn(draft.arn) if draft.arn else None
    if shape:
        kind = f"service {shape[0]!r}" + (f", resource type {shape[1]!r}" if shape[1] else "")
        return f"no CloudFormation type matches the ARN's {kind}"
    return "the source named no type"


def _same_arn(one: str | None, other: str | None) -> bool:
    """Two ARNs name two resources, whatever else they share; a missing one says nothing."""
    return one is None or other is None or _accountless(one) == _accountless(other)


def _accountless(arn: str) -> str:
    """An ARN with its account left out: some resources' ARNs have none
    (``arn:aws:ec2:eu-west-1::image/ami-1``) where other sources write the
    account in, and the two name the same resource."""
    parts = arn.split(":", 5)
    if len(parts) == 6:
        parts[4] = ""
    return ":".join(parts)


def _merge(into: _Draft, other: _Draft) -> None:
    into.sources |= other.sources
    into.names = list(dict.fromkeys(into.names + other.names))
    into.arn = into.arn or other.arn
    into.identifier = into.arn or into.identifier
    into.cfn_type = into.cfn_type or other.cfn_type
    into.tf_type = into.tf_type or other.tf_type
    into.spec_types |= other.spec_types
    for key, value in other.tags.items():
        into.tags.setdefault(key, value)


class _Index:
    """Inventory resources (or skipped objects) by ARN and by (type, name)."""

    def __init__(self, rows: Iterable[tuple[str, str, str | None, list, object]]) -> None:
        self.by_arn: dict[str, object] = {}
        self.by_revisioned: dict[str, object] = {}
        self.by_name: dict[tuple[str, str], list[tuple[str, object]]] = {}
        for tf_type, region, arn, names, thing in rows:
            if arn:
                self.by_arn.setdefault(_accountless(arn), thing)
                base = unrevisioned(arn)
                if base:
                    self.by_revisioned.setdefault(base, thing)
                names = [*names, *arn_names(arn)]
            for name in dict.fromkeys(names):
                if name:
                    self.by_name.setdefault((tf_type, name), []).append((region, thing))

    def find(self, arn: str | None, types: set[str], region: str, names: list[str]):
        """By ARN; else by the names, most telling first, among the given types in the region."""
        if arn and _accountless(arn) in self.by_arn:
            return self.by_arn[_accountless(arn)]
        for name in names:
            for tf_type in sorted(types):
                for where, thing in self.by_name.get((tf_type, name), ()):
                    if (GLOBAL_REGION in (where, region) or where == region) and _same_arn(arn, thing.arn):
                        return thing
        return None

    def revision(self, arn: str | None):
        """What an ARN is another revision of (same ARN, another trailing ``:N``)."""
        base = unrevisioned(arn)
        return self.by_revisioned.get(base) if base else None
