#!/usr/bin/env python3
"""Build adopt's bundled table of CloudFormation resource types from ``cfn-lint``.

Usage::

    python scripts/build_cfn_types.py [--output PATH]

``cfn-lint`` ships the CloudFormation resource schemas (the registry's
``typeName``, ``handlers`` and ``properties`` of every type).  The census
needs three facts of each type, kept in ``adopt/census/cfn-types.json.gz``:

* ``arns``: the ``[service, resource type]`` segments of the type's own ARN,
  read from the pattern of its ``Arn`` (or ``<Name>Arn``) property when the
  schema gives one;
* ``services``: the IAM prefixes of its handlers' permissions, most used
  first (an ARN's service segment is the IAM prefix of the service);
* ``list``: whether Cloud Control can list it without a parent identifier (a
  ``list`` handler whose ``handlerSchema`` requires nothing);
* ``create_only``: the top-level properties a change of which replaces the
  resource (``createOnlyProperties`` naming a whole property), when any.

Which Terraform type a CloudFormation type is, is not stored: adopt derives
it at run time from the type's name and the bundled provider schema.
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
from collections import Counter
from importlib import metadata, resources
from pathlib import Path

OUTPUT = Path(__file__).resolve().parent.parent / "adopt" / "census" / "cfn-types.json.gz"
# The service and resource-type segments of an ARN pattern: literal text only.
ARN_PATTERN = re.compile(r"^\^?arn:[^:]*:([a-z0-9-]+):[^:]*:[^:]*:(?:([a-z][a-z0-9-]*)[/:]|[^/:]*\$$)")


def schemas_dir() -> Path:
    return Path(str(resources.files("cfnlint.data.schemas")))


def own_arn_shapes(schema: dict) -> list[list[str]]:
    """The ARN shapes the type's own ARN property pattern spells out."""
    name = schema["typeName"].split("::")[-1]
    shapes = []
    for prop in ("Arn", f"{name}Arn"):
        pattern = (schema.get("properties", {}).get(prop) or {}).get("pattern")
        match = ARN_PATTERN.match(pattern) if isinstance(pattern, str) else None
        if match:
            shapes.append([match.group(1), match.group(2) or ""])
    return [list(s) for s in sorted({tuple(s) for s in shapes})]


def iam_prefixes(schema: dict) -> list[str]:
    counts: Counter = Counter()
    for handler in (schema.get("handlers") or {}).values():
        for permission in handler.get("permissions") or ():
            if ":" in permission:
                counts[permission.split(":", 1)[0].lower()] += 1
    return [p for p, _ in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))]


def listable(schema: dict) -> bool:
    handler = (schema.get("handlers") or {}).get("list")
    if handler is None:
        return False
    return not (handler.get("handlerSchema") or {}).get("required")


def create_only(schema: dict) -> list[str]:
    """Whole top-level properties only: a nested path says a part of one does."""
    names = set()
    for pointer in schema.get("createOnlyProperties") or ():
        parts = pointer.split("/")
        if len(parts) == 3 and parts[:2] == ["", "properties"]:
            names.add(parts[2])
    return sorted(names)


def build() -> dict:
    root = schemas_dir()
    by_region = {}
    for path in sorted((root / "providers").glob("*.json")):
        if path.stem == "sam":
            continue
        by_region[path.stem] = json.loads(path.read_text())
    types: dict[str, dict] = {}
    for region in sorted(by_region, key=lambda r: (r != "us-east-1", r)):
        for type_name, digest in sorted(by_region[region].items()):
            if type_name in types or not type_name.startswith("AWS::"):
                continue
            schema = json.loads((root / "resources" / f"{digest}.json").read_text())
            types[type_name] = {
                "arns": own_arn_shapes(schema),
                "services": iam_prefixes(schema),
                "list": listable(schema),
            }
            if fixed := create_only(schema):
                types[type_name]["create_only"] = fixed
    return {"source": f"cfn-lint {metadata.version('cfn-lint')}", "types": dict(sorted(types.items()))}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--output", type=Path, default=OUTPUT)
    args = parser.parse_args()
    text = json.dumps(build(), indent=None, separators=(",", ":"), sort_keys=False) + "\n"
    # mtime=0: a rebuild from the same cfn-lint gives the same bytes.
    args.output.write_bytes(gzip.compress(text.encode(), mtime=0))
    print(f"Wrote {args.output}")


if __name__ == "__main__":
    main()
