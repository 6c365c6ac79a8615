"""``make bench``: scan and generation at scale, reported as ratios.

Starts moto's server as a separate process on 127.0.0.1, seeds estates of about
1,000 and 5,000 resources over two regions (``bench/seed.py``), and for each:

- scans at concurrency N (default 8) and 1, each in a fresh process, recording
  every API call (``bench/scan.py``), and checks the two inventories are
  byte-identical;
- replays the recorded calls with the same concurrency and no processing, the
  floor (``bench/floor.py``);
- does the same again with simulated network latency added by the server
  (``--latency-ms``, default 20): on localhost every call is CPU time shared by
  client and server, which hides what concurrency buys against real AWS.

Then generates modules from synthetic inventories of 10,000 and 100,000
resources (``bench/synthetic.py``, ``bench/gen.py``).  Prints a table and writes
everything as JSON to ``bench/results/`` (``latest.json`` and a dated copy).
See ``bench/README.md`` for how to read it.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import os
import platform
import signal
import subprocess
import sys
import tempfile
import time
from collections import Counter, defaultdict
from pathlib import Path

from .longtail import line as long_tail_line
from .longtail import measure_long_tail
from .org import measure_organization
from .record import load_calls
from .seed import seed_estate, stacks_for
from .server import ROOT, moto_process

RESULTS = ROOT / "bench" / "results"

TARGETS = {
    "scan_floor_ratio": 1.3,  # scan / floor at 5,000 resources, at most
    "calls_per_resource": 1.5,  # over the mixed estate, at most
    "org_calls_per_resource": 0.45,  # over the organization's estate, at most
    "speedup": 3.0,  # concurrency N over concurrency 1, at least
    "generate_100k_s": 60.0,  # at most
    "generate_100k_mb": 2048.0,  # peak memory, at most
    "generate_ratio": 12.0,  # time at 100k / time at 10k, at most
}


def log(message: str) -> None:
    print(f"[bench {time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def child(module: str, *args: str) -> dict:
    """Run ``python -m bench.<module> ... --result FILE`` in a fresh process; its result."""
    with tempfile.NamedTemporaryFile(suffix=".json", delete=False) as fh:
        result_path = fh.name
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")]))
    try:
        subprocess.run(
            [sys.executable, "-m", f"bench.{module}", *args, "--result", result_path], check=True, cwd=ROOT, env=env
        )
        return json.loads(Path(result_path).read_text())
    finally:
        os.unlink(result_path)


# -- scan ---------------------------------------------------------------------------


def family_of(tf_type: str) -> str:
    """The root type a type is scanned under (a bucket's policy under the bucket)."""
    from adopt.catalog import registry

    spec = registry.find(tf_type)
    while spec is not None and spec.parent:
        spec = registry.find(spec.parent)
    return spec.tf_type if spec else tf_type


def call_report(calls_path: str, inventory_path: str) -> dict:
    """Calls per resource for each root type and its children, and the longest units."""
    from adopt.catalog import registry

    calls = load_calls(calls_path)
    inventory = json.loads(Path(inventory_path).read_text())
    resources = Counter(family_of(r["type"]) for r in inventory["resources"])
    roots = Counter(r["type"] for r in inventory["resources"])
    families: dict[str, dict] = defaultdict(lambda: Counter())
    operations: dict[str, Counter] = defaultdict(Counter)
    units: dict[str, list] = defaultdict(list)
    for call in calls:
        family = call.unit.split()[0] if call.unit else "(account id)"
        spec = registry.find(call.spec or "")
        # A type's own listing, or a child's listed once per region and joined to parents.
        once = call.kind == "list" and spec is not None and (spec.tf_type == family or bool(spec.join))
        where = "list" if once else "per item"
        families[family][where] += 1
        operations[family][f"{call.service}:{call.operation}"] += 1
        if call.unit:
            units[call.unit].append(call)
    types = {}
    for family in sorted(set(families) | set(resources)):
        made = sum(families[family].values())
        found = resources.get(family, 0)
        items = roots.get(family, 0)
        types[family] = {
            "calls": made,
            "list_calls": families[family]["list"],
            "per_item_calls": families[family]["per item"],
            "resources": found,  # the type and its children
            "items": items,  # the type itself
            "calls_per_resource": made / found if found else None,
            "per_item_calls_per_item": families[family]["per item"] / items if items else None,
            "operations": dict(operations[family].most_common()),
        }
    spans = sorted(
        ((max(c.end for c in cs) - min(c.start for c in cs), unit, len(cs)) for unit, cs in units.items()),
        reverse=True,
    )
    durations: dict[str, list[float]] = defaultdict(list)
    for call in calls:
        durations[f"{call.service}:{call.operation}"].append(call.end - call.start)
    slowest = sorted(durations.items(), key=lambda kv: -sum(kv[1]))[:10]
    return {
        "types": types,
        # A unit is one (root type, region): its calls are made one after the other.
        "longest_units": [{"unit": u, "seconds": s, "calls": n} for s, u, n in spans[:5]],
        "empty_list_calls": sum(t["calls"] for t in types.values() if not t["resources"]),
        # Where the time of the calls goes (as seen by the client: server time, queueing, latency).
        "slowest_operations": [
            {"operation": op, "calls": len(d), "total_s": sum(d), "mean_ms": 1000 * sum(d) / len(d)}
            for op, d in slowest
        ],
    }


def scan_size(server, target: int, concurrency: int, latencies: list[float], work: Path) -> list[dict]:
    rows = []
    for latency in latencies:
        server.set_latency(latency)
        runs = {}
        for c in dict.fromkeys([concurrency, 1]):
            tag = f"{target}-c{c}-l{latency:g}"
            inventory, calls = work / f"inventory-{tag}.json", work / f"calls-{tag}.jsonl"
            log(f"scan {target} resources, concurrency {c}, latency {latency:g} ms")
            scan = child("scan", "--endpoint-url", server.endpoint, "--concurrency", str(c),
                         "--server-pid", str(server.pid), "--inventory", str(inventory), "--calls", str(calls))  # fmt: skip
            log(f"  {scan['wall_s']:.1f}s, {scan['resources']} resources, {scan['calls']} calls")
            floor = None
            if c != 1 or latency == 0:  # the serial floor under latency is only calls x latency, and slow
                log(f"floor: the same calls, concurrency {c}")
                floor = child("floor", "--endpoint-url", server.endpoint, "--concurrency", str(c),
                              "--server-pid", str(server.pid), "--calls", str(calls))  # fmt: skip
                log(f"  {floor['wall_s']:.1f}s")
            runs[c] = (scan, floor, inventory, calls)
        digests = {c: hashlib.sha256(inv.read_bytes()).hexdigest() for c, (_, _, inv, _) in runs.items()}
        identical = len(set(digests.values())) == 1
        serial_wall = runs[1][0]["wall_s"]
        for c, (scan, floor, inventory, calls) in runs.items():
            row = {
                "target": target,
                "latency_ms": latency,
                **{k: v for k, v in scan.items() if k != "t0"},
                "calls_per_resource": scan["calls"] / max(1, scan["resources"]),
                "floor": floor,
                "scan_floor_ratio": scan["wall_s"] / floor["wall_s"] if floor else None,
                "speedup_vs_c1": serial_wall / scan["wall_s"],
                "identical_to_c1": identical,
                "inventory_sha256": digests[c],
            }
            row["calls_report"] = call_report(str(calls), str(inventory))
            row["longest_unit_s"] = row["calls_report"]["longest_units"][0]["seconds"]
            rows.append(row)
    server.set_latency(0)
    return rows


# -- generate ---------------------------------------------------------------------------


def generate_sizes(sizes: list[int], work: Path) -> list[dict]:
    rows = []
    for n in sizes:
        inventory = work / f"synthetic-{n}.json"
        log(f"synthetic inventory of {n} resources")
        env = dict(os.environ, PYTHONPATH=os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")])))
        subprocess.run([sys.executable, "-m", "bench.synthetic", "--resources", str(n), "--out", str(inventory)],
                       check=True, cwd=ROOT, env=env)  # fmt: skip
        log(f"generate {n} resources")
        result = child("gen", "--inventory", str(inventory))
        log(f"  {result['wall_s']:.1f}s, peak {result['peak_rss_mb']:.0f} MB")
        rows.append({"target": n, **result})
        inventory.unlink()
    return rows


# -- report -------------------------------------------------------------------------------


def verdicts(report: dict, concurrency: int) -> list[dict]:
    out = []

    def add(name, value, limit, ok, where=""):
        out.append({"target": name, "value": value, "limit": limit, "met": bool(ok), "where": where})

    def where(r):
        return f"{r['resources']} resources, latency {r['latency_ms']:g} ms"

    scans = [r for r in report["scan"] if r["concurrency"] == concurrency]
    if scans:
        biggest = max(r["target"] for r in scans)
        for r in scans:
            if r["target"] == biggest and r["scan_floor_ratio"] is not None:
                limit = TARGETS["scan_floor_ratio"]
                add("scan/floor", r["scan_floor_ratio"], f"<= {limit}", r["scan_floor_ratio"] <= limit, where(r))
        for r in scans:
            if r["latency_ms"] == 0:
                limit = TARGETS["calls_per_resource"]
                add("calls per resource", r["calls_per_resource"], f"<= {limit}", r["calls_per_resource"] <= limit,
                    f"{r['resources']} resources")  # fmt: skip
        if concurrency != 1:
            for r in scans:
                limit = TARGETS["speedup"]
                add(f"speed-up c{concurrency}/c1", r["speedup_vs_c1"], f">= {limit:g}", r["speedup_vs_c1"] >= limit,
                    where(r))  # fmt: skip
        for r in scans:
            add("inventory identical c1/cN", r["identical_to_c1"], "yes", r["identical_to_c1"], where(r))
    org = report.get("organization")
    if org:
        limit = TARGETS["org_calls_per_resource"]
        add("calls per resource", org["calls_per_resource"], f"<= {limit}", org["calls_per_resource"] <= limit,
            f"organization, {org['resources']} resources")  # fmt: skip
        if "calls_per_resource_above_floor" in org:
            above = org["calls_per_resource_above_floor"]
            add("calls per resource above the floor", above, f"<= {limit}", above <= limit,
                f"organization, {org['resources']} resources")  # fmt: skip
    gens = {r["target"]: r for r in report["generate"]}
    if gens:
        big = gens[max(gens)]
        limit = TARGETS["generate_100k_s"]
        add(f"generate {big['resources']}: time s", big["wall_s"], f"< {limit:g}", big["wall_s"] < limit)
        limit = TARGETS["generate_100k_mb"]
        add(f"generate {big['resources']}: peak MB", big["peak_rss_mb"], f"< {limit:g}", big["peak_rss_mb"] < limit)
        if len(gens) > 1:
            small = gens[min(gens)]
            # Linear would be the size ratio (10); n log n from 10k to 100k is 12.5.
            limit = TARGETS["generate_ratio"] * (big["resources"] / small["resources"]) / 10
            for what, key in (("wall", "wall_s"), ("cpu", "cpu_s")):
                ratio = big[key] / small[key]
                add(f"generate {what} time {big['resources']}/{small['resources']}", ratio, f"<= {limit:g}",
                    ratio <= limit)  # fmt: skip
    return out


def _fmt(value, digits=2):
    if value is None:
        return "-"
    if isinstance(value, bool):
        return "yes" if value else "NO"
    if isinstance(value, float):
        return f"{value:.{digits}f}"
    return str(value)


def table(rows: list[list], headers: list[str]) -> str:
    cells = [[_fmt(c) for c in row] for row in rows]
    widths = [max(len(h), *(len(r[i]) for r in cells)) if cells else len(h) for i, h in enumerate(headers)]
    lines = ["  ".join(h.rjust(w) for h, w in zip(headers, widths, strict=True))]
    lines += ["  ".join(c.rjust(w) for c, w in zip(r, widths, strict=True)) for r in cells]
    return "\n".join(lines)


def render(report: dict) -> str:
    out = []
    meta = report["meta"]
    out.append(
        f"adopt bench  {meta['date']}  {meta['cpus']} CPUs (load {meta['load_average'][0]:.1f})  "
        f"python {meta['python']}  moto {meta['moto']}  commit {meta['commit']}"
    )
    if report["scan"]:
        out.append("\nSCAN: moto server in its own process on 127.0.0.1, two regions, every type adopt knows")
        out.append(table([[r["resources"], r["concurrency"], int(r["latency_ms"]), r["wall_s"], r["cpu_s"],
                           r["server_cpu_s"], r["peak_rss_mb"], r["calls"], r["calls_per_resource"],
                           r["max_in_flight"], r["longest_unit_s"], r["floor"]["wall_s"] if r["floor"] else None,
                           r["scan_floor_ratio"], r["speedup_vs_c1"], r["identical_to_c1"]] for r in report["scan"]],
                         ["resources", "conc", "lat ms", "wall s", "cpu s", "srv cpu s", "peak MB", "calls",
                          "calls/res", "in flight", "longest unit s", "floor s", "scan/floor", "vs c1",
                          "identical"]))  # fmt: skip
        rows = [r for r in report["scan"] if r["latency_ms"] == 0]
        biggest = max(rows or report["scan"], key=lambda r: (r["resources"], r["concurrency"]))
        calls = biggest["calls_report"]
        out.append(f"\nCALLS BY TYPE at {biggest['resources']} resources: a type with its children; list = listings, "
                   "once per region; per item = detail calls and per-parent child listings")  # fmt: skip
        rows = [[t, v["resources"], v["items"], v["calls"], v["list_calls"], v["per_item_calls"],
                 v["per_item_calls_per_item"], v["calls_per_resource"]]
                for t, v in sorted(calls["types"].items(), key=lambda kv: -kv[1]["calls"]) if v["resources"]]  # fmt: skip
        out.append(table(rows, ["type", "resources", "items", "calls", "list", "per item", "per item/item",
                                "calls/res"]))  # fmt: skip
        out.append(f"(plus {calls['empty_list_calls']} list calls for the types the estate does not have)")
        out.append("\nLONGEST UNITS (one root type in one region; its calls are made one after the other)")
        for r in report["scan"]:
            if r["concurrency"] == meta["concurrency"]:
                units = "; ".join(f"{u['unit']} {u['seconds']:.1f}s/{u['calls']} calls"
                                  for u in r["calls_report"]["longest_units"][:3])  # fmt: skip
                out.append(
                    f"{r['resources']} resources, latency {r['latency_ms']:g} ms, wall {r['wall_s']:.1f}s: {units}"
                )
    org = report.get("organization")
    if org:
        out.append(f"\nORGANIZATION: {org['accounts']} accounts x {org['regions']} regions, {org['resources']} "
                   f"resources, latency {org['latency_ms']:g} ms, each scan in its own process")  # fmt: skip
        rows = [["one run, every account", org["one_run_s"], 1.0, None],
                ["each account alone, summed", org["single_runs_sum_s"], 1 / org["one_run_vs_sum"], None]]  # fmt: skip
        for count, shard in org["shards"].items():
            rows.append([f"{count} shard processes + merge", shard["wall_s"] + shard["merge_s"],
                         shard["speedup"], shard["identical"]])  # fmt: skip
        out.append(table(rows, ["how", "wall s", "speed vs one run", "merge identical"]))
        out.append(f"calls per resource: {org['calls_per_resource_before']:.2f} each resource asked on its own "
                   f"(tagging API and IAM account details denied), {org['calls_per_resource']:.2f} as adopt runs")  # fmt: skip
        if "listing_floor_calls" in org:
            out.append(f"above the floor of {org['listing_floor_calls']} listing calls an empty account costs: "
                       f"{org['calls_per_resource_above_floor_before']:.2f} each resource on its own, "
                       f"{org['calls_per_resource_above_floor']:.2f} as adopt runs")  # fmt: skip
    if report["generate"]:
        out.append("\nGENERATE: synthetic inventories; load, build, write (phases in seconds)")
        phases = list(dict.fromkeys(p for r in report["generate"] for p in r["phases_s"]))
        out.append(table([[r["resources"], r["wall_s"], r["cpu_s"], r["peak_rss_mb"], r["output_mb"],
                           *[r["phases_s"].get(p, 0.0) for p in phases]] for r in report["generate"]],
                         ["resources", "wall s", "cpu s", "peak MB", "out MB", *phases]))  # fmt: skip
    if report.get("long_tail"):
        out.append("\nLONG TAIL: Cloud Control reads against recorded answers (bench/longtail.py)")
        out.extend(long_tail_line(r) for r in report["long_tail"])
    out.append("\nTARGETS")
    out.append(table([[v["target"], v["where"], v["value"], v["limit"], v["met"]] for v in report["targets"]],
                     ["target", "where", "value", "limit", "met"]))  # fmt: skip
    return "\n".join(out)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="adopt's scale benchmark (make bench).")
    parser.add_argument("--sizes", default="1000,5000", help="estates to seed and scan (about this many resources)")
    parser.add_argument("--gen-sizes", default="10000,100000", help="synthetic inventories to generate")
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument("--latency-ms", type=float, default=20.0, help="simulated latency runs (0: none)")
    parser.add_argument("--quick", action="store_true", help="small sizes: a smoke run of a minute or two")
    parser.add_argument("--no-scan", action="store_true")
    parser.add_argument("--no-generate", action="store_true")
    parser.add_argument("--no-org", action="store_true", help="skip the organization benchmark")
    parser.add_argument("--org-accounts", type=int, default=10)
    parser.add_argument("--no-long-tail", action="store_true", help="skip the Cloud Control reads of 100 resources")
    parser.add_argument("--out", default=str(RESULTS))
    parser.add_argument("--server-log", help="append the emulator's output to this file")
    args = parser.parse_args(argv)
    # Stopped by a signal, still stop the emulator (the `finally` of moto_process).
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    signal.signal(signal.SIGHUP, lambda *_: sys.exit(129))
    if args.quick:
        args.sizes, args.gen_sizes = "300", "1000,10000"
    sizes = [int(s) for s in args.sizes.split(",") if s]
    gen_sizes = [int(s) for s in args.gen_sizes.split(",") if s]
    latencies = [0.0] + ([args.latency_ms] if args.latency_ms > 0 else [])

    import boto3
    import moto

    report: dict = {
        "meta": {
            "date": dt.datetime.now().isoformat(timespec="seconds"),
            "cpus": os.cpu_count(),
            "load_average": os.getloadavg(),
            "python": platform.python_version(),
            "moto": moto.__version__,
            "boto3": boto3.__version__,
            "commit": _git_commit(),
            "concurrency": args.concurrency,
            "memory": "peak RSS of each measuring process (getrusage ru_maxrss); baseline_rss_mb is after imports",
        },
        "scan": [],
        "organization": None,
        "seed": [],
        "generate": [],
    }
    out_dir = Path(args.out)
    out_dir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="adopt-bench-") as tmp:
        work = Path(tmp)
        if not args.no_scan and sizes:
            os.environ.setdefault("AWS_EC2_METADATA_DISABLED", "true")
            with moto_process(log_path=args.server_log) as server:
                log(f"moto server at {server.endpoint} (pid {server.pid}); warming up its backends")
                child("scan", "--endpoint-url", server.endpoint, "--concurrency", str(args.concurrency),
                      "--inventory", str(work / "warm.json"), "--calls", str(work / "warm.jsonl"))  # fmt: skip
                seeded = 0
                for target in sorted(sizes):
                    stacks = stacks_for(target)
                    log(f"seeding stacks {seeded}..{stacks - 1} (about {target} resources)")
                    seed = seed_estate(server.endpoint, stacks - seeded, start=seeded)
                    report["seed"].append({"target": target, "stacks": stacks, "seconds": seed.seconds,
                                           "writes": sum(seed.writes.values())})  # fmt: skip
                    seeded = stacks
                    report["scan"].extend(scan_size(server, target, args.concurrency, latencies, work))
                report["meta"]["server_peak_rss_mb"] = server.peak_rss_mb()
        if not args.no_org:
            with moto_process(log_path=args.server_log) as server:
                accounts = 3 if args.quick else args.org_accounts
                log(f"organization: {accounts} accounts x 2 regions, latency {args.latency_ms:g} ms")
                report["organization"] = measure_organization(
                    server, work, accounts, stacks=1, latency_ms=args.latency_ms, concurrency=args.concurrency
                )
        if not args.no_generate and gen_sizes:
            report["generate"] = generate_sizes(sorted(gen_sizes), work)
        if not args.no_long_tail:
            log("long tail: 100 resources through Cloud Control, recorded answers, unthrottled then 1 in 10 throttled")
            report["long_tail"] = [measure_long_tail(100, args.concurrency, throttle_every=every) for every in (0, 10)]
    report["targets"] = verdicts(report, args.concurrency)
    text = render(report)
    print(text)
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    for name in (f"bench-{stamp}.json", "latest.json"):
        (out_dir / name).write_text(json.dumps(report, indent=2) + "\n")
    (out_dir / "latest.txt").write_text(text + "\n")
    log(f"wrote {out_dir / 'latest.json'} and {out_dir / f'bench-{stamp}.json'}")
    return 0


def _git_commit() -> str | None:
    try:
        return subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True, cwd=ROOT,
                              check=True).stdout.strip()  # fmt: skip
    except (OSError, subprocess.CalledProcessError):
        return None


if __name__ == "__main__":
    sys.exit(main())
