"""Factories and facts more than one service module uses.

Everything here is built from the spec language (:mod:`adopt.catalog.spec`);
a service module imports from here, never from another service module.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from .spec import Call, Child, Has, HasTag, InlineIn, Or, Ref, ResourceSpec

# Resources a service operates for itself (EKS Auto Mode, ...), as AWS marks them.
MANAGED_BY_SERVICE = Has("Operator.Managed")
# EKS makes launch templates and Auto Scaling groups for its managed node groups, and runs them.
EKS_NODE_GROUP = HasTag("eks:nodegroup-name")
RUN_BY_A_SERVICE = Or(MANAGED_BY_SERVICE, EKS_NODE_GROUP)

StateMatch = Callable[[Mapping[str, Any], Mapping[str, Any]], bool]


def own_region(item: Mapping[str, Any], ctx: Any) -> Any:
    """The item's own ``region`` field (a replication destination, a pipeline
    action's region): the path ``"region"`` means the scanned region."""
    return item.get("region") if isinstance(item, Mapping) else None


def as_number_text(path: str) -> Callable[[Mapping[str, Any], Any], str | None]:
    """A number the provider keeps as text: ``0.0`` -> ``"0"``, ``10.5`` -> ``"10.5"``
    (a scaling step's metric bounds, in both Auto Scaling APIs)."""

    def value(item: Mapping[str, Any], ctx: Any) -> str | None:
        number = item.get(path)
        if not isinstance(number, (int, float)) or isinstance(number, bool):
            return None
        return str(int(number)) if float(number).is_integer() else repr(float(number))

    return value


# -- inline forms in an owner's state (see InlineIn) ---------------------------------------------


def listed_in(argument: str, owner_attribute: str) -> StateMatch:
    """This resource's ``argument`` is one of the owner's ``owner_attribute`` list
    (a policy ARN in a role's ``managed_policy_arns``)."""

    def managed(attributes: Mapping[str, Any], owner_state: Mapping[str, Any]) -> bool:
        return attributes.get(argument) in (owner_state.get(owner_attribute) or [])

    return managed


def named_in(owner_attribute: str, key: str = "name") -> StateMatch:
    """An entry of the owner's ``owner_attribute`` blocks has this resource's ``key``
    (an inline policy in a role's ``inline_policy``)."""

    def managed(attributes: Mapping[str, Any], owner_state: Mapping[str, Any]) -> bool:
        return any(entry.get(key) == attributes.get(key) for entry in owner_state.get(owner_attribute) or [])

    return managed


def set_in(owner_attribute: str) -> StateMatch:
    """The owner's state holds a non-empty ``owner_attribute`` (one setting per owner)."""

    def managed(attributes: Mapping[str, Any], owner_state: Mapping[str, Any]) -> bool:
        value = owner_state.get(owner_attribute)
        if isinstance(value, list):
            return any(v not in (None, {}, "") for v in value)
        return bool(value)

    return managed


# -- S3 bucket settings (each its own resource since provider 4) ----------------------------------


def inline_in_bucket(attribute: str) -> tuple[InlineIn, ...]:
    """Before provider 4, bucket settings were arguments of aws_s3_bucket
    itself (``versioning { ... }``); a bucket so managed manages them too."""
    return (InlineIn("aws_s3_bucket", "bucket", attribute, set_in(attribute)),)


def bucket_setting(tf_type: str, operation: str, absent_on: tuple[str, ...] = (), **fields: Any) -> ResourceSpec:
    """A bucket setting: one per bucket, read by ``operation(Bucket=...)`` and
    imported by the bucket name.  ``fields`` are the rest of the spec."""
    return ResourceSpec(
        tf_type=tf_type,
        service="s3",
        child=Child("aws_s3_bucket", call=Call(operation, params={"Bucket": "{parent.Name}"}, absent_on=absent_on)),
        id="{parent.Name}",
        arguments={"bucket": "parent.Name", **fields.pop("arguments")},
        references={"bucket": Ref("aws_s3_bucket"), **fields.pop("references", {})},
        **fields,
    )
