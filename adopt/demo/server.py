"""moto's server, in-process, on a free port of 127.0.0.1."""

from __future__ import annotations

import contextlib
import logging
import os
from collections.abc import Iterator

from ..errors import AdoptError

# The emulator needs some credentials; these are never real ones.
DEMO_CREDENTIALS = {
    "aws_access_key_id": "AKIADEMOADOPT0000000",
    "aws_secret_access_key": "demo-secret-not-real",
}


@contextlib.contextmanager
def moto_server() -> Iterator[str]:
    """Yield the endpoint URL of a fresh emulated AWS; stop it afterwards."""
    try:
        from moto.server import ThreadedMotoServer
    except ImportError as exc:
        raise AdoptError(
            "The demo needs the AWS emulator moto: install it with `pip install 'adopt[demo]'` (or `make install`)."
        ) from exc
    logging.getLogger("werkzeug").setLevel(logging.ERROR)
    # Hand-built estates attach AWS-managed policies; the emulator only knows
    # them when asked to load them.
    os.environ.setdefault("MOTO_IAM_LOAD_MANAGED_POLICIES", "true")
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    try:
        host, port = server.get_host_and_port()
        yield f"http://{host}:{port}"
    finally:
        server.stop()
