"""Coverage of the application types: Lambda functions and permissions, SQS,
SNS, EventBridge rules and targets, API Gateway REST and HTTP/WebSocket APIs.
Each test seeds moto (over HTTP) or replays recorded API responses, then
scans, generates and plans with the real Terraform engine (see coverage_kit)."""

from __future__ import annotations

import io
import json
import re
import zipfile

import coverage_kit
from coverage_kit import Seeded, scan_and_check

from adopt.catalog import registry
from adopt.catalog.services.sns import is_default_topic_policy
from adopt.catalog.spec import Context

ACCOUNT = "123456789012"
REGION = "us-east-1"
HOOK_SUBSCRIPTION = "arn:aws:sns:us-east-1:123456789012:ingest-alerts:5e7b2a14-3c9d-4f61-8a2e-9b0c1d2e3f4a"
TRUST = {
    "Version": "2012-10-17",
    "Statement": [{"Effect": "Allow", "Principal": {"Service": "lambda.amazonaws.com"}, "Action": "sts:AssumeRole"}],
}


def _unaligned(text: str) -> str:
    """A block without fmt's alignment of ``=`` signs, so assertions need not know it."""
    return re.sub(r"(\S) +=", r"\1 =", text)


def block(checked, tf_type: str, label: str) -> str:
    return _unaligned(checked.block(tf_type, label))


def _zip() -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as archive:
        archive.writestr("index.py", "def handler(event, context):\n    return event\n")
    return buf.getvalue()


def seed_lambda_functions_and_permissions(moto, region: str, suffix: str = "") -> Seeded:
    """A zip function in a VPC with every setting and two permissions, and an image function;
    their role is ``orders-fn`` + ``suffix`` (IAM is global)."""
    iam, ec2, lam = (moto.client(s, region) for s in ("iam", "ec2", "lambda"))
    role = f"orders-fn{suffix}"
    role_arn = iam.create_role(RoleName=role, AssumeRolePolicyDocument=json.dumps(TRUST))["Role"]["Arn"]
    vpc = ec2.create_vpc(CidrBlock="10.0.0.0/16")["Vpc"]["VpcId"]
    subnet = ec2.create_subnet(
        VpcId=vpc,
        CidrBlock="10.0.1.0/24",
        TagSpecifications=[{"ResourceType": "subnet", "Tags": [{"Key": "Name", "Value": "private-a"}]}],
    )["Subnet"]["SubnetId"]
    group = ec2.create_security_group(GroupName="orders-fn", Description="orders fn", VpcId=vpc)["GroupId"]
    lam.create_function(
        FunctionName="orders",
        Runtime="python3.12",
        Role=role_arn,
        Handler="index.handler",
        Code={"ZipFile": _zip()},
        Description="Order processor",
        Timeout=30,
        MemorySize=256,
        Architectures=["arm64"],
        EphemeralStorage={"Size": 1024},
        TracingConfig={"Mode": "Active"},
        Environment={
            "Variables": {
                "TABLE": "orders",
                "DB_PASSWORD": "hunter2",
                "DATABASE_URL": "postgres://app:s3cret@db.internal/orders",
            }
        },
        VpcConfig={"SubnetIds": [subnet], "SecurityGroupIds": [group]},
        Tags={"team": "shop"},
    )
    lam.put_function_concurrency(FunctionName="orders", ReservedConcurrentExecutions=5)
    lam.add_permission(
        FunctionName="orders",
        StatementId="AllowS3Invoke",
        Action="lambda:InvokeFunction",
        Principal="s3.amazonaws.com",
        SourceArn="arn:aws:s3:::orders-inbox",
        SourceAccount=ACCOUNT,
    )
    lam.add_permission(
        FunctionName="orders",
        StatementId="AllowAuditAccount",
        Action="lambda:GetFunction",
        Principal="210987654321",
    )
    # A container-image function: its image is where the code is, nothing to ignore.
    lam.create_function(
        FunctionName="thumbnailer",
        Role=role_arn,
        PackageType="Image",
        Code={"ImageUri": f"{ACCOUNT}.dkr.ecr.{region}.amazonaws.com/thumbnailer:1.4"},
        ImageConfig={"Command": ["app.handler"]},
    )
    return Seeded(
        ids={
            "aws_lambda_function": {"orders", "thumbnailer"},
            "aws_lambda_permission": {"orders/AllowS3Invoke", "orders/AllowAuditAccount"},
            "aws_iam_role": {role},
            "aws_vpc": {vpc},
            "aws_subnet": {subnet},
            "aws_security_group": {group},
        },
        role=role,
        vpc=vpc,
        subnet=subnet,
        group=group,
    )


def test_lambda_functions_and_permissions(moto, tmp_path, tf_engine, oracle_dir):
    seeded = seed_lambda_functions_and_permissions(moto, REGION)
    vpc, subnet, group = seeded.vpc, seeded.subnet, seeded.group

    checked = scan_and_check(
        moto,
        tmp_path,
        tf_engine,
        oracle_dir,
        expected={
            "aws_lambda_function": {"orders", "thumbnailer"},
            "aws_lambda_permission": {"orders/AllowS3Invoke", "orders/AllowAuditAccount"},
            "aws_iam_role": {"orders-fn"},
            "aws_vpc": {vpc},
            "aws_subnet": {subnet},
            "aws_security_group": {group},
        },
        references={
            "aws_lambda_function": {("role", "aws_iam_role")},
            "aws_lambda_permission": {("function_name", "aws_lambda_function")},
        },
    )
    fn = block(checked, "aws_lambda_function", "orders")
    for line in (
        'function_name = "orders"',
        'description = "Order processor"',
        "role = aws_iam_role.orders_fn.arn",
        'runtime = "python3.12"',
        'handler = "index.handler"',
        'filename = "orders.zip"',
        'architectures = ["arm64"]',
        "memory_size = 256",
        "timeout = 30",
        "reserved_concurrent_executions = 5",
        "subnet_ids = [aws_subnet.private_a.id]",
        "security_group_ids = [aws_security_group.orders_fn.id]",
        'mode = "Active"',
        "size = 1024",
        'TABLE = "orders"',
        "DB_PASSWORD = var.orders_environment_variables_db_password",
        "DATABASE_URL = var.orders_environment_variables_database_url",
        'team = "shop"',
        "prevent_destroy = true",
        "ignore_changes = [filename, s3_bucket, s3_key, s3_object_version]",
        "# Lambda cannot give back a deployed .zip",
    ):
        assert line in fn, line
    # Secrets are never written, and the package type is the provider's default.
    assert "hunter2" not in checked.text("lambda.tf") and "s3cret" not in checked.text("lambda.tf")
    assert "package_type" not in fn
    variables = _unaligned(checked.text("variables.tf"))
    assert 'variable "orders_environment_variables_db_password"' in variables and "sensitive = true" in variables

    image = block(checked, "aws_lambda_function", "thumbnailer")
    assert f'image_uri = "{ACCOUNT}.dkr.ecr.{REGION}.amazonaws.com/thumbnailer:1.4"' in image
    assert 'package_type = "Image"' in image and 'command = ["app.handler"]' in image
    assert "filename" not in image.split("lifecycle")[0] and "runtime" not in image

    s3_permission = block(checked, "aws_lambda_permission", "orders_allows3invoke")
    for line in (
        "function_name = aws_lambda_function.orders.id",
        'statement_id = "AllowS3Invoke"',
        'action = "lambda:InvokeFunction"',
        'principal = "s3.amazonaws.com"',
        'source_arn = "arn:aws:s3:::orders-inbox"',
        f'source_account = "{ACCOUNT}"',
    ):
        assert line in s3_permission, line
    audit = block(checked, "aws_lambda_permission", "orders_allowauditaccount")
    assert 'principal = "210987654321"' in audit and 'action = "lambda:GetFunction"' in audit


def seed_queues_topics_and_subscriptions(moto, region: str) -> Seeded:
    """Queues (with a dead-letter queue, FIFO, a policy), topics (one with its own policy)
    and two subscriptions."""
    sqs, sns = moto.client("sqs", region), moto.client("sns", region)
    dlq_url = sqs.create_queue(QueueName="orders-dlq", Attributes={"MessageRetentionPeriod": "1209600"})["QueueUrl"]
    dlq_arn = f"arn:aws:sqs:{region}:{ACCOUNT}:orders-dlq"
    redrive = {"deadLetterTargetArn": dlq_arn, "maxReceiveCount": 5}
    orders_url = sqs.create_queue(
        QueueName="orders",
        Attributes={"VisibilityTimeout": "60", "DelaySeconds": "5", "RedrivePolicy": json.dumps(redrive)},
        tags={"team": "shop"},
    )["QueueUrl"]
    jobs_url = sqs.create_queue(
        QueueName="jobs.fifo",
        Attributes={"FifoQueue": "true", "ContentBasedDeduplication": "true", "KmsMasterKeyId": "alias/jobs"},
    )["QueueUrl"]
    orders_arn = f"arn:aws:sqs:{region}:{ACCOUNT}:orders"
    topic_arn = sns.create_topic(
        Name="order-events", Attributes={"DisplayName": "Order events"}, Tags=[{"Key": "team", "Value": "shop"}]
    )["TopicArn"]
    queue_policy = {
        "Version": "2012-10-17",
        "Statement": [
            {
                "Sid": "FromOrderEvents",
                "Effect": "Allow",
                "Principal": {"Service": "sns.amazonaws.com"},
                "Action": "sqs:SendMessage",
                "Resource": orders_arn,
                "Condition": {"ArnEquals": {"aws:SourceArn": topic_arn}},
            }
        ],
    }
    sqs.set_queue_attributes(QueueUrl=orders_url, Attributes={"Policy": json.dumps(queue_policy)})
    to_queue = sns.subscribe(
        TopicArn=topic_arn,
        Protocol="sqs",
        Endpoint=orders_arn,
        Attributes={"RawMessageDelivery": "true", "FilterPolicy": json.dumps({"kind": ["created", "paid"]})},
        ReturnSubscriptionArn=True,
    )["SubscriptionArn"]
    to_ops = sns.subscribe(
        TopicArn=topic_arn, Protocol="email", Endpoint="ops@example.com", ReturnSubscriptionArn=True
    )["SubscriptionArn"]
    # A topic whose policy was edited (adopted), and one that kept AWS's default (not adopted).
    alerts_arn = sns.create_topic(Name="alerts")["TopicArn"]
    alerts_policy = {
        "Version": "2012-10-17",
        "Statement": [
            {
                "Sid": "CloudWatchAlarms",
                "Effect": "Allow",
                "Principal": {"Service": "cloudwatch.amazonaws.com"},
                "Action": "sns:Publish",
                "Resource": alerts_arn,
            }
        ],
    }
    sns.set_topic_attributes(TopicArn=alerts_arn, AttributeName="Policy", AttributeValue=json.dumps(alerts_policy))
    return Seeded(
        ids={
            "aws_sqs_queue": {dlq_url, orders_url, jobs_url},
            "aws_sqs_queue_policy": {orders_url},
            "aws_sns_topic": {topic_arn, alerts_arn},
            "aws_sns_topic_policy": {alerts_arn},
            "aws_sns_topic_subscription": {to_queue, to_ops},
        },
        dlq_url=dlq_url,
        orders_url=orders_url,
        jobs_url=jobs_url,
        topic_arn=topic_arn,
        alerts_arn=alerts_arn,
        to_queue=to_queue,
        to_ops=to_ops,
    )


def test_queues_topics_and_subscriptions(moto, tmp_path, tf_engine, oracle_dir):
    seeded = seed_queues_topics_and_subscriptions(moto, REGION)
    dlq_url, orders_url, jobs_url = seeded.dlq_url, seeded.orders_url, seeded.jobs_url
    topic_arn, alerts_arn, to_queue, to_ops = seeded.topic_arn, seeded.alerts_arn, seeded.to_queue, seeded.to_ops

    checked = scan_and_check(
        moto,
        tmp_path,
        tf_engine,
        oracle_dir,
        expected={
            "aws_sqs_queue": {dlq_url, orders_url, jobs_url},
            "aws_sqs_queue_policy": {orders_url},
            "aws_sns_topic": {topic_arn, alerts_arn},
            "aws_sns_topic_policy": {alerts_arn},
            "aws_sns_topic_subscription": {to_queue, to_ops},
        },
        references={
            "aws_sqs_queue_policy": {("queue_url", "aws_sqs_queue")},
            "aws_sns_topic_policy": {("arn", "aws_sns_topic")},
            "aws_sns_topic_subscription": {("topic_arn", "aws_sns_topic")},
        },
    )
    orders = block(checked, "aws_sqs_queue", "orders")
    for line in (
        'name = "orders"',
        "visibility_timeout_seconds = 60",
        "delay_seconds = 5",
        # moto, like AWS since 2025, gives new queues 1 MiB messages; the provider's default is 256 KiB.
        "max_message_size = 1048576",
        "redrive_policy = jsonencode({",
        "deadLetterTargetArn = aws_sqs_queue.orders_dlq.arn",  # a reference inside the document
        "maxReceiveCount = 5",
        'team = "shop"',
        "prevent_destroy = true",
    ):
        assert line in orders, line
    # Defaults are left out; the access policy is its own resource.
    assert "message_retention_seconds" not in orders and "\n  policy" not in orders
    assert "message_retention_seconds = 1209600" in block(checked, "aws_sqs_queue", "orders_dlq")
    jobs = block(checked, "aws_sqs_queue", "jobs_fifo")
    for line in ("fifo_queue = true", "content_based_deduplication = true", 'kms_master_key_id = "alias/jobs"'):
        assert line in jobs, line
    assert "deduplication_scope" not in jobs and "sqs_managed_sse_enabled" not in jobs

    policy = block(checked, "aws_sqs_queue_policy", "orders")
    assert "queue_url = aws_sqs_queue.orders.id" in policy and 'Sid = "FromOrderEvents"' in policy

    topic = block(checked, "aws_sns_topic", "order_events")
    assert 'name = "order-events"' in topic and 'display_name = "Order events"' in topic and 'team = "shop"' in topic
    assert "policy" not in topic  # AWS's default policy is not the user's
    alerts_policy_block = block(checked, "aws_sns_topic_policy", "alerts")
    assert "arn = aws_sns_topic.alerts.arn" in alerts_policy_block
    assert 'Service = "cloudwatch.amazonaws.com"' in alerts_policy_block

    queue_sub = block(checked, "aws_sns_topic_subscription", "order_events_sqs_orders")
    for line in (
        "topic_arn = aws_sns_topic.order_events.arn",
        'protocol = "sqs"',
        "endpoint = aws_sqs_queue.orders.arn",  # the queue, by the ARN's service
        "raw_message_delivery = true",
        "filter_policy = jsonencode({",
        'kind = ["created", "paid"]',
    ):
        assert line in queue_sub, line
    email = block(checked, "aws_sns_topic_subscription", "order_events_email_ops_example_com")
    assert 'endpoint = "ops@example.com"' in email and "raw_message_delivery" not in email


def test_default_topic_policy_is_detected():
    """The policy AWS attaches to a new topic, as AWS (not only moto) writes it."""
    arn = f"arn:aws:sns:{REGION}:{ACCOUNT}:t"
    default = {
        "Version": "2008-10-17",
        "Id": "__default_policy_ID",
        "Statement": [
            {
                "Sid": "__default_statement_ID",
                "Effect": "Allow",
                "Principal": {"AWS": "*"},
                "Action": [
                    "SNS:GetTopicAttributes",
                    "SNS:SetTopicAttributes",
                    "SNS:AddPermission",
                    "SNS:RemovePermission",
                    "SNS:DeleteTopic",
                    "SNS:Subscribe",
                    "SNS:ListSubscriptionsByTopic",
                    "SNS:Publish",
                ],
                "Resource": arn,
                "Condition": {"StringEquals": {"AWS:SourceOwner": ACCOUNT}},
            }
        ],
    }
    ctx = Context(region=REGION, account=ACCOUNT)
    assert is_default_topic_policy({"Attributes": {"Policy": json.dumps(default)}}, ctx)
    # A console edit keeps the default statement and adds one: that is the user's policy.
    edited = json.loads(json.dumps(default))
    edited["Statement"].append({"Sid": "s3", "Effect": "Allow", "Principal": {"Service": "s3.amazonaws.com"}})
    assert not is_default_topic_policy({"Attributes": {"Policy": json.dumps(edited)}}, ctx)
    # The default statement opened to any owner is not AWS's default either.
    widened = json.loads(json.dumps(default))
    del widened["Statement"][0]["Condition"]
    assert not is_default_topic_policy({"Attributes": {"Policy": json.dumps(widened)}}, ctx)


def seed_event_rules_targets_and_apis(moto, region: str) -> Seeded:
    """A scheduled and a pattern rule with a target each, a REST API, an HTTP and a
    WebSocket API, and an HTTP API stage."""
    events, apigw, apigw2 = (moto.client(s, region) for s in ("events", "apigateway", "apigatewayv2"))
    dlq_url = moto.client("sqs", region).create_queue(QueueName="events-dlq")["QueueUrl"]
    fn_arn = f"arn:aws:lambda:{region}:{ACCOUNT}:function:orders"
    queue_arn = f"arn:aws:sqs:{region}:{ACCOUNT}:orders.fifo"
    events.put_rule(
        Name="nightly-batch",
        ScheduleExpression="cron(0 2 * * ? *)",
        Description="Nightly batch",
        Tags=[{"Key": "team", "Value": "shop"}],
    )
    events.put_rule(
        Name="order-created",
        EventPattern=json.dumps({"source": ["shop.orders"], "detail-type": ["OrderCreated"]}),
        State="DISABLED",
    )
    events.put_targets(
        Rule="nightly-batch",
        Targets=[
            {
                "Id": "run-batch",
                "Arn": fn_arn,
                "Input": json.dumps({"mode": "batch"}),
                "RetryPolicy": {"MaximumRetryAttempts": 3, "MaximumEventAgeInSeconds": 3600},
                "DeadLetterConfig": {"Arn": f"arn:aws:sqs:{region}:{ACCOUNT}:events-dlq"},
            }
        ],
    )
    events.put_targets(
        Rule="order-created",
        Targets=[
            {
                "Id": "to-queue",
                "Arn": queue_arn,
                "SqsParameters": {"MessageGroupId": "orders"},
                "InputTransformer": {"InputPathsMap": {"id": "$.detail.id"}, "InputTemplate": '{"order": <id>}'},
            }
        ],
    )
    rest = apigw.create_rest_api(
        name="shop-api",
        description="Shop REST API",
        endpointConfiguration={"types": ["REGIONAL"]},
        minimumCompressionSize=1024,
        apiKeySource="AUTHORIZER",
        tags={"team": "shop"},
        policy=json.dumps(
            {
                "Version": "2012-10-17",
                "Statement": [
                    {"Effect": "Allow", "Principal": "*", "Action": "execute-api:Invoke", "Resource": "execute-api:/*"}
                ],
            }
        ),
    )["id"]
    http = apigw2.create_api(
        Name="shop-http",
        ProtocolType="HTTP",
        Description="Shop HTTP API",
        CorsConfiguration={
            "AllowOrigins": ["https://shop.example.com"],
            "AllowMethods": ["POST", "GET"],
            "MaxAge": 300,
        },
        Tags={"team": "shop"},
    )["ApiId"]
    socket = apigw2.create_api(
        Name="shop-ws", ProtocolType="WEBSOCKET", RouteSelectionExpression="$request.body.action"
    )["ApiId"]
    apigw2.create_stage(
        ApiId=http,
        StageName="prod",
        AutoDeploy=True,
        Description="Production",
        StageVariables={"env": "prod"},
        DefaultRouteSettings={"ThrottlingBurstLimit": 100, "ThrottlingRateLimit": 50.0, "DetailedMetricsEnabled": True},
        AccessLogSettings={
            "DestinationArn": f"arn:aws:logs:{region}:{ACCOUNT}:log-group:shop-http-access",
            "Format": "$context.requestId $context.status",
        },
    )
    return Seeded(
        ids={
            "aws_cloudwatch_event_rule": {"default/nightly-batch", "default/order-created"},
            "aws_cloudwatch_event_target": {"nightly-batch/run-batch", "order-created/to-queue"},
            "aws_api_gateway_rest_api": {rest},
            "aws_api_gateway_rest_api_policy": {rest},
            "aws_apigatewayv2_api": {http, socket},
            "aws_apigatewayv2_stage": {f"{http}/prod"},
            "aws_sqs_queue": {dlq_url},
        },
        dlq_url=dlq_url,
        fn_arn=fn_arn,
        rest=rest,
        http=http,
        socket=socket,
    )


def test_event_rules_targets_and_apis(moto, tmp_path, tf_engine, oracle_dir):
    seeded = seed_event_rules_targets_and_apis(moto, REGION)
    dlq_url, fn_arn, rest, http, socket = seeded.dlq_url, seeded.fn_arn, seeded.rest, seeded.http, seeded.socket

    checked = scan_and_check(
        moto,
        tmp_path,
        tf_engine,
        oracle_dir,
        expected={
            "aws_cloudwatch_event_rule": {"default/nightly-batch", "default/order-created"},
            "aws_cloudwatch_event_target": {"nightly-batch/run-batch", "order-created/to-queue"},
            "aws_api_gateway_rest_api": {rest},
            "aws_api_gateway_rest_api_policy": {rest},
            "aws_apigatewayv2_api": {http, socket},
            "aws_apigatewayv2_stage": {f"{http}/prod"},
            "aws_sqs_queue": {dlq_url},
        },
        references={
            "aws_cloudwatch_event_target": {("rule", "aws_cloudwatch_event_rule")},
            "aws_apigatewayv2_stage": {("api_id", "aws_apigatewayv2_api")},
        },
    )
    nightly = block(checked, "aws_cloudwatch_event_rule", "nightly_batch")
    for line in ('name = "nightly-batch"', 'schedule_expression = "cron(0 2 * * ? *)"', 'team = "shop"'):
        assert line in nightly, line
    assert "event_bus_name" not in nightly and "state" not in nightly  # the defaults
    created = block(checked, "aws_cloudwatch_event_rule", "order_created")
    assert 'state = "DISABLED"' in created and "event_pattern = jsonencode({" in created
    assert 'detail-type = ["OrderCreated"]' in created and 'source = ["shop.orders"]' in created

    batch = block(checked, "aws_cloudwatch_event_target", "nightly_batch_run_batch")
    for line in (
        "rule = aws_cloudwatch_event_rule.nightly_batch.name",
        'target_id = "run-batch"',
        f'arn = "{fn_arn}"',
        'input = "{\\"mode\\": \\"batch\\"}"',
        "maximum_retry_attempts = 3",
        "maximum_event_age_in_seconds = 3600",
        "arn = aws_sqs_queue.events_dlq.arn",
    ):
        assert line in batch, line
    to_queue = block(checked, "aws_cloudwatch_event_target", "order_created_to_queue")
    for line in ('message_group_id = "orders"', 'id = "$.detail.id"', 'input_template = "{\\"order\\": <id>}"'):
        assert line in to_queue, line

    api = block(checked, "aws_api_gateway_rest_api", "shop_api")
    for line in (
        'name = "shop-api"',
        'description = "Shop REST API"',
        'api_key_source = "AUTHORIZER"',
        'minimum_compression_size = "1024"',
        'types = ["REGIONAL"]',
        'team = "shop"',
    ):
        assert line in api, line
    # The resource policy is a resource of its own.
    assert "policy" not in api
    api_policy = block(checked, "aws_api_gateway_rest_api_policy", "shop_api")
    for line in ("rest_api_id = aws_api_gateway_rest_api.shop_api.id", 'Action = "execute-api:Invoke"'):
        assert line in api_policy, line

    http_api = block(checked, "aws_apigatewayv2_api", "shop_http")
    for line in (
        'protocol_type = "HTTP"',
        'allow_methods = ["GET", "POST"]',
        'allow_origins = ["https://shop.example.com"]',
        "max_age = 300",
    ):
        assert line in http_api, line
    assert "route_selection_expression" not in http_api and "api_key_selection_expression" not in http_api
    ws_api = block(checked, "aws_apigatewayv2_api", "shop_ws")
    assert 'route_selection_expression = "$request.body.action"' in ws_api

    stage = block(checked, "aws_apigatewayv2_stage", "shop_http_prod")
    for line in (
        "api_id = aws_apigatewayv2_api.shop_http.id",
        'name = "prod"',
        "auto_deploy = true",
        'env = "prod"',
        "throttling_burst_limit = 100",
        "throttling_rate_limit = 50",
        "detailed_metrics_enabled = true",
        'format = "$context.requestId $context.status"',
    ):
        assert line in stage, line
    assert "deployment_id" not in stage  # auto-deploy moves it


def test_recorded_lambda_details_and_what_aws_made(tmp_path, tf_engine):
    """Recorded responses, for what moto does not emulate: the S3 object Lambda
    resolved a function's code from, dead-letter, logging and SnapStart
    settings; and objects AWS makes itself: a rule managed by Auto Scaling, the
    $default stage of a quick-created HTTP API, the default topic policy and a
    subscription still waiting for confirmation (no ARN to import); and an
    HTTPS subscription whose URL carries basic-auth credentials."""
    types = (
        "aws_lambda_function",
        "aws_lambda_permission",
        "aws_sqs_queue",
        "aws_cloudwatch_event_rule",
        "aws_cloudwatch_event_target",
        "aws_apigatewayv2_api",
        "aws_apigatewayv2_stage",
        "aws_sns_topic",
        "aws_sns_topic_policy",
        "aws_sns_topic_subscription",
    )
    inventory = coverage_kit.scan_recorded(
        "application/made_by_aws_and_lambda_details.json", [registry.get(t) for t in types], [REGION]
    )
    assert inventory.errors == []
    assert {(r.type, r.import_id) for r in inventory.resources} == {
        ("aws_lambda_function", "ingest"),
        ("aws_sqs_queue", "https://sqs.us-east-1.amazonaws.com/123456789012/ingest-failures"),
        ("aws_apigatewayv2_api", "k2x7b9q4de"),
        ("aws_sns_topic", "arn:aws:sns:us-east-1:123456789012:ingest-alerts"),
        ("aws_sns_topic_subscription", HOOK_SUBSCRIPTION),
    }
    coverage_kit.generate_recorded(inventory, tmp_path)
    coverage_kit.check_module(tmp_path, tf_engine, len(inventory.resources))
    fn = _unaligned((tmp_path / "lambda.tf").read_text())
    for line in (
        'role = "arn:aws:iam::123456789012:role/ingest-fn"',  # no role in this module: kept literal
        'runtime = "java21"',
        # The object the code was deployed from, instead of a placeholder file.
        's3_bucket = "acme-build-artifacts"',
        's3_key = "ingest/ingest-2.3.1.jar"',
        's3_object_version = "3sL4kqtJlcpXroDTDmJ.rmSpXd3dIbrHY"',
        'layers = ["arn:aws:lambda:us-east-1:123456789012:layer:otel-java:7"]',
        'kms_key_arn = "arn:aws:kms:us-east-1:123456789012:key/2f6c1d2e-8b9a-4c3d-9e1f-0a1b2c3d4e5f"',
        "target_arn = aws_sqs_queue.ingest_failures.arn",
        'apply_on = "PublishedVersions"',
        'log_format = "JSON"',
        'application_log_level = "WARN"',
        'system_log_level = "INFO"',
        'team = "data"',
        "ignore_changes = [filename, s3_bucket, s3_key, s3_object_version]",
    ):
        assert line in fn, line
    # The default log group, the default tracing mode and an empty code-signing config are left out.
    for absent in ("filename =", "log_group", "tracing_config", "code_signing_config_arn", "ephemeral_storage"):
        assert absent not in fn, absent
    queue = _unaligned((tmp_path / "sqs.tf").read_text())
    assert "sqs_managed_sse_enabled = false" in queue and "message_retention_seconds = 1209600" in queue

    hook = _unaligned((tmp_path / "sns.tf").read_text())
    assert 'resource "aws_sns_topic_subscription" "ingest_alerts_https_hooks_example_com"' in hook
    assert "endpoint = var.ingest_alerts_https_hooks_example_com_endpoint" in hook
    assert "numRetries = 5" in hook
    assert 'variable "ingest_alerts_https_hooks_example_com_endpoint"' in (tmp_path / "variables.tf").read_text()
    assert not [p.name for p in tmp_path.iterdir() if "Xk29-secret" in p.read_text()]
    assert "Xk29-secret" not in json.dumps([r.to_json() for r in inventory.resources])
