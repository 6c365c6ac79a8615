"""The README's coverage matrix is generated from the spec registry, never by hand."""

from __future__ import annotations

import subprocess
import sys

from helpers import ROOT


def test_coverage_matrix_is_current():
    readme = (ROOT / "README.md").read_text()
    current = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "coverage_matrix.py")], capture_output=True, text=True, check=True
    ).stdout.strip()
    assert current in readme, "README.md's matrix is stale: run `python scripts/coverage_matrix.py --write`"
