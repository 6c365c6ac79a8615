"""Where states come from: local files (globs allowed) and S3 backends.

``s3://bucket/key`` reads the default workspace's object and every other
workspace's copy under the backend's ``env:/<workspace>/key``; a ``*`` in the
key matches several objects (``s3://states/*/terraform.tfstate``).
"""

from __future__ import annotations

import fnmatch
import glob
import os
from collections.abc import Iterable

import botocore.exceptions

from ..aws.session import AwsSession
from ..errors import BadInput
from .tfstate import StateEntry, load_bytes

WORKSPACE_PREFIX = "env:/"


def read_states(sources: Iterable[str], session_factory) -> list[StateEntry]:
    """Every managed instance of every state named; ``session_factory()`` is
    only called when an S3 source needs AWS."""
    entries: list[StateEntry] = []
    session: AwsSession | None = None
    for source in sources:
        if source.startswith("s3://"):
            session = session or session_factory()
            entries.extend(_read_s3(source, session))
        else:
            entries.extend(_read_local(source))
    return entries


def _read_local(pattern: str) -> list[StateEntry]:
    """A state file, a folder holding ``terraform.tfstate``, or a glob; what
    matches nothing (or only folders) is an error, never "nothing managed"."""
    if glob.has_magic(pattern):
        paths = [p for p in sorted(glob.glob(pattern, recursive=True)) if not os.path.isdir(p)]
        if not paths:
            raise BadInput(f"No state file matches {pattern} (folders are not states).")
    elif os.path.isdir(pattern):
        inside = os.path.join(pattern, "terraform.tfstate")
        if not os.path.isfile(inside):
            raise BadInput(
                f"--state {pattern} is a folder without a terraform.tfstate; name the state file itself, "
                "or use `terraform show -json > state.json` for a remote backend."
            )
        paths = [inside]
    else:
        paths = [pattern]
    entries: list[StateEntry] = []
    for path in paths:
        try:
            with open(path, "rb") as fh:
                raw = fh.read()
        except FileNotFoundError as exc:
            raise BadInput(f"Cannot read the state file {path}: it does not exist.") from exc
        except OSError as exc:
            raise BadInput(f"Cannot read the state file {path}: {exc.strerror or exc}.") from exc
        entries.extend(load_bytes(raw, path))
    return entries


def _read_s3(url: str, session: AwsSession) -> list[StateEntry]:
    bucket, _, key = url[len("s3://") :].partition("/")
    if not bucket or not key:
        raise BadInput(f"{url} is not an S3 state location: use s3://BUCKET/KEY.")
    client = session.client("s3", session.default_region or "us-east-1")
    keys = _matching_keys(client, bucket, key, url)
    entries: list[StateEntry] = []
    for object_key in keys:
        source = f"s3://{bucket}/{object_key}"
        try:
            raw = client.get_object(Bucket=bucket, Key=object_key)["Body"].read()
        except botocore.exceptions.ClientError as exc:
            raise BadInput(f"Cannot read the state {source}: {exc.response['Error'].get('Code')}.") from exc
        entries.extend(load_bytes(raw, source))
    return entries


def _matching_keys(client, bucket: str, key: str, url: str) -> list[str]:
    """The key itself (if it exists), its workspace copies, or the glob's matches."""
    patterns = [key, f"{WORKSPACE_PREFIX}*/{key}"]
    prefixes = {_literal_prefix(key), WORKSPACE_PREFIX}
    found: set[str] = set()
    try:
        paginator = client.get_paginator("list_objects_v2")
        for prefix in sorted(prefixes):
            for page in paginator.paginate(Bucket=bucket, Prefix=prefix):
                for obj in page.get("Contents") or []:
                    if any(fnmatch.fnmatchcase(obj["Key"], p) for p in patterns):
                        found.add(obj["Key"])
    except botocore.exceptions.ClientError as exc:
        raise BadInput(f"Cannot list the states at {url}: {exc.response['Error'].get('Code')}.") from exc
    if not found:
        raise BadInput(f"No state object matches {url}.")
    return sorted(found)


def _literal_prefix(pattern: str) -> str:
    for i, char in enumerate(pattern):
        if char in "*?[":
            return pattern[:i]
    return pattern
