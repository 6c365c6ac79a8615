"""A fault-injecting HTTP proxy in front of the AWS emulator, for tests.

:class:`FaultProxy` listens on 127.0.0.1 (a free port) and forwards every
request to moto's server.  Rules pick requests by AWS service and operation and
answer them, instead of the emulator, with a fault:

``throttle``  the service's own throttling error (retried by botocore)
``error500``  an internal error with HTTP 500 (retried)
``page500``   HTTP 500 with a web page for a body, not an AWS error: what a
              proxy, a load balancer or the emulator's own crash handler sends
``denied``    the service's access-denied error (never retried)
``expired``   the service's expired-token error (the credentials are unusable)
``slow``      the emulator's real answer, after ``delay`` seconds (bounded)
``reset``     no answer at all: the connection is reset (a TCP RST)

Each error is written in the service's own wire format, so that botocore
parses it exactly as it would parse AWS's: XML for the query protocols (EC2's
``<Response><Errors>`` and the ``<ErrorResponse>`` of IAM, RDS, STS...), a
``__type`` JSON body for the JSON protocol (DynamoDB, ECS, SSM...), the
``x-amzn-ErrorType`` header for REST-JSON (Lambda, API Gateway, EFS), and
``<Error>`` XML for REST-XML (S3; ``<ErrorResponse>`` for Route 53 and
CloudFront).

How a request is recognised:

* the service from the SigV4 credential scope of its ``Authorization`` header
  (``.../us-east-1/ec2/aws4_request``), matched to botocore's service models;
* the operation from ``Action=`` in the body (query protocols), the
  ``X-Amz-Target`` header (JSON protocol), or the HTTP method, path and query
  matched against the operation's ``requestUri`` in the service model
  (REST protocols: S3's ``GET /bucket?versioning`` is ``GetBucketVersioning``,
  ``GET /bucket?list-type=2`` is ``ListObjectsV2``).

Faults are chosen by rule and count, never by chance, so tests are
deterministic: ``first=N`` (the first N matching requests), ``every=N`` (the
Nth, 2Nth... matching request), ``per_request=N`` (the first N attempts of each
distinct request: every page of a paginated call, each retried N times),
``after=N`` (every matching request after the first N: credentials that expire
mid-scan), and ``times`` caps how many faults a rule injects in all.  Every request is
counted by (service, operation), and every injected fault is logged.
"""

from __future__ import annotations

import hashlib
import http.client
import http.server
import json
import re
import socket
import struct
import threading
import time
import urllib.parse
from collections import Counter
from dataclasses import dataclass, field
from functools import cache, lru_cache
from typing import Any

import botocore.session

from adopt.catalog import registry

FAULTS = ("throttle", "error500", "page500", "denied", "expired", "slow", "reset")

# The services a request may come from (every service a spec reads, and STS),
# by SigV4 signing name.  Loaded lazily from botocore's models; several
# services may share one signing name (apigateway and apigatewayv2, es and
# opensearch), the operation then tells them apart.


def _services_of_interest() -> list[str]:
    census = {"resourcegroupstaggingapi", "config", "resource-explorer-2", "cloudcontrol"}  # the census's sources
    return sorted({spec.service for spec in registry.all_specs()} | {"sts"} | census)


# (code, HTTP status) of each fault, by wire format.  These are the codes the
# services really send; botocore recognises the throttling ones by code.
_ERRORS: dict[str, dict[str, tuple[str, int]]] = {
    "ec2": {
        "throttle": ("RequestLimitExceeded", 503),
        "error500": ("InternalError", 500),
        "denied": ("UnauthorizedOperation", 403),
        "expired": ("RequestExpired", 400),
    },
    "query": {
        "throttle": ("Throttling", 400),
        "error500": ("InternalFailure", 500),
        "denied": ("AccessDenied", 403),
        "expired": ("ExpiredToken", 403),
    },
    "json": {
        "throttle": ("ThrottlingException", 400),
        "error500": ("InternalFailure", 500),
        "denied": ("AccessDeniedException", 400),
        "expired": ("ExpiredTokenException", 400),
    },
    "rest-json": {
        "throttle": ("TooManyRequestsException", 429),
        "error500": ("ServiceException", 500),
        "denied": ("AccessDeniedException", 403),
        "expired": ("ExpiredTokenException", 403),
    },
    "rest-xml": {
        "throttle": ("Throttling", 400),
        "error500": ("InternalError", 500),
        "denied": ("AccessDenied", 403),
        "expired": ("ExpiredToken", 400),
    },
    "s3": {
        "throttle": ("SlowDown", 503),
        "error500": ("InternalError", 500),
        "denied": ("AccessDenied", 403),
        "expired": ("ExpiredToken", 400),
    },
}

_MESSAGES = {
    "throttle": "Rate exceeded (injected by the test proxy)",
    "error500": "We encountered an internal error. Please try again. (injected)",
    "denied": "User: arn:aws:iam::123456789012:user/adopt-test is not authorized to perform this operation (injected)",
    "expired": "The security token included in the request is expired (injected)",
}

# Never more than this, whatever a rule says: a test must stay fast.
MAX_DELAY = 5.0

_CREDENTIAL = re.compile(r"Credential=[^/]+/\d{8}/([^/]+)/([^/]+)/aws4_request")
# Headers that change with every attempt of the same request.
_SIGNING_KEY = re.compile(r"Credential=([A-Z0-9]+)/")
_ROLE_ACCOUNT = re.compile(r"RoleArn=arn:aws[a-z-]*:iam::(\d{12}):role/")
_VOLATILE = ("authorization", "x-amz-date", "amz-sdk-invocation-id", "amz-sdk-request", "x-amz-content-sha256")


@dataclass
class Rule:
    """Which requests get which fault.

    ``service`` is botocore's service name (``ec2``, ``s3``, ``dynamodb``) and
    ``operation`` the API's operation name (``DescribeVpcs``,
    ``GetBucketVersioning``); ``"*"`` matches any.  Without ``first``,
    ``every``, ``per_request`` or ``after``, every matching request gets the fault.
    ``code``/``status``/``message`` override the service's usual error.
    """

    service: str
    operation: str
    fault: str
    first: int | None = None
    every: int | None = None
    per_request: int | None = None
    after: int | None = None
    times: int | None = None
    delay: float = 1.0
    code: str | None = None
    status: int | None = None
    message: str | None = None
    region: str | None = None
    body_contains: bytes | None = None  # only requests whose body holds this (one account's RoleArn)
    account: str | None = None  # only requests signed with keys of a role assumed in this account
    seen: int = 0
    injected: int = 0
    _per_key: Counter = field(default_factory=Counter, repr=False)

    def __post_init__(self) -> None:
        if self.fault not in FAULTS:
            raise ValueError(f"unknown fault {self.fault!r}; one of {', '.join(FAULTS)}")

    def matches(self, request: Request) -> bool:
        return (
            self.service in ("*", request.service)
            and self.operation in ("*", request.operation)
            and self.region in (None, request.region)
            and (self.body_contains is None or self.body_contains in request.body)
            and self.account in (None, request.account)
        )

    def fires(self, request: Request) -> bool:
        """Counts the request and says whether it gets the fault (call under the proxy's lock)."""
        self.seen += 1
        if self.times is not None and self.injected >= self.times:
            return False
        if self.per_request is not None:
            self._per_key[request.key] += 1
            fire = self._per_key[request.key] <= self.per_request
        elif self.first is not None:
            fire = self.seen <= self.first
        elif self.every is not None:
            fire = self.seen % self.every == 0
        elif self.after is not None:
            fire = self.seen > self.after
        else:
            fire = True
        if fire:
            self.injected += 1
        return fire


@dataclass
class Request:
    method: str
    path: str  # with the query string
    headers: dict[str, str]
    body: bytes
    service: str = "?"
    operation: str = "?"
    region: str = "?"
    protocol: str = "?"
    json_version: str = "1.1"
    at: float = 0.0  # time.monotonic() when it arrived
    account: str | None = None  # the account whose assumed role signed it, when the proxy saw it assumed
    elapsed: float = 0.0  # seconds until it was answered

    @property
    def key(self) -> str:
        """The same for every attempt of one request (one page), different across pages."""
        digest = hashlib.sha256()
        digest.update(self.method.encode() + b" " + self.path.encode() + b"\n")
        for name in sorted(self.headers):
            if name.lower() not in _VOLATILE:
                digest.update(f"{name.lower()}:{self.headers[name]}\n".encode())
        digest.update(self.body)
        return digest.hexdigest()


@dataclass
class Replay:
    """Recorded answers for one JSON-protocol service (see FaultProxy.replay)."""

    service: str
    recordings: list[dict]
    account: str | None
    elsewhere: dict[str, dict]
    answered: Counter = field(default_factory=Counter)  # operation -> requests answered from a recording

    def answer(self, request: Request) -> tuple[int, dict[str, str], bytes]:
        params = json.loads(request.body or b"{}")
        headers = {"Content-Type": f"application/x-amz-json-{request.json_version}", "x-amzn-RequestId": "replayed"}
        if self.account in (None, request.account):
            for recording in self.recordings:
                if (recording["service"], recording["operation"]) != (self.service, request.operation):
                    continue
                if recording.get("region", request.region) != request.region:
                    continue
                if any(params.get(k) != v for k, v in (recording.get("params") or {}).items()):
                    continue
                self.answered[request.operation] += 1
                if "error" in recording:
                    error = recording["error"]
                    body = {"__type": error["Code"], "message": error.get("Message", "")}
                    return 400, headers, json.dumps(body).encode()
                return 200, headers, json.dumps(recording["response"]).encode()
        if request.operation in self.elsewhere:
            return 200, headers, json.dumps(self.elsewhere[request.operation]).encode()
        body = {"__type": "ResourceNotFoundException", "message": "not recorded (replayed by the test proxy)"}
        return 400, headers, json.dumps(body).encode()


@dataclass
class Injected:
    service: str
    operation: str
    fault: str
    code: str | None
    at: float


# -- recognising requests -------------------------------------------------------------


@lru_cache(maxsize=1)
def _models() -> dict[str, list[Any]]:
    """Service models by signing name."""
    session = botocore.session.get_session()
    by_signing: dict[str, list[Any]] = {}
    for name in _services_of_interest():
        model = session.get_service_model(name)
        by_signing.setdefault(model.signing_name, []).append(model)
    return by_signing


@cache
def _rest_routes(service_name: str) -> list[tuple[str, re.Pattern, dict[str, str | None], tuple[int, int], str]]:
    """(method, path regex, required query, specificity, operation) for a REST service."""
    model = botocore.session.get_session().get_service_model(service_name)
    routes = []
    for name in model.operation_names:
        http = model.operation_model(name).http
        template, _, query = http.get("requestUri", "/").partition("?")
        pattern = ""
        literal = 0
        for part in re.split(r"(\{[^}]+\})", template):
            if part.startswith("{"):
                pattern += ".+" if part.endswith("+}") else "[^/]+"
            else:
                pattern += re.escape(part)
                literal += len(part)
        required: dict[str, str | None] = {}
        for item in filter(None, query.split("&")):
            key, eq, value = item.partition("=")
            required[key] = value if eq and "{" not in value else None
        # Optional trailing slash: clients differ on "/functions" vs "/functions/".
        regex = re.compile(pattern.rstrip("/") + "/?" if pattern.endswith("/") else pattern)
        routes.append((http.get("method", "POST"), regex, required, (len(required), literal), name))
    return routes


def _rest_operation(service_name: str, method: str, path: str) -> str | None:
    raw_path, _, raw_query = path.partition("?")
    query = urllib.parse.parse_qs(raw_query, keep_blank_values=True)
    best: tuple[tuple[int, int], str] | None = None
    for route_method, regex, required, specificity, name in _rest_routes(service_name):
        if route_method != method or not regex.fullmatch(raw_path):
            continue
        if any(k not in query or (v is not None and v not in query[k]) for k, v in required.items()):
            continue
        if best is None or specificity > best[0]:
            best = (specificity, name)
    return best[1] if best else None


def identify(request: Request) -> None:
    """Fill in the service, operation, region and protocol of a request."""
    headers = {k.lower(): v for k, v in request.headers.items()}
    match = _CREDENTIAL.search(headers.get("authorization", ""))
    if not match:
        return
    request.region, signing = match.group(1), match.group(2)
    candidates = _models().get(signing, [])
    target = headers.get("x-amz-target")
    for model in candidates:
        protocol = model.resolved_protocol
        operation = None
        if protocol in ("query", "ec2"):
            form = urllib.parse.parse_qs(request.body.decode("utf-8", "replace"))
            operation = (form.get("Action") or [None])[0]
        elif protocol == "json" and target:
            operation = target.rsplit(".", 1)[-1]
        elif protocol in ("rest-json", "rest-xml"):
            operation = _rest_operation(model.service_name, request.method, request.path)
        if operation is not None and operation in model.operation_names:
            request.service, request.operation, request.protocol = model.service_name, operation, protocol
            request.json_version = model.metadata.get("jsonVersion") or "1.1"
            return
    if candidates:
        request.service, request.protocol = candidates[0].service_name, candidates[0].resolved_protocol


# -- error responses in each service's format ----------------------------------------------


def error_response(request: Request, fault: str, rule: Rule | None = None) -> tuple[int, dict[str, str], bytes, str]:
    """(status, headers, body, code) of a fault, the way this service writes errors."""
    family = "s3" if request.service == "s3" else request.protocol
    if family not in _ERRORS:
        family = "json"
    code, status = _ERRORS[family][fault]
    code = (rule and rule.code) or code
    status = (rule and rule.status) or status
    message = (rule and rule.message) or _MESSAGES[fault]
    request_id = hashlib.sha1(f"{time.monotonic_ns()}".encode()).hexdigest()[:20].upper()
    headers = {"x-amzn-RequestId": request_id}
    if family == "ec2":
        body = (
            f"<?xml version='1.0' encoding='UTF-8'?><Response><Errors><Error><Code>{code}</Code>"
            f"<Message>{_xml(message)}</Message></Error></Errors><RequestID>{request_id}</RequestID></Response>"
        )
        headers["Content-Type"] = "text/xml;charset=UTF-8"
    elif family == "s3":
        body = (
            f'<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>{code}</Code><Message>{_xml(message)}</Message>'
            f"<RequestId>{request_id}</RequestId><HostId>adopt-test</HostId></Error>"
        )
        headers["Content-Type"] = "application/xml"
        headers["x-amz-request-id"] = request_id
    elif family in ("query", "rest-xml"):
        kind = "Receiver" if fault == "error500" else "Sender"
        body = (
            f'<ErrorResponse xmlns="https://{request.service}.amazonaws.com/doc/"><Error><Type>{kind}</Type>'
            f"<Code>{code}</Code><Message>{_xml(message)}</Message></Error>"
            f"<RequestId>{request_id}</RequestId></ErrorResponse>"
        )
        headers["Content-Type"] = "text/xml"
    elif family == "rest-json":
        body = json.dumps({"Type": "User" if fault != "error500" else "Service", "message": message})
        headers["Content-Type"] = "application/json"
        headers["x-amzn-ErrorType"] = f"{code}:http://internal.amazon.com/coral/com.amazonaws/"
    else:  # json
        body = json.dumps({"__type": f"com.amazonaws.{request.service}#{code}", "message": message})
        headers["Content-Type"] = f"application/x-amz-json-{request.json_version}"
    return status, headers, body.encode("utf-8"), code


ERROR_PAGE = (
    b"<!doctype html>\n<html lang=en>\n<title>500 Internal Server Error</title>\n"
    b"<h1>Internal Server Error</h1>\n<p>The server encountered an internal error.</p>\n"
)


def _xml(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


# -- the proxy --------------------------------------------------------------------------------


class FaultProxy:
    """A threaded HTTP proxy on 127.0.0.1 that forwards to ``upstream`` and injects faults by rule."""

    def __init__(self, upstream: str, keep_bodies: bool = False) -> None:
        parsed = urllib.parse.urlsplit(upstream)
        self.upstream = (parsed.hostname or "127.0.0.1", parsed.port or 80)
        self.keep_bodies = keep_bodies
        self.rules: list[Rule] = []
        self.calls: Counter[tuple[str, str]] = Counter()
        self.requests: list[Request] = []
        self.injected: list[Injected] = []
        # (service, operation, response body) of every answer, when keep_bodies.
        self.bodies: list[tuple[str, str, bytes]] = []
        # Access key ID -> the account of the role AssumeRole gave it for.
        self.access_keys: dict[str, str] = {}
        self.replays: list[Replay] = []
        self._lock = threading.Lock()
        self._server: http.server.ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None

    # -- set-up ---------------------------------------------------------------

    def add(self, service: str, operation: str, fault: str, **options: Any) -> Rule:
        rule = Rule(service, operation, fault, **options)
        with self._lock:
            self.rules.append(rule)
        return rule

    def replay(
        self,
        service: str,
        recordings: list[dict],
        *,
        account: str | None = None,
        elsewhere: dict[str, dict] | None = None,
    ) -> Replay:
        """Answer a JSON-protocol service the emulator does not serve from
        recordings (the RecordedSession format of tests/coverage_kit.py):
        the first recording of the request's operation and region whose
        ``params`` the request's body holds.  With ``account``, only requests
        signed in that account's role get them.  Any other request to the
        service gets ``elsewhere[operation]`` (an answer holding nothing, say),
        else the service's not-found error."""
        replay = Replay(service, recordings, account, elsewhere or {})
        with self._lock:
            self.replays.append(replay)
        return replay

    def clear(self) -> None:
        """Forget rules and counts (the proxy keeps running)."""
        with self._lock:
            self.rules.clear()
            self.calls.clear()
            self.requests.clear()
            self.injected.clear()
            self.bodies.clear()

    @property
    def endpoint(self) -> str:
        assert self._server is not None, "start() the proxy first"
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}"

    def start(self) -> FaultProxy:
        proxy = self

        class Handler(_Handler):
            owner = proxy

        self._server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever, name="fault-proxy", daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._server = None

    def __enter__(self) -> FaultProxy:
        return self.start()

    def __exit__(self, *exc: Any) -> None:
        self.stop()

    # -- what happened --------------------------------------------------------

    def count(self, service: str, operation: str | None = None) -> int:
        with self._lock:
            return sum(n for (s, o), n in self.calls.items() if s == service and operation in (None, o))

    def faults(self, fault: str | None = None) -> list[Injected]:
        with self._lock:
            return [f for f in self.injected if fault in (None, f.fault)]

    def operations(self) -> set[tuple[str, str]]:
        with self._lock:
            return set(self.calls)

    # -- per request -----------------------------------------------------------

    def _decide(self, request: Request) -> tuple[Rule, Injected] | None:
        with self._lock:
            self.calls[(request.service, request.operation)] += 1
            self.requests.append(request)
            for rule in self.rules:
                if rule.matches(request) and rule.fires(request):
                    record = Injected(request.service, request.operation, rule.fault, None, time.monotonic())
                    self.injected.append(record)
                    return rule, record
        return None

    def _replayed(self, request: Request) -> tuple[int, dict[str, str], bytes] | None:
        for replay in self.replays:
            if replay.service == request.service:
                return replay.answer(request)
        return None

    def account_of(self, request: Request) -> str | None:
        found = _SIGNING_KEY.search(request.headers.get("Authorization", ""))
        with self._lock:
            return self.access_keys.get(found.group(1)) if found else None

    def _learn_keys(self, request: Request, payload: bytes) -> None:
        """Which account the keys an AssumeRole answer gives act in, for rules by account."""
        role = _ROLE_ACCOUNT.search(urllib.parse.unquote(request.body.decode(errors="replace")))
        key = re.search(rb"<AccessKeyId>([^<]+)</AccessKeyId>", payload)
        if role and key:
            with self._lock:
                self.access_keys[key.group(1).decode()] = role.group(1)

    def _keep(self, request: Request, body: bytes) -> None:
        if self.keep_bodies:
            with self._lock:
                self.bodies.append((request.service, request.operation, body))


class _Handler(http.server.BaseHTTPRequestHandler):
    owner: FaultProxy
    protocol_version = "HTTP/1.1"  # keep-alive, as botocore's connection pool expects

    def log_message(self, *args: Any) -> None:  # quiet
        pass

    def _read_body(self) -> bytes:
        if self.headers.get("Transfer-Encoding", "").lower() == "chunked":
            chunks = []
            while True:
                size = int(self.rfile.readline().split(b";")[0].strip() or b"0", 16)
                if size == 0:
                    while self.rfile.readline() not in (b"\r\n", b"\n", b""):
                        pass
                    return b"".join(chunks)
                chunks.append(self.rfile.read(size))
                self.rfile.readline()
        length = int(self.headers.get("Content-Length") or 0)
        return self.rfile.read(length) if length else b""

    def _handle(self) -> None:
        body = self._read_body()
        request = Request(self.command, self.path, dict(self.headers.items()), body, at=time.monotonic())
        identify(request)
        request.account = self.owner.account_of(request)
        decided = self.owner._decide(request)
        rule, record = decided if decided else (None, None)
        fault = rule.fault if rule else None
        replayed = self.owner._replayed(request) if fault is None else None
        if replayed is not None:
            self._send(*replayed)
            return
        if fault == "reset":
            # Abort the connection: SO_LINGER 0 makes close() send a RST.
            self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
            self.close_connection = True
            self.connection.close()
            return
        if fault == "slow":
            time.sleep(min(rule.delay, MAX_DELAY))
        if fault == "page500":
            record.code = "500"
            self._send(500, {"Content-Type": "text/html; charset=utf-8"}, ERROR_PAGE)
            return
        if fault in ("throttle", "error500", "denied", "expired"):
            status, headers, payload, record.code = error_response(request, fault, rule)
            self._send(status, headers, payload)
            return
        status, headers, payload = self._forward(request)
        self.owner._keep(request, payload)
        if (request.service, request.operation, status) == ("sts", "AssumeRole", 200):
            self.owner._learn_keys(request, payload)
        self._send(status, headers, payload)
        request.elapsed = time.monotonic() - request.at

    def _forward(self, request: Request) -> tuple[int, dict[str, str], bytes]:
        host, port = self.owner.upstream
        connection = http.client.HTTPConnection(host, port, timeout=60)
        try:
            headers = {k: v for k, v in request.headers.items() if k.lower() not in ("connection", "expect")}
            if request.headers.get("Transfer-Encoding", "").lower() == "chunked":
                headers.pop("Transfer-Encoding", None)
                headers = {k: v for k, v in headers.items() if k.lower() != "transfer-encoding"}
                headers["Content-Length"] = str(len(request.body))
            connection.request(request.method, request.path, body=request.body or None, headers=headers)
            response = connection.getresponse()
            payload = response.read()
            out = {
                k: v
                for k, v in response.getheaders()
                if k.lower() not in ("transfer-encoding", "connection", "content-length", "date", "server")
            }
            if request.method == "HEAD":
                length = response.getheader("Content-Length")
                if length is not None:
                    out["Content-Length"] = length
            return response.status, out, payload
        finally:
            connection.close()

    def _send(self, status: int, headers: dict[str, str], payload: bytes) -> None:
        self.send_response(status)
        for name, value in headers.items():
            self.send_header(name, value)
        if self.command != "HEAD" or "Content-Length" not in headers:
            self.send_header("Content-Length", str(len(payload)) if self.command != "HEAD" else "0")
        self.end_headers()
        if self.command != "HEAD" and payload:
            self.wfile.write(payload)

    do_GET = do_POST = do_PUT = do_DELETE = do_HEAD = do_PATCH = _handle  # noqa: N815
