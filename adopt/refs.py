"""References between resources: finding them in argument values, finding the
resource a reference points at, and deciding how each reference is written.

A reference holds a value (an ID, an ARN, a name) and the type it names.
:class:`TargetIndex` finds its target among resources of an inventory, entries
of a Terraform state or of a plan; :class:`Resolver` is the one set of rules,
used by ``generate`` and ``converge`` alike, that turns a reference into an
expression (``aws_vpc.main.id``) or keeps the literal value with the reason.

Names are only unique within a region (a DB subnet group "main" may exist in
every region), so the target is the one in the referring resource's region,
else a global one, else one whose region is not known (a state entry), else
the only one there is elsewhere.  Several equally good targets are ambiguous:
a wrong reference is worse than a literal.  Built once, every lookup is a
dictionary hit.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any, Generic, NamedTuple, Protocol, TypeVar

from .catalog.spec import Ref, parse_json
from .errors import BadInput
from .model import GLOBAL_REGION, Reference, Resource, ResourceKey

# The region of a target whose region is not known: an entry of a state or of a plan.
ANY_REGION = ""

_STEP = re.compile(r"([A-Za-z0-9_]+)(\[\*\])?")


def find_references(attributes: Mapping[str, Any], declared: Mapping[str, Ref]) -> Iterator[tuple[str, str, Ref, str]]:
    """Yield ``(path, type, ref, value)`` for each value a declared pattern reaches.

    Patterns are argument paths where ``[*]`` stands for every list element:
    ``vpc_security_group_ids[*]`` gives ``vpc_security_group_ids[0]``, ...;
    a path may go on into a JSON document (``redrive_policy.deadLetterTargetArn``).
    """
    for pattern, ref in declared.items():
        for path, value in _walk(attributes, _STEP.findall(pattern), ""):
            if isinstance(value, str) and value:
                tf_type = ref.type_for(value)
                if tf_type:
                    yield path, tf_type, ref, value


def _walk(value: Any, steps: list[tuple[str, str]], prefix: str) -> Iterator[tuple[str, Any]]:
    if not steps:
        yield prefix, value
        return
    (name, star), rest = steps[0], steps[1:]
    if isinstance(value, str):
        value = parse_json(value)  # a JSON document argument: the path goes on inside it
    if not isinstance(value, Mapping) or value.get(name) is None:
        return
    here = f"{prefix}.{name}" if prefix else name
    child = value[name]
    if star and isinstance(child, str):
        child = parse_json(child)  # a JSON document that is a list (WAF rules)
    if star:
        for index, element in enumerate(child if isinstance(child, list) else []):
            yield from _walk(element, rest, f"{here}[{index}]")
    else:
        yield from _walk(child, rest, here)


def parse_path(path: str) -> list[str | int]:
    """``a[1].b`` -> ``["a", 1, "b"]``."""
    steps: list[str | int] = []
    for part in path.split("."):
        name, _, rest = part.partition("[")
        steps.append(name)
        while rest:
            index, _, rest = rest.partition("]")
            if not index.isdigit():
                raise BadInput(f"The inventory is damaged: {path!r} is not an argument path.")
            steps.append(int(index))
            rest = rest.lstrip("[")
    return steps


class LookupKey(NamedTuple):
    """Where a target is indexed: its type, one of its attributes, that attribute's value."""

    type: str
    attribute: str
    value: str


def lookup_keys(ref_type: str, attribute: str, value: str) -> list[LookupKey]:
    """Where to look a reference's target up: the declared attribute first,
    then ``id`` and ``arn``, because APIs return whichever form they were
    given (a KMS key by ID in one place, by ARN in another)."""
    return [LookupKey(ref_type, a, value) for a in dict.fromkeys((attribute, "id", "arn"))]


T = TypeVar("T")

INDEXED_ATTRIBUTES = ("id", "arn", "name")


@dataclass(frozen=True)
class Match(Generic[T]):
    """What a reference found: one target, or several equally good (ambiguous)."""

    attribute: str  # the attribute that matched: the declared one, or ``id``/``arn``
    candidates: tuple[T, ...]

    @property
    def target(self) -> T | None:
        return self.candidates[0] if len(self.candidates) == 1 else None


class TargetIndex(Generic[T]):
    """Targets by (type, attribute, value), then by region; fed from resources,
    state entries or a plan's resource changes."""

    def __init__(self, items: Iterable[tuple[Resource, T]] = ()) -> None:
        self._index: dict[LookupKey, dict[str, list[T]]] = {}
        for resource, target in items:
            self.add_resource(resource, target)

    def add(self, tf_type: str, region: str, target: T, attribute: str, value: Any) -> None:
        if isinstance(value, str) and value:
            found = self._index.setdefault(LookupKey(tf_type, attribute, value), {}).setdefault(region, [])
            if target not in found:
                found.append(target)

    def add_resource(self, resource: Resource, target: T) -> None:
        for attribute, value in (("id", resource.id), ("arn", resource.arn), ("name", resource.name)):
            self.add(resource.type, resource.region, target, attribute, value)

    def add_values(self, tf_type: str, region: str, target: T, values: Mapping[str, Any]) -> None:
        """A state's or a plan's attribute values: whichever of id, arn and name are strings."""
        for attribute in INDEXED_ATTRIBUTES:
            self.add(tf_type, region, target, attribute, values.get(attribute))

    def find(self, ref: Reference, region: str, exclude: T | None = None) -> Match[T] | None:
        """The targets of ``ref`` seen from ``region``; ``exclude`` (the referring
        resource itself) is never its own target."""
        for key in lookup_keys(ref.type, ref.attribute, ref.value):
            by_region = self._index.get(key)
            if not by_region:
                continue
            for scope in (region, GLOBAL_REGION, ANY_REGION):
                found = tuple(t for t in by_region.get(scope, ()) if t != exclude)
                if found:
                    return Match(key.attribute, found)
            # Another region's (a bucket referenced from a global resource):
            # only when exactly one region has it.
            near = {region, GLOBAL_REGION, ANY_REGION}
            found = tuple(t for r in sorted(by_region) if r not in near for t in by_region[r] if t != exclude)
            if found:
                return Match(key.attribute, found)
        return None

    def get(self, tf_type: str, attribute: str, value: str, region: str) -> T | None:
        """The one target of that type with that attribute value, seen from ``region``."""
        found = self.find(Reference("", tf_type, attribute, value), region)
        return found.target if found else None

    def first(self, tf_type: str, attribute: str, value: Any) -> T | None:
        """The first target indexed under that value, in any region (for
        classifying: any state holding the resource will do)."""
        by_region = self._index.get(LookupKey(tf_type, attribute, value)) if isinstance(value, str) else None
        for targets in (by_region or {}).values():
            return targets[0]
        return None


# -- how a reference is written ------------------------------------------------------------

GENERATED = "generated"  # the target is written by this module
EARLIER_BATCH = "earlier batch"  # adopted by an earlier batch, into the same root module
MANAGED = "managed"  # a state manages it, in the root module
MANAGED_IN_MODULE = "managed in a module"  # a state manages it inside a module: not referenceable
DECLARED = "declared"  # the user's code has an import block for it
AWS_OWNED = "owned by AWS"  # an AWS-managed policy and the like: a literal needing no note
LITERAL = "literal"  # kept as the value, with the reason
AMBIGUOUS = "ambiguous"  # several targets match: kept as the value, with the reason

OUTCOMES = (GENERATED, EARLIER_BATCH, MANAGED, MANAGED_IN_MODULE, DECLARED, AWS_OWNED, LITERAL, AMBIGUOUS)


class Addressed(Protocol):
    """A target as the resolver sees it (a :class:`Target`, a state entry)."""

    @property
    def address(self) -> str: ...

    @property
    def in_root_module(self) -> bool: ...


@dataclass(frozen=True)
class Target:
    """A resource a reference can point at, or the one that refers."""

    address: str  # aws_vpc.main
    region: str = ANY_REGION
    key: ResourceKey | None = None  # in the inventory, when it is known
    in_root_module: bool = True


@dataclass(frozen=True)
class Resolution:
    """How one reference is written: an expression, or the literal value (with a note saying why)."""

    outcome: str
    address: str | None = None  # the target's address, for an expression
    attribute: str | None = None  # the target's attribute the value equals
    note: str | None = None  # the comment above a literal
    target: Any = None  # the target matched in the generated, earlier or managed index

    @property
    def expression(self) -> str | None:
        return f"{self.address}.{self.attribute}" if self.address and self.attribute else None


def owned_by_aws(value: str) -> bool:
    """ARNs owned by AWS itself (``arn:aws:iam::aws:policy/...``) need no note."""
    parts = value.split(":")
    return len(parts) > 4 and parts[0] == "arn" and parts[4] == "aws"


class Resolver:
    """The rules, in order: a reason to keep the literal (from the plan), a
    target this module writes, one an earlier batch wrote, one a state
    manages, one the user's code declares with an import block; else the
    literal, with a note unless AWS owns it.

    ``literal`` maps (referring address, argument path) to why that reference
    stays a literal (a broken cycle, a dependency left out); ``declared`` maps
    (type, ID) to the address of an import block in the user's code.
    """

    def __init__(
        self,
        generated: TargetIndex[Target],
        *,
        earlier: TargetIndex[Target] | None = None,
        managed: TargetIndex[Any] | None = None,
        declared: Mapping[tuple[str, str], str] | None = None,
        literal: Mapping[tuple[str, str], str] | None = None,
    ) -> None:
        self.generated = generated
        self.earlier = earlier or TargetIndex()
        self.managed = managed or TargetIndex()
        self.declared = declared or {}
        self.literal = literal or {}

    def resolve(self, ref: Reference, owner: Target) -> Resolution:
        why = self.literal.get((owner.address, ref.path))
        if why:
            return Resolution(LITERAL, note=f"{ref.value} ({ref.type}) kept as a literal: {why}")
        for outcome, index in ((GENERATED, self.generated), (EARLIER_BATCH, self.earlier), (MANAGED, self.managed)):
            match = index.find(ref, owner.region, exclude=owner)
            if match is None:
                continue
            addresses = sorted({candidate.address for candidate in match.candidates})
            if len(addresses) > 1:
                shown = ", ".join(addresses[:3]) + (f" and {len(addresses) - 3} more" if len(addresses) > 3 else "")
                note = f"{ref.value} ({ref.type}) matches {len(addresses)} resources ({shown}): kept as a literal"
                return Resolution(AMBIGUOUS, note=note)
            target = match.candidates[0]
            if not target.in_root_module:
                note = f"{ref.value} is managed by {target.address}, which the root module cannot reference"
                return Resolution(MANAGED_IN_MODULE, note=note, target=target)
            return Resolution(outcome, target.address, match.attribute, target=target)
        declared = self.declared.get((ref.type, ref.value)) if ref.attribute == "id" else None
        if declared is not None and not declared.startswith("module."):
            return Resolution(DECLARED, declared, ref.attribute)
        if owned_by_aws(ref.value):
            return Resolution(AWS_OWNED)
        return Resolution(LITERAL, note=f"{ref.value} ({ref.type}) is not managed by this module: kept as a literal")
