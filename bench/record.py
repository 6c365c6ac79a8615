"""Record every AWS call a scan makes, from the outside.

:class:`RecordingSession` is adopt's own :class:`AwsSession` (same clients, same
read-only guard, same retries) with botocore event handlers on each client it
hands out.  For each call it keeps the operation and its parameters (what the
floor replays), when it started and ended, how it ended, and which spec and
scan unit made it (read from the engine's frames, for the per-type report;
``None`` if the engine is reorganised and the frames are not found).  It also
counts the calls in flight at once, which is how the tests check that the pool
is bounded.
"""

from __future__ import annotations

import copy
import json
import random
import sys
import threading
import time
from dataclasses import asdict, dataclass
from typing import Any

from adopt.aws.session import AwsSession


@dataclass
class CallRecord:
    service: str
    region: str
    operation: str  # the API name (DescribeVpcs)
    params: dict[str, Any]
    start: float  # perf_counter seconds
    end: float = 0.0
    status: int | None = None  # HTTP status; None when no response came back
    spec: str | None = None  # the spec whose call it is (a child's own list call names the child)
    unit: str | None = None  # "<root type> <region>": the engine's unit of work
    kind: str | None = None  # "list" or "detail"
    thread: str = ""

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


class Recorder:
    def __init__(self, attribute: bool = True, delay: float = 0.0, jitter: float = 0.0, seed: int = 0) -> None:
        """``attribute``: find the spec and unit of each call (walks a few frames);
        ``delay``: seconds to hold each request before sending it, plus up to
        ``jitter`` more at random (tests use them to make calls overlap, so the
        bound on concurrency shows, and finish in a shuffled order)."""
        self.calls: list[CallRecord] = []
        self.attribute = attribute
        self.delay = delay
        self.jitter = jitter
        self._random = random.Random(seed)
        self.in_flight = 0
        self.max_in_flight = 0
        self._lock = threading.Lock()
        self._local = threading.local()

    def attach(self, client: Any, service: str, region: str) -> None:
        events = client.meta.events

        def on_params(params, model, **_):
            record = CallRecord(
                service=service,
                region=region,
                operation=model.name,
                params=copy.deepcopy(dict(params)),
                start=time.perf_counter(),
                thread=threading.current_thread().name,
            )
            if self.attribute:
                record.spec, record.unit, record.kind = _attribution()
            self._local.current = record
            with self._lock:
                self.calls.append(record)

        def on_before_call(**_):
            with self._lock:
                self.in_flight += 1
                self.max_in_flight = max(self.max_in_flight, self.in_flight)
            if self.delay or self.jitter:
                with self._lock:
                    extra = self._random.uniform(0, self.jitter) if self.jitter else 0.0
                time.sleep(self.delay + extra)

        def on_after_call(http_response=None, **_):
            with self._lock:
                self.in_flight -= 1
            record = getattr(self._local, "current", None)
            if record is not None:
                record.end = time.perf_counter()
                record.status = getattr(http_response, "status_code", None)

        events.register("provide-client-params", on_params)
        events.register("before-call", on_before_call)
        events.register("after-call", on_after_call)
        events.register("after-call-error", on_after_call)

    def save(self, path: str) -> None:
        with open(path, "w", encoding="utf-8") as fh:
            for record in self.calls:
                fh.write(json.dumps(record.to_json(), default=str) + "\n")


def load_calls(path: str) -> list[CallRecord]:
    with open(path, encoding="utf-8") as fh:
        return [CallRecord(**json.loads(line)) for line in fh if line.strip()]


def _attribution() -> tuple[str | None, str | None, str | None]:
    """(spec, unit, kind) of the call being made, from the scan engine's frames."""
    spec = unit = kind = None
    frame = sys._getframe(2)
    for _ in range(60):
        if frame is None:
            break
        code = frame.f_code
        if code.co_name == "_call" and spec is None and "spec" in frame.f_locals:
            call_spec, call = frame.f_locals.get("spec"), frame.f_locals.get("call")
            spec = getattr(call_spec, "tf_type", None)
            kind = "list" if call is not None and call is getattr(call_spec, "list", None) else "detail"
        elif code.co_name == "_task":  # the engine task (a unit, an item or a child listing)
            root = frame.f_locals.get("spec")
            unit = f"{getattr(root, 'tf_type', '?')} {frame.f_locals.get('region')}"
            break
        frame = frame.f_back
    return spec, unit, kind


class RecordingSession(AwsSession):
    """adopt's session, with a :class:`Recorder` on every client it makes."""

    def __init__(self, *args: Any, recorder: Recorder, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.recorder = recorder
        self._attached: set[tuple[str, str]] = set()
        self._attach_lock = threading.Lock()

    def client(self, service: str, region: str) -> Any:
        client = super().client(service, region)
        with self._attach_lock:
            if (service, region) not in self._attached:
                self.recorder.attach(client, service, region)
                self._attached.add((service, region))
        return client
