"""Security Hub, as enabled in an account and Region (its standards and
controls are other types)."""

from __future__ import annotations

from ..spec import Call, Const, ResourceSpec

SPECS = [
    ResourceSpec(
        tf_type="aws_securityhub_account",
        service="securityhub",
        # One hub per Region; where Security Hub is off, DescribeHub says so.
        list=Call("describe_hub", absent_on=("InvalidAccessException",)),
        id="{account}",  # the provider imports it by the account's ID
        label=Const("security_hub"),
        arguments={
            "auto_enable_controls": "AutoEnableControls",
            "control_finding_generator": "ControlFindingGenerator",
        },
        defaults={"auto_enable_controls": True},
    ),
]
