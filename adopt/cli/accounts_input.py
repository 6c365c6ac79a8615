"""Commands that read an inventory also take the directory of a scan of
several accounts (``adopt scan --org --output DIR``): they run per account."""

from __future__ import annotations

import os
from collections.abc import Iterator
from typing import Any

from ..errors import BadInput
from ..model import Inventory
from .common import Existing


def is_accounts_dir(inventory_path: str) -> bool:
    return os.path.isdir(inventory_path)


def each_account(directory: str, existing: Existing, command: str) -> Iterator[tuple[dict[str, Any], Inventory]]:
    """Each scanned account's index entry and inventory, in the index's order;
    accounts that could not be scanned (no inventory) are left out."""
    from ..scan.organization import load_account, load_index

    refuse_existing(directory, existing, command)
    for entry in load_index(directory)["accounts"]:
        if entry["inventory"]:
            yield entry, load_account(directory, entry)


def refuse_existing(directory: str, existing: Existing, command: str) -> None:
    """One --state or --config cannot say what every account's Terraform holds."""
    if existing.states or existing.configs:
        raise BadInput(
            f"{directory} holds several accounts, each with its own Terraform: run `adopt {command}` on one "
            "account's inventory file with its --state/--config."
        )


def account_heading(entry: dict[str, Any]) -> str:
    name = f" ({entry['name']})" if entry.get("name") else ""
    return f"Account {entry['id']}{name}"
