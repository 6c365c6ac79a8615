"""The dependency graph of resources: who references whom, and in what order
they can be imported."""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable

import networkx as nx

Key = Hashable


def build(nodes: Iterable[Key], edges: Iterable[tuple[Key, Key]]) -> nx.DiGraph:
    """An edge ``a -> b`` means ``a`` references ``b`` (``b`` must exist first)."""
    graph = nx.DiGraph()
    graph.add_nodes_from(nodes)
    graph.add_edges_from((a, b) for a, b in edges if a != b and a in graph and b in graph)
    return graph


def dependency_order(graph: nx.DiGraph, sort_key: Callable[[Key], object]) -> list[Key]:
    """Dependencies before dependents; ties in ``sort_key`` order, so it is stable.

    A remaining cycle cannot be ordered; its members are placed together, in
    ``sort_key`` order, where the cycle as a whole fits.
    """
    condensed = nx.condensation(graph)
    members = condensed.graph["mapping"]
    groups: dict[int, list[Key]] = {}
    for node, group in members.items():
        groups.setdefault(group, []).append(node)
    for group in groups.values():
        group.sort(key=sort_key)
    reverse = condensed.reverse(copy=False)  # dependencies first
    order = nx.lexicographical_topological_sort(reverse, key=lambda g: sort_key(groups[g][0]))
    return [node for group in order for node in groups[group]]


def cycles(graph: nx.DiGraph) -> list[list[Key]]:
    return [sorted(c, key=str) for c in nx.strongly_connected_components(graph) if len(c) > 1]
