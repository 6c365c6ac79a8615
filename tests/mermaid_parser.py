"""Mermaid's own parser, for the tests: the ``mermaid`` package from npm under Node.

Not the Mermaid CLI, which downloads a browser: ``tests/mermaid/parse.mjs``
imports the package with ``jsdom`` for the DOM it wants and calls
``mermaid.parse`` on each diagram.  The versions are pinned by
``tests/mermaid/package-lock.json`` and installed with ``npm ci`` once per
machine into ``~/.cache/adopt-tests/mermaid-<digest of the lock>`` (or under
``$ADOPT_TEST_CACHE``), then reused.  Without Node (20 or later) and npm the
calling test is skipped, saying why.

One Node process parses a whole list of diagrams (starting Node and jsdom
takes a second or two), so a test module collects its diagrams and parses
them at once::

    results = mermaid_parser.parse({"batch 1": text, ...})
    assert results["batch 1"]["ok"], results["batch 1"]["error"]
"""

from __future__ import annotations

import hashlib
import html
import json
import os
import re
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest

PACKAGE_DIR = Path(__file__).resolve().parent / "mermaid"
SCRIPT = "parse.mjs"
MIN_NODE = 20  # jsdom 27 needs it


def cache_root() -> Path:
    return Path(os.environ.get("ADOPT_TEST_CACHE") or Path.home() / ".cache" / "adopt-tests")


def _node_or_skip() -> tuple[str, str]:
    node, npm = shutil.which("node"), shutil.which("npm")
    if node is None or npm is None:
        pytest.skip("Node.js and npm are not installed: Mermaid diagrams cannot be parsed by Mermaid's parser")
    version = subprocess.run([node, "--version"], capture_output=True, text=True).stdout.strip()
    major = re.match(r"v(\d+)", version)
    if major is None or int(major.group(1)) < MIN_NODE:
        pytest.skip(f"Node.js {version or '?'} is older than {MIN_NODE}: Mermaid's parser cannot run")
    return node, npm


def install() -> tuple[str, Path]:
    """Node, and the directory where the pinned packages and the script are."""
    node, npm = _node_or_skip()
    files = [PACKAGE_DIR / "package.json", PACKAGE_DIR / "package-lock.json"]
    digest = hashlib.sha256(b"".join(f.read_bytes() for f in files)).hexdigest()[:16]
    target = cache_root() / f"mermaid-{digest}"
    stamp = target / ".installed"
    if not stamp.exists():
        cache_root().mkdir(parents=True, exist_ok=True)
        # Installed aside, then moved in whole: a run cut short leaves nothing half-made.
        staging = Path(tempfile.mkdtemp(prefix="mermaid-installing-", dir=cache_root()))
        for f in files:
            shutil.copy(f, staging / f.name)
        result = subprocess.run(
            [npm, "ci", "--ignore-scripts", "--no-audit", "--no-fund", "--loglevel=error"],
            cwd=staging,
            capture_output=True,
            text=True,
            timeout=900,
        )
        if result.returncode != 0:
            shutil.rmtree(staging, ignore_errors=True)
            pytest.fail(f"npm ci of tests/mermaid/package-lock.json failed:\n{result.stderr[-3000:]}")
        (staging / ".installed").write_text("")
        try:
            os.replace(staging, target)
        except OSError:  # another run installed it meanwhile
            shutil.rmtree(staging, ignore_errors=True)
    script = (PACKAGE_DIR / SCRIPT).read_bytes()
    if not (target / SCRIPT).exists() or (target / SCRIPT).read_bytes() != script:
        fd, temporary = tempfile.mkstemp(dir=target, prefix=".parse-")
        with os.fdopen(fd, "wb") as fh:
            fh.write(script)
        os.replace(temporary, target / SCRIPT)
    return node, target


def parse(diagrams: dict[str, str]) -> dict[str, dict]:
    """Each diagram's result from Mermaid's parser (see ``tests/mermaid/parse.mjs``), by name."""
    node, where = install()
    with tempfile.TemporaryDirectory() as tmp:
        listing = Path(tmp) / "diagrams.json"
        listing.write_text(json.dumps([{"name": n, "text": t} for n, t in diagrams.items()]), encoding="utf-8")
        result = subprocess.run(
            [node, str(where / SCRIPT), str(listing)], cwd=where, capture_output=True, text=True, timeout=600
        )
    assert result.returncode == 0, result.stderr
    return {r["name"]: r for r in json.loads(result.stdout)}


_NUMBERED = re.compile("ﬂ°°(\\d+)¶ß")
_NAMED = re.compile("ﬂ°(\\w+)¶ß")


def decoded(label: str) -> str:
    """A label as Mermaid's renderer shows it: its parser keeps entity codes
    (``#quot;``, ``#35;``) as placeholders, decoded when drawn."""
    label = _NUMBERED.sub(lambda m: chr(int(m.group(1))), label)
    return _NAMED.sub(lambda m: html.unescape(f"&{m.group(1)};"), label)


_FENCE = re.compile(r"^```mermaid\n(.*?)^```$", re.S | re.M)


def mermaid_blocks(markdown: str) -> list[str]:
    """The text of each fenced ``mermaid`` block of a Markdown file."""
    return _FENCE.findall(markdown)
