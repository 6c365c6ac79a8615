"""Hostile or damaged input files, and the output folder: each case a clean
exit 2 naming the entry, with nothing written; a re-run leaves no stale file.

Inventories, plans, states and code are files a person (or an attacker) can
edit.  What no later stage could handle -- numbers beyond JSON's reach,
nesting too deep, NaN, lone surrogates, duplicate resources, a resource that
is its own parent, a region or an address that is not one, module sources
that include themselves -- is refused where it enters.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from test_safety_input import FIXTURE, adopt, refused_writing_nothing

from adopt.errors import BadInput
from adopt.fileio import replace_file


@pytest.fixture
def work(tmp_path, monkeypatch):
    """A working directory holding a valid inventory (a real scan of the demo estate)."""
    monkeypatch.chdir(tmp_path)
    shutil.copy(FIXTURE, tmp_path / "inventory.json")
    shutil.copy(FIXTURE, tmp_path / "adopt-inventory.json")  # the default
    return tmp_path


def _inventory(change) -> bytes:
    data = json.loads(FIXTURE.read_text())
    change(data)
    return json.dumps(data).encode()


def _first(data: dict, tf_type: str) -> dict:
    return next(r for r in data["resources"] if r["type"] == tf_type)


INVENTORIES = {
    "a number too large": (
        FIXTURE.read_bytes().replace(b'"resources": [', b'"big": ' + b"9" * 5000 + b', "resources": [', 1),
        "a number too large",
    ),
    "nesting too deep": (
        FIXTURE.read_bytes().replace(b'"resources": [', b'"deep": ' + b"[" * 500 + b"]" * 500 + b', "resources": [', 1),
        "nested more than",
    ),
    "NaN": (FIXTURE.read_bytes().replace(b'"resources": [', b'"x": NaN, "resources": [', 1), "NaN"),
    "Infinity": (FIXTURE.read_bytes().replace(b'"resources": [', b'"x": -Infinity, "resources": [', 1), "Infinity"),
    "a lone surrogate": (
        _inventory(lambda d: d["resources"][0]["tags"].update(Name="PLACEHOLDER")).replace(b"PLACEHOLDER", b"\\ud800"),
        "lone surrogate",
    ),
    "a duplicate resource": (_inventory(lambda d: d["resources"].append(dict(d["resources"][0]))), "appears twice"),
    "its own parent": (
        _inventory(
            lambda d: d["resources"][0].update(
                parent={"type": d["resources"][0]["type"], "id": d["resources"][0]["id"]}
            )
        ),
        "names itself as its parent",
    ),  # fmt: skip
    "a region that is no region": (
        _inventory(lambda d: d["resources"][0].update(region='us-east-1"\n}')),
        "at resources[0].region",
    ),
    "a regions list with no region": (_inventory(lambda d: d.update(regions=["eu west 1"])), "at regions[0]"),
    "a reference attribute that is no name": (
        _inventory(
            lambda d: next(r for r in d["resources"] if r["references"])["references"][0].update(attribute="id\n}")
        ),
        "references[0].attribute",
    ),  # fmt: skip
    "a type that is no name": (_inventory(lambda d: d["resources"][0].update(type='aws_vpc" "x')), "resources[0].type"),
}


@pytest.mark.parametrize("kind", list(INVENTORIES))
@pytest.mark.parametrize("command", ["generate", "plan"])
def test_a_hostile_inventory_is_refused(work, kind, command):
    content, fragment = INVENTORIES[kind]
    (work / "inventory.json").write_bytes(content)
    args = {"generate": ["--out", "out"], "plan": ["--output", "plan.json"]}[command]
    refused_writing_nothing(
        work, command, "--inventory", "inventory.json", *args, fragments=("inventory.json", fragment)
    )


@pytest.fixture
def planned(work):
    result = adopt("plan", "--inventory", "inventory.json", "--output", "plan.json")
    assert result.code == 0, result.output
    return json.loads((work / "plan.json").read_text())


@pytest.mark.parametrize(
    "address",
    ['aws_vpc.main\n}\ndata "external" "x" {', "aws_vpc.main\n", 'aws_vpc.main["x"]', "aws_vpc.for ever", "aws_vpc"],
)
def test_a_plan_address_that_is_not_an_address(work, planned, address):
    entry = next(r for b in planned["batches"] for r in b["resources"] if r["type"] == "aws_vpc")
    entry["address"] = address
    (work / "plan.json").write_text(json.dumps(planned))
    batch = next(b["batch"] for b in planned["batches"] if entry in b["resources"])
    refused_writing_nothing(
        work, "generate", "--plan", "plan.json", "--batch", str(batch), "--out", "out", fragments=("plan.json",)
    )


def _show_json(address: str) -> str:
    return json.dumps(
        {
            "format_version": "1.0",
            "values": {"root_module": {"resources": [
                {"address": address, "mode": "managed", "type": "aws_vpc", "name": "x", "values": {"id": "vpc-1"}}
            ]}},
        }
    )  # fmt: skip


@pytest.mark.parametrize(
    "address", ['aws_vpc.x["a"]\n}\ndata "external" "x" {', "aws_vpc.x # y", 'aws_vpc.x["${file("/etc/passwd")}"]']
)
def test_a_state_address_that_is_not_an_address(work, address):
    (work / "show.json").write_text(_show_json(address))
    refused_writing_nothing(
        work,
        "generate",
        "--state",
        "show.json",
        "--out",
        "out",
        fragments=("show.json", "not a Terraform resource address"),
    )


def test_state_instance_keys_are_escaped_in_addresses(work):
    from adopt.existing.tfstate import load_bytes

    state = {"version": 4, "resources": [{"mode": "managed", "type": "aws_vpc", "name": "x",
             "instances": [{"index_key": 'a"]\n${x}', "attributes": {"id": "vpc-1"}}]}]}  # fmt: skip
    (entry,) = load_bytes(json.dumps(state).encode(), "s.tfstate")
    assert entry.address == 'aws_vpc.x["a\\"]\\n$${x}"]'


def test_state_in_a_folder_is_read_from_its_terraform_tfstate(work):
    folder = work / "env"
    folder.mkdir()
    refused_writing_nothing(work, "status", "--state", "env", fragments=("env", "without a terraform.tfstate"))
    (folder / "terraform.tfstate").write_text(json.dumps({"version": 4, "resources": []}))
    result = adopt("status", "--inventory", "inventory.json", "--state", "env")
    assert result.code == 0, result.output


def test_a_state_glob_matching_only_folders_is_an_error(work):
    (work / "states" / "prod.tfstate").mkdir(parents=True)
    refused_writing_nothing(work, "status", "--state", "states/*.tfstate", fragments=("No state file matches",))


def test_code_whose_modules_include_themselves_is_refused(work):
    code = work / "infra"
    (code / "child").mkdir(parents=True)
    (code / "main.tf").write_text('module "child" {\n  source = "./child"\n}\n')
    (code / "child" / "main.tf").write_text('module "back" {\n  source = "../"\n}\n')
    refused_writing_nothing(work, "status", "--config", "infra", fragments=("includes itself", "child"))


@pytest.mark.parametrize("command", ["scan", "plan", "graph"])
def test_an_output_that_is_a_directory_is_refused_before_any_work(work, command):
    (work / "out.json").mkdir()
    extra = {"scan": ["--endpoint-url", "http://127.0.0.1:9", "--region", "us-east-1"],
             "plan": ["--inventory", "inventory.json"], "graph": ["--inventory", "inventory.json"]}[command]  # fmt: skip
    refused_writing_nothing(work, command, *extra, "--output", "out.json", fragments=("is a directory",))


def test_a_region_that_is_not_a_region_name_is_refused_before_any_call(work):
    refused_writing_nothing(
        work,
        "scan",
        "--endpoint-url",
        "http://127.0.0.1:9",
        "--region",
        'us-east-1"\n',
        fragments=("not an AWS region",),
    )


def test_pr_refuses_a_path_outside_the_repository_before_any_git_command(work, planned, tmp_path):
    repo = work / "repo"
    repo.mkdir()
    # Not even a git repository: the path is refused before git is asked anything.
    refused_writing_nothing(
        work, "pr", "--plan", "plan.json", "--batch", "1", "--repo", "repo", "--path", "../elsewhere",
        fragments=("leads outside the repository",),
    )  # fmt: skip
    (work / "outside").mkdir()
    os.symlink(work / "outside", repo / "link")
    refused_writing_nothing(
        work, "pr", "--plan", "plan.json", "--batch", "1", "--repo", "repo", "--path", "link",
        fragments=("leads outside the repository",),
    )  # fmt: skip


# -- the output folder ---------------------------------------------------------------------------


def _smaller(folder: Path, keep_types: set[str]) -> None:
    data = json.loads((folder / "inventory.json").read_text())
    data["resources"] = [r for r in data["resources"] if r["type"] in keep_types]
    (folder / "small.json").write_text(json.dumps(data))


def test_a_rerun_removes_what_it_no_longer_writes(work):
    assert adopt("generate", "--inventory", "inventory.json", "--out", "out").code == 0
    before = {p.name for p in (work / "out").iterdir()}
    assert {"ec2.tf", "s3.tf"} <= before
    _smaller(work, {"aws_vpc", "aws_subnet"})
    result = adopt("generate", "--inventory", "small.json", "--out", "out")
    assert result.code == 0, result.output
    after = {p.name for p in (work / "out").iterdir()}
    assert "s3.tf" not in after and "iam.tf" not in after and "ec2.tf" in after
    manifest = json.loads((work / "out" / ".adopt-manifest.json").read_text())
    assert set(manifest["files"]) == after - {".adopt-manifest.json"}
    assert {where["file"] for where in manifest["resources"].values()} == {"ec2.tf"}


def test_a_rerun_does_not_remove_a_file_a_person_changed(work):
    assert adopt("generate", "--inventory", "inventory.json", "--out", "out").code == 0
    s3 = work / "out" / "s3.tf"
    s3.write_text(s3.read_text() + "\n# my note\n")
    _smaller(work, {"aws_vpc", "aws_subnet"})
    refused_writing_nothing(
        work, "generate", "--inventory", "small.json", "--out", "out", fragments=("removing s3.tf",)
    )
    result = adopt("generate", "--inventory", "small.json", "--out", "out", "--force")
    assert result.code == 0 and not s3.exists()


def test_batches_remove_only_their_own_stale_files(work, planned):
    first, second = planned["batches"][0]["batch"], planned["batches"][1]["batch"]
    for n in (first, second):
        assert adopt("generate", "--plan", "plan.json", "--batch", str(n), "--out", "out").code == 0
    names = {p.name for p in (work / "out").iterdir()}
    # Batch 1 again, but with its resources moved into batch 2: its own files shrink, batch 2's stay.
    planned["batches"][1]["resources"] += planned["batches"][0]["resources"][1:]
    planned["batches"][0]["resources"] = planned["batches"][0]["resources"][:1]
    (work / "plan.json").write_text(json.dumps(planned))
    assert adopt("generate", "--plan", "plan.json", "--batch", str(first), "--out", "out").code == 0
    after = {p.name for p in (work / "out").iterdir()}
    assert {n for n in names if n.startswith(f"adopt_{second}_")} <= after
    assert "adopt_providers.tf" in after


def test_temporary_files_are_exclusive_and_removed_on_failure(tmp_path, monkeypatch):
    target = tmp_path / "inventory.json"
    # A symlink planted at the target is replaced, not followed.
    victim = tmp_path / "victim"
    victim.write_text("keep")
    target.symlink_to(victim)
    replace_file(str(target), "new")
    assert victim.read_text() == "keep" and target.read_text() == "new" and not target.is_symlink()

    def broken_replace(src, dst):
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", broken_replace)
    with pytest.raises(OSError):
        replace_file(str(target), "newer")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["inventory.json", "victim"]
    monkeypatch.undo()
    with pytest.raises(BadInput):
        replace_file(str(tmp_path), "x")  # a directory is never a target


def test_import_script_header_cannot_run_anything(work, tmp_path):
    """The source file's name reaches import.sh's header: it stays one comment."""
    name = work / "x\ntouch PWNED\n.json"
    name.write_bytes(FIXTURE.read_bytes())
    assert adopt("generate", "--inventory", str(name), "--out", "out").code == 0
    script = (work / "out" / "import.sh").read_text()
    assert "\ntouch PWNED" not in script
    header = (work / "out" / "versions.tf").read_text().splitlines()[0]
    assert header.startswith("# Generated by adopt") and "touch PWNED" in header
    result = subprocess.run(["bash", "-n", str(work / "out" / "import.sh")], capture_output=True)
    assert result.returncode == 0
