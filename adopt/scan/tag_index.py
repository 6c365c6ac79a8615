"""Tags for a whole region in a few calls, instead of one call per resource.

The Resource Groups Tagging API's ``GetResources`` lists every resource of a
region that has, or once had, tags: a hundred a page.  Where it speaks for a
kind of resource, a resource it does not list has no tags, and its own
tagging call can be left out.  It speaks only for the kinds the service
supports, and which those are is not written anywhere adopt could read at
run time, so the answer itself is the evidence: a kind (an ARN's service and
resource type) speaks for itself once at least one of its resources is
listed.  A kind not listed at all is asked resource by resource, as before.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from ..catalog.arns import split_arn


class TagIndex:
    def __init__(self, mappings: Iterable[Mapping[str, Any]]) -> None:
        self._tags: dict[str, list[dict[str, Any]]] = {}
        self._kinds: set[tuple[str, str]] = set()
        for mapping in mappings:
            arn = mapping.get("ResourceARN")
            kind = split_arn(arn) if isinstance(arn, str) else None
            if kind is None:
                continue
            tags = mapping.get("Tags")
            self._tags[arn] = [t for t in tags if isinstance(t, Mapping)] if isinstance(tags, list) else []
            self._kinds.add(kind)

    def __len__(self) -> int:
        return len(self._tags)

    def speaks_for(self, arn: str) -> bool:
        """Whether this index knows the tags of the resource with this ARN (none, when it does not list it)."""
        return split_arn(arn) in self._kinds

    def tags(self, arn: str) -> list[dict[str, Any]]:
        """The resource's tags as AWS spells them (``[{"Key": .., "Value": ..}]``)."""
        return self._tags.get(arn, [])


def fetch(client: Any) -> TagIndex:
    """One region's index; raises what the client raises (the caller falls back)."""
    pages = client.get_paginator("get_resources").paginate(ResourcesPerPage=100)
    return TagIndex(mapping for page in pages for mapping in page.get("ResourceTagMappingList") or ())
