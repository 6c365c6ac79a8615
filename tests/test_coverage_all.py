"""Every resource type at once: one estate, two regions, one scan, one module, one plan.

The coverage tests each seed one family of types alone.  Here all their seed
functions run together -- the regional ones in us-east-1 and in eu-west-1,
the global ones (IAM, Route 53, CloudFront) once -- with the demo estate,
which makes the types no coverage test seeds (internet gateways, routes, route
table associations, security group rules, instance profiles, inline role
policies and the S3 bucket settings it sets).  The real CLI then scans every
registered type in both regions, and coverage_kit checks the lot: exactly the
seeded import IDs and no others, each in the shape the provider documents, and
one module, ``terraform fmt`` clean and valid, whose single plan imports all
of it and adds or destroys nothing.  Then the references that cross families
(and seed functions) must point at the generated resource of the same region.

Seeding, scanning and planning happen once, in the module's fixture.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass

import boto3
import hcl2
import pytest
import test_coverage_application as application
import test_coverage_data as data
import test_coverage_delivery as delivery
import test_coverage_dns_containers as dns_containers
import test_coverage_iam_security as iam_security
import test_coverage_identity as identity
import test_coverage_network as network
import test_coverage_network_compute as network_compute
import test_coverage_serverless as serverless
import test_coverage_storage as storage
from batch_checks import adopt_batch_by_batch, check_packed, plan_with_cli
from coverage_kit import Checked, Seeded, scan_and_check
from helpers import emulator_fails, emulator_gaps, run_cli
from literal_references import literal_references

from adopt.catalog import registry
from adopt.demo.estate import seed as seed_demo_estate
from adopt.emit.providers import provider_alias
from adopt.model import Inventory

REGIONS = ("us-east-1", "eu-west-1")
# Names that are global (S3 buckets, IAM roles) get a suffix outside the first region.
SUFFIXES = {"us-east-1": "", "eu-west-1": "-eu"}

# The registered types this test does not find, and why.  Everything else
# must be in the inventory.
NOT_FOUND_HERE = {
    # AWS makes every VPC's default ACL: it is adopted only with
    # --include-defaults, which would adopt every default VPC, subnet, security
    # group and route table in both regions too.  Its own test seeds a rule in
    # one (test_default_network_acl_only_with_include_defaults).
    "aws_default_network_acl": "made by AWS: adopted only with --include-defaults",
    # Tested with recorded responses only (test_elasticache_recorded): moto
    # reports too little of a cache cluster, as tests/emulator_gaps.json says.
    "aws_elasticache_cluster": "recorded responses only",
    # moto makes the namespace's zone without its VPC, which the import ID
    # names (test_edge_discovery_and_athena_as_aws_returns_them).
    "aws_service_discovery_private_dns_namespace": "recorded responses only",
    # moto answers these calls as if nothing were there (an S3 GET it does not
    # know answers the bucket's listing): tested with recorded responses only.
    "aws_s3_bucket_request_payment_configuration": "recorded responses only",
    "aws_s3_bucket_intelligent_tiering_configuration": "recorded responses only",
    "aws_s3_bucket_metric": "recorded responses only",
    # moto cannot list a scalable target's tags (test_application_auto_scaling_recorded).
    "aws_appautoscaling_target": "recorded responses only: moto cannot list a scalable target's tags",
    "aws_appautoscaling_policy": "recorded responses only: found under its scalable target",
    # Tested with recorded responses only (test_recorded_emulator_gaps_and_aws_made_objects):
    # moto cannot make composite alarms, and has no GetMaintenanceWindowTask
    # and no GetPatchBaseline.
    "aws_cloudwatch_composite_alarm": "recorded responses only",
    "aws_ssm_maintenance_window_task": "recorded responses only",
    "aws_ssm_patch_baseline": "recorded responses only",
}
# Types whose calls moto's server fails (an error, not an empty answer), so a
# scan that includes them records errors: left out of this scan, tested with
# recorded responses only (test_coverage_data), as tests/emulator_gaps.json says.
NOT_SCANNED_HERE = emulator_fails()
NOT_FOUND_HERE.update(NOT_SCANNED_HERE)
INCLUDE_DEFAULTS_ONLY = {"aws_default_network_acl"}


def _unaligned(text: str) -> str:
    """A block without fmt's alignment of ``=`` signs, so assertions need not know it."""
    return re.sub(r"(\S) +=", r"\1 =", text)


REGIONAL_SEEDS = (
    network_compute.seed_nat_gateway_eip_and_network_acl,
    network_compute.seed_default_network_acl_rule,
    network_compute.seed_vpc_endpoints_and_dhcp_options,
    network_compute.seed_volumes_attachments_and_key_pair,
    network_compute.seed_web_tier,
    network.seed_peering_transit_and_vpn,
    network.seed_interfaces_flow_logs_and_images,
    network.seed_resolver_load_balancers_and_scaling,
    storage.seed_efs_and_dynamodb,
    storage.seed_rds_and_cache_subnet_group,
    iam_security.seed_kms_secrets_and_parameters,
    iam_security.seed_certificates_log_groups_and_alarms,
    application.seed_queues_topics_and_subscriptions,
    application.seed_event_rules_targets_and_apis,
    data.seed_databases_and_caches,
    data.seed_file_system_access_and_backups,
    serverless.seed_rest_api_parts,
    serverless.seed_http_api_parts,
    # Names that are global (IAM roles, S3 buckets, Cognito domains) carry the region.
    identity.seed_keys_secrets_and_cognito,
    identity.seed_waf_guardduty_and_security_hub,
    identity.seed_logs_trails_config_and_ssm,
)
# Regional, but some of their names are global (S3 buckets, IAM roles): they take a suffix.
SUFFIXED_SEEDS = (
    storage.seed_s3_bucket_settings,
    application.seed_lambda_functions_and_permissions,
    dns_containers.seed_ecr_and_ecs,
    delivery.seed_containers,
    delivery.seed_delivery,
    delivery.seed_discovery_mail_and_data,
    data.seed_bucket_configurations,
    serverless.seed_lambda_extras,
    serverless.seed_workflows_and_events,
    serverless.seed_streams_and_brokers,
)


def seed_everything(moto) -> dict[tuple[str, str | None], Seeded]:
    """Every coverage seed function, regional ones in both regions, global ones once.

    Keyed by (function name, region); region None for the global ones.
    """
    seeded: dict[tuple[str, str | None], Seeded] = {
        ("seed_iam_users_groups_and_policies", None): iam_security.seed_iam_users_groups_and_policies(moto),
        ("seed_iam_identity_providers_and_account", None): identity.seed_iam_identity_providers_and_account(moto),
        # The private zone's VPC is made in the first region.
        ("seed_route53_zones_records_and_cloudfront", None): dns_containers.seed_route53_zones_records_and_cloudfront(
            moto, REGIONS[0]
        ),
        # Route 53 query logs go to a log group in us-east-1.
        ("seed_edge", None): delivery.seed_edge(moto, REGIONS[0]),
    }
    for region in REGIONS:
        for seed in REGIONAL_SEEDS:
            seeded[(seed.__name__, region)] = seed(moto, region)
        for seed in SUFFIXED_SEEDS:
            seeded[(seed.__name__, region)] = seed(moto, region, SUFFIXES[region])
    # The demo estate (us-east-1, and a replica bucket in eu-west-1) makes the rest.
    demo = seed_demo_estate(moto.endpoint, boto3.session.Session(), account_prefix="all-types")
    seeded[("demo_estate", None)] = Seeded(ids=demo.import_ids)
    return seeded


def security_group_rules(moto) -> dict[str, set[str]]:
    """The rules of every security group the seeds made (their default egress rule included).

    AWS makes the egress rule with each group, so the seed functions do not
    know its ID: it is read back, as the demo estate does.  The rules of each
    VPC's ``default`` group are AWS's, like the group.
    """
    rules: dict[str, set[str]] = {}
    for region in REGIONS:
        ec2 = moto.client("ec2", region)
        groups = [g["GroupId"] for g in ec2.describe_security_groups()["SecurityGroups"] if g["GroupName"] != "default"]
        for rule in ec2.describe_security_group_rules(Filters=[{"Name": "group-id", "Values": groups}])[
            "SecurityGroupRules"
        ]:
            kind = "egress" if rule["IsEgress"] else "ingress"
            rules.setdefault(f"aws_vpc_security_group_{kind}_rule", set()).add(rule["SecurityGroupRuleId"])
    return rules


def keys_moto_makes_for_services(moto) -> dict[str, set[str]]:
    """The keys moto makes for a service on first use (alias/aws/ebs for an encrypted volume...).

    AWS manages those keys itself (KeyManager AWS) and adopt leaves them out
    (see test_recorded_aws_made_objects_and_emulator_gaps); moto makes them as
    customer keys, so here they are adopted like any other.
    """
    keys: set[str] = set()
    for region in REGIONS:
        kms = moto.client("kms", region)
        # (Unfiltered, moto also lists every reserved alias/aws/* alias, with made-up keys.)
        for key in kms.list_keys()["Keys"]:
            aliases = kms.list_aliases(KeyId=key["KeyId"])["Aliases"]
            if any(a["AliasName"].startswith("alias/aws/") and a.get("TargetKeyId") == key["KeyId"] for a in aliases):
                keys.add(key["KeyId"])
    return {"aws_kms_key": keys}


def interfaces_moto_makes_for_services(moto) -> dict[str, set[str]]:
    """The network interfaces moto makes for NAT gateways, EFS mount targets
    and interface endpoints, and the NAT gateways' address associations.

    AWS marks such interfaces requester-managed and adopt leaves them out (see
    test_network_details_moto_lacks); moto marks them as the user's own, so
    here they are adopted like any other.
    """
    interfaces: set[str] = set()
    associations: set[str] = set()
    for region in REGIONS:
        ec2, efs = moto.client("ec2", region), moto.client("efs", region)
        nat = {
            a["NetworkInterfaceId"]
            for g in ec2.describe_nat_gateways()["NatGateways"]
            for a in g.get("NatGatewayAddresses", [])
            if a.get("NetworkInterfaceId")
        }
        endpoints = {i for e in ec2.describe_vpc_endpoints()["VpcEndpoints"] for i in e.get("NetworkInterfaceIds", [])}
        mounts = {
            t["NetworkInterfaceId"]
            for fs in efs.describe_file_systems()["FileSystems"]
            for t in efs.describe_mount_targets(FileSystemId=fs["FileSystemId"])["MountTargets"]
        }
        interfaces |= nat | endpoints | mounts
        associations |= {
            a["AssociationId"]
            for a in ec2.describe_addresses()["Addresses"]
            if a.get("AssociationId") and a.get("NetworkInterfaceId") in nat
        }
    return {"aws_network_interface": interfaces, "aws_eip_association": associations}


def union(*id_maps: dict[str, set[str]]) -> dict[str, set[str]]:
    out: dict[str, set[str]] = {}
    for ids in id_maps:
        for tf_type, import_ids in ids.items():
            out.setdefault(tf_type, set()).update(import_ids)
    return out


class Addresses:
    """The module's resource addresses, from its own imports.tf.

    ``address(type, import ID, region)`` is ``type.label``; ``region`` None
    for a global resource.  ``region_of[address]`` is the resource's region
    (``global`` for a global one).
    """

    def __init__(self, checked: Checked, regions: tuple[str, ...]) -> None:
        self.checked = checked
        self.default_region = regions[0]
        region_by_alias = {f"aws.{provider_alias(r)}": r for r in regions}
        global_ids = {(r["type"], r["import_id"]) for r in checked.inventory["resources"] if r["region"] == "global"}
        with (checked.module_dir / "imports.tf").open() as fh:
            blocks = hcl2.load(fh)["import"]
        local: dict[str, dict] = {}
        for path in checked.module_dir.glob("*.tf"):
            for found in hcl2.loads(path.read_text()).get("locals", []):
                local.update(found)
        self.by_key: dict[tuple[str, str, str | None], str] = {}
        self.region_of: dict[str, str] = {}
        for block in blocks:
            provider = _bare(block["provider"]) if "provider" in block else None
            for address, import_id in _imported(block, local):
                tf_type = address.split(".")[0]
                self.by_key[(tf_type, import_id, provider)] = address
                if provider:
                    region = region_by_alias[provider]
                else:
                    region = "global" if (tf_type, import_id) in global_ids else self.default_region
                self.region_of[address] = self.region_of[address.split("[")[0]] = region

    def __call__(self, tf_type: str, import_id: str, region: str | None = None) -> str:
        provider = None if region in (None, self.default_region) else f"aws.{provider_alias(region)}"
        return self.by_key[(tf_type, import_id, provider)]

    def block(self, tf_type: str, import_id: str, region: str | None = None) -> str:
        _, label = self(tf_type, import_id, region).split(".")
        return _unaligned(self.checked.block(tf_type, label))


def _imported(block: dict, local: dict[str, dict]) -> list[tuple[str, str]]:
    """(address, import ID) of what an import block imports: one resource, or
    each instance of a family (``for_each`` over its locals map)."""
    if "for_each" not in block:
        return [(_bare(block["to"]), _unquoted(block["id"]))]
    base = _bare(block["to"]).removesuffix("[each.key]")
    members = local[_bare(block["for_each"]).removeprefix("local.")]
    return [(f'{base}["{key}"]', _unquoted(member["import_id"])) for key, member in members.items()]


def _unquoted(value: str) -> str:
    """python-hcl2 keeps a string's quotes (and escapes): ``"a\\"b"`` -> ``a"b``."""
    return json.loads(value) if value.startswith('"') else value


def _bare(expression: str) -> str:
    """``${aws_vpc.main}`` (how python-hcl2 reads a bare expression) -> ``aws_vpc.main``."""
    return expression.removeprefix("${").removesuffix("}")


@dataclass
class Everything:
    types: list[str]  # as `adopt types` lists them
    seeded: dict[tuple[str, str | None], Seeded]
    expected: dict[str, set[str]]  # import IDs by type
    checked: Checked
    address: Addresses


@pytest.fixture(scope="module")
def everything(moto_server, tmp_path_factory, tf_engine, oracle_dir) -> Everything:
    """All seeds, in both regions; one scan of every registered type; one module, checked and planned."""
    listed = run_cli("types")
    assert listed.code == 0, listed.output
    types = [line.split()[0] for line in listed.stdout.splitlines() if line.strip()]
    assert types == registry.types()

    moto_server.reset()
    seeded = seed_everything(moto_server)
    expected = union(
        *(s.ids for s in seeded.values()),
        security_group_rules(moto_server),
        keys_moto_makes_for_services(moto_server),
        interfaces_moto_makes_for_services(moto_server),
    )
    checked = scan_and_check(
        moto_server,
        tmp_path_factory.mktemp("all-types"),
        tf_engine,
        oracle_dir,
        expected=expected,
        regions=REGIONS,
        include=tuple(t for t in types if t not in NOT_SCANNED_HERE),
        references={
            # Across families; each holds for every resource of the type, in both regions.
            "aws_lambda_function": {("role", "aws_iam_role")},
            "aws_ecs_service": {("load_balancer[0].target_group_arn", "aws_lb_target_group")},
            "aws_ecs_task_definition": {("task_role_arn", "aws_iam_role")},
            "aws_efs_mount_target": {("subnet_id", "aws_subnet"), ("security_groups[0]", "aws_security_group")},
            "aws_db_instance": {("db_subnet_group_name", "aws_db_subnet_group")},
            "aws_autoscaling_group": {("launch_template.id", "aws_launch_template")},
            "aws_eks_node_group": {("cluster_name", "aws_eks_cluster"), ("subnet_ids[0]", "aws_subnet")},
            "aws_codepipeline": {("stage[1].action[0].configuration.ProjectName", "aws_codebuild_project")},
            "aws_glue_crawler": {("database_name", "aws_glue_catalog_database"), ("role", "aws_iam_role")},
            "aws_lambda_alias": {("function_name", "aws_lambda_function")},
            "aws_api_gateway_method": {("rest_api_id", "aws_api_gateway_rest_api")},
            "aws_apigatewayv2_api_mapping": {("api_id", "aws_apigatewayv2_api")},
        },
    )
    return Everything(types, seeded, expected, checked, Addresses(checked, REGIONS))


def test_every_type_in_two_regions_at_once(everything):
    inventory = everything.checked.inventory
    assert inventory["errors"] == []
    assert inventory["regions"] == list(REGIONS)
    assert {r["region"] for r in inventory["resources"]} == {*REGIONS, "global"}

    # Found: every type moto can show (no emulator_gaps), and every type with
    # gaps whose moto part is seeded all the same -- but AWS's default ACLs.
    # Missing: exactly the types NOT_FOUND_HERE says why.
    found = set(everything.checked.by_type)
    gaps = emulator_gaps()
    must_find = {s.tf_type for s in registry.all_specs() if not gaps[s.tf_type].get("gaps")} | set(everything.expected)
    assert found == must_find - INCLUDE_DEFAULTS_ONLY
    assert set(everything.types) - found == set(NOT_FOUND_HERE)

    for region in REGIONS:
        check_cross_references(everything.address, everything.seeded, region)


def check_cross_references(address: Addresses, seeded: dict[tuple[str, str | None], Seeded], region: str) -> None:
    """References across families resolve to the resources generated for the same region."""
    suffix = SUFFIXES[region]

    # An alarm notifies the SNS topic made with it; a log group is encrypted with a KMS key.
    observability = seeded[("seed_certificates_log_groups_and_alarms", region)]
    topic = address("aws_sns_topic", observability.topic, region)
    alarm = address.block("aws_cloudwatch_metric_alarm", "web-high-cpu", region)
    assert f"alarm_actions = [{topic}.arn]" in alarm and f"ok_actions = [{topic}.arn]" in alarm
    log_group = address.block("aws_cloudwatch_log_group", "/app/web", region)
    assert f"kms_key_id = {address('aws_kms_key', observability.key['KeyId'], region)}.arn" in log_group

    # A Lambda function runs as a (global) IAM role, in a subnet and security group of its region.
    functions = seeded[("seed_lambda_functions_and_permissions", region)]
    function = address.block("aws_lambda_function", "orders", region)
    assert f"role = {address('aws_iam_role', f'orders-fn{suffix}')}.arn" in function
    assert f"subnet_ids = [{address('aws_subnet', functions.subnet, region)}.id]" in function
    assert f"security_group_ids = [{address('aws_security_group', functions.group, region)}.id]" in function

    # An ECS service is behind a load balancer's target group; its task runs as an IAM role.
    containers = seeded[("seed_ecr_and_ecs", region)]
    service = address.block("aws_ecs_service", "shop/api", region)
    assert f"target_group_arn = {address('aws_lb_target_group', containers.target_group, region)}.arn" in service
    assert f"subnets = [{address('aws_subnet', containers.subnet_id, region)}.id]" in service
    task = address.block("aws_ecs_task_definition", containers.revision, region)
    assert f"task_role_arn = {address('aws_iam_role', f'shop-task{suffix}')}.arn" in task

    # A database's KMS key, security group, and the subnet group of its own
    # region, though a group of the same name exists in the other.
    databases = seeded[("seed_rds_and_cache_subnet_group", region)]
    database = address.block("aws_db_instance", "app-db", region)
    assert f"db_subnet_group_name = {address('aws_db_subnet_group', 'app-db', region)}.name" in database
    assert f"kms_key_id = {address('aws_kms_key', databases.kms_key_id, region)}.arn" in database
    assert f"vpc_security_group_ids = [{address('aws_security_group', databases.db_sg, region)}.id]" in database

    # Only when everything is scanned together: the nightly rule's target is the
    # function another seed made, and the orders table's key is generated too
    # (each family's own test keeps these as literals).
    target = address.block("aws_cloudwatch_event_target", "nightly-batch/run-batch", region)
    assert f"arn = {address('aws_lambda_function', 'orders', region)}.arn" in target
    # A web ACL guards the load balancer of its own region; a trail writes to its region's bucket.
    guarded = address.block(
        "aws_wafv2_web_acl_association",
        next(iter(seeded[("seed_waf_guardduty_and_security_hub", region)].ids["aws_wafv2_web_acl_association"])),
        region,
    )
    lb = next(iter(seeded[("seed_waf_guardduty_and_security_hub", region)].ids["aws_lb"]))
    assert f"resource_arn = {address('aws_lb', lb, region)}.arn" in guarded
    audit = seeded[("seed_logs_trails_config_and_ssm", region)]
    trail = address.block("aws_cloudtrail", next(iter(audit.ids["aws_cloudtrail"])), region)
    assert f"s3_bucket_name = {address('aws_s3_bucket', audit.bucket, region)}.id" in trail

    tables = seeded[("seed_efs_and_dynamodb", region)]
    table = address.block("aws_dynamodb_table", "orders", region)
    assert f"kms_key_arn = {address('aws_kms_key', tables.kms_key_id, region)}.arn" in table

    # An Aurora cluster, a Redshift cluster and a search domain are encrypted with
    # their region's key; a bucket notifies its region's queue.
    stores = seeded[("seed_databases_and_caches", region)]
    key = address("aws_kms_key", stores.kms_key_id, region)
    assert f"kms_key_id = {key}.arn" in address.block("aws_rds_cluster", "orders", region)
    assert f"kms_key_id = {key}.arn" in address.block("aws_redshift_cluster", "warehouse", region)
    assert f"kms_key_id = {key}.arn" in address.block("aws_opensearch_domain", "search", region)
    buckets = seeded[("seed_bucket_configurations", region)]
    notification = address.block("aws_s3_bucket_notification", buckets.data, region)
    assert f"queue_arn = {address('aws_sqs_queue', buckets.queue, region)}.arn" in notification


REFERENCE = re.compile(r"\b(aws_[a-z0-9_]+\.[a-z0-9_]+)\.(?:id|arn|name)\b")
RESOURCE_BLOCK = re.compile(r'^resource "(\w+)" "(\w+)" \{\n(.*?)\n\}\n', re.S | re.M)


def cross_region_references(address: Addresses) -> list[tuple[str, str, str]]:
    """(source type, target type, description) of each reference from a resource in
    one region to a resource in the other (global resources are everyone's)."""
    crossing = []
    for path in sorted(address.checked.module_dir.glob("*.tf")):
        for match in RESOURCE_BLOCK.finditer(path.read_text()):
            source = f"{match.group(1)}.{match.group(2)}"
            for ref in REFERENCE.finditer(match.group(3)):
                target = ref.group(1)
                here, there = address.region_of.get(source), address.region_of.get(target)
                if there is None or "global" in (here, there) or here == there:
                    continue
                line = match.group(3)[: ref.end()].rsplit("\n", 1)[-1].strip()
                crossing.append((match.group(1), target.split(".")[0], f"{source} ({here}): {line} ({there})"))
    return crossing


# References that cross regions by design: a multi-Region replica key names its primary.
CROSSING_BY_DESIGN = {("aws_kms_replica_key", "aws_kms_key")}


def test_references_stay_in_their_region(everything):
    """A name used in both regions (a DB subnet group "main") refers to the one in the referring region."""
    crossing = cross_region_references(everything.address)
    by_design = [c for c in crossing if (c[0], c[1]) in CROSSING_BY_DESIGN]
    assert len(by_design) == len(REGIONS)  # each region's replica of the other's primary
    crossing = [c for c in crossing if (c[0], c[1]) not in CROSSING_BY_DESIGN]
    assert crossing == [], "\n".join(d for _, _, d in crossing)


# Types whose ARN moto's Tagging API spells otherwise than AWS does, so the
# census cannot match them to the scanned resource by ARN.
MOTO_ARN_QUIRKS = {"aws_flow_log": "moto writes flow-logs/fl-..., AWS vpc-flow-log/fl-..."}


def test_the_census_finds_every_scanned_type_it_sees_adopted(everything):
    """The cross-check of the census: every resource the Tagging API reports
    whose type a spec scans is in the inventory, or was left to AWS on
    purpose; none is a gap.  (moto's Tagging API reports what is tagged.)"""
    census = [e for e in everything.checked.inventory["census"] if e["tf_type"] not in MOTO_ARN_QUIRKS]
    registered = set(registry.types())
    tagged = [e for e in census if "tagging" in e["sources"] and e["tf_type"] in registered]
    assert len({e["tf_type"] for e in tagged}) > 20
    wrong = [(e["identifier"], e["status"], e["reason"]) for e in tagged if e["status"] not in ("adopted", "aws-owned")]
    assert wrong == []
    adopted = {(e["resource"]["type"], e["resource"]["region"], e["resource"]["id"]) for e in tagged if e["resource"]}
    keys = {(r["type"], r["region"], r["id"]) for r in everything.checked.inventory["resources"]}
    assert adopted <= keys
    assert [e for e in census if e["status"] == "gap"] == []


def test_every_type_packed_into_few_batches_each_adopted_after_the_last(everything, tmp_path, tf_engine):
    """`adopt plan --max-batch` on the estate of every type: about N / max-batch
    batches, none referencing a later one; and batch by batch (at a larger
    limit, to keep the number of engine runs small) each a clean module with
    the batches before it."""
    inventory_path = everything.checked.module_dir.parent / "inventory.json"
    inventory = Inventory.load(str(inventory_path))
    check_packed(plan_with_cli(inventory_path, tmp_path / "by-40.json", "--max-batch", "40"), inventory, 40)
    plan_path = tmp_path / "adopt-plan.json"
    plan = plan_with_cli(inventory_path, plan_path, "--max-batch", "300")
    check_packed(plan, inventory, 300)
    assert len(plan["batches"]) >= 3
    assert sum(len(b["resources"]) for b in plan["batches"]) == len(inventory.resources)
    adopt_batch_by_batch(plan_path, plan, tmp_path / "repo", tf_engine)


# Literals that hold another resource's value and yet are no reference, and why
# each cannot be one: (type of the block, the value held).
NOT_A_REFERENCE = {
    # A certificate's domain, a mail exchanger's host and an e-mail address
    # are names in DNS, not the hosted zone: the zone's name is only their suffix.
    ("aws_acm_certificate", "example.com"): "a certificate's domain is a DNS name, not its zone",
    ("aws_route53_record", "example.com"): "a record's name or value is a DNS name, not its zone",
    ("aws_sns_topic_subscription", "example.com"): "an e-mail address's domain, not the zone",
    # The distribution's origin ID is a label the distribution gives its origin;
    # that the seed's access control has the same name is a coincidence.
    ("aws_cloudfront_distribution", "site-bucket"): "an origin's ID is the distribution's own label",
    # CloudFront's one hosted zone ID, which every distribution has alike: the
    # alias names a distribution outside the estate (its DNS name is no one's).
    ("aws_route53_record", "Z2FDTNDATAQYW2"): "CloudFront's zone, shared by every distribution",
    # "<bucket>/<key>": a bucket name alone is too common a word to be taken
    # for the bucket inside a longer string (it stays literal, by design).
    ("aws_codebuild_project", "delivery-artifacts"): "a bucket name inside an S3 location",
    ("aws_codebuild_project", "delivery-artifacts-eu"): "a bucket name inside an S3 location",
}


def test_no_literal_names_a_resource_the_module_generates(everything):
    """Read the generated module as text: every quoted string (in jsonencode
    documents, lists, maps and locals too; never tags) that is, or starts or
    ends at a boundary with, a value one other generated resource alone holds
    is a reference the resolver missed -- but for NOT_A_REFERENCE."""
    addresses = {
        (tf_type, import_id, everything.address.region_of[address]): address
        for (tf_type, import_id, _), address in everything.address.by_key.items()
    }
    hits = literal_references(everything.checked.module_dir, everything.checked.inventory["resources"], addresses)
    missed = [h for h in hits if (h.block.split(".")[0], h.value) not in NOT_A_REFERENCE]
    assert missed == [], "\n".join(map(str, missed))
    # The allow-list holds nothing the module no longer has.
    assert {(h.block.split(".")[0], h.value) for h in hits} == set(NOT_A_REFERENCE)


def test_references_by_exported_shapes_and_at_a_boundary(everything):
    """Each kind of reference that is not a whole ID, ARN or name, in both regions."""
    address = everything.address
    for region in REGIONS:
        rest = seeded_ids(everything, "seed_rest_api_parts", region)
        api = address("aws_api_gateway_rest_api", next(iter(rest["aws_api_gateway_rest_api"])), region)
        function = address("aws_lambda_function", "orders", region)
        text = everything.checked.text("apigateway.tf")
        assert f"parent_id = {api}.root_resource_id" in _unaligned(text)
        assert f"uri = {function}.invoke_arn" in _unaligned(text)
        http = seeded_ids(everything, "seed_http_api_parts", region)
        integration = address("aws_apigatewayv2_integration", next(iter(http["aws_apigatewayv2_integration"])), region)
        assert f'target = "integrations/${{{integration}.id}}"' in _unaligned(
            everything.checked.text("apigatewayv2.tf")
        )
        machine = _unaligned(everything.checked.text("stepfunctions.tf"))
        group = address("aws_cloudwatch_log_group", "sfn-orders", region)
        assert f'log_destination = "${{{group}.arn}}:*"' in machine
        queue = address(
            "aws_sqs_queue",
            next(iter(seeded_ids(everything, "seed_workflows_and_events", region)["aws_sqs_queue"])),
            region,
        )
        assert f"QueueUrl = {queue}.url" in machine
        pools = _unaligned(everything.checked.text("cognito-identity.tf"))
        assert re.search(r"provider_name = aws_cognito_user_pool\.\w+\.endpoint", pools)
    query_log = _unaligned(everything.checked.text("route53.tf"))
    assert re.search(r'cloudwatch_log_group_arn = "\$\{aws_cloudwatch_log_group\.\w+\.arn\}:\*"', query_log)


def seeded_ids(everything, seed: str, region: str) -> dict[str, set[str]]:
    return everything.seeded[(seed, region)].ids
