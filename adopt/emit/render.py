"""Turn one inventory resource into the lines of its ``resource`` block.

The spec decides what a value is; the provider schema decides how it is
written: attribute or nested block, and whether it may be written at all
(computed-only attributes never are).  Each secret takes the route
:func:`adopt.catalog.secrets.secret_route` decides: not written, a placeholder
that is ignored, left out and ignored, or a sensitive variable.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from .. import naming
from ..catalog.secrets import (
    NOT_WRITTEN,
    PLACEHOLDER,
    SECRETS_VARIABLE,
    VARIABLE,
    secret_route,
)
from ..catalog.spec import ResourceSpec, parse_json
from ..errors import BadInput
from ..model import Reference, Resource
from ..refs import Resolution, parse_path, place
from ..schema import Block
from ..writers import hcl
from ..writers.hcl import Expr, JsonEncode, Line, Template


@dataclass
class Variable:
    """A sensitive input the user supplies; never given a value by the tool."""

    name: str
    description: str
    type: str = "string"


@dataclass(frozen=True)
class SecretChoice:
    """How one secret of a resource was written, for ADOPTION.md."""

    address: str  # ``aws_db_instance.orders``
    path: str  # the argument (``environment.variables.DB_PASSWORD``)
    route: str  # see adopt.catalog.secrets
    why: str  # why it is a secret
    detail: str  # what the route means for this argument


@dataclass
class RenderedResource:
    lines: list[Line]
    variables: list[Variable] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    secrets: list[SecretChoice] = field(default_factory=list)


# How a reference is written: the expression of its target (``aws_vpc.main.id``),
# or the literal with a note saying why (see :class:`adopt.refs.Resolver`).
Resolve = Callable[[Reference], Resolution]


@dataclass
class Prepared:
    """A resource's arguments as they will be written: references substituted,
    secrets made variables, and only what the provider schema lets code set
    (nested blocks as lists of their elements)."""

    values: dict[str, Any]
    notes: dict[str, list[str]]  # argument -> the comments above it (why a reference stays literal)
    variables: list[Variable] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    # lifecycle.ignore_changes: (expression, why), the spec's and the secrets'.
    ignores: list[tuple[str, str]] = field(default_factory=list)
    secrets: list[SecretChoice] = field(default_factory=list)
    # Comments at the end of the block: the secrets not written, and why.
    secret_notes: list[str] = field(default_factory=list)


def render_resource(
    resource: Resource,
    address_label: str,
    spec: ResourceSpec,
    block: Block,
    resolve: Resolve,
    provider: str | None,
    secrets: str = SECRETS_VARIABLE,
) -> RenderedResource:
    """``secrets``: what becomes of a secret the provider reads back (``--secrets``)."""
    prepared = prepare_resource(resource, address_label, spec, block, resolve, secrets)
    body: list[Line] = []
    if provider:
        body.append(Line(1, Expr(provider).text, key="provider"))
    body.extend(block_body(prepared.values, block, 1, prepared.notes))
    body.extend(secret_note_lines(prepared.secret_notes))
    body.extend(lifecycle_lines(spec, prepared.ignores))
    lines = [hcl.block_header("resource", resource.type, address_label), *tidy(body), Line(0, "}")]
    return RenderedResource(lines, prepared.variables, prepared.warnings, prepared.secrets)


def prepare_resource(
    resource: Resource,
    address_label: str,
    spec: ResourceSpec,
    block: Block,
    resolve: Resolve,
    secrets: str = SECRETS_VARIABLE,
) -> Prepared:
    """What :func:`render_resource` writes in the block's body, before it is written."""
    out = RenderedResource(lines=[])
    values: dict[str, Any] = {}
    notes: dict[str, list[str]] = {}

    # Substitute references into a copy of the values, path by path.
    for name, value in resource.attributes.items():
        values[name] = _copy(value)
    for name in spec.json_argument_names:
        doc = parse_json(values.get(name)) if isinstance(values.get(name), str) else None
        if doc is not None:
            values[name] = JsonEncode(doc)
    for ref in resource.references:
        resolution = resolve(ref)
        steps = parse_path(ref.path)
        written = _written(_get_path(values, steps), ref, resolution.expression)
        if written is not None:
            _set_path(values, steps, written)
        elif resolution.note and resolution.note not in notes.get(str(steps[0]), ()):
            notes.setdefault(str(steps[0]), []).append(resolution.note)
    address = f"{resource.type}.{address_label}"
    ignores = [(_steps_text(steps), why) for steps, why in spec.ignored_for(resource)]
    choices: list[SecretChoice] = []
    secret_notes: list[str] = []
    placeholders: list[str] = []  # the spec's constants, not the account's: written though sensitive
    for path, why in sorted(resource.sensitive.items()):
        steps = parse_path(path)
        route = secret_route(steps, block, spec.secret_placeholders, secrets)
        wo = (
            f"; to set it from Terraform without keeping it in the state, use {route.write_only} "
            f"with {route.write_only}_version"
            if route.write_only
            else ""
        )
        if route.route == VARIABLE:
            variable = Variable(
                name=f"{address_label}_{naming.sanitize(path, leading=False)}",
                description=f"{address}.{path}: {why}",
            )
            out.variables.append(variable)
            _set_path(values, steps, Expr(f"var.{variable.name}"), create=True)
            detail = f"a sensitive variable, var.{variable.name}: it must match what the provider reads back{wo}"
        elif route.route == NOT_WRITTEN:
            detail = f"not written: the provider never reads it back, so leaving it out plans no change{wo}"
            secret_notes.append(f"{path}: {detail}.")
        elif route.route == PLACEHOLDER:
            _set_path(values, steps, spec.secret_placeholders[str(steps[0])], create=True)
            detail = "a placeholder the provider requires, ignored so that the live value is kept" + wo
            ignores.append((route.expression, f"{why}; {detail}"))
            placeholders.append(path)
        else:  # IGNORED: left out, the containing map kept so that the ignored key can be merged back
            _ensure_path(values, steps[:-1])
            detail = "left out of the code and ignored, so that the live value is kept (--secrets ignore)" + wo
            ignores.append((route.expression, f"{why}; {detail}"))
        choices.append(SecretChoice(address, path, route.route, why, detail))
    not_secret = spec.not_secret + tuple(placeholders)
    written = _writable(values, block, out, path=resource.type, not_secret=not_secret)
    return Prepared(written, notes, out.variables, out.warnings, ignores, choices, secret_notes)


def _steps_text(steps: tuple[str | int, ...]) -> str:
    """A spec's ignore_changes entry as Terraform names it (``scaling_config[0].desired_size``)."""
    return ".".join(str(step) for step in steps)


def secret_note_lines(notes: list[str]) -> list[Line]:
    """The comments saying which secrets are not written, and why."""
    if not notes:
        return []
    return [Line(1), *(hcl.comment(note, 1) for note in notes)]


def lifecycle_lines(spec: ResourceSpec, ignores: list[tuple[str, str]] | None = None) -> list[Line]:
    """``ignores``: (expression, why) for ``ignore_changes``, as :func:`prepare_resource`
    gives them; by default the spec's entries for every resource of the type."""
    if ignores is None:
        ignores = [(name, spec.ignore_reason or "") for name in spec.ignored_arguments]
    if not (spec.stateful or ignores):
        return []
    body = [Line(1), Line(1, "lifecycle {")]
    if spec.stateful:
        body.append(Line(2, "true", key="prevent_destroy"))
    if ignores:
        expressions = list(dict.fromkeys(expression for expression, _ in ignores))
        reasons: dict[str, list[str]] = {}
        for expression, why in ignores:
            if why and expression not in reasons.setdefault(why, []):
                reasons[why].append(expression)
        for why, covered in reasons.items():
            # One reason needs no list of what it covers; several say which is which.
            text = why if len(reasons) == 1 else f"{', '.join(covered)}: {why}"
            body.append(hcl.comment(text, 2))
        body.append(Line(2, "[" + ", ".join(expressions) + "]", key="ignore_changes"))
    body.append(Line(1, "}"))
    return body


def _writable(
    values: dict[str, Any],
    block: Block,
    out: RenderedResource,
    path: str,
    not_secret: tuple[str, ...] = (),
) -> dict[str, Any]:
    """The values the schema lets code set; each left out says why in ``out.warnings``."""
    kept: dict[str, Any] = {}
    for name, value in values.items():
        if value is None:
            continue
        attribute = block.attributes.get(name)
        block_type = block.block_types.get(name)
        if attribute is None and block_type is None:
            out.warnings.append(f"{path}.{name} is not in the provider schema; left out")
            continue
        if attribute is not None:
            if not attribute.writable:
                out.warnings.append(f"{path}.{name} is computed by the provider; left out")
                continue
            if attribute.sensitive and not isinstance(value, Expr) and name not in not_secret:
                out.warnings.append(f"{path}.{name} is sensitive; left out")
                continue
            kept[name] = value
            continue
        elements = []
        for element in value if isinstance(value, list) else [value]:
            if not isinstance(element, dict):
                out.warnings.append(f"{path}.{name} should be a block; left out")
                continue
            # not_secret names nested arguments by dotted path (token_validity_units.refresh_token).
            inner_not_secret = tuple(n.split(".", 1)[1] for n in not_secret if n.startswith(f"{name}."))
            elements.append(_writable(element, block_type.block, out, f"{path}.{name}", inner_not_secret))
        kept[name] = elements
    return kept


@dataclass
class Dynamic:
    """A nested block written as ``dynamic "<name>" { for_each = ...; content { ... } }``:
    ``content`` holds the expressions of each element's values (``<name>.value.<argument>``)."""

    for_each: Expr
    content: dict[str, Any]


def block_body(values: dict[str, Any], block: Block, depth: int, notes: dict[str, list[str]]) -> list[Line]:
    """Attributes first (single-line ones, then multi-line), blocks last.

    ``values`` are as :func:`prepare_resource` leaves them: a block is a list
    of its elements, or a :class:`Dynamic`.
    """
    single: list[Line] = []
    multi: list[list[Line]] = []
    blocks: list[list[Line]] = []
    for name, value in values.items():
        if name in block.attributes:
            lines = [hcl.comment(n, depth) for n in notes.get(name, [])] + hcl.assignment(name, value, depth)
            if len(lines) == 1:
                single.append(lines[0])
            else:
                multi.append(lines)
            continue
        inner_block = block.block_types[name].block
        # Notes on values inside the blocks (a literal target group ARN in
        # load_balancer) go above the first block of that name.
        comments = [hcl.comment(n, depth) for n in notes.get(name, [])]
        if isinstance(value, Dynamic):
            content = block_body(value.content, inner_block, depth + 2, {})
            blocks.append(
                [
                    *comments,
                    hcl.block_header("dynamic", name, depth=depth),
                    Line(depth + 1, value.for_each.text, key="for_each"),
                    Line(depth + 1),
                    hcl.block_header("content", depth=depth + 1),
                    *content,
                    Line(depth + 1, "}"),
                    Line(depth, "}"),
                ]
            )
            continue
        for element in value:
            inner = block_body(element, inner_block, depth + 1, {})
            blocks.append([*comments, hcl.block_header(name, depth=depth), *inner, Line(depth, "}")])
            comments = []
    lines = list(single)
    for group in multi + blocks:
        if lines:
            lines.append(Line(depth))
        lines.extend(group)
    return lines


def tidy(lines: list[Line]) -> list[Line]:
    """No blank line at the start of a block or twice in a row."""
    out: list[Line] = []
    for line in lines:
        blank = line.key is None and not line.text
        if blank and (not out or (out[-1].key is None and not out[-1].text)):
            continue
        out.append(line)
    return out


def _copy(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _copy(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_copy(v) for v in value]
    return value


def _written(text: Any, ref: Reference, expression: str | None) -> Expr | Template | None:
    """The expression, or a template when the value is only the start or end
    of the string (``"${aws_s3_bucket.assets.arn}/*"``); ``None`` keeps the
    literal: no expression, or a string that no longer holds the value."""
    if expression is None:
        return None
    if not isinstance(text, str):
        return Expr(expression)  # a path to nothing: _set_path says the inventory is damaged
    around = place(text, ref.value)
    if around is None:
        return None
    before, after = around
    return Template(before, Expr(expression), after) if before or after else Expr(expression)


def _get_path(values: Any, steps: list[str | int]) -> Any:
    target = values
    try:
        for step in steps:
            if isinstance(target, JsonEncode):
                target = target.document
            target = target[int(step)] if isinstance(target, list) else target[step]
    except (KeyError, IndexError, ValueError, TypeError):
        return None  # _set_path says what is wrong
    return target


def _ensure_path(values: Any, steps: list[str | int]) -> None:
    """The maps along ``steps`` exist (empty where they did not)."""
    target = values
    for step in steps:
        if isinstance(target, list) and isinstance(step, int) and step < len(target):
            target = target[step]
        elif isinstance(target, dict):
            target = target.setdefault(step, {})
        else:
            return


def _set_path(values: Any, steps: list[str | int], expr: Any, create: bool = False) -> None:
    try:
        target = values
        for step in steps[:-1]:
            if isinstance(target, JsonEncode):
                target = target.document
            if create and isinstance(target, dict):
                target = target.setdefault(step, {})
            else:
                target = target[step]
        last = steps[-1]
        if isinstance(target, JsonEncode):
            target = target.document
        if isinstance(target, list):
            target[int(last)] = expr
        else:
            target[last] = expr
    except (KeyError, IndexError, ValueError, TypeError) as exc:
        path = ".".join(str(s) for s in steps)
        raise BadInput(f"The inventory is damaged: the path {path} does not lead to a value of the resource.") from exc
