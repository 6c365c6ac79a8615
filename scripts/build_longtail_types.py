#!/usr/bin/env python3
"""Build the long tail's table of CloudFormation resource schemas from ``cfn-lint``.

Usage::

    python scripts/build_longtail_types.py [--output PATH]

What adopt needs to read a resource through Cloud Control and write it as an
``awscc_*`` resource, per CloudFormation type, from the same schemas
``build_cfn_types.py`` reads (and by its code), kept in
``adopt/longtail/cfn-schemas.json.gz``:

* ``read``: whether the type has a ``read`` handler (Cloud Control's
  ``GetResource`` answers for it);
* ``identifier``: ``primaryIdentifier``, the properties whose values, in
  this order and joined by ``|``, are Cloud Control's identifier and the awscc
  provider's import ID;
* ``read_only``, ``write_only``, ``create_only``: the schema's
  ``readOnlyProperties`` (computed: never written), ``writeOnlyProperties``
  (never read back: never read, treated like secrets) and
  ``createOnlyProperties`` (a change replaces the resource), each a list of
  paths: the JSON pointer's steps below ``/properties``, ``*`` for every
  item of a list;
* ``json``: the top-level properties that are free-form documents (an
  ``object`` with no properties declared: a policy), which awscc types as a
  JSON string and adopt writes as ``jsonencode(...)``.
"""

from __future__ import annotations

import argparse
import gzip
import json
import sys
from importlib import metadata
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from build_cfn_types import schemas_dir  # noqa: E402  (the same schemas, found the same way)

OUTPUT = Path(__file__).resolve().parent.parent / "adopt" / "longtail" / "cfn-schemas.json.gz"


def paths(pointers) -> list[list[str]]:
    out = []
    for pointer in pointers or ():
        parts = pointer.split("/")
        if len(parts) >= 3 and parts[:2] == ["", "properties"]:
            out.append(parts[2:])
    return sorted(out)


def is_document(prop: dict) -> bool:
    if prop.get("format") == "json":
        return True
    kinds = prop.get("type")
    kinds = kinds if isinstance(kinds, list) else [kinds]
    declared = ("properties", "patternProperties", "$ref", "oneOf", "anyOf", "allOf")
    return "object" in kinds and not any(key in prop for key in declared)


def facts(schema: dict) -> dict:
    handlers = schema.get("handlers") or {}
    fact = {
        "read": "read" in handlers,
        # Pointers such as /properties/Id; the last step names the property.
        "identifier": [pointer.split("/")[-1] for pointer in schema.get("primaryIdentifier") or ()],
    }
    for key, name in (("read_only", "readOnlyProperties"), ("write_only", "writeOnlyProperties"),
                      ("create_only", "createOnlyProperties")):  # fmt: skip
        found = paths(schema.get(name))
        if found:
            fact[key] = found
    documents = sorted(name for name, prop in (schema.get("properties") or {}).items() if is_document(prop))
    if documents:
        fact["json"] = documents
    return fact


def build() -> dict:
    root = schemas_dir()
    types: dict[str, dict] = {}
    providers = sorted((root / "providers").glob("*.json"), key=lambda p: (p.stem != "us-east-1", p.stem))
    for path in providers:
        if path.stem == "sam":
            continue
        for type_name, digest in sorted(json.loads(path.read_text()).items()):
            if type_name in types or not type_name.startswith("AWS::"):
                continue
            types[type_name] = facts(json.loads((root / "resources" / f"{digest}.json").read_text()))
    return {"source": f"cfn-lint {metadata.version('cfn-lint')}", "types": dict(sorted(types.items()))}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--output", type=Path, default=OUTPUT)
    args = parser.parse_args()
    text = json.dumps(build(), separators=(",", ":")) + "\n"
    args.output.write_bytes(gzip.compress(text.encode(), mtime=0))  # mtime=0: the same bytes each rebuild
    print(f"Wrote {args.output}")


if __name__ == "__main__":
    main()
