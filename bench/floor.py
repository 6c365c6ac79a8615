"""The floor: a scan's API calls replayed by a bare loop that does no processing.

``python -m bench.floor --endpoint-url URL --calls FILE --concurrency N --result FILE``
makes exactly the calls a scan recorded (same operations and parameters,
page tokens included), through the same kind of clients (adopt's guarded
:class:`AwsSession`, one client per service and region, made inside the
timing as the scan makes them), with a ThreadPoolExecutor of the same size,
and nothing else: no pagination logic, no dependency between calls, no
processing of the answers.  A scan cannot be faster than this against the same
server; ``scan / floor`` is what the engine costs on top of the calls.
"""

from __future__ import annotations

import argparse
import json
import time
from concurrent.futures import ThreadPoolExecutor

import botocore.exceptions
import botocore.parsers
from botocore import xform_name

from adopt.aws.session import AwsSession

from .record import CallRecord, load_calls
from .scan import cpu_seconds, rss_mb
from .seed import CREDENTIALS
from .server import MotoProcess


def replay(session: AwsSession, calls: list[CallRecord], concurrency: int) -> int:
    """Make every call, ``concurrency`` at a time; return how many failed (as they may have in the scan)."""
    methods = {}
    for call in calls:  # clients and method lookups first: the scan makes its clients as it goes, too
        key = (call.service, call.region, call.operation)
        if key not in methods:
            methods[key] = getattr(session.client(call.service, call.region), xform_name(call.operation))

    def one(call: CallRecord) -> int:
        try:
            methods[(call.service, call.region, call.operation)](**call.params)
            return 0
        except (
            botocore.exceptions.ClientError,
            botocore.exceptions.BotoCoreError,  # a host the emulator cannot be reached at
            botocore.parsers.ResponseParserError,  # an error page where XML was due
        ):
            return 1

    with ThreadPoolExecutor(max_workers=concurrency, thread_name_prefix="floor") as pool:
        return sum(pool.map(one, calls))


def measure_floor(endpoint: str, calls: list[CallRecord], concurrency: int, server_pid: int | None = None) -> dict:
    server = MotoProcess(endpoint, server_pid) if server_pid else None
    calls = sorted(calls, key=lambda c: c.start)  # in the order the scan started them
    baseline_rss = rss_mb()
    server_cpu0 = server.cpu_seconds() if server else float("nan")
    cpu0, wall0 = cpu_seconds(), time.perf_counter()
    session = AwsSession(endpoint_url=endpoint, credentials=CREDENTIALS, default_region=calls[0].region)
    failed = replay(session, calls, concurrency)
    wall, cpu = time.perf_counter() - wall0, cpu_seconds() - cpu0
    return {
        "concurrency": concurrency,
        "wall_s": wall,
        "cpu_s": cpu,
        "server_cpu_s": (server.cpu_seconds() - server_cpu0) if server else float("nan"),
        "peak_rss_mb": rss_mb(),
        "baseline_rss_mb": baseline_rss,
        "calls": len(calls),
        "failed": failed,
    }


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="Replay a scan's calls with no processing.")
    parser.add_argument("--endpoint-url", required=True)
    parser.add_argument("--calls", required=True)
    parser.add_argument("--concurrency", type=int, required=True)
    parser.add_argument("--server-pid", type=int)
    parser.add_argument("--result", required=True)
    args = parser.parse_args(argv)
    result = measure_floor(args.endpoint_url, load_calls(args.calls), args.concurrency, args.server_pid)
    with open(args.result, "w", encoding="utf-8") as fh:
        json.dump(result, fh, indent=2)


if __name__ == "__main__":
    main()
