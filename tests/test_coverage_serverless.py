"""Coverage of the serverless and integration types: what hangs off a Lambda
function (aliases, layers, event source mappings, asynchronous invocation
settings), Step Functions, EventBridge buses, archives and Scheduler, Pipes,
Kinesis streams and Firehose, Amazon MQ and MSK, AppSync, and the parts of
API Gateway REST and HTTP APIs.

One estate is seeded in moto (over HTTP) and scanned, generated and planned
once, with the real CLI and the real Terraform engine (see coverage_kit);
the tests read that one result.  What moto lacks is replayed from recorded
responses (``fixtures/serverless/``), as each recorded test says.
"""

from __future__ import annotations

import io
import json
import re
import zipfile

import coverage_kit
import pytest
from coverage_kit import Seeded, scan_and_check

from adopt.catalog import registry
from adopt.catalog.services.apigateway import _base_path
from adopt.catalog.services.lambda_ import _arn_name, _function_and_qualifier, _qualifier
from adopt.catalog.spec import Context

ACCOUNT = "123456789012"
REGION = "us-east-1"
TRUST = {
    "Version": "2012-10-17",
    "Statement": [
        {
            "Effect": "Allow",
            "Principal": {"Service": ["lambda.amazonaws.com", "states.amazonaws.com", "scheduler.amazonaws.com"]},
            "Action": "sts:AssumeRole",
        }
    ],
}


def _unaligned(text: str) -> str:
    """A block without fmt's alignment of ``=`` signs, so assertions need not know it."""
    return re.sub(r"(\S) +=", r"\1 =", text)


def _zip() -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as archive:
        archive.writestr("index.py", "def handler(event, context):\n    return event\n")
    return buf.getvalue()


def _role(moto, region: str, name: str) -> str:
    return moto.client("iam", region).create_role(RoleName=name, AssumeRolePolicyDocument=json.dumps(TRUST))["Role"][
        "Arn"
    ]


def seed_lambda_extras(moto, region: str, suffix: str = "") -> Seeded:
    """A function with two published versions, an alias that shifts a tenth of its
    traffic, a layer, an SQS and a Kinesis event source mapping, and failure
    destinations for asynchronous calls.  Its role is ``report-fn`` + ``suffix``."""
    lam, sqs, kinesis = (moto.client(s, region) for s in ("lambda", "sqs", "kinesis"))
    role = f"report-fn{suffix}"
    role_arn = _role(moto, region, role)
    layer = lam.publish_layer_version(
        LayerName="report-deps",
        Description="Report dependencies",
        Content={"ZipFile": _zip()},
        CompatibleRuntimes=["python3.12", "python3.13"],
        CompatibleArchitectures=["arm64"],
        LicenseInfo="MIT",
    )["LayerVersionArn"]
    lam.create_function(
        FunctionName="report-builder",
        Runtime="python3.12",
        Role=role_arn,
        Handler="index.handler",
        Code={"ZipFile": _zip()},
        Layers=[layer],
    )
    first = lam.publish_version(FunctionName="report-builder", Description="first")["Version"]
    lam.update_function_configuration(FunctionName="report-builder", Timeout=30)
    second = lam.publish_version(FunctionName="report-builder", Description="second")["Version"]
    lam.create_alias(
        FunctionName="report-builder",
        Name="live",
        FunctionVersion=first,
        Description="What callers use",
        RoutingConfig={"AdditionalVersionWeights": {second: 0.1}},
    )
    jobs_url = sqs.create_queue(QueueName="report-jobs")["QueueUrl"]
    failures_url = sqs.create_queue(QueueName="report-failures")["QueueUrl"]
    jobs_arn = f"arn:aws:sqs:{region}:{ACCOUNT}:report-jobs"
    failures_arn = f"arn:aws:sqs:{region}:{ACCOUNT}:report-failures"
    kinesis.create_stream(StreamName="report-clicks", ShardCount=1)
    clicks_arn = f"arn:aws:kinesis:{region}:{ACCOUNT}:stream/report-clicks"
    from_queue = lam.create_event_source_mapping(
        FunctionName="report-builder",
        EventSourceArn=jobs_arn,
        BatchSize=5,
        MaximumBatchingWindowInSeconds=10,
        FilterCriteria={"Filters": [{"Pattern": json.dumps({"body": {"kind": ["report"]}})}]},
    )["UUID"]
    from_stream = lam.create_event_source_mapping(
        FunctionName="report-builder", EventSourceArn=clicks_arn, StartingPosition="LATEST", BatchSize=100
    )["UUID"]
    lam.put_function_event_invoke_config(
        FunctionName="report-builder",
        MaximumRetryAttempts=1,
        MaximumEventAgeInSeconds=600,
        DestinationConfig={"OnFailure": {"Destination": failures_arn}},
    )
    return Seeded(
        ids={
            "aws_iam_role": {role},
            "aws_lambda_function": {"report-builder"},
            "aws_lambda_alias": {"report-builder/live"},
            "aws_lambda_layer_version": {layer},
            "aws_lambda_event_source_mapping": {from_queue, from_stream},
            "aws_lambda_function_event_invoke_config": {"report-builder"},
            "aws_sqs_queue": {jobs_url, failures_url},
            "aws_kinesis_stream": {"report-clicks"},
        },
        layer=layer,
        from_queue=from_queue,
        from_stream=from_stream,
        second=second,
    )


def seed_workflows_and_events(moto, region: str, suffix: str = "") -> Seeded:
    """A state machine and an activity, a custom event bus with a rule, a target
    and an archive, and Scheduler schedules in the default group and in one of
    their own.  Their role is ``workflows`` + ``suffix``."""
    sfn, events, scheduler, sqs, logs = (
        moto.client(s, region) for s in ("stepfunctions", "events", "scheduler", "sqs", "logs")
    )
    role = f"workflows{suffix}"
    role_arn = _role(moto, region, role)
    # The definition sends to a queue of the same estate: its URL becomes a reference inside jsonencode;
    # the logs go to a log group of the estate, named by its ARN and ":*".
    approvals = sqs.create_queue(QueueName="order-approvals")["QueueUrl"]
    logs.create_log_group(logGroupName="sfn-orders")
    definition = {
        "Comment": "Approve an order",
        "StartAt": "Wait",
        "States": {
            "Wait": {"Type": "Wait", "Seconds": 5, "Next": "Notify"},
            "Notify": {
                "Type": "Task",
                "Resource": "arn:aws:states:::sqs:sendMessage",
                "Parameters": {"QueueUrl": approvals, "MessageBody.$": "$"},
                "Next": "Done",
            },
            "Done": {"Type": "Succeed"},
        },
    }
    machine = sfn.create_state_machine(
        name="order-approval",
        definition=json.dumps(definition),
        roleArn=role_arn,
        type="EXPRESS",
        loggingConfiguration={
            "level": "ERROR",
            "includeExecutionData": True,
            "destinations": [
                {"cloudWatchLogsLogGroup": {"logGroupArn": f"arn:aws:logs:{region}:{ACCOUNT}:log-group:sfn-orders:*"}}
            ],
        },
        tracingConfiguration={"enabled": True},
        tags=[{"key": "team", "value": "shop"}],
    )["stateMachineArn"]
    activity = sfn.create_activity(name="manual-review", tags=[{"key": "team", "value": "shop"}])["activityArn"]

    bus_arn = events.create_event_bus(
        Name="orders", Description="Order events", Tags=[{"Key": "team", "Value": "shop"}]
    )["EventBusArn"]
    events.put_rule(
        Name="order-paid",
        EventBusName="orders",
        EventPattern=json.dumps({"source": ["shop.orders"], "detail-type": ["OrderPaid"]}),
    )
    events.put_targets(
        Rule="order-paid",
        EventBusName="orders",
        Targets=[{"Id": "approve", "Arn": machine, "RoleArn": role_arn}],
    )
    # A rule on the default bus, which is AWS's: the rule is adopted, the bus is not.
    events.put_rule(Name="order-sweeper", ScheduleExpression="rate(1 day)")
    events.put_targets(Rule="order-sweeper", Targets=[{"Id": "sweep", "Arn": machine, "RoleArn": role_arn}])
    events.create_archive(
        ArchiveName="orders-archive",
        EventSourceArn=bus_arn,
        Description="Every order event",
        EventPattern=json.dumps({"source": ["shop.orders"]}),
        RetentionDays=30,
    )

    scheduler.create_schedule_group(Name="reports", Tags=[{"Key": "team", "Value": "shop"}])
    scheduler.create_schedule(
        Name="nightly-report",
        GroupName="reports",
        ScheduleExpression="cron(0 3 * * ? *)",
        ScheduleExpressionTimezone="Europe/Paris",
        Description="The nightly report",
        FlexibleTimeWindow={"Mode": "FLEXIBLE", "MaximumWindowInMinutes": 15},
        Target={
            "Arn": machine,
            "RoleArn": role_arn,
            "Input": json.dumps({"report": "daily"}),
            "RetryPolicy": {"MaximumRetryAttempts": 3, "MaximumEventAgeInSeconds": 3600},
        },
    )
    scheduler.create_schedule(
        Name="hourly-ping",
        ScheduleExpression="rate(1 hour)",
        State="DISABLED",
        FlexibleTimeWindow={"Mode": "OFF"},
        Target={"Arn": machine, "RoleArn": role_arn},
    )
    return Seeded(
        ids={
            "aws_iam_role": {role},
            "aws_sfn_state_machine": {machine},
            "aws_sfn_activity": {activity},
            "aws_cloudwatch_event_bus": {"orders"},
            "aws_cloudwatch_event_rule": {"orders/order-paid", "default/order-sweeper"},
            "aws_cloudwatch_event_target": {"orders/order-paid/approve", "order-sweeper/sweep"},
            "aws_cloudwatch_event_archive": {"orders-archive"},
            "aws_scheduler_schedule_group": {"reports"},
            "aws_scheduler_schedule": {"reports/nightly-report", "default/hourly-ping"},
            "aws_sqs_queue": {approvals},
            "aws_cloudwatch_log_group": {"sfn-orders"},
        },
        machine=machine,
        activity=activity,
    )


def seed_streams_and_brokers(moto, region: str, suffix: str = "") -> Seeded:
    """A Kinesis stream, a Firehose stream into an S3 bucket (``events-lake`` +
    ``suffix``), an ActiveMQ broker, an MSK cluster in a VPC, an AppSync API and
    a pipe from one queue to another.  Their role is ``streams`` + ``suffix``."""
    kinesis, firehose, s3, mq, kafka, ec2, appsync, pipes, sqs = (
        moto.client(s, region) for s in ("kinesis", "firehose", "s3", "mq", "kafka", "ec2", "appsync", "pipes", "sqs")
    )
    role = f"streams{suffix}"
    role_arn = _role(moto, region, role)
    kinesis.create_stream(StreamName="clickstream", ShardCount=2)
    kinesis.increase_stream_retention_period(StreamName="clickstream", RetentionPeriodHours=48)
    kinesis.enable_enhanced_monitoring(StreamName="clickstream", ShardLevelMetrics=["IncomingBytes", "OutgoingBytes"])
    kinesis.add_tags_to_stream(StreamName="clickstream", Tags={"team": "data"})
    kinesis.create_stream(StreamName="audit-trail", StreamModeDetails={"StreamMode": "ON_DEMAND"})

    bucket = f"events-lake{suffix}"
    location = {} if region == "us-east-1" else {"CreateBucketConfiguration": {"LocationConstraint": region}}
    s3.create_bucket(Bucket=bucket, **location)
    delivery = firehose.create_delivery_stream(
        DeliveryStreamName="clicks-to-lake",
        DeliveryStreamType="DirectPut",
        ExtendedS3DestinationConfiguration={
            "RoleARN": role_arn,
            "BucketARN": f"arn:aws:s3:::{bucket}",
            "Prefix": "clicks/",
            "ErrorOutputPrefix": "errors/",
            "BufferingHints": {"SizeInMBs": 64, "IntervalInSeconds": 60},
            "CompressionFormat": "GZIP",
        },
        Tags=[{"Key": "team", "Value": "data"}],
    )["DeliveryStreamARN"]
    # AWS never gives an HTTP endpoint's access key back: it is not written.
    to_partner = firehose.create_delivery_stream(
        DeliveryStreamName="clicks-to-partner",
        HttpEndpointDestinationConfiguration={
            "EndpointConfiguration": {
                "Url": "https://ingest.partner.example.com/v1",
                "Name": "partner",
                "AccessKey": "partner-access-key-never-read",
            },
            "RoleARN": role_arn,
            "BufferingHints": {"SizeInMBs": 1, "IntervalInSeconds": 60},
            "RetryOptions": {"DurationInSeconds": 120},
            "RequestConfiguration": {
                "ContentEncoding": "GZIP",
                "CommonAttributes": [{"AttributeName": "env", "AttributeValue": "prod"}],
            },
            "S3Configuration": {"RoleARN": role_arn, "BucketARN": f"arn:aws:s3:::{bucket}", "Prefix": "failed/"},
        },
    )["DeliveryStreamARN"]

    vpc = ec2.create_vpc(CidrBlock="10.60.0.0/16")["Vpc"]["VpcId"]
    subnets = [
        ec2.create_subnet(VpcId=vpc, CidrBlock=f"10.60.{i}.0/24", AvailabilityZone=f"{region}{az}")["Subnet"][
            "SubnetId"
        ]
        for i, az in ((1, "a"), (2, "b"))
    ]
    brokers_sg = ec2.create_security_group(VpcId=vpc, GroupName="brokers", Description="Broker clients")["GroupId"]
    broker = mq.create_broker(
        BrokerName="orders-mq",
        EngineType="ACTIVEMQ",
        EngineVersion="5.17.6",
        HostInstanceType="mq.t3.micro",
        DeploymentMode="SINGLE_INSTANCE",
        PubliclyAccessible=False,
        AutoMinorVersionUpgrade=True,
        SubnetIds=[subnets[0]],
        SecurityGroups=[brokers_sg],
        Users=[{"Username": "app", "Password": "never-read-this-1"}],
        Tags={"team": "shop"},
    )["BrokerId"]

    cluster = kafka.create_cluster(
        ClusterName="events",
        KafkaVersion="3.6.0",
        NumberOfBrokerNodes=2,
        BrokerNodeGroupInfo={
            "InstanceType": "kafka.t3.small",
            "ClientSubnets": subnets,
            "SecurityGroups": [brokers_sg],
            "StorageInfo": {"EbsStorageInfo": {"VolumeSize": 100}},
        },
        Tags={"team": "data"},
    )["ClusterArn"]

    graph = appsync.create_graphql_api(
        name="shop-graph", authenticationType="API_KEY", xrayEnabled=True, tags={"team": "shop"}
    )["graphqlApi"]["apiId"]
    admin_graph = appsync.create_graphql_api(
        name="admin-graph",
        authenticationType="AMAZON_COGNITO_USER_POOLS",
        userPoolConfig={"userPoolId": f"{region}_Ab12Cd34E", "awsRegion": region, "defaultAction": "ALLOW"},
        logConfig={"fieldLogLevel": "ERROR", "cloudWatchLogsRoleArn": role_arn, "excludeVerboseContent": True},
        additionalAuthenticationProviders=[
            {
                "authenticationType": "AWS_LAMBDA",
                "lambdaAuthorizerConfig": {
                    "authorizerUri": f"arn:aws:lambda:{region}:{ACCOUNT}:function:graph-auth",
                    "authorizerResultTtlInSeconds": 60,
                },
            }
        ],
        visibility="PRIVATE",
    )["graphqlApi"]["apiId"]

    source_url = sqs.create_queue(QueueName="pipe-in")["QueueUrl"]
    target_url = sqs.create_queue(QueueName="pipe-out")["QueueUrl"]
    pipes.create_pipe(
        Name="orders-pipe",
        RoleArn=role_arn,
        Source=f"arn:aws:sqs:{region}:{ACCOUNT}:pipe-in",
        Target=f"arn:aws:sqs:{region}:{ACCOUNT}:pipe-out",
        Description="Moves orders along",
        DesiredState="STOPPED",
        Tags={"team": "shop"},
    )
    pipes.create_pipe(
        Name="jobs-to-tasks",
        RoleArn=role_arn,
        Source=f"arn:aws:sqs:{region}:{ACCOUNT}:pipe-in",
        Target=f"arn:aws:ecs:{region}:{ACCOUNT}:cluster/batch",
        SourceParameters={
            "SqsQueueParameters": {"BatchSize": 5},
            "FilterCriteria": {"Filters": [{"Pattern": json.dumps({"body": {"kind": ["job"]}})}]},
        },
        TargetParameters={
            "EcsTaskParameters": {
                "TaskDefinitionArn": f"arn:aws:ecs:{region}:{ACCOUNT}:task-definition/job:3",
                "LaunchType": "FARGATE",
                "NetworkConfiguration": {
                    "awsvpcConfiguration": {"Subnets": [subnets[1]], "AssignPublicIp": "DISABLED"}
                },
                "Overrides": {
                    "ContainerOverrides": [
                        {
                            "Name": "worker",
                            "Environment": [
                                {"name": "MODE", "value": "batch"},
                                {"name": "API_TOKEN", "value": "pipe-token-never-written"},
                            ],
                        }
                    ]
                },
            }
        },
        LogConfiguration={
            "Level": "ERROR",
            "CloudwatchLogsLogDestination": {"LogGroupArn": f"arn:aws:logs:{region}:{ACCOUNT}:log-group:pipes"},
        },
    )
    return Seeded(
        ids={
            "aws_iam_role": {role},
            "aws_kinesis_stream": {"clickstream", "audit-trail"},
            "aws_s3_bucket": {bucket},
            "aws_kinesis_firehose_delivery_stream": {delivery, to_partner},
            "aws_mq_broker": {broker},
            "aws_vpc": {vpc},
            "aws_subnet": set(subnets),
            "aws_security_group": {brokers_sg},
            "aws_msk_cluster": {cluster},
            "aws_appsync_graphql_api": {graph, admin_graph},
            "aws_sqs_queue": {source_url, target_url},
            "aws_pipes_pipe": {"orders-pipe", "jobs-to-tasks"},
        },
        broker=broker,
        cluster=cluster,
        delivery=delivery,
        graph=graph,
        subnets=subnets,
        brokers_sg=brokers_sg,
    )


LAMBDA_URI = "arn:aws:apigateway:{region}:lambda:path/2015-03-31/functions/arn:aws:lambda:{region}:" + ACCOUNT
LAMBDA_URI += ":function:{name}/invocations"


def seed_rest_api_parts(moto, region: str) -> Seeded:
    """A REST API with a resource policy and two nested resources, a method with its
    integration and responses, a token authorizer, a deployment and its stage, an
    API key on a usage plan, and a custom domain name mapped to the stage."""
    apigw = moto.client("apigateway", region)
    policy = {
        "Version": "2012-10-17",
        "Statement": [
            {"Effect": "Allow", "Principal": "*", "Action": "execute-api:Invoke", "Resource": "execute-api:/*"}
        ],
    }
    api = apigw.create_rest_api(
        name="orders-api", endpointConfiguration={"types": ["REGIONAL"]}, policy=json.dumps(policy)
    )["id"]
    root = apigw.get_resources(restApiId=api)["items"][0]["id"]
    orders = apigw.create_resource(restApiId=api, parentId=root, pathPart="orders")["id"]
    order = apigw.create_resource(restApiId=api, parentId=orders, pathPart="{id}")["id"]
    authorizer = apigw.create_authorizer(
        restApiId=api,
        name="token",
        type="TOKEN",
        authorizerUri=LAMBDA_URI.format(region=region, name="authorize"),
        identitySource="method.request.header.Authorization",
        authorizerResultTtlInSeconds=60,
    )["id"]
    apigw.put_method(
        restApiId=api,
        resourceId=order,
        httpMethod="GET",
        authorizationType="CUSTOM",
        authorizerId=authorizer,
        apiKeyRequired=True,
        requestParameters={"method.request.path.id": True},
    )
    apigw.put_method_response(
        restApiId=api,
        resourceId=order,
        httpMethod="GET",
        statusCode="200",
        responseModels={"application/json": "Empty"},
    )
    apigw.put_integration(
        restApiId=api,
        resourceId=order,
        httpMethod="GET",
        type="AWS",
        integrationHttpMethod="POST",
        uri=LAMBDA_URI.format(region=region, name="orders"),
        timeoutInMillis=5000,
        requestTemplates={"application/json": '{"id": "$input.params(\'id\')"}'},
    )
    apigw.put_integration_response(
        restApiId=api,
        resourceId=order,
        httpMethod="GET",
        statusCode="200",
        selectionPattern="",
        responseTemplates={"application/json": "$input.json('$')"},
    )
    deployment = apigw.create_deployment(restApiId=api, description="First release")["id"]
    apigw.create_stage(
        restApiId=api,
        stageName="prod",
        deploymentId=deployment,
        description="Production",
        variables={"env": "prod"},
        tracingEnabled=True,
        tags={"team": "shop"},
    )
    # A deployment no stage points at is history: not adopted.
    apigw.create_deployment(restApiId=api, description="Never staged")
    key = apigw.create_api_key(name="partner", description="Partner access", enabled=True, tags={"team": "shop"})["id"]
    plan = apigw.create_usage_plan(
        name="partners",
        description="Partner quota",
        apiStages=[{"apiId": api, "stage": "prod"}],
        throttle={"burstLimit": 20, "rateLimit": 10.0},
        quota={"limit": 10000, "period": "MONTH"},
    )["id"]
    apigw.create_usage_plan_key(usagePlanId=plan, keyId=key, keyType="API_KEY")
    # Edge-optimized (a regional one is adopted as aws_apigatewayv2_domain_name);
    # its certificate is in us-east-1, as CloudFront requires.
    domain = f"orders-{region}.example.com"
    certificate = f"arn:aws:acm:us-east-1:{ACCOUNT}:certificate/0d5b7c3e-1f2a-4b6c-8d9e-0a1b2c3d4e5f"
    apigw.create_domain_name(
        domainName=domain,
        certificateArn=certificate,
        endpointConfiguration={"types": ["EDGE"]},
        securityPolicy="TLS_1_2",
    )
    apigw.create_domain_name(
        domainName=f"regional-{region}.example.com",
        regionalCertificateArn=f"arn:aws:acm:{region}:{ACCOUNT}:certificate/5e6f7a8b-9c0d-4e1f-8a2b-3c4d5e6f7a8b",
        endpointConfiguration={"types": ["REGIONAL"]},
    )
    apigw.create_base_path_mapping(domainName=domain, restApiId=api, stage="prod", basePath="v1")
    # The empty base path, which AWS answers as "(none)".
    apigw.create_base_path_mapping(domainName=domain, restApiId=api, stage="prod")
    method = f"{api}/{order}/GET"
    return Seeded(
        ids={
            "aws_api_gateway_rest_api": {api},
            "aws_api_gateway_rest_api_policy": {api},
            "aws_api_gateway_resource": {f"{api}/{orders}", f"{api}/{order}"},
            "aws_api_gateway_method": {method},
            "aws_api_gateway_integration": {method},
            "aws_api_gateway_method_response": {f"{method}/200"},
            "aws_api_gateway_integration_response": {f"{method}/200"},
            "aws_api_gateway_authorizer": {f"{api}/{authorizer}"},
            "aws_api_gateway_deployment": {f"{api}/{deployment}"},
            "aws_api_gateway_stage": {f"{api}/prod"},
            "aws_api_gateway_api_key": {key},
            "aws_api_gateway_usage_plan": {plan},
            "aws_api_gateway_usage_plan_key": {f"{plan}/{key}"},
            "aws_api_gateway_domain_name": {domain},
            "aws_api_gateway_base_path_mapping": {f"{domain}/v1", f"{domain}/"},
        },
        api=api,
        root=root,
        orders=orders,
        order=order,
        authorizer=authorizer,
        deployment=deployment,
        key=key,
        plan=plan,
        domain=domain,
    )


def seed_http_api_parts(moto, region: str) -> Seeded:
    """An HTTP API with a Lambda integration behind a route, a stage, and a custom
    domain name mapped to it.  (Its authorizers are recorded: moto cannot list them.)"""
    apigw2 = moto.client("apigatewayv2", region)
    api = apigw2.create_api(Name="orders-http", ProtocolType="HTTP")["ApiId"]
    integration = apigw2.create_integration(
        ApiId=api,
        IntegrationType="AWS_PROXY",
        IntegrationUri=f"arn:aws:lambda:{region}:{ACCOUNT}:function:orders",
        PayloadFormatVersion="2.0",
        TimeoutInMillis=10000,
    )["IntegrationId"]
    route = apigw2.create_route(
        ApiId=api, RouteKey="GET /orders/{id}", Target=f"integrations/{integration}", OperationName="GetOrder"
    )["RouteId"]
    apigw2.create_stage(ApiId=api, StageName="live", AutoDeploy=True)
    domain = f"orders-http-{region}.example.com"
    certificate = f"arn:aws:acm:{region}:{ACCOUNT}:certificate/7c1d2e3f-4a5b-4c6d-8e9f-0a1b2c3d4e5f"
    apigw2.create_domain_name(
        DomainName=domain,
        DomainNameConfigurations=[
            {"CertificateArn": certificate, "EndpointType": "REGIONAL", "SecurityPolicy": "TLS_1_2"}
        ],
        Tags={"team": "shop"},
    )
    mapping = apigw2.create_api_mapping(ApiId=api, DomainName=domain, Stage="live", ApiMappingKey="orders")[
        "ApiMappingId"
    ]
    return Seeded(
        ids={
            "aws_apigatewayv2_api": {api},
            "aws_apigatewayv2_integration": {f"{api}/{integration}"},
            "aws_apigatewayv2_route": {f"{api}/{route}"},
            "aws_apigatewayv2_stage": {f"{api}/live"},
            "aws_apigatewayv2_domain_name": {domain},
            "aws_apigatewayv2_api_mapping": {f"{mapping}/{domain}"},
        },
        api=api,
        integration=integration,
        route=route,
        domain=domain,
        mapping=mapping,
    )


SEEDS = (seed_lambda_extras, seed_workflows_and_events, seed_streams_and_brokers)
UNSUFFIXED_SEEDS = (seed_rest_api_parts, seed_http_api_parts)


def union(*id_maps: dict[str, set[str]]) -> dict[str, set[str]]:
    out: dict[str, set[str]] = {}
    for ids in id_maps:
        for tf_type, import_ids in ids.items():
            out.setdefault(tf_type, set()).update(import_ids)
    return out


@pytest.fixture(scope="module")
def estate(moto_server, tmp_path_factory, tf_engine, oracle_dir):
    """Every seed of this module in one account; one scan, one module, one plan."""
    moto_server.reset()
    seeded = {seed.__name__: seed(moto_server, REGION) for seed in (*SEEDS, *UNSUFFIXED_SEEDS)}
    expected = union(*(s.ids for s in seeded.values()))
    checked = scan_and_check(
        moto_server,
        tmp_path_factory.mktemp("serverless"),
        tf_engine,
        oracle_dir,
        expected=expected,
        references={
            "aws_lambda_alias": {("function_name", "aws_lambda_function")},
            "aws_lambda_event_source_mapping": {("function_name", "aws_lambda_function")},
            "aws_lambda_function_event_invoke_config": {
                ("function_name", "aws_lambda_function"),
                ("destination_config.on_failure.destination", "aws_sqs_queue"),
            },
            "aws_sfn_state_machine": {("role_arn", "aws_iam_role")},
            "aws_cloudwatch_event_archive": {("event_source_arn", "aws_cloudwatch_event_bus")},
            "aws_scheduler_schedule": {("target.arn", "aws_sfn_state_machine"), ("target.role_arn", "aws_iam_role")},
            "aws_mq_broker": {("security_groups[0]", "aws_security_group"), ("subnet_ids[0]", "aws_subnet")},
            "aws_msk_cluster": {("broker_node_group_info.security_groups[0]", "aws_security_group")},
            "aws_pipes_pipe": {("source", "aws_sqs_queue"), ("role_arn", "aws_iam_role")},
            "aws_api_gateway_rest_api_policy": {("rest_api_id", "aws_api_gateway_rest_api")},
            "aws_api_gateway_method": {
                ("rest_api_id", "aws_api_gateway_rest_api"),
                ("resource_id", "aws_api_gateway_resource"),
                ("authorizer_id", "aws_api_gateway_authorizer"),
            },
            "aws_api_gateway_integration": {("resource_id", "aws_api_gateway_resource")},
            "aws_api_gateway_method_response": {("resource_id", "aws_api_gateway_resource")},
            "aws_api_gateway_integration_response": {("resource_id", "aws_api_gateway_resource")},
            "aws_api_gateway_stage": {("deployment_id", "aws_api_gateway_deployment")},
            "aws_api_gateway_usage_plan": {("api_stages[0].api_id", "aws_api_gateway_rest_api")},
            "aws_api_gateway_usage_plan_key": {
                ("usage_plan_id", "aws_api_gateway_usage_plan"),
                ("key_id", "aws_api_gateway_api_key"),
            },
            "aws_api_gateway_base_path_mapping": {
                ("domain_name", "aws_api_gateway_domain_name"),
                ("api_id", "aws_api_gateway_rest_api"),
            },
            "aws_apigatewayv2_route": {("api_id", "aws_apigatewayv2_api")},
            "aws_apigatewayv2_api_mapping": {
                ("api_id", "aws_apigatewayv2_api"),
                ("domain_name", "aws_apigatewayv2_domain_name"),
            },
        },
    )
    return seeded, checked


def block(checked, tf_type: str, label: str) -> str:
    return _unaligned(checked.block(tf_type, label))


def assert_lines(text: str, *lines: str) -> None:
    for line in lines:
        assert line in text, line


def test_lambda_aliases_layers_mappings_and_invoke_configs(estate):
    seeded, checked = estate
    extras = seeded["seed_lambda_extras"]
    assert_lines(
        block(checked, "aws_lambda_alias", "report_builder_live"),
        "function_name = aws_lambda_function.report_builder.id",
        'name = "live"',
        'function_version = "1"',
        'description = "What callers use"',
        f'"{extras.second}" = 0.1',
    )
    layer = block(checked, "aws_lambda_layer_version", "report_deps")
    assert_lines(
        layer,
        'layer_name = "report-deps"',
        'compatible_runtimes = ["python3.12", "python3.13"]',
        'compatible_architectures = ["arm64"]',
        'license_info = "MIT"',
        'filename = "report-deps.zip"',
        "ignore_changes = [filename]",
        "prevent_destroy = true",
    )
    # The function's layer is the generated layer version.
    assert "layers = [aws_lambda_layer_version.report_deps.arn]" in block(
        checked, "aws_lambda_function", "report_builder"
    )

    from_queue = block(checked, "aws_lambda_event_source_mapping", "report_builder_report_jobs")
    assert_lines(
        from_queue,
        "function_name = aws_lambda_function.report_builder.arn",
        "event_source_arn = aws_sqs_queue.report_jobs.arn",
        "batch_size = 5",
        "maximum_batching_window_in_seconds = 10",
        'pattern = "{\\"body\\": {\\"kind\\": [\\"report\\"]}}"',
    )
    assert "starting_position" not in from_queue and "enabled" not in from_queue
    from_stream = block(checked, "aws_lambda_event_source_mapping", "report_builder_report_clicks")
    assert_lines(from_stream, "event_source_arn = aws_kinesis_stream.report_clicks.arn", 'starting_position = "LATEST"')

    invoke = block(checked, "aws_lambda_function_event_invoke_config", "report_builder")
    assert_lines(
        invoke,
        "function_name = aws_lambda_function.report_builder.id",
        "maximum_event_age_in_seconds = 600",
        "maximum_retry_attempts = 1",
        "destination = aws_sqs_queue.report_failures.arn",
    )
    assert "qualifier" not in invoke


def test_state_machines_buses_archives_and_schedules(estate):
    _, checked = estate
    machine = block(checked, "aws_sfn_state_machine", "order_approval")
    assert_lines(
        machine,
        'name = "order-approval"',
        'type = "EXPRESS"',
        "role_arn = aws_iam_role.workflows.arn",
        "definition = jsonencode({",
        'StartAt = "Wait"',
        'level = "ERROR"',
        "include_execution_data = true",
        # A log group's ARN with ":*", and a queue's URL inside the definition: references.
        'log_destination = "${aws_cloudwatch_log_group.sfn_orders.arn}:*"',
        "QueueUrl = aws_sqs_queue.order_approvals.url",
        'Resource = "arn:aws:states:::sqs:sendMessage"',
        "enabled = true",
        'team = "shop"',
    )
    assert "encryption_configuration" not in machine  # AWS's own key
    assert_lines(block(checked, "aws_sfn_activity", "manual_review"), 'name = "manual-review"', 'team = "shop"')

    bus = block(checked, "aws_cloudwatch_event_bus", "orders")
    assert_lines(bus, 'name = "orders"', 'description = "Order events"', 'team = "shop"')
    # The default bus is AWS's; the rules on it and on the custom bus are the user's.
    assert 'name = "default"' not in checked.text("events.tf")
    paid = block(checked, "aws_cloudwatch_event_rule", "orders_order_paid")
    assert_lines(paid, 'name = "order-paid"', "event_bus_name = aws_cloudwatch_event_bus.orders.name")
    target = block(checked, "aws_cloudwatch_event_target", "orders_order_paid_approve")
    assert_lines(
        target,
        "rule = aws_cloudwatch_event_rule.orders_order_paid.name",
        "event_bus_name = aws_cloudwatch_event_bus.orders.name",
        "arn = aws_sfn_state_machine.order_approval.arn",
    )
    sweeper = block(checked, "aws_cloudwatch_event_rule", "order_sweeper")
    assert "event_bus_name" not in sweeper and 'schedule_expression = "rate(1 day)"' in sweeper
    assert "rule = aws_cloudwatch_event_rule.order_sweeper.name" in block(
        checked, "aws_cloudwatch_event_target", "order_sweeper_sweep"
    )
    archive = block(checked, "aws_cloudwatch_event_archive", "orders_archive")
    assert_lines(
        archive,
        "event_source_arn = aws_cloudwatch_event_bus.orders.arn",
        "retention_days = 30",
        'source = ["shop.orders"]',
    )

    assert_lines(block(checked, "aws_scheduler_schedule_group", "reports"), 'name = "reports"', 'team = "shop"')
    assert 'name = "default"' not in checked.text("scheduler.tf")
    nightly = block(checked, "aws_scheduler_schedule", "nightly_report")
    assert_lines(
        nightly,
        "group_name = aws_scheduler_schedule_group.reports.name",
        'schedule_expression = "cron(0 3 * * ? *)"',
        'schedule_expression_timezone = "Europe/Paris"',
        'mode = "FLEXIBLE"',
        "maximum_window_in_minutes = 15",
        "arn = aws_sfn_state_machine.order_approval.arn",
        "role_arn = aws_iam_role.workflows.arn",
        'input = "{\\"report\\": \\"daily\\"}"',
        "maximum_retry_attempts = 3",
        "maximum_event_age_in_seconds = 3600",
    )
    hourly = block(checked, "aws_scheduler_schedule", "hourly_ping")
    assert_lines(hourly, 'state = "DISABLED"', 'mode = "OFF"')
    # The default group, UTC and AWS's own retry policy are the provider's defaults.
    for absent in ("group_name", "schedule_expression_timezone", "retry_policy"):
        assert absent not in hourly, absent


def test_streams_brokers_clusters_graphs_and_pipes(estate):
    _, checked = estate
    clicks = block(checked, "aws_kinesis_stream", "clickstream")
    assert_lines(
        clicks,
        "shard_count = 2",
        "retention_period = 48",
        'shard_level_metrics = ["IncomingBytes", "OutgoingBytes"]',
        'stream_mode = "PROVISIONED"',
        'team = "data"',
        "prevent_destroy = true",
    )
    audit = block(checked, "aws_kinesis_stream", "audit_trail")
    assert 'stream_mode = "ON_DEMAND"' in audit and "shard_count" not in audit and "retention_period" not in audit

    delivery = block(checked, "aws_kinesis_firehose_delivery_stream", "clicks_to_lake")
    assert_lines(
        delivery,
        'destination = "extended_s3"',
        "bucket_arn = aws_s3_bucket.events_lake.arn",
        "role_arn = aws_iam_role.streams.arn",
        'prefix = "clicks/"',
        'error_output_prefix = "errors/"',
        "buffering_interval = 60",
        "buffering_size = 64",
        'compression_format = "GZIP"',
    )

    partner = block(checked, "aws_kinesis_firehose_delivery_stream", "clicks_to_partner")
    assert_lines(
        partner,
        'destination = "http_endpoint"',
        'url = "https://ingest.partner.example.com/v1"',
        'name = "partner"',
        "role_arn = aws_iam_role.streams.arn",
        "buffering_interval = 60",
        "buffering_size = 1",
        "retry_duration = 120",
        'content_encoding = "GZIP"',
        'name = "env"\n        value = "prod"',
        "s3_configuration {\n      bucket_arn = aws_s3_bucket.events_lake.arn",
        'prefix = "failed/"',
    )
    assert "access_key" not in partner and "s3_backup_mode" not in partner
    assert "partner-access-key-never-read" not in json.dumps(checked.inventory)

    broker = block(checked, "aws_mq_broker", "orders_mq")
    assert_lines(
        broker,
        'broker_name = "orders-mq"',
        'engine_type = "ACTIVEMQ"',
        'host_instance_type = "mq.t3.micro"',
        "auto_minor_version_upgrade = true",
        'username = "app"',
        "password = var.orders_mq_user_0_password",
        "prevent_destroy = true",
    )
    assert "deployment_mode" not in broker and "publicly_accessible" not in broker
    assert "never-read-this-1" not in "".join(p.read_text() for p in checked.module_dir.iterdir())
    assert 'variable "orders_mq_user_0_password"' in checked.text("variables.tf")

    cluster = block(checked, "aws_msk_cluster", "events")
    assert_lines(
        cluster,
        'kafka_version = "3.6.0"',
        "number_of_broker_nodes = 2",
        'instance_type = "kafka.t3.small"',
        "volume_size = 100",
        "prevent_destroy = true",
    )
    assert "configuration_info" not in cluster  # moto's placeholder, not an ARN
    assert cluster.count("aws_subnet.") == 2 and "aws_security_group.brokers.id" in cluster

    graph = block(checked, "aws_appsync_graphql_api", "shop_graph")
    assert_lines(graph, 'authentication_type = "API_KEY"', "xray_enabled = true", 'team = "shop"')
    assert "visibility" not in graph
    admin = block(checked, "aws_appsync_graphql_api", "admin_graph")
    assert_lines(
        admin,
        'authentication_type = "AMAZON_COGNITO_USER_POOLS"',
        'visibility = "PRIVATE"',
        f'user_pool_id = "{REGION}_Ab12Cd34E"',
        'default_action = "ALLOW"',
        "cloudwatch_logs_role_arn = aws_iam_role.streams.arn",
        'field_log_level = "ERROR"',
        "exclude_verbose_content = true",
        'authentication_type = "AWS_LAMBDA"',
        f'authorizer_uri = "arn:aws:lambda:{REGION}:{ACCOUNT}:function:graph-auth"',
        "authorizer_result_ttl_in_seconds = 60",
    )

    pipe = block(checked, "aws_pipes_pipe", "orders_pipe")
    assert_lines(
        pipe,
        'desired_state = "STOPPED"',
        "source = aws_sqs_queue.pipe_in.arn",
        "target = aws_sqs_queue.pipe_out.arn",
        "role_arn = aws_iam_role.streams.arn",
    )
    to_tasks = block(checked, "aws_pipes_pipe", "jobs_to_tasks")
    assert_lines(
        to_tasks,
        "source = aws_sqs_queue.pipe_in.arn",
        f'target = "arn:aws:ecs:{REGION}:{ACCOUNT}:cluster/batch"',
        "batch_size = 5",
        'pattern = "{\\"body\\": {\\"kind\\": [\\"job\\"]}}"',
        f'task_definition_arn = "arn:aws:ecs:{REGION}:{ACCOUNT}:task-definition/job:3"',
        'launch_type = "FARGATE"',
        "subnets = [aws_subnet.",
        'assign_public_ip = "DISABLED"',
        'name = "worker"',
        'name = "MODE"\n            value = "batch"',
        "value = var.jobs_to_tasks_target_parameters_ecs_task_parameters_",
        'level = "ERROR"',
    )
    assert "pipe-token-never-written" not in json.dumps(checked.inventory)


def test_rest_api_parts(estate):
    seeded, checked = estate
    rest = seeded["seed_rest_api_parts"]
    api = block(checked, "aws_api_gateway_rest_api", "orders_api")
    assert "policy" not in api  # its own resource now
    policy = block(checked, "aws_api_gateway_rest_api_policy", "orders_api")
    assert_lines(policy, "rest_api_id = aws_api_gateway_rest_api.orders_api.id", 'Action = "execute-api:Invoke"')
    assert 'resource "aws_api_gateway_resource"' in checked.text("apigateway.tf")
    orders = block(checked, "aws_api_gateway_resource", "orders_api_orders")
    # The root "/" is made with the API: the API's root_resource_id names it.
    assert_lines(orders, 'path_part = "orders"', "parent_id = aws_api_gateway_rest_api.orders_api.root_resource_id")
    assert rest.root not in checked.text("apigateway.tf")
    assert_lines(
        block(checked, "aws_api_gateway_resource", "orders_api_orders_id"),
        "parent_id = aws_api_gateway_resource.orders_api_orders.id",
        'path_part = "{id}"',
    )
    method = block(checked, "aws_api_gateway_method", "orders_api_get_orders_id")
    assert_lines(
        method,
        "resource_id = aws_api_gateway_resource.orders_api_orders_id.id",
        'http_method = "GET"',
        'authorization = "CUSTOM"',
        "authorizer_id = aws_api_gateway_authorizer.orders_api_token.id",
        "api_key_required = true",
        '"method.request.path.id" = true',
    )
    integration = block(checked, "aws_api_gateway_integration", "orders_api_get_orders_id")
    assert_lines(
        integration,
        'type = "AWS"',
        'integration_http_method = "POST"',
        "function:orders/invocations",
        "timeout_milliseconds = 5000",
        '"application/json" = "{\\"id\\": \\"$input.params(\'id\')\\"}"',
    )
    assert "passthrough_behavior" not in integration and "connection_type" not in integration
    assert '"application/json" = "Empty"' in block(
        checked, "aws_api_gateway_method_response", "orders_api_get_orders_id_200"
    )
    assert '"application/json" = "$input.json(\'$\')"' in block(
        checked, "aws_api_gateway_integration_response", "orders_api_get_orders_id_200"
    )
    deployment = block(checked, "aws_api_gateway_deployment", f"orders_api_{rest.deployment}")
    assert 'description = "First release"' in deployment
    assert "Never staged" not in checked.text("apigateway.tf")
    stage = block(checked, "aws_api_gateway_stage", "orders_api_prod")
    assert_lines(
        stage,
        f"deployment_id = aws_api_gateway_deployment.orders_api_{rest.deployment}.id",
        'stage_name = "prod"',
        "xray_tracing_enabled = true",
        'env = "prod"',
    )
    authorizer = block(checked, "aws_api_gateway_authorizer", "orders_api_token")
    assert_lines(
        authorizer, 'name = "token"', "authorizer_result_ttl_in_seconds = 60", "function:authorize/invocations"
    )
    assert "identity_source" not in authorizer and "type =" not in authorizer  # TOKEN, Authorization: defaults

    key = block(checked, "aws_api_gateway_api_key", "partner")
    assert 'name = "partner"' in key and "value" not in key and "enabled" not in key
    plan = block(checked, "aws_api_gateway_usage_plan", "partners")
    assert_lines(
        plan,
        "api_id = aws_api_gateway_rest_api.orders_api.id",
        'stage = "prod"',
        "limit = 10000",
        'period = "MONTH"',
        "burst_limit = 20",
        "rate_limit = 10",
    )
    assert_lines(
        block(checked, "aws_api_gateway_usage_plan_key", "partners_partner"),
        "usage_plan_id = aws_api_gateway_usage_plan.partners.id",
        "key_id = aws_api_gateway_api_key.partner.id",
        'key_type = "API_KEY"',
    )
    domain_label = rest.domain.replace("-", "_").replace(".", "_")
    domain = block(checked, "aws_api_gateway_domain_name", domain_label)
    assert_lines(
        domain,
        f'domain_name = "{rest.domain}"',
        f'certificate_arn = "arn:aws:acm:us-east-1:{ACCOUNT}:certificate/0d5b7c3e-1f2a-4b6c-8d9e-0a1b2c3d4e5f"',
        'security_policy = "TLS_1_2"',
        'types = ["EDGE"]',
    )
    # A regional one is adopted as aws_apigatewayv2_domain_name (AWS lists it there too).
    assert "regional-" not in checked.text("apigateway.tf")
    assert_lines(
        block(checked, "aws_api_gateway_base_path_mapping", f"{domain_label}_v1"),
        f"domain_name = aws_api_gateway_domain_name.{domain_label}.id",
        "api_id = aws_api_gateway_rest_api.orders_api.id",
        'stage_name = "prod"',
        'base_path = "v1"',
    )
    root_mapping = block(checked, "aws_api_gateway_base_path_mapping", domain_label)
    assert "api_id = aws_api_gateway_rest_api.orders_api.id" in root_mapping and "base_path =" not in root_mapping


def test_http_api_parts(estate):
    seeded, checked = estate
    http = seeded["seed_http_api_parts"]
    integration = block(checked, "aws_apigatewayv2_integration", f"orders_http_{http.integration}")
    assert_lines(
        integration,
        "api_id = aws_apigatewayv2_api.orders_http.id",
        'integration_type = "AWS_PROXY"',
        'payload_format_version = "2.0"',
        "timeout_milliseconds = 10000",
        f'integration_uri = "arn:aws:lambda:{REGION}:{ACCOUNT}:function:orders"',
    )
    route = block(checked, "aws_apigatewayv2_route", "orders_http_get_orders_id")
    assert_lines(
        route,
        'route_key = "GET /orders/{id}"',
        # The integration's ID after its prefix: a template.
        f'target = "integrations/${{aws_apigatewayv2_integration.orders_http_{http.integration}.id}}"',
        'operation_name = "GetOrder"',
    )
    assert "authorization_type" not in route and "api_key_required" not in route
    domain_label = http.domain.replace("-", "_").replace(".", "_")
    domain = block(checked, "aws_apigatewayv2_domain_name", domain_label)
    assert_lines(domain, 'endpoint_type = "REGIONAL"', 'security_policy = "TLS_1_2"', 'team = "shop"')
    assert_lines(
        block(checked, "aws_apigatewayv2_api_mapping", f"{domain_label}_orders"),
        "api_id = aws_apigatewayv2_api.orders_http.id",
        f"domain_name = aws_apigatewayv2_domain_name.{domain_label}.id",
        'stage = "live"',
        'api_mapping_key = "orders"',
    )


def test_recorded_function_urls_kafka_mappings_http_authorizers_and_managed_routes(tmp_path, tf_engine):
    """Recorded responses, for what moto does not emulate: listing a function's
    URLs (one on the function, one on an alias; moto has no
    ListFunctionUrlConfigs), an event source mapping from an MSK topic (moto
    has no MSK sources) and an HTTP API's authorizers (moto's GetAuthorizers
    fails); and the route and integration API Gateway makes itself for a
    quick-created API (ApiGatewayManaged), which are not adopted."""
    types = (
        "aws_lambda_function",
        "aws_lambda_function_url",
        "aws_lambda_event_source_mapping",
        "aws_apigatewayv2_api",
        "aws_apigatewayv2_authorizer",
        "aws_apigatewayv2_route",
        "aws_apigatewayv2_integration",
    )
    inventory = coverage_kit.scan_recorded(
        "serverless/urls_authorizers_and_managed_routes.json", [registry.get(t) for t in types], [REGION]
    )
    assert inventory.errors == []
    assert {(r.type, r.import_id) for r in inventory.resources} == {
        ("aws_lambda_function", "checkout"),
        ("aws_lambda_function_url", "checkout"),
        ("aws_lambda_function_url", "checkout/beta"),
        ("aws_lambda_event_source_mapping", "6f2a9c1e-3b4d-4e5f-8a7b-9c0d1e2f3a4b"),
        ("aws_apigatewayv2_api", "p4q8r2s6t0"),
        ("aws_apigatewayv2_authorizer", "p4q8r2s6t0/jw7k2m"),
        ("aws_apigatewayv2_authorizer", "p4q8r2s6t0/lm3n4p"),
        ("aws_apigatewayv2_route", "p4q8r2s6t0/rt9x8y"),
        ("aws_apigatewayv2_integration", "p4q8r2s6t0/int002"),
    }
    coverage_kit.generate_recorded(inventory, tmp_path)
    coverage_kit.check_module(tmp_path, tf_engine, len(inventory.resources))
    lam = _unaligned((tmp_path / "lambda.tf").read_text())
    public = lam.split('resource "aws_lambda_function_url" "checkout" {')[1].split("\n}\n")[0]
    assert_lines(
        public,
        "function_name = aws_lambda_function.checkout.id",
        'authorization_type = "NONE"',
        "allow_credentials = true",
        'allow_methods = ["GET", "POST"]',
        'allow_origins = ["https://shop.example.com"]',
        "max_age = 300",
    )
    assert "qualifier" not in public and "invoke_mode" not in public  # BUFFERED is the default
    beta = lam.split('resource "aws_lambda_function_url" "checkout_beta" {')[1].split("\n}\n")[0]
    assert_lines(beta, 'qualifier = "beta"', 'authorization_type = "AWS_IAM"', 'invoke_mode = "RESPONSE_STREAM"')

    from_kafka = lam.split('resource "aws_lambda_event_source_mapping" "checkout_events" {')[1].split("\n}\n")[0]
    assert_lines(
        from_kafka,
        "function_name = aws_lambda_function.checkout.arn",
        'starting_position = "TRIM_HORIZON"',
        'topics = ["orders"]',
        'type = "SASL_SCRAM_512_AUTH"',
        'consumer_group_id = "checkout-consumers"',
        'team = "shop"',
    )

    v2 = _unaligned((tmp_path / "apigatewayv2.tf").read_text())
    cognito = v2.split('resource "aws_apigatewayv2_authorizer" "checkout_http_cognito" {')[1].split("\n}\n")[0]
    assert_lines(
        cognito,
        'authorizer_type = "JWT"',
        'identity_sources = ["$request.header.Authorization"]',
        'audience = ["checkout-mobile", "checkout-web"]',
        'issuer = "https://cognito-idp.us-east-1.amazonaws.com/us-east-1_Ab12Cd34E"',
    )
    device = v2.split('resource "aws_apigatewayv2_authorizer" "checkout_http_device" {')[1].split("\n}\n")[0]
    assert_lines(
        device,
        'authorizer_type = "REQUEST"',
        'authorizer_payload_format_version = "2.0"',
        "enable_simple_responses = true",
        "authorizer_result_ttl_in_seconds = 0",
    )
    route = v2.split('resource "aws_apigatewayv2_route" "checkout_http_post_checkout" {')[1].split("\n}\n")[0]
    assert_lines(
        route,
        'authorization_type = "JWT"',
        "authorizer_id = aws_apigatewayv2_authorizer.checkout_http_cognito.id",
        'authorization_scopes = ["orders/write"]',
        'request_parameter_key = "route.request.header.X-Device"',
        "required = true",
    )
    assert "$default" not in v2 and "int001" not in v2


def test_recorded_firehose_destinations(tmp_path, tf_engine):
    """Recorded responses, for what moto does not emulate: a stream into an
    OpenSearch domain in a VPC, with a Lambda processor and error logging; and
    a stream into Redshift, whose destination is not described yet and which
    is therefore left out, not written half."""
    inventory = coverage_kit.scan_recorded(
        "serverless/firehose_destinations.json", [registry.get("aws_kinesis_firehose_delivery_stream")], [REGION]
    )
    assert inventory.errors == []
    assert [r.import_id for r in inventory.resources] == [
        "arn:aws:firehose:us-east-1:123456789012:deliverystream/logs-to-search"
    ]
    coverage_kit.generate_recorded(inventory, tmp_path)
    coverage_kit.check_module(tmp_path, tf_engine, len(inventory.resources))
    search = _unaligned((tmp_path / "firehose.tf").read_text())
    assert_lines(
        search,
        'destination = "opensearch"',
        'domain_arn = "arn:aws:es:us-east-1:123456789012:domain/app-logs"',
        'index_name = "app"',
        'index_rotation_period = "OneWeek"',
        'subnet_ids = ["subnet-0a1b2c3d4e5f60718", "subnet-0f1e2d3c4b5a69788"]',
        'security_group_ids = ["sg-0123456789abcdef0"]',
        'default_document_id_format = "FIREHOSE_DEFAULT"',
        'type = "Lambda"',
        'parameter_name = "LambdaArn"',
        'log_group_name = "/aws/kinesisfirehose/logs-to-search"',
        'bucket_arn = "arn:aws:s3:::app-logs-failed"',
        'prefix = "search-failed/"',
        'team = "platform"',
    )
    # Defaults: buffering, retries, the backup mode, and the backup bucket's settings.
    for absent in ("buffering_interval", "retry_duration", "s3_backup_mode", "compression_format", "vpc_id"):
        assert absent not in search, absent
    assert "warehouse" not in search


def test_qualifiers_names_and_base_paths_as_aws_spells_them():
    """Spellings moto does not use: AWS answers an unqualified setting's function
    as ``...:$LATEST`` and the empty base path as ``(none)``."""
    ctx = Context(REGION, ACCOUNT, parent={"FunctionName": "checkout"})
    arn = f"arn:aws:lambda:{REGION}:{ACCOUNT}:function:checkout"
    assert _qualifier({"FunctionArn": f"{arn}:$LATEST"}, ctx) is None
    assert _function_and_qualifier({"FunctionArn": f"{arn}:$LATEST"}, ctx) == "checkout"
    assert _function_and_qualifier({"FunctionArn": f"{arn}:live"}, ctx) == "checkout:live"
    assert _qualifier({"FunctionArn": arn}, ctx) is None
    assert _arn_name(f"arn:aws:kafka:{REGION}:{ACCOUNT}:cluster/events/0f1e2d3c-2") == "events"
    assert _arn_name(f"arn:aws:sqs:{REGION}:{ACCOUNT}:jobs") == "jobs"
    assert _arn_name(f"arn:aws:mq:{REGION}:{ACCOUNT}:broker:orders-mq:b-1a2b") == "orders-mq"
    assert _arn_name("not an arn") == ""
    assert _base_path({"basePath": "(none)"}, ctx) == "" and _base_path({"basePath": "v1"}, ctx) == "v1"
