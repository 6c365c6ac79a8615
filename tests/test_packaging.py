"""The templates (``ADOPTION.md`` and ``import.sh``; the ``.tf`` files are written
in Python) are found at run time both in an editable install and in a wheel."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from importlib import resources
from pathlib import Path

from helpers import ROOT

TEMPLATES = sorted(p.name for p in (ROOT / "adopt" / "emit" / "templates").glob("*.j2"))


def test_editable_install_reads_the_repository_templates():
    found = resources.files("adopt.emit.templates")
    names = sorted(p.name for p in found.iterdir() if p.name.endswith(".j2"))
    assert names == TEMPLATES == ["ADOPTION.md.j2", "BASELINE.md.j2", "import.sh.j2"]
    for name in TEMPLATES:
        assert Path(str(found.joinpath(name))).resolve() == (ROOT / "adopt" / "emit" / "templates" / name).resolve()


def test_wheel_ships_templates_and_schema_and_generates_from_them(tmp_path, demo_run):
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "-q",
            "-w",
            str(tmp_path),
            str(ROOT),
        ],
        check=True,
        capture_output=True,
    )
    (wheel,) = tmp_path.glob("adopt-*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    for template in TEMPLATES:
        assert f"adopt/emit/templates/{template}" in names
    assert "adopt/schema/aws-provider-schema.json.gz" in names
    assert "adopt/census/cfn-types.json.gz" in names  # the census types resources from it
    assert not any(n.startswith("tests/") for n in names)

    # Run the wheel's code (not the checkout's) on the demo inventory.
    unpacked = tmp_path / "site"
    zipfile.ZipFile(wheel).extractall(unpacked)
    out = tmp_path / "module"
    env = dict(os.environ, PYTHONPATH=str(unpacked))
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            "import adopt, sys; print(adopt.__file__); from adopt.cli import main; main()",
            "generate",
            "--inventory",
            str(demo_run.inventory_path),
            "--out",
            str(out),
        ],
        capture_output=True,
        text=True,
        env=env,
        cwd=tmp_path,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[0].startswith(str(unpacked))
    for path in demo_run.module_dir.iterdir():
        assert (out / path.name).read_text() == path.read_text()
