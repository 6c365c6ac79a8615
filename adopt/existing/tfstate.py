"""Read Terraform state: what it manages, at which address, with which attributes.

Two formats are understood: the state file itself (``"version": 4``, as
written locally or to a backend) and the JSON of ``terraform show -json``
(``"format_version"``, ``"values"``).  Data sources are read but manage
nothing; every instance of ``count`` and ``for_each`` and every nested module
is an entry of its own.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from ..errors import BadInput
from ..fileio import parse_json
from ..writers import hcl
from ..writers.characters import visible


@dataclass(frozen=True)
class StateEntry:
    """One managed resource instance found in a state."""

    address: str  # module.network.aws_subnet.a[1]
    type: str
    module: str  # "" for the root module, else "module.network" (with instance keys)
    attributes: dict[str, Any] = field(hash=False, compare=False)
    source: str = ""

    @property
    def in_root_module(self) -> bool:
        return self.module == ""


def _index_suffix(index: Any) -> str:
    """An instance key as Terraform writes it in an address, through the HCL string writer."""
    if index is None:
        return ""
    return hcl.index(index if isinstance(index, int) and not isinstance(index, bool) else str(index))


def _entry(address: str, tf_type: str, module: str, attributes: dict, source: str) -> StateEntry:
    """A state entry whose address is a Terraform address: it may be written into code."""
    if (
        not hcl.is_address(address)
        or not hcl.is_identifier(tf_type)
        or (module and not hcl.is_address(module + ".x.y"))
    ):
        raise BadInput(
            f"{source}: {visible(address)[:120]!r} is not a Terraform resource address; the state is damaged."
        )
    return StateEntry(address=address, type=tf_type, module=module, attributes=attributes, source=source)


def parse_state(data: Any, source: str) -> list[StateEntry]:
    """Managed resource instances in a parsed state document."""
    if not isinstance(data, dict):
        raise BadInput(f"{source} is not a Terraform state (expected a JSON object).")
    if "values" in data or ("format_version" in data and "version" not in data):
        return list(_from_show_json(data, source))
    version = data.get("version")
    if version != 4:
        raise BadInput(
            f"{source} is a Terraform state of format version {version!r}; adopt reads version 4 "
            "(Terraform 0.12 and later) and `terraform show -json` output. Upgrade the state with a current "
            "Terraform, or pass `terraform show -json` output instead."
        )
    return list(_from_v4(data, source))


def _from_v4(data: dict, source: str) -> Iterator[StateEntry]:
    resources = data.get("resources") or []
    if not isinstance(resources, list):
        raise BadInput(f'{source}: the state\'s "resources" is not a list; the file is damaged.')
    for resource in resources:
        _check_entry(resource, source)
        try:
            if resource.get("mode", "managed") != "managed":
                continue  # data sources read; they manage nothing
            module = resource.get("module") or ""
            base = f"{resource['type']}.{resource['name']}"
            for instance in resource.get("instances") or []:
                address = base + _index_suffix(instance.get("index_key"))
                yield _entry(
                    f"{module}.{address}" if module else address,
                    resource["type"],
                    module,
                    instance.get("attributes") or _flat_attributes(instance),
                    source,
                )
        except (KeyError, TypeError, AttributeError) as exc:
            raise BadInput(f"{source}: a resource entry of the state is damaged (missing {exc}).") from exc


def _flat_attributes(instance: dict) -> dict[str, Any]:
    """States from Terraform 0.11 upgrades may still carry flat "attributes_flat"."""
    return dict(instance.get("attributes_flat") or {})


def _from_show_json(data: dict, source: str) -> Iterator[StateEntry]:
    values = data.get("values") or {}
    if not isinstance(values, dict):
        raise BadInput(f'{source}: "values" of the state is damaged (not an object).')
    root = values.get("root_module")
    if root is None:
        return  # an empty state
    yield from _walk_module(root, "", source)


def _walk_module(module: dict, prefix: str, source: str) -> Iterator[StateEntry]:
    if not isinstance(module, dict):
        raise BadInput(f"{source}: a module of the state is damaged (not an object).")
    for resource in module.get("resources") or []:
        _check_entry(resource, source)
        if resource.get("mode", "managed") != "managed":
            continue
        try:
            address = resource.get("address") or (
                f"{prefix + '.' if prefix else ''}{resource['type']}.{resource['name']}"
                + _index_suffix(resource.get("index"))
            )
            yield _entry(address, resource["type"], prefix, resource.get("values") or {}, source)
        except (KeyError, TypeError) as exc:
            raise BadInput(f"{source}: a resource of the state is damaged (missing {exc}).") from exc
    for child in module.get("child_modules") or []:
        address = child.get("address", prefix) if isinstance(child, dict) else None
        if not isinstance(address, str):
            raise BadInput(f"{source}: a module of the state is damaged (no address).")
        yield from _walk_module(child, address, source)


def _check_entry(resource: Any, source: str) -> None:
    """A resource entry must have the shape every later step relies on."""
    if not isinstance(resource, dict):
        raise BadInput(f"{source}: a resource entry of the state is damaged (not an object).")
    for name in ("type", "name"):
        if name in resource and not isinstance(resource[name], str):
            raise BadInput(f"{source}: a resource entry of the state is damaged ({name} is not a string).")
    if not isinstance(resource.get("module", ""), str):
        raise BadInput(f"{source}: a resource entry of the state is damaged (module is not a string).")
    if not isinstance(resource.get("address", ""), str):
        raise BadInput(f"{source}: a resource entry of the state is damaged (address is not a string).")
    if not isinstance(resource.get("values") or {}, dict) or not isinstance(resource.get("instances") or [], list):
        raise BadInput(f"{source}: a resource entry of the state is damaged ({resource.get('type')}).")
    for instance in resource.get("instances") or []:
        if not isinstance(instance, dict) or not isinstance(instance.get("attributes") or {}, dict):
            raise BadInput(f"{source}: an instance of {resource.get('type')} in the state is damaged.")


def load_bytes(raw: bytes, source: str) -> list[StateEntry]:
    return parse_state(parse_json(raw, f"{source} is not a readable Terraform state:"), source)
