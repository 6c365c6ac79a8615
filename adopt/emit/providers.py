"""The provider blocks of a generated module: one per region and provider, and which one a resource names.

A module holds the aws provider's, and the awscc provider's beside them when it
adopts resources through Cloud Control (the long tail); a type's prefix names
its provider.

``generate`` writes them and ``converge`` re-renders blocks that name them, so
both take the regions, the default region and the aliases from here.
"""

from __future__ import annotations

from ..model import GLOBAL_REGION, Inventory
from ..schema import provider_of
from ..writers import hcl
from ..writers.hcl import Line

PROVIDERS_INTRO = ("One provider per region; resources outside the first region name theirs.",)


def provider_alias(region: str) -> str:
    """``eu-west-1`` -> ``eu_west_1``."""
    return region.replace("-", "_")


def module_regions(inventory: Inventory) -> list[str]:
    """The regions scanned, then any other a resource is in; the first is the default provider's."""
    regions = list(inventory.regions)
    for resource in inventory.resources:
        if resource.region != GLOBAL_REGION and resource.region not in regions:
            regions.append(resource.region)
    return regions


# The providers a module may use, in the order their blocks are written.
PROVIDERS = ("aws", "awscc")


def module_providers(inventory: Inventory) -> list[str]:
    """aws always; awscc only when a resource is one of its types."""
    used = {provider_of(r.type) for r in inventory.resources}
    return [p for p in PROVIDERS if p == "aws" or p in used]


def provider_reference(region: str, default_region: str, tf_type: str = "aws") -> str | None:
    """What a resource's ``provider`` argument says: nothing in the default region (or a global one)."""
    if region in (GLOBAL_REGION, default_region):
        return None
    return f"{provider_of(tf_type)}.{provider_alias(region)}"


def provider_block(region: str, default: bool, role_arn: str | None = None, provider: str = "aws") -> list[Line]:
    """The default region's block has no alias; every other region's is named
    after it.  ``role_arn``: the role the account was scanned through, which
    Terraform assumes the same way (one module per account of an organization);
    awscc takes it as an attribute, not a block."""
    lines = [Line(0, f'provider "{provider}" {{')]
    if not default:
        lines.append(Line(1, hcl.quote(provider_alias(region)), key="alias"))
    lines.append(Line(1, hcl.quote(region), key="region"))
    if role_arn and provider == "awscc":
        lines += hcl.assignment("assume_role", {"role_arn": role_arn}, 1)
    elif role_arn:
        lines += [Line(1, "assume_role {"), Line(2, hcl.quote(role_arn), key="role_arn"), Line(1, "}")]
    lines.append(Line(0, "}"))
    return lines
