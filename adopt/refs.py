"""References between resources: finding them in argument values, finding the
resource a reference points at, and deciding how each reference is written.

A reference holds a value (an ID, an ARN, a name, or an attribute the target
exports such as a DNS name) and the type it names.  Specs declare the
arguments that hold references (:func:`find_references`); values nested in
documents, maps, lists and blocks need no declaration: the scan matches them
against every resource it found (:class:`NestedMatcher`), whole or as the
start or end of a longer string cut at a boundary (``arn:aws:s3:::assets/*``,
``<repository url>:1.4``), and records a value several resources hold as
ambiguous.
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
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any, Generic, NamedTuple, Protocol, TypeVar

from .catalog import registry
from .catalog.spec import Ref, Shared, parse_json
from .errors import BadInput
from .model import GLOBAL_REGION, Reference, Resource, ResourceKey
from .schema import bundled

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
        for attribute, value in resource.exports.items():
            self.add(resource.type, resource.region, target, attribute, value)

    def add_values(
        self, tf_type: str, region: str, target: T, values: Mapping[str, Any], exports: Iterable[str] = ()
    ) -> None:
        """A state's or a plan's attribute values: whichever of id, arn, name
        and the type's exports are strings."""
        for attribute in dict.fromkeys((*INDEXED_ATTRIBUTES, *exports)):
            self.add(tf_type, region, target, attribute, values.get(attribute))

    def find(self, ref: Reference, region: str, exclude: T | None = None) -> Match[T] | None:
        """The targets of ``ref`` seen from ``region``; ``exclude`` (the referring
        resource itself) is never its own target."""
        for key in lookup_keys(ref.type, ref.attribute, ref.value):
            scoped = self.scoped(key, region, exclude)
            if scoped is not None:
                return Match(key.attribute, scoped[1])
        return None

    def scoped(self, key: LookupKey, region: str, exclude: T | None = None) -> tuple[int, tuple[T, ...]] | None:
        """The nearest targets under ``key`` and how near they are (0: the
        region itself, 1: global, 2: a region not known, 3: another region)."""
        by_region = self._index.get(key)
        if not by_region:
            return None
        for rank, scope in enumerate((region, GLOBAL_REGION, ANY_REGION)):
            found = tuple(t for t in by_region.get(scope, ()) if t != exclude)
            if found:
                return rank, found
        # Another region's (a bucket referenced from a global resource):
        # only when exactly one region has it.
        near = {region, GLOBAL_REGION, ANY_REGION}
        found = tuple(t for r in sorted(by_region) if r not in near for t in by_region[r] if t != exclude)
        return (3, found) if found else None

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


# -- references inside documents, maps, lists and blocks -----------------------------------

# Where a value may stop inside a longer string: "arn:aws:s3:::assets/*",
# "<repository url>:1.4", "<endpoint>:5432/db".  A letter, a digit, "-", "_" or
# "." next to it continues the token (another bucket, another host): no match.
BOUNDARIES = frozenset("/:*@?#=,; ")
# Never searched, at any depth: tags describe a resource, they do not refer.
NOT_SEARCHED = frozenset({"tags", "tags_all", "tag"})
# Keys an inventory path can hold; a value under any other key (one with a
# "." or a space) cannot be addressed, so it stays as it is.
_KEY = re.compile(r"[A-Za-z0-9_:/-]+")
# Shorter strings ("web", "prod-db") name too many things to be taken for one.
MIN_DISTINCTIVE = 8


# IDs AWS makes: "i-0123456789abcdef0", "vpc-0abc1234" (a prefix and at least
# 8 hex digits), a Route 53 zone or CloudFront ID ("Z35SXDOTRQ7X7K"), a UUID.
_AWS_ID = re.compile(
    r"[a-z]+(-[a-z]+)*-[0-9a-f]{8,}|(?=[A-Z0-9]*[0-9])(?=[A-Z0-9]*[A-Z])[A-Z0-9]{10,}"
    r"|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"
)


def distinctive(value: str) -> bool:
    """Whether a string equal to ``value`` can only mean the resource holding
    it: an ARN, a URL, a DNS name, a path or an ID of the shapes AWS makes;
    not a name ("web", "assets-2024"), which may be anything: a Sid, a
    container's name, a prefix."""
    if len(value) < MIN_DISTINCTIVE or any(c.isspace() for c in value):
        return False
    return any(c in "/:." for c in value) or _AWS_ID.fullmatch(value) is not None


def spans(text: str, longest: int | None = None) -> list[str]:
    """The values ``text`` may hold: itself, then its starts and ends cut at a
    boundary, longest first; only distinctive ones, none longer than ``longest``."""
    limit = len(text) if longest is None else longest
    cuts = [i for i, c in enumerate(text) if c in BOUNDARIES and (i <= limit or len(text) - i - 1 <= limit)]
    pieces = {text[:i] for i in cuts if i <= limit} | {text[i + 1 :] for i in cuts if len(text) - i - 1 <= limit}
    pieces.discard(text)
    ordered = [text, *sorted(pieces, key=lambda p: (-len(p), p))]
    return [p for p in ordered if len(p) <= limit and distinctive(p)]


def nested_strings(
    attributes: Mapping[str, Any], json_arguments: Iterable[str], own_name: str | None = None
) -> Iterator[tuple[str, str]]:
    """Every string argument, and every string inside a JSON document, map,
    list or block argument, with its path (``policy.Statement[0].Resource``);
    never in tags, nor the resource's own name (``own_name``), which names
    nothing else."""
    documents = frozenset(json_arguments)
    for name, value in attributes.items():
        if name in NOT_SEARCHED or name == own_name:
            continue
        if name in documents and isinstance(value, str):
            value = parse_json(value)
        if isinstance(value, (Mapping, list, str)):
            yield from _string_leaves(value, name)


def _string_leaves(value: Any, path: str) -> Iterator[tuple[str, str]]:
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, Mapping):
        for key, element in value.items():
            if isinstance(key, str) and _KEY.fullmatch(key) and key not in NOT_SEARCHED:
                yield from _string_leaves(element, f"{path}.{key}")
    elif isinstance(value, list):
        for index, element in enumerate(value):
            yield from _string_leaves(element, f"{path}[{index}]")


def _object_of(path: str) -> str:
    """The path of the object or list a value is in: ``alias.name`` -> ``alias``."""
    cut = max(path.rfind("."), path.rfind("["))
    return path[:cut] if cut > 0 else ""


def place(text: str, value: str) -> tuple[str, str] | None:
    """``(before, after)``: what surrounds ``value`` in ``text`` when ``text``
    is the value, or starts or ends with it at a boundary; else ``None``."""
    if text == value:
        return "", ""
    if text.startswith(value) and text[len(value)] in BOUNDARIES:
        return "", text[len(value) :]
    if text.endswith(value) and text[-len(value) - 1] in BOUNDARIES:
        return text[: -len(value)], ""
    return None


class NestedMatcher:
    """Every resource of an inventory by the values others may hold inside
    their documents, maps, lists and blocks: its ``id``, ``arn`` and exports.

    ``attributes(type)`` names the attributes of a type that may be matched,
    the most telling first (``url`` before ``id`` for a queue); only
    distinctive values are indexed.  ``shared(type)`` names those that many
    resources have alike (a load balancer's ``zone_id``): such a value names
    a resource only beside a value that names it alone, in the same object.
    A value held by several resources is ambiguous, except where one is the
    other's parent (a queue and its policy share the queue's URL as their
    ID): the value names the parent.
    """

    def __init__(
        self,
        resources: Iterable[Resource],
        attributes: Callable[[str], Sequence[str]],
        shared: Callable[[str], Iterable[str]] = lambda tf_type: (),
    ) -> None:
        self.targets: TargetIndex[ResourceKey] = TargetIndex()
        self.holders: dict[str, list[LookupKey]] = {}
        self.preference: dict[tuple[str, str], int] = {}
        self.parents: dict[tuple[str, str], tuple[str, str]] = {}
        self.shared: dict[ResourceKey, dict[str, str]] = {}
        self.longest = 0  # no longer piece of a string can be anyone's value
        for resource in resources:
            if resource.parent:
                self.parents[(resource.type, resource.id)] = (resource.parent["type"], resource.parent["id"])
            values = {**resource.exports, "id": resource.id, "arn": resource.arn}
            alike = set(shared(resource.type))
            for rank, attribute in enumerate(attributes(resource.type)):
                self.preference[(resource.type, attribute)] = rank
                value = values.get(attribute)
                if not isinstance(value, str) or not value:
                    continue
                if attribute in alike:
                    self.shared.setdefault(resource.key, {})[attribute] = value
                elif distinctive(value):
                    self.targets.add(resource.type, resource.region, resource.key, attribute, value)
                    key = LookupKey(resource.type, attribute, value)
                    holders = self.holders.setdefault(value, [])
                    if key not in holders:
                        holders.append(key)
                    self.longest = max(self.longest, len(value))

    def references(
        self,
        resource: Resource,
        json_arguments: Iterable[str],
        skip: Iterable[str] = (),
        own_name: str | None = None,
    ) -> list[Reference]:
        """The references in ``resource``'s values, besides the paths in ``skip`` (declared ones)."""
        skipped = set(skip)
        found: list[Reference] = []
        named: dict[str, set[ResourceKey]] = {}  # object path -> the resources its values name alone
        unmatched: list[tuple[str, str]] = []
        for path, text in nested_strings(resource.attributes, json_arguments, own_name):
            if path in skipped:
                continue
            reference, target = self.match(path, text, resource.region, resource.key)
            if reference is None:
                unmatched.append((path, text))
                continue
            found.append(reference)
            if target is not None:
                named.setdefault(_object_of(path), set()).add(target)
        for path, text in unmatched:
            reference = self._beside(path, text, named.get(_object_of(path), set()))
            if reference is not None:
                found.append(reference)
        return found

    def match(
        self, path: str, text: str, region: str, exclude: ResourceKey
    ) -> tuple[Reference | None, ResourceKey | None]:
        """The reference ``text`` makes, by its longest value some other
        resource holds, and that resource (``None`` when several hold it)."""
        for value in spans(text, self.longest):
            holders = self._holders(value, region, exclude)
            if not holders:
                continue
            if len(holders) > 1:
                others = tuple(sorted(f"{key.type} {key.id}" for key in holders))
                first = min(holders)
                attribute = self._best(first.type, holders[first])
                return Reference(path, first.type, attribute, value, ambiguous=others), None
            ((target, keys),) = holders.items()
            return Reference(path, target.type, self._best(target.type, keys), value, target_id=target.id), target
        return None, None

    def _beside(self, path: str, text: str, neighbours: set[ResourceKey]) -> Reference | None:
        """A shared value (a hosted zone ID) of the one resource its object's other values name."""
        matches = [
            (target, attribute)
            for target in sorted(neighbours)
            for attribute, value in self.shared.get(target, {}).items()
            if value == text
        ]
        if len({target for target, _ in matches}) != 1:
            return None
        target, attribute = matches[0]
        return Reference(path, target.type, attribute, text, target_id=target.id)

    def _holders(self, value: str, region: str, exclude: ResourceKey) -> dict[ResourceKey, list[str]]:
        """The nearest resources holding ``value``, each with the attributes
        that hold it; never ``exclude`` itself nor one of its children (a
        bucket's settings share its name as their ID: a resource never
        refers to what is made after it)."""
        nearest: int | None = None
        found: dict[ResourceKey, list[str]] = {}
        own = (exclude.type, exclude.id)
        for key in self.holders.get(value, ()):
            scoped = self.targets.scoped(key, region, exclude)
            if scoped is None:
                continue
            rank, targets = scoped
            targets = tuple(t for t in targets if own not in self._ancestors(t))
            if not targets:
                continue
            if nearest is None or rank < nearest:
                nearest, found = rank, {}
            if rank == nearest:
                for target in targets:
                    found.setdefault(target, []).append(key.attribute)
        return self._outermost(found)

    def _outermost(self, found: dict[ResourceKey, list[str]]) -> dict[ResourceKey, list[str]]:
        held = {(key.type, key.id) for key in found}
        return {key: attributes for key, attributes in found.items() if not (self._ancestors(key) & held)}

    def _ancestors(self, key: ResourceKey) -> set[tuple[str, str]]:
        out: set[tuple[str, str]] = set()
        here = self.parents.get((key.type, key.id))
        while here is not None and here not in out:
            out.add(here)
            here = self.parents.get(here)
        return out

    def _best(self, tf_type: str, attributes: list[str]) -> str:
        return min(attributes, key=lambda a: self.preference.get((tf_type, a), len(self.preference)))


@cache
def matchable_attributes(tf_type: str) -> tuple[str, ...]:
    """The attributes of a type that values nested in other resources are
    matched against: its exports, then arn and id; only those the provider's
    type has (a NAT gateway has an ARN, its Terraform type no ``arn``)."""
    spec = registry.find(tf_type)
    schema = bundled()
    if spec is None or not schema.has(tf_type):
        return ()
    attributes = schema.resource(tf_type).attributes
    return tuple(name for name in (*spec.exports, "arn", "id") if name in attributes)


@cache
def shared_attributes(tf_type: str) -> frozenset[str]:
    """The exports of a type that many of its resources have alike (see :class:`Shared`)."""
    spec = registry.find(tf_type)
    return frozenset(name for name, expr in (spec.exports if spec else {}).items() if isinstance(expr, Shared))


def link_nested_references(resources: list[Resource]) -> None:
    """Settle each resource's declared references on the resource they name
    (:func:`settle_declared`), and add the undeclared ones: string arguments
    and the strings nested in documents, maps, lists and blocks, matched
    against every other resource scanned."""
    matcher = NestedMatcher(resources, matchable_attributes, shared_attributes)
    found: TargetIndex[ResourceKey] = TargetIndex((r, r.key) for r in resources)
    for resource in resources:
        spec = registry.find(resource.type)
        if spec is not None:
            resource.references = settle_declared(resource, spec.references, found)
            declared = [ref.path for ref in resource.references]
            own_name = spec.name_argument if spec.name_argument in resource.attributes else None
            resource.references.extend(matcher.references(resource, spec.json_argument_names, declared, own_name))


def value_pieces(text: str) -> list[str]:
    """The starts and ends of ``text`` cut at a boundary, longest first
    (``integrations/abc123`` -> ``abc123``, ``integrations``)."""
    cuts = [i for i, c in enumerate(text) if c in BOUNDARIES]
    pieces = {text[:i] for i in cuts} | {text[i + 1 :] for i in cuts}
    pieces.discard("")
    return sorted(pieces, key=lambda p: (-len(p), p))


def settle_declared(
    resource: Resource, declared: Mapping[str, Ref], found: TargetIndex[ResourceKey]
) -> list[Reference]:
    """The resource's declared references, each settled on what it names
    among the resources scanned: the declared target, else one of the
    ``also`` targets; the whole value, else the longest start or end of it
    cut at a boundary that names one (a route's ``integrations/<id>``, a log
    group's ARN with ``:*``).  Only the declared types are tried, and only a
    value one resource alone holds settles; anything else is left as
    declared (a target in a state, or none: a literal)."""
    choices = {
        path: (tf_type, ref, value) for path, tf_type, ref, value in find_references(resource.attributes, declared)
    }
    out: list[Reference] = []
    for reference in resource.references:
        choice = choices.get(reference.path)
        if choice is None or reference.target_id is not None or reference.ambiguous:
            out.append(reference)
            continue
        out.append(_settled(reference, choice, resource, found))
    return out


def _settled(
    reference: Reference, choice: tuple[str, Ref, str], resource: Resource, found: TargetIndex[ResourceKey]
) -> Reference:
    tf_type, ref, value = choice
    if found.find(reference, resource.region, exclude=resource.key) is not None:
        return reference
    targets = [(tf_type, ref.attribute)] + [
        (alt.type_for(value), alt.attribute) for alt in ref.also if alt.type_for(value)
    ]
    for piece in (value, *value_pieces(value)):
        for target_type, attribute in targets:
            candidate = Reference(reference.path, target_type, attribute, piece)
            match = found.find(candidate, resource.region, exclude=resource.key)
            if match is not None:  # one target; several: kept as declared, never a guess
                return Reference(reference.path, target_type, match.attribute, piece) if match.target else reference
    return reference


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
    """The rules, in order: a value several resources hold (found so by the
    scan) stays a literal; a reason to keep the literal (from the plan), a
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
        if ref.ambiguous:
            shown = ", ".join(ref.ambiguous[:3]) + (
                f" and {len(ref.ambiguous) - 3} more" if len(ref.ambiguous) > 3 else ""
            )
            note = f"{ref.value} is held by {len(ref.ambiguous)} resources ({shown}): kept as a literal"
            return Resolution(AMBIGUOUS, note=note)
        why = self.literal.get((owner.address, ref.path))
        if why:
            return Resolution(LITERAL, note=f"{ref.value} ({ref.type}) kept as a literal: {why}")
        for outcome, index in ((GENERATED, self.generated), (EARLIER_BATCH, self.earlier), (MANAGED, self.managed)):
            match = index.find(ref.lookup, owner.region, exclude=owner)
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
            attribute = match.attribute if ref.target_id is None else ref.attribute
            return Resolution(outcome, target.address, attribute, target=target)
        by = ref.lookup
        declared = self.declared.get((by.type, by.value)) if by.attribute == "id" else None
        if declared is not None and not declared.startswith("module."):
            return Resolution(DECLARED, declared, ref.attribute)
        if owned_by_aws(ref.value):
            return Resolution(AWS_OWNED)
        return Resolution(LITERAL, note=f"{ref.value} ({ref.type}) is not managed by this module: kept as a literal")
