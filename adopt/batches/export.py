"""`adopt graph`: the resources and their references as DOT, Mermaid or JSON.

Nodes are coloured by batch (with a plan) or by status, and grouped by VPC,
so a reviewer can see the slice a batch adopts and what it leans on; a family
of alike resources may be drawn as one node with its count.
"""

from __future__ import annotations

import json
from typing import Any

from ..drift.grouping import Group
from ..naming import assign_labels
from ..writers import diagram
from .plan import resource_graph, vpcs_of

PALETTE = ["#4e79a7", "#f28e2b", "#59a14f", "#e15759", "#76b7b2", "#edc948", "#b07aa1", "#ff9da7", "#9c755f"]
STATUS_COLOURS = {"managed": "#bab0ac", "declared": "#76b7b2", "ignored": "#eeeeee", "unmanaged": "#f28e2b"}


def describe(
    resources,
    statuses: dict | None = None,
    batches: dict | None = None,
    addresses: dict | None = None,
    families: list[Group] | None = None,
) -> dict[str, Any]:
    """Nodes (with address, group, colour) and edges, ready for any format.

    ``addresses`` (from a plan) name the nodes; otherwise labels are made.
    ``families`` are drawn as one node each, with their member count.
    """
    g = resource_graph(resources)
    vpcs = vpcs_of(g)
    labels = assign_labels(resources)
    addresses = addresses or {}
    nodes = []
    for r in sorted(resources, key=lambda r: r.key):
        in_vpcs = sorted(vpcs.get(r.key, ()))
        node = {
            "id": _node_id(r.key),
            "address": addresses.get(r.key) or f"{r.type}.{labels[r.key]}",
            "type": r.type,
            "aws_id": r.id,
            "region": r.region,
            "vpc": in_vpcs[0] if len(in_vpcs) == 1 else None,
        }
        if batches is not None:
            node["batch"] = batches.get(r.key)
            node["colour"] = PALETTE[(node["batch"] - 1) % len(PALETTE)] if node["batch"] else "#eeeeee"
        else:
            node["status"] = (statuses or {}).get(r.key, "unmanaged")
            node["colour"] = STATUS_COLOURS[node["status"]]
        nodes.append(node)
    edges = [
        {"from": _node_id(a), "to": _node_id(b), "paths": g.edges[a, b]["paths"], "broken": (a, b) in g.graph["broken"]}
        for a, b in sorted(g.edges)
    ]
    data = {"nodes": nodes, "edges": edges, "cycles_broken": len(g.graph["broken"])}
    return _with_families(data, families) if families else data


def _with_families(data: dict[str, Any], families: list[Group]) -> dict[str, Any]:
    """Each family's members as one node (``count``, ``members``); edges to and
    from them as edges of that node, once each."""
    node_of: dict[str, str] = {}
    merged: dict[str, dict[str, Any]] = {}
    by_id = {n["id"]: n for n in data["nodes"]}
    for family in families:
        ids = [_node_id(key) for key, _ in family.members if _node_id(key) in by_id]
        if len(ids) < 2:
            continue
        first = by_id[ids[0]]
        vpcs = {by_id[i]["vpc"] for i in ids}
        node = {
            **first,
            "id": diagram.node_name("family", family.type, family.region, family.label),
            "address": family.address,
            "aws_id": None,
            "vpc": first["vpc"] if len(vpcs) == 1 else None,
            "count": len(ids),
            "members": [by_id[i]["aws_id"] for i in ids],
        }
        merged[node["id"]] = node
        node_of.update({i: node["id"] for i in ids})
    nodes = [n for n in data["nodes"] if n["id"] not in node_of]
    nodes += sorted(merged.values(), key=lambda n: n["id"])
    edges: dict[tuple[str, str], dict[str, Any]] = {}
    for edge in data["edges"]:
        a, b = node_of.get(edge["from"], edge["from"]), node_of.get(edge["to"], edge["to"])
        if a == b:
            continue
        found = edges.setdefault((a, b), {"from": a, "to": b, "paths": [], "broken": False})
        found["paths"] = sorted(set(found["paths"]) | set(edge["paths"]))
        found["broken"] = found["broken"] or edge["broken"]
    return {**data, "nodes": nodes, "edges": [edges[k] for k in sorted(edges)]}


def _node_id(key) -> str:
    return diagram.node_name(*key)


def _shown(node: dict[str, Any]) -> str:
    """What a node says: its address, and for a family how many it stands for."""
    return f"{node['address']} ×{node['count']}" if node.get("count") else node["address"]


def to_json(data: dict) -> str:
    return json.dumps(data, indent=2) + "\n"


def to_dot(data: dict) -> str:
    lines = ["digraph adopt {", "  rankdir=LR;", '  node [shape=box, style="rounded,filled", fontname="Helvetica"];']
    by_vpc: dict[str | None, list[dict]] = {}
    for node in data["nodes"]:
        by_vpc.setdefault(node["vpc"], []).append(node)
    for vpc, nodes in sorted(by_vpc.items(), key=lambda kv: kv[0] or ""):
        indent = "  "
        if vpc:
            lines.append(f"  subgraph {diagram.dot_string('cluster_' + vpc)} {{")
            lines.append(f"    label={diagram.dot_string(vpc)}; style=dashed;")
            indent = "    "
        for node in nodes:
            note = f"\\nbatch {node['batch']}" if node.get("batch") else ""
            label = diagram.dot_string(_shown(node))[:-1] + note + '"'
            lines.append(f'{indent}{node["id"]} [label={label}, fillcolor="{node["colour"]}"];')
        if vpc:
            lines.append("  }")
    for edge in data["edges"]:
        style = ' [style=dashed, label="literal"]' if edge["broken"] else ""
        lines.append(f"  {edge['from']} -> {edge['to']}{style};")
    lines.append("}")
    return "\n".join(lines) + "\n"


def to_mermaid(data: dict) -> str:
    lines = ["flowchart LR"]
    by_vpc: dict[str | None, list[dict]] = {}
    for node in data["nodes"]:
        by_vpc.setdefault(node["vpc"], []).append(node)
    for vpc, nodes in sorted(by_vpc.items(), key=lambda kv: kv[0] or ""):
        if vpc:
            lines.append(f"  subgraph {diagram.node_name(vpc)[2:]}[{diagram.mermaid_label(vpc)}]")
        for node in nodes:
            note = f"<br/>batch {node['batch']}" if node.get("batch") else ""
            lines.append(f"    {node['id']}[{diagram.mermaid_label(_shown(node), note)}]")
        if vpc:
            lines.append("  end")
    for edge in data["edges"]:
        lines.append(f"  {edge['from']} {'-.->' if edge['broken'] else '-->'} {edge['to']}")
    for node in data["nodes"]:
        lines.append(f"  style {node['id']} fill:{node['colour']}")
    return "\n".join(lines) + "\n"
