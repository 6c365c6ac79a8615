"""Converge's persisted choices (.adopt-converge.json): typed, round-tripped, and
refused with the entry named when damaged."""

from __future__ import annotations

import json

import pytest

from adopt.errors import BadInput
from adopt.tf.choices import STATE_FILE, STATE_FORMAT, ConvergeState, Edit


def test_choices_round_trip_and_empty_records_are_dropped(tmp_path):
    state = ConvergeState.load(str(tmp_path))  # no file yet: nothing chosen
    assert state.resources == {}
    state.apply("aws_sqs_queue.orders", Edit(arguments={"visibility_timeout_seconds": 60, "policy": None}))
    state.apply("aws_instance.web", Edit(ignore={"user_data": "sensitive"}))
    state.apply("aws_instance.web", Edit(ignore={"user_data": "sensitive: again", "ami": "would replace"}))
    state.record("aws_vpc.main")  # touched, nothing chosen
    state.record("aws_lb.web").rejected["idle_timeout"] = 60
    state.save(str(tmp_path))

    data = json.loads((tmp_path / STATE_FILE).read_text())
    assert data["format"] == STATE_FORMAT
    assert list(data["resources"]) == ["aws_instance.web", "aws_lb.web", "aws_sqs_queue.orders"]
    assert data["resources"]["aws_instance.web"] == {
        "ignore": ["user_data", "ami"],
        "ignore_why": {"user_data": "sensitive: again", "ami": "would replace"},
    }
    again = ConvergeState.load(str(tmp_path))
    assert again.get("aws_sqs_queue.orders").arguments == {"visibility_timeout_seconds": 60, "policy": None}
    assert again.get("aws_lb.web").rejected == {"idle_timeout": 60}
    assert again.get("aws_nothing.here").empty and "aws_nothing.here" not in again.resources


def test_a_file_written_before_keeps_loading(tmp_path):
    (tmp_path / STATE_FILE).write_text(json.dumps({
        "format": STATE_FORMAT,
        "resources": {"aws_sqs_queue.orders": {"arguments": {}, "rejected": {"delay_seconds": 5}}},
    }))  # fmt: skip
    assert ConvergeState.load(str(tmp_path)).get("aws_sqs_queue.orders").rejected == {"delay_seconds": 5}


@pytest.mark.parametrize(
    ("resources", "says"),
    [
        ([], '"resources" is not an object'),
        ({"aws_vpc.main": "x"}, "resource aws_vpc.main is not an object"),
        ({"aws_vpc.main": {"ignore": "tags"}}, 'resource aws_vpc.main: "ignore" is not a list'),
        ({"aws_vpc.main": {"ignore_why": {"tags": 1}}}, '"ignore_why" is not a map of strings'),
        ({"aws_vpc.main": {"arguments": [1]}}, '"arguments" is not an object'),
    ],
)
def test_a_damaged_file_is_refused_with_the_entry_named(tmp_path, resources, says):
    (tmp_path / STATE_FILE).write_text(json.dumps({"format": STATE_FORMAT, "resources": resources}))
    with pytest.raises(BadInput) as error:
        ConvergeState.load(str(tmp_path))
    assert says in str(error.value) and "remove it to start over" in str(error.value)
