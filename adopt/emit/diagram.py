"""The pictures in ``ADOPTION.md``: Mermaid flowcharts a code host draws.

The batch's picture: its resources in one box per service, an arrow for each
reference, and what they reference outside the module (adopted by earlier
batches, already managed, declared in the user's code) in a box of its own.
A family written with ``for_each`` is one node with its member count.  The
picture stays readable: when one node per resource would make more than
:data:`MAX_NODES`, it draws one node per type with counts, then one per
service, and past that the largest of those and one node for the rest.

The families' picture: each family, its members grouped by the arguments in
which they differ from what most members share (see
:func:`adopt.drift.families.summarise`), an arrow from each such group to
each argument it differs in; bounded the same way.

Every label goes through :class:`adopt.writers.diagram.Flowchart`, which
hands out the node IDs.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..catalog import registry
from ..drift.compare import Comparer, canonical
from ..drift.families import summarise
from ..drift.grouping import Group
from ..refs import DECLARED, EARLIER_BATCH, MANAGED
from ..schema import Schema
from ..writers.diagram import Flowchart, Markdown, mermaid_block

if TYPE_CHECKING:
    from .generate import Entry

MAX_NODES = 60  # about what a reviewer takes in at a glance
MAX_NAMES = 3  # member names shown on one node of the families' picture
MAX_KINDS = 6  # groups of members (by what they differ in) drawn per family
MAX_ARGUMENTS = 6  # arguments drawn per family

# How a referenced resource outside the module is held, as its box says.
OUTSIDE_KINDS = {
    EARLIER_BATCH: "adopted by earlier batches",
    MANAGED: "already managed by Terraform",
    DECLARED: "declared in your code",
}
OUTSIDE = "outside"  # the class of the nodes outside the module
STYLES = {OUTSIDE: "fill:#eeeeee,stroke:#888888,stroke-dasharray:4 3", "family": "stroke-width:3px"}


@dataclass(frozen=True)
class _Item:
    """What one resource (inside) or one referenced address (outside) is, at
    every level of detail."""

    kind: str  # "" inside the module, else how it is held outside (an OUTSIDE_KINDS key)
    unit: str  # its address, or its family's
    family: bool
    tf_type: str
    service: str


@dataclass
class _Node:
    kind: str
    service: str
    label: str
    count: int
    family: bool = False


def _service(tf_type: str) -> str:
    spec = registry.find(tf_type)
    return spec.service if spec else tf_type.removeprefix("aws_").split("_")[0]


def _unit(address: str) -> str:
    """``aws_instance.server["a"]`` -> ``aws_instance.server``: a family's member is its family."""
    return address.split("[", 1)[0]


def _type_of(address: str) -> str:
    return _unit(address).rsplit(".", 1)[0].rsplit(".", 1)[-1]


# The levels of detail, finest first: the key of the node an item is drawn in.
_LEVELS: list[Callable[[_Item], tuple[str, str, str]]] = [
    lambda i: (i.kind, i.service, i.unit),
    lambda i: (i.kind, i.service, i.tf_type),
    lambda i: (i.kind, i.service, ""),
]


def _nodes(items: list[_Item], level: Callable[[_Item], tuple[str, str, str]]) -> dict[tuple, _Node]:
    nodes: dict[tuple, _Node] = {}
    for item in items:
        key = level(item)
        node = nodes.get(key)
        if node is None:
            node = nodes[key] = _Node(item.kind, item.service, key[2], 0, item.family and key[2] == item.unit)
        node.count += 1
    for (_, service, name), node in nodes.items():
        node.label = f"{name or service} ×{node.count}" if node.count > 1 or not name else name
    return nodes


def batch_picture(entries: Iterable[Entry]) -> Markdown | None:
    """The batch's resources as a fenced
    Mermaid block; ``None`` when there is nothing to draw."""
    entries = list(entries)
    if not entries:
        return None
    inside: dict[str, _Item] = {}
    for entry in entries:
        tf_type = entry.resource.type
        unit = entry.group.address if entry.group is not None else entry.address
        inside[entry.address] = _Item("", unit, entry.group is not None, tf_type, _service(tf_type))
    outside: dict[str, _Item] = {}
    references: set[tuple[str, str]] = set()
    for entry in entries:
        for address in entry.depends_on:
            kind = entry.outside.get(address)
            if address not in inside and kind in OUTSIDE_KINDS:
                tf_type = _type_of(address)
                outside.setdefault(address, _Item(kind, _unit(address), False, tf_type, _service(tf_type)))
            if address in inside or address in outside:
                references.add((entry.address, address))
    items = {**inside, **outside}
    for level in _LEVELS:
        nodes = _nodes(list(items.values()), level)
        if len(nodes) <= MAX_NODES:
            break
    node_of = {address: level(item) for address, item in items.items()}
    nodes, node_of = _bounded(nodes, node_of)
    edges = {(node_of[a], node_of[b]) for a, b in references}
    return mermaid_block(_draw(nodes, sorted((a, b) for a, b in edges if a != b and a and b)))


_REST = ("", "", "\x00rest")  # the key of the node standing for what did not fit


def _bounded(nodes: dict[tuple, _Node], node_of: dict[str, tuple]) -> tuple[dict[tuple, _Node], dict[str, tuple]]:
    """At most :data:`MAX_NODES`: the largest nodes, and one for the rest."""
    if len(nodes) <= MAX_NODES:
        return nodes, node_of
    ranked = sorted(nodes, key=lambda k: (-nodes[k].count, k))
    kept = {k: nodes[k] for k in ranked[: MAX_NODES - 1]}
    rest = sum(nodes[k].count for k in ranked[MAX_NODES - 1 :])
    kept[_REST] = _Node("", "", f"{len(nodes) - len(kept)} more services and types: {rest} resources", rest)
    return kept, {a: (k if k in kept else None) for a, k in node_of.items()}


def _draw(nodes: dict[tuple, _Node], edges: list[tuple[tuple, tuple]]) -> Flowchart:
    chart = Flowchart("LR")
    ids: dict[tuple, str] = {}
    by_service: dict[str, list[tuple]] = {}
    for key, node in nodes.items():
        if not node.kind:
            by_service.setdefault(node.service, []).append(key)
    for service in sorted(by_service):
        keys = sorted(by_service[service], key=lambda k: nodes[k].label)
        if not service:  # what did not fit
            ids.update({k: chart.node(nodes[k].label) for k in keys})
            continue
        with chart.subgraph(service):
            for key in keys:
                ids[key] = chart.node(nodes[key].label, "family" if nodes[key].family else None)
    held = sorted({node.kind for node in nodes.values() if node.kind}, key=list(OUTSIDE_KINDS).index)
    if held:
        with chart.subgraph("outside this change"):
            for kind in held:
                with chart.subgraph(OUTSIDE_KINDS[kind]):
                    for key in sorted((k for k, n in nodes.items() if n.kind == kind), key=lambda k: nodes[k].label):
                        ids[key] = chart.node(nodes[key].label, OUTSIDE)
    for source, target in edges:
        chart.edge(ids[source], ids[target], dashed=nodes[target].kind != "")
    _styles(chart, nodes)
    return chart


def _styles(chart: Flowchart, nodes: dict[tuple, _Node]) -> None:
    used = {OUTSIDE for n in nodes.values() if n.kind} | {"family" for n in nodes.values() if n.family and not n.kind}
    for name in sorted(used):
        chart.style_class(name, STYLES[name])


def families_picture(groups: list[Group], entries: Iterable[Entry], schema: Schema) -> Markdown | None:
    """The families written with ``for_each`` and their drift, as a fenced
    Mermaid block; ``None`` when there are none."""
    if not groups:
        return None
    entries = list(entries)
    resources = [e.resource for e in entries]
    by_key = {r.key: r for r in resources}
    comparer = Comparer(resources, schema)
    chart = Flowchart("LR")
    budget = MAX_NODES - 1  # one kept for "more families"
    left = 0
    for group in sorted(groups, key=lambda g: g.address):
        members = [(name, by_key[key]) for key, name in group.members if key in by_key]
        if not members:
            continue
        if left:  # once one family did not fit, the rest are counted, not drawn
            left += 1
            continue
        kinds = _kinds([name for name, _ in members], [comparer.values(r) for _, r in members])
        size = _family_nodes(kinds)
        if size > budget:
            left = 1
            continue
        budget -= size
        _draw_family(chart, group, len(members), kinds)
    if left:
        chart.node(f"{left} more families: see the table below")
    return mermaid_block(chart)


def _kinds(names: list[str], values: list[dict]) -> list[tuple[tuple[str, ...], list[str]]]:
    """The members by the arguments they differ in from the baseline:
    (arguments, member names), those alike with it first, then the largest."""
    _, baseline, _ = summarise(values)
    spelled = {k: canonical(v) for k, v in baseline.items()}
    found: dict[tuple[str, ...], list[str]] = {}
    for name, own in zip(names, values, strict=True):
        differs = tuple(k for k in sorted(baseline) if canonical(own.get(k)) != spelled[k])
        found.setdefault(differs, []).append(name)
    return sorted(found.items(), key=lambda kv: (bool(kv[0]), -len(kv[1]), kv[0]))


def _shown_kinds(kinds: list[tuple[tuple[str, ...], list[str]]]) -> tuple[list, list[str], list[str]]:
    """The kinds and arguments drawn, and the members left out (drawn as one node)."""
    shown, rest = kinds[:MAX_KINDS], [n for _, names in kinds[MAX_KINDS:] for n in names]
    arguments = sorted({a for differs, _ in shown for a in differs})
    return shown, arguments[:MAX_ARGUMENTS], rest


def _family_nodes(kinds) -> int:
    shown, arguments, rest = _shown_kinds(kinds)
    more = len({a for differs, _ in shown for a in differs}) > len(arguments)
    return len(shown) + len(arguments) + bool(rest) + more


def _names(names: list[str]) -> str:
    if len(names) <= MAX_NAMES:
        return ", ".join(names)
    return f"{', '.join(names[:MAX_NAMES])} and {len(names) - MAX_NAMES} more"


def _draw_family(chart: Flowchart, group: Group, count: int, kinds) -> None:
    shown, arguments, rest = _shown_kinds(kinds)
    every = sorted({a for differs, _ in shown for a in differs})
    title = f"{group.address} ×{count}" + (
        f": differs in {len(every)} argument{'s' if len(every) != 1 else ''}" if every else ": all alike"
    )
    with chart.subgraph(title):
        argument_ids = {a: chart.node(a) for a in arguments}
        more = chart.node(f"{len(every) - len(arguments)} more arguments") if len(every) > len(arguments) else None
        for differs, names in shown:
            what = "baseline" if not differs else f"{len(names)} member{'s' if len(names) != 1 else ''}"
            kind_id = chart.node(f"{what}: {_names(names)}")
            for target in dict.fromkeys(argument_ids.get(a, more) for a in differs):
                if target is not None:
                    chart.edge(kind_id, target)
        if rest:
            chart.node(f"{len(rest)} more members, differing otherwise: {_names(rest)}")
