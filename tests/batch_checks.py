"""What every packed plan must be, checked on any estate: few batches, none
over the limit but for a family that alone is, and no batch referencing a
later one; and each batch, generated with the real CLI next to the batches
before it, a module that formats, validates and plans as an import of exactly
what it holds."""

from __future__ import annotations

import json
import math
from pathlib import Path
from typing import Any

from coverage_kit import check_module
from helpers import run_cli

from adopt.batches.plan import resource_graph
from adopt.model import Inventory, ResourceKey


def plan_with_cli(inventory_path: Path, plan_path: Path, *args: str) -> dict:
    result = run_cli("plan", "--inventory", str(inventory_path), "--output", str(plan_path), *args)
    assert result.code == 0, result.output
    return json.loads(plan_path.read_text())


def check_packed(plan: dict, inventory: Inventory, max_batch: int, slack: int = 2) -> None:
    """At most ceil(N / max_batch) + slack batches; each within the limit (or
    one family alone); every resource once; references only backwards."""
    batches = plan["batches"]
    total = sum(len(b["resources"]) for b in batches)
    sizes = [len(b["resources"]) for b in batches]
    assert len(batches) <= math.ceil(total / max_batch) + slack, sizes
    for batch in batches:
        families = {r["address"].split("[")[0] for r in batch["resources"]}
        assert len(batch["resources"]) <= max_batch or len(families) == 1, (batch["name"], sizes)
        assert batch["name"] and "\n" not in batch["name"] and len(batch["name"]) <= 140, batch["name"]
    batch_of = {ResourceKey(r["type"], r["region"], r["id"]): b["batch"] for b in batches for r in b["resources"]}
    assert len(batch_of) == total
    # A family's instances are in one batch.
    family_batches: dict[str, set[int]] = {}
    for b in batches:
        for r in b["resources"]:
            if "[" in r["address"]:
                family_batches.setdefault(r["address"].split("[")[0], set()).add(b["batch"])
    assert all(len(numbers) == 1 for numbers in family_batches.values()), family_batches
    g = resource_graph(inventory.resources)
    broken = set(g.graph["broken"])
    later = [
        (a, b)
        for a, b in g.edges
        if a in batch_of and b in batch_of and (a, b) not in broken and batch_of[b] > batch_of[a]
    ]
    assert later == [], later[:5]


def adopt_batch_by_batch(plan_path: Path, plan: dict, repo: Path, tf_engine: Any) -> None:
    """Generate each batch into one module in turn; after each, the module is
    fmt clean, valid, and plans to import everything so far, adding nothing."""
    total = 0
    for batch in plan["batches"]:
        number = batch["batch"]
        result = run_cli("generate", "--plan", str(plan_path), "--batch", str(number), "--out", str(repo))
        assert result.code == 0, result.output
        total += len(batch["resources"])
        check_module(repo, tf_engine, total)
