"""Which ``awscc_*`` type a CloudFormation type is, decided by the awscc schema.

awscc names a type ``awscc_<namespace>_<resource in snake case>``
(``AWS::SageMaker::NotebookInstance`` -> ``awscc_sagemaker_notebook_instance``),
but its snake case splits digits and acronyms its own way (``Ipv6`` ->
``ipv_6``).  So names are compared without their separators, and only a type
the schema has counts.
"""

from __future__ import annotations

import re
from functools import lru_cache

from ..schema import Schema, bundled

PREFIX = "awscc_"


def plain(text: str) -> str:
    """``NotebookInstance``, ``notebook_instance`` -> ``notebookinstance``."""
    return re.sub(r"[^a-z0-9]", "", text.lower())


class AwsccTypes:
    """CloudFormation type name -> awscc type name, and back."""

    def __init__(self, schema: Schema) -> None:
        awscc = schema.of(PREFIX + "x")
        self._by_key: dict[tuple[str, str], str] = {}
        for tf_type in awscc.types():
            parts = tf_type.split("_", 2)
            if len(parts) == 3 and parts[0] + "_" == PREFIX:
                self._by_key.setdefault((parts[1], plain(parts[2])), tf_type)
        self._cfn_of: dict[str, str] = {}

    def tf_type(self, cfn_type: str) -> str | None:
        parts = cfn_type.split("::")
        if len(parts) != 3 or parts[0] != "AWS":
            return None
        tf_type = self._by_key.get((parts[1].lower(), plain(parts[2])))
        if tf_type is not None:
            self._cfn_of.setdefault(tf_type, cfn_type)
        return tf_type


@lru_cache(maxsize=1)
def bundled_types() -> AwsccTypes:
    return AwsccTypes(bundled())


@lru_cache(maxsize=1)
def cfn_type_of_awscc() -> dict[str, str]:
    """awscc type -> CloudFormation type, over every CloudFormation type known."""
    from .cfn import cfn_schemas

    types = bundled_types()
    out: dict[str, str] = {}
    for cfn_type in sorted(cfn_schemas()):
        tf_type = types.tf_type(cfn_type)
        if tf_type is not None:
            out.setdefault(tf_type, cfn_type)
    return out
