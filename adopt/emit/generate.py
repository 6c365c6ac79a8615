"""Lay out a Terraform root module for an inventory and render its files.

The module is self-contained: ``versions.tf``, ``providers.tf`` (one block per
region), one ``<service>.tf`` per AWS service, ``imports.tf`` with an
``import`` block per resource, ``import.sh`` for the older ``terraform
import`` workflow, ``variables.tf`` for sensitive inputs (and
``terraform.tfvars.example`` listing them), and ``ADOPTION.md``, the
pull-request description.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from importlib import resources as importlib_resources

import jinja2

from .. import __version__, naming
from ..batches import graph
from ..batches.plan import resource_graph
from ..catalog import registry
from ..catalog.secrets import SECRETS_VARIABLE
from ..drift.baseline import Convergence, converge
from ..drift.compare import canonical, identity_arguments
from ..drift.grouping import Group, Ungrouped, find_groups
from ..existing.status import Ownership
from ..memory import paused_gc
from ..model import Inventory, Resource, ResourceKey
from ..refs import GENERATED, Resolver, Target, TargetIndex
from ..schema import Schema
from ..writers import hcl, markdown, shell
from ..writers.hcl import Line
from .diagram import batch_picture, families_picture
from .families import FamilyMember, local_names, render_family
from .manifest import write_files
from .providers import PROVIDERS_INTRO, module_providers, module_regions, provider_block, provider_reference
from .render import SecretChoice, Variable, prepare_resource, render_resource
from .tf_files import (
    FOR_EACH_IMPORTS_REQUIRED,
    IMPORTS_INTRO,
    VARIABLES_INTRO,
    import_block,
    tf_file,
    tfvars_example,
    variable_block,
    versions_block,
)


@dataclass
class Entry:
    """One resource as it will be written."""

    resource: Resource
    label: str
    provider: str | None  # ``aws.eu_west_1`` for non-default regions
    depends_on: list[str] = field(default_factory=list)  # addresses it references
    outside: dict[str, str] = field(default_factory=dict)  # of those, the ones not in this module: how they are held
    file: str = ""  # the generated file its block is in
    group: Group | None = None  # the family it is an instance of
    instance_key: str | None = None  # its key in that family's for_each

    @property
    def address(self) -> str:
        """``aws_instance.web``, or ``aws_instance.server["server1"]`` for a family's member."""
        if self.instance_key is None:
            return f"{self.resource.type}.{self.label}"
        return f"{self.resource.type}.{self.label}{hcl.index(self.instance_key)}"

    @property
    def target(self) -> Target:
        return Target(self.address, self.resource.region, self.resource.key)

    @property
    def risks(self) -> list[str]:
        return risk_notes(self.resource.type)


def risk_notes(tf_type: str) -> list[str]:
    """Where a careless change to this resource would hurt."""
    spec = registry.get(tf_type)
    notes = []
    if spec.stateful:
        notes.append("stateful: holds data; protected by prevent_destroy")
    if spec.risk == "network":
        notes.append("network access: a wrong apply can cut traffic, including your own")
    if spec.risk == "privilege":
        notes.append("privilege: grants or limits what identities may do")
    if spec.cloudformation_type:
        notes.append(
            f"adopted through Cloud Control as {spec.cloudformation_type} (awscc): mapped from its "
            "CloudFormation schema, not by a curated spec; review it with extra care"
        )
    if spec.replaced_when_changed:
        notes.append("a change to any of these replaces it: " + ", ".join(spec.replaced_when_changed))
    if spec.never_read:
        notes.append("write-only, never read back, so not written: " + ", ".join(spec.never_read))
    return notes


@dataclass
class Module:
    files: dict[str, str] = field(default_factory=dict)
    entries: list[Entry] = field(default_factory=list)
    variables: list[Variable] = field(default_factory=list)
    secrets: list[SecretChoice] = field(default_factory=list)  # how each secret was written
    warnings: list[str] = field(default_factory=list)
    groups: list[Group] = field(default_factory=list)  # the families written with for_each
    ungrouped: list[Ungrouped] = field(default_factory=list)  # the families written one by one, and why
    # Resources the census saw that stay outside Terraform (listed in ADOPTION.md).
    not_adopted: int = 0
    # With ``baseline``: what moves each family's members to its baseline, and what stays.
    convergences: list[Convergence] | None = None


@dataclass(frozen=True)
class Layout:
    """How generated files are named.

    A standalone module uses plain names; a batch written into someone's root
    module uses ``adopt_<batch>_...`` names that never clash with theirs.
    """

    batch: int | None = None
    providers: bool = True  # write versions/providers files (not when the user's module has its own)

    def name(self, kind: str) -> str:
        if self.batch is None:
            return {"readme": "ADOPTION.md", "script": "import.sh", "tfvars": "terraform.tfvars.example"}.get(
                kind, f"{kind}.tf"
            )
        if kind in ("versions", "providers"):
            return f"adopt_{kind}.tf"  # shared by every batch
        return {
            "readme": f"ADOPTION-{self.batch}.md",
            "script": f"adopt_{self.batch}_import.sh",
            "tfvars": f"adopt_{self.batch}_terraform.tfvars.example",
        }.get(kind, f"adopt_{self.batch}_{kind}.tf")


def _load_template(name: str) -> str:
    return importlib_resources.files("adopt.emit.templates").joinpath(name).read_text(encoding="utf-8")


@dataclass
class BatchContext:
    """What generating one batch of a plan adds to generating a module."""

    number: int
    title: str
    labels: dict[ResourceKey, str]  # fixed by the plan file
    earlier: TargetIndex[Target]  # what earlier batches adopted, into the same root module
    literal: dict[tuple[str, str], str]  # (address, path) -> why that reference stays a literal ID
    providers: bool = True  # write versions/providers files (not when the user's module has its own)
    groups: list[Group] = field(default_factory=list)  # the families of this batch, as the plan writes them
    locals: dict[tuple[str, str], str] = field(default_factory=dict)  # (type, label) -> local, over the plan
    # The providers of the whole plan: every batch writes the same shared versions and providers files.
    provider_names: tuple[str, ...] = ()


class Generator:
    def __init__(
        self,
        inventory: Inventory,
        schema: Schema,
        source: str,
        ownership: Ownership | None = None,
        *,
        batch: BatchContext | None = None,
        families: bool = True,
        provider_role: str | None = None,
        baseline: bool = False,
        secrets: str = SECRETS_VARIABLE,
    ) -> None:
        """``ownership``: which references point at resources Terraform
        already manages (see ``adopt status``); ``batch``: set when writing
        one batch of a plan into someone's root module (whose families the
        plan decides); ``families``: write each family of alike resources as
        one ``for_each`` resource (see :mod:`adopt.emit.families`);
        ``provider_role``: the role every provider assumes (an account of an
        organization); ``baseline``: write the follow-up to the adoption, each
        family's members at the family's baseline (see :mod:`adopt.drift.baseline`);
        ``secrets``: what becomes of a secret the provider reads back
        (``--secrets``, see :func:`adopt.catalog.secrets.secret_route`)."""
        self.inventory = inventory
        self.ownership = ownership
        self.schema = schema
        self.source = source
        self.batch = batch
        self.families = families
        self.provider_role = provider_role
        self.baseline = baseline
        self.secrets = secrets
        self.layout = Layout(batch.number, batch.providers) if batch else Layout()
        self.literal = batch.literal if batch else {}
        # Templates only for the prose and the script; every .tf file is written
        # by the HCL writer.  Each escapes every value for its own grammar.
        loader = jinja2.FunctionLoader(_load_template)
        self.markdown = markdown.environment(loader)
        self.shell = shell.environment(loader)
        self._type_rank = {t: i for i, t in enumerate(registry.types())}

    # -- layout ----------------------------------------------------------------

    def regions(self) -> list[str]:
        return module_regions(self.inventory)

    def build(self) -> Module:
        with paused_gc():
            return self._build()

    def _build(self) -> Module:
        module = Module()
        module.entries = self._entries(module)
        if self.batch is None:
            self.literal = {**self._cycle_breaks(module.entries), **self.literal}
        resolver = self._resolver(module.entries)
        import_order = self._references_and_order(module.entries, resolver)
        blocks = self._resource_blocks(module, resolver)
        self._small_files(module, blocks, import_order)
        module.files[self.layout.name("readme")] = self._readme(module, import_order)
        return module

    def _entries(self, module: Module) -> list[Entry]:
        """One entry per resource: its label (made here, or fixed by the plan), its
        provider, and the family it is an instance of."""
        regions = self.regions()
        default_region = regions[0] if regions else "us-east-1"
        labels = self.batch.labels if self.batch else naming.assign_labels(self.inventory.resources)
        entries = [
            Entry(resource, labels[resource.key], provider_reference(resource.region, default_region, resource.type))
            for resource in self.inventory.resources
        ]
        if self.batch:
            module.groups = list(self.batch.groups)
        elif self.families:
            module.groups, module.ungrouped = find_groups(self.inventory.resources, self.schema, labels)
        by_key = {e.resource.key: e for e in entries}
        for group in module.groups:
            for key, instance_key in group.members:
                entry = by_key[key]
                entry.group, entry.label, entry.instance_key = group, group.label, instance_key
        for ungrouped in module.ungrouped:
            family = ungrouped.family
            module.warnings.append(f"{family.type} family {family.name} is written one by one: {ungrouped.why}")
        if self.baseline:
            # Families are found, and labelled, as the adoption found them; only the values move.
            converged, module.convergences = converge(self.inventory.resources, self.schema)
            by_key = {r.key: r for r in converged}
            for entry in entries:
                entry.resource = by_key[entry.resource.key]
        return entries

    def _cycle_breaks(self, entries: list[Entry]) -> dict[tuple[str, str], str]:
        """References that would close a cycle (a queue and its dead-letter
        queue naming each other), kept literal as a plan keeps them."""
        g = resource_graph(self.inventory.resources)
        address = {entry.resource.key: entry.address for entry in entries}
        return {
            (address[a], path): f"breaks the reference cycle through {address[b]}"
            for a, b in g.graph["broken"]
            for path in g.edges[a, b]["paths"]
        }

    def _resolver(self, entries: list[Entry]) -> Resolver:
        # Where each (type, attribute, value) lives, for references: one pass, no quadratic lookups.
        return Resolver(
            TargetIndex((entry.resource, entry.target) for entry in entries),
            earlier=self.batch.earlier if self.batch else None,
            managed=self.ownership.managed if self.ownership else None,
            declared=self.ownership.imports if self.ownership else None,
            literal=self.literal,
        )

    def _sort_key(self, entry: Entry) -> tuple:
        """Blocks in catalogue order of their types, then by label (a family's members in key order)."""
        place = entry.group.members.index((entry.resource.key, entry.instance_key)) if entry.group else 0
        return (self._type_rank.get(entry.resource.type, 9999), entry.label, place, entry.resource.region)

    def _references_and_order(self, entries: list[Entry], resolver: Resolver) -> list[Entry]:
        """Fill in what each entry depends on; return the entries in import order (dependencies first)."""
        edges = []
        for entry in entries:
            for ref in entry.resource.references:
                resolution = resolver.resolve(ref, entry.target)
                if resolution.address is not None:
                    entry.depends_on.append(resolution.address)
                    if resolution.outcome != GENERATED:
                        entry.outside[resolution.address] = resolution.outcome
                if resolution.outcome == GENERATED:
                    edges.append((entry.resource.key, resolution.target.key))
            entry.depends_on = sorted(set(entry.depends_on) - {entry.address})
        by_key = {e.resource.key: e for e in entries}
        order = graph.dependency_order(graph.build(by_key, edges), lambda k: self._sort_key(by_key[k]))
        return [by_key[k] for k in order]

    def _resource_blocks(self, module: Module, resolver: Resolver) -> dict[str, list[list[Line]]]:
        """The resource blocks (and each family's ``locals``), by the file group they are written in."""
        blocks_by_file: dict[str, list[list[Line]]] = {}
        members: dict[str, list[Entry]] = {}
        for entry in module.entries:
            if entry.group is not None:
                members.setdefault(entry.group.address, []).append(entry)
        self._family_imports: dict[str, list[Line]] = {}
        for entry in sorted(module.entries, key=self._sort_key):
            spec = registry.get(entry.resource.type)
            entry.file = self.layout.name(spec.file_group)
            if entry.group is not None:
                if entry.group.address not in self._family_imports:
                    family = self._family(entry.group, members[entry.group.address], resolver, module)
                    blocks_by_file.setdefault(spec.file_group, []).extend([family.locals, family.resource])
                    self._family_imports[entry.group.address] = family.imports
                continue
            rendered = render_resource(
                entry.resource,
                entry.label,
                spec,
                self.schema.resource(entry.resource.type),
                lambda ref, owner=entry.target: resolver.resolve(ref, owner),
                entry.provider,
                self.secrets,
            )
            module.variables.extend(rendered.variables)
            module.secrets.extend(rendered.secrets)
            module.warnings.extend(rendered.warnings)
            blocks_by_file.setdefault(spec.file_group, []).append(rendered.lines)
        return blocks_by_file

    def _family(self, group: Group, entries: list[Entry], resolver: Resolver, module: Module):
        """A family's ``locals``, its one resource and its one import block."""
        spec = registry.get(group.type)
        block = self.schema.resource(group.type)
        order = {key: i for i, (key, _) in enumerate(group.members)}
        members = []
        for entry in sorted(entries, key=lambda e: order[e.resource.key]):
            prepared = prepare_resource(
                entry.resource,
                entry.label,
                spec,
                block,
                lambda ref, owner=entry.target: resolver.resolve(ref, owner),
                self.secrets,
            )
            module.variables.extend(prepared.variables)
            module.secrets.extend(prepared.secrets)
            module.warnings.extend(prepared.warnings)
            members.append(FamilyMember(entry.instance_key or "", entry.resource.import_id, prepared))
        return render_family(
            group,
            self._local_names(module.groups)[(group.type, group.label)],
            members,
            spec,
            block,
            identity_arguments(self.schema, group.type),
            entries[0].provider,
        )

    def _local_names(self, groups: list[Group]) -> dict[tuple[str, str], str]:
        if self.batch and self.batch.locals:
            return self.batch.locals  # over the whole plan: batches share one root module
        return local_names([(g.type, g.label) for g in groups])

    def _small_files(
        self, module: Module, blocks_by_file: dict[str, list[list[Line]]], import_order: list[Entry]
    ) -> None:
        """versions, providers, the resource files, imports, variables and the import script."""
        name = self.layout.name
        header = self.header_text()
        files = module.files
        if self.layout.providers:
            for_each_imports = bool(module.groups) or bool(self.batch and self.batch.locals)
            used = list(self.batch.provider_names) if self.batch and self.batch.provider_names else None
            used = used or module_providers(self.inventory)
            files[name("versions")] = tf_file(header, [versions_block(for_each_imports, used)])
            providers = [
                provider_block(r, i == 0, self.provider_role, provider)
                for provider in used
                for i, r in enumerate(self.regions())
            ]
            files[name("providers")] = tf_file(header, providers, PROVIDERS_INTRO)
        for group, blocks in sorted(blocks_by_file.items()):
            files[name(group)] = tf_file(header, blocks)
        imports = []
        for entry in import_order:
            if entry.group is None:
                imports.append(import_block(entry.address, entry.resource.import_id, entry.provider))
            elif entry.group.address in self._family_imports:
                imports.append(self._family_imports.pop(entry.group.address))  # once, where its first member is
        intro = IMPORTS_INTRO + (FOR_EACH_IMPORTS_REQUIRED,) if module.groups else IMPORTS_INTRO
        files[name("imports")] = tf_file(header, imports, intro)
        if module.variables:
            files[name("variables")] = tf_file(header, map(variable_block, module.variables), VARIABLES_INTRO)
            files[name("tfvars")] = tfvars_example(header, module.variables)
        files[name("script")] = self.shell.get_template("import.sh.j2").render(
            header_text=self.header_text(), entries=import_order
        )

    def _readme(self, module: Module, import_order: list[Entry]) -> str:
        """``ADOPTION.md``: the pull request's description."""
        addresses = {e.address for e in module.entries}
        counts = Counter(e.resource.type for e in module.entries)
        outside = self._not_adopted()
        module.not_adopted = sum(len(group) for _, _, group in outside)
        return self.markdown.get_template("ADOPTION.md.j2").render(
            header_text=self.header_text(),
            title=self.batch.title if self.batch else None,
            batch=self.layout.batch,
            source=self.source,
            account_id=self.inventory.account_id,
            regions=self.regions(),
            counts=sorted(counts.items()),
            entries=import_order,
            total=len(module.entries),
            risky=[e for e in import_order if e.risks],
            families=[
                (g.address, len(g.members), self._local_names(module.groups)[(g.type, g.label)])
                for g in sorted(module.groups, key=lambda g: g.address)
            ],
            variables=module.variables,
            secrets=module.secrets,
            tfvars=self.layout.name("tfvars"),
            literals=sorted({(address, why) for (address, _), why in self.literal.items() if address in addresses}),
            errors=self.inventory.errors,
            not_adopted=outside,
            census_taken=self.inventory.census is not None,
            baseline=self._baseline_rows(module) if module.convergences is not None else None,
            baseline_members=sum(len(c.changed_members) for c in module.convergences or []),
            picture=batch_picture(import_order),
            families_picture=families_picture(module.groups, module.entries, self.schema),
        )

    def _baseline_rows(self, module: Module) -> list[dict]:
        """The baseline change's tables, by family, with each member under its address."""
        address = {(e.resource.type, e.resource.id): e.address for e in module.entries}
        rows = []
        for c in module.convergences or []:
            family = c.family
            group = next((g for g in module.groups if family.members[0].resource.key in g.keys), None)

            def member(rid: str, tf_type: str = family.type) -> str:
                return address.get((tf_type, rid), rid)

            rows.append(
                {
                    "address": group.address if group else f"{family.type} family {family.name}",
                    "changed": [
                        {
                            "member": member(ch.member),
                            "argument": ch.argument,
                            "now": _shown(ch.now),
                            "becomes": _shown(ch.becomes),
                            "risks": list(ch.risks),
                        }
                        for ch in c.changes
                    ],
                    "held": [
                        {"member": member(h.member), "argument": h.argument, "now": _shown(h.now), "why": h.why}
                        for h in c.held
                    ],
                }
            )
        return rows

    def _not_adopted(self) -> list[tuple[str, str, list]]:
        """The census's resources that stay outside Terraform, by type:
        (Terraform type or "", CloudFormation type or "", entries).  With ``--state``/``--config``,
        what Terraform already holds or the ignore file names is left out."""
        from ..census.report import not_adopted
        from ..existing.status import UNMANAGED, UNSUPPORTED, classify_census

        entries = not_adopted(self.inventory.census or [])
        if self.ownership is not None:
            kept = {
                id(i.census) for i in classify_census(entries, self.ownership) if i.status in (UNMANAGED, UNSUPPORTED)
            }
            entries = [e for e in entries if id(e) in kept]
        grouped: dict[tuple[str, str], list] = {}
        for entry in entries:
            grouped.setdefault((entry.tf_type or "", entry.cfn_type or ""), []).append(entry)
        return [(tf, cfn, group) for (tf, cfn), group in sorted(grouped.items())]

    def header_text(self) -> str:
        return f"Generated by adopt {__version__} from {self.source}; review before applying."

    def header(self) -> str:
        """The header as a comment line (``import.sh`` and ``ADOPTION.md`` begin with it too)."""
        return hcl.comment(self.header_text(), 0).text


def _shown(value, limit: int = 100) -> str:
    """A value in one short line (``(unset)`` for none), for a table cell."""
    if value is None:
        return "(unset)"
    text = value if isinstance(value, str) else canonical(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def write_module(module: Module, out_dir: str, force: bool = False, inventory: str | None = None) -> list[str]:
    """Write every file safely (see :mod:`adopt.emit.manifest`); return the paths written."""
    resources = {
        e.address: {"type": e.resource.type, "id": e.resource.id, "region": e.resource.region, "file": e.file,
                    "inventory": inventory}
        for e in module.entries
    }  # fmt: skip
    return write_files(module.files, out_dir, force=force, resources=resources)
