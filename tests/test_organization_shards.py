"""Many accounts past one machine: the same organization scanned in N shards,
each a process of its own, merged into the bytes of one run; shard sets that
overlap or miss a slice refused; and the job-engine recipes under deploy/
rendered and run (see organization_kit.py for the organization itself)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from helpers import run_cli

from adopt.model import Inventory

SHARDED = ("--no-census", "--region", "us-east-1", "--region", "eu-west-1",
           "--include", "aws_sqs_queue", "--include", "aws_sns_topic", "--include", "aws_iam_role")  # fmt: skip


@pytest.fixture(scope="module")
def single_run(organization, delta_role_missing, tmp_path_factory):
    out = tmp_path_factory.mktemp("single") / "all"
    result = run_cli("scan", "--endpoint-url", delta_role_missing.endpoint, *SHARDED, "--org", "--output", str(out))
    assert result.code == 3, result.output
    return out


def _shard(endpoint: str, out: Path, *how: str, env: dict | None = None):
    return run_cli("scan", "--endpoint-url", endpoint, *SHARDED, "--org", *how, "--output", str(out), env=env)


@pytest.mark.parametrize("count", [1, 2, 3, 5])
def test_shards_merge_into_the_bytes_of_one_run(organization, delta_role_missing, single_run, tmp_path, count):
    parts = []
    for number in range(1, count + 1):
        out = tmp_path / f"shard-{number}"
        if number % 2:
            result = _shard(delta_role_missing.endpoint, out, "--shard", f"{number}/{count}")
        else:  # the job engine's index, counting from 0
            env = {"JOB_COMPLETION_INDEX": str(number - 1)}
            result = _shard(delta_role_missing.endpoint, out, "--shards", str(count), env=env)
        assert result.code == 3, result.output
        assert json.loads((out / "index.json").read_text())["shard"] == {"number": number, "count": count}
        parts.append(out)
    if count > 1:  # each shard did a part: none holds everything
        whole = sum(len(Inventory.load(str(p)).resources) for p in single_run.glob("[0-9]*.json"))
        for part in parts:
            assert sum(len(Inventory.load(str(p)).resources) for p in part.glob("[0-9]*.json")) < whole
    merged = tmp_path / "merged"
    result = run_cli("merge", *map(str, parts), "--output", str(merged))
    assert result.code == 3, result.output  # the account whose role is missing is still reported
    assert sorted(p.name for p in merged.iterdir()) == sorted(p.name for p in single_run.iterdir())
    for path in single_run.iterdir():
        assert (merged / path.name).read_bytes() == path.read_bytes(), path.name


def test_overlapping_or_missing_shards_are_refused(organization, tmp_path):
    parts = {}
    for number in (1, 2, 3):
        parts[number] = tmp_path / f"shard-{number}"
        result = _shard(organization.endpoint, parts[number], "--shard", f"{number}/3")
        assert result.code == 0, result.output
    cases = [
        ([parts[1], parts[2]], "Shard(s) 3 of 3 are missing"),
        ([parts[1], parts[2], parts[3], parts[2]], "are both shard 2"),
        ([parts[1], parts[2], parts[3], parts[1]], "are both shard 1"),
        ([parts[1], parts[2], parts[3]], None),
    ]
    for dirs, words in cases:
        out = tmp_path / "merged"
        result = run_cli("merge", *map(str, dirs), "--output", str(out))
        if words is None:
            assert result.code == 0, result.output
        else:
            assert result.code == 2 and words in result.stderr and "Traceback" not in result.output, result.output
            assert not out.exists()
    result = run_cli("merge", str(parts[1]), str(parts[2]), str(parts[3]), "--output", str(parts[1]))
    assert result.code == 2 and "is one of the shards" in result.stderr


@pytest.mark.parametrize(
    ("args", "env", "words"),
    [
        (["--shard", "0/3"], {}, "shard 0 of 3 does not exist"),
        (["--shard", "4/3"], {}, "shard 4 of 3 does not exist"),
        (["--shard", "two"], {}, "is not K/N"),
        (["--shards", "3"], {}, "--shards needs the shard's index"),
        (["--shards", "3"], {"AWS_BATCH_JOB_ARRAY_INDEX": "3"}, "shard 4 of 3 does not exist"),
        (["--shards", "3"], {"AWS_BATCH_JOB_ARRAY_INDEX": "x"}, "not a shard index"),
        (["--shard", "1/2", "--shards", "2"], {}, "give it without --shards"),
    ],
)
def test_bad_shard_choices(organization, tmp_path, args, env, words):
    result = _shard(organization.endpoint, tmp_path / "out", *args, env=env)
    assert result.code == 2 and words in result.stderr and "Traceback" not in result.output, result.output
    assert not (tmp_path / "out").exists()


# -- the job-engine recipes under deploy/ ---------------------------------------

DEPLOY = Path(__file__).resolve().parent.parent / "deploy"


# The recipes scan every type; here, as the shard tests above, three (one of
# them global), which keeps the recipe's own commands and options and spares
# the suite a minute of listing types the organization has none of.
RECIPE_TYPES = "--include aws_sqs_queue --include aws_sns_topic --include aws_iam_role"


def _some_types(script: str) -> str:
    assert script.count("adopt scan --org ") == 1, script
    return script.replace("adopt scan --org ", f"adopt scan --org {RECIPE_TYPES} ")


def _run_script(script: str, cwd: Path, env: dict[str, str]) -> int:
    import os
    import subprocess
    import sys

    path = f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}"
    return subprocess.run(
        ["sh", "-c", script], cwd=cwd, env={**os.environ, "PATH": path, **env}, timeout=300
    ).returncode


@pytest.fixture(scope="module")
def reference_run(organization, delta_role_missing, tmp_path_factory):
    """What one machine writes for the scan the recipes split."""
    out = tmp_path_factory.mktemp("reference") / "inventories"
    result = run_cli(
        "scan", "--endpoint-url", delta_role_missing.endpoint, "--org", *RECIPE_TYPES.split(), "--no-census",
        "--region", "us-east-1", "--region", "eu-west-1", "--output", str(out),
    )  # fmt: skip
    assert result.code == 3, result.output
    return out


def _same_tree(one: Path, other: Path) -> None:
    assert sorted(p.name for p in one.iterdir()) == sorted(p.name for p in other.iterdir())
    for path in one.iterdir():
        assert (other / path.name).read_bytes() == path.read_bytes(), path.name


def test_the_kubernetes_indexed_job_and_its_merge(delta_role_missing, reference_run, tmp_path):
    import yaml

    docs = list(yaml.safe_load_all((DEPLOY / "kubernetes" / "adopt-scan.yaml").read_text()))
    (job,) = [d for d in docs if d["kind"] == "Job"]
    spec = job["spec"]
    (container,) = spec["template"]["spec"]["containers"]
    (script,) = container["args"]
    assert spec["completionMode"] == "Indexed" and spec["completions"] == spec["parallelism"]
    assert f"--shards {spec['completions']} " in script
    claim = {d["metadata"]["name"] for d in docs if d["kind"] == "PersistentVolumeClaim"}
    assert {v["persistentVolumeClaim"]["claimName"] for v in spec["template"]["spec"]["volumes"]} == claim
    assert spec["template"]["spec"]["serviceAccountName"] in {d["metadata"]["name"] for d in docs}
    (merge_job,) = list(yaml.safe_load_all((DEPLOY / "kubernetes" / "adopt-merge.yaml").read_text()))
    (merge_container,) = merge_job["spec"]["template"]["spec"]["containers"]
    (merge_script,) = merge_container["args"]
    assert {m["mountPath"] for m in container["volumeMounts"]} == {m["mountPath"] for m in merge_container["volumeMounts"]} == {"/out"}  # fmt: skip

    # Run what each pod runs, as Kubernetes would: the index in the environment, /out a shared folder.
    shared = tmp_path / "out"
    shared.mkdir()
    env = {"AWS_ENDPOINT_URL": delta_role_missing.endpoint}
    for index in range(spec["completions"]):
        assert (
            _run_script(
                _some_types(script.replace("/out/", f"{shared}/")),
                tmp_path,
                {**env, "JOB_COMPLETION_INDEX": str(index)},
            )
            == 0
        )
    assert _run_script(merge_script.replace("/out/", f"{shared}/"), tmp_path, env) == 0
    _same_tree(reference_run, shared / "inventories")


def test_the_github_actions_matrix_and_its_merge(delta_role_missing, reference_run, tmp_path):
    import yaml

    workflow = yaml.safe_load((DEPLOY / "github" / "adopt-scan.yml").read_text())
    scan, merge = workflow["jobs"]["scan"], workflow["jobs"]["merge"]
    assert merge["needs"] == "scan"
    shards = scan["strategy"]["matrix"]["shard"]
    assert shards == list(range(1, len(shards) + 1))
    (scan_step,) = [s for s in scan["steps"] if s.get("run", "").startswith("adopt ")]
    (merge_step,) = [s for s in merge["steps"] if s.get("run", "").startswith("adopt ")]
    assert f"/{len(shards)} " in scan_step["run"]
    (upload,) = [s for s in scan["steps"] if s.get("uses", "").startswith("actions/upload-artifact")]
    (download,) = [s for s in merge["steps"] if s.get("uses", "").startswith("actions/download-artifact")]

    env = {"AWS_ENDPOINT_URL": delta_role_missing.endpoint}
    workdir = tmp_path / "runner"
    workdir.mkdir()
    for shard in shards:

        def render(text: str, shard: int = shard) -> str:
            return text.replace("${{ matrix.shard }}", str(shard))

        assert _run_script(_some_types(render(scan_step["run"])), workdir, env) == 0
        # What upload-artifact takes is what download-artifact's pattern brings back, one folder each.
        assert render(upload["with"]["path"]) == render(upload["with"]["name"])
        assert Path(render(upload["with"]["name"])).match(download["with"]["pattern"])
        assert (workdir / render(upload["with"]["path"]) / "index.json").exists()
    assert _run_script(merge_step["run"], workdir, env) == 0
    _same_tree(reference_run, workdir / "inventories")
