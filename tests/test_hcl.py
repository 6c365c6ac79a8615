"""The HCL renderer writes what `terraform fmt` would write."""

from __future__ import annotations

import terraform_engine

from adopt.writers import hcl
from adopt.writers.hcl import Expr, JsonEncode, Line


def render_attrs(items, depth=1):
    return hcl.render([Line(0, "x {"), *hcl.assignments(items, depth), Line(0, "}")])


def test_quote_escapes_interpolation_and_control_characters():
    assert hcl.quote('a "b" \\ c') == '"a \\"b\\" \\\\ c"'
    assert hcl.quote("${aws:username}") == '"$${aws:username}"'
    assert hcl.quote("%{ if }") == '"%%{ if }"'
    assert hcl.quote("line1\nline2\t") == '"line1\\nline2\\t"'
    assert hcl.quote("café") == '"café"'


def test_keys_are_quoted_only_when_needed():
    assert hcl.key("Name") == "Name"
    assert hcl.key("aws:SourceArn") == '"aws:SourceArn"'
    assert hcl.key("1st") == '"1st"'
    assert hcl.key("with space") == '"with space"'


def test_alignment_follows_terraform_fmt():
    text = render_attrs([("a", 1), ("long_name", "x"), ("tags", {"Name": "n", "Environment": "p"}), ("b", True)])
    assert text == (
        "x {\n"
        "  a         = 1\n"
        '  long_name = "x"\n'
        "  tags = {\n"
        '    Name        = "n"\n'
        '    Environment = "p"\n'
        "  }\n"
        "  b = true\n"
        "}\n"
    )


def test_scalars_lists_and_expressions():
    text = render_attrs([("ids", [Expr("aws_vpc.a.id"), "sg-1"]), ("n", 2.5), ("z", None), ("e", []), ("m", {})])
    assert 'ids = [aws_vpc.a.id, "sg-1"]' in text
    assert "n   = 2.5" in text and "z   = null" in text and "e   = []" in text and "m   = {}" in text


def test_jsonencode_document():
    doc = {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": ["s3:GetObject"], "Resource": "*"}]}
    text = render_attrs([("policy", JsonEncode(doc))])
    assert text == (
        "x {\n"
        "  policy = jsonencode({\n"
        '    Version = "2012-10-17"\n'
        "    Statement = [\n"
        "      {\n"
        '        Effect   = "Allow"\n'
        '        Action   = ["s3:GetObject"]\n'
        '        Resource = "*"\n'
        "      },\n"
        "    ]\n"
        "  })\n"
        "}\n"
    )


def test_rendered_text_is_fmt_canonical(tmp_path):
    """The real `terraform fmt` finds nothing to change in a tricky sample."""
    doc = {
        "Statement": [
            {
                "Condition": {"StringLike": {"aws:PrincipalTag/team": "${aws:username}"}},
                "Effect": "Deny",
                "NotAction": [],
            },
            {"Principal": {"AWS": ["arn:aws:iam::1:root", "arn:aws:iam::2:root"]}, "Effect": "Allow"},
        ],
        "Version": "2012-10-17",
    }
    lines = [
        Line(0, "locals {"),
        *hcl.assignments(
            [
                ("short", "a"),
                ("a_much_longer_name", 12),
                ("policy", JsonEncode(doc)),
                ("tags", {"Name": "web", "aws-cost center": "x", "k": ""}),
                ("list_of_maps", [{"a": 1, "bb": 2}, {"c": [1, 2]}]),
                ("ref", Expr("aws_vpc.main.id")),
            ],
            1,
        ),
        Line(0, "}"),
    ]
    (tmp_path / "main.tf").write_text(hcl.render(lines))
    assert terraform_engine.fmt_check(tmp_path) == []
