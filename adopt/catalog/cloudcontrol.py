"""The spec of a long-tail type: an ``awscc_*`` type read through Cloud Control.

No spec is written by hand for these: each is derived, when first asked
for, from the CloudFormation facts (:mod:`adopt.longtail.cfn`) and the awscc
provider schema, so that every later stage (labels, batches, generate,
status) treats the type like any other.  The scan engine never runs them:
what reads them is :mod:`adopt.longtail.read`.
"""

from __future__ import annotations

from functools import cache

from .spec import ResourceSpec

PREFIX = "awscc_"


def is_long_tail(tf_type: str) -> bool:
    return tf_type.startswith(PREFIX)


@cache
def spec_for(tf_type: str) -> ResourceSpec | None:
    from ..longtail.cfn import cfn_schemas
    from ..longtail.properties import argument_name
    from ..longtail.types import cfn_type_of_awscc
    from ..schema import bundled

    cfn_type = cfn_type_of_awscc().get(tf_type)
    if cfn_type is None:
        return None
    cfn = cfn_schemas()[cfn_type]
    block = bundled().resource(tf_type)

    def names(paths) -> tuple[str, ...]:
        found = (argument_name(path[0], block) for path in paths if len(path) == 1)
        return tuple(sorted({name for name in found if name}))

    return ResourceSpec(
        tf_type=tf_type,
        service=tf_type.split("_")[1],  # the CloudFormation namespace: one file per service
        id="Identifier",
        cloudformation_type=cfn_type,
        json_arguments=names((name,) for name in cfn.documents),
        replaced_when_changed=names(cfn.create_only),
        never_read=names(cfn.write_only),
        name_argument=None,
    )
