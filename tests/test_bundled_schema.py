"""The bundled provider schema (built by scripts/build_schema.py from
cdktn-provider-aws) checked against an independent oracle: the exact
``terraform providers schema -json`` of hashicorp/aws 6.47.0 in
``../shared/oracle`` (or ``$ADOPT_ORACLE_DIR``).

Without the oracle these tests are skipped with the reason shown, unless
``ADOPT_REQUIRE_ORACLE=1``, which turns its absence into a failure.

The bundled schema may come from a newer provider than the oracle, so:
* attributes and blocks that exist only in the bundled schema are newer
  additions and are reported, not failed;
* a few known changes between provider versions are listed in KNOWN_DRIFT;
* ``min_items``/``max_items`` are compared only where cdktn records them
  (required => min_items >= 1, single-item => max_items == 1);
* ``sensitive`` is a name heuristic (cdktn does not record it), so it is
  measured and reported, not asserted per attribute.
"""

from __future__ import annotations

import gzip
import json
import os
from collections import Counter
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
BUNDLED = ROOT / "adopt" / "schema" / "aws-provider-schema.json.gz"
ORACLE_NAME = "aws-provider-schema-6.47.0.json.gz"
PROVIDER = "registry.terraform.io/hashicorp/aws"

IMPORTANT_TYPES = [
    "aws_vpc",
    "aws_subnet",
    "aws_internet_gateway",
    "aws_route_table",
    "aws_route",
    "aws_route_table_association",
    "aws_security_group",
    "aws_vpc_security_group_ingress_rule",
    "aws_vpc_security_group_egress_rule",
    "aws_instance",
    "aws_s3_bucket",
    "aws_s3_bucket_versioning",
    "aws_s3_bucket_server_side_encryption_configuration",
    "aws_s3_bucket_policy",
    "aws_s3_bucket_public_access_block",
    "aws_iam_role",
    "aws_iam_role_policy_attachment",
    "aws_iam_role_policy",
    "aws_iam_instance_profile",
    "aws_lb",
    "aws_db_instance",
    "aws_lambda_function",
    "aws_dynamodb_table",
    "aws_cloudfront_distribution",
    "aws_ecs_service",
]

# Differences that are real changes of the provider between 6.47.0 (the
# oracle) and the version cdktn-provider-aws was generated from, verified in
# the generated sources of both cdktn 25.0.0 (aws 6.58.0) and 25.8.1 (6.69.1).
KNOWN_DRIFT = {
    # 6.6x added lifecycle_hook.target_type; hook_target_arn and role_arn became optional.
    "aws_ecs_service.deployment_configuration.lifecycle_hook.hook_target_arn": "required -> optional (aws >= 6.59)",
    "aws_ecs_service.deployment_configuration.lifecycle_hook.role_arn": "required -> optional (aws >= 6.59)",
}

MIN_ATTRIBUTE_AGREEMENT = 98.0  # percent of attributes present in both
MIN_BLOCK_AGREEMENT = 98.0  # percent of block types present in both
MIN_TYPE_COVERAGE = 99.0  # percent of oracle resource types present in the bundle


def _oracle_path() -> Path | None:
    env = os.environ.get("ADOPT_ORACLE_DIR")
    directory = Path(env) if env else ROOT.parent / "shared" / "oracle"
    path = directory / ORACLE_NAME
    return path if path.is_file() else None


def _require_oracle() -> Path:
    path = _oracle_path()
    if path is None:
        where = os.environ.get("ADOPT_ORACLE_DIR") or str(ROOT.parent / "shared" / "oracle")
        msg = f"oracle {ORACLE_NAME} not found in {where} (set ADOPT_ORACLE_DIR)"
        if os.environ.get("ADOPT_REQUIRE_ORACLE") == "1":
            pytest.fail(msg + " and ADOPT_REQUIRE_ORACLE=1")
        pytest.skip(msg)
    return path


@pytest.fixture(scope="module")
def bundled() -> dict:
    assert BUNDLED.is_file(), f"{BUNDLED} missing: run `make schema`"
    with gzip.open(BUNDLED, "rb") as fh:
        return json.load(fh)


@pytest.fixture(scope="module")
def oracle() -> dict:
    path = _require_oracle()
    with gzip.open(path, "rb") as fh:
        data = json.load(fh)
    return data["provider_schemas"][PROVIDER]["resource_schemas"]


# --------------------------------------------------------------------------
# Comparison
# --------------------------------------------------------------------------


def _flags(a: dict) -> tuple[str, ...]:
    return tuple(k for k in ("required", "optional", "computed") if a.get(k))


class Report:
    def __init__(self) -> None:
        self.count = Counter()
        self.problems: list[str] = []  # disagreements that count against agreement
        self.notes: list[str] = []  # newer additions, unknown maxima, sensitive
        self.sensitive: list[str] = []


def compare_block(path: str, oracle: dict, ours: dict, rep: Report) -> None:
    oa, ob = oracle.get("attributes") or {}, oracle.get("block_types") or {}
    ba, bb = ours.get("attributes") or {}, ours.get("block_types") or {}
    for name in sorted(set(oa) | set(ob) | set(ba) | set(bb)):
        p = f"{path}.{name}"
        in_oracle = "attribute" if name in oa else "block" if name in ob else None
        in_ours = "attribute" if name in ba else "block" if name in bb else None
        if in_oracle is None:
            rep.count["only_bundled"] += 1
            rep.notes.append(f"{p}: only in bundled schema (newer provider)")
            continue
        kind_key = "attributes" if in_oracle == "attribute" else "blocks"
        rep.count[kind_key] += 1
        if in_ours is None:
            rep.problems.append(f"{p}: missing from bundled schema ({in_oracle} in oracle)")
            continue
        if in_oracle != in_ours:
            rep.problems.append(f"{p}: {in_oracle} in oracle, {in_ours} in bundled schema")
            continue
        if in_oracle == "attribute":
            x, y = oa[name], ba[name]
            bad = []
            if _flags(x) != _flags(y):
                bad.append(f"flags {'+'.join(_flags(x))} vs {'+'.join(_flags(y))}")
            if x.get("type") != y.get("type"):
                bad.append(f"type {json.dumps(x.get('type'))[:200]} vs {json.dumps(y.get('type'))[:200]}")
            if bool(x.get("sensitive")) != bool(y.get("sensitive")):
                rep.sensitive.append(f"{p}: sensitive {bool(x.get('sensitive'))} vs {bool(y.get('sensitive'))}")
            if x.get("sensitive"):
                rep.count["sensitive_oracle"] += 1
            if y.get("sensitive"):
                rep.count["sensitive_bundled"] += 1
            if bad:
                rep.problems.append(f"{p}: " + "; ".join(bad))
            else:
                rep.count["attributes_agree"] += 1
        else:
            x, y = ob[name], bb[name]
            if y.get("x_opaque"):
                rep.count["opaque"] += 1
                rep.notes.append(f"{p}: opaque in bundled schema")
                continue
            bad = []
            if x.get("nesting_mode") != y.get("nesting_mode"):
                bad.append(f"nesting {x.get('nesting_mode')} vs {y.get('nesting_mode')}")
            # cdktn knows "required" (min_items >= 1) and "single item" (max_items == 1) only.
            if bool(x.get("min_items")) != bool(y.get("min_items")):
                bad.append(f"min_items {x.get('min_items')} vs {y.get('min_items')}")
            elif x.get("min_items") != y.get("min_items"):
                rep.notes.append(f"{p}: min_items {x.get('min_items')} in oracle, {y.get('min_items')} bundled")
            if (x.get("max_items") == 1) != (y.get("max_items") == 1):
                bad.append(f"max_items {x.get('max_items')} vs {y.get('max_items')}")
            elif x.get("max_items") != y.get("max_items"):
                rep.notes.append(f"{p}: max_items {x.get('max_items')} in oracle, unknown in bundle")
            if bad:
                rep.problems.append(f"{p}: " + "; ".join(bad))
            else:
                rep.count["blocks_agree"] += 1
            compare_block(p, x.get("block") or {}, y.get("block") or {}, rep)


def _unexplained(problems: list[str]) -> list[str]:
    return [pr for pr in problems if pr.split(":", 1)[0] not in KNOWN_DRIFT]


# --------------------------------------------------------------------------
# Tests that need no oracle
# --------------------------------------------------------------------------

VALID_PRIMITIVES = {"string", "number", "bool", "dynamic"}


def _valid_type(t) -> bool:
    if isinstance(t, str):
        return t in VALID_PRIMITIVES
    if isinstance(t, list) and len(t) == 2 and t[0] in ("list", "set", "map"):
        return _valid_type(t[1])
    if isinstance(t, list) and len(t) == 2 and t[0] == "object" and isinstance(t[1], dict):
        return all(_valid_type(v) for v in t[1].values())
    return False


def _walk(block: dict, path: str):
    for name, a in (block.get("attributes") or {}).items():
        yield "attribute", f"{path}.{name}", a
    for name, b in (block.get("block_types") or {}).items():
        yield "block", f"{path}.{name}", b
        yield from _walk(b.get("block") or {}, f"{path}.{name}")


def test_bundled_schema_header(bundled):
    assert bundled["format_version"] == "adopt-schema/1"
    assert bundled["provider"] == PROVIDER
    assert bundled["provider_version"].startswith("6.")
    assert bundled["source"].startswith("cdktn-provider-aws ")
    assert len(bundled["resource_schemas"]) > 1500
    assert all(name.startswith("aws_") for name in bundled["resource_schemas"])


def test_bundled_schema_is_deterministic_gzip():
    raw = BUNDLED.read_bytes()
    assert raw[:2] == b"\x1f\x8b"
    assert raw[4:8] == b"\0\0\0\0", "gzip mtime must be 0"
    assert not raw[3] & 0x08, "gzip header must not carry a file name"
    text = gzip.decompress(raw).decode("utf-8")
    doc = json.loads(text)
    assert text == json.dumps(doc, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    assert len(raw) < 2_000_000, f"bundled schema is {len(raw):,} bytes"


def test_bundled_schema_well_formed(bundled):
    problems = []
    for tf_type, res in bundled["resource_schemas"].items():
        for kind, path, node in _walk(res["block"], tf_type):
            if kind == "attribute":
                if not _valid_type(node.get("type")):
                    problems.append(f"{path}: bad type {node.get('type')!r}")
                if not _flags(node):
                    problems.append(f"{path}: no required/optional/computed flag")
                if node.get("required") and (node.get("optional") or node.get("computed")):
                    problems.append(f"{path}: required together with optional/computed")
                if any(v is False for v in node.values()):
                    problems.append(f"{path}: false flag written")
            else:
                if node.get("nesting_mode") not in ("list", "set", "single", "map"):
                    problems.append(f"{path}: bad nesting_mode {node.get('nesting_mode')!r}")
    assert not problems, "\n".join(problems[:50])


def test_core_resources_spot_checks(bundled):
    rs = bundled["resource_schemas"]
    vpc = rs["aws_vpc"]["block"]["attributes"]
    assert vpc["cidr_block"] == {"type": "string", "optional": True, "computed": True}
    assert vpc["arn"] == {"type": "string", "computed": True}
    assert vpc["tags"] == {"type": ["map", "string"], "optional": True}
    assert vpc["id"] == {"type": "string", "optional": True, "computed": True}
    sg = rs["aws_security_group"]["block"]
    assert sg["attributes"]["ingress"]["type"][0] == "set"  # an attribute, not a block
    assert sg["attributes"]["ingress"]["type"][1][0] == "object"
    assert sg["block_types"]["timeouts"]["nesting_mode"] == "single"
    inst = rs["aws_instance"]["block"]["block_types"]
    assert inst["ebs_block_device"]["nesting_mode"] == "set"
    assert inst["root_block_device"]["nesting_mode"] == "list"
    assert inst["root_block_device"]["max_items"] == 1
    db = rs["aws_db_instance"]["block"]["attributes"]
    assert db["password"].get("sensitive")


# --------------------------------------------------------------------------
# Tests against the oracle
# --------------------------------------------------------------------------


@pytest.mark.parametrize("tf_type", IMPORTANT_TYPES)
def test_important_type_agrees_with_oracle(tf_type, bundled, oracle):
    assert tf_type in oracle, f"{tf_type} not in oracle"
    assert tf_type in bundled["resource_schemas"], f"{tf_type} missing from bundled schema"
    rep = Report()
    compare_block(tf_type, oracle[tf_type]["block"], bundled["resource_schemas"][tf_type]["block"], rep)
    for line in rep.notes + rep.sensitive:
        print("note:", line)
    explained = [pr for pr in rep.problems if pr not in _unexplained(rep.problems)]
    for line in explained:
        print("known provider change:", line, "--", KNOWN_DRIFT[line.split(":", 1)[0]])
    bad = _unexplained(rep.problems)
    assert not bad, f"{tf_type}: {len(bad)} disagreements with the oracle:\n" + "\n".join(bad)


def test_global_agreement_with_oracle(bundled, oracle):
    ours = bundled["resource_schemas"]
    rep = Report()
    missing_types = sorted(set(oracle) - set(ours))
    common = sorted(set(oracle) & set(ours))
    for tf_type in common:
        compare_block(tf_type, oracle[tf_type]["block"], ours[tf_type]["block"], rep)
    c = rep.count
    attr_pct = 100.0 * c["attributes_agree"] / max(c["attributes"], 1)
    block_pct = 100.0 * c["blocks_agree"] / max(c["blocks"], 1)
    type_pct = 100.0 * len(common) / max(len(oracle), 1)
    tp = c["sensitive_oracle"] - sum(1 for s in rep.sensitive if "sensitive True vs False" in s)
    fp = sum(1 for s in rep.sensitive if "sensitive False vs True" in s)
    summary = [
        f"bundled: {bundled['source']} (aws {bundled['provider_version']}); oracle: {ORACLE_NAME}",
        f"resource types: {len(common)}/{len(oracle)} oracle types present ({type_pct:.2f}%), "
        f"{len(set(ours) - set(oracle))} only in bundle",
        f"attributes: {c['attributes_agree']}/{c['attributes']} agree on kind, flags and type ({attr_pct:.3f}%)",
        f"blocks: {c['blocks_agree']}/{c['blocks']} agree on kind, nesting, min/max (as known) ({block_pct:.3f}%); "
        f"{c['opaque']} opaque",
        f"only in bundle (newer): {c['only_bundled']}",
        f"sensitive (heuristic): {tp}/{c['sensitive_oracle']} oracle-sensitive found, {fp} extra",
    ]
    print("\n".join(summary))
    print(f"{len(rep.problems)} disagreements:")
    for line in rep.problems:
        print(
            "  "
            + line
            + (f"  [known: {KNOWN_DRIFT[line.split(':', 1)[0]]}]" if line.split(":", 1)[0] in KNOWN_DRIFT else "")
        )
    if missing_types:
        print("oracle types missing from bundle:", ", ".join(missing_types))
    assert type_pct >= MIN_TYPE_COVERAGE, summary[1]
    assert attr_pct >= MIN_ATTRIBUTE_AGREEMENT, "\n".join(summary + rep.problems[:200])
    assert block_pct >= MIN_BLOCK_AGREEMENT, "\n".join(summary + rep.problems[:200])
