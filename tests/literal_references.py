"""The literals of a generated module that name another generated resource.

A check that does not ask the resolver: it reads the module's text as written
(every quoted string, inside ``jsonencode`` documents, lists, maps and
``locals`` too; never tags, comments or import IDs) and the inventory's values
(each resource's ID, ARN, name and exports, as the scan recorded them), and
reports each string that is such a value, or starts or ends with one at a
boundary, where the value is held by one resource only and not by the block's
own resource (or one of its own children).  What the resolver misses shows up
here, whatever the reason.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path

# An HCL string literal: quotes with escapes inside.
_STRING = re.compile(r'"((?:[^"\\]|\\.)*)"')
_RESOURCE = re.compile(r'^resource "(\w+)" "(\w+)" \{$')
_LOCALS = re.compile(r"^locals \{$")
_FOR_EACH = re.compile(r"^\s*for_each\s*=\s*local\.(\w+)\s*$")
_TAGS = re.compile(r"^(\s*)(tags|tags_all)\s*=\s*\{\s*$")
_IMPORT_ID = re.compile(r"^\s*import_id\s*=")
# What may stand next to a value inside a longer string: "<arn>/*", "<arn>:*",
# "integrations/<id>"; a letter, digit, "-", "_" or "." continues the token.
_BOUNDARY = set("/:*@?#=,; ")
# Too short to be told from any other word.
_SHORTEST = 8


@dataclass(frozen=True)
class Hit:
    file: str
    line: int
    block: str  # the resource address, or ``local.NAME``
    text: str  # the literal
    value: str  # the value it holds
    holder: str  # "type import_id (region)" of the resource holding it

    def __str__(self) -> str:
        return f"{self.file}:{self.line} {self.block}: {self.text!r} holds {self.value!r} of {self.holder}"


def _unescape(text: str) -> str:
    try:
        return json.loads(f'"{text}"')
    except json.JSONDecodeError:
        return text


def _literals(path: Path) -> Iterator[tuple[int, str, str]]:
    """(line number, block, literal) of every string in resource and locals blocks."""
    block = None
    skip_until: str | None = None  # the closing line of a tags map being skipped
    for number, line in enumerate(path.read_text().splitlines(), 1):
        if skip_until is not None:
            if line == skip_until:
                skip_until = None
            continue
        found = _RESOURCE.match(line)
        if found:
            block = f"{found.group(1)}.{found.group(2)}"
            continue
        if _LOCALS.match(line):
            block = "locals"
            continue
        if line == "}":
            block = None
            continue
        if block is None or line.lstrip().startswith("#") or _IMPORT_ID.match(line):
            continue
        tags = _TAGS.match(line)
        if tags:
            skip_until = f"{tags.group(1)}}}"
            continue
        for match in _STRING.finditer(line):
            text = _unescape(match.group(1))
            if "${" not in text:  # a template: the resolver wrote an expression there
                yield number, block, text


def _locals_of(module: Path) -> dict[str, str]:
    """Which resource each ``locals`` map feeds: ``NAME`` -> ``type.label``."""
    feeds: dict[str, str] = {}
    for path in module.glob("*.tf"):
        block = None
        for line in path.read_text().splitlines():
            found = _RESOURCE.match(line)
            if found:
                block = f"{found.group(1)}.{found.group(2)}"
            each = _FOR_EACH.match(line)
            if each and block:
                feeds[each.group(1)] = block
    return feeds


def _local_name(path: Path, number: int) -> str | None:
    """The name of the ``locals`` map a line is in (the first key under ``locals {``)."""
    lines = path.read_text().splitlines()[:number]
    for line in reversed(lines):
        if re.match(r"^  (\w+) = \{$", line):
            return line.split()[0]
        if _LOCALS.match(line):
            return None
    return None


def holders_by_value(resources: Iterable[Mapping]) -> dict[str, list[Mapping]]:
    """Each value (ID, ARN, name, exports) long enough to tell, with the resources holding it."""
    out: dict[str, list[Mapping]] = {}
    for resource in resources:
        values = {resource["id"], resource.get("arn"), resource.get("name"), *(resource.get("exports") or {}).values()}
        for value in values:
            if isinstance(value, str) and len(value) >= _SHORTEST and not any(c.isspace() for c in value):
                out.setdefault(value, []).append(resource)
    return out


def _pieces(text: str) -> Iterator[str]:
    """The text, then its starts and ends cut at a boundary."""
    yield text
    for i, c in enumerate(text):
        if c in _BOUNDARY:
            yield text[:i]
            yield text[i + 1 :]


def literal_references(
    module: Path, resources: list[Mapping], addresses: Mapping[tuple[str, str, str], str]
) -> list[Hit]:
    """Every literal in ``module`` holding a value one other resource alone holds.

    ``addresses`` maps (type, import ID, region) to a resource's address in the
    module (``type.label``, or ``type.label["key"]`` for a family member).
    """
    holders = holders_by_value(resources)
    address_of = {id(r): addresses.get((r["type"], r["import_id"], r["region"])) for r in resources}
    by_key = {(r["type"], r["id"]): r for r in resources}
    feeds = _locals_of(module)
    hits: list[Hit] = []
    for path in sorted(module.glob("*.tf")):
        if path.name == "imports.tf":
            continue
        for number, block, text in _literals(path):
            own = block
            if block == "locals":
                name = _local_name(path, number)
                own = feeds.get(name or "", "locals")
                block = f"local.{name}"
            for value in _pieces(text):
                found = holders.get(value, [])
                if len(found) != 1:
                    continue
                (holder,) = found
                if _belongs(holder, own, address_of, by_key):
                    break
                where = f"{holder['type']} {holder['import_id']} ({holder['region']})"
                hits.append(Hit(path.name, number, block, text, value, where))
                break
    return hits


def _belongs(resource: Mapping, own: str, address_of: Mapping[int, str | None], by_key: Mapping) -> bool:
    """Whether ``resource`` is the block's own resource (a member of its family) or one of its ancestors' children."""
    here: Mapping | None = resource
    seen = 0
    while here is not None and seen < 10:
        address = address_of.get(id(here)) or ""
        if address == own or address.split("[")[0] == own:
            return True
        parent = here.get("parent")
        here = by_key.get((parent["type"], parent["id"])) if parent else None
        seen += 1
    return False
