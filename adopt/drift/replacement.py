"""Which arguments of a type cannot change without replacing the resource.

The provider's schema does not say (``ForceNew`` is not in ``terraform
providers schema -json``), so the facts come from CloudFormation's resource
schemas, which mark such properties ``createOnly`` (bundled in the census's
type table).  A Terraform argument is one of them when

- its name is the property's name in snake case (``KeyName`` -> ``key_name``), or
- the spec reads it straight from the item's top-level API field of that
  name, with no expression in between (``"ami": "ImageId"``): a value
  transformed on the way (a list plucked from ``SecurityGroups``) or read
  from inside another field is another thing.

CloudFormation and the provider disagree now and then; ``adopt verify`` on
the generated change asks the provider itself, and says what it would replace.
"""

from __future__ import annotations

from functools import cache

from ..catalog import registry
from ..census.types import TypeMap, cfn_types, snake


@cache
def replacing_arguments(tf_type: str) -> dict[str, str]:
    """Top-level argument -> why changing it replaces the resource."""
    cfn_name = TypeMap.bundled().cfn_type_of(tf_type)
    cfn = cfn_types().get(cfn_name) if cfn_name else None
    if cfn is None or not cfn.create_only:
        return {}
    fixed = set(cfn.create_only)
    by_snake = {snake(p): p for p in fixed}
    spec = registry.find(tf_type)
    out: dict[str, str] = {}
    for argument, source in spec.arguments.items() if spec else ():
        prop = by_snake.get(argument)
        if prop is None and isinstance(source, str) and source in fixed:
            prop = source
        if prop is not None:
            out[argument] = f"{cfn_name} property {prop} is create-only: a change replaces the resource"
    for prop in sorted(fixed):
        out.setdefault(snake(prop), f"{cfn_name} property {prop} is create-only: a change replaces the resource")
    return out
