"""Many accounts in one run, on moto's server (the organization is
organization_kit.py's): every account, or a unit, or named ones; every region;
one module per account; and status, drift, graph and plan on the directory."""

from __future__ import annotations

import json

import boto3
import pytest
from faults import FaultProxy
from helpers import run_cli
from organization_kit import REGION, names, scan

from adopt.model import Inventory


@pytest.fixture(scope="module")
def whole_org(organization, delta_role_missing, tmp_path_factory):
    out = tmp_path_factory.mktemp("org") / "inventories"
    result = scan(delta_role_missing.endpoint, out, "--org")
    return out, result


def test_every_account_of_the_organization_in_one_run(organization, whole_org):
    out, result = whole_org
    assert result.code == 3, result.output  # one account could not be entered
    index = json.loads((out / "index.json").read_text())
    assert index["format"] == "adopt-accounts/1"
    ids = organization.accounts
    assert [a["id"] for a in index["accounts"]] == sorted([*ids.values(), organization.management])
    by_id = {a["id"]: a for a in index["accounts"]}
    for name in ("alpha", "beta", "gamma"):
        entry = by_id[ids[name]]
        assert entry["name"] == name and entry["problem"] is None and entry["regions"] == [REGION]
        assert entry["inventory"] == f"{ids[name]}.json"
        # Each inventory holds its own account's queue, and only that.
        inventory = Inventory.load(str(out / entry["inventory"]))
        assert inventory.account_id == ids[name]
        assert inventory.census is not None  # each account's census, taken with its own credentials
        assert {r.name for r in inventory.resources} == {f"{name}-orders"}
    # The account run from is scanned with its own credentials.
    assert names(out / f"{organization.management}.json") == {"management-alerts"}
    delta = by_id[ids["delta"]]
    assert delta["inventory"] is None and "AccessDenied" in delta["problem"]
    assert not (out / f"{ids['delta']}.json").exists()
    assert f"Account {ids['delta']} not fully scanned" in result.stderr
    assert "Traceback" not in result.output


def test_an_account_aws_throttles_is_slowed_alone_and_loses_nothing(organization, tmp_path):
    """Every call made with alpha's role is throttled once before it is
    answered: alpha's calls are retried, alpha alone is slowed down (the note
    says how far), and each inventory holds what the fault-free run holds."""
    ids = organization.accounts
    accounts = ("--account", ids["alpha"], "--account", ids["beta"])
    with FaultProxy(organization.endpoint) as proxy:  # queue URLs name the endpoint: both runs through it
        assert scan(proxy.endpoint, tmp_path / "clean", *accounts).code == 0
        rule = proxy.add("*", "*", "throttle", account=ids["alpha"], per_request=1)
        result = scan(proxy.endpoint, tmp_path / "throttled", *accounts)
    assert result.code == 0, result.output
    assert rule.injected >= 2  # at least two calls of alpha's, each throttled once
    assert {r.account for r in proxy.requests if r.account} == {ids["alpha"], ids["beta"]}
    assert f"AWS throttled account {ids['alpha']} {rule.injected} time(s)" in result.stderr
    assert f"AWS throttled account {ids['beta']}" not in result.stderr
    for name in ("alpha", "beta"):
        inventory = f"{ids[name]}.json"
        assert (tmp_path / "throttled" / inventory).read_bytes() == (tmp_path / "clean" / inventory).read_bytes()


def test_the_same_organization_gives_the_same_bytes(organization, delta_role_missing, whole_org, tmp_path):
    out, _ = whole_org
    again = tmp_path / "again"
    scan(delta_role_missing.endpoint, again, "--org", "--concurrency", "2")
    assert sorted(p.name for p in again.iterdir()) == sorted(p.name for p in out.iterdir())
    for path in out.iterdir():
        assert (again / path.name).read_bytes() == path.read_bytes(), path.name


def test_an_organizational_unit_and_the_units_below_it(organization, tmp_path):
    result = scan(organization.endpoint, tmp_path / "prod", "--ou", organization.units["prod"])
    assert result.code == 0, result.output
    index = json.loads((tmp_path / "prod" / "index.json").read_text())
    assert [a["name"] for a in index["accounts"]] == sorted(["alpha", "beta"], key=lambda n: organization.accounts[n])


def test_named_and_excluded_accounts(organization, tmp_path):
    ids = organization.accounts
    named = scan(organization.endpoint, tmp_path / "named", "--account", ids["gamma"], "--account", ids["alpha"])
    assert named.code == 0, named.output
    assert sorted(p.name for p in (tmp_path / "named").iterdir()) == sorted(
        [f"{ids['alpha']}.json", f"{ids['gamma']}.json", "index.json"]
    )
    excluded = scan(organization.endpoint, tmp_path / "excluded", "--org", "--exclude-account", ids["delta"])
    assert excluded.code == 0, excluded.output
    index = json.loads((tmp_path / "excluded" / "index.json").read_text())
    assert ids["delta"] not in {a["id"] for a in index["accounts"]}
    assert len(index["accounts"]) == 4


def test_every_enabled_region(organization, tmp_path):
    ids = organization.accounts
    out = tmp_path / "all"
    result = run_cli(
        "scan", "--endpoint-url", organization.endpoint, "--region", "all",
        "--include", "aws_sqs_queue", "--account", ids["alpha"], "--output", str(out),
    )  # fmt: skip
    assert result.code == 0, result.output
    regions = json.loads((out / "index.json").read_text())["accounts"][0]["regions"]
    listed = boto3.client("ec2", region_name=REGION, endpoint_url=organization.endpoint).describe_regions()["Regions"]
    assert regions == sorted(r["RegionName"] for r in listed if r["OptInStatus"] != "not-opted-in")
    assert REGION in regions and "eu-west-1" in regions
    assert names(out / f"{ids['alpha']}.json") == {"alpha-orders", "alpha-eu"}


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["--account", "12345"], "--account '12345' is not a 12-digit account ID"),
        (["--org", "--account", "111122223333"], "--account names the accounts itself"),
        (["--ou", "prod"], "--ou 'prod' is not an organizational unit ID"),
        (["--org", "--role-name", "bad role"], "--role-name 'bad role' is not a role name"),
        (["--org", "--output", "inventory.json"], "--output names a directory"),
    ],
)
def test_bad_choices_are_one_paragraph_and_exit_2(organization, tmp_path, args, words):
    argv = ["scan", "--endpoint-url", organization.endpoint, "--region", REGION, *args]
    if "--output" not in args:
        argv += ["--output", str(tmp_path / "out")]
    result = run_cli(*argv, cwd=tmp_path)
    assert result.code == 2, result.output
    assert words in result.stderr and "Traceback" not in result.output
    assert not (tmp_path / "out").exists()


def test_region_all_is_only_for_scan(tmp_path):
    result = run_cli("status", "--region", "all", "--inventory", str(tmp_path / "none.json"))
    assert result.code == 2 and "Traceback" not in result.output
    assert "--region 'all' is not an AWS region name" in result.stderr


@pytest.fixture(scope="module")
def account_modules(whole_org, tmp_path_factory):
    inventories, _ = whole_org
    out = tmp_path_factory.mktemp("org-modules") / "out"
    result = run_cli("generate", "--inventory", str(inventories), "--out", str(out))
    assert result.code == 0, result.output
    return out, result


def test_one_module_per_account_each_plannable_on_its_own(organization, account_modules, tf_engine):
    import terraform_engine

    out, _ = account_modules
    ids = organization.accounts
    written = sorted(p.name for p in out.iterdir() if p.is_dir())
    assert written == sorted([ids["alpha"], ids["beta"], ids["gamma"], organization.management])
    for account_id in written:
        module = out / account_id
        assert terraform_engine.fmt_check(module) == []
        assert tf_engine.validate(module).valid
        plan = tf_engine.plan(module)
        # The stand-in imports an ID-only state, so changes are not counted (as in test_e2e_terraform).
        assert (plan.to_import, plan.to_add, plan.to_destroy) == (1, 0, 0), plan.output
        assert (module / "ADOPTION.md").exists()


def test_each_account_module_assumes_the_role_it_was_scanned_through(organization, account_modules):
    import hcl2

    out, _ = account_modules
    alpha = organization.accounts["alpha"]
    providers = hcl2.loads((out / alpha / "providers.tf").read_text())["provider"]
    assert [p['"aws"']["assume_role"][0]["role_arn"] for p in providers] == [
        f'"arn:aws:iam::{alpha}:role/OrganizationAccountAccessRole"'
    ]
    # The account the scan ran from is planned with the caller's own credentials.
    own = hcl2.loads((out / organization.management / "providers.tf").read_text())["provider"]
    assert own and all("assume_role" not in p['"aws"'] for p in own)


def test_the_readme_summarises_every_account(organization, account_modules):
    out, _ = account_modules
    readme = (out / "README.md").read_text()
    ids = organization.accounts
    for name in ("alpha", "beta", "gamma"):
        assert f"| {ids[name]} | {name} | us-east-1 | 1 | [{ids[name]}/]({ids[name]}/ADOPTION.md) |" in readme
    assert "## Not fully scanned" in readme and ids["delta"] in readme and "AccessDenied" in readme


def test_a_damaged_index_is_refused(whole_org, tmp_path):
    inventories, _ = whole_org
    copy = tmp_path / "inventories"
    copy.mkdir()
    index = json.loads((inventories / "index.json").read_text())
    index["accounts"][0]["inventory"] = "../../etc/passwd"
    (copy / "index.json").write_text(json.dumps(index))
    result = run_cli("generate", "--inventory", str(copy), "--out", str(tmp_path / "out"))
    assert result.code == 2 and "Traceback" not in result.output, result.output
    assert not (tmp_path / "out").exists()
    empty = tmp_path / "empty"
    empty.mkdir()
    result = run_cli("generate", "--inventory", str(empty), "--out", str(tmp_path / "out"))
    assert result.code == 2 and "without index.json" in result.stderr


def test_status_drift_and_graph_take_the_directory_per_account(organization, whole_org, tmp_path):
    out, _ = whole_org
    scanned = sorted([*(organization.accounts[n] for n in ("alpha", "beta", "gamma")), organization.management])
    result = run_cli("status", "--inventory", str(out), "--json")
    assert result.code == 0, result.output
    documents = json.loads(result.stdout)["accounts"]
    assert [d["account"] for d in documents] == scanned  # delta could not be scanned: nothing to say
    alpha = next(d for d in documents if d["account"] == organization.accounts["alpha"])
    assert [(r["type"], r["status"]) for r in alpha["resources"]] == [("aws_sqs_queue", "unmanaged")]
    text = run_cli("status", "--inventory", str(out))
    assert text.code == 0 and f"Account {organization.accounts['beta']} (beta):" in text.output
    drift = run_cli("drift", "--inventory", str(out), "--json")
    assert drift.code == 0, drift.output
    assert [(d["account"], d["format"]) for d in json.loads(drift.stdout)["accounts"]] == [
        (account, "adopt-drift/1") for account in scanned
    ]
    graphs = tmp_path / "graphs"
    result = run_cli("graph", "--inventory", str(out), "--format", "json", "--output", str(graphs))
    assert result.code == 0, result.output
    assert sorted(p.name for p in graphs.iterdir()) == [f"{a}.json" for a in scanned]
    nodes = json.loads((graphs / f"{organization.accounts['gamma']}.json").read_text())["nodes"]
    assert any("gamma-orders" in json.dumps(node) for node in nodes)
    # What cannot be per account is refused in one paragraph.
    for args, words in [
        (["graph", "--inventory", str(out)], "give --output DIR"),
        (["status", "--inventory", str(out), "--state", str(tmp_path / "x.tfstate")], "each with its own Terraform"),
    ]:
        result = run_cli(*args)
        assert result.code == 2 and words in result.output and "Traceback" not in result.output, result.output


def test_plan_takes_the_directory_per_account(organization, whole_org, tmp_path):
    out, _ = whole_org
    scanned = sorted([*(organization.accounts[n] for n in ("alpha", "beta", "gamma")), organization.management])
    plans = tmp_path / "plans"
    result = run_cli("plan", "--inventory", str(out), "--output", str(plans))
    assert result.code == 0, result.output
    assert sorted(p.name for p in plans.iterdir()) == [f"{a}.json" for a in scanned]  # delta: nothing scanned
    assert f"Account {organization.accounts['beta']} (beta):" in result.output
    for name in ("alpha", "beta", "gamma"):
        account = organization.accounts[name]
        plan = json.loads((plans / f"{account}.json").read_text())
        assert plan["format"] == "adopt-plan/2" and plan["inventory"] == str(out / f"{account}.json")
        planned = [(r["type"], r["id"]) for b in plan["batches"] for r in b["resources"]]
        assert [t for t, _ in planned] == ["aws_sqs_queue"] and f"{name}-orders" in planned[0][1]
    # Each account's plan writes its batch as a single plan file does.
    alpha = organization.accounts["alpha"]
    module = tmp_path / "alpha-module"
    result = run_cli("generate", "--plan", str(plans / f"{alpha}.json"), "--batch", "1", "--out", str(module))
    assert result.code == 0, result.output
    assert "alpha-orders" in (module / "adopt_1_imports.tf").read_text()
    # Its providers assume alpha's role, as its whole module's do: Terraform run
    # with the management account's credentials still acts in alpha.
    providers = "".join(p.read_text() for p in module.glob("*.tf") if "provider" in p.read_text())
    assert f'role_arn = "arn:aws:iam::{alpha}:role/OrganizationAccountAccessRole"' in providers
    # The account the scan ran from was scanned with its own credentials: no role.
    own = tmp_path / "management-module"
    result = run_cli(
        "generate", "--plan", str(plans / f"{organization.management}.json"), "--batch", "1", "--out", str(own)
    )
    assert result.code == 0, result.output
    assert "assume_role" not in "".join(p.read_text() for p in own.glob("*.tf"))
    for args, words in [
        (["plan", "--inventory", str(out)], "give --output DIR"),
        (["plan", "--inventory", str(out), "--output", str(plans / f"{alpha}.json")], "give --output DIR"),
        (["plan", "--inventory", str(out), "--output", str(tmp_path / "p"), "--state", "x.tfstate"], "own Terraform"),
    ]:
        result = run_cli(*args)
        assert result.code == 2 and words in result.output and "Traceback" not in result.output, result.output
