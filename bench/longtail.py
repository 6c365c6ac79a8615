"""The long tail at scale: Cloud Control reads of 100 resources against recorded answers.

moto does not serve Cloud Control, so a small HTTP server on 127.0.0.1 answers
``GetResource`` and ``ListResources`` (the JSON protocol botocore speaks) from
the answers recorded in ``fixtures/longtail/core.json``, each copied under a
new identifier until there are ``count`` resources.  Every ``throttle_every``-th
request is answered ``ThrottlingException``, so the session's retries
(adaptive mode, as in every scan) are in the path.  The reads go through
adopt's own session, guard and census calls (``adopt.longtail.read``), at the
scan's concurrency.

    .venv/bin/python -m bench.longtail [--count 100] [--concurrency 8] [--latency-ms 0]
"""

from __future__ import annotations

import argparse
import http.server
import json
import threading
import time
from dataclasses import dataclass, field

from .server import ROOT

FIXTURE = ROOT / "fixtures" / "longtail" / "core.json"


@dataclass
class Answers:
    """The recorded answers, by (type, identifier), and how they were asked for."""

    resources: dict[tuple[str, str], str] = field(default_factory=dict)  # -> Properties JSON
    throttle_every: int = 10
    latency_s: float = 0.0
    requests: int = 0
    throttled: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock)

    def answer(self, target: str, body: dict) -> tuple[int, dict]:
        with self.lock:
            self.requests += 1
            throttle = self.throttle_every > 0 and self.requests % self.throttle_every == 0
            self.throttled += throttle
        if self.latency_s:
            time.sleep(self.latency_s)
        if throttle:
            return 400, {"__type": "ThrottlingException", "message": "Rate exceeded"}
        type_name = body.get("TypeName", "")
        if target.endswith(".GetResource"):
            props = self.resources.get((type_name, body.get("Identifier", "")))
            if props is None:
                return 400, {"__type": "ResourceNotFoundException", "message": "not recorded"}
            return 200, {
                "TypeName": type_name,
                "ResourceDescription": {"Identifier": body["Identifier"], "Properties": props},
            }
        if target.endswith(".ListResources"):
            listed = [
                {"Identifier": i, "Properties": p} for (t, i), p in sorted(self.resources.items()) if t == type_name
            ]
            return 200, {"TypeName": type_name, "ResourceDescriptions": listed}
        return 400, {"__type": "UnsupportedActionException", "message": target}


def recorded_answers(count: int) -> list[tuple[str, str, dict]]:
    """``count`` resources: the fixture's GetResource answers, round robin, each made
    new by a suffix on its primary identifier's values."""
    from adopt.longtail.cfn import cfn_schemas

    templates = [
        (rec["params"]["TypeName"], json.loads(rec["response"]["ResourceDescription"]["Properties"]))
        for rec in json.loads(FIXTURE.read_text())
        if rec["operation"] == "GetResource"
    ]
    out = []
    for i in range(count):
        type_name, props = templates[i % len(templates)]
        cfn = cfn_schemas()[type_name]
        copy = dict(props)
        for name in cfn.identifier:
            copy[name] = f"{props[name]}-{i}"
        out.append((type_name, cfn.identifier_of(copy), copy))
    return out


def serve(answers: Answers) -> http.server.ThreadingHTTPServer:
    class Handler(http.server.BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def do_POST(self):  # noqa: N802 - http.server's naming
            body = json.loads(self.rfile.read(int(self.headers.get("Content-Length") or 0)) or b"{}")
            status, doc = answers.answer(self.headers.get("X-Amz-Target", ""), body)
            data = json.dumps(doc).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/x-amz-json-1.0")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def measure_long_tail(
    count: int = 100, concurrency: int = 8, latency_ms: float = 0.0, throttle_every: int = 10
) -> dict:
    from adopt.aws.session import AwsSession
    from adopt.census.sources import Calls
    from adopt.longtail.read import read_long_tail
    from adopt.longtail.types import bundled_types
    from adopt.model import UNSUPPORTED, CensusEntry, Inventory
    from adopt.schema import bundled

    made = recorded_answers(count)
    answers = Answers({(t, i): json.dumps(p) for t, i, p in made}, throttle_every, latency_ms / 1000)
    server = serve(answers)
    try:
        session = AwsSession(
            endpoint_url=f"http://127.0.0.1:{server.server_address[1]}",
            default_region="us-east-1",
            credentials={"aws_access_key_id": "AKIABENCH00000000000", "aws_secret_access_key": "x"},
        )
        inventory = Inventory(account_id="123456789012", regions=["us-east-1"])
        inventory.census = [CensusEntry(i, "us-east-1", UNSUPPORTED, cfn_type=t) for t, i, _ in made]
        schema, types = bundled(), bundled_types()
        schema.resource("awscc_cassandra_table")  # the schema's load is not the reads' time
        calls = Calls(session)
        start = time.perf_counter()
        result = read_long_tail(calls, inventory, (), schema, types, concurrency)
        seconds = time.perf_counter() - start
    finally:
        server.shutdown()
    return {
        "resources": count,
        "read": len(result.resources),
        "errors": len(calls.errors),
        "seconds": round(seconds, 3),
        "requests": answers.requests,
        "throttled": answers.throttled,
        "concurrency": concurrency,
        "latency_ms": latency_ms,
    }


def line(result: dict) -> str:
    return (
        f"long tail: {result['read']} of {result['resources']} resources read through Cloud Control in "
        f"{result['seconds']:.2f} s at concurrency {result['concurrency']} ({result['requests']} requests, "
        f"{result['throttled']} throttled and retried, latency {result['latency_ms']:g} ms, {result['errors']} errors)"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=100)
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument("--latency-ms", type=float, default=0.0)
    parser.add_argument("--throttle-every", type=int, default=10)
    args = parser.parse_args(argv)
    print(line(measure_long_tail(args.count, args.concurrency, args.latency_ms, args.throttle_every)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
