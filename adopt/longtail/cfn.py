"""The CloudFormation facts the long tail reads and writes by (see ``scripts/build_longtail_types.py``)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from ..fileio import package_table

TABLE = "cfn-schemas.json.gz"

# A property path below /properties: its steps, "*" for every item of a list.
Path = tuple[str, ...]


@dataclass(frozen=True)
class CfnSchema:
    name: str  # AWS::Service::Resource
    readable: bool  # has a read handler: Cloud Control's GetResource answers for it
    identifier: tuple[str, ...]  # primaryIdentifier: property names, in order
    read_only: tuple[Path, ...] = ()  # computed by AWS: never written
    write_only: tuple[Path, ...] = ()  # never read back: never read, treated like secrets
    create_only: tuple[Path, ...] = ()  # a change replaces the resource
    documents: tuple[str, ...] = ()  # free-form JSON documents (a policy): awscc takes them as JSON text

    def identifier_of(self, properties: dict) -> str | None:
        """The primary identifier's values in schema order, joined by ``|``, as
        Cloud Control and the awscc provider's import both take them."""
        values = [properties.get(name) for name in self.identifier]
        if not values or not all(isinstance(v, (str, int)) and not isinstance(v, bool) for v in values):
            return None
        return "|".join(str(v) for v in values)


@lru_cache(maxsize=1)
def cfn_schemas() -> dict[str, CfnSchema]:
    raw = package_table(__package__, TABLE)
    return {
        name: CfnSchema(
            name=name,
            readable=bool(fact.get("read")),
            identifier=tuple(fact.get("identifier") or ()),
            read_only=tuple(tuple(p) for p in fact.get("read_only") or ()),
            write_only=tuple(tuple(p) for p in fact.get("write_only") or ()),
            create_only=tuple(tuple(p) for p in fact.get("create_only") or ()),
            documents=tuple(fact.get("json") or ()),
        )
        for name, fact in raw["types"].items()
    }


def table_source() -> str:
    return package_table(__package__, TABLE)["source"]
