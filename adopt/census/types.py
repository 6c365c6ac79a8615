"""Which CloudFormation and Terraform type a resource the census saw is.

Nothing here is a table kept by hand.  The facts come from three places:

* the specs' own ARN templates: an ARN whose service and resource-type
  segments are a spec's (``("sqs", "")``, ``("ec2", "instance")``) is that
  spec's type;
* the CloudFormation resource schemas shipped with ``cfn-lint``, reduced by
  ``scripts/build_cfn_types.py`` to ``cfn-types.json.gz``: each type's own
  ARN shape where its schema spells it, the IAM prefixes of its handlers (an
  ARN's service segment) and whether Cloud Control lists it without a parent;
* the bundled provider schema: a Terraform type name derived from a
  CloudFormation name (``AWS::SageMaker::NotebookInstance`` ->
  ``aws_sagemaker_notebook_instance``) counts only when the provider has it.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import lru_cache

from ..catalog import registry
from ..catalog.arns import arn_shape, split_arn
from ..fileio import package_table
from ..schema import bundled

TABLE = "cfn-types.json.gz"


@dataclass(frozen=True)
class CfnType:
    name: str  # AWS::Service::Resource
    arns: tuple[tuple[str, str], ...]  # its own ARN's (service, resource type), where the schema says
    services: tuple[str, ...]  # IAM prefixes of its handlers, most used first
    listable: bool  # Cloud Control lists it with no parent identifier
    create_only: tuple[str, ...] = ()  # top-level properties whose change replaces the resource

    @property
    def namespace(self) -> str:
        return self.name.split("::")[1]

    @property
    def resource(self) -> str:
        return self.name.split("::")[2]


@lru_cache(maxsize=1)
def cfn_types() -> dict[str, CfnType]:
    raw = package_table(__package__, TABLE)
    return {
        name: CfnType(
            name=name,
            arns=tuple((s, r) for s, r in fact["arns"]),
            services=tuple(fact["services"]),
            listable=bool(fact["list"]),
            create_only=tuple(fact.get("create_only") or ()),
        )
        for name, fact in raw["types"].items()
    }


def table_source() -> str:
    return package_table(__package__, TABLE)["source"]


def _plain(text: str) -> str:
    """``notebook-instance``, ``NotebookInstance`` -> ``notebookinstance``."""
    return re.sub(r"[^a-z0-9]", "", text.lower())


def snake(name: str) -> str:
    """``NotebookInstance`` -> ``notebook_instance``; ``DBInstance`` -> ``db_instance``."""
    words = re.sub(r"(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])", "_", name)
    return words.lower()


class TypeMap:
    """ARN -> CloudFormation type -> Terraform type, from the data above."""

    def __init__(self, cfn: dict[str, CfnType], has_tf_type: Callable[[str], bool], specs: Iterable = ()) -> None:
        self.cfn = cfn
        self.specs = {s.tf_type: s for s in specs}
        # ARN shape -> the spec types whose ARN has it (ingress and egress rules share one),
        # and the one type each names (the outermost, where a child shares its parent's).
        self.spec_shapes: dict[tuple[str, str], set[str]] = {}
        for spec in self.specs.values():
            shape = arn_shape(spec.arn)
            if shape:
                self.spec_shapes.setdefault(shape, set()).add(spec.tf_type)
        self.spec_table = registry.derive_arn_targets(list(self.specs.values()))
        self._index_cfn_shapes()
        self._tf = self._derive_tf_types(has_tf_type)
        # A spec's own ARN shape names its CloudFormation type, whatever the
        # names say (AWS::EC2::Volume is aws_ebs_volume).
        for (service, rtype), tf in sorted(self.spec_table.items()):
            cfn_name = self.cfn_for_shape(service, rtype)
            if cfn_name is not None:
                self._tf[cfn_name] = tf
        self._cfn_of_tf: dict[str, str] = {}
        for cfn_name, tf in sorted(self._tf.items()):
            self._cfn_of_tf.setdefault(tf, cfn_name)

    def _index_cfn_shapes(self) -> None:
        """What an ARN's segments may name: the shapes schemas spell out, and
        each service segment's namespaces (the IAM prefix its types use most,
        or its own name) with their resources."""
        self._exact: dict[tuple[str, str], set[str]] = {}
        for t in self.cfn.values():
            for shape in t.arns:
                self._exact.setdefault(shape, set()).add(t.name)
        votes: dict[str, Counter] = {}
        for t in self.cfn.values():
            if t.services:
                votes.setdefault(t.namespace, Counter())[t.services[0]] += 1
        self._namespaces: dict[str, set[str]] = {}
        for namespace, counted in votes.items():
            self._namespaces.setdefault(counted.most_common(1)[0][0], set()).add(namespace)
        for namespace in {t.namespace for t in self.cfn.values()}:
            self._namespaces.setdefault(_plain(namespace), set()).add(namespace)
        self._by_resource: dict[tuple[str, str], set[str]] = {}
        for t in self.cfn.values():
            self._by_resource.setdefault((t.namespace, _plain(t.resource)), set()).add(t.name)

    @classmethod
    def bundled(cls) -> TypeMap:
        return _bundled_map()

    # -- CloudFormation -> Terraform ---------------------------------------------

    def _derive_tf_types(self, has_tf_type: Callable[[str], bool]) -> dict[str, str]:
        """A Terraform name for each CloudFormation type, where the provider has it.

        First ``aws_<service>_<resource>`` (in two spellings of the service);
        else the bare ``aws_<resource>`` (``AWS::EC2::VPC`` is ``aws_vpc``),
        which only one CloudFormation type may claim, and, for a type adopt
        has a spec for, only one of the spec's own service.
        """
        derived: dict[str, str] = {}
        bare: dict[str, list[CfnType]] = {}
        for t in self.cfn.values():
            resource = snake(t.resource)
            qualified = [
                f"aws_{ns}_{res}"
                for ns in dict.fromkeys((t.namespace.lower(), snake(t.namespace)))
                for res in dict.fromkeys((resource, t.resource.lower()))
            ]
            found = next((name for name in qualified if has_tf_type(name)), None)
            if found:
                derived[t.name] = found
            elif has_tf_type(f"aws_{resource}"):
                bare.setdefault(f"aws_{resource}", []).append(t)
        claimed = set(derived.values())
        for tf, claimants in bare.items():
            spec = self.specs.get(tf)
            if spec is not None:
                own = [t for t in claimants if _plain(t.namespace) == spec.service]
                claimants = own or [t for t in claimants if spec.service in t.services[:1]]
            if len(claimants) == 1 and tf not in claimed:
                derived[claimants[0].name] = tf
        return derived

    def tf_type(self, cfn_type: str | None) -> str | None:
        return self._tf.get(cfn_type) if cfn_type else None

    def cfn_type_of(self, tf_type: str) -> str | None:
        return self._cfn_of_tf.get(tf_type)

    # -- ARN -> types ------------------------------------------------------------

    def cfn_for_arn(self, arn: str) -> str | None:
        shape = split_arn(arn)
        return self.cfn_for_shape(*shape) if shape else None

    def cfn_for_shape(self, service: str, rtype: str) -> str | None:
        """The one CloudFormation type whose ARNs have this service and resource type."""
        exact = self._exact.get((service, rtype), set())
        if len(exact) == 1:
            return next(iter(exact))
        if rtype:
            plain = _plain(rtype)
            for candidate in (plain, plain[:-1] if plain.endswith("s") else None):
                found = {
                    name
                    for namespace in self._namespaces.get(service, ())
                    for name in self._by_resource.get((namespace, candidate), ())
                }
                if len(found) > 1:  # the service's own namespace first (EC2's Volume, not WorkSpaces')
                    found = {name for name in found if _plain(self.cfn[name].namespace) == service}
                if candidate and len(found) == 1:
                    return next(iter(found))
        return None

    def spec_types_for_arn(self, arn: str) -> set[str]:
        """The spec types an ARN's shape belongs to (empty when no spec has it)."""
        shape = split_arn(arn)
        if shape is None:
            return set()
        return (
            self.spec_shapes.get(shape) or (self.spec_shapes.get((shape[0], "")) if shape[1] == "" else set()) or set()
        )

    def types_for_arn(self, arn: str) -> tuple[str | None, str | None, set[str]]:
        """(CloudFormation type, Terraform type, spec types the ARN may be)."""
        spec_types = self.spec_types_for_arn(arn)
        shape = split_arn(arn)
        tf = self.spec_table.get(shape) if shape else None
        if tf is not None:
            return self.cfn_type_of(tf) or self.cfn_for_arn(arn), tf, spec_types
        cfn = self.cfn_for_arn(arn)
        return cfn, self.tf_type(cfn), spec_types

    def hit_rate(self) -> tuple[int, int]:
        """(CloudFormation types mapped to a Terraform type, all types)."""
        return len(self._tf), len(self.cfn)


@lru_cache(maxsize=1)
def _bundled_map() -> TypeMap:
    return TypeMap(cfn_types(), bundled().has, registry.all_specs())


def is_arn(value: str) -> bool:
    return split_arn(value) is not None
