"""Repair generated code from what the provider itself reads, until the plan is clean.

For each in-place difference that ``adopt verify`` finds in a resource adopt
generated, the argument is set to the value the provider read from AWS (the
plan's prior state) and the resource block is rendered again by the same
renderer as ``adopt generate``: canonical ``terraform fmt`` text, references
kept wherever a value is the ID, ARN or name of a resource Terraform knows,
JSON documents as ``jsonencode(...)``.  Then Terraform plans again, for a few
rounds.

Where each resource came from is in the manifest (``.adopt-manifest.json``):
its file, its inventory (or plan file, for a batch) and its key there.  The
values converge chose are kept in ``.adopt-converge.json`` beside it, so a
later run starts from them.

What converge does not rewrite, and reports instead with a suggested
``lifecycle { ignore_changes = [...] }`` (added only when asked):

* a difference that would replace the resource;
* a sensitive argument (adopt never writes a secret), or one known only after apply;
* an argument whose read value the provider does not accept back (it still
  differs after being written): its value goes back to what it was;
* anything in a file a person changed since adopt wrote it: that file is left alone.
"""

from __future__ import annotations

import copy
import dataclasses
import json
import os
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from ..catalog import registry
from ..emit.manifest import changed_by_a_person, load_manifest, record_edit
from ..emit.providers import module_regions, provider_reference
from ..emit.render import render_resource
from ..errors import AdoptError, BadInput
from ..fileio import replace_file
from ..model import Inventory, Reference, Resource, ResourceKey
from ..refs import (
    ANY_REGION,
    NestedMatcher,
    Resolution,
    Resolver,
    Target,
    TargetIndex,
    find_references,
    matchable_attributes,
    parse_path,
    shared_attributes,
)
from ..schema import Block, Schema
from ..writers import hcl
from .choices import STATE_FILE, ConvergeState, Edit
from .runner import Terraform
from .verify import REPLACE, UPDATE, Difference, ResourceResult, Verification, format_path, run_verify, show_value

DEFAULT_ROUNDS = 3

Notes = Callable[[str], None]


@dataclass
class Change:
    """One argument converge rewrote."""

    address: str
    file: str
    argument: str
    config: Any  # what the code said
    aws: Any  # what the provider read, now in the code
    kind: str  # json | order | set | case | default | removed | map | block | value
    why: str
    round: int
    details: list[str] = field(default_factory=list)  # the values that differed, path by path

    def to_json(self) -> dict[str, Any]:
        return dataclasses.asdict(self)


@dataclass
class Unresolved:
    """A difference converge leaves to a person."""

    address: str
    arguments: list[str]
    why: str
    file: str | None = None
    ignored: bool = False  # the suggested ignore_changes was added (--ignore-remaining)
    ignorable: bool = True  # False: the cause is elsewhere (another resource's replacement)

    @property
    def suggestion(self) -> str | None:
        if not self.ignorable:
            return None
        return "lifecycle { ignore_changes = [" + ", ".join(self.arguments) + "] }"

    def to_json(self) -> dict[str, Any]:
        return {**dataclasses.asdict(self), "suggestion": self.suggestion}


@dataclass
class ConvergeResult:
    rounds: int
    final: Verification
    changes: list[Change] = field(default_factory=list)
    unresolved: list[Unresolved] = field(default_factory=list)
    refused: list[str] = field(default_factory=list)  # files a person changed
    notes: list[str] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return {
            "rounds": self.rounds,
            "changes": [c.to_json() for c in self.changes],
            "unresolved": [u.to_json() for u in self.unresolved],
            "left_alone": self.refused,
            "notes": self.notes,
        }

    def summary_lines(self) -> list[str]:
        lines = []
        if self.changes:
            files = sorted({c.file for c in self.changes})
            n = len(self.changes)
            lines.append(
                f"Converge: {n} argument{'s' if n != 1 else ''} rewritten to what the provider read, in "
                f"{', '.join(files)}; {self.rounds} plans:"
            )
            for c in self.changes:
                lines.append(f"  {c.address}.{c.argument} ({c.kind}): {c.why}")
                for detail in c.details[:6]:
                    lines.append(f"      {detail}")
                if len(c.details) > 6:
                    lines.append(f"      ... and {len(c.details) - 6} more")
        else:
            lines.append("Converge: no argument rewritten.")
        if self.unresolved:
            lines.append("Not converged:")
            for u in self.unresolved:
                done = "added" if u.ignored else "suggested"
                lines.append(f"  {u.address} [{', '.join(u.arguments)}]: {u.why}")
                if u.suggestion:
                    lines.append(f"      {done}: {u.suggestion}")
        for name in self.refused:
            lines.append(f"Left alone: {name} was changed by a person since adopt wrote it.")
        return lines


# -- where a resource came from ----------------------------------------------------------------


@dataclass
class Source:
    """An inventory, or a plan file and its inventory (for batches)."""

    path: str
    inventory: Inventory
    literal: dict[tuple[str, str], str] = field(default_factory=dict)  # (address, path) -> why

    def resource(self, key: ResourceKey) -> Resource | None:
        return self._by_key.get(key)

    def __post_init__(self) -> None:
        self._by_key = {r.key: r for r in self.inventory.resources}
        self._matcher: NestedMatcher | None = None

    def matcher(self) -> NestedMatcher:
        """Its resources by the values others hold nested, as the scan matched them."""
        if self._matcher is None:
            self._matcher = NestedMatcher(self.inventory.resources, matchable_attributes, shared_attributes)
        return self._matcher

    @classmethod
    def load(cls, path: str) -> Source:
        try:
            with open(path, encoding="utf-8") as fh:
                data = json.load(fh)
        except (OSError, ValueError) as exc:
            raise BadInput(f"Cannot read {path}, the source of the generated code: {exc}.") from exc
        if isinstance(data, dict) and str(data.get("format", "")).startswith("adopt-plan/"):
            from ..batches.plan import Plan
            from ..emit.batch import inventory_for

            plan = Plan.load(path)
            return cls(path, inventory_for(plan, path), dict(plan.literal))
        return cls(path, Inventory.from_json(data, source=path))


class Context:
    """What re-rendering a generated block needs: sources, known addresses, providers, the schema."""

    def __init__(self, module_dir: str, manifest: dict[str, Any], schema: Schema) -> None:
        self.module_dir = module_dir
        self.manifest = manifest
        self.schema = schema
        self.sources: dict[str, Source] = {}
        self.generated: TargetIndex[Target] = TargetIndex()
        self.managed: TargetIndex[Target] = TargetIndex()
        self.providers: dict[str, str] = {}

    def source(self, path: str) -> Source:
        if path not in self.sources:
            self.sources[path] = Source.load(path)
        return self.sources[path]

    def learn(self, plan: dict[str, Any] | None) -> None:
        """Where references may point: what the module generates (from the
        manifest), then what the plan's prior state holds."""
        self.generated = TargetIndex()
        self.managed = TargetIndex()
        for address, entry in sorted(self.manifest.get("resources", {}).items()):
            resource = self._resource(entry)
            if resource is not None:
                self.generated.add_resource(resource, Target(address, resource.region, resource.key))
        for rc in (plan or {}).get("resource_changes") or []:
            if rc.get("mode", "managed") != "managed":
                continue
            values = (rc.get("change") or {}).get("before") or {}
            address = rc.get("address", "")
            if not isinstance(values, dict) or not isinstance(address, str) or "[" in address:
                continue
            target = Target(address, in_root_module=not rc.get("module_address"))
            tf_type = str(rc.get("type", ""))
            spec = registry.find(tf_type)
            self.managed.add_values(tf_type, ANY_REGION, target, values, spec.exports if spec else ())
        self.providers = {
            r["address"]: r.get("provider_config_key", "aws")
            for r in ((plan or {}).get("configuration") or {}).get("root_module", {}).get("resources") or []
            if "address" in r
        }

    def _resource(self, entry: dict[str, Any]) -> Resource | None:
        path = entry.get("inventory")
        if not path:
            return None
        try:
            source = self.source(path)
        except AdoptError:
            return None
        return source.resource(ResourceKey(entry.get("type", ""), entry.get("region", ""), entry.get("id", "")))

    def provider(self, address: str, resource: Resource, source: Source) -> str | None:
        key = self.providers.get(address)
        if key is not None:
            return None if "." not in key else key  # a provider's default block needs no reference
        regions = module_regions(source.inventory)
        return provider_reference(resource.region, regions[0] if regions else resource.region, resource.type)

    def resolver(self, owner: Target, literal: dict[tuple[str, str], str]) -> Callable[[Reference], Resolution]:
        refs = Resolver(self.generated, managed=self.managed, literal=literal)
        return lambda ref: refs.resolve(ref, owner)


# -- values as the provider read them, in the inventory's shape ---------------------------------


def _empty(value: Any) -> bool:
    return value is None or value == "" or (isinstance(value, (list, dict)) and not value)


def _clean_block(element: Any, block: Block) -> Any:
    """A nested block's element as generated code would write it: only writable, set values."""
    if not isinstance(element, dict):
        return element
    out: dict[str, Any] = {}
    for name, value in element.items():
        attribute = block.attributes.get(name)
        block_type = block.block_types.get(name)
        if attribute is not None:
            if not attribute.writable or (_empty(value) and not attribute.required):
                continue
            if attribute.computed and value is not True and value in (False, 0):
                continue  # optional and computed: left out, the provider keeps what it read
            out[name] = value
        elif block_type is not None:
            cleaned = _block_value(value, block_type)
            if cleaned is not None:
                out[name] = cleaned
    return out


def _block_value(value: Any, block_type) -> Any:
    elements = value if isinstance(value, list) else [] if value is None else [value]
    cleaned = [_clean_block(e, block_type.block) for e in elements if isinstance(e, dict)]
    if not cleaned:
        return None
    if block_type.nesting_mode in ("single", "group") or (block_type.max_items == 1 and len(cleaned) == 1):
        return cleaned[0]
    return cleaned


def code_value(block: Block, name: str, value: Any) -> Any:
    """The read value of argument ``name`` as adopt writes it (None: leave the argument out)."""
    attribute = block.attributes.get(name)
    if attribute is not None:
        if _empty(value) and not attribute.required:
            return None
        return value
    block_type = block.block_types.get(name)
    if block_type is not None:
        return _block_value(value, block_type)
    return value


def kind_of(config: Any, aws: Any, json_argument: bool) -> tuple[str, str]:
    """What sort of difference this was, and why converge wrote AWS's value."""
    if _empty(config) and not _empty(aws):
        return "default", "AWS has a value the code left out, and it is not the provider's default"
    if _empty(aws) and not _empty(config):
        return "removed", "AWS has no value for it: the argument is left out"
    if isinstance(config, str) and isinstance(aws, str):
        if json_argument or (config[:1] in "{[" and aws[:1] in "{["):
            return "json", "the JSON document in AWS differs from the code's: written as AWS has it"
        if config.lower() == aws.lower():
            return "case", "AWS stores it in another case, which the provider does not treat as equal"
        if config.rstrip(".") == aws.rstrip("."):
            return "case", "AWS stores it without the trailing dot"
        return "value", "AWS has another value"
    if isinstance(config, list) and isinstance(aws, list):
        try:
            same = sorted(map(json.dumps, config)) == sorted(map(json.dumps, aws))
        except TypeError:
            same = False
        if same:
            return "order", "the same elements, in the order AWS returns them (the argument is an ordered list)"
        if aws and all(isinstance(v, dict) for v in aws):
            return "block", "the nested blocks in AWS differ from the code's"
        return "set", "AWS has other elements"
    if isinstance(config, dict) and isinstance(aws, dict):
        return "map", "AWS has other keys or values"
    return "value", "AWS has another value"


# -- rendering and splicing blocks ---------------------------------------------------------------


def block_span(text: str, tf_type: str, label: str) -> tuple[int, int] | None:
    """Where ``resource "TYPE" "LABEL" {`` ... ``}`` lies in a file (the closing brace's line included)."""
    match = re.search(rf'^resource\s+"{re.escape(tf_type)}"\s+"{re.escape(label)}"\s*\{{[ \t]*$', text, re.M)
    if not match:
        return None
    end = re.search(r"^\}[ \t]*$\n?", text[match.end() :], re.M)
    if not end:
        return None
    return match.start(), match.end() + end.end()


class Renderer:
    def __init__(self, context: Context, state: ConvergeState) -> None:
        self.context = context
        self.state = state

    def patched(self, address: str, entry: dict[str, Any]) -> tuple[Resource, Source]:
        source = self.context.source(entry["inventory"])
        key = ResourceKey(entry.get("type", ""), entry.get("region", ""), entry.get("id", ""))
        original = source.resource(key)
        if original is None:
            raise AdoptError(f"{address} is no longer in {entry['inventory']}")
        resource = copy.deepcopy(original)
        spec = registry.get(resource.type)
        for name, value in self.state.get(address).arguments.items():
            resource.references = [r for r in resource.references if parse_path(r.path)[0] != name]
            if value is None:
                resource.attributes.pop(name, None)
                continue
            resource.attributes[name] = value
            declared = [
                Reference(path, tf_type, ref.attribute, found)
                for path, tf_type, ref, found in find_references({name: value}, spec.references)
            ]
            alone = dataclasses.replace(resource, attributes={name: value})
            nested = source.matcher().references(alone, spec.json_argument_names, [r.path for r in declared])
            resource.references.extend(declared + nested)
        return resource, source

    def render(self, address: str, entry: dict[str, Any]) -> str:
        resource, source = self.patched(address, entry)
        spec = registry.get(resource.type)
        choices = self.state.get(address)
        if choices.ignore:
            extra = [name for name in choices.ignore if name not in spec.ignored_arguments]
            whys = choices.ignore_why
            grouped: dict[str, list[str]] = {}
            for name in extra:
                grouped.setdefault(whys.get(name, "differs from AWS and cannot be converged"), []).append(name)
            reason = "; ".join(f"adopt verify: {', '.join(names)}: {why}" for why, names in grouped.items())
            spec = dataclasses.replace(
                spec,
                ignore_changes=tuple(spec.ignore_changes) + tuple(extra),
                ignore_reason="; ".join(r for r in (spec.ignore_reason, reason) if r),
            )
        label = address.split(".", 1)[1]
        rendered = render_resource(
            resource,
            label,
            spec,
            self.context.schema.resource(resource.type),
            self.context.resolver(Target(address, resource.region, resource.key), source.literal),
            self.context.provider(address, resource, source),
        )
        return hcl.render(rendered.lines)


# -- the loop ------------------------------------------------------------------------------------


class Converger:
    def __init__(
        self,
        module_dir: str,
        terraform: Terraform,
        schema: Schema,
        *,
        rounds: int = DEFAULT_ROUNDS,
        ignore_remaining: bool = False,
        var_files: Iterable[str] = (),
        notes: Notes | None = None,
    ) -> None:
        self.module_dir = module_dir
        self.terraform = terraform
        self.rounds = max(1, rounds)
        self.ignore_remaining = ignore_remaining
        self.var_files = list(var_files)
        self.notes = notes
        self.manifest = load_manifest(module_dir)
        self.state = ConvergeState.load(module_dir)
        self.context = Context(module_dir, self.manifest, schema)
        self.renderer = Renderer(self.context, self.state)
        self.changes: list[Change] = []
        self.unresolved: dict[str, Unresolved] = {}  # by address
        self.refused: list[str] = []
        self.attempted: dict[tuple[str, str], Any] = {}  # (address, argument) -> its value before this run
        self.result_notes: list[str] = []
        self._pending_reverts: set[str] = set()

    def verify(self) -> Verification:
        return run_verify(self.module_dir, self.terraform, self.var_files, self.notes)

    def run(self) -> ConvergeResult:
        verification = self.verify()
        plans = 1
        ignoring_done = False
        for round_number in range(1, self.rounds + 2):
            if verification.errors:
                break
            self.context.learn(verification.plan)
            edits = self.plan_edits(verification, round_number) if round_number <= self.rounds else {}
            if not edits and self.ignore_remaining and not ignoring_done:
                ignoring_done = True
                edits = self.ignore_edits()
            if not (edits or self._pending_reverts) or not self.write(edits):
                break
            verification = self.verify()
            plans += 1
        self.final_unresolved(verification)
        if self.ignore_remaining and not ignoring_done and not verification.errors:
            edits = self.ignore_edits()
            if edits and self.write(edits):
                verification = self.verify()
                plans += 1
        self.state.save(self.module_dir)
        return ConvergeResult(
            rounds=plans,
            final=verification,
            changes=self.changes,
            unresolved=sorted(self.unresolved.values(), key=lambda u: u.address),
            refused=sorted(self.refused),
            notes=self.result_notes,
        )

    # -- deciding ----------------------------------------------------------------

    def _unresolve(
        self, result: ResourceResult, arguments: list[str], why: str, file: str | None, ignorable: bool = True
    ) -> None:
        existing = self.unresolved.get(result.address)
        if existing is None:
            self.unresolved[result.address] = Unresolved(
                result.address, list(arguments), why, file, ignorable=ignorable
            )
            return
        for name in arguments:
            if name not in existing.arguments:
                existing.arguments.append(name)
        if why not in existing.why:
            existing.why += f"; {why}"

    def _editable(self, result: ResourceResult) -> dict[str, Any] | None:
        entry = self.manifest.get("resources", {}).get(result.address)
        if not entry or not entry.get("inventory") or not entry.get("file"):
            self._unresolve(result, result.arguments, "not generated by adopt (no manifest entry)", None)
            return None
        name = entry["file"]
        if name in self.refused or changed_by_a_person(self.module_dir, [name], self.manifest):
            if name not in self.refused:
                self.refused.append(name)
            self._unresolve(result, result.arguments, f"{name} was changed by a person since adopt wrote it", name)
            return None
        return entry

    def plan_edits(self, verification: Verification, round_number: int) -> dict[str, Edit]:
        """The arguments to write this round, by address."""
        edits: dict[str, Edit] = {}
        for result in verification.results:
            if result.status == REPLACE:
                self._unresolve_replacement(result)
                continue
            if result.status != UPDATE:
                continue
            entry = self._editable(result)
            if entry is None:
                continue
            if "[" in result.address:
                why = "an instance of a family written with for_each; generate with --no-families to converge it alone"
                self._unresolve(result, result.arguments, why, entry["file"])
                continue
            try:
                resource, _ = self.renderer.patched(result.address, entry)
                block = self.context.schema.resource(resource.type)
            except AdoptError as exc:
                self._unresolve(result, result.arguments, f"cannot be rendered again: {exc}", entry["file"])
                continue
            spec = registry.get(resource.type)
            for name in result.arguments:
                diffs = [d for d in result.differences if d.argument == name]
                why = self._cannot_write(name, diffs, block, resource, spec)
                record = self.state.get(result.address)
                before = result.before if isinstance(result.before, dict) else {}
                value = code_value(block, name, before.get(name))
                if name in spec.defaults and value == spec.defaults[name]:
                    value = None  # the provider's default: left out, as generate does
                if why is None and (result.address, name) in self.attempted:
                    self._revert(result.address, name)
                    self.state.record(result.address).rejected[name] = value
                    why = NOT_ACCEPTED
                elif why is None and name in record.rejected and record.rejected[name] == value:
                    why = NOT_ACCEPTED  # found by an earlier run: not tried again
                if why is not None:
                    self._unresolve(result, [name], why, entry["file"])
                    continue
                current = resource.attributes.get(name)
                self.attempted[(result.address, name)] = self.state.get(result.address).arguments.get(name, _MISSING)
                edits.setdefault(result.address, Edit()).arguments[name] = value
                kind, because = kind_of(current, value, name in spec.json_argument_names)
                self.changes.append(
                    Change(
                        result.address, entry["file"], name, current, value, kind, because, round_number,
                        details=_details(diffs),
                    )
                )  # fmt: skip
        return edits

    def _unresolve_replacement(self, result: ResourceResult) -> None:
        forcing = [d for d in result.differences if d.replaces]
        entry = self.manifest.get("resources", {}).get(result.address) or {}
        if forcing and all(d.unknown for d in forcing):
            paths = ", ".join(d.path for d in forcing)
            why = (
                f"would be replaced because {paths} is known only after apply: it follows another resource that "
                "would be created or replaced; fix that one"
            )
            self._unresolve(result, [d.argument for d in forcing], why, entry.get("file"), ignorable=False)
            return
        details = ", ".join(
            f"{d.path}: config {show_value(d.config, 30)}, AWS {show_value(d.aws, 30)}" for d in forcing
        )
        self._unresolve(
            result,
            result.replacing_arguments or result.arguments,
            f"would replace the resource ({details or 'forced by the provider'})",
            entry.get("file"),
        )

    def _cannot_write(self, name: str, diffs: list[Difference], block: Block, resource: Resource, spec) -> str | None:
        if any(d.sensitive for d in diffs) or any(p.split(".")[0].split("[")[0] == name for p in resource.sensitive):
            return "sensitive: adopt never writes a secret value into code"
        if name in spec.sensitive:
            return "a secret supplied as a variable: adopt never writes its value"
        if any(d.unknown for d in diffs):
            return "its value is known only after apply"
        attribute = block.attributes.get(name)
        if attribute is None and name not in block.block_types:
            return "not an argument of this resource type in the provider schema"
        if attribute is not None and not attribute.writable:
            return "computed by the provider: it cannot be set in code"
        if attribute is not None and attribute.sensitive and name not in spec.not_secret:
            return "sensitive: adopt never writes a secret value into code"
        return None

    def _revert(self, address: str, name: str) -> None:
        previous = self.attempted.get((address, name), _MISSING)
        arguments = self.state.record(address).arguments
        if previous is _MISSING:
            arguments.pop(name, None)
        else:
            arguments[name] = previous
        self.changes = [c for c in self.changes if not (c.address == address and c.argument == name)]
        self._pending_reverts.add(address)

    def ignore_edits(self) -> dict[str, Edit]:
        """A ``lifecycle.ignore_changes`` entry for each difference left, by address."""
        edits: dict[str, Edit] = {}
        for unresolved in self.unresolved.values():
            entry = self.manifest.get("resources", {}).get(unresolved.address)
            if not entry or not unresolved.ignorable or unresolved.file in self.refused or not entry.get("file"):
                continue
            why = unresolved.why.split(" (")[0]
            edits.setdefault(unresolved.address, Edit()).ignore.update(dict.fromkeys(unresolved.arguments, why))
            unresolved.ignored = True
        return edits

    def final_unresolved(self, verification: Verification) -> None:
        for result in verification.results:
            if result.status == UPDATE and result.address not in self.unresolved:
                entry = self.manifest.get("resources", {}).get(result.address) or {}
                self._unresolve(
                    result, result.arguments, f"still differs after {self.rounds} round(s)", entry.get("file")
                )
            elif result.status == REPLACE and result.address not in self.unresolved:
                self._unresolve_replacement(result)
        # What was resolved in the end (by a later round) is no longer unresolved.
        still = {r.address for r in verification.results if not r.ok}
        for address in list(self.unresolved):
            if address not in still and not self.unresolved[address].ignored:
                del self.unresolved[address]

    # -- writing -----------------------------------------------------------------

    def write(self, edits: dict[str, Edit]) -> bool:
        """Apply the edits to the converge state, re-render the blocks and splice them into their files."""
        by_file: dict[str, list[str]] = {}
        addresses = set(edits) | set(self._pending_reverts)
        self._pending_reverts = set()
        for address in sorted(addresses):
            self.state.apply(address, edits.get(address) or Edit())
            entry = self.manifest["resources"].get(address)
            if entry:
                by_file.setdefault(entry["file"], []).append(address)
        wrote = False
        for name, addresses_in_file in sorted(by_file.items()):
            path = os.path.join(self.module_dir, name)
            with open(path, encoding="utf-8") as fh:
                text = fh.read()
            new_text = text
            for address in addresses_in_file:
                tf_type, label = address.split(".", 1)
                span = block_span(new_text, tf_type, label)
                if span is None:
                    self.result_notes.append(f"{address}: its block is not in {name}; left as it is")
                    continue
                block = self.renderer.render(address, self.manifest["resources"][address])
                new_text = new_text[: span[0]] + block + new_text[span[1] :]
            if new_text != text:
                replace_file(path, new_text)
                record_edit(self.module_dir, name, new_text)
                self.manifest = load_manifest(self.module_dir)
                self.context.manifest = self.manifest
                wrote = True
        return wrote


_MISSING = object()
NOT_ACCEPTED = "the provider does not accept the value it reads back: it still differs after being written"


def _details(diffs: list[Difference]) -> list[str]:
    out = []
    for d in diffs:
        if d.inner:
            out.extend(
                f"{d.path} {i.path or '(document)'}: {show_value(i.config, 40)} -> {show_value(i.aws, 40)}"
                for i in d.inner
            )
        else:
            out.append(f"{d.path}: {show_value(d.config, 40)} -> {show_value(d.aws, 40)}")
    return out


def converge(
    module_dir: str,
    terraform: Terraform,
    schema: Schema,
    *,
    rounds: int = DEFAULT_ROUNDS,
    ignore_remaining: bool = False,
    var_files: Iterable[str] = (),
    notes: Notes | None = None,
) -> ConvergeResult:
    """Verify, rewrite what differs from what the provider read, and plan again, a few rounds."""
    return Converger(
        module_dir,
        terraform,
        schema,
        rounds=rounds,
        ignore_remaining=ignore_remaining,
        var_files=var_files,
        notes=notes,
    ).run()


__all__ = ["STATE_FILE", "Change", "ConvergeResult", "Unresolved", "converge", "format_path"]
