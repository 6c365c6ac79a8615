"""What every resource type's end-to-end test checks, in one place.

A coverage test seeds resources in moto (over HTTP), then calls
:func:`scan_and_check`, which runs the real CLI (``scan`` limited to the types
under test, then ``generate``) and checks:

* every expected import ID was found, for the expected type, and nothing else;
* each import ID has the shape the provider documents (the oracle table);
* the references the test expects were recorded and are written as references;
* the module is ``terraform fmt`` clean, valid, and plans N imports, 0 adds and
  0 destroys with the real Terraform engine and the stand-in provider.

For what moto cannot emulate, :class:`RecordedSession` replays recorded API
responses from ``fixtures/`` through the same engine (see its docstring).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import hcl2
import terraform_engine
from botocore.awsrequest import AWSResponse
from botocore.exceptions import ClientError
from helpers import ROOT, run_cli
from oracle_ids import mismatch

from adopt.aws.session import AwsSession
from adopt.emit.generate import Generator, write_module
from adopt.model import Inventory
from adopt.schema import bundled

FIXTURES = ROOT / "fixtures"


class Seeded(SimpleNamespace):
    """What a seed function made in the emulator.

    ``ids`` maps each Terraform type to the import IDs of everything adoptable
    the function created (what a scan of all types must find, see
    test_coverage_all); the other attributes are the values its own test
    asserts on (``seeded.vpc``, ``seeded.nat``...).
    """

    ids: dict[str, set[str]]


@dataclass
class Checked:
    inventory: dict
    module_dir: Path
    by_type: dict[str, list[dict]] = field(default_factory=dict)

    def one(self, tf_type: str) -> dict:
        (resource,) = self.by_type[tf_type]
        return resource

    def text(self, file_name: str) -> str:
        return (self.module_dir / file_name).read_text()

    def block(self, tf_type: str, label: str) -> str:
        """The text of one generated resource block."""
        for path in self.module_dir.glob("*.tf"):
            text = path.read_text()
            start = text.find(f'resource "{tf_type}" "{label}" {{')
            if start >= 0:
                end = text.find("\n}\n", start)
                return text[start : end + 3]
        raise AssertionError(f"no block {tf_type}.{label} in {self_files(self.module_dir)}")


def self_files(module_dir: Path) -> list[str]:
    return sorted(p.name for p in module_dir.iterdir())


def scan_and_check(
    moto: Any,
    tmp_path: Path,
    tf_engine: Any,
    oracle_dir: str,
    expected: dict[str, set[str]],
    *,
    regions: tuple[str, ...] = ("us-east-1",),
    include: tuple[str, ...] | None = None,
    extra_args: tuple[str, ...] = (),
    references: dict[str, set[tuple[str, str]]] | None = None,
) -> Checked:
    """Scan the types in ``expected`` (or ``include``), generate, and check it all.

    ``expected`` maps each Terraform type to the import IDs that must be found
    (exactly those).  ``references`` maps a type to ``(path, target_type)``
    pairs that each of its resources must record.
    """
    inventory_path = tmp_path / "inventory.json"
    args = ["scan", "--endpoint-url", moto.endpoint, "--output", str(inventory_path), *extra_args]
    for region in regions:
        args += ["--region", region]
    for tf_type in include or tuple(expected):
        args += ["--include", tf_type]
    result = run_cli(*args)
    assert result.code == 0, result.output
    inventory = json.loads(inventory_path.read_text())
    assert inventory["errors"] == []

    by_type: dict[str, list[dict]] = {}
    for resource in inventory["resources"]:
        by_type.setdefault(resource["type"], []).append(resource)
    found = {t: {r["import_id"] for r in rs} for t, rs in by_type.items()}
    assert found == {t: set(ids) for t, ids in expected.items() if ids}, "scan found something else"

    problems = [mismatch(oracle_dir, r["type"], r["import_id"]) for r in inventory["resources"]]
    assert [p for p in problems if p] == []

    for tf_type, pairs in (references or {}).items():
        for resource in by_type[tf_type]:
            recorded = {(ref["path"], ref["type"]) for ref in resource["references"]}
            assert pairs <= recorded, f"{tf_type} {resource['id']}: references {recorded}, expected {pairs}"

    module_dir = tmp_path / "module"
    result = run_cli("generate", "--inventory", str(inventory_path), "--out", str(module_dir))
    assert result.code == 0, result.output
    check_module(module_dir, tf_engine, len(inventory["resources"]))
    return Checked(inventory=inventory, module_dir=module_dir, by_type=by_type)


def supplied_variables(module_dir: Path) -> dict[str, str]:
    """A stand-in value for every variable of the module, as TF_VAR_ environment entries."""
    variables: dict[str, str] = {}
    for path in module_dir.glob("*.tf"):
        with path.open() as fh:
            parsed = hcl2.load(fh)
        for block in parsed.get("variable", []):
            variables.update({f"TF_VAR_{name.strip(chr(34))}": "supplied-by-the-user" for name in block})
    return variables


def recorded_states(inventory: dict) -> dict[str, dict]:
    """What the stand-in provider imports for each resource: its ID, ARN and
    exports as the inventory holds them, as the real provider reads them back.
    (An ID alone would leave a reference such as ``"${aws_ecr_repository.web.
    repository_url}:1.4"`` null, which no string template takes.)"""
    schema = bundled()
    states = {}
    for resource in inventory["resources"]:
        values = {**resource.get("exports", {}), "arn": resource.get("arn"), "id": resource["id"]}
        attributes = schema.resource(resource["type"]).attributes
        state = {name: value for name, value in values.items() if value is not None and name in attributes}
        states[f"{resource['type']} {resource['import_id']}"] = state
    return states


def module_states(module_dir: Path) -> dict[str, dict]:
    """:func:`recorded_states` of the inventories (or plans) a generated module
    was written from, as its manifest names them."""
    from adopt.emit.manifest import load_manifest
    from adopt.tf.converge import Source

    sources = {e["inventory"] for e in load_manifest(str(module_dir))["resources"].values() if e.get("inventory")}
    states: dict[str, dict] = {}
    for source in sorted(sources):
        states.update(recorded_states(Source.load(source).inventory.to_json()))
    return states


def check_module(
    module_dir: Path, tf_engine: Any, expected_imports: int, states: dict[str, dict] | None = None
) -> None:
    """HCL parses; fmt clean; valid; the plan imports everything and adds or destroys nothing.

    Sensitive variables get a stand-in value, as the user would supply one;
    ``states`` are what the stand-in imports (by default :func:`module_states`).
    """
    variables = supplied_variables(module_dir)
    assert terraform_engine.fmt_check(module_dir) == []
    validation = tf_engine.validate(module_dir)
    assert validation.valid, validation.text
    plan = tf_engine.plan(module_dir, env=variables, states=module_states(module_dir) if states is None else states)
    assert (plan.to_import, plan.to_add, plan.to_destroy) == (expected_imports, 0, 0), plan.output


# -- recorded responses ---------------------------------------------------------


class RecordedSession(AwsSession):
    """An AwsSession whose calls are answered from a recorded fixture file.

    The fixture (``fixtures/<name>.json``) is a list of calls::

        [{"service": "elasticache", "region": "us-east-1", "operation": "DescribeCacheClusters",
          "params": {...}          # optional: only answers calls with these parameters
          "response": {...}}       # the parsed response, as boto3 returns it
         {"service": ..., "operation": ..., "error": {"Code": "...", "Message": "..."}}]

    Calls go through the real clients (parameter validation, the read-only
    guard, paginators); botocore's ``before-call`` event answers them before
    anything is sent.  A call with no recording fails the test, except the
    tagging API's ``GetResources``, which is then denied (each resource's own
    tagging call answers), and IAM's ``GetAccountAuthorizationDetails`` likewise.
    """

    def __init__(self, fixture: str | Path, **kwargs: Any) -> None:
        super().__init__(
            credentials={"aws_access_key_id": "AKIARECORDED00000000", "aws_secret_access_key": "x"}, **kwargs
        )
        path = Path(fixture)
        if not path.is_absolute():
            path = FIXTURES / path
        self.recordings: list[dict] = json.loads(path.read_text())
        self.calls: list[tuple[str, str, str, dict]] = []

    def client(self, service: str, region: str) -> Any:
        client = super().client(service, region)
        if not getattr(client, "_adopt_recorded", False):
            client.meta.events.register("before-parameter-build", _keep_params)
            client.meta.events.register("before-call", self._answer(service, region))
            client._adopt_recorded = True
        return client

    def account_id(self, region: str) -> str | None:
        return "123456789012"

    def _answer(self, service: str, region: str):
        def handler(model: Any, context: dict, **_: Any):
            operation = model.name
            params = context.get("adopt_params", {})
            self.calls.append((service, region, operation, params))
            for rec in self.recordings:
                if rec["service"] != service or rec["operation"] != operation:
                    continue
                if rec.get("region", region) != region:
                    continue
                wanted = rec.get("params") or {}
                if any(params.get(k) != v for k, v in wanted.items()):
                    continue
                http = AWSResponse(url="https://recorded", status_code=200, headers={}, raw=None)
                if "error" in rec:
                    http.status_code = 400
                    return http, {"Error": rec["error"], "ResponseMetadata": {"HTTPStatusCode": 400}}
                return http, rec["response"]
            if (service, operation) in ANSWER_MANY:
                # Not recorded: each resource's own calls answer, as where the
                # tagging API or IAM's account details are denied.
                http = AWSResponse(url="https://recorded", status_code=400, headers={}, raw=None)
                denied = {"Code": "AccessDeniedException", "Message": "not recorded"}
                return http, {"Error": denied, "ResponseMetadata": {"HTTPStatusCode": 400}}
            raise AssertionError(f"no recording for {service} {operation} in {region} with {params}")

        return handler


# Calls that answer for many resources at once; a recording without them is replayed as if denied.
ANSWER_MANY = {("resourcegroupstaggingapi", "GetResources"), ("iam", "GetAccountAuthorizationDetails")}


def _keep_params(params: dict, context: dict, **_: Any) -> None:
    """Remember the caller's parameters: recordings are matched on them."""
    context["adopt_params"] = dict(params)


def scan_recorded(fixture: str, specs: list, regions: list[str]) -> Inventory:
    from adopt.scan.engine import Scanner

    session = RecordedSession(fixture)
    return Scanner(session, regions, specs, concurrency=1).run()


def generate_recorded(inventory: Inventory, out_dir: Path) -> None:
    write_module(Generator(inventory, bundled(), source="recorded.json").build(), str(out_dir))


__all__ = ["ClientError", "Checked", "Seeded", "RecordedSession", "scan_and_check", "check_module", "scan_recorded"]


def pointer_values(properties: dict, pointer: str) -> list:
    """The values at a schema's property pointer (``/properties/A/B``, ``*`` for list items)."""
    values = [properties]
    for step in pointer.split("/")[2:]:
        found = []
        for value in values:
            if step == "*" and isinstance(value, list):
                found.extend(value)
            elif isinstance(value, dict) and step in value:
                found.append(value[step])
        values = found
    return values
