"""One measured scan, in a process of its own (so its peak memory is its own).

``python -m bench.scan --endpoint-url URL --concurrency N --inventory FILE --calls FILE --result FILE``
scans every type adopt knows in the bench regions, as ``adopt scan`` does
(all types, AWS's defaults left out), through a :class:`RecordingSession`, and
writes the inventory, the calls made (JSON lines, for the floor) and a JSON
result: wall and CPU time, peak RSS, the calls made and their outcome.
"""

from __future__ import annotations

import argparse
import json
import resource
import time

from adopt.catalog import registry
from adopt.scan.engine import Scanner

from .record import Recorder, RecordingSession
from .seed import CREDENTIALS, REGIONS
from .server import MotoProcess


def rss_mb() -> float:
    """Peak resident memory of this process so far (getrusage ru_maxrss, KB on Linux), in MB."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def cpu_seconds() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def measure_scan(endpoint: str, concurrency: int, regions: tuple[str, ...] = REGIONS, server_pid: int | None = None):
    server = MotoProcess(endpoint, server_pid) if server_pid else None
    recorder = Recorder()
    session = RecordingSession(
        endpoint_url=endpoint, credentials=CREDENTIALS, default_region=regions[0], recorder=recorder
    )
    scanner = Scanner(session, list(regions), registry.all_specs(), concurrency=concurrency)
    baseline_rss = rss_mb()
    server_cpu0 = server.cpu_seconds() if server else float("nan")
    cpu0, wall0 = cpu_seconds(), time.perf_counter()
    inventory = scanner.run()
    text = inventory.dumps()  # what `adopt scan` writes
    wall, cpu = time.perf_counter() - wall0, cpu_seconds() - cpu0
    server_cpu = (server.cpu_seconds() - server_cpu0) if server else float("nan")
    return (
        inventory,
        text,
        recorder,
        {
            "concurrency": concurrency,
            "wall_s": wall,
            "cpu_s": cpu,
            "server_cpu_s": server_cpu,
            "peak_rss_mb": rss_mb(),
            "baseline_rss_mb": baseline_rss,
            "resources": len(inventory.resources),
            "errors": len(inventory.errors),
            "calls": len(recorder.calls),
            "max_in_flight": recorder.max_in_flight,
            "t0": wall0,
        },
    )


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="One measured scan.")
    parser.add_argument("--endpoint-url", required=True)
    parser.add_argument("--concurrency", type=int, required=True)
    parser.add_argument("--server-pid", type=int)
    parser.add_argument("--inventory", required=True)
    parser.add_argument("--calls", required=True)
    parser.add_argument("--result", required=True)
    args = parser.parse_args(argv)
    _inventory, text, recorder, result = measure_scan(args.endpoint_url, args.concurrency, server_pid=args.server_pid)
    with open(args.inventory, "w", encoding="utf-8") as fh:
        fh.write(text)
    recorder.save(args.calls)
    with open(args.result, "w", encoding="utf-8") as fh:
        json.dump(result, fh, indent=2)


if __name__ == "__main__":
    main()
