"""moto's server in its own process on 127.0.0.1, for the benchmarks.

``moto_process()`` starts it on a free port, waits until it answers, and
always stops it (the whole process group) on the way out, even on Ctrl-C.

Run as ``python -m bench.server --port P`` it serves moto's app exactly as
``python -m moto.server`` does (threaded werkzeug, moto's request handler),
but without a log line per request (which costs the server CPU the benchmark
would then charge to the scan) and, with ``--latency-ms N``, with N ms added
before each request is answered: the round trip of a real AWS endpoint, which
moto on localhost does not have.  ``POST /_bench/latency?ms=N`` changes it
while running (``MotoProcess.set_latency``), so one seeded estate serves both.
The server exits when the process that started it is gone.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import itertools
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LATENCY_PATH = "/_bench/latency"
CALLS_PATH = "/_bench/calls"  # GET: AWS requests served so far
DENY_PATH = "/_bench/deny"  # POST ?on=1: the account-wide calls answer AccessDenied, as a narrow role would
# The calls that answer for many resources at once: denied, each resource is asked on its own.
ACCOUNT_WIDE = (b"Action=GetAccountAuthorizationDetails", b"ResourceGroupsTaggingAPI_20170126.GetResources")


@dataclass
class MotoProcess:
    endpoint: str
    pid: int

    def reset(self) -> None:
        request = urllib.request.Request(f"{self.endpoint}/moto-api/reset", method="POST")
        with urllib.request.urlopen(request, timeout=60) as response:
            response.read()

    def set_latency(self, ms: float) -> None:
        """Added before each answer from now on (served by ``bench.server``)."""
        request = urllib.request.Request(f"{self.endpoint}{LATENCY_PATH}?ms={ms}", method="POST")
        with urllib.request.urlopen(request, timeout=10) as response:
            response.read()

    def calls(self) -> int:
        with urllib.request.urlopen(f"{self.endpoint}{CALLS_PATH}", timeout=10) as response:
            return int(response.read())

    def deny_account_wide(self, on: bool) -> None:
        """Answer the tagging API's GetResources and IAM's account details with AccessDenied (or stop)."""
        request = urllib.request.Request(f"{self.endpoint}{DENY_PATH}?on={int(on)}", method="POST")
        with urllib.request.urlopen(request, timeout=10) as response:
            response.read()

    def cpu_seconds(self) -> float:
        """User + system CPU time the server process has used so far (Linux /proc)."""
        try:
            fields = Path(f"/proc/{self.pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            return float("nan")
        ticks = os.sysconf("SC_CLK_TCK")
        return (int(fields[11]) + int(fields[12])) / ticks  # utime, stime

    def peak_rss_mb(self) -> float:
        """The server's peak resident memory (VmHWM), in MB."""
        try:
            for line in Path(f"/proc/{self.pid}/status").read_text().splitlines():
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
        except OSError:
            pass
        return float("nan")


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _wait_until_listening(port: int, proc: subprocess.Popen, timeout: float) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            return False
        with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), timeout=0.5):
            return True
        time.sleep(0.1)
    return False


def _stop(proc: subprocess.Popen) -> None:
    if proc.poll() is not None:
        return
    with contextlib.suppress(ProcessLookupError):
        os.killpg(proc.pid, signal.SIGTERM)
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGKILL)
        proc.wait(timeout=10)


@contextlib.contextmanager
def moto_process(latency_ms: float = 0.0, log_path: str | os.PathLike | None = None) -> Iterator[MotoProcess]:
    """A fresh moto server in a separate process on a free port of 127.0.0.1."""
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")]))
    log = open(log_path, "ab") if log_path else subprocess.DEVNULL  # noqa: SIM115
    try:
        for _attempt in range(3):  # another process may take the port between free_port() and bind
            port = free_port()
            cmd = [sys.executable, "-m", "bench.server", "--port", str(port), "--latency-ms", str(latency_ms)]
            # A session of its own: Ctrl-C reaches only us, and we stop the whole group.
            proc = subprocess.Popen(cmd, env=env, stdout=log, stderr=log, start_new_session=True, cwd=ROOT)
            try:
                if _wait_until_listening(port, proc, timeout=60):
                    yield MotoProcess(f"http://127.0.0.1:{port}", proc.pid)
                    return
            finally:
                _stop(proc)
        raise RuntimeError("moto's server did not start (see the log with --server-log)")
    finally:
        if log is not subprocess.DEVNULL:
            log.close()


def serve(port: int, latency_ms: float) -> None:
    import logging

    from moto.moto_server.werkzeug_app import DomainDispatcherApplication, MotoRequestHandler, create_backend_app
    from werkzeug.serving import make_server

    class QuietHandler(MotoRequestHandler):
        def log_request(self, *args, **kwargs) -> None:  # one line per request: CPU the bench would measure
            pass

    logging.getLogger("werkzeug").setLevel(logging.ERROR)
    moto_app = DomainDispatcherApplication(create_backend_app)
    delay = [latency_ms / 1000.0]
    calls = itertools.count()
    served = [0]
    deny = [False]

    def app(environ, start_response):
        path = environ.get("PATH_INFO")
        if path == LATENCY_PATH:  # the bench changes the latency between runs
            delay[0] = float(environ.get("QUERY_STRING", "ms=0").partition("=")[2] or 0) / 1000.0
            start_response("200 OK", [("Content-Type", "text/plain")])
            return [b"ok"]
        if path == CALLS_PATH:
            start_response("200 OK", [("Content-Type", "text/plain")])
            return [str(served[0]).encode()]
        if path == DENY_PATH:
            deny[0] = environ.get("QUERY_STRING", "") == "on=1"
            start_response("200 OK", [("Content-Type", "text/plain")])
            return [b"ok"]
        served[0] = next(calls) + 1  # (itertools.count is atomic under the GIL)
        if deny[0]:
            body = environ["wsgi.input"].read(int(environ.get("CONTENT_LENGTH") or 0))
            environ["wsgi.input"] = io.BytesIO(body)
            target = environ.get("HTTP_X_AMZ_TARGET", "").encode()
            if any(marker in body or marker == target for marker in ACCOUNT_WIDE):
                start_response("403 Forbidden", [("Content-Type", "text/xml")])
                return [b"<ErrorResponse><Error><Code>AccessDenied</Code><Message>denied by the bench</Message>"
                        b"</Error></ErrorResponse>"]  # fmt: skip
        if delay[0]:
            time.sleep(delay[0])  # releases the GIL: concurrent requests wait together, as on a network
        return moto_app(environ, start_response)

    server = make_server("127.0.0.1", port, app, threaded=True, request_handler=QuietHandler)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    _exit_with_parent()
    try:
        server.serve_forever()
    finally:
        server.server_close()


def _exit_with_parent() -> None:
    """Stop when the bench that started us is gone, even if it was killed outright."""
    import threading

    parent = os.getppid()

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(1)
        os._exit(0)

    threading.Thread(target=watch, name="watch-parent", daemon=True).start()


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--latency-ms", type=float, default=0.0)
    args = parser.parse_args(argv)
    serve(args.port, args.latency_ms)


if __name__ == "__main__":
    main()
