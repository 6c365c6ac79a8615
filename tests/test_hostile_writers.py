"""Hostile text through each writer stays inert, checked by the real consumers.

Every string from AWS or a file reaches an output through one writer per
grammar (``adopt.writers``).  Here arbitrary Unicode -- control characters,
lone surrogates, ``${`` and ``%{``, ``EOT``, quotes, backslashes, line breaks,
HTML, Markdown, terminal escape sequences -- is pushed through each writer and
read back by what reads that output for real: Terraform (``fmt -check``, then a
plan whose outputs must equal the originals and whose configuration holds
exactly the blocks written), a CommonMark/GFM parser (rows, columns, no
heading, no HTML, no link or image from the text), and bash running
``import.sh`` with a fake ``terraform`` on PATH (exactly the expected argv,
nothing else run).
"""

from __future__ import annotations

import json
import os
import re
import stat
import subprocess
from pathlib import Path

import pytest
import terraform_engine
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from adopt.errors import BadInput
from adopt.writers import diagram, hcl, markdown, shell, terminal
from adopt.writers.hcl import Expr, Line

ATTACKS = [
    '${file("/etc/passwd")}',
    "%{ for x in [1] }x%{ endfor }",
    "$${",
    "$$${x}",
    "%%{",
    "EOT",
    "<<EOT\nhello\nEOT",
    '"',
    "\\",
    '\\"',
    '\n}\nresource "null_resource" "x" {\n',
    '\ndata "external" "pwn" { program = ["touch", "pwned"] }\n',
    "\r\n# comment\r",
    "\b\f\v\x00\x07\x1b[31mred\x1b[0m",
    "\u202eevil\u202c \u2028 \u2029 \u200b \ufeff",
    "<!-- hidden",
    "<img src=https://tracker.example/x.png>",
    "# All checks passed",
    "| a | b |",
    "`code` ``x``",
    "[link](https://evil.example) ![img](https://evil.example/i.png)",
    "'; rm -rf / #",
    "$(touch pwned) `touch pwned`",
    "café ☃ 𝄞 中文",
    "for",
    "in",
    "if",
    "-->",
    "*bold* _it_ ~~s~~ $math$",
]

# Any text a value may hold: everything but lone surrogates, which the
# loaders refuse (see test_lone_surrogates_are_refused_by_every_writer).
TEXT = st.one_of(
    st.sampled_from(ATTACKS),
    st.text(st.characters(blacklist_categories=("Cs",)), max_size=40),
    st.lists(st.sampled_from(ATTACKS + ["a", " ", "$", "%", "{", "}"]), max_size=6).map("".join),
)
PROPERTY = settings(
    max_examples=6,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


# -- HCL -----------------------------------------------------------------------------------------


def _module(values: list[str], keys: list[str], comments: list[str]) -> str:
    lines: list[Line] = []
    for text in comments:
        lines.append(hcl.comment(text, 0))
    lines.append(Line(0, "locals {"))
    lines.extend(hcl.assignments([(f"v{i}", v) for i, v in enumerate(values)], 1))
    lines.extend(hcl.assignments([("m", {k: i for i, k in enumerate(keys)})], 1))
    lines.append(Line(0, "}"))
    lines.append(Line(0))
    for i in range(len(values)):
        lines.extend(
            [hcl.comment(comments[i % len(comments)] if comments else "", 0), hcl.block_header("output", f"o{i}")]
        )
        lines.extend(hcl.assignments([("value", Expr(f"local.v{i}"))], 1))
        lines.append(Line(0, "}"))
    lines.extend([hcl.block_header("output", "m"), *hcl.assignments([("value", Expr("local.m"))], 1), Line(0, "}")])
    return hcl.render(lines)


@PROPERTY
@given(values=st.lists(TEXT, min_size=1, max_size=25), keys=st.lists(TEXT, max_size=10, unique=True),
       comments=st.lists(TEXT, min_size=1, max_size=5))  # fmt: skip
def test_hcl_strings_keys_and_comments_read_back_exactly(tmp_path_factory, tf_engine, values, keys, comments):
    module = tmp_path_factory.mktemp("hcl")
    (module / "main.tf").write_text(_module(values, keys, comments), encoding="utf-8")
    assert terraform_engine.fmt_check(module) == []
    result = terraform_engine.plan(module, show_json=True, check=False)
    assert result.retcode == 0, result.output
    outputs = result.json["planned_values"]["outputs"]
    assert [outputs[f"o{i}"]["value"] for i in range(len(values))] == values
    assert outputs["m"]["value"] == {k: i for i, k in enumerate(keys)}
    # Exactly the blocks written: no resource, data source, module or other output slipped in.
    root = result.json["configuration"]["root_module"]
    assert set(root) <= {"outputs"}, root.keys()
    assert set(root["outputs"]) == {f"o{i}" for i in range(len(values))} | {"m"}


def test_control_characters_have_escapes_terraform_reads():
    # HCL has no \b or \f: they are written \u0008 and \u000c.
    assert hcl.quote("\b\f\x1b") == '"\\u0008\\u000c\\u001b"'
    assert hcl.quote("${x} %{y}") == '"$${x} %%{y}"'
    assert hcl.key("for") == '"for"' and hcl.key("in") == '"in"' and hcl.key("Name") == "Name"
    assert hcl.key("x\n") == '"x\\n"'  # a trailing newline is not a plain identifier
    assert hcl.comment("a\nresource {", 0).text == "# a\\nresource {"


@pytest.mark.parametrize(
    "text",
    [
        'aws_vpc.main.id\n}\nresource "x" "y" {',
        'aws_vpc.x["${file("/etc/passwd")}"].id',
        'file("/etc/passwd")',
        "aws_vpc.main.id # x",
        "aws_vpc.main.id\u2028",
        "",
    ],
)
def test_expressions_must_be_plain_traversals(text):
    with pytest.raises(BadInput):
        Expr(text)


def test_instance_keys_are_written_through_the_string_writer():
    address = "aws_vpc.x" + hcl.index('a"]\n}\ndata "external" "x" {')
    assert hcl.is_address(address)
    assert "\n" not in address and Expr(address + ".id")
    assert hcl.index(3) == "[3]"


def test_lone_surrogates_are_refused_by_every_writer():
    with pytest.raises(BadInput):
        hcl.quote("a\ud800b")
    # The others show it as an escape.
    assert "\\ud800" in markdown.text("a\ud800b") and "\\ud800" in terminal.field("a\ud800")
    assert "\\ud800" in shell.comment("\ud800") and "\ud800" not in diagram.mermaid_text("\ud800")


# -- Markdown ------------------------------------------------------------------------------------

PARSER = MarkdownIt("commonmark").enable("table")


def _table_shape(text: str) -> tuple[int, list[int]]:
    tokens = PARSER.parse(text)
    rows = [i for i, t in enumerate(tokens) if t.type == "tr_open"]
    cells = []
    for start in rows:
        end = next(i for i in range(start, len(tokens)) if tokens[i].type == "tr_close")
        cells.append(sum(1 for t in tokens[start:end] if t.type in ("td_open", "th_open")))
    return len(rows), cells


def _no_markup_from_text(text: str) -> None:
    for token in PARSER.parse(text):
        assert token.type not in ("html_block", "html_inline", "heading_open", "hr"), token
        for child in token.children or []:
            assert child.type not in ("html_inline", "link_open", "image", "em_open", "strong_open", "s_open"), child


@PROPERTY
@given(rows=st.lists(st.lists(TEXT, min_size=3, max_size=3), min_size=1, max_size=12))
def test_markdown_tables_keep_their_rows_and_columns(rows):
    table = str(markdown.table(["A", "B", "C"], [[r[0], markdown.cell_code(r[1]), r[2]] for r in rows]))
    assert _table_shape(table) == (len(rows) + 1, [3] * (len(rows) + 1))
    _no_markup_from_text(table)


@PROPERTY
@given(text=TEXT)
def test_markdown_text_and_code_spans_are_inert(text):
    for rendered in (markdown.text(text), markdown.code(text), markdown.html_comment(text)):
        assert "\n" not in rendered
    paragraph = f"Before {markdown.text(text)} between {markdown.code(text)} after"
    tokens = PARSER.parse(paragraph)
    assert [t.type for t in tokens] == ["paragraph_open", "inline", "paragraph_close"]
    _no_markup_from_text(paragraph)
    # A code span holds the text and is never closed from inside.
    children = tokens[1].children
    code = [c for c in children if c.type == "code_inline"]
    if markdown.code(text):
        assert len(code) == 1
    comment = PARSER.parse(markdown.html_comment(text) + "\n\n# After\n")
    assert [t.type for t in comment][-3:] == ["heading_open", "inline", "heading_close"]


def test_the_markdown_environment_escapes_every_value_not_marked():
    env = markdown.environment(__import__("jinja2").DictLoader({"t": "| {{ a }} | {{ b | cell_code }} |"}))
    out = env.get_template("t").render(a="x | y\n# h", b="`|`")
    assert _table_shape("| A | B |\n|---|---|\n" + out)[1] == [2, 2]


# -- shell ---------------------------------------------------------------------------------------


FAKE_TERRAFORM = """#!/usr/bin/env python3
import json, os, sys
with open(os.environ["ARGV_LOG"], "a") as fh:
    fh.write(json.dumps(sys.argv[1:]) + "\\n")
"""


def _fake_terraform(tmp_path: Path) -> dict[str, str]:
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    fake = bin_dir / "terraform"
    fake.write_text(FAKE_TERRAFORM)
    fake.chmod(fake.stat().st_mode | stat.S_IEXEC)
    return {"PATH": f"{bin_dir}{os.pathsep}{os.environ['PATH']}", "ARGV_LOG": str(tmp_path / "argv.log")}


def run_import_script(script: Path, tmp_path: Path) -> list[list[str]]:
    """Run import.sh with a fake terraform that records its argv; return the calls."""
    env = dict(os.environ, **_fake_terraform(tmp_path))
    result = subprocess.run(["bash", str(script)], cwd=tmp_path, env=env, capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    return [json.loads(line) for line in (tmp_path / "argv.log").read_text().splitlines()]


@PROPERTY
@given(words=st.lists(TEXT.filter(lambda s: "\x00" not in s), min_size=1, max_size=8))
def test_shell_words_reach_a_program_exactly(tmp_path_factory, words):
    work = tmp_path_factory.mktemp("sh")
    lines = ["#!/usr/bin/env bash", "set -euo pipefail", shell.comment("\n".join(words))]
    lines += [f"terraform import {shell.word(w)} {shell.word(w[::-1])}" for w in words]
    (work / "import.sh").write_text("\n".join(lines) + "\n")
    calls = run_import_script(work / "import.sh", work)
    assert calls == [["import", w, w[::-1]] for w in words]
    assert not (work / "pwned").exists()


def test_a_nul_character_cannot_become_a_shell_word():
    with pytest.raises(BadInput):
        shell.word("a\x00b")


# -- DOT, Mermaid and the terminal -----------------------------------------------------------------


@PROPERTY
@given(text=TEXT)
def test_diagram_labels_stay_inside_their_string(text):
    dot = diagram.dot_string(text)
    inner = dot[1:-1]
    assert dot[0] == dot[-1] == '"' and "\n" not in dot
    # Every quote inside is escaped: an odd number of backslashes before it.
    for i, char in enumerate(inner):
        if char == '"':
            run = len(inner[:i]) - len(inner[:i].rstrip("\\"))
            assert run % 2 == 1, dot
    mermaid = diagram.mermaid_label(text)
    assert mermaid.count('"') == 2 and "\n" not in mermaid
    bare = re.sub(r"#(?:\d+|quot|lt|gt|amp);", "", mermaid[1:-1])  # what is left once entity codes are read
    assert not any(c in bare for c in '[]{}()<>|`;%#"\\')
    assert diagram.node_name(text, "x").replace("_", "a").isalnum()


@PROPERTY
@given(text=TEXT)
def test_the_terminal_gets_no_control_characters(text):
    for shown in (terminal.clean(text), terminal.field(text)):
        assert not any(ord(c) < 32 and c != "\n" or 0x7F <= ord(c) <= 0x9F for c in shown)
        assert "\x1b" not in shown and "\u202e" not in shown
    assert "\n" not in terminal.field(text)
