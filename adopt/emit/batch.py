"""Write one batch of a plan into a directory, usually the user's root module."""

from __future__ import annotations

import os
import re

from ..batches.plan import Plan, validate
from ..catalog.secrets import SECRETS_VARIABLE
from ..errors import BadInput
from ..existing.status import Ownership, load_ownership
from ..model import Inventory
from ..refs import Target, TargetIndex
from ..schema import Schema
from .families import local_names
from .generate import BatchContext, Generator, Module
from .providers import module_providers

_PROVIDER_BLOCK = re.compile(r'^\s*provider\s+"aws"\s*\{', re.M)


def inventory_path_for(plan: Plan, plan_path: str) -> str:
    """Where the plan's inventory is: as named in the plan, or next to the plan file."""
    candidates = [plan.inventory, os.path.join(os.path.dirname(os.path.abspath(plan_path)), plan.inventory)]
    for candidate in candidates:
        if candidate and os.path.exists(candidate):
            return candidate
    raise BadInput(f"The inventory {plan.inventory!r} named by {plan_path} cannot be found.")


def inventory_for(plan: Plan, plan_path: str) -> Inventory:
    return Inventory.load(inventory_path_for(plan, plan_path))


def role_for(inventory_path: str, inventory: Inventory) -> str | None:
    """The role an account of a multi-account scan was entered through, from
    the ``index.json`` beside its inventory: its batches' providers assume it,
    as its whole module's do, so that Terraform acts in that account and not
    in the one whose credentials run it."""
    from ..scan.organization import INDEX, load_index

    directory = os.path.dirname(os.path.abspath(inventory_path))
    if not os.path.isfile(os.path.join(directory, INDEX)):
        return None
    name = os.path.basename(inventory_path)
    for entry in load_index(directory)["accounts"]:
        if entry["inventory"] == name:
            if inventory.account_id not in (None, entry["id"]):
                raise BadInput(
                    f"{inventory_path} holds account {inventory.account_id}, but {INDEX} says {entry['id']}."
                )
            return entry["role_arn"]
    return None


def ownership_for(plan: Plan, session_factory) -> Ownership | None:
    options = plan.ownership
    if not any(options.get(k) for k in ("state", "config", "ignore_file")):
        return None
    return load_ownership(
        list(options.get("state") or []), list(options.get("config") or []), options.get("ignore_file"), session_factory
    )


def user_has_providers(out_dir: str) -> bool:
    """Does the target module configure the aws provider in files of its own?"""
    if not os.path.isdir(out_dir):
        return False
    for name in os.listdir(out_dir):
        if name.endswith(".tf") and not name.startswith("adopt_"):
            with open(os.path.join(out_dir, name), encoding="utf-8", errors="replace") as fh:
                if _PROVIDER_BLOCK.search(fh.read()):
                    return True
    return False


def build_batch(
    plan_path: str, number: int, schema: Schema, out_dir: str, session_factory, secrets: str = SECRETS_VARIABLE
) -> Module:
    plan = Plan.load(plan_path)
    inventory_path = inventory_path_for(plan, plan_path)
    inventory = Inventory.load(inventory_path)
    checked = validate(plan, inventory, plan_path)
    batch = next((b for b in plan.batches if b.number == number), None)
    if batch is None:
        numbers = ", ".join(str(b.number) for b in plan.batches) or "none"
        raise BadInput(f"{plan_path} has no batch {number} (batches: {numbers}).")
    keys = [k for k, n in checked.batch_of.items() if n == number]
    resources = [checked.by_key[k] for k in sorted(keys)]
    labels = {k: checked.label_of(k) for k in keys}
    earlier: TargetIndex[Target] = TargetIndex(
        (checked.by_key[k], Target(checked.address_of[k], k.region, k))
        for k, n in checked.batch_of.items()
        if n < number
    )
    in_batch = {checked.address_of[k] for k in keys}
    literal = {(a, path): why for (a, path), why in plan.literal.items() if a in in_batch}
    sub = Inventory(inventory.account_id, inventory.regions, resources, inventory.errors)
    context = BatchContext(
        number=number,
        title=f"Adopt batch {number}: {batch.name}",
        labels=labels,
        earlier=earlier,
        literal=literal,
        providers=not user_has_providers(out_dir),
        groups=[g for g in checked.groups if checked.batch_of[g.members[0][0]] == number],
        # Over the whole plan: every batch's families share the root module's locals.
        locals=local_names([(g.type, g.label) for g in checked.groups]),
        provider_names=tuple(module_providers(inventory)),
    )
    return Generator(
        sub,
        schema,
        source=os.path.basename(plan_path),
        ownership=ownership_for(plan, session_factory),
        batch=context,
        secrets=secrets,
        provider_role=role_for(inventory_path, inventory),
    ).build()
