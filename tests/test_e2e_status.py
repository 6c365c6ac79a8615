"""End to end: half of the demo estate is in Terraform state kept in moto's S3
(two workspaces), a quarter is declared in code, and `adopt status` and
`adopt generate --state --config` must tell them apart."""

from __future__ import annotations

import json
import re
import shutil

import boto3
from coverage_kit import check_module, module_states
from helpers import excluding_what_the_emulator_fails, run_cli

from adopt.demo.estate import PRIMARY_REGION, seed
from adopt.emit.generate import Generator, write_module
from adopt.model import Inventory, Resource
from adopt.schema import bundled
from adopt.writers import hcl
from adopt.writers.hcl import Line

MANAGED_TYPES = {
    "aws_vpc", "aws_internet_gateway", "aws_route_table", "aws_route", "aws_security_group",
    "aws_vpc_security_group_ingress_rule", "aws_vpc_security_group_egress_rule",
    "aws_iam_role", "aws_iam_instance_profile",
}  # fmt: skip
INLINE_TYPES = {"aws_route", "aws_vpc_security_group_ingress_rule", "aws_vpc_security_group_egress_rule"}
STAGING_TYPES = {"aws_iam_role", "aws_iam_instance_profile"}  # kept in another workspace
DECLARED_TYPES = {"aws_subnet", "aws_route_table_association", "aws_iam_role_policy_attachment", "aws_iam_role_policy"}
STATE_BUCKET = "acme-terraform-state"


def state_document(entries: list[tuple[str, str, dict]]) -> dict:
    """A state as Terraform 1.x writes it: (module, address-in-module, attributes) per instance."""
    resources = []
    for module, address, attributes in entries:
        tf_type, name = address.split(".")
        resource = {
            "mode": "managed", "type": tf_type, "name": name,
            "provider": 'provider["registry.terraform.io/hashicorp/aws"]',
            "instances": [{"schema_version": 0, "attributes": attributes, "sensitive_attributes": []}],
        }  # fmt: skip
        if module:
            resource["module"] = module
        resources.append(resource)
    return {"version": 4, "terraform_version": "1.9.5", "serial": 1, "lineage": "e2e", "outputs": {},
            "resources": resources, "check_results": None}  # fmt: skip


def inline_rules(group: Resource, rules: list[Resource], direction: str) -> list[dict]:
    out = []
    for rule in rules:
        a = rule.attributes
        if rule.type != f"aws_vpc_security_group_{direction}_rule" or a["security_group_id"] != group.id:
            continue
        all_traffic = a["ip_protocol"] == "-1"
        out.append({
            "protocol": a["ip_protocol"], "from_port": 0 if all_traffic else a["from_port"],
            "to_port": 0 if all_traffic else a["to_port"], "cidr_blocks": [a["cidr_ipv4"]] if "cidr_ipv4" in a else [],
            "security_groups": [a["referenced_security_group_id"]] if "referenced_security_group_id" in a else [],
            "ipv6_cidr_blocks": [], "prefix_list_ids": [], "self": False,
        })  # fmt: skip
        if a.get("description"):
            out[-1]["description"] = a["description"]
    return out


def inline_routes(table: Resource, resources: list[Resource]) -> list[dict]:
    return [
        {"cidr_block": x.attributes["destination_cidr_block"], "gateway_id": x.attributes.get("gateway_id", "")}
        for x in resources
        if x.type == "aws_route" and x.attributes["route_table_id"] == table.id
    ]


def with_inline_blocks(text: str, tf_type: str, label: str, blocks: list[tuple[str, dict]]) -> str:
    """Add inline blocks (``ingress {...}``) at the end of one resource block, fmt-canonical."""
    start = text.index(f'resource "{tf_type}" "{label}" {{')
    end = text.index("\n}\n", start)
    lines = []
    for name, values in blocks:
        lines += [Line(1, ""), Line(1, f"{name} {{"), *hcl.assignments(list(values.items()), 2), Line(1, "}")]
    return text[:end] + "\n" + hcl.render(lines).rstrip("\n") + text[end:]


def test_status_and_generate_against_state_in_s3_and_code(moto, tmp_path, tf_engine):
    seed(moto.endpoint, boto3.session.Session())
    inventory_path = tmp_path / "inventory.json"
    scan = run_cli(
        "scan",
        "--endpoint-url",
        moto.endpoint,
        "--region",
        PRIMARY_REGION,
        *excluding_what_the_emulator_fails(),
        "--output",
        str(inventory_path),
    )
    assert scan.code == 0, scan.output
    inventory = Inventory.load(str(inventory_path))
    by_kind = {"managed": [], "declared": [], "unmanaged": []}
    for r in inventory.resources:
        kind = "managed" if r.type in MANAGED_TYPES else "declared" if r.type in DECLARED_TYPES else "unmanaged"
        by_kind[kind].append(r)
    assert [len(v) for v in by_kind.values()] == [18, 10, 8]

    # The user's repository: code for the managed resources (the VPC inside a
    # local module), and adopt-generated code with import blocks for the
    # declared quarter, applied to nothing yet.
    repo = tmp_path / "repo"
    managed_code = Generator(
        Inventory("1", [PRIMARY_REGION], [r for r in by_kind["managed"] if r.type not in INLINE_TYPES]), bundled(), "x"
    ).build()
    addresses = {e.resource.key: e.address for e in managed_code.entries}
    vpc = next(r for r in by_kind["managed"] if r.type == "aws_vpc")
    module_dir = repo / "modules" / "network"
    module_dir.mkdir(parents=True)
    vpc_block = managed_code.files["ec2.tf"].split('resource "aws_vpc" "main" {')[1].split("\n}\n")[0]
    (module_dir / "main.tf").write_text(
        'resource "aws_vpc" "this" {' + vpc_block + '\n}\n\noutput "vpc_id" {\n  value = aws_vpc.this.id\n}\n'
    )
    root_ec2 = managed_code.files["ec2.tf"].replace('resource "aws_vpc" "main" {' + vpc_block + "\n}\n", "")
    # Their code keeps rules and routes inline, the older way.
    for r in by_kind["managed"]:
        label = addresses.get(r.key, "").split(".")[-1]
        if r.type == "aws_security_group":
            blocks = [(d, rule) for d in ("ingress", "egress") for rule in inline_rules(r, by_kind["managed"], d)]
            root_ec2 = with_inline_blocks(root_ec2, r.type, label, blocks)
        if r.type == "aws_route_table":
            routes = inline_routes(r, by_kind["managed"])
            if routes:
                root_ec2 = with_inline_blocks(root_ec2, r.type, label, [("route", x) for x in routes])
    (repo / "main_ec2.tf").write_text(root_ec2.replace("aws_vpc.main.id", "module.network.vpc_id"))
    (repo / "main_iam.tf").write_text(managed_code.files["iam.tf"])
    (repo / "network.tf").write_text('module "network" {\n  source = "./modules/network"\n}\n')
    for name in ("versions.tf", "providers.tf"):
        (repo / name).write_text(managed_code.files[name])

    # Their state, in S3: most in the default workspace, IAM in "staging".
    default, staging = [], []
    for r in by_kind["managed"]:
        if r.type in INLINE_TYPES:
            continue
        attributes = {"id": r.id, **({"arn": r.arn} if r.arn else {}), **r.attributes}
        if r.type == "aws_security_group":
            attributes["ingress"] = inline_rules(r, by_kind["managed"], "ingress")
            attributes["egress"] = inline_rules(r, by_kind["managed"], "egress")
        if r.type == "aws_route_table":
            attributes["route"] = inline_routes(r, by_kind["managed"])
        if r.type == "aws_vpc":
            entry = ("module.network", "aws_vpc.this", attributes)
        else:
            entry = ("", addresses[r.key], attributes)
        (staging if r.type in STAGING_TYPES else default).append(entry)
    s3 = moto.client("s3")
    s3.create_bucket(Bucket=STATE_BUCKET)
    s3.put_object(Bucket=STATE_BUCKET, Key="prod/terraform.tfstate", Body=json.dumps(state_document(default)))
    s3.put_object(
        Bucket=STATE_BUCKET, Key="env:/staging/prod/terraform.tfstate", Body=json.dumps(state_document(staging))
    )
    s3.put_object(Bucket=STATE_BUCKET, Key="other/terraform.tfstate", Body=b"not this one")

    # The declared quarter: written but not applied.
    declared_dir = tmp_path / "declared"
    write_module(
        Generator(Inventory("1", [PRIMARY_REGION], by_kind["declared"]), bundled(), "x").build(), str(declared_dir)
    )
    for name in ("ec2.tf", "iam.tf", "imports.tf"):
        (repo / f"declared_{name}").write_text((declared_dir / name).read_text())
    (repo / ".adoptignore").write_text(f"aws_s3_bucket.{STATE_BUCKET}\n")

    state_args = ["--state", f"s3://{STATE_BUCKET}/prod/terraform.tfstate", "--config", str(repo),
                  "--endpoint-url", moto.endpoint, "--ignore-file", str(repo / ".adoptignore")]  # fmt: skip
    result = run_cli("status", "--inventory", str(inventory_path), "--json", *state_args)
    assert result.code == 0, result.output
    report = json.loads(result.stdout)
    status_of = {(r["type"], r["id"]): r for r in report["resources"]}
    for kind, resources in by_kind.items():
        for r in resources:
            assert status_of[(r.type, r.id)]["status"] == kind, (r.type, r.id, status_of[(r.type, r.id)])
    assert status_of[("aws_vpc", vpc.id)]["address"] == "module.network.aws_vpc.this"
    role = next(r for r in by_kind["managed"] if r.type == "aws_iam_role")
    assert "env:/staging/" in status_of[("aws_iam_role", role.id)]["detail"]
    rule = next(r for r in by_kind["managed"] if r.type == "aws_vpc_security_group_ingress_rule")
    assert status_of[(rule.type, rule.id)]["detail"].startswith("inline in aws_security_group.")
    assert report["summary"] == {
        "managed": 18,
        "declared": 10,
        "ignored": 0,
        "unmanaged": 8,
        "unsupported": 0,
        "total": 36,
    }

    text = run_cli("status", "--inventory", str(inventory_path), *state_args)
    assert text.stdout.strip().endswith("36 resources: 18 managed, 10 declared, 0 ignored, 8 unmanaged, 0 unsupported")

    out = tmp_path / "adopted"
    result = run_cli("generate", "--inventory", str(inventory_path), "--out", str(out), *state_args)
    assert result.code == 0, result.output
    imports = (out / "imports.tf").read_text()
    # The three servers are one family: one import block with for_each over their locals.
    assert imports.count("import {") == 6 and "to       = aws_instance.server[each.key]" in imports
    written = "".join(path.read_text() for path in out.glob("*.tf"))
    for r in by_kind["unmanaged"]:
        assert f'"{r.import_id}"' in written
    ec2 = (out / "ec2.tf").read_text()
    assert re.search(
        r"vpc_security_group_ids = \[aws_security_group\.(app|web)\.id, aws_security_group\.(app|web)\.id\]", ec2
    )
    assert "iam_instance_profile   = aws_iam_instance_profile.app_server.name" in ec2
    # Declared in the user's root module, by the for_each import block of its family.
    assert 'subnet_id              = aws_subnet.public["public_a"].id' in ec2
    assert 'resource "aws_vpc"' not in ec2

    # Together with the user's code and state, the Terraform engine agrees.
    # The engine check runs without `terraform init`, which a local module
    # needs, so the module's VPC moves into the root for this last step.
    for path in out.glob("*.tf"):
        if path.name not in ("versions.tf", "providers.tf"):
            shutil.copy(path, repo / f"adopted_{path.name}")
    (repo / "network.tf").write_text((module_dir / "main.tf").read_text().split("\noutput")[0])
    shutil.rmtree(repo / "modules")
    main_ec2 = repo / "main_ec2.tf"
    main_ec2.write_text(main_ec2.read_text().replace("module.network.vpc_id", "aws_vpc.this.id"))
    local_state = state_document([("", address, a) if m else (m, address, a) for m, address, a in default + staging])
    (repo / "terraform.tfstate").write_text(json.dumps(local_state))
    (repo / ".adoptignore").unlink()
    # What the stand-in imports: the inventory's IDs, ARNs and exports (the
    # role's policy names the bucket's ARN inside a string).
    check_module(repo, tf_engine, expected_imports=18, states=module_states(out))
