"""What converge chose for each generated resource, kept in ``.adopt-converge.json``
beside the manifest so that a later run (and a later ``generate``) starts from it.

The file is read back as untrusted input: a damaged one is refused with the
entry named, never half-used.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from typing import Any

from ..errors import BadInput
from ..fileio import write_json

STATE_FILE = ".adopt-converge.json"
STATE_FORMAT = "adopt-converge/1"


@dataclass
class ResourceChoices:
    """Converge's choices for one resource, by address."""

    # Argument -> the value written in place of the inventory's (None: left out).
    arguments: dict[str, Any] = field(default_factory=dict)
    ignore: list[str] = field(default_factory=list)  # arguments added to lifecycle.ignore_changes
    ignore_why: dict[str, str] = field(default_factory=dict)  # why each was ignored
    # Values the provider did not accept back (they still differed once written): not tried again.
    rejected: dict[str, Any] = field(default_factory=dict)

    @property
    def empty(self) -> bool:
        return not (self.arguments or self.ignore or self.rejected)

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {}
        if self.arguments:
            data["arguments"] = self.arguments
        if self.ignore:
            data["ignore"] = self.ignore
            data["ignore_why"] = {name: why for name, why in self.ignore_why.items() if name in self.ignore}
        if self.rejected:
            data["rejected"] = self.rejected
        return data

    @classmethod
    def from_json(cls, data: Any, where: str) -> ResourceChoices:
        if not isinstance(data, dict):
            raise BadInput(f"{where} is not an object")
        arguments, ignore = data.get("arguments", {}), data.get("ignore", [])
        ignore_why, rejected = data.get("ignore_why", {}), data.get("rejected", {})
        if not isinstance(arguments, dict) or not all(isinstance(k, str) for k in arguments):
            raise BadInput(f'{where}: "arguments" is not an object')
        if not isinstance(ignore, list) or not all(isinstance(name, str) for name in ignore):
            raise BadInput(f'{where}: "ignore" is not a list of argument names')
        if not isinstance(ignore_why, dict) or not all(
            isinstance(k, str) and isinstance(v, str) for k, v in ignore_why.items()
        ):
            raise BadInput(f'{where}: "ignore_why" is not a map of strings')
        if not isinstance(rejected, dict) or not all(isinstance(k, str) for k in rejected):
            raise BadInput(f'{where}: "rejected" is not an object')
        return cls(dict(arguments), list(ignore), dict(ignore_why), dict(rejected))


@dataclass
class Edit:
    """What one round changes in one resource's choices."""

    arguments: dict[str, Any] = field(default_factory=dict)  # argument -> value to write
    ignore: dict[str, str] = field(default_factory=dict)  # argument -> why it is ignored from now on


@dataclass
class ConvergeState:
    resources: dict[str, ResourceChoices] = field(default_factory=dict)

    def get(self, address: str) -> ResourceChoices:
        """The choices for an address, to read (empty when there are none)."""
        return self.resources.get(address) or ResourceChoices()

    def record(self, address: str) -> ResourceChoices:
        """The choices for an address, to change."""
        return self.resources.setdefault(address, ResourceChoices())

    def apply(self, address: str, edit: Edit) -> None:
        record = self.record(address)
        record.arguments.update(edit.arguments)
        for name, why in edit.ignore.items():
            if name not in record.ignore:
                record.ignore.append(name)
            record.ignore_why[name] = why

    @classmethod
    def load(cls, module_dir: str) -> ConvergeState:
        path = os.path.join(module_dir, STATE_FILE)
        try:
            with open(path, encoding="utf-8") as fh:
                data = json.load(fh)
        except FileNotFoundError:
            return cls()
        except (OSError, ValueError) as exc:
            raise BadInput(f"{path} is damaged ({exc}); remove it to start over.") from exc
        if not isinstance(data, dict) or data.get("format") != STATE_FORMAT:
            raise BadInput(f"{path} is not adopt's converge file; remove it to start over.")
        resources = data.get("resources", {})
        try:
            if not isinstance(resources, dict):
                raise BadInput('"resources" is not an object')
            return cls({str(a): ResourceChoices.from_json(r, f"resource {a}") for a, r in resources.items()})
        except BadInput as exc:
            raise BadInput(f"{path} is damaged ({exc}); remove it to start over.") from exc

    def save(self, module_dir: str) -> None:
        kept = {address: r.to_json() for address, r in sorted(self.resources.items()) if not r.empty}
        write_json(
            os.path.join(module_dir, STATE_FILE), {"format": STATE_FORMAT, "resources": kept}, ensure_ascii=False
        )
