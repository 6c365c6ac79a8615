"""`adopt demo`: emulate an estate, scan it, generate its Terraform."""

from __future__ import annotations

import os
from collections import Counter
from typing import Any

import boto3

from ..aws.session import AwsSession
from ..catalog import registry
from ..drift import find_families
from ..drift.baseline import summary
from ..drift.report import adoption_note, markdown, summary_lines
from ..emit.generate import Generator, write_module
from ..model import Inventory
from ..scan.engine import Scanner
from ..schema import bundled
from .estate import PRIMARY_REGION, REPLICA_REGION, seed
from .server import DEMO_CREDENTIALS, moto_server

REGIONS = [PRIMARY_REGION, REPLICA_REGION]


def run_demo(out_dir: str, out: Any) -> Inventory:
    with moto_server() as endpoint:
        out.note(f"Emulated AWS running at {endpoint}; building the demo estate...")
        seeded = seed(endpoint, boto3.session.Session(**DEMO_CREDENTIALS))
        session = AwsSession(
            endpoint_url=endpoint,
            credentials=DEMO_CREDENTIALS,
            default_region=PRIMARY_REGION,
        )
        # The types the estate holds: the emulator cannot answer every type's
        # listing, and asking would only fill the demo with its failures.
        specs = [spec for spec in registry.all_specs() if spec.tf_type in seeded.import_ids]
        inventory = Scanner(session, REGIONS, specs).run()
    os.makedirs(out_dir, exist_ok=True)
    inventory_path = os.path.join(out_dir, "adopt-inventory.json")
    inventory.save(inventory_path)
    module = Generator(inventory, bundled(), source="adopt-inventory.json").build()
    # The servers meant to be identical drifted apart: the first thing to see.
    families = find_families(inventory.resources, bundled())
    if families:
        module.files["DRIFT.md"] = markdown(families, inventory.resources, source="adopt-inventory.json")
        module.files["ADOPTION.md"] += adoption_note(families, link="DRIFT.md")
    write_module(module, out_dir)
    follow_up = None
    if families:
        # The change after the adoption: the members at their family's baseline.
        follow_up = Generator(inventory, bundled(), source="adopt-inventory.json", baseline=True).build()
        write_module(follow_up, os.path.join(out_dir, "baseline"))

    counts = Counter(r.type for r in inventory.resources)
    out.info(f"Demo estate: {seeded.total} resources built by hand in {', '.join(REGIONS)}.")
    out.info(f"Scan found {len(inventory.resources)} unmanaged resources of {len(counts)} types:")
    for tf_type, count in sorted(counts.items()):
        out.info(f"  {count:>3}  {tf_type}")
    if families:
        out.info("")
        out.info(f"Alike resources that drifted apart (adopt drift; details in {os.path.join(out_dir, 'DRIFT.md')}):")
        for line in summary_lines(families, inventory.resources):
            out.info(f"  {line}")
        if follow_up is not None:
            members, changes, held = summary(follow_up.convergences or [])
            out.info(
                f"The follow-up that removes it (adopt drift --baseline) is in {os.path.join(out_dir, 'baseline')}/: "
                f"{changes} change(s) to {members} member(s), {held} kept as they are, "
                "to apply after the adoption."
            )
    out.info("")
    out.info(f"Terraform written to {out_dir}/ ({', '.join(sorted(module.files))}).")
    out.info(f"Review {os.path.join(out_dir, 'ADOPTION.md')}; against a real account, `terraform plan` would show:")
    out.info(f"  Plan: {len(module.entries)} to import, 0 to add, 0 to change, 0 to destroy.")
    return inventory
