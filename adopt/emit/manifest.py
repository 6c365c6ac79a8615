"""Writing generated files safely.

Everything is rendered into a temporary directory first and moved into place
only when all files are ready, so a failure never leaves half a module.  A
manifest (``.adopt-manifest.json``) records the checksum of every file adopt
wrote; a file a person has changed since, or a file adopt never wrote, is
never overwritten unless ``force`` is given.
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import tempfile
from typing import Any

from .. import formats
from ..errors import BadInput
from ..fileio import read_json, write_json

MANIFEST = ".adopt-manifest.json"
FORMAT = "adopt-manifest/1"


def sha256(text: str | bytes) -> str:
    data = text.encode("utf-8") if isinstance(text, str) else text
    return hashlib.sha256(data).hexdigest()


def load_manifest(out_dir: str) -> dict[str, Any]:
    path = os.path.join(out_dir, MANIFEST)
    if not os.path.lexists(path):
        return {"format": FORMAT, "files": {}, "resources": {}}
    try:
        data = read_json(path, f"The manifest {path}", subject=f"{path} is damaged:")
        if not isinstance(data, dict) or data.get("format") != FORMAT:
            raise BadInput(f"{path} is not an adopt manifest.")
        formats.check(data, "manifest", path, kind="adopt manifest")
    except BadInput as exc:
        raise BadInput(f"{str(exc).rstrip('.')}; remove it to start over.") from exc
    data.setdefault("files", {})
    data.setdefault("resources", {})
    return data


_BATCH_FILE = re.compile(r"(?:adopt_(\d+)_.*|ADOPTION-(\d+)\.md)")
SHARED_FILES = frozenset({"adopt_versions.tf", "adopt_providers.tf"})


def run_of(name: str) -> str:
    """Which run a generated file belongs to: ``module`` (a standalone module),
    ``batch-N`` (one batch written into a root module), or ``shared`` (the
    provider files every batch uses).  A re-run replaces only its own files."""
    if name in SHARED_FILES:
        return "shared"
    match = _BATCH_FILE.fullmatch(name)
    return f"batch-{match.group(1) or match.group(2)}" if match else "module"


def changed_by_a_person(out_dir: str, names: list[str], manifest: dict[str, Any] | None = None) -> list[str]:
    """The files among ``names`` that exist and differ from what adopt last wrote."""
    manifest = manifest or load_manifest(out_dir)
    changed = []
    for name in names:
        path = os.path.join(out_dir, name)
        if not os.path.lexists(path):
            continue
        recorded = (manifest["files"].get(name) or {}).get("sha256")
        if os.path.islink(path) or not os.path.isfile(path) or recorded != _checksum(path):
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

    Files an earlier run of the same kind wrote (see :func:`run_of`) that this
    run does not write are removed, so a smaller inventory leaves no stale
    resource behind; a file a person changed is neither overwritten nor
    removed unless ``force``.  ``resources`` (address -> where it came from)
    replaces what the manifest said of this run's files, for later stages
    (``adopt verify --converge``).
    """
    if os.path.lexists(out_dir) and not os.path.isdir(out_dir):
        raise BadInput(f"Cannot write to {out_dir}: it is not a directory.")
    for name in files:
        if os.path.basename(name) != name or name in ("", ".", "..", MANIFEST):
            raise BadInput(f"Refusing to write {name!r}: not a plain file name.")
        if os.path.isdir(os.path.join(out_dir, name)) and not os.path.islink(os.path.join(out_dir, name)):
            raise BadInput(f"Cannot write {os.path.join(out_dir, name)}: it is a directory.")
    os.makedirs(out_dir, exist_ok=True)
    manifest = load_manifest(out_dir)
    runs = {run_of(name) for name in files} - {"shared"}
    stale = sorted(
        name
        for name in manifest["files"]
        if name not in files and run_of(name) in runs and os.path.basename(name) == name
    )
    overwritten = [
        name
        for name in changed_by_a_person(out_dir, sorted(files), manifest)
        if _read(os.path.join(out_dir, name)) != files[name]
    ]
    removed = changed_by_a_person(out_dir, stale, manifest)
    if (overwritten or removed) and not force:
        what = []
        if overwritten:
            what.append(f"overwriting {', '.join(overwritten)}")
        if removed:
            what.append(f"removing {', '.join(removed)} (this run no longer writes it)")
        count = len(overwritten) + len(removed)
        raise BadInput(
            f"Not {' or '.join(what)} in {out_dir}: changed since adopt wrote {'them' if count > 1 else 'it'}, "
            "or not written by adopt. Move your changes elsewhere, or pass --force to overwrite."
        )
    staging = tempfile.mkdtemp(prefix=".adopt-", dir=out_dir)
    try:
        for name, text in files.items():
            path = os.path.join(staging, name)
            with open(path, "x", encoding="utf-8", newline="\n") as fh:
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
    for name in stale:
        path = os.path.join(out_dir, name)
        if os.path.lexists(path):
            os.unlink(path)
        manifest["files"].pop(name, None)
    replaced = set(files) | set(stale)
    manifest["resources"] = {
        address: where for address, where in manifest["resources"].items() if where.get("file") not in replaced
    }
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


def _checksum(path: str) -> str | None:
    try:
        with open(path, "rb") as fh:
            return sha256(fh.read())
    except OSError:
        return None


def _read(path: str) -> str | None:
    try:
        with open(path, encoding="utf-8") as fh:
            return fh.read()
    except (OSError, UnicodeDecodeError):
        return None
