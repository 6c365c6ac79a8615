"""One root module per account of a multi-account scan, and a README over all.

``adopt scan --org`` writes ``DIR/<account-id>.json`` and ``DIR/index.json``;
here each account's inventory becomes ``OUT/<account-id>/``, a module that
plans on its own, whose providers assume the role the account was scanned
through.  ``OUT/README.md`` says what each module holds and which accounts
could not be scanned.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from ..model import Inventory
from ..scan.organization import load_account, load_index
from ..writers import markdown
from .generate import Generator, Module, write_module
from .manifest import write_files


@dataclass
class AccountModule:
    entry: dict[str, Any]
    module: Module | None  # None: nothing was scanned in this account


def generate_accounts(
    directory: str,
    out_dir: str,
    build: Callable[[Inventory, str, str | None], Generator],
    force: bool = False,
) -> list[AccountModule]:
    """Every account's module into ``out_dir/<account-id>/`` and the README.
    ``build(inventory, source, role_arn)`` makes the generator of one account."""
    results = []
    for entry in load_index(directory)["accounts"]:
        if not entry["inventory"]:
            results.append(AccountModule(entry, None))
            continue
        inventory = load_account(directory, entry)
        module = build(inventory, entry["inventory"], entry["role_arn"]).build()
        account_dir = os.path.join(out_dir, entry["id"])
        write_module(
            module, account_dir, force=force, inventory=os.path.abspath(os.path.join(directory, entry["inventory"]))
        )
        results.append(AccountModule(entry, module))
    write_files({"README.md": readme(results)}, out_dir, force=force)
    return results


def readme(results: list[AccountModule]) -> str:
    rows = []
    for result in results:
        entry = result.entry
        where = markdown.Markdown(f"[{entry['id']}/]({entry['id']}/ADOPTION.md)") if result.module else "not written"
        count = len(result.module.entries) if result.module else 0
        rows.append([entry["id"], entry["name"], ", ".join(entry["regions"]), count, where])
    problems = [r.entry for r in results if r.entry["problem"]]
    lines = [
        "# Adoption of an organization",
        "",
        "One root module per account: each plans and applies on its own, with its own state, "
        "and its providers assume the role the account was scanned through.",
        "",
        markdown.table(
            ["Account", "Name", "Regions", "To import", "Module"], rows, ["left", "left", "left", "right", "left"]
        ),
        "",
    ]
    if problems:
        lines += ["## Not fully scanned", ""]
        lines += [f"- {markdown.code(e['id'])}: {markdown.text(e['problem'])}" for e in problems]
        lines.append("")
    return "\n".join(lines)
