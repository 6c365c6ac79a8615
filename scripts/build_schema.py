#!/usr/bin/env python3
"""Build adopt's bundled hashicorp/aws provider schema from ``cdktn-provider-aws``.

Usage::

    python scripts/build_schema.py [--package-dir DIR_OR_TGZ] [--output PATH]

The script installs nothing.  ``cdktn-provider-aws`` (CDK Terrain's prebuilt
aws provider bindings, 25.x) must be importable by the running interpreter, or
``--package-dir`` must name one of:

* the installed Python package directory (``.../site-packages/cdktn_provider_aws``),
* a ``site-packages`` directory that contains it,
* the jsii tarball inside it (``_jsii/provider-aws@<version>.jsii.tgz``), or
* an unpacked npm package (a directory holding ``.jsii`` and ``lib/``).

The package is only read, never imported (importing it would start node).

Where the facts come from
-------------------------
The wheel ships one jsii tarball, ``cdktn_provider_aws/_jsii/*.jsii.tgz``.  It
holds the jsii assembly (``package/.jsii``, JSON) and the compiled JavaScript
of every module (``package/lib/<module>/**/*.js``).  The Python files in the
wheel are thin stubs generated from the assembly and add nothing.

1. ``lib/<module>/**/*.js`` -- the code cdktn's generator wrote from
   ``terraform providers schema -json``.  It is the primary source because it
   is the only one that keeps, for every attribute at every level:

   * the exact Terraform name and the schema flags, verbatim, as a comment the
     generator emits before each property::

         // cidr_block - computed: true, optional: true, required: false

     (computed-only attributes appear only here and as getters: they have no
     config property in the assembly);
   * ``synthesizeHclAttributes()`` / ``<struct>ToHclTerraform()`` entries with
     ``isBlock``, the collection kind (``simple``/``list``/``set``/``map``/
     ``struct``) and a ``storageClassType`` (``string``, ``numberList``,
     ``stringMap``, ``stringListList``, ... or a struct name), which give types
     and list-vs-set for everything that can be configured;
   * getters (``getStringAttribute``, ``Fn.tolist(getListAttribute(..))`` for
     sets, ``getNumberListAttribute`` ...) and ``new XList(this, "name",
     wrapsSet)`` / ``new XOutputReference(..)`` / ``new XMap(..)`` fields, which
     give the types of computed-only attributes, list vs set of nested
     objects, and whether a block has ``max_items = 1`` (cdktn models such a
     block as a single ``OutputReference`` instead of a ``List``).

2. ``package/.jsii`` -- used for one fact the JavaScript does not state: which
   nested names are *blocks* (``block_types``) and which are attributes whose
   type is an object collection (``aws_security_group.ingress`` is a
   ``set(object)`` attribute; ``aws_instance.ebs_block_device`` is a set
   block; both are ``isBlock: true`` in the JavaScript because Terraform
   accepts both in block syntax).  cdktn documents every real block's config
   property with the summary ``"<name> block."``; attributes never get it.
   The ``listMapperHcl(fn, isBlockType)`` flag in the JavaScript is used as a
   cross-check where present.

3. The provider version is the ``providerVersion`` the generator stamped into
   every resource constructor (``terraformGeneratorMetadata``).

Approximations (things cdktn does not record)
---------------------------------------------
* ``sensitive``: not recorded by cdktn at all.  It is guessed from the
  attribute name (see ``is_probably_sensitive``): password/secret/private
  key/auth token/api key/access token-like names of string (or string
  collection) attributes, and the ``*_wo`` write-only twins of such names.  Renderers should prefer the
  ``sensitive_attributes`` paths of the state they render.
* ``min_items``/``max_items``: cdktn keeps only "required" (min_items >= 1) and
  "max_items == 1".  We emit ``min_items: 1`` for required list/set blocks
  (the true minimum may be 2 or more) and ``max_items: 1`` for single-item
  blocks; other maxima (10, 100, ...) are not known and are omitted.
* Collections nested inside collections of primitives (``stringListList``
  etc.): the inner kind is written as ``list`` (an inner ``set`` cannot be
  told apart).
* Object-typed attributes are emitted as ``["object", {...}]`` without the
  optional-attributes list some framework schemas carry.
* ``deprecated``, ``description``, ``write_only`` and the schema ``version``
  are not recorded by cdktn and are omitted.
* cdktn gives up on a few enormous, deeply recursive blocks
  (``aws_quicksight_{analysis,dashboard,template}.definition`` and
  ``aws_wafv2_{web_acl,rule_group}.rule.statement``) and types them ``any``.
  They are emitted as blocks (nesting ``list``, empty inner block) carrying the
  extra key ``"x_opaque": true``: their content is unknown and must be
  rendered from the state value itself.
* Recursive struct references (``aws_wafv2_web_acl_rule`` statements reuse
  the top-level statement struct) are cut: a struct is not expanded again
  inside itself; the recursive block is emitted with ``"x_opaque": true``.

Output
------
``adopt/schema/aws-provider-schema.json.gz``: gzip (mtime 0, no file name)
of compact JSON with sorted keys, so the bytes are deterministic::

    {"format_version": "adopt-schema/1",
     "provider": "registry.terraform.io/hashicorp/aws",
     "provider_version": "6.69.1",
     "source": "cdktn-provider-aws 25.8.1",
     "resource_schemas": {"aws_vpc": {"block": {"attributes": {...},
                                                 "block_types": {...}}}, ...}}

Each resource entry has the shape of one entry of ``terraform providers schema
-json``: attributes carry ``type`` plus the flags ``required``/``optional``/
``computed``/``sensitive`` only when true; block types carry ``nesting_mode``
(``list``/``set``/``single``/``map``), ``min_items``/``max_items`` when known
and non-zero, and a nested ``block``.  Empty ``attributes``/``block_types``
maps are omitted, as Terraform does.  Data sources are not included.
"""

from __future__ import annotations

import argparse
import collections
import gzip
import importlib.util
import io
import json
import os
import re
import sys
import tarfile
import time
from dataclasses import dataclass, field
from pathlib import Path

PROVIDER = "registry.terraform.io/hashicorp/aws"
FORMAT_VERSION = "adopt-schema/1"
PYPI_NAME = "cdktn-provider-aws"
PY_PACKAGE = "cdktn_provider_aws"
DEFAULT_OUTPUT = Path(__file__).resolve().parent.parent / "adopt" / "schema" / "aws-provider-schema.json.gz"


# --------------------------------------------------------------------------
# Reading the package
# --------------------------------------------------------------------------


@dataclass
class PackageContents:
    assembly: dict
    # module directory (e.g. "vpc", "security-group") -> list of JS sources
    modules: dict[str, list[str]]
    version: str
    origin: str


def _find_tarball(directory: Path) -> Path | None:
    candidates = sorted(directory.glob("_jsii/*.jsii.tgz")) + sorted(directory.glob("*.jsii.tgz"))
    return candidates[0] if candidates else None


def locate_package(package_dir: str | None) -> Path:
    """Return a path to the jsii tarball or to an unpacked npm package dir."""
    if package_dir:
        p = Path(package_dir).expanduser().resolve()
        if p.is_file() and p.name.endswith(".tgz"):
            return p
        if not p.is_dir():
            raise SystemExit(f"--package-dir {p}: no such directory or .tgz file")
        if (p / ".jsii").is_file() and (p / "lib").is_dir():
            return p
        if (p / "package" / ".jsii").is_file():
            return p / "package"
        for d in (p, p / PY_PACKAGE):
            tgz = _find_tarball(d) if d.is_dir() else None
            if tgz:
                return tgz
        raise SystemExit(f"--package-dir {p}: found neither a jsii tarball nor .jsii + lib/")
    spec = importlib.util.find_spec(PY_PACKAGE)  # does not import the package
    if spec is None or not spec.submodule_search_locations:
        raise SystemExit(f"{PYPI_NAME} is not importable; `pip install {PYPI_NAME}` or pass --package-dir")
    for loc in spec.submodule_search_locations:
        tgz = _find_tarball(Path(loc))
        if tgz:
            return tgz
    raise SystemExit(f"no _jsii/*.jsii.tgz inside {list(spec.submodule_search_locations)}")


def _load_assembly(raw: bytes, read_sibling) -> dict:
    asm = json.loads(raw)
    # jsii may store the assembly compressed behind a redirect file.
    if asm.get("schema") == "jsii/file-redirect":
        data = read_sibling(asm["filename"])
        if asm.get("compression") == "gzip":
            data = gzip.decompress(data)
        asm = json.loads(data)
    return asm


def _module_of(relpath: str) -> str | None:
    # relpath is relative to the package root: lib/<module>/.../*.js
    parts = relpath.split("/")
    if len(parts) >= 3 and parts[0] == "lib" and parts[-1].endswith(".js"):
        return parts[1]
    return None


def read_package(location: Path) -> PackageContents:
    modules: dict[str, list[tuple[str, str]]] = collections.defaultdict(list)
    assembly = None
    if location.is_file():
        with tarfile.open(location, "r:gz") as tf:
            members = {}
            asm_raw = None
            for m in tf:
                if not m.isfile():
                    continue
                name = m.name
                if name.startswith("package/"):
                    name = name[len("package/") :]
                if name == ".jsii":
                    asm_raw = tf.extractfile(m).read()
                    continue
                if name.startswith(".jsii"):  # possible redirect target
                    members[name] = tf.extractfile(m).read()
                    continue
                mod = _module_of(name)
                if mod:
                    modules[mod].append((name, tf.extractfile(m).read().decode("utf-8")))
            if asm_raw is None:
                raise SystemExit(f"{location}: no package/.jsii in tarball")
            assembly = _load_assembly(asm_raw, lambda fn: members[fn.lstrip("./")])
    else:
        assembly = _load_assembly((location / ".jsii").read_bytes(), lambda fn: (location / fn).read_bytes())
        lib = location / "lib"
        for path in sorted(lib.rglob("*.js")):
            rel = path.relative_to(location).as_posix()
            mod = _module_of(rel)
            if mod:
                modules[mod].append((rel, path.read_text("utf-8")))
    sources = {mod: [text for _, text in sorted(files)] for mod, files in modules.items()}
    return PackageContents(
        assembly=assembly, modules=sources, version=str(assembly.get("version", "unknown")), origin=str(location)
    )


# --------------------------------------------------------------------------
# Parsing the generated JavaScript
# --------------------------------------------------------------------------

CLASS_RE = re.compile(r"^class (\w+) extends ([\w$.]+) \{\n(.*?)^\}", re.M | re.S)
FUNC_RE = re.compile(r"^function (\w+)\(struct\) \{\n(.*?)^\}", re.M | re.S)
SECTION_RE = re.compile(
    r"^    // (\S+) - computed: (true|false), optional: (true|false), required: (true|false)[ \t]*$", re.M
)
NEW_RE = re.compile(r"^\s+_[\w$]+ = new ((?:[\w$]+\.)*)(\w+)\(this, \"([^\"]*)\"(?:, (true|false))?\);", re.M)
CDKTN_COLLECTION_RE = re.compile(r"(String|Number|Boolean|Any)((?:List|Map)+)")
GETTER_RE = re.compile(r"^\s+get ([\w$]+)\(\) \{\n\s+return (.*?);\n", re.M)
HCL_ENTRY_RE = re.compile(
    r"^\s+(?:\"([^\"]+)\"|([\w$]+)): \{\n"
    r"\s+value: (.*),\n"
    r"\s+isBlock: (true|false),\n"
    r"\s+type: \"(\w+)\",\n"
    r"\s+storageClassType: \"(\w+)\",\n"
    r"\s+\},?$",
    re.M,
)
TF_TYPE_RE = re.compile(r"static tfResourceType = \"([^\"]+)\";")
PROVIDER_VERSION_RE = re.compile(r"providerVersion: '([^']+)'")
HCL_FN_REF_RE = re.compile(r"((?:[\w$]+\.)*)(\w+ToHclTerraform)\b")
LIST_MAPPER_FLAG_RE = re.compile(r"listMapperHcl\((?:[\w$]+\.)*\w+, (true|false)\)")
LIST_ELEMENT_RE = re.compile(r"return new (?:[\w$]+\.)*(\w+OutputReference)\(")
SECTION_END_RE = re.compile(r"^    // =+$", re.M)


@dataclass
class HclEntry:
    name: str
    value: str
    is_block: bool
    kind: str  # simple | list | set | map | struct
    storage: str  # string | number | boolean | any | stringList | ... | <StructName>

    @property
    def hcl_function(self) -> str | None:
        for m in HCL_FN_REF_RE.finditer(self.value):
            if m.group(1) != "cdktn.":  # cdktn.stringToHclTerraform etc. are primitives
                return m.group(2)
        return None

    @property
    def list_mapper_is_block(self) -> bool | None:
        m = LIST_MAPPER_FLAG_RE.search(self.value)
        return None if not m else m.group(1) == "true"


@dataclass
class Section:
    name: str
    computed: bool
    optional: bool
    required: bool
    getter_name: str | None = None
    getter_expr: str | None = None
    new_class: str | None = None
    new_wraps_set: bool | None = None
    runtime_collection: str | None = None


@dataclass
class JsClass:
    name: str
    base: str
    body: str
    sections: list[Section] = field(default_factory=list)
    tf_type: str | None = None
    list_element: str | None = None  # for ComplexList / ComplexMap classes


@dataclass
class JsModule:
    name: str
    classes: dict[str, JsClass]
    hcl_functions: dict[str, dict[str, HclEntry]]
    provider_versions: collections.Counter


def parse_sections(body: str) -> list[Section]:
    sections = []
    matches = list(SECTION_RE.finditer(body))
    for i, m in enumerate(matches):
        end = matches[i + 1].start() if i + 1 < len(matches) else len(body)
        chunk = body[m.end() : end]
        stop = SECTION_END_RE.search(chunk)
        if stop:
            chunk = chunk[: stop.start()]
        s = Section(m.group(1), m.group(2) == "true", m.group(3) == "true", m.group(4) == "true")
        g = GETTER_RE.search(chunk)
        if g:
            s.getter_name, s.getter_expr = g.group(1), g.group(2).strip()
        n = NEW_RE.search(chunk)
        if n:
            if n.group(1) == "cdktn.":
                s.runtime_collection = n.group(2)  # cdktn.StringMap etc.
            else:
                s.new_class = n.group(2)
            if n.group(4) is not None:
                s.new_wraps_set = n.group(4) == "true"
        sections.append(s)
    return sections


def parse_hcl_entries(body: str) -> dict[str, HclEntry]:
    out = {}
    for m in HCL_ENTRY_RE.finditer(body):
        name = m.group(1) or m.group(2)
        out[name] = HclEntry(name, m.group(3).strip(), m.group(4) == "true", m.group(5), m.group(6))
    return out


def parse_module(name: str, sources: list[str]) -> JsModule:
    classes: dict[str, JsClass] = {}
    hcl_functions: dict[str, dict[str, HclEntry]] = {}
    versions = collections.Counter()
    for src in sources:
        src = "\n".join(line for line in src.split("\n") if not line.startswith("//# sourceMappingURL="))
        for m in CLASS_RE.finditer(src):
            cls = JsClass(m.group(1), m.group(2), m.group(3))
            t = TF_TYPE_RE.search(cls.body)
            if t:
                cls.tf_type = t.group(1)
            if cls.base.endswith(("ComplexList", "ComplexMap")):
                e = LIST_ELEMENT_RE.search(cls.body)
                cls.list_element = e.group(1) if e else None
            else:
                cls.sections = parse_sections(cls.body)
            if cls.base == "cdktn.TerraformResource":
                hcl_start = cls.body.find("synthesizeHclAttributes()")
                if hcl_start >= 0:
                    hcl_functions["@resource:" + cls.name] = parse_hcl_entries(cls.body[hcl_start:])
                versions.update(PROVIDER_VERSION_RE.findall(cls.body))
            classes[cls.name] = cls
        for m in FUNC_RE.finditer(src):
            if m.group(1).endswith("ToHclTerraform"):
                hcl_functions[m.group(1)] = parse_hcl_entries(m.group(2))
    return JsModule(name, classes, hcl_functions, versions)


# --------------------------------------------------------------------------
# jsii assembly: which config properties are blocks
# --------------------------------------------------------------------------

ANCHOR_RE = re.compile(r"#([A-Za-z0-9_\-]+) ")


def index_assembly(assembly: dict) -> tuple[dict, dict]:
    """Returns (interfaces, config_of).

    interfaces: module dir -> interface name -> property key -> property.
    Properties are keyed both by their jsii (camelCase) name and, prefixed with
    '#', by the Terraform name found in the docs link anchor.
    config_of: (module dir, class name) -> name of the interface its
    constructor takes as ``config`` (usually ``<Class>Config``, but cdktn
    renames on collisions, e.g. ``Wafv2WebAclAssociationConfigA``)."""
    index: dict[str, dict[str, dict[str, dict]]] = collections.defaultdict(dict)
    config_of: dict[tuple[str, str], str] = {}
    for t in assembly.get("types", {}).values():
        loc = (t.get("locationInModule") or {}).get("filename", "")
        parts = loc.split("/")
        if len(parts) < 3 or parts[0] != "src":
            continue
        if t.get("kind") == "class":
            for prm in (t.get("initializer") or {}).get("parameters", []):
                fqn = (prm.get("type") or {}).get("fqn", "")
                if prm.get("name") == "config" and fqn:
                    config_of[(parts[1], t["name"])] = fqn.rsplit(".", 1)[-1]
            continue
        if t.get("kind") != "interface":
            continue
        props: dict[str, dict] = {}
        for p in t.get("properties", []):
            props[p["name"]] = p
            docs = p.get("docs") or {}
            for text in (docs.get("summary", ""), docs.get("remarks", "")):
                a = ANCHOR_RE.search(text + " ")
                if a:
                    props.setdefault("#" + a.group(1), p)
                    break
        index[parts[1]][t["name"]] = props
    return index, config_of


def _is_block_prop(prop: dict | None) -> bool:
    return bool(prop) and (prop.get("docs") or {}).get("summary", "").endswith(" block.")


# --------------------------------------------------------------------------
# Schema construction
# --------------------------------------------------------------------------

SENSITIVE_WORDS = re.compile(
    r"(^|_)(password|passwords|passphrase|secret|secret_string|secret_binary|client_secret|"
    r"secret_key|secret_access_key|private_key|private_key_pem|auth_token|api_key|"
    r"access_token|refresh_token|oauth_token|jwt_token|secret_token|auth_credentials|"
    r"plaintext|pre_shared_key|preshared_key|key_material|key_material_base64|"
    r"smtp_password)(_v\d+)?$"
)
NOT_SENSITIVE = re.compile(
    r"(_arn|_arns|_id|_ids|_version|_versions|_length|_enabled|_name|_names|_type|_types|"
    r"_param|_parameter|_endpoint|_host|_url|_uri|_strategy|_spec|_storage|_list|_status|"
    r"_expression|_kms_key|_kms_key_id|_policy|_source|_location|_path|_prefix|_mode|"
    r"_config|_configuration|_rotation|_days|_seconds|_ttl)$|^(manage_|enable_|use_|is_|has_|"
    r"require_|disable_|allow_|encrypted_)"
)


def _flat_type_is_stringish(t) -> bool:
    if t == "string":
        return True
    if isinstance(t, list) and t[0] in ("list", "set", "map"):
        return _flat_type_is_stringish(t[1])
    return False


def is_probably_sensitive(name: str, tf_type) -> bool:
    """Name heuristic (cdktn does not record the schema's ``sensitive``)."""
    if not _flat_type_is_stringish(tf_type):
        return False
    if name.endswith("_wo"):  # write-only twin of a secret argument (password_wo, ...)
        name = name[:-3]
    if NOT_SENSITIVE.search(name):
        return False
    return bool(SENSITIVE_WORDS.search(name))


_STORAGE_BASE = {"string": "string", "number": "number", "boolean": "bool", "any": "dynamic"}


def type_from_storage(kind: str, storage: str):
    """Type from an HCL entry whose storageClassType is primitive-based."""
    m = re.fullmatch(r"(string|number|boolean|any)((?:List|Map)*)", storage)
    if not m:
        return None
    t = _STORAGE_BASE[m.group(1)]
    suffixes = re.findall(r"List|Map", m.group(2))
    if kind == "simple":
        return t if not suffixes else None
    if not suffixes:
        return None
    for i, suf in enumerate(suffixes):
        outer = i == len(suffixes) - 1
        if outer:
            t = [kind, t]  # kind is list/set/map and names the outermost collection
        else:
            t = ["map" if suf == "Map" else "list", t]
    return t


def type_from_runtime_collection(name: str | None, wraps_set: bool | None):
    """``new cdktn.StringMap(this, "x")``, ``new cdktn.StringMapList(this, "x", false)``..."""
    if not name:
        return None
    m = CDKTN_COLLECTION_RE.fullmatch(name)
    if not m:
        return None
    t = {"String": "string", "Number": "number", "Boolean": "bool", "Any": "dynamic"}[m.group(1)]
    suffixes = re.findall(r"List|Map", m.group(2))
    for i, suf in enumerate(suffixes):
        kind = "map" if suf == "Map" else "list"
        if i == len(suffixes) - 1 and kind == "list" and wraps_set:
            kind = "set"
        t = [kind, t]
    return t


def type_from_getter(expr: str | None):
    if not expr:
        return None
    table = [
        (r"^this\.getStringAttribute\(", "string"),
        (r"^this\.getNumberAttribute\(", "number"),
        (r"^this\.getBooleanAttribute\(", "bool"),
        (r"^this\.getStringMapAttribute\(", ["map", "string"]),
        (r"^this\.getNumberMapAttribute\(", ["map", "number"]),
        (r"^this\.getBooleanMapAttribute\(", ["map", "bool"]),
        (r"^this\.getAnyMapAttribute\(", ["map", "dynamic"]),
        (r"^cdktn\.Fn\.tolist\(this\.getListAttribute\(", ["set", "string"]),
        (r"^this\.getListAttribute\(", ["list", "string"]),
        (r"^cdktn\.Token\.asNumberList\(cdktn\.Fn\.tolist\(this\.getNumberListAttribute\(", ["set", "number"]),
        (r"^this\.getNumberListAttribute\(", ["list", "number"]),
        (r"^cdktn\.Token\.asAny\(cdktn\.Fn\.tolist\(this\.interpolationForAttribute\(", ["set", "dynamic"]),
        (r"^this\.interpolationForAttribute\(", "dynamic"),
    ]
    for pattern, t in table:
        if re.match(pattern, expr):
            return t
    return None


class Builder:
    def __init__(self, pkg: PackageContents):
        self.pkg = pkg
        self.jsii, self.config_of = index_assembly(pkg.assembly)
        self.stats = collections.Counter()
        self.warnings: list[str] = []

    def warn(self, msg: str):
        self.warnings.append(msg)

    # -- helpers ---------------------------------------------------------
    @staticmethod
    def _struct_of(class_name: str | None, mod: JsModule) -> str | None:
        """Struct (OutputReference class) behind a List/Map/OutputReference class."""
        if not class_name:
            return None
        cls = mod.classes.get(class_name)
        if cls is None:
            return None
        if cls.base.endswith(("ComplexList", "ComplexMap")):
            return cls.list_element
        if class_name.endswith("OutputReference"):
            return class_name
        return None

    @staticmethod
    def _hcl_fn_for(struct_cls: str) -> str:
        base = struct_cls[: -len("OutputReference")]
        return base[:1].lower() + base[1:] + "ToHclTerraform"

    def _hcl_entries(self, mod: JsModule, struct_cls: str, hint: str | None) -> dict[str, HclEntry]:
        for fn in (hint, self._hcl_fn_for(struct_cls)):
            if fn and fn in mod.hcl_functions:
                return mod.hcl_functions[fn]
        return {}

    def _props(self, mod: JsModule, interface: str) -> dict[str, dict]:
        return self.jsii.get(mod.name, {}).get(interface, {})

    # -- types ---------------------------------------------------------------
    def attr_type(self, mod: JsModule, sec: Section, h: HclEntry | None, path: tuple, ctx: str):
        struct_cls = self._struct_of(sec.new_class, mod)
        if struct_cls:
            if struct_cls in path:
                self.warn(f"{ctx}: recursive object type {struct_cls} typed dynamic")
                return "dynamic"
            obj = self.object_type(mod, struct_cls, h.hcl_function if h else None, path + (struct_cls,), ctx)
            cls = mod.classes[sec.new_class]
            if cls.base.endswith("ComplexMap"):
                return ["map", obj]
            if cls.base.endswith("ComplexList"):
                if h and h.kind in ("list", "set"):
                    return [h.kind, obj]
                return ["set" if sec.new_wraps_set else "list", obj]
            # single OutputReference
            if h and h.kind in ("list", "set"):
                return [h.kind, obj]
            return obj
        if h is not None:
            t = type_from_storage(h.kind, h.storage)
            if t is not None:
                return t
        t = type_from_runtime_collection(sec.runtime_collection, sec.new_wraps_set)
        if t is None:
            t = type_from_getter(sec.getter_expr)
        if t is not None:
            if t == "dynamic":
                self.stats["dynamic_types"] += 1
            return t
        self.warn(f"{ctx}: type unknown (getter {sec.getter_expr!r}, hcl {h and (h.kind, h.storage)}); dynamic")
        return "dynamic"

    def object_type(self, mod: JsModule, struct_cls: str, hcl_fn: str | None, path: tuple, ctx: str):
        cls = mod.classes.get(struct_cls)
        if cls is None:
            self.warn(f"{ctx}: missing class {struct_cls}")
            return ["object", {}]
        entries = self._hcl_entries(mod, struct_cls, hcl_fn)
        members = {}
        for sec in cls.sections:
            members[sec.name] = self.attr_type(mod, sec, entries.get(sec.name), path, f"{ctx}.{sec.name}")
        return ["object", members]

    # -- blocks --------------------------------------------------------------
    def build_block(
        self, mod: JsModule, cls: JsClass, entries: dict[str, HclEntry], props: dict[str, dict], path: tuple, ctx: str
    ) -> dict:
        attributes: dict[str, dict] = {}
        block_types: dict[str, dict] = {}
        for sec in cls.sections:
            h = entries.get(sec.name)
            prop = props.get(sec.getter_name or "") or props.get("#" + sec.name)
            sctx = f"{ctx}.{sec.name}"
            is_block = _is_block_prop(prop)
            if h is not None and is_block and not h.is_block and h.storage != "any":
                self.warn(f"{sctx}: jsii says block, JS says isBlock false")
            if h is not None and h.list_mapper_is_block is not None and h.list_mapper_is_block != is_block:
                self.warn(f"{sctx}: listMapperHcl isBlockType={h.list_mapper_is_block} but jsii block={is_block}")
            if is_block:
                block_types[sec.name] = self.block_type(mod, sec, h, path, sctx)
                self.stats["block_types"] += 1
            else:
                a: dict = {"type": self.attr_type(mod, sec, h, path, sctx)}
                if sec.required:
                    a["required"] = True
                if sec.optional:
                    a["optional"] = True
                if sec.computed:
                    a["computed"] = True
                if not (sec.required or sec.optional or sec.computed):
                    self.warn(f"{sctx}: no flags")
                if is_probably_sensitive(sec.name, a["type"]):
                    a["sensitive"] = True
                attributes[sec.name] = a
                self.stats["attributes"] += 1
        block: dict = {}
        if attributes:
            block["attributes"] = attributes
        if block_types:
            block["block_types"] = block_types
        return block

    def block_type(self, mod: JsModule, sec: Section, h: HclEntry | None, path: tuple, ctx: str) -> dict:
        opaque = h is None or h.storage == "any" or not sec.new_class
        struct_cls = None if opaque else self._struct_of(sec.new_class, mod)
        if struct_cls and struct_cls in path:
            self.warn(f"{ctx}: recursive block {struct_cls} cut (x_opaque)")
            opaque = True
        if opaque or struct_cls is None:
            self.stats["opaque_blocks"] += 1
            bt = {"nesting_mode": "list", "block": {}, "x_opaque": True}
            if h is not None and h.kind in ("list", "set"):
                bt["nesting_mode"] = h.kind
            if sec.required:
                bt["min_items"] = 1
            return bt
        cls = mod.classes[sec.new_class]
        kind = h.kind
        if kind == "struct":
            nesting = "single"
        elif kind in ("list", "set", "map"):
            nesting = kind
        else:
            self.warn(f"{ctx}: unexpected block kind {kind}; using list")
            nesting = "list"
        bt: dict = {"nesting_mode": nesting}
        if nesting in ("list", "set"):
            if sec.required:
                bt["min_items"] = 1
            if not cls.base.endswith(("ComplexList", "ComplexMap")):
                bt["max_items"] = 1
        struct_name = struct_cls[: -len("OutputReference")]
        entries = self._hcl_entries(mod, struct_cls, h.hcl_function)
        props = self._props(mod, struct_name)
        if not props and any(e.is_block for e in entries.values()):
            self.warn(f"{ctx}: no jsii interface {struct_name}")
        bt["block"] = self.build_block(mod, mod.classes[struct_cls], entries, props, path + (struct_cls,), ctx)
        return bt

    def build(self) -> dict:
        resources: dict[str, dict] = {}
        versions = collections.Counter()
        for mod_name in sorted(self.pkg.modules):
            mod = parse_module(mod_name, self.pkg.modules[mod_name])
            for cls in mod.classes.values():
                if cls.base != "cdktn.TerraformResource" or not cls.tf_type:
                    continue
                versions.update(mod.provider_versions)
                entries = mod.hcl_functions.get("@resource:" + cls.name, {})
                config_name = self.config_of.get((mod.name, cls.name))
                props = self._props(mod, config_name) if config_name else {}
                if not props and any(e.is_block for e in entries.values()):
                    self.warn(f"{cls.tf_type}: no jsii config interface for {cls.name}")
                if cls.tf_type in resources:
                    self.warn(f"{cls.tf_type}: defined twice")
                resources[cls.tf_type] = {"block": self.build_block(mod, cls, entries, props, (), cls.tf_type)}
        self.stats["resources"] = len(resources)
        provider_version = versions.most_common(1)[0][0] if versions else self.pkg.version
        return {
            "format_version": FORMAT_VERSION,
            "provider": PROVIDER,
            "provider_version": provider_version,
            "source": f"{PYPI_NAME} {self.pkg.version}",
            "resource_schemas": resources,
        }


def write_deterministic_gzip(doc: dict, output: Path) -> bytes:
    payload = json.dumps(doc, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode("utf-8")
    buf = io.BytesIO()
    with gzip.GzipFile(filename="", mode="wb", fileobj=buf, compresslevel=9, mtime=0) as gz:
        gz.write(payload)
    data = buf.getvalue()
    output.parent.mkdir(parents=True, exist_ok=True)
    tmp = output.with_name(output.name + ".tmp")
    tmp.write_bytes(data)
    os.replace(tmp, output)
    return data


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--package-dir", help="installed cdktn_provider_aws dir, its jsii .tgz, or an npm package dir")
    ap.add_argument("--output", default=str(DEFAULT_OUTPUT), help=f"default: {DEFAULT_OUTPUT}")
    ap.add_argument("--show-warnings", action="store_true", help="print every warning")
    args = ap.parse_args(argv)

    t0 = time.monotonic()
    location = locate_package(args.package_dir)
    print(f"reading {location}", file=sys.stderr)
    pkg = read_package(location)
    builder = Builder(pkg)
    doc = builder.build()
    data = write_deterministic_gzip(doc, Path(args.output))
    dt = time.monotonic() - t0
    print(
        f"wrote {args.output}: {len(doc['resource_schemas'])} resource types, "
        f"{builder.stats['attributes']} attributes, {builder.stats['block_types']} block types, "
        f"{builder.stats['opaque_blocks']} opaque blocks; provider {doc['provider_version']}, "
        f"source {doc['source']}; {len(data):,} bytes gzip; {dt:.1f}s",
        file=sys.stderr,
    )
    if builder.warnings:
        print(f"{len(builder.warnings)} warnings", file=sys.stderr)
        for w in builder.warnings if args.show_warnings else builder.warnings[:20]:
            print("  " + w, file=sys.stderr)
    if not doc["resource_schemas"]:
        print("no resources found", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
