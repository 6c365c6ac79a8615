"""The drift report's forms and its edges, through the real CLI: Markdown that
no AWS string can break (checked with a CommonMark parser), a terminal summary
without control characters, the JSON with the values as they are, clean errors
for bad input, and the name stems the grouping starts from.

Strings a scan would take from AWS come here from an inventory file: a file is
untrusted too, and it can hold what the emulator would refuse."""

from __future__ import annotations

import json

import pytest
from helpers import run_cli
from markdown_it import MarkdownIt

from adopt.drift.names import stems

HOSTILE = "a\n# Owned\n<img src=x onerror=alert(1)>|||``` `x` [link](http://evil) <!-- -->"
GROUP_NAME = "<script>alert(1)</script>|`"


def _resource(tf_type, rid, tags, attributes, name=None):
    return {
        "type": tf_type,
        "id": rid,
        "import_id": rid,
        "region": "us-east-1",
        "arn": None,
        "name": name,
        "tags": tags,
        "attributes": attributes,
        "references": [],
        "sensitive": {},
        "parent": None,
        "label": tags.get("Name") or name,
    }


def _server(rid, name, instance_type="t3.small", groups=("sg-1`|",), role="app</td><td>x", **tags):
    tags = {"Name": name, "Role": role, **tags}
    attributes = {"ami": "ami-1", "instance_type": instance_type, "vpc_security_group_ids": list(groups), "tags": tags}
    return _resource("aws_instance", rid, tags, attributes)


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    """Two servers whose names, tags, IDs and values carry Markdown, HTML and line breaks."""
    resources = [
        _server("i-1<b>|", "evil|`x`-1", instance_type="t3.small\r\n| injected | row |"),
        _server("i-2", "evil|`x`-2", Hotfix=HOSTILE),
        _server("i-3", "evil|`x`-3", groups=("sg-1`|", "sg-2")),
        _resource("aws_security_group", "sg-1`|", {"Name": GROUP_NAME}, {"name": "x", "description": "d"}, name="x"),
    ]
    inventory = {"format": "adopt-inventory/1", "account_id": "123456789012", "regions": ["us-east-1"],
                 "resources": resources, "errors": []}  # fmt: skip
    path = tmp_path_factory.mktemp("hostile") / "inventory.json"
    path.write_text(json.dumps(inventory))
    return path


def _tokens(text):
    return MarkdownIt("commonmark").enable("table").parse(text)


def test_markdown_never_lets_an_aws_string_out_of_its_code_span(hostile):
    result = run_cli("drift", "--inventory", str(hostile), "--markdown")
    assert result.code == 0, result.output
    tokens = _tokens(result.stdout)
    # Only adopt's own header comment is HTML; no links, images or HTML from the values.
    html = [t for t in tokens if t.type in ("html_block", "html_inline")]
    assert len(html) == 1 and html[0].map[0] == 0
    inline = [c for t in tokens if t.type == "inline" for c in t.children or []]
    assert not [c for c in inline if c.type in ("html_inline", "link_open", "image")]
    # Headings are adopt's: the title and one per family.
    headings = [tokens[i + 1].content for i, t in enumerate(tokens) if t.type == "heading_open"]
    assert headings == ["Alike resources that drifted apart", "Family `evil_x`: 3 × `aws_instance`"]
    # Every row of every table has its header's number of cells.
    widths, width = [], None
    for t in tokens:
        if t.type == "tr_open":
            cells = 0
        elif t.type in ("th_open", "td_open"):
            cells += 1
        elif t.type == "tr_close":
            if width is None:
                width = cells
            widths.append((width, cells))
        elif t.type == "table_close":
            width = None
    assert widths and all(a == b for a, b in widths)
    # The values are all there, whole, each in one code span.
    spans = {c.content for c in inline if c.type == "code_inline"}
    assert HOSTILE.replace("\n", "\\n") in spans
    assert "t3.small\\r\\n| injected | row |" in spans
    assert GROUP_NAME in spans  # the group's name shown next to its ID
    assert "i-1<b>|" in spans


def test_terminal_summary_shows_control_characters_as_escapes(hostile):
    result = run_cli("drift", "--inventory", str(hostile))
    assert result.code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0].startswith("aws_instance family evil_x: 3 in us-east-1")
    assert "\r" not in result.stdout
    hotfix = next(line for line in lines if "tags.Hotfix" in line)
    assert "a\\n# Owned\\n<img" in hotfix
    assert lines[-1] == "1 families of alike resources, 3 resources in them."


def test_json_keeps_values_as_they_are(hostile, tmp_path):
    out = tmp_path / "drift.json"
    result = run_cli("drift", "--inventory", str(hostile), "--json", "--output", str(out))
    assert result.code == 0, result.output
    (family,) = json.loads(out.read_text())["families"]
    assert family["deviations"]["i-2"] == {"tags.Hotfix": HOSTILE}
    assert family["keys"] == {"i-1<b>|": "evil_x_1", "i-2": "evil_x_2", "i-3": "evil_x_3"}
    assert family["common"]["tags.Role"] == "app</td><td>x"


def test_nothing_alike(tmp_path):
    inventory = {"format": "adopt-inventory/1", "account_id": None, "regions": ["us-east-1"], "errors": [],
                 "resources": [_server("i-1", "web", role="web"), _server("i-2", "db", role="db")]}  # fmt: skip
    path = tmp_path / "inventory.json"
    path.write_text(json.dumps(inventory))
    assert json.loads(run_cli("drift", "--inventory", str(path), "--json").stdout) == {
        "families": [],
        "format": "adopt-drift/1",
    }
    assert "No families of alike resources were found." in run_cli("drift", "-i", str(path), "--markdown").stdout
    assert run_cli("drift", "-i", str(path)).stdout == "0 families of alike resources, 0 resources in them.\n"


@pytest.mark.parametrize(
    "args, words",
    [
        (["--inventory", "missing.json"], ["does not exist", "adopt scan"]),
        (["--inventory", "{inventory}", "--json", "--markdown"], ["--json and --markdown"]),
        (["--inventory", "{inventory}", "--select", "colour:red"], ["Unknown selector"]),
        (["--inventory", "{inventory}", "--select", "aws_instanse"], ["aws_instance"]),
        (["--inventory", "{inventory}", "--output", "{tmp}/no/such/dir/d.json"], ["not a writable directory"]),
        (["--inventory", "{damaged}"], ["damaged adopt inventory"]),
    ],
)
def test_bad_input_is_one_paragraph_and_exit_2(hostile, tmp_path, args, words):
    damaged = tmp_path / "damaged.json"
    damaged.write_text(json.dumps({"format": "adopt-inventory/1", "resources": [{"type": "aws_instance"}]}))
    args = [a.format(inventory=hostile, tmp=tmp_path, damaged=damaged) for a in args]
    result = run_cli("drift", *args, cwd=tmp_path)
    assert result.code == 2, result.output
    assert "Traceback" not in result.output
    for word in words:
        assert word in result.stderr


@pytest.mark.parametrize(
    "name, expected",
    [
        ("SERVER1", {"server*"}),
        ("web-01", {"web-*"}),
        ("web-12", {"web-*"}),
        ("app-a", {"app-*"}),
        ("queue-orders-eu", {"queue-orders-*"}),
        ("orders-us-east-1", {"orders-*"}),
        ("/app/web-01", {"/app/web-*"}),
        ("web-01-a", {"web-*-a", "web-01-*"}),
        ("queue-orders", set()),  # a word is never an index
        ("BASTION", set()),
        ("a-1", set()),  # too little left to be a stem
        (None, set()),
    ],
)
def test_name_stems(name, expected):
    assert stems(name) == expected
