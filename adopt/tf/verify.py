"""Prove that a module imports with no change: run ``terraform plan`` and classify every resource.

Nothing is ever applied.  ``terraform plan -out`` writes its plan to a private
temporary directory (plans may hold secrets), ``terraform show -json`` reads it
back, and each managed resource of the plan gets one status:

========== =====================================================================
clean      imported, and the plan changes nothing: the goal
managed    already in the state, and the plan changes nothing
update     imported or managed, with in-place updates: each argument is listed
           with the configured value and the value read from AWS
replace    would be destroyed and created again: the arguments forcing it are listed
create     would be created: no import block, or an import ID AWS does not know
destroy    in the state but no longer in the configuration
========== =====================================================================

Only when every resource is ``clean`` or ``managed`` is the module verified.
A wrong import ID stops Terraform's plan ("Cannot import non-existent remote
object"); the plan is then made again without those resources (``-target``
for all the others), so that the rest is still classified.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import tempfile
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from ..errors import AdoptError, BadInput
from ..fileio import write_json
from .runner import Terraform, run_initialised

REPORT = "adopt-verify.json"
FORMAT = "adopt-verify/1"

CLEAN, MANAGED, UPDATE, REPLACE, CREATE, DESTROY = "clean", "managed", "update", "replace", "create", "destroy"
OK_STATUSES = frozenset({CLEAN, MANAGED})
STATUS_ORDER = (REPLACE, CREATE, DESTROY, UPDATE, CLEAN, MANAGED)

_IDENTIFIER = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
_FAILED_IMPORT = re.compile(r'import an existing object to "([^"]+)"')
SENSITIVE_TEXT = "(sensitive value)"
UNKNOWN_TEXT = "(known after apply)"

Notes = Callable[[str], None]


# -- results -----------------------------------------------------------------------


def format_path(steps: Iterable[str | int]) -> str:
    """``["tags", "Owner"]`` -> ``tags.Owner``; ``["rule", 0, "id"]`` -> ``rule[0].id``."""
    out = ""
    for step in steps:
        if isinstance(step, int):
            out += f"[{step}]"
        elif not out:
            out = str(step)
        elif _IDENTIFIER.match(step):
            out += f".{step}"
        else:
            out += f"[{json.dumps(step)}]"
    return out


@dataclass
class Difference:
    """One value the plan would change: what the configuration says, what AWS has."""

    steps: list[str | int]
    config: Any
    aws: Any
    sensitive: bool = False
    unknown: bool = False  # the new value is known only after apply
    replaces: bool = False  # this change forces replacement
    inner: list[Difference] = field(default_factory=list)  # inside a JSON document

    @property
    def path(self) -> str:
        return format_path(self.steps)

    @property
    def argument(self) -> str:
        return str(self.steps[0])

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "path": self.path,
            "config": None if self.sensitive or self.unknown else self.config,
            "aws": None if self.sensitive else self.aws,
        }
        if self.sensitive:
            data["sensitive"] = True
        if self.unknown:
            data["unknown"] = True
        if self.replaces:
            data["forces_replacement"] = True
        if self.inner:
            data["json_differences"] = [d.to_json() for d in self.inner]
        return data


@dataclass
class ResourceResult:
    address: str
    type: str
    status: str
    import_id: str | None = None
    differences: list[Difference] = field(default_factory=list)
    detail: str = ""
    before: Any = field(default=None, repr=False)  # the object as read from AWS (for converge)

    @property
    def ok(self) -> bool:
        return self.status in OK_STATUSES

    @property
    def arguments(self) -> list[str]:
        return list(dict.fromkeys(d.argument for d in self.differences))

    @property
    def replacing_arguments(self) -> list[str]:
        return list(dict.fromkeys(d.argument for d in self.differences if d.replaces))

    def suggestion(self) -> str | None:
        """The lifecycle block that would silence this resource's remaining differences."""
        names = self.replacing_arguments if self.status == REPLACE else self.arguments
        if self.status not in (UPDATE, REPLACE) or not names:
            return None
        return ignore_changes_text(names)

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "address": self.address,
            "type": self.type,
            "status": self.status,
            "import_id": self.import_id,
            "detail": self.detail or describe(self),
            "differences": [d.to_json() for d in self.differences],
        }
        if self.suggestion():
            data["suggestion"] = self.suggestion()
        return data


def ignore_changes_text(names: Iterable[str]) -> str:
    return "lifecycle { ignore_changes = [" + ", ".join(names) + "] }"


@dataclass
class Verification:
    module_dir: str
    terraform: str
    results: list[ResourceResult] = field(default_factory=list)
    plan_line: str = ""
    counts: dict[str, int] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    plan: dict[str, Any] | None = field(default=None, repr=False)  # `terraform show -json` of the plan

    @property
    def ok(self) -> bool:
        return not self.errors and all(r.ok for r in self.results)

    def by_address(self) -> dict[str, ResourceResult]:
        return {r.address: r for r in self.results}

    def summary(self) -> str:
        counts = Counter(r.status for r in self.results)
        parts = [f"{counts[s]} {s}" for s in (CLEAN, MANAGED, UPDATE, REPLACE, CREATE, DESTROY) if counts[s]]
        total = len(self.results)
        head = f"{total} resource{'s' if total != 1 else ''}" + (f": {', '.join(parts)}" if parts else "")
        if self.errors:
            return f"{head}. Terraform could not plan: {len(self.errors)} error(s)."
        if self.ok:
            return f"{head}. Verified: every resource imports with no change."
        bad = sum(1 for r in self.results if not r.ok)
        return f"{head}. Not verified: {bad} resource{'s' if bad != 1 else ''} would change."

    def to_json(self) -> dict[str, Any]:
        return {
            "format": FORMAT,
            "module": os.path.abspath(self.module_dir),
            "terraform": self.terraform,
            "ok": self.ok,
            "plan": self.plan_line,
            "counts": self.counts,
            "summary": dict(Counter(r.status for r in self.results)),
            "resources": [r.to_json() for r in sorted(self.results, key=_sort_key)],
            "errors": self.errors,
            "notes": self.notes,
        }


def _sort_key(result: ResourceResult) -> tuple[int, str]:
    return (STATUS_ORDER.index(result.status) if result.status in STATUS_ORDER else -1, result.address)


def describe(result: ResourceResult) -> str:
    if result.detail:
        return result.detail
    if result.status == CLEAN:
        return "imported, no change"
    if result.status == MANAGED:
        return "already managed, no change"
    if result.status == UPDATE:
        n = len(result.arguments)
        return f"imported with in-place updates: {n} argument{'s' if n != 1 else ''} differ{'s' if n == 1 else ''}"
    if result.status == REPLACE:
        forcing = ", ".join(result.replacing_arguments) or "an argument"
        return f"would be replaced: {forcing} forces replacement"
    if result.status == CREATE:
        return "would be created: no import block for it"
    if result.status == DESTROY:
        return "would be destroyed: in the state but not in the configuration"
    return result.status


# -- differences from the plan JSON --------------------------------------------------------


def _sub(value: Any, key: str | int) -> Any:
    if isinstance(value, dict) and isinstance(key, str):
        return value.get(key)
    if isinstance(value, list) and isinstance(key, int) and key < len(value):
        return value[key]
    return None


def _any_true(value: Any) -> bool:
    if value is True:
        return True
    if isinstance(value, dict):
        return any(_any_true(v) for v in value.values())
    if isinstance(value, list):
        return any(_any_true(v) for v in value)
    return False


def _parse_document(value: Any) -> Any:
    if isinstance(value, str) and value.strip()[:1] in ("{", "["):
        try:
            return json.loads(value)
        except ValueError:
            return None
    return None


def differences(change: dict[str, Any]) -> list[Difference]:
    """Every leaf the plan changes, from ``before`` (read from AWS) to ``after`` (the configuration)."""
    out: list[Difference] = []
    _diff(
        change.get("before"),
        change.get("after"),
        change.get("after_unknown"),
        change.get("before_sensitive"),
        change.get("after_sensitive"),
        [],
        out,
    )
    replace_paths = [list(p) for p in change.get("replace_paths") or [] if p]
    for path in replace_paths:
        hits = [d for d in out if d.steps[: len(path)] == path]
        for d in hits:
            d.replaces = True
        if not hits:
            unknown = _at(change.get("after_unknown"), path) is True
            after, before = _at(change.get("after"), path), _at(change.get("before"), path)
            out.append(Difference(path, after, before, unknown=unknown, replaces=True))
    for d in out:
        if not d.sensitive and not d.unknown:
            config_doc, aws_doc = _parse_document(d.config), _parse_document(d.aws)
            if config_doc is not None and aws_doc is not None:
                _diff(aws_doc, config_doc, None, None, None, [], d.inner)
    return out


def _at(value: Any, steps: list) -> Any:
    for step in steps:
        value = _sub(value, step)
    return value


def _diff(before, after, unknown, sens_b, sens_a, steps, out: list[Difference]) -> None:
    if isinstance(before, dict) and isinstance(after, dict):
        for key in sorted(set(before) | set(after)):
            _diff(
                before.get(key),
                after.get(key),
                _sub(unknown, key),
                _sub(sens_b, key),
                _sub(sens_a, key),
                [*steps, key],
                out,
            )
        return
    if (
        isinstance(before, list)
        and isinstance(after, list)
        and len(before) == len(after)
        and (any(isinstance(v, (dict, list)) for v in before + after) or isinstance(unknown, list))
    ):
        for i, (b, a) in enumerate(zip(before, after, strict=True)):
            _diff(b, a, _sub(unknown, i), _sub(sens_b, i), _sub(sens_a, i), [*steps, i], out)
        return
    sensitive = _any_true(sens_b) or _any_true(sens_a)
    if unknown is True:
        out.append(Difference(steps, None, before, sensitive=sensitive, unknown=True))
    elif before != after and steps:
        out.append(Difference(steps, after, before, sensitive=sensitive))


def classify(plan: dict[str, Any]) -> list[ResourceResult]:
    """One result per managed resource instance in ``terraform show -json`` of a plan."""
    results = []
    for rc in plan.get("resource_changes") or []:
        if rc.get("mode", "managed") != "managed":
            continue
        change = rc.get("change") or {}
        actions = list(change.get("actions") or [])
        importing = change.get("importing")
        import_id = importing.get("id") if isinstance(importing, dict) else None
        address = rc.get("address", "?")
        if rc.get("deposed"):
            address = f"{address} (deposed {rc['deposed']})"
        result = ResourceResult(address, rc.get("type", ""), "", import_id, before=change.get("before"))
        if actions == ["no-op"]:
            result.status = CLEAN if importing is not None else MANAGED
            if rc.get("previous_address"):
                result.detail = f"moved from {rc['previous_address']}, no change"
        elif actions == ["update"]:
            result.status = UPDATE
            result.differences = differences(change)
        elif actions in (["delete", "create"], ["create", "delete"]):
            result.status = REPLACE
            # A replacement plans a new object: what the code leaves unset shows as "-> null"; only
            # what forces the replacement and what the code sets otherwise matter.
            result.differences = [
                d for d in differences(change) if d.replaces or (not d.unknown and d.config is not None)
            ]
        elif actions == ["create"]:
            result.status = CREATE
        elif actions == ["delete"]:
            result.status = DESTROY
            if rc.get("action_reason"):
                result.detail = f"would be destroyed ({rc['action_reason'].replace('_', ' ')})"
        elif actions == ["read"]:
            continue
        else:
            result.status = "-".join(actions) or "unknown"
        results.append(result)
    return results


# -- running Terraform -----------------------------------------------------------------------


@dataclass
class PlanRun:
    code: int
    events: list[dict[str, Any]]
    output: str

    def errors(self) -> list[dict[str, Any]]:
        return [
            e["diagnostic"]
            for e in self.events
            if e.get("type") == "diagnostic" and (e.get("diagnostic") or {}).get("severity") == "error"
        ]

    def plan_line(self) -> tuple[str, dict[str, int]]:
        for event in self.events:
            if event.get("type") == "change_summary":
                changes = event.get("changes") or {}
                counts = {k: int(changes.get(k, 0)) for k in ("import", "add", "change", "remove")}
                counts["destroy"] = counts.pop("remove")
                return str(event.get("@message", "")), counts
        return "", {}


def _events(stdout: str) -> list[dict[str, Any]]:
    events = []
    for line in stdout.splitlines():
        line = line.strip()
        if line.startswith("{"):
            try:
                events.append(json.loads(line))
            except ValueError:
                continue
    return events


def diagnostic_text(diag: dict[str, Any]) -> str:
    rng = diag.get("range") or {}
    where = f" ({rng.get('filename')}:{(rng.get('start') or {}).get('line', '?')})" if rng.get("filename") else ""
    detail = " ".join((diag.get("detail") or "").split())
    text = f"{diag.get('summary', 'error')}{where}" + (f": {detail}" if detail else "")
    if "No value for required variable" in text:
        text += " Give it with TF_VAR_<name> or --var-file."
    return text


def _plan(terraform: Terraform, module_dir: str, plan_file: str, extra: list[str], notes: Notes | None) -> PlanRun:
    args = ["plan", "-input=false", "-lock=false", "-json", f"-out={plan_file}", *extra]
    result = run_initialised(terraform, module_dir, args, notes=notes)
    return PlanRun(result.code, _events(result.stdout), result.output)


def config_targets(module_dir: str) -> tuple[list[str], dict[str, str]]:
    """The root module's resources and module calls (``-target`` addresses), and import IDs by address."""
    from ..existing.config import read_config

    try:
        config = read_config(module_dir)
    except BadInput:
        return [], {}
    targets: list[str] = []
    for declared in config.declared:
        parts = declared.address.split(".")
        target = ".".join(parts[:2]) if parts[0] == "module" else declared.address
        if target not in targets:
            targets.append(target)
    return targets, {i.address: i.id for i in config.imports}


def run_verify(
    module_dir: str, terraform: Terraform, var_files: Iterable[str] = (), notes: Notes | None = None
) -> Verification:
    """Plan the module (never apply) and classify every resource."""
    if not os.path.isdir(module_dir):
        raise BadInput(f"{module_dir} is not a directory: give the Terraform module to verify.")
    if not any(name.endswith((".tf", ".tf.json")) for name in os.listdir(module_dir)):
        raise BadInput(f"{module_dir} holds no Terraform files (*.tf).")
    extra = [f"-var-file={os.path.abspath(v)}" for v in var_files]
    verification = Verification(module_dir, terraform.description)
    scratch = tempfile.mkdtemp(prefix="adopt-verify-")
    try:
        plan_file = os.path.join(scratch, "adopt.tfplan")
        run = _plan(terraform, module_dir, plan_file, extra, notes)
        missing: dict[str, str | None] = {}
        if run.code != 0:
            errors = run.errors()
            failed = [_FAILED_IMPORT.search(d.get("detail") or "") for d in errors]
            if errors and all(failed):
                targets, import_ids = config_targets(module_dir)
                missing = {m.group(1): import_ids.get(m.group(1)) for m in failed if m}
                keep = [t for t in targets if t not in missing]
                if keep:
                    verification.notes.append(
                        f"{len(missing)} import(s) failed; the rest was planned with -target, without them."
                    )
                    run = _plan(terraform, module_dir, plan_file, [*extra, *(f"-target={t}" for t in keep)], notes)
                    if run.code != 0:
                        missing = {}
                else:
                    run = PlanRun(0, [], "")
        if run.code != 0:
            errors = run.errors()
            verification.errors = [diagnostic_text(d) for d in errors] or [_last_lines(run.output)]
            return verification
        verification.plan_line, verification.counts = run.plan_line()
        if run.events:
            show = terraform.run(["show", "-json", "-no-color", plan_file], module_dir)
            if show.code != 0:
                raise AdoptError(f"terraform show -json failed (exit {show.code}):\n{_last_lines(show.output)}")
            try:
                plan = json.loads(show.stdout)
            except ValueError as exc:
                raise AdoptError(f"terraform show -json gave no JSON ({exc}).") from exc
            verification.results = classify(plan)
            verification.plan = plan
        for address, import_id in sorted(missing.items()):
            verification.results.append(
                ResourceResult(
                    address,
                    address.split(".")[-2] if "." in address else "",
                    CREATE,
                    import_id,
                    detail=f"import ID {import_id!r} not found in AWS: without a right ID, Terraform would create "
                    "a new one"
                    if import_id
                    else "import ID not found in AWS: without a right ID, Terraform would create a new one",
                )
            )
        if missing:
            verification.counts["add"] = verification.counts.get("add", 0) + len(missing)
        if not verification.plan_line:
            verification.plan_line = "No changes. Your infrastructure matches the configuration."
        return verification
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


def _last_lines(text: str, n: int = 20) -> str:
    lines = [line for line in text.strip().splitlines() if line.strip()]
    return "\n".join(lines[-n:])


# -- output ------------------------------------------------------------------------------


def show_value(value: Any, width: int = 60) -> str:
    text = json.dumps(value, ensure_ascii=False, separators=(", ", ": ")) if value is not None else "null"
    return text if len(text) <= width else text[: width - 1] + "…"


def difference_lines(d: Difference, indent: str = "    ") -> list[str]:
    if d.sensitive:
        line = f"{indent}{d.path}: {SENSITIVE_TEXT} differs"
    elif d.unknown:
        line = f"{indent}{d.path}: AWS {show_value(d.aws)}, config {UNKNOWN_TEXT}"
    elif d.inner:
        line = f"{indent}{d.path}: the JSON documents differ"
    else:
        line = f"{indent}{d.path}: config {show_value(d.config)}, AWS {show_value(d.aws)}"
    if d.replaces:
        line += "  (forces replacement)"
    lines = [line]
    for inner in d.inner[:8]:
        lines.append(
            f"{indent}  {inner.path or '(document)'}: config {show_value(inner.config)}, AWS {show_value(inner.aws)}"
        )
    if len(d.inner) > 8:
        lines.append(f"{indent}  ... and {len(d.inner) - 8} more")
    return lines


def table(verification: Verification) -> str:
    """The human report: one row per resource, its differences below it, then the plan line."""
    results = sorted(verification.results, key=_sort_key)
    lines: list[str] = []
    if results:
        width = max(len("ADDRESS"), *(len(r.address) for r in results))
        lines.append(f"{'RESULT':<8}  {'ADDRESS':<{width}}  DETAIL")
        for r in results:
            lines.append(f"{r.status:<8}  {r.address:<{width}}  {describe(r)}".rstrip())
            for d in r.differences:
                lines.extend(difference_lines(d, " " * 10 + "  "))
            if r.status == REPLACE and r.suggestion():
                lines.append(" " * 12 + f"if AWS is right, set it to AWS's value, or add: {r.suggestion()}")
        lines.append("")
    for error in verification.errors:
        lines.append(f"Error: {error}")
    for note in verification.notes:
        lines.append(f"Note: {note}")
    if verification.plan_line:
        lines.append(verification.plan_line)
    lines.append(verification.summary())
    return "\n".join(lines) + "\n"


def write_report(data: dict[str, Any], module_dir: str) -> str:
    path = os.path.join(module_dir, REPORT)
    write_json(path, data, ensure_ascii=False)
    return path
