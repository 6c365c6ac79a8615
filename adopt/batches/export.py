"""`adopt graph`: the resources and their references as DOT, Mermaid or JSON.

Nodes are coloured by batch (with a plan) or by status, and grouped by VPC,
so a reviewer can see the slice a batch adopts and what it leans on.
"""

from __future__ import annotations

import json
from typing import Any

from ..naming import assign_labels
from ..writers import diagram
from .plan import resource_graph, vpcs_of

PALETTE = ["#4e79a7", "#f28e2b", "#59a14f", "#e15759", "#76b7b2", "#edc948", "#b07aa1", "#ff9da7", "#9c755f"]
STATUS_COLOURS = {"managed": "#bab0ac", "declared": "#76b7b2", "ignored": "#eeeeee", "unmanaged": "#f28e2b"}


def describe(
    resources, statuses: dict | None = None, batches: dict | None = None, addresses: dict | None = None
) -> dict[str, Any]:
    """Nodes (with address, group, colour) and edges, ready for any format.

    ``addresses`` (from a plan) name the nodes; otherwise labels are made."""
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
    return {"nodes": nodes, "edges": edges, "cycles_broken": len(g.graph["broken"])}


def _node_id(key) -> str:
    return diagram.node_name(*key)


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
            label = diagram.dot_string(node["address"])[:-1] + note + '"'
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
            lines.append(f"    {node['id']}[{diagram.mermaid_label(node['address'], note)}]")
        if vpc:
            lines.append("  end")
    for edge in data["edges"]:
        lines.append(f"  {edge['from']} {'-.->' if edge['broken'] else '-->'} {edge['to']}")
    for node in data["nodes"]:
        lines.append(f"  style {node['id']} fill:{node['colour']}")
    return "\n".join(lines) + "\n"
