#!/usr/bin/env python3
"""Build adopt's bundled hashicorp/awscc provider schema from ``cdktn-provider-awscc``.

Usage::

    python scripts/build_awscc_schema.py [--package-dir DIR_OR_TGZ] [--output PATH]

The awscc provider is generated from the CloudFormation resource schemas, and
cdktn generates its Python package from the provider's schema the same way
it generates ``cdktn-provider-aws``.  So this script is ``build_schema.py``
with another package: it imports that script's reader and builder and changes
only what differs (the names, and one fact about blocks below).  The output
has the same reduced form (see ``build_schema.py``)::

    {"format_version": "adopt-schema/1",
     "provider": "registry.terraform.io/hashicorp/awscc", ...}

awscc is built on Terraform's plugin framework and declares nested
*attributes*, never blocks.  cdktn documents a block's config property as
``"<name> block."``, which build_schema.py reads as the block marker; in
awscc that sentence is only ever CloudFormation prose ("The IPv6 CIDR
block."), so here no property is a block.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import build_schema  # noqa: E402  (the aws builder, reused as it is)

PROVIDER = "registry.terraform.io/hashicorp/awscc"
PYPI_NAME = "cdktn-provider-awscc"
PY_PACKAGE = "cdktn_provider_awscc"
DEFAULT_OUTPUT = Path(__file__).resolve().parent.parent / "adopt" / "schema" / "awscc-provider-schema.json.gz"


def build(package_dir: str | None) -> tuple[dict, build_schema.Builder]:
    build_schema.PROVIDER, build_schema.PYPI_NAME, build_schema.PY_PACKAGE = PROVIDER, PYPI_NAME, PY_PACKAGE
    build_schema._is_block_prop = lambda prop: False  # nested attributes only: see the docstring
    location = build_schema.locate_package(package_dir)
    print(f"reading {location}", file=sys.stderr)
    builder = build_schema.Builder(build_schema.read_package(location))
    return builder.build(), builder


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--package-dir", help="installed cdktn_provider_awscc dir, its jsii .tgz, or an npm package dir")
    ap.add_argument("--output", default=str(DEFAULT_OUTPUT), help=f"default: {DEFAULT_OUTPUT}")
    args = ap.parse_args(argv)
    t0 = time.monotonic()
    doc, builder = build(args.package_dir)
    data = build_schema.write_deterministic_gzip(doc, Path(args.output))
    print(
        f"wrote {args.output}: {len(doc['resource_schemas'])} resource types, "
        f"{builder.stats['attributes']} attributes; provider {doc['provider_version']}, "
        f"source {doc['source']}; {len(data):,} bytes gzip; {time.monotonic() - t0:.1f}s",
        file=sys.stderr,
    )
    for warning in builder.warnings[:20]:
        print("  " + warning, file=sys.stderr)
    return 0 if doc["resource_schemas"] else 1


if __name__ == "__main__":
    sys.exit(main())
