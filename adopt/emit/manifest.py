"""Writing generated files safely.

Everything is rendered into a temporary directory first and moved into place
only when all files are ready, so a failure never leaves half a module.  A
manifest (``.adopt-manifest.json``) records the checksum of every file adopt
wrote; a file a person has changed since, or a file adopt never wrote, is
never overwritten unless ``force`` is given.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import tempfile
from typing import Any

from ..errors import BadInput
from ..fileio import write_json

MANIFEST = ".adopt-manifest.json"
FORMAT = "adopt-manifest/1"


def sha256(text: str | bytes) -> str:
    data = text.encode("utf-8") if isinstance(text, str) else text
    return hashlib.sha256(data).hexdigest()


def load_manifest(out_dir: str) -> dict[str, Any]:
    path = os.path.join(out_dir, MANIFEST)
    try:
        with open(path, encoding="utf-8") as fh:
            data = json.load(fh)
    except FileNotFoundError:
        return {"format": FORMAT, "files": {}, "resources": {}}
    except (OSError, ValueError) as exc:
        raise BadInput(f"{path} is damaged ({exc}); remove it to start over.") from exc
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise BadInput(f"{path} is not an adopt manifest; remove it to start over.")
    data.setdefault("files", {})
    data.setdefault("resources", {})
    return data


def changed_by_a_person(out_dir: str, names: list[str], manifest: dict[str, Any] | None = None) -> list[str]:
    """The files among ``names`` that exist and differ from what adopt last wrote."""
    manifest = manifest or load_manifest(out_dir)
    changed = []
    for name in names:
        path = os.path.join(out_dir, name)
        if not os.path.exists(path):
            continue
        with open(path, "rb") as fh:
            current = sha256(fh.read())
        recorded = (manifest["files"].get(name) or {}).get("sha256")
        if recorded != current:
            changed.append(name)
    return changed


def write_files(
    files: dict[str, str],
    out_dir: str,
    force: bool = False,
    resources: dict[str, dict[str, Any]] | None = None,
    executable: tuple[str, ...] = (".sh",),
) -> list[str]:
    """Write ``files`` (name -> text) into ``out_dir``; return the paths written.

    ``resources`` (address -> where it came from) is recorded in the manifest
    for later stages (``adopt verify --converge``).
    """
    os.makedirs(out_dir, exist_ok=True)
    manifest = load_manifest(out_dir)
    conflicts = [
        name
        for name in changed_by_a_person(out_dir, sorted(files), manifest)
        if _read(os.path.join(out_dir, name)) != files[name]
    ]
    if conflicts and not force:
        raise BadInput(
            f"Not overwriting {', '.join(conflicts)} in {out_dir}: changed since adopt wrote "
            f"{'them' if len(conflicts) > 1 else 'it'}, or not written by adopt. Move your changes "
            "elsewhere, or pass --force to overwrite."
        )
    staging = tempfile.mkdtemp(prefix=".adopt-", dir=out_dir)
    try:
        for name, text in files.items():
            path = os.path.join(staging, name)
            with open(path, "w", encoding="utf-8", newline="\n") as fh:
                fh.write(text)
            if name.endswith(executable):
                os.chmod(path, 0o755)
        written = []
        for name in sorted(files):
            target = os.path.join(out_dir, name)
            os.replace(os.path.join(staging, name), target)
            manifest["files"][name] = {"sha256": sha256(files[name])}
            written.append(target)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    manifest["resources"].update(resources or {})
    _write_manifest(out_dir, manifest)
    return written


def record_edit(out_dir: str, name: str, text: str) -> None:
    """After adopt itself rewrote a file (converge), remember its new checksum."""
    manifest = load_manifest(out_dir)
    manifest["files"][name] = {"sha256": sha256(text)}
    _write_manifest(out_dir, manifest)


def _write_manifest(out_dir: str, manifest: dict[str, Any]) -> None:
    manifest["files"] = dict(sorted(manifest["files"].items()))
    manifest["resources"] = dict(sorted(manifest["resources"].items()))
    write_json(os.path.join(out_dir, MANIFEST), manifest)


def _read(path: str) -> str | None:
    try:
        with open(path, encoding="utf-8") as fh:
            return fh.read()
    except (OSError, UnicodeDecodeError):
        return None
