"""Read existing Terraform code: what it declares, imports and removes.

Code is parsed with python-hcl2, recursively, following ``module`` blocks
whose source is a local path, so addresses come out as Terraform prints them
(``module.network.aws_subnet.a``).  Only literal values can identify a live
resource (an ``import`` block's ID, a bucket's literal name); expressions are
kept as text and never matched.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from typing import Any

import hcl2

from ..errors import BadInput
from ..writers import hcl
from ..writers.characters import visible

_INTERPOLATION = re.compile(r"^\$\{(.*)\}$", re.S)


@dataclass(frozen=True)
class Declared:
    """A resource block in code (one per block, whatever its count)."""

    address: str
    type: str
    module: str
    literals: dict[str, Any] = field(hash=False, compare=False)  # literal argument values only
    arguments: frozenset[str] = frozenset()  # every argument and block name written
    file: str = ""


@dataclass(frozen=True)
class ImportBlock:
    address: str
    type: str
    id: str
    file: str = ""


@dataclass
class Config:
    declared: list[Declared] = field(default_factory=list)
    imports: list[ImportBlock] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)


def unquote(value: Any) -> Any:
    """python-hcl2 keeps the quotes of string literals; expressions come as ``${...}``."""
    if isinstance(value, str) and len(value) >= 2 and value[0] == value[-1] == '"':
        return value[1:-1]
    return value


def is_literal(value: Any) -> bool:
    if isinstance(value, str):
        return "${" not in value
    if isinstance(value, dict):
        return all(is_literal(v) for v in value.values())
    if isinstance(value, list):
        return all(is_literal(v) for v in value)
    return True


def expression(value: Any) -> str:
    """``${aws_vpc.main}`` -> ``aws_vpc.main``."""
    text = str(unquote(value))
    match = _INTERPOLATION.match(text)
    return match.group(1) if match else text


def _literals(body: dict) -> dict[str, Any]:
    out = {}
    for name, value in body.items():
        if name.startswith("__"):
            continue
        value = _unquote_deep(value)
        if is_literal(value):
            out[name] = value
    return out


def _unquote_deep(value: Any) -> Any:
    if isinstance(value, dict):
        return {unquote(k): _unquote_deep(v) for k, v in value.items() if k != "__is_block__"}
    if isinstance(value, list):
        return [_unquote_deep(v) for v in value]
    return unquote(value)


def read_config(directory: str) -> Config:
    if not os.path.isdir(directory):
        raise BadInput(f"--config {directory} is not a directory of Terraform code.")
    config = Config()
    _read_module(os.path.realpath(directory), "", config, chain=())
    return config


def _read_module(directory: str, prefix: str, config: Config, chain: tuple[str, ...]) -> None:
    if directory in chain:
        loop = " -> ".join(os.path.relpath(d, chain[0]) or "." for d in (*chain, directory))
        raise BadInput(
            f"The Terraform code in {chain[0]} includes itself through local module sources ({loop}); "
            "Terraform refuses such code too."
        )
    chain = (*chain, directory)
    files = [(os.path.join(directory, n), _parse(os.path.join(directory, n))) for n in sorted(os.listdir(directory))
             if n.endswith(".tf")]  # fmt: skip
    local: dict[str, Any] = {}
    for _, parsed in files:
        for block in parsed.get("locals") or []:
            local.update(block)
    for path, parsed in files:
        for block in parsed.get("resource") or []:
            for rtype, named in block.items():
                for rname, body in named.items():
                    tf_type, label = unquote(rtype), unquote(rname)
                    if not (hcl.is_identifier(tf_type) and hcl.is_identifier(label)):
                        raise BadInput(
                            f"{path}: resource {visible(f'{tf_type}.{label}')[:80]!r} is not a valid address."
                        )
                    address = f"{prefix}.{tf_type}.{label}" if prefix else f"{tf_type}.{label}"
                    arguments = frozenset(k for k in body if not k.startswith("__"))
                    config.declared.append(Declared(address, tf_type, prefix, _literals(body), arguments, path))
        for block in parsed.get("import") or []:
            for to, raw_id in _imported(block, local):
                address = f"{prefix}.{to}" if prefix else to
                if not hcl.is_address(address):
                    shown = visible(str(to))[:80]
                    raise BadInput(f"{path}: an import block's `to` ({shown!r}) is not a resource address.")
                config.imports.append(ImportBlock(address, _type_of(to), str(raw_id), path))
        for block in parsed.get("removed") or []:
            config.removed.append(expression(block.get("from", "")))
        for block in parsed.get("module") or []:
            for mname, body in block.items():
                source = unquote(body.get("source", ""))
                if isinstance(source, str) and source.startswith(("./", "../")):
                    child = os.path.realpath(os.path.join(directory, source))
                    name = unquote(mname)
                    if not hcl.is_identifier(name):
                        raise BadInput(f"{path}: {visible(str(name))[:80]!r} is not a valid module name.")
                    module_address = f"{prefix}.module.{name}" if prefix else f"module.{name}"
                    if os.path.isdir(child):
                        _read_module(child, module_address, config, chain)


_EACH_KEY = "[each.key]"
_EACH_VALUE = re.compile(r"each\.value\.([A-Za-z_][A-Za-z0-9_-]*)")
_LOCAL = re.compile(r"local\.([A-Za-z_][A-Za-z0-9_-]*)")


def _imported(block: dict, local: dict[str, Any]) -> list[tuple[str, Any]]:
    """(address, literal ID) of what an import block imports: its one resource,
    or each instance of a ``for_each`` over a map in ``locals`` (as adopt
    writes a family: ``to = T.L[each.key]``, ``id = each.value.FIELD``).
    An ID computed any other way cannot be matched here."""
    to = expression(block.get("to", ""))
    if "for_each" not in block:
        raw_id = _unquote_deep(block.get("id"))
        return [(to, raw_id)] if is_literal(raw_id) else []
    over = _LOCAL.fullmatch(expression(block["for_each"]))
    field_name = _EACH_VALUE.fullmatch(expression(block.get("id", "")))
    members = local.get(over.group(1)) if over else None
    if not (to.endswith(_EACH_KEY) and field_name and isinstance(members, dict)):
        return []
    out = []
    for key, value in members.items():
        raw_id = _unquote_deep(value.get(field_name.group(1))) if isinstance(value, dict) else None
        if isinstance(raw_id, (str, int)) and is_literal(raw_id):
            out.append((to.removesuffix(_EACH_KEY) + hcl.index(str(unquote(key))), raw_id))
    return out


def _type_of(address: str) -> str:
    parts = [p for p in re.sub(r"\[[^\]]*\]", "", address).split(".")]
    while parts[:1] == ["module"]:
        parts = parts[2:]
    return parts[0] if parts else ""


def _parse(path: str) -> dict:
    try:
        with open(path, encoding="utf-8") as fh:
            return hcl2.load(fh)
    except OSError as exc:
        raise BadInput(f"Cannot read {path}: {exc.strerror or exc}.") from exc
    except Exception as exc:  # python-hcl2 raises lark's errors, which carry the position
        line = getattr(exc, "line", None)
        where = f"{path}, line {line}" if line else path
        first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise BadInput(f"Cannot parse the Terraform code in {where}: {first}.") from exc
