"""One measured generation, in a process of its own (so its peak memory is its own).

``python -m bench.gen --inventory FILE --result FILE`` does what ``adopt
generate --inventory FILE --out DIR`` does (load the inventory, build the
module with the bundled provider schema, write the files to a temporary
directory) and writes a JSON result: wall and CPU time, peak RSS, and the time
of each phase.  The phases are timed by wrapping adopt's functions from
outside; a phase whose function is not found (renamed) is simply not shown.
"""

from __future__ import annotations

import argparse
import json
import os
import tempfile
import time
from collections import defaultdict

from .scan import cpu_seconds, rss_mb

# (module, attribute, phase): the functions whose time makes each phase.
PHASES = (
    ("adopt.naming", "assign_labels", "labels"),
    ("adopt.batches.graph", "build", "graph"),
    ("adopt.batches.graph", "dependency_order", "graph"),
    ("adopt.emit.generate", "render_resource", "render (with references)"),
    ("adopt.writers.hcl", "render", "hcl text"),
)


def _instrument(times: dict[str, float]) -> None:
    import importlib

    for module_name, attribute, phase in PHASES:
        module = importlib.import_module(module_name)
        inner = getattr(module, attribute, None)
        if inner is None:
            continue

        def timed(*args, __inner=inner, __phase=phase, **kwargs):
            start = time.perf_counter()
            try:
                return __inner(*args, **kwargs)
            finally:
                times[__phase] += time.perf_counter() - start

        setattr(module, attribute, timed)


def measure_generate(inventory_path: str) -> dict:
    from adopt.emit.generate import Generator, write_module
    from adopt.model import Inventory
    from adopt.schema import load

    times: dict[str, float] = defaultdict(float)
    _instrument(times)
    baseline_rss = rss_mb()
    cpu0, wall0 = cpu_seconds(), time.perf_counter()
    schema = load(None)
    times["load schema"] = time.perf_counter() - wall0
    t = time.perf_counter()
    inventory = Inventory.load(inventory_path)
    times["load inventory"] = time.perf_counter() - t
    t = time.perf_counter()
    module = Generator(inventory, schema, source=os.path.basename(inventory_path)).build()
    build = time.perf_counter() - t
    with tempfile.TemporaryDirectory(prefix="adopt-bench-") as out_dir:
        t = time.perf_counter()
        write_module(module, out_dir, inventory=os.path.abspath(inventory_path))
        times["write files"] = time.perf_counter() - t
        size = sum(os.path.getsize(os.path.join(out_dir, name)) for name in os.listdir(out_dir))
    wall, cpu = time.perf_counter() - wall0, cpu_seconds() - cpu0
    inner = sum(v for k, v in times.items() if k not in ("load schema", "load inventory", "write files"))
    times["other (templates, loops)"] = max(0.0, build - inner)
    return {
        "resources": len(inventory.resources),
        "wall_s": wall,
        "cpu_s": cpu,
        "peak_rss_mb": rss_mb(),
        "baseline_rss_mb": baseline_rss,
        "output_mb": size / 1e6,
        "files": len(module.files),
        "warnings": len(module.warnings),
        "phases_s": dict(times),
    }


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="One measured generation.")
    parser.add_argument("--inventory", required=True)
    parser.add_argument("--result", required=True)
    args = parser.parse_args(argv)
    result = measure_generate(args.inventory)
    with open(args.result, "w", encoding="utf-8") as fh:
        json.dump(result, fh, indent=2)


if __name__ == "__main__":
    main()
