"""Coverage of IAM (users, groups, customer-managed policies, their attachments
and inline policies), security (KMS, Secrets Manager, SSM parameters, ACM) and
observability (log groups, metric alarms).  Each test seeds moto (over HTTP) or
replays recorded API responses, then scans, generates and plans with the real
Terraform engine (see coverage_kit)."""

from __future__ import annotations

import datetime as dt
import json
import re

import coverage_kit
from coverage_kit import Seeded, scan_and_check

from adopt.catalog import registry

FIXTURES = coverage_kit.FIXTURES / "iam_security"


def _doc(*actions: str, resource: str = "*") -> str:
    return json.dumps(
        {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": list(actions), "Resource": resource}]}
    )


def seed_iam_users_groups_and_policies(moto) -> Seeded:
    """Users, groups, customer-managed policies, a role with a boundary, and their
    attachments, memberships and inline policies.  IAM is global: seed it once."""
    iam = moto.client("iam")
    policy = iam.create_policy(
        PolicyName="ci-deploy",
        Path="/ci/",
        Description="What the CI pipeline may deploy",
        PolicyDocument=_doc("s3:PutObject"),
        Tags=[{"Key": "team", "Value": "platform"}],
    )["Policy"]
    # The document is that of the default version, not the first one.
    iam.create_policy_version(
        PolicyArn=policy["Arn"], PolicyDocument=_doc("s3:PutObject", "s3:GetObject"), SetAsDefault=True
    )
    boundary = iam.create_policy(PolicyName="boundary", PolicyDocument=_doc("s3:*", "logs:*"))["Policy"]

    iam.create_user(UserName="alice", Path="/people/", Tags=[{"Key": "team", "Value": "platform"}])
    iam.create_user(UserName="ci-bot")
    iam.create_group(GroupName="developers", Path="/teams/")
    iam.create_group(GroupName="ops")
    for group in ("ops", "developers"):
        iam.add_user_to_group(GroupName=group, UserName="alice")
    iam.attach_group_policy(GroupName="developers", PolicyArn=policy["Arn"])
    iam.attach_user_policy(UserName="ci-bot", PolicyArn="arn:aws:iam::aws:policy/ReadOnlyAccess")
    iam.put_user_policy(UserName="ci-bot", PolicyName="push-images", PolicyDocument=_doc("ecr:PutImage"))
    iam.put_group_policy(GroupName="ops", PolicyName="read-logs", PolicyDocument=_doc("logs:GetLogEvents"))

    iam.create_role(
        RoleName="deployer",
        AssumeRolePolicyDocument=json.dumps(
            {
                "Version": "2012-10-17",
                "Statement": [
                    {"Effect": "Allow", "Principal": {"Service": "codebuild.amazonaws.com"}, "Action": "sts:AssumeRole"}
                ],
            }
        ),
        PermissionsBoundary=boundary["Arn"],
    )
    iam.attach_role_policy(RoleName="deployer", PolicyArn=policy["Arn"])
    return Seeded(
        ids={
            "aws_iam_policy": {policy["Arn"], boundary["Arn"]},
            "aws_iam_user": {"alice", "ci-bot"},
            "aws_iam_group": {"developers", "ops"},
            "aws_iam_user_group_membership": {"alice/developers/ops"},
            "aws_iam_group_policy_attachment": {f"developers/{policy['Arn']}"},
            "aws_iam_user_policy_attachment": {"ci-bot/arn:aws:iam::aws:policy/ReadOnlyAccess"},
            "aws_iam_user_policy": {"ci-bot:push-images"},
            "aws_iam_group_policy": {"ops:read-logs"},
            "aws_iam_role": {"deployer"},
            "aws_iam_role_policy_attachment": {f"deployer/{policy['Arn']}"},
        },
        policy=policy,
        boundary=boundary,
    )


def test_iam_users_groups_and_policies(moto, tmp_path, tf_engine, oracle_dir):
    seeded = seed_iam_users_groups_and_policies(moto)
    policy, boundary = seeded.policy, seeded.boundary

    checked = scan_and_check(
        moto,
        tmp_path,
        tf_engine,
        oracle_dir,
        expected={
            "aws_iam_policy": {policy["Arn"], boundary["Arn"]},
            "aws_iam_user": {"alice", "ci-bot"},
            "aws_iam_group": {"developers", "ops"},
            # Sorted group names: the same ID whatever order AWS lists them in.
            "aws_iam_user_group_membership": {"alice/developers/ops"},
            "aws_iam_group_policy_attachment": {f"developers/{policy['Arn']}"},
            "aws_iam_user_policy_attachment": {"ci-bot/arn:aws:iam::aws:policy/ReadOnlyAccess"},
            "aws_iam_user_policy": {"ci-bot:push-images"},
            "aws_iam_group_policy": {"ops:read-logs"},
            "aws_iam_role": {"deployer"},
            "aws_iam_role_policy_attachment": {f"deployer/{policy['Arn']}"},
        },
        references={
            "aws_iam_user_group_membership": {("user", "aws_iam_user"), ("groups[0]", "aws_iam_group")},
            "aws_iam_group_policy_attachment": {("group", "aws_iam_group"), ("policy_arn", "aws_iam_policy")},
            "aws_iam_user_policy_attachment": {("user", "aws_iam_user")},
            "aws_iam_user_policy": {("user", "aws_iam_user")},
            "aws_iam_group_policy": {("group", "aws_iam_group")},
            "aws_iam_role": {("permissions_boundary", "aws_iam_policy")},
            "aws_iam_role_policy_attachment": {("policy_arn", "aws_iam_policy")},
        },
    )
    # AWS-managed policies are not adopted (they are AWS's), only referred to.
    assert len(checked.by_type["aws_iam_policy"]) == 2

    block = checked.block("aws_iam_policy", "ci_deploy")
    assert 'name        = "ci-deploy"' in block
    assert 'path        = "/ci/"' in block
    assert 'description = "What the CI pipeline may deploy"' in block
    assert '"s3:GetObject"' in block and "policy = jsonencode({" in block
    assert 'team = "platform"' in block

    block = checked.block("aws_iam_user", "alice")
    assert 'path = "/people/"' in block and 'team = "platform"' in block
    assert "path" not in checked.block("aws_iam_user", "ci_bot")  # "/" is the default

    block = checked.block("aws_iam_group", "developers")
    assert 'name = "developers"' in block and 'path = "/teams/"' in block

    block = checked.block("aws_iam_user_group_membership", "alice")
    assert "user   = aws_iam_user.alice.name" in block
    assert "groups = [aws_iam_group.developers.name, aws_iam_group.ops.name]" in block

    block = checked.block("aws_iam_group_policy_attachment", "developers_ci_deploy")
    assert "group      = aws_iam_group.developers.name" in block
    assert "policy_arn = aws_iam_policy.ci_deploy.arn" in block
    block = checked.block("aws_iam_user_policy_attachment", "ci_bot_readonlyaccess")
    assert "user       = aws_iam_user.ci_bot.name" in block
    assert 'policy_arn = "arn:aws:iam::aws:policy/ReadOnlyAccess"' in block

    block = checked.block("aws_iam_user_policy", "ci_bot_push_images")
    assert 'name = "push-images"' in block and "user = aws_iam_user.ci_bot.name" in block
    assert '"ecr:PutImage"' in block
    block = checked.block("aws_iam_group_policy", "ops_read_logs")
    assert "group = aws_iam_group.ops.name" in block and '"logs:GetLogEvents"' in block

    # The role's boundary and attachment point at the generated policies.
    assert "permissions_boundary = aws_iam_policy.boundary.arn" in checked.block("aws_iam_role", "deployer")
    block = checked.block("aws_iam_role_policy_attachment", "deployer_ci_deploy")
    assert "policy_arn = aws_iam_policy.ci_deploy.arn" in block


def seed_kms_secrets_and_parameters(moto, region: str) -> Seeded:
    """KMS keys (enabled with an alias, disabled, pending deletion), two secrets (one
    rotated), and SSM parameters of every type."""
    kms = moto.client("kms", region)
    key = kms.create_key(
        Description="Application data",
        Policy=json.dumps(
            {
                "Version": "2012-10-17",
                "Id": "app-data",
                "Statement": [
                    {
                        "Sid": "Admins",
                        "Effect": "Allow",
                        "Principal": {"AWS": "arn:aws:iam::123456789012:root"},
                        "Action": "kms:*",
                        "Resource": "*",
                    }
                ],
            }
        ),
        Tags=[{"TagKey": "team", "TagValue": "data"}],
    )["KeyMetadata"]
    kms.enable_key_rotation(KeyId=key["KeyId"])
    kms.create_alias(AliasName="alias/app-data", TargetKeyId=key["KeyId"])
    # Without an alias, a key is named after its description.
    signing = kms.create_key(Description="Release signing", KeySpec="ECC_NIST_P256", KeyUsage="SIGN_VERIFY")[
        "KeyMetadata"
    ]
    kms.disable_key(KeyId=signing["KeyId"])
    retired = kms.create_key(Description="retired")["KeyMetadata"]
    kms.schedule_key_deletion(KeyId=retired["KeyId"], PendingWindowInDays=7)

    sm = moto.client("secretsmanager", region)
    secret = sm.create_secret(
        Name="prod/db/password",
        Description="Database password",
        KmsKeyId=key["Arn"],
        SecretString="hunter2-never-read",
        Tags=[{"Key": "team", "Value": "data"}],
    )
    sm.put_resource_policy(SecretId=secret["ARN"], ResourcePolicy=_doc("secretsmanager:GetSecretValue"))
    rotator = f"arn:aws:lambda:{region}:123456789012:function:rotate-db-password"
    try:
        sm.rotate_secret(
            SecretId=secret["ARN"], RotationLambdaARN=rotator, RotationRules={"AutomaticallyAfterDays": 30}
        )
    except sm.exceptions.ResourceNotFoundException:
        pass  # moto looks for the function, which does not exist; the rotation is stored all the same
    plain = sm.create_secret(Name="api-token", SecretString="never-read-either")

    ssm = moto.client("ssm", region)
    ssm.put_parameter(Name="/app/url", Value="https://app.example.com", Type="String", Description="Public URL")
    ssm.put_parameter(
        Name="/app/hosts", Value="a.example.com,b.example.com", Type="StringList", AllowedPattern="^[a-z.,]+$"
    )
    ssm.add_tags_to_resource(ResourceType="Parameter", ResourceId="/app/url", Tags=[{"Key": "team", "Value": "web"}])
    ssm.put_parameter(Name="/app/db-password", Value="s3cret-never-written", Type="SecureString", Tier="Advanced")
    ssm.put_parameter(Name="/app/api-key", Value="s3cret-too", Type="SecureString", KeyId=key["KeyId"])
    return Seeded(
        ids={
            "aws_kms_key": {key["KeyId"], signing["KeyId"]},
            "aws_kms_alias": {"alias/app-data"},
            "aws_secretsmanager_secret": {secret["ARN"], plain["ARN"]},
            "aws_secretsmanager_secret_policy": {secret["ARN"]},
            "aws_secretsmanager_secret_rotation": {secret["ARN"]},
            "aws_ssm_parameter": {"/app/url", "/app/hosts", "/app/db-password", "/app/api-key"},
        },
        key=key,
        signing=signing,
        secret=secret,
        plain=plain,
        rotator=rotator,
    )


def test_kms_secrets_and_parameters(moto, tmp_path, tf_engine, oracle_dir):
    seeded = seed_kms_secrets_and_parameters(moto, "us-east-1")
    key, signing, secret, plain, rotator = seeded.key, seeded.signing, seeded.secret, seeded.plain, seeded.rotator

    checked = scan_and_check(
        moto,
        tmp_path,
        tf_engine,
        oracle_dir,
        expected={
            # The key pending deletion is gone to the provider: not adopted.
            "aws_kms_key": {key["KeyId"], signing["KeyId"]},
            # AWS's own alias/aws/* aliases are not adopted.
            "aws_kms_alias": {"alias/app-data"},
            "aws_secretsmanager_secret": {secret["ARN"], plain["ARN"]},
            "aws_secretsmanager_secret_policy": {secret["ARN"]},
            "aws_secretsmanager_secret_rotation": {secret["ARN"]},
            "aws_ssm_parameter": {"/app/url", "/app/hosts", "/app/db-password", "/app/api-key"},
        },
        references={
            "aws_kms_alias": {("target_key_id", "aws_kms_key")},
            "aws_secretsmanager_secret_policy": {("secret_arn", "aws_secretsmanager_secret")},
            "aws_secretsmanager_secret_rotation": {("secret_id", "aws_secretsmanager_secret")},
        },
    )
    block = checked.block("aws_kms_key", "app_data")  # named after its alias
    assert 'description         = "Application data"' in block
    assert "enable_key_rotation = true" in block
    assert "policy = jsonencode({" in block and 'Sid    = "Admins"' in block
    assert 'team = "data"' in block
    assert "prevent_destroy = true" in block
    assert "key_usage" not in block and "customer_master_key_spec" not in block  # the defaults
    block = checked.block("aws_kms_key", "release_signing")
    assert 'key_usage                = "SIGN_VERIFY"' in block
    assert 'customer_master_key_spec = "ECC_NIST_P256"' in block
    assert "is_enabled               = false" in block
    assert "enable_key_rotation" not in block

    block = checked.block("aws_kms_alias", "app_data")
    assert 'name          = "alias/app-data"' in block
    assert "target_key_id = aws_kms_key.app_data.id" in block

    block = checked.block("aws_secretsmanager_secret", "prod_db_password")
    assert 'name        = "prod/db/password"' in block
    assert 'description = "Database password"' in block
    assert "kms_key_id  = aws_kms_key.app_data.arn" in block
    assert "policy" not in block  # adopted as its own resource
    assert "prevent_destroy = true" in block
    block = checked.block("aws_secretsmanager_secret_policy", "prod_db_password")
    assert "secret_arn = aws_secretsmanager_secret.prod_db_password.arn" in block
    assert '"secretsmanager:GetSecretValue"' in block and "policy = jsonencode({" in block
    block = checked.block("aws_secretsmanager_secret_rotation", "prod_db_password")
    assert "secret_id = aws_secretsmanager_secret.prod_db_password.id" in block
    assert f'rotation_lambda_arn = "{rotator}"' in block  # the function is not generated here
    assert "automatically_after_days = 30" in block
    assert "kms_key_id" not in checked.block("aws_secretsmanager_secret", "api_token")

    block = checked.block("aws_ssm_parameter", "app_url")
    assert 'type        = "String"' in block
    assert 'value       = "https://app.example.com"' in block  # public: written as it is
    assert 'description = "Public URL"' in block and 'team = "web"' in block
    block = checked.block("aws_ssm_parameter", "app_hosts")
    assert 'type            = "StringList"' in block and 'allowed_pattern = "^[a-z.,]+$"' in block
    assert 'value           = "a.example.com,b.example.com"' in block
    block = checked.block("aws_ssm_parameter", "app_db_password")
    # Never read, and not needed once imported: a placeholder the lifecycle ignores, nothing to type.
    assert 'value = ""' in block and "ignore_changes = [value]" in block and 'tier  = "Advanced"' in block
    assert "key_id" not in block  # the AWS-managed default key
    block = checked.block("aws_ssm_parameter", "app_api_key")
    assert "key_id = aws_kms_key.app_data.id" in block and 'value  = ""' in block
    assert not (checked.module_dir / "variables.tf").exists()  # nothing left to supply

    # No secret value was read into the inventory or written anywhere.
    everything = json.dumps(checked.inventory) + "".join(p.read_text() for p in checked.module_dir.iterdir())
    for value in ("hunter2", "never-read-either", "s3cret"):
        assert value not in everything


def _self_signed(domain: str) -> tuple[bytes, bytes]:
    """A certificate and its private key, as someone would import them into ACM."""
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import rsa
    from cryptography.x509.oid import NameOID

    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, domain)])
    now = dt.datetime.now(dt.timezone.utc)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now)
        .not_valid_after(now + dt.timedelta(days=365))
        .add_extension(x509.SubjectAlternativeName([x509.DNSName(domain)]), critical=False)
        .sign(key, hashes.SHA256())
    )
    pem_key = key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.TraditionalOpenSSL, serialization.NoEncryption()
    )
    return cert.public_bytes(serialization.Encoding.PEM), pem_key


def seed_certificates_log_groups_and_alarms(moto, region: str) -> Seeded:
    """An imported and a requested certificate, log groups (one encrypted with a KMS key),
    and two alarms: one notifying an SNS topic, one on metric math."""
    acm = moto.client("acm", region)
    body, private_key = _self_signed("legacy.example.com")
    imported = acm.import_certificate(
        Certificate=body, PrivateKey=private_key, Tags=[{"Key": "Name", "Value": "legacy"}]
    )
    requested = acm.request_certificate(
        DomainName="www.example.com",
        SubjectAlternativeNames=["www.example.com", "example.com"],
        ValidationMethod="DNS",
        Options={"CertificateTransparencyLoggingPreference": "DISABLED"},
    )

    key = moto.client("kms", region).create_key(Description="Log encryption")["KeyMetadata"]
    logs = moto.client("logs", region)
    logs.create_log_group(logGroupName="/app/web", kmsKeyId=key["Arn"], tags={"team": "web"})
    logs.put_retention_policy(logGroupName="/app/web", retentionInDays=30)
    logs.create_log_group(logGroupName="/app/batch")

    topic = moto.client("sns", region).create_topic(Name="ops-alerts")["TopicArn"]
    cloudwatch = moto.client("cloudwatch", region)
    cloudwatch.put_metric_alarm(
        AlarmName="web-high-cpu",
        AlarmDescription="CPU above 80% for 10 minutes",
        AlarmActions=[topic],
        OKActions=[topic],
        Namespace="AWS/EC2",
        MetricName="CPUUtilization",
        Dimensions=[{"Name": "AutoScalingGroupName", "Value": "web"}],
        Statistic="Average",
        Period=300,
        EvaluationPeriods=2,
        DatapointsToAlarm=2,
        Threshold=80.0,
        ComparisonOperator="GreaterThanThreshold",
        TreatMissingData="breaching",
        Tags=[{"Key": "team", "Value": "ops"}],
    )
    cloudwatch.put_metric_alarm(
        AlarmName="api-error-rate",
        ActionsEnabled=False,
        EvaluationPeriods=3,
        Threshold=5.0,
        ComparisonOperator="GreaterThanOrEqualToThreshold",
        Metrics=[
            {"Id": "rate", "Expression": "errors / requests * 100", "Label": "Error rate", "ReturnData": True},
            {
                "Id": "errors",
                "MetricStat": {
                    "Metric": {
                        "Namespace": "AWS/ApplicationELB",
                        "MetricName": "HTTPCode_Target_5XX_Count",
                        "Dimensions": [{"Name": "LoadBalancer", "Value": "app/api/0123456789abcdef"}],
                    },
                    "Period": 60,
                    "Stat": "Sum",
                },
                "ReturnData": False,
            },
            {
                "Id": "requests",
                "MetricStat": {
                    "Metric": {
                        "Namespace": "AWS/ApplicationELB",
                        "MetricName": "RequestCount",
                        "Dimensions": [{"Name": "LoadBalancer", "Value": "app/api/0123456789abcdef"}],
                    },
                    "Period": 60,
                    "Stat": "Sum",
                },
                "ReturnData": False,
            },
        ],
    )
    return Seeded(
        ids={
            "aws_acm_certificate": {imported["CertificateArn"], requested["CertificateArn"]},
            "aws_kms_key": {key["KeyId"]},
            "aws_cloudwatch_log_group": {"/app/web", "/app/batch"},
            "aws_sns_topic": {topic},
            "aws_cloudwatch_metric_alarm": {"web-high-cpu", "api-error-rate"},
        },
        imported=imported,
        requested=requested,
        key=key,
        topic=topic,
    )


def test_certificates_log_groups_and_alarms(moto, tmp_path, tf_engine, oracle_dir):
    seeded = seed_certificates_log_groups_and_alarms(moto, "us-east-1")
    imported, requested, key, topic = seeded.imported, seeded.requested, seeded.key, seeded.topic

    checked = scan_and_check(
        moto,
        tmp_path,
        tf_engine,
        oracle_dir,
        expected={
            "aws_acm_certificate": {imported["CertificateArn"], requested["CertificateArn"]},
            "aws_kms_key": {key["KeyId"]},
            "aws_cloudwatch_log_group": {"/app/web", "/app/batch"},
            "aws_sns_topic": {topic},
            "aws_cloudwatch_metric_alarm": {"web-high-cpu", "api-error-rate"},
        },
    )
    # Imported: the public body and chain as ACM holds them; the key is the user's to supply.
    block = checked.block("aws_acm_certificate", "legacy")
    assert "certificate_body  = " in block and "BEGIN CERTIFICATE" in block
    assert "ignore_changes = [certificate_body, private_key]" in block and "var.legacy_private_key" not in block
    # The provider wants one of domain_name and private_key: the key is a placeholder, never the key.
    assert re.search(r'^\s*private_key\s*=\s*""$', block, re.M), block
    assert "# private_key: ACM never returns" in block and "private_key: private_key" not in block
    for argument in ("domain_name", "validation_method", "key_algorithm", "options"):
        assert argument not in block  # the provider refuses them on an imported certificate
    assert "PRIVATE KEY" not in "".join(p.read_text() for p in checked.module_dir.iterdir())
    assert 'Name = "legacy"' in block
    # Requested: what to ask ACM for again.
    block = checked.block("aws_acm_certificate", "www_example_com")
    assert 'domain_name               = "www.example.com"' in block
    assert 'subject_alternative_names = ["example.com", "www.example.com"]' in block
    assert 'validation_method         = "DNS"' in block
    assert 'certificate_transparency_logging_preference = "DISABLED"' in block
    assert "certificate_body" not in block and "private_key" not in block and "key_algorithm" not in block

    block = checked.block("aws_cloudwatch_log_group", "app_web")
    assert 'name              = "/app/web"' in block
    assert "retention_in_days = 30" in block
    assert "kms_key_id        = aws_kms_key.log_encryption.arn" in block
    assert 'team = "web"' in block and "prevent_destroy = true" in block
    assert "retention_in_days" not in checked.block("aws_cloudwatch_log_group", "app_batch")  # kept forever

    block = checked.block("aws_cloudwatch_metric_alarm", "web_high_cpu")
    assert 'alarm_name          = "web-high-cpu"' in block
    assert "alarm_actions       = [aws_sns_topic.ops_alerts.arn]" in block
    assert "ok_actions          = [aws_sns_topic.ops_alerts.arn]" in block
    assert 'metric_name         = "CPUUtilization"' in block and 'statistic           = "Average"' in block
    assert "threshold           = 80" in block and "datapoints_to_alarm = 2" in block
    assert 'treat_missing_data  = "breaching"' in block
    assert 'AutoScalingGroupName = "web"' in block and 'team = "ops"' in block
    assert "actions_enabled" not in block  # true is the default
    block = checked.block("aws_cloudwatch_metric_alarm", "api_error_rate")
    assert "actions_enabled     = false" in block
    assert block.count("metric_query {") == 3
    assert 'expression  = "errors / requests * 100"' in block and "return_data = true" in block
    assert 'metric_name = "HTTPCode_Target_5XX_Count"' in block and 'stat        = "Sum"' in block
    assert 'LoadBalancer = "app/api/0123456789abcdef"' in block
    assert "metric_name" not in block.split("metric_query")[0]  # a metric math alarm has no metric of its own


def test_recorded_aws_made_objects_and_emulator_gaps(tmp_path, tf_engine):
    """Uses recorded API responses (fixtures/iam_security/recorded.json), because
    moto lists no AWS-managed or replica KMS keys, omits RotationPeriodInDays,
    a user's permissions boundary, a log group's class and deletion protection,
    Secrets Manager's owning service and schedule expressions, and ACM's private
    CA and e-mail validated certificates and managed-by flag."""
    types = [
        "aws_kms_key",
        "aws_kms_alias",
        "aws_iam_policy",
        "aws_iam_user",
        "aws_cloudwatch_log_group",
        "aws_cloudwatch_metric_alarm",
        "aws_secretsmanager_secret",
        "aws_secretsmanager_secret_rotation",
        "aws_acm_certificate",
    ]
    inventory = coverage_kit.scan_recorded(FIXTURES / "recorded.json", [registry.get(t) for t in types], ["us-east-1"])
    assert inventory.errors == []
    found = {(r.type, r.import_id) for r in inventory.resources}
    secret = "arn:aws:secretsmanager:us-east-1:123456789012:secret:prod/payments/api-key-Xy12Ab"
    assert found == {
        # Neither the AWS-managed key, the replica (an aws_kms_replica_key) nor
        # the key pending deletion; nor AWS's alias/aws/s3.
        ("aws_kms_key", "1234abcd-12ab-34cd-56ef-1234567890ab"),
        ("aws_kms_key", "0987dcba-09fe-87dc-65ba-ab0987654321"),
        ("aws_kms_alias", "alias/payments"),
        ("aws_iam_policy", "arn:aws:iam::123456789012:policy/boundaries/developer-boundary"),
        ("aws_iam_user", "dev-alice"),
        ("aws_cloudwatch_log_group", "/audit/trail"),
        # Not the alarm a target tracking policy made.
        ("aws_cloudwatch_metric_alarm", "api-latency-p99"),
        # Not RDS's own master password secret.
        ("aws_secretsmanager_secret", secret),
        ("aws_secretsmanager_secret_rotation", secret),
        # Neither CloudFront's certificate nor the request that timed out.
        ("aws_acm_certificate", "arn:aws:acm:us-east-1:123456789012:certificate/3f4e5d6c-7b8a-4c9d-8e0f-1a2b3c4d5e6f"),
        ("aws_acm_certificate", "arn:aws:acm:us-east-1:123456789012:certificate/9a8b7c6d-5e4f-4a3b-9c2d-1e0f9a8b7c6d"),
    }
    coverage_kit.generate_recorded(inventory, tmp_path)
    coverage_kit.check_module(tmp_path, tf_engine, len(found))
    text = {p.stem: p.read_text() for p in tmp_path.glob("*.tf")}

    assert "rotation_period_in_days = 180" in text["kms"] and 'cost-center = "payments"' in text["kms"]
    archive = text["kms"].split('resource "aws_kms_key" "byok_archive"')[1].split("\n}\n")[0]
    assert "enable_key_rotation" not in archive  # imported key material cannot rotate

    assert "permissions_boundary = aws_iam_policy.developer_boundary.arn" in text["iam"]
    assert '"s3:*"' in text["iam"]  # the URL-encoded document, decoded

    assert 'log_group_class             = "INFREQUENT_ACCESS"' in text["logs"]
    assert "deletion_protection_enabled = true" in text["logs"]
    assert "retention_in_days           = 3653" in text["logs"]

    alarm = text["cloudwatch"]
    assert 'extended_statistic                    = "p99"' in alarm and "\n  statistic " not in alarm
    assert 'evaluate_low_sample_count_percentiles = "ignore"' in alarm
    assert 'insufficient_data_actions = ["arn:aws:sns:us-east-1:123456789012:api-oncall"]' in alarm
    assert "threshold                             = 1.5" in alarm

    secrets = text["secretsmanager"]
    assert "kms_key_id  = aws_kms_key.payments.arn" in secrets
    assert 'region     = "eu-west-1"' in secrets and 'kms_key_id = "alias/aws/secretsmanager"' in secrets
    # A schedule expression, not the days AWS works out from it.
    assert 'schedule_expression = "rate(7 days)"' in secrets and "automatically_after_days" not in secrets
    assert 'duration            = "2h"' in secrets

    acm = text["acm"]
    assert 'validation_method = "EMAIL"' in acm and "validation_option" not in acm
    assert "certificate_authority_arn" in acm and 'key_algorithm             = "EC_prime256v1"' in acm
    assert 'subject_alternative_names = ["*.internal.example.org", "internal.example.org"]' in acm
    assert "certificate_body" not in acm and "BEGIN CERTIFICATE" not in acm  # requested, not imported


def test_parameters_are_read_ten_a_call():
    """Uses recordings (fixtures/iam_security/ssm_parameters_batched.json): to count the
    calls exactly.  GetParameters takes ten names, so twelve parameters cost two calls,
    not twelve, and each value still lands on its own parameter."""
    from adopt.scan.engine import Scanner

    session = coverage_kit.RecordedSession("iam_security/ssm_parameters_batched.json")
    inventory = Scanner(session, ["us-east-1"], [registry.get("aws_ssm_parameter")], concurrency=1).run()
    assert inventory.errors == []
    values = {r.id: r.attributes["value"] for r in inventory.resources}
    assert values == {f"/svc/p{n:02d}": f"value-of-p{n:02d}" for n in range(1, 13)}
    operations = [operation for _, _, operation, _ in session.calls]
    assert (operations.count("GetParameters"), operations.count("ListTagsForResource")) == (2, 12)
    batches = [params["Names"] for _, _, operation, params in session.calls if operation == "GetParameters"]
    assert sorted(len(names) for names in batches) == [2, 10]
