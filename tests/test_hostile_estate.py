"""A hostile estate on moto's server: attacker-controlled text everywhere.

Whoever can set a tag, a name, a description, a policy or a DNS record can
put text into the files adopt writes -- files that are run (``terraform plan``,
``import.sh``) and reviewed (``ADOPTION.md`` on a code host).  Here every such
place carries the attacks (a line break that would end a comment and add a
``data "external"`` block, a fake heading, a tracking image, an unclosed HTML
comment, table pipes, shell substitutions, terminal escapes, ``${`` and
``%{``), one bucket policy holds a 4,400-digit number, and a function's
environment holds common secret shapes.  scan, status, generate, plan, every
batch, pr and graph must all finish; the module must hold exactly the
resources adopted and plan them as imports with no change; the Markdown must
keep its structure; import.sh must pass exactly the expected argv to
terraform; and no secret may reach any file.

Seeded once for the module; the tests share the run.
"""

from __future__ import annotations

import io
import json
import subprocess
import zipfile
from dataclasses import dataclass
from pathlib import Path

import pytest
import terraform_engine
from coverage_kit import module_states, supplied_variables
from helpers import Moto, run_cli
from markdown_it import MarkdownIt
from test_hostile_writers import run_import_script

REGION = "us-east-1"
INJECT = 'x\n}\ndata "external" "pwn" {\n  program = ["touch", "PWNED"]\n}\noutput "leak" {\n  value = file("/etc/passwd")\n}\n# '
MARKDOWN = "# All checks passed\n<img src=https://tracker.example/p.png> <!-- | a | b |\n`x` [c](https://evil.example)"
SHELL = "$(touch PWNED) `touch PWNED` '; touch PWNED; '"
TERMINAL = "\x1b[2J\x1b[31mred\r\u202eevil"
TEMPLATE = '${file("/etc/passwd")} %{ if true }x%{ endif } EOT'
CANARIES = {
    "REDIS_URL": "redis://:canary-redis-pw@cache.internal:6379/0",
    "SQLSERVER": "Server=db;User Id=sa;Password=canary-sql-pw;",
    "PW": "canary-plain-pw",
    "PASS": "canary-pass-value",
    "DB_PASS": "canary-db-pass",
    "JDBC_URL": "jdbc:postgresql://db/app?user=app&password=canary-jdbc-pw",
    "CALLBACK": "https://api.example.com/hook?token=canary-token-value",
    "GH": "ghp_canaryCANARYcanaryCANARYcanary123456",
    "SLACK": "xoxb-1234567890-canaryslacktoken",
    "SENTRY": "https://canarysentrykey123@o123.ingest.sentry.io/456",
    "NOTIFY": "https://hooks.slack.com/services/T000/B000/canaryslackwebhook",
}


def _zip() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("index.py", "def handler(event, context):\n    return 1\n")
    return buffer.getvalue()


def seed(moto: Moto) -> dict[str, str]:
    ec2, s3, iam, ssm, r53, lam, sqs = (
        moto.client(s, REGION) for s in ("ec2", "s3", "iam", "ssm", "route53", "lambda", "sqs")
    )
    tags = [
        {"Key": "Name", "Value": INJECT},
        {"Key": "for", "Value": TEMPLATE},
        {"Key": 'k"ey\\', "Value": MARKDOWN},
        {"Key": "Owner", "Value": SHELL},  # (XML cannot carry control characters: those go to JSON services)
    ]
    vpc = ec2.create_vpc(CidrBlock="10.7.0.0/16", TagSpecifications=[{"ResourceType": "vpc", "Tags": tags}])["Vpc"]
    subnet = ec2.create_subnet(
        VpcId=vpc["VpcId"],
        CidrBlock="10.7.1.0/24",
        TagSpecifications=[{"ResourceType": "subnet", "Tags": [{"Key": "Name", "Value": MARKDOWN}]}],
    )["Subnet"]
    group = ec2.create_security_group(
        GroupName="web <!-- ", Description="web " + TEMPLATE + ' "q" | x', VpcId=vpc["VpcId"]
    )["GroupId"]
    ec2.authorize_security_group_ingress(
        GroupId=group,
        IpPermissions=[
            {
                "IpProtocol": "tcp",
                "FromPort": 443,
                "ToPort": 443,
                "IpRanges": [{"CidrIp": "0.0.0.0/0", "Description": "https " + SHELL}],
            }
        ],
    )
    s3.create_bucket(Bucket="hostile-assets")
    s3.put_bucket_tagging(Bucket="hostile-assets", Tagging={"TagSet": [{"Key": "Name", "Value": INJECT}]})
    # A policy no parser can read: one resource's error, not the end of the scan.
    s3.create_bucket(Bucket="hostile-big-number")
    s3.put_bucket_policy(
        Bucket="hostile-big-number",
        Policy=json.dumps({"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": "*",
                           "Action": "s3:GetObject", "Resource": "arn:aws:s3:::hostile-big-number/*",
                           "Condition": {"NumericLessThan": {"aws:EpochTime": "PLACEHOLDER"}}}]})
        .replace('"PLACEHOLDER"', "9" * 4400),
    )  # fmt: skip
    trust = {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"Service": "lambda.amazonaws.com"},
             "Action": "sts:AssumeRole", "Condition": {"StringLike": {"aws:PrincipalTag/x": TEMPLATE + INJECT}}}]}  # fmt: skip
    role = iam.create_role(
        RoleName="hostile-fn",
        AssumeRolePolicyDocument=json.dumps(trust),
        Description="role <!-- " + TEMPLATE,
        Tags=[{"Key": "Owner", "Value": MARKDOWN}],
    )["Role"]["Arn"]
    iam.put_role_policy(
        RoleName="hostile-fn",
        PolicyName="inline",
        PolicyDocument=json.dumps(
            {
                "Version": "2012-10-17",
                "Statement": [
                    {
                        "Sid": "x",
                        "Effect": "Allow",
                        "Action": "s3:GetObject",
                        "Resource": "arn:aws:s3:::hostile-assets/${aws:username}/*",
                    }
                ],
            }  # fmt: skip
        ),
    )
    ssm.put_parameter(Name="/hostile/value", Value=INJECT + TEMPLATE + "\b\f", Type="String", Description=MARKDOWN)
    zone = r53.create_hosted_zone(Name="hostile.example", CallerReference="hostile")["HostedZone"]["Id"]
    r53.change_resource_record_sets(
        HostedZoneId=zone,
        ChangeBatch={"Changes": [{"Action": "CREATE", "ResourceRecordSet": {
            "Name": "txt.hostile.example", "Type": "TXT", "TTL": 60,
            "ResourceRecords": [{"Value": json.dumps(MARKDOWN.replace("\n", " ") + " " + TEMPLATE)}]}}]},
    )  # fmt: skip
    lam.create_function(
        FunctionName="hostile-fn",
        Runtime="python3.12",
        Role=role,
        Handler="index.handler",
        Code={"ZipFile": _zip()},
        Description=MARKDOWN,
        Environment={"Variables": {**CANARIES, "GREETING": TEMPLATE + SHELL, "BANNER": TERMINAL}},
    )
    sqs.create_queue(QueueName="hostile-queue", tags={"Name": INJECT, "Note": TERMINAL})
    return {"vpc": vpc["VpcId"], "subnet": subnet["SubnetId"], "group": group}


@dataclass
class Run:
    work: Path
    inventory: dict
    module: Path
    outputs: dict[str, object]


@pytest.fixture(scope="module")
def hostile(moto_server, tmp_path_factory) -> Run:
    moto_server.reset()
    seed(moto_server)
    work = tmp_path_factory.mktemp("hostile")
    outputs: dict[str, object] = {}
    types = ",".join(
        [
            "aws_vpc", "aws_subnet", "aws_security_group", "aws_vpc_security_group_ingress_rule", "aws_s3_bucket",
            "aws_s3_bucket_policy", "aws_iam_role", "aws_iam_role_policy", "aws_ssm_parameter", "aws_route53_zone",
            "aws_route53_record", "aws_lambda_function", "aws_sqs_queue",
        ]
    ).split(",")  # fmt: skip
    include = [arg for t in types for arg in ("--include", t)]
    scan = run_cli(
        "scan", "--endpoint-url", moto_server.endpoint, "--region", REGION, *include, "--output", str(work / "inv.json")
    )
    outputs["scan"] = scan
    module = work / "module"
    outputs["generate"] = run_cli("generate", "--inventory", str(work / "inv.json"), "--out", str(module))
    outputs["status"] = run_cli("status", "--inventory", str(work / "inv.json"))
    outputs["plan"] = run_cli(
        "plan", "--inventory", str(work / "inv.json"), "--max-batch", "5", "--output", str(work / "plan.json")
    )
    for fmt in ("dot", "mermaid", "json"):
        outputs[f"graph-{fmt}"] = run_cli(
            "graph", "--inventory", str(work / "inv.json"), "--format", fmt, "--output", str(work / f"graph.{fmt}")
        )
    return Run(work, json.loads((work / "inv.json").read_text()), module, outputs)


def test_every_command_finishes(hostile):
    scan = hostile.outputs["scan"]
    # Exit 3: the bucket policy with the 4,400-digit number is one resource's error.
    assert scan.code == 3, scan.output
    (error,) = hostile.inventory["errors"]
    assert (error["code"], error["resource_type"]) == ("UnreadableResource", "aws_s3_bucket_policy")
    assert "hostile-big-number" in error["message"] and len(error["message"]) <= 200
    buckets = {r["id"] for r in hostile.inventory["resources"] if r["type"] == "aws_s3_bucket"}
    assert buckets == {"hostile-assets", "hostile-big-number"}  # the bucket itself is still adopted
    for name, result in hostile.outputs.items():
        if name != "scan":
            assert result.code == 0, (name, result.output)
        assert "Traceback" not in result.output and "unexpectedly" not in result.output


def test_the_terminal_gets_no_escape_sequences(hostile):
    for name, result in hostile.outputs.items():
        for char in result.output:
            assert char == "\n" or not (ord(char) < 32 or 0x7F <= ord(char) <= 0x9F), (name, repr(char))
        assert "\u202e" not in result.output


def test_the_module_holds_exactly_the_adopted_resources_and_imports_them(hostile, tf_engine):
    assert terraform_engine.fmt_check(hostile.module) == []
    validated = terraform_engine.validate(hostile.module)
    assert validated.valid, validated.text
    total = len(hostile.inventory["resources"])
    plan = terraform_engine.plan(
        hostile.module,
        show_json=True,
        env=supplied_variables(hostile.module),
        states=module_states(hostile.module),
    )
    # (The stand-in provider reads back only IDs, so the in-place changes it plans say nothing here.)
    assert (plan.to_import, plan.to_add, plan.to_destroy) == (total, 0, 0), plan.output
    root = plan.json["configuration"]["root_module"]
    assert set(root) <= {"resources", "variables"}, sorted(root)
    assert all(r["mode"] == "managed" for r in root["resources"])
    addresses = {r["address"] for r in root["resources"]}
    assert len(addresses) == total
    assert not (hostile.module / "PWNED").exists() and not Path("PWNED").exists()


def test_hostile_values_are_written_exactly(hostile, tf_engine):
    """The module's values, as Terraform reads them, are AWS's values exactly."""
    plan = terraform_engine.plan(
        hostile.module,
        show_json=True,
        env=supplied_variables(hostile.module),
        states=module_states(hostile.module),
    )
    by_type: dict[str, list[dict]] = {}
    for change in plan.json["resource_changes"]:
        by_type.setdefault(change["type"], []).append(change["change"]["after"])
    (vpc,) = by_type["aws_vpc"]
    assert vpc["tags"]["Name"] == INJECT and vpc["tags"]["for"] == TEMPLATE
    (parameter,) = by_type["aws_ssm_parameter"]
    assert parameter["value"] == INJECT + TEMPLATE + "\b\f"
    (function,) = by_type["aws_lambda_function"]
    assert function["environment"][0]["variables"]["GREETING"] == TEMPLATE + SHELL


MD = MarkdownIt("commonmark").enable("table")
OWN_HEADINGS = {
    "At a glance",
    "Families and their drift",
    "Secrets",
    "What to expect",
    "Review with care",
    "Families written once",
    "Resources by type",
    "Resources",
    "To be supplied",
    "Not seen",
    "Not adopted by this change",
}


def test_adoption_md_keeps_its_structure(hostile):
    text = (hostile.module / "ADOPTION.md").read_text()
    tokens = MD.parse(text)
    headings = [tokens[i + 1].content for i, t in enumerate(tokens) if t.type == "heading_open"]
    assert headings[0].startswith("Adopt ") and set(headings[1:]) <= OWN_HEADINGS, headings
    html = [t for t in tokens if t.type in ("html_block", "html_inline")]
    assert len(html) == 1 and html[0].content.startswith("<!-- Generated by adopt")  # adopt's own header only
    for token in tokens:
        for child in token.children or []:
            assert child.type not in ("html_inline", "image", "link_open"), child
    # Each table keeps its columns in every row.
    for i, token in enumerate(tokens):
        if token.type == "table_open":
            end = next(j for j in range(i, len(tokens)) if tokens[j].type == "table_close")
            widths, cells = [], 0
            for t in tokens[i:end]:
                if t.type == "tr_open":
                    cells = 0
                elif t.type in ("td_open", "th_open"):
                    cells += 1
                elif t.type == "tr_close":
                    widths.append(cells)
            assert len(set(widths)) == 1, widths
    # The secrets the user must supply are listed.
    supplied = text.split("## To be supplied", 1)[1]
    for name in CANARIES:
        assert f"variables.{name}" in supplied.replace("\\", "")


def test_import_script_passes_exactly_the_imports(hostile, tmp_path):
    """Exactly init, state list, then one `import ADDRESS ID` per resource, with
    the IDs as AWS has them and the addresses of imports.tf."""
    calls = run_import_script(hostile.module / "import.sh", tmp_path)
    assert calls[:2] == [["init", "-input=false"], ["state", "list"]]
    imports = calls[2:]
    assert all(call[:2] == ["import", "-input=false"] and len(call) == 4 for call in imports), imports
    assert sorted(call[3] for call in imports) == sorted(r["import_id"] for r in hostile.inventory["resources"])
    blocks = " ".join((hostile.module / "imports.tf").read_text().split())
    assert all(f"to = {call[2]} " in blocks for call in imports)
    assert not (tmp_path / "PWNED").exists()


def test_no_secret_reaches_any_file(hostile):
    written = [p for p in hostile.work.rglob("*") if p.is_file()]
    for path in written:
        text = path.read_text(errors="replace")
        for canary in CANARIES.values():
            secret = canary.split("canary", 1)[1][:12]
            assert "canary" + secret not in text, (path.name, canary)


def test_batches_and_a_pull_request_finish(hostile, tmp_path, tf_engine):
    plan = json.loads((hostile.work / "plan.json").read_text())
    repo = tmp_path / "repo"
    repo.mkdir()
    git = ["git", "-C", str(repo), "-c", "user.name=t", "-c", "user.email=t@x"]
    subprocess.run(["git", "init", "-q", str(repo)], check=True)
    subprocess.run([*git, "commit", "-q", "--allow-empty", "-m", "start"], check=True)
    last = plan["batches"][-1]["batch"]
    for batch in plan["batches"][:-1]:
        result = run_cli("generate", "--plan", str(hostile.work / "plan.json"), "--batch", str(batch["batch"]),
                         "--out", str(repo))  # fmt: skip
        assert result.code == 0, result.output
    subprocess.run([*git, "add", "-A"], check=True)
    subprocess.run([*git, "commit", "-q", "-m", "earlier batches"], check=True)
    result = run_cli("pr", "--plan", str(hostile.work / "plan.json"), "--batch", str(last), "--repo", str(repo))
    assert result.code == 0, result.output
    assert "\x1b" not in result.output
    total = sum(len(b["resources"]) for b in plan["batches"])
    plan_result = terraform_engine.plan(repo, env=supplied_variables(repo), states=module_states(repo))
    assert (plan_result.to_import, plan_result.to_add, plan_result.to_destroy) == (total, 0, 0), plan_result.output
    log = subprocess.run(["git", "-C", str(repo), "log", "-1", "--format=%B"], capture_output=True, text=True).stdout
    assert "\x1b" not in log and "PWNED" not in log
