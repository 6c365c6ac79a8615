"""The pictures in ADOPTION.md, read back by Mermaid's own parser.

One estate on moto's server, scanned once for the module: a VPC that a state
already manages, two subnets and a security group, and three servers meant to
be alike (a family written with ``for_each``) that drift: one is bigger, one
carries a tag whose key is an attack on Mermaid.  Planned in small batches,
so the servers' batch references what earlier batches adopted and what the
state manages.  Beside it, a generated inventory of 1,000 resources, and
hostile labels drawn straight through the diagram writer.

Every diagram of the module is parsed in one Node run (see
``tests/mermaid_parser.py``): each must parse; each label must come back as
exactly the text it was given, with no character Mermaid reads as syntax
left raw; the large batch stays under the node bound; references are edges,
and what lies outside the batch is in its own box.
"""

from __future__ import annotations

import json
import random
import subprocess
from pathlib import Path

import mermaid_parser
import pytest
from helpers import run_cli

from adopt.emit.diagram import MAX_NODES
from adopt.emit.pr import BODY_LIMIT, description
from adopt.writers.characters import visible
from adopt.writers.diagram import LABEL_LIMIT, Flowchart

REGION = "us-east-1"
TYPES = ["aws_vpc", "aws_subnet", "aws_security_group", "aws_instance"]
# A tag key on one server: it becomes an argument of the family's drift (tags.<key>).
HOSTILE_KEY = 'x"]-->n1["%%{init}%% `click` <script>alert(1)</script>\n\u202eend'
HOSTILE = [
    'say "hi"',
    "back`tick`s ```mermaid",
    "close ] and [ open",
    "a --> b -.-> c ==> d",
    "%% a comment\n%%{init: {'theme':'dark'}}%%",
    "<script>alert(1)</script><img src=x onerror=alert(1)>",
    "line\nbreak\r\nand\ttab",
    "click n1 call alert()",
    'click n1 href "javascript:alert(1)"',
    "\u202eright-to-left\u2066isolate\u200bzero-width",
    "end",
    "subgraph x",
    "style n1 fill:#f00;",
    "classDef x fill:#f00;",
    "n1:::x ; n2",
    "#quot; #35; &amp; &#35;",
    "{braces} (parens) |pipes| \\backslash",
    "ünïcödé ✓ 日本語",
    "x" * 300,
]
# Characters Mermaid reads as syntax in a node definition: none may stay raw in a label.
RAW = set('"`[]<>{}()|;%#\\\n\r\t') | {"\u202e", "\u2066", "\u200b"}


def _tags(**tags: str) -> list[dict[str, str]]:
    return [{"Key": k, "Value": v} for k, v in tags.items()]


def git(repo: Path, *args: str) -> str:
    return subprocess.run(["git", "-C", str(repo), *args], capture_output=True, text=True, check=True).stdout


def seed(moto) -> dict[str, str]:
    ec2 = moto.client("ec2")
    vpc = ec2.create_vpc(CidrBlock="10.50.0.0/16")["Vpc"]["VpcId"]
    ec2.create_tags(Resources=[vpc], Tags=_tags(Name="legacy"))
    subnets = [
        ec2.create_subnet(VpcId=vpc, CidrBlock=f"10.50.{n}.0/24", AvailabilityZone=f"{REGION}{az}")["Subnet"][
            "SubnetId"
        ]
        for n, az in ((1, "a"), (2, "b"))
    ]
    group = ec2.create_security_group(GroupName="web", Description="web", VpcId=vpc)["GroupId"]
    image = ec2.describe_images(Owners=["amazon"])["Images"][0]["ImageId"]
    ids = {"vpc": vpc}
    for n, instance_type, extra in ((1, "t3.medium", {}), (2, "t3.medium", {HOSTILE_KEY: "1"}), (3, "t3.large", {})):
        ids[f"web{n}"] = ec2.run_instances(
            ImageId=image,
            InstanceType=instance_type,
            MinCount=1,
            MaxCount=1,
            SubnetId=subnets[n % 2],
            SecurityGroupIds=[group],
            TagSpecifications=[{"ResourceType": "instance", "Tags": _tags(Name=f"web{n}", Role="web", **extra)}],
        )["Instances"][0]["InstanceId"]
    return ids


def managed_vpc_state(vpc_id: str) -> dict:
    return {
        "version": 4, "terraform_version": "1.9.5", "serial": 1, "lineage": "t", "outputs": {},
        "resources": [{
            "mode": "managed", "type": "aws_vpc", "name": "legacy",
            "provider": 'provider["registry.terraform.io/hashicorp/aws"]',
            "instances": [{"schema_version": 1, "attributes": {"id": vpc_id, "cidr_block": "10.50.0.0/16"}}],
        }],
    }  # fmt: skip


def hostile_chart() -> tuple[str, list[str], list[tuple[str, str]]]:
    """Hostile labels on nodes and subgraphs, a chain of edges between them:
    the chart's text, the labels in the order drawn, and the edges."""
    rng = random.Random(18)
    alphabet = "\"'`[](){}<>|;:%#&\\/-.=*_~!?@^$\n\r\t \u202e\u2066\u200bxyz0é日"
    labels = HOSTILE + ["".join(rng.choice(alphabet) for _ in range(rng.randint(1, 40))) for _ in range(60)]
    chart = Flowchart("LR")
    ids: list[str] = []
    edges = []
    for start in range(0, len(labels), 10):
        with chart.subgraph(labels[start]):
            for label in labels[start + 1 : start + 10]:
                ids.append(chart.node(label))
    for a, b in zip(ids, ids[1:], strict=False):
        chart.edge(a, b)
        edges.append((a, b))
    return chart.text(), labels, edges


@pytest.fixture(scope="module")
def estate(moto_server, tmp_path_factory):
    moto_server.reset()
    ids = seed(moto_server)
    work = tmp_path_factory.mktemp("diagrams")
    inventory, plan_path = work / "inventory.json", work / "plan.json"
    args = ["scan", "--endpoint-url", moto_server.endpoint, "--region", REGION, "--output", str(inventory)]
    result = run_cli(*args, *(a for t in TYPES for a in ("--include", t)))
    assert result.code == 0, result.output
    state = work / "terraform.tfstate"
    state.write_text(json.dumps(managed_vpc_state(ids["vpc"])))
    result = run_cli(
        "plan", "--inventory", str(inventory), "--state", str(state), "--max-batch", "2", "--output", str(plan_path)
    )
    assert result.code == 0, result.output
    plan = json.loads(plan_path.read_text())
    repo = work / "infra"
    repo.mkdir()
    git(repo, "init", "-q", "-b", "main")
    readmes = {}
    for batch in plan["batches"][:-1]:
        result = run_cli("generate", "--plan", str(plan_path), "--batch", str(batch["batch"]), "--out", str(repo))
        assert result.code == 0, result.output
        readmes[batch["batch"]] = (repo / f"ADOPTION-{batch['batch']}.md").read_text()
    # The last batch (the servers) through `adopt pr`, on a branch of a clean repository.
    git(repo, "-c", "user.name=t", "-c", "user.email=t@t", "add", "-A")
    git(repo, "-c", "user.name=t", "-c", "user.email=t@t", "commit", "-q", "-m", "earlier batches")
    last = plan["batches"][-1]["batch"]
    pr = run_cli("pr", "--plan", str(plan_path), "--batch", str(last), "--repo", str(repo))
    assert pr.code == 0, pr.output
    readmes[last] = (repo / f"ADOPTION-{last}.md").read_text()
    return {"plan": plan, "readmes": readmes, "last": last, "pr": pr, "repo": repo}


@pytest.fixture(scope="module")
def large(tmp_path_factory):
    """A generated inventory of 1,000 resources, generated as one module through the CLI."""
    import sys

    from helpers import ROOT

    sys.path.insert(0, str(ROOT))
    from bench.synthetic import synthetic_inventory

    work = tmp_path_factory.mktemp("large")
    inventory = synthetic_inventory(1000)
    (work / "inventory.json").write_text(inventory.dumps())
    result = run_cli("generate", "--inventory", str(work / "inventory.json"), "--out", str(work / "module"))
    assert result.code == 0, result.output
    return (work / "module" / "ADOPTION.md").read_text()


def test_a_long_body_is_written_apart_for_the_pull_request(tmp_path):
    import sys

    from helpers import ROOT

    sys.path.insert(0, str(ROOT))
    from bench.synthetic import synthetic_inventory

    (tmp_path / "inventory.json").write_text(synthetic_inventory(2000).dumps())  # a batch's file > 64 KiB
    plan_path = tmp_path / "plan.json"
    assert run_cli("plan", "--inventory", str(tmp_path / "inventory.json"), "--output", str(plan_path)).code == 0
    batches = json.loads(plan_path.read_text())["batches"]
    biggest = max(batches, key=lambda b: len(b["resources"]))["batch"]
    repo = tmp_path / "infra"
    repo.mkdir()
    git(repo, "init", "-q", "-b", "main")
    git(repo, "-c", "user.name=t", "-c", "user.email=t@t", "commit", "-q", "--allow-empty", "-m", "start")
    numbers = [b["batch"] for b in batches if b["batch"] <= biggest]
    for number in numbers[:-1]:  # what it builds on, committed
        assert run_cli("generate", "--plan", str(plan_path), "--batch", str(number), "--out", str(repo)).code == 0
    git(repo, "add", "-A")
    git(repo, "-c", "user.name=t", "-c", "user.email=t@t", "commit", "-q", "--allow-empty", "-m", "earlier")
    result = run_cli("pr", "--plan", str(plan_path), "--batch", str(biggest), "--repo", str(repo))
    assert result.code == 0, result.output
    readme = (repo / f"ADOPTION-{biggest}.md").read_text()
    assert len(readme) > BODY_LIMIT
    body = Path(git(repo, "rev-parse", "--absolute-git-dir").strip()) / f"adopt-pr-{biggest}.md"
    assert f"--body-file {body}" in result.stdout.replace("'", "")
    assert body.read_text() == description(readme, f"ADOPTION-{biggest}.md")
    assert git(repo, "status", "--porcelain") == ""  # the shortened copy is no part of the change


@pytest.fixture(scope="module")
def parsed(estate, large):
    """Every diagram of the module, parsed by Mermaid in one Node run."""
    diagrams = {}
    for number, readme in estate["readmes"].items():
        for index, block in enumerate(mermaid_parser.mermaid_blocks(readme)):
            diagrams[f"batch {number} #{index}"] = block
    for index, block in enumerate(mermaid_parser.mermaid_blocks(large)):
        diagrams[f"large #{index}"] = block
    diagrams["hostile"] = hostile_chart()[0]
    results = mermaid_parser.parse(diagrams)
    return {"diagrams": diagrams, "results": results}


def labels(result: dict) -> dict[str, str]:
    """Node and subgraph IDs -> their labels as Mermaid draws them."""
    out = {v["id"]: mermaid_parser.decoded(v["text"]) for v in result["vertices"]}
    out.update({s["id"]: mermaid_parser.decoded(s["title"]) for s in result["subgraphs"]})
    return out


def test_every_diagram_parses(parsed, estate):
    assert len(parsed["diagrams"]) >= len(estate["readmes"]) + 3  # every batch, both large pictures, the hostile one
    for name, result in parsed["results"].items():
        assert result["ok"], f"{name}: {result['error']}\n{parsed['diagrams'][name]}"
        assert result["type"] == "flowchart-v2", name


def test_a_broken_diagram_is_reported():
    # The parser is no rubber stamp: an edge to nowhere fails.
    result = mermaid_parser.parse({"broken": 'flowchart LR\n  n1["x"] -->\n'})["broken"]
    assert not result["ok"] and "Parse error" in result["error"]


def test_hostile_labels_come_back_as_given(parsed):
    _, given, edges = hostile_chart()
    result = parsed["results"]["hostile"]
    subgraph_titles = [mermaid_parser.decoded(s["title"]) for s in result["subgraphs"]]
    node_texts = [mermaid_parser.decoded(v["text"]) for v in result["vertices"]]
    expected = [visible(t) for t in given]
    # Shortened as the writer shortens; Mermaid trims the spaces around a label.
    expected = [(t if len(t) <= LABEL_LIMIT else t[: LABEL_LIMIT - 1] + "…").strip(" ") for t in expected]
    titles = expected[0::10]
    assert sorted(subgraph_titles) == sorted(titles)
    assert node_texts == [t for i, t in enumerate(expected) if i % 10]
    # No label added a node, an edge, a click handler or a style: exactly what was drawn.
    assert [v["id"] for v in result["vertices"]] == [f"n{i + 1}" for i in range(len(given)) if i % 10]
    assert [(e["start"], e["end"]) for e in result["edges"]] == edges
    for v in result["vertices"]:
        assert not RAW & set(v["text"]), v["text"]
    text = parsed["diagrams"]["hostile"]
    assert "<script" not in text and "-->n1" not in text and "%%" not in text and "`" not in text


def boxes(result: dict) -> dict[str, list[str]]:
    """Subgraph titles -> the IDs drawn inside them."""
    return {mermaid_parser.decoded(s["title"]): s["nodes"] for s in result["subgraphs"]}


def test_references_are_edges_and_what_is_outside_is_apart(parsed, estate):
    last = estate["last"]
    result = parsed["results"][f"batch {last} #0"]
    shown, inside = labels(result), boxes(result)
    by_label = {text: node_id for node_id, text in shown.items()}
    family = by_label["aws_instance.web ×3"]  # the family: one node with its count
    assert inside["ec2"] == [family]
    assert inside["outside this change"] == [by_label["adopted by earlier batches"]]
    earlier = inside["adopted by earlier batches"]
    assert sorted(shown[n].split(".")[0] for n in earlier) == ["aws_security_group", "aws_subnet", "aws_subnet"]
    # The servers reference their subnets and group, adopted earlier: an edge to each, dashed.
    assert sorted((e["start"], e["end"]) for e in result["edges"]) == sorted((family, n) for n in earlier)
    assert {e["stroke"] for e in result["edges"]} == {"dotted"}
    # The subnets' batch references the VPC the state manages, in a box of its own.
    subnets = next(n for n, r in estate["readmes"].items() if "aws_subnet." in r and n != last)
    result = parsed["results"][f"batch {subnets} #0"]
    shown, inside = labels(result), boxes(result)
    (vpc,) = inside["already managed by Terraform"]
    assert shown[vpc] == "aws_vpc.legacy" and vpc not in inside["ec2"]
    assert sorted(e["start"] for e in result["edges"] if e["end"] == vpc) == sorted(inside["ec2"])
    assert all(shown[n].startswith("aws_subnet.") for n in inside["ec2"])


def test_the_family_and_its_drift(parsed, estate):
    last = estate["last"]
    result = parsed["results"][f"batch {last} #1"]
    shown = labels(result)
    by_label = {text: node_id for node_id, text in shown.items()}
    assert "aws_instance.web ×3: differs in 2 arguments" in shown.values()
    hostile = f"tags.{visible(HOSTILE_KEY)}"
    hostile = hostile if len(hostile) <= LABEL_LIMIT else hostile[: LABEL_LIMIT - 1] + "…"
    edges = {(shown[e["start"]], shown[e["end"]]) for e in result["edges"]}
    assert edges == {("1 member: web2", hostile), ("1 member: web3", "instance_type")}
    assert "baseline: web1" in by_label
    for v in result["vertices"]:
        assert not RAW & set(v["text"]), v["text"]


def test_a_large_batch_is_drawn_by_type_within_the_bound(parsed):
    result = parsed["results"]["large #0"]
    assert 10 < len(result["vertices"]) <= MAX_NODES
    shown = [mermaid_parser.decoded(v["text"]) for v in result["vertices"]]
    counts = [int(t.rsplit("×", 1)[1]) if "×" in t else 1 for t in shown]
    assert sum(counts) == 1000  # every resource is in one node
    assert "aws_subnet ×80" in shown
    assert len(result["edges"]) >= 10
    families = parsed["results"]["large #1"]
    assert len(families["vertices"]) <= MAX_NODES
    assert any(
        mermaid_parser.decoded(v["text"]).endswith("more families: see the table below") for v in families["vertices"]
    )


def test_the_pull_request_body_is_the_batch_file_with_its_picture(estate):
    last = estate["last"]
    assert f"--body-file ADOPTION-{last}.md" in estate["pr"].stdout
    body = git(estate["repo"], "show", f"HEAD:ADOPTION-{last}.md")
    assert body == estate["readmes"][last]
    assert len(mermaid_parser.mermaid_blocks(body)) == 2  # the batch and its family


def test_a_body_too_long_for_the_code_host_keeps_its_pictures(large):
    assert len(large) > BODY_LIMIT
    body = description(large, "ADOPTION-1.md")
    assert len(body) <= BODY_LIMIT
    assert mermaid_parser.mermaid_blocks(body) == mermaid_parser.mermaid_blocks(large)
    assert body.endswith("Left out here for length, in `ADOPTION-1.md` on this branch: Review with care, Resources.\n")
    assert description("short", "ADOPTION-1.md") == "short"
