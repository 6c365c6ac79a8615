"""AppSync GraphQL APIs (the API and how it authenticates; the schema is not read)."""

from __future__ import annotations

from ..spec import Arn, Call, Each, Flag, Ref, ResourceSpec, Tags, Unless


def _lambda_authorizer(path: str) -> dict:
    return {
        "authorizer_uri": f"{path}.authorizerUri",
        "authorizer_result_ttl_in_seconds": f"{path}.authorizerResultTtlInSeconds",
        "identity_validation_expression": f"{path}.identityValidationExpression",
    }


def _openid_connect(path: str) -> dict:
    return {
        "issuer": f"{path}.issuer",
        "client_id": f"{path}.clientId",
        "auth_ttl": Unless(f"{path}.authTTL", 0),
        "iat_ttl": Unless(f"{path}.iatTTL", 0),
    }


SPECS = [
    ResourceSpec(
        tf_type="aws_appsync_graphql_api",
        service="appsync",
        list=Call("list_graphql_apis", items="graphqlApis"),
        id="{apiId}",
        arn=Arn("{arn}", "appsync", "apis"),
        name="name",
        arguments={
            "name": "name",
            "authentication_type": "authenticationType",
            "api_type": "apiType",
            "visibility": "visibility",
            "xray_enabled": Flag("xrayEnabled"),
            "introspection_config": "introspectionConfig",
            "query_depth_limit": Unless("queryDepthLimit", 0),
            "resolver_count_limit": Unless("resolverCountLimit", 0),
            "merged_api_execution_role_arn": "mergedApiExecutionRoleArn",
            "log_config": {
                "cloudwatch_logs_role_arn": "logConfig.cloudWatchLogsRoleArn",
                "field_log_level": "logConfig.fieldLogLevel",
                "exclude_verbose_content": Flag("logConfig.excludeVerboseContent"),
            },
            "user_pool_config": {
                "user_pool_id": "userPoolConfig.userPoolId",
                "aws_region": "userPoolConfig.awsRegion",
                "default_action": "userPoolConfig.defaultAction",
                "app_id_client_regex": "userPoolConfig.appIdClientRegex",
            },
            "openid_connect_config": _openid_connect("openIDConnectConfig"),
            "lambda_authorizer_config": _lambda_authorizer("lambdaAuthorizerConfig"),
            "additional_authentication_provider": Each(
                "additionalAuthenticationProviders",
                {
                    "authentication_type": "authenticationType",
                    "openid_connect_config": _openid_connect("openIDConnectConfig"),
                    "lambda_authorizer_config": _lambda_authorizer("lambdaAuthorizerConfig"),
                    "user_pool_config": {
                        "user_pool_id": "userPoolConfig.userPoolId",
                        "aws_region": "userPoolConfig.awsRegion",
                        "app_id_client_regex": "userPoolConfig.appIdClientRegex",
                    },
                },
            ),
            "tags": Tags("tags"),
        },
        defaults={"api_type": "GRAPHQL", "visibility": "GLOBAL", "introspection_config": "ENABLED"},
        references={
            "log_config.cloudwatch_logs_role_arn": Ref("aws_iam_role", "arn"),
            "merged_api_execution_role_arn": Ref("aws_iam_role", "arn"),
            "lambda_authorizer_config.authorizer_uri": Ref("aws_lambda_function", "arn"),
            "additional_authentication_provider[*].lambda_authorizer_config.authorizer_uri": Ref(
                "aws_lambda_function", "arn"
            ),
            "user_pool_config.user_pool_id": Ref("aws_cognito_user_pool"),
            "additional_authentication_provider[*].user_pool_config.user_pool_id": Ref("aws_cognito_user_pool"),
        },
    ),
]
