"""Bad input gets one clear message and exit 2, and nothing is written.

Each case runs the CLI's entry point (``adopt.cli.main``, what the ``adopt``
command runs) in this process, for speed; a few run the real command in a
subprocess too.  Then hypothesis feeds malformed inventories, states and plans
to the stages that read them: each must either work or refuse with a clean
error (``BadInput``), never crash.
"""

from __future__ import annotations

import contextlib
import copy
import io
import json
import os
import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest
from helpers import ROOT, run_cli
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from adopt.batches.plan import Plan, make_plan, validate
from adopt.emit.generate import Generator
from adopt.errors import BadInput
from adopt.existing.status import UNMANAGED, Ownership, classify
from adopt.existing.tfstate import load_bytes
from adopt.model import Inventory
from adopt.schema import bundled

FIXTURE = ROOT / "fixtures" / "safety" / "inventory.json"
STATES = ROOT / "fixtures" / "states"


@dataclass
class Result:
    code: int
    stdout: str
    stderr: str

    @property
    def output(self) -> str:
        return self.stdout + self.stderr


def adopt(*args: str) -> Result:
    """The CLI's entry point, in this process."""
    from adopt.cli import main

    out, err = io.StringIO(), io.StringIO()
    code = 0
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            main([str(a) for a in args])
        except SystemExit as exc:
            code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
    return Result(code, out.getvalue(), err.getvalue())


def files_in(directory: Path) -> set[str]:
    return {str(p.relative_to(directory)) for p in directory.rglob("*")}


def assert_refused(result: Result, *fragments: str, code: int = 2) -> None:
    assert result.code == code, result.output
    assert "Traceback" not in result.output and "unexpectedly" not in result.output, result.output
    assert result.stderr.startswith("Error: "), result.stderr
    for fragment in fragments:
        assert fragment in result.stderr, result.stderr


@pytest.fixture
def work(tmp_path, monkeypatch):
    """A working directory holding a valid inventory (a real scan of the demo
    estate plus secret-bearing resources)."""
    monkeypatch.chdir(tmp_path)
    shutil.copy(FIXTURE, tmp_path / "inventory.json")
    shutil.copy(FIXTURE, tmp_path / "adopt-inventory.json")  # the default
    return tmp_path


def refused_writing_nothing(work: Path, *args: str, fragments: tuple[str, ...], code: int = 2) -> Result:
    before = files_in(work)
    result = adopt(*args)
    assert_refused(result, *fragments, code=code)
    assert files_in(work) == before, "nothing may be written"
    return result


# -- unknown type names ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "args, fragments",
    [
        (
            ["scan", "--include", "aws_lamda_function"],
            ["Unknown resource type 'aws_lamda_function'", "Did you mean aws_lambda_function, "],
        ),
        (
            ["scan", "--include", "aws_vpc", "--include", "aws_securitygroup"],
            # The closest first, then others close enough.
            ["'aws_securitygroup'", "Did you mean aws_security_group, ", "aws_vpc_security_group_egress_rule"],
        ),
        (["scan", "--exclude", "aws_nothing_*"], ["Unknown resource type 'aws_nothing_*'", "`adopt types` lists"]),
        (["plan", "--select", "type:aws_subnett"], ["Unknown resource type 'aws_subnett'", "Did you mean aws_subnet"]),
        (["plan", "--select", "aws_s3_bucket_polcy"], ["Did you mean aws_s3_bucket_policy, aws_s3_bucket"]),
    ],
    ids=["include", "one-of-several", "exclude-wildcard", "plan-select", "plan-select-bare"],
)
def test_unknown_type_names_suggest_the_closest(work, args, fragments):
    # No AWS is reached: an unusable endpoint would fail differently.
    extra = ["--endpoint-url", "http://127.0.0.1:9", "--region", "us-east-1"] if args[0] == "scan" else []
    refused_writing_nothing(work, *args, *extra, fragments=tuple(fragments))


def test_unknown_type_in_the_real_command(tmp_path):
    result = run_cli("scan", "--include", "aws_iam_rol", "--region", "us-east-1", "--output", str(tmp_path / "i.json"))
    assert result.code == 2 and "Traceback" not in result.output
    assert "Did you mean aws_iam_role, aws_iam_group, aws_iam_policy?" in result.stderr
    assert not (tmp_path / "i.json").exists()


# -- corrupt inventories, for every command that reads one --------------------------------------------


def _valid() -> dict:
    return json.loads(FIXTURE.read_text())


def _with(change) -> bytes:
    data = _valid()
    change(data)
    return json.dumps(data).encode()


CORRUPT_INVENTORIES = {
    "truncated": (FIXTURE.read_bytes()[: len(FIXTURE.read_bytes()) * 3 // 5], ["not valid JSON", "truncated"]),
    "empty": (b"", ["not valid JSON"]),
    "binary": (b"\x1f\x8b\x08\x00\xff\xfe garbage", ["cannot be read"]),
    "a state instead": ((STATES / "modules.tfstate").read_bytes(), ["not an adopt inventory", "adopt scan"]),
    "a list": (b"[]", ["not an adopt inventory"]),
    "newer format": (
        _with(lambda d: d.update(format="adopt-inventory/3")),
        ["expected format 'adopt-inventory/2', found 'adopt-inventory/3'"],
    ),
    "entry lacks its id": (_with(lambda d: d["resources"][3].pop("id")), ["damaged adopt inventory"]),
    "resources not a list": (_with(lambda d: d.update(resources="none")), ["damaged adopt inventory"]),
    "tags not a map": (_with(lambda d: d["resources"][0].update(tags="Name=web")), ["damaged adopt inventory"]),
    "reference not an object": (
        _with(lambda d: next(r for r in d["resources"] if r["references"]).update(references=["vpc_id"])),
        ["damaged adopt inventory"],
    ),
}
READERS = {
    "generate": ["generate", "--inventory", "inventory.json", "--out", "out"],
    "status": ["status", "--inventory", "inventory.json"],
    "plan": ["plan", "--inventory", "inventory.json", "--output", "plan.json"],
    "graph": ["graph", "--inventory", "inventory.json", "--output", "graph.dot"],
}


@pytest.mark.parametrize("command", sorted(READERS))
@pytest.mark.parametrize("kind", list(CORRUPT_INVENTORIES))
def test_a_corrupt_inventory_is_refused(work, command, kind):
    content, fragments = CORRUPT_INVENTORIES[kind]
    (work / "inventory.json").write_bytes(content)
    refused_writing_nothing(work, *READERS[command], fragments=("inventory.json", *fragments))


def test_an_inventory_that_is_a_directory(work):
    refused_writing_nothing(
        work, "generate", "--inventory", str(work), "--out", "out", fragments=("is a directory without index.json",)
    )


def test_a_truncated_inventory_in_the_real_command(tmp_path):
    (tmp_path / "inventory.json").write_bytes(FIXTURE.read_bytes()[:1000])
    result = run_cli("generate", "--inventory", "inventory.json", "--out", "out", cwd=tmp_path)
    assert result.code == 2 and "Traceback" not in result.output
    assert "is not valid JSON (line" in result.stderr and "truncated" in result.stderr
    assert not (tmp_path / "out").exists()


# -- states ---------------------------------------------------------------------------------------


def _state(version) -> bytes:
    return json.dumps({"version": version, "terraform_version": "1.9.5", "serial": 1, "resources": []}).encode()


BAD_STATES = {
    "format version 3": ((STATES / "v3.tfstate").read_bytes(), ["format version 3", "adopt reads version 4"]),
    "format version 5": (_state(5), ["format version 5", "adopt reads version 4"]),
    "no version": (json.dumps({"resources": []}).encode(), ["format version None"]),
    "truncated": ((STATES / "truncated.tfstate").read_bytes(), ["not a readable Terraform state", "not valid JSON"]),
    "binary": (b"\x00\xff\xfe", ["not a readable Terraform state"]),
    "not an object": (b'"terraform"', ["not a Terraform state"]),
    "resources damaged": (json.dumps({"version": 4, "resources": {"a": 1}}).encode(), ["damaged"]),
    "instance damaged": (
        json.dumps({"version": 4, "resources": [{"mode": "managed", "name": "x", "instances": [{}]}]}).encode(),
        ["damaged"],
    ),
}


@pytest.mark.parametrize("kind", list(BAD_STATES))
@pytest.mark.parametrize("command", ["status", "generate"])
def test_a_bad_state_is_refused(work, command, kind):
    content, fragments = BAD_STATES[kind]
    (work / "terraform.tfstate").write_bytes(content)
    args = ["--inventory", "inventory.json", "--state", "terraform.tfstate"]
    if command == "generate":
        args += ["--out", "out"]
    refused_writing_nothing(work, command, *args, fragments=("terraform.tfstate", *fragments))


def test_a_state_glob_that_matches_nothing(work):
    refused_writing_nothing(
        work,
        "status",
        "--state",
        "envs/*/terraform.tfstate",
        fragments=("No state file matches envs/*/terraform.tfstate",),
    )


def test_an_s3_state_location_without_a_key(work):
    refused_writing_nothing(
        work,
        "status",
        "--state",
        "s3://bucket-only",
        "--endpoint-url",
        "http://127.0.0.1:9",
        fragments=("s3://bucket-only is not an S3 state location: use s3://BUCKET/KEY",),
    )


# -- Terraform code -------------------------------------------------------------------------------


BROKEN_TF = """resource "aws_vpc" "main" {
  cidr_block = "10.0.0.0/16"
}

resource "aws_subnet" "a" {
  vpc_id = aws_vpc.main.id
  cidr_block = "10.0.1.0/24"
  tags = {
    Name = "a"
  # the closing brace of tags is missing
}
"""


@pytest.mark.parametrize("command", ["status", "generate", "plan"])
def test_unparsable_terraform_code_names_the_file_and_line(work, command):
    code = work / "infra"
    (code / "modules" / "net").mkdir(parents=True)
    (code / "main.tf").write_text('module "net" {\n  source = "./modules/net"\n}\n')
    (code / "modules" / "net" / "subnets.tf").write_text(BROKEN_TF)
    args = {"generate": ["--out", "out"], "plan": ["--output", "plan.json"]}.get(command, [])
    result = refused_writing_nothing(
        work,
        command,
        "--inventory",
        "inventory.json",
        "--config",
        "infra",
        *args,
        fragments=("Cannot parse the Terraform code in", "subnets.tf, line "),
    )
    line = int(result.stderr.split("subnets.tf, line ", 1)[1].split(":")[0])
    assert 8 <= line <= 12, result.stderr


def test_a_config_that_is_not_a_directory(work):
    refused_writing_nothing(
        work, "status", "--config", "inventory.json", fragments=("--config inventory.json is not a directory",)
    )


# -- where output goes ------------------------------------------------------------------------------


def test_an_output_directory_under_a_file(work):
    (work / "notes.txt").write_text("not a directory")
    refused_writing_nothing(
        work, "generate", "--out", "notes.txt/module", fragments=("Cannot write to notes.txt/module",)
    )


def test_an_output_directory_that_is_a_file(work):
    (work / "module").write_text("a file")
    refused_writing_nothing(work, "generate", "--out", "module", fragments=("Cannot write to module",))


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes to read-only directories")
def test_a_read_only_output_directory(work):
    (work / "locked").mkdir()
    (work / "locked").chmod(0o555)
    try:
        refused_writing_nothing(work, "generate", "--out", "locked/module", fragments=("Cannot write to",))
    finally:
        (work / "locked").chmod(0o755)


@pytest.mark.parametrize(
    "args",
    [
        ["scan", "--endpoint-url", "http://127.0.0.1:9", "--region", "us-east-1", "--output", "missing/inv.json"],
        ["plan", "--output", "missing/plan.json"],
        ["graph", "--output", "missing/graph.dot"],
    ],
    ids=["scan", "plan", "graph"],
)
def test_an_output_file_in_a_missing_directory_is_refused_before_any_work(work, args):
    """The output's directory is checked first: a scan must not run for an
    hour and then fail to save (the scan here would find no AWS at all)."""
    refused_writing_nothing(work, *args, fragments=("missing",))


def test_a_damaged_manifest_stops_generation(work):
    assert adopt("generate", "--out", "module").code == 0
    (work / "module" / ".adopt-manifest.json").write_text("{ not json")
    before = {p: p.read_bytes() for p in (work / "module").iterdir()}
    assert_refused(adopt("generate", "--out", "module"), ".adopt-manifest.json is damaged", "remove it")
    assert {p: p.read_bytes() for p in (work / "module").iterdir()} == before


def test_a_file_a_person_changed_is_not_overwritten_without_force(work):
    assert adopt("generate", "--out", "module").code == 0
    edited = work / "module" / "ec2.tf"
    edited.write_text(edited.read_text() + "\n# reviewed by Ana\n")
    result = adopt("generate", "--out", "module")
    assert_refused(result, "Not overwriting ec2.tf", "--force")
    assert edited.read_text().endswith("# reviewed by Ana\n")
    assert adopt("generate", "--out", "module", "--force").code == 0
    assert not edited.read_text().endswith("# reviewed by Ana\n")


# -- plan files ---------------------------------------------------------------------------------------


@pytest.fixture
def planned(work):
    assert adopt("plan", "--output", "plan.json").code == 0
    return json.loads((work / "plan.json").read_text())


def _write_plan(work: Path, plan: dict) -> None:
    (work / "plan.json").write_text(json.dumps(plan))


GHOST = {
    "address": "aws_instance.ghost",
    "type": "aws_instance",
    "id": "i-0123456789abcdef0",
    "region": "us-east-1",
    "import_id": "i-0123456789abcdef0",
}


@pytest.mark.parametrize("command", ["generate", "graph"])
def test_a_plan_naming_a_resource_not_in_the_inventory(work, planned, command):
    planned["batches"][0]["resources"].append(GHOST)
    _write_plan(work, planned)
    args = ["--batch", "1", "--out", "out"] if command == "generate" else ["--output", "g.dot"]
    refused_writing_nothing(
        work,
        command,
        "--plan",
        "plan.json",
        *args,
        fragments=(
            "plan.json cannot be used",
            "batch 1: aws_instance.ghost: aws_instance i-0123456789abcdef0 in us-east-1 is not in the inventory",
        ),
    )


def test_a_plan_with_an_unknown_type(work, planned):
    planned["batches"][0]["resources"].append(dict(GHOST, type="aws_nonsense", address="aws_nonsense.x"))
    _write_plan(work, planned)
    refused_writing_nothing(
        work, "generate", "--plan", "plan.json", "--batch", "1", "--out", "out", fragments=("not in the inventory",)
    )


@pytest.mark.parametrize(
    "change, fragments",
    [
        (lambda p: p.update(batches="all"), ("plan.json is a damaged adopt plan: at batches",)),
        (lambda p: p.update(format="adopt-plan/9"), ("plan.json is not an adopt plan",)),
        (lambda p: p.update(inventory="elsewhere.json"), ("The inventory 'elsewhere.json' named by plan.json",)),
        (
            lambda p: p["batches"][0]["resources"][0].pop("address"),
            ("at batches[0].resources[0], 'address' is a required property",),
        ),
    ],
    ids=["batches-not-a-list", "format", "inventory-missing", "entry-lacks-address"],
)
def test_a_damaged_plan_is_refused(work, planned, change, fragments):
    change(planned)
    _write_plan(work, planned)
    refused_writing_nothing(
        work, "generate", "--plan", "plan.json", "--batch", "1", "--out", "out", fragments=fragments
    )


def test_a_batch_the_plan_does_not_have(work, planned):
    refused_writing_nothing(
        work, "generate", "--plan", "plan.json", "--batch", "99", "--out", "out", fragments=("has no batch 99",)
    )


def test_a_plan_that_is_not_json(work):
    (work / "plan.json").write_text('{"format": "adopt-plan/1", "batches": [')
    refused_writing_nothing(
        work, "generate", "--plan", "plan.json", "--batch", "1", "--out", "out", fragments=("is not valid JSON",)
    )


# -- fuzzing: malformed inventories, states and plans --------------------------------------------------

# Deterministic (derandomized), and bounded: part of every run of the suite.
FUZZ = settings(
    derandomize=True,
    database=None,
    deadline=None,
    max_examples=150,
    # No shrinking (examples are a few edits already, shown as such), and the
    # first bug found is the one reported: a failing run stays quick too.
    phases=[Phase.explicit, Phase.generate],
    report_multiple_bugs=False,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)

# Small values of every JSON kind, including the wrong kinds for every field.
JSON_VALUES = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(-2, 3)
    | st.floats(allow_nan=False, allow_infinity=False, width=16)
    | st.sampled_from(["", "x", "aws_vpc", "id", "us-east-1", "a[0]", "vpc_id", "[0]", "global"]),
    lambda children: (
        st.lists(children, max_size=3) | st.dictionaries(st.sampled_from(["", "id", "type", "x"]), children, max_size=3)
    ),
    max_leaves=5,
)


def _paths(doc, prefix=()):
    if prefix:
        yield prefix
    if isinstance(doc, dict):
        for key, value in doc.items():
            yield from _paths(value, (*prefix, key))
    elif isinstance(doc, list):
        for index, value in enumerate(doc):
            yield from _paths(value, (*prefix, index))


class Mutated:
    """A base document with a few places replaced or deleted; shown as just the edits."""

    def __init__(self, base, edits: list[tuple[tuple, str, object]]) -> None:
        self.edits = edits
        self.doc = copy.deepcopy(base)
        for path, action, value in edits:
            parent = self.doc
            try:
                for step in path[:-1]:
                    parent = parent[step]
                if action == "delete":
                    del parent[path[-1]]
                else:
                    parent[path[-1]] = value
            except (KeyError, IndexError, TypeError):
                continue  # an earlier edit removed this place

    def __repr__(self) -> str:
        return (
            "Mutated("
            + ", ".join(
                f"{action} {list(path)}" + ("" if action == "delete" else f" = {value!r}")
                for path, action, value in self.edits
            )
            + ")"
        )


@st.composite
def mutations(draw, base):
    """``base`` with one to three places replaced by any JSON value, or deleted."""
    places = list(_paths(base))
    edits = []
    for _ in range(draw(st.integers(1, 3))):
        path = draw(st.sampled_from(places))
        if draw(st.booleans()) and not isinstance(path[-1], int):
            edits.append((path, "delete", None))
        else:
            edits.append((path, "set", draw(JSON_VALUES)))
    return Mutated(base, edits)


@st.composite
def truncations(draw, text: bytes):
    return text[: draw(st.integers(0, len(text) - 1))]


FUZZ_TYPES = {
    "aws_vpc", "aws_subnet", "aws_security_group", "aws_vpc_security_group_ingress_rule", "aws_route_table",
    "aws_route", "aws_instance", "aws_iam_role", "aws_iam_role_policy", "aws_s3_bucket", "aws_s3_bucket_versioning",
    "aws_s3_bucket_policy", "aws_lambda_function", "aws_ecs_task_definition", "aws_db_instance", "aws_lb_listener",
    "aws_ssm_parameter",
}  # fmt: skip


def _small_inventory() -> dict:
    """One resource of each of a few types (references, children, secrets, JSON
    documents, nested blocks), so each example runs fast."""
    data = _valid()
    seen, kept = set(), []
    for resource in data["resources"]:
        if resource["type"] in FUZZ_TYPES and resource["type"] not in seen:
            seen.add(resource["type"])
            kept.append(resource)
    assert seen == FUZZ_TYPES
    data["resources"] = kept
    data["errors"] = [
        {"service": "rds", "operation": "describe_db_instances", "region": "eu-west-1", "code": "AccessDenied",
         "message": "denied", "resource_type": "aws_db_instance"}
    ]  # fmt: skip
    return data


SMALL = _small_inventory()


def _every_stage(inventory_path: str) -> None:
    """What generate, status, plan and graph do with an inventory, in this process."""
    from adopt.batches import export as graph_export

    inventory = Inventory.load(inventory_path)
    Generator(inventory, bundled(), source="inventory.json").build()
    report = classify(inventory, Ownership([]))
    plan = make_plan(inventory, inventory_path, report, [], True, None, {})
    validate(plan, inventory, "plan.json")
    statuses = {item.resource.key: item.status for item in report.items}
    graph_export.to_dot(graph_export.describe(inventory.resources, statuses, None, None))


def _clean_or_refused(run) -> None:
    try:
        run()
    except BadInput:
        pass  # a clean error: one paragraph, exit 2


def test_the_fuzz_base_inventory_works(tmp_path):
    path = tmp_path / "inventory.json"
    path.write_text(json.dumps(SMALL))
    _every_stage(str(path))


@FUZZ
@given(mutated=mutations(SMALL))
def test_fuzz_malformed_inventories_get_a_clean_error(tmp_path, mutated):
    path = tmp_path / "inventory.json"
    path.write_text(json.dumps(mutated.doc))
    _clean_or_refused(lambda: _every_stage(str(path)))


@FUZZ
@given(data=truncations(json.dumps(SMALL, indent=1).encode()))
def test_fuzz_truncated_inventories_get_a_clean_error(tmp_path, data):
    path = tmp_path / "inventory.json"
    path.write_bytes(data)
    with pytest.raises(BadInput):
        _every_stage(str(path))


def _state_for(inventory: dict) -> dict:
    """A v4 state managing every other resource of the inventory, in modules and with instance keys."""
    resources = []
    for i, r in enumerate(inventory["resources"][::2]):
        entry = {
            "mode": "managed",
            "type": r["type"],
            "name": f"r{i}",
            "provider": 'provider["registry.terraform.io/hashicorp/aws"]',
            "instances": [{"schema_version": 0, "attributes": {"id": r["id"], "arn": r["arn"], **r["attributes"]}}],
        }
        if i % 3 == 0:
            entry["module"] = "module.network"
        if i % 4 == 0:
            entry["instances"][0]["index_key"] = 0 if i % 8 else "blue"
        resources.append(entry)
    resources.append({"mode": "data", "type": "aws_caller_identity", "name": "me", "instances": [{"attributes": {}}]})
    return {"version": 4, "terraform_version": "1.9.5", "serial": 1, "lineage": "fuzz", "resources": resources}


def _show_json_for(state: dict) -> dict:
    """The same, as `terraform show -json` prints it."""
    resources = [
        {"address": f"{r['type']}.{r['name']}", "mode": r["mode"], "type": r["type"], "name": r["name"],
         "values": r["instances"][0]["attributes"]}
        for r in state["resources"]
    ]  # fmt: skip
    return {"format_version": "1.0", "values": {"root_module": {"resources": resources, "child_modules": []}}}


STATE = _state_for(SMALL)


def _with_state(raw: bytes) -> None:
    """What status and generate --state do with a state."""
    inventory = Inventory.from_json(copy.deepcopy(SMALL))
    ownership = Ownership(load_bytes(raw, "terraform.tfstate"))
    report = classify(inventory, ownership)
    inventory.resources = [item.resource for item in report.items if item.status == UNMANAGED]
    Generator(inventory, bundled(), source="inventory.json", ownership=ownership).build()


def test_the_fuzz_base_states_work():
    _with_state(json.dumps(STATE).encode())
    _with_state(json.dumps(_show_json_for(STATE)).encode())


@FUZZ
@given(mutated=mutations(STATE))
def test_fuzz_malformed_states_get_a_clean_error(mutated):
    _clean_or_refused(lambda: _with_state(json.dumps(mutated.doc).encode()))


@FUZZ
@given(mutated=mutations(_show_json_for(STATE)))
def test_fuzz_malformed_show_json_gets_a_clean_error(mutated):
    _clean_or_refused(lambda: _with_state(json.dumps(mutated.doc).encode()))


@FUZZ
@given(data=truncations(json.dumps(STATE).encode()) | st.binary(max_size=40))
def test_fuzz_truncated_or_random_states_get_a_clean_error(data):
    _clean_or_refused(lambda: _with_state(data))


def _plan_for(inventory: dict) -> dict:
    loaded = Inventory.from_json(copy.deepcopy(inventory))
    return make_plan(loaded, "inventory.json", classify(loaded, Ownership([])), [], True, 4, {}).to_json()


PLAN = _plan_for(SMALL)


@FUZZ
@given(mutated=mutations(PLAN))
def test_fuzz_malformed_plans_get_a_clean_error(tmp_path, mutated):
    inventory = Inventory.from_json(copy.deepcopy(SMALL))
    plan_path = tmp_path / "plan.json"
    plan_path.write_text(json.dumps(mutated.doc))
    _clean_or_refused(lambda: validate(Plan.load(str(plan_path)), inventory, str(plan_path)))
