"""Cognito identity pools: they hand out AWS credentials to signed-in (and
perhaps anonymous) users."""

from __future__ import annotations

from ..spec import Arn, Call, Each, Ref, ResourceSpec, Sorted, Tags

SPECS = [
    ResourceSpec(
        tf_type="aws_cognito_identity_pool",
        service="cognito-identity",
        risk="privilege",  # its identities take on IAM roles
        list=Call("list_identity_pools", items="IdentityPools", params={"MaxResults": 60}),
        details=(Call("describe_identity_pool", params={"IdentityPoolId": "{IdentityPoolId}"}),),
        id="{IdentityPoolId}",
        arn=Arn(
            "arn:aws:cognito-identity:{region}:{account}:identitypool/{IdentityPoolId}",
            "cognito-identity",
            "identitypool",
        ),
        name="IdentityPoolName",
        name_argument="identity_pool_name",
        arguments={
            "identity_pool_name": "IdentityPoolName",
            "allow_unauthenticated_identities": "AllowUnauthenticatedIdentities",
            "allow_classic_flow": "AllowClassicFlow",
            "developer_provider_name": "DeveloperProviderName",
            "supported_login_providers": "SupportedLoginProviders",
            "openid_connect_provider_arns": Sorted("OpenIdConnectProviderARNs"),
            "saml_provider_arns": "SamlProviderARNs",
            "cognito_identity_providers": Each(
                "CognitoIdentityProviders",
                {
                    "client_id": "ClientId",
                    "provider_name": "ProviderName",
                    "server_side_token_check": "ServerSideTokenCheck",
                },
                sort_by="client_id",
            ),
            "tags": Tags("IdentityPoolTags"),
        },
        defaults={"allow_unauthenticated_identities": False, "allow_classic_flow": False},
        references={
            "openid_connect_provider_arns[*]": Ref("aws_iam_openid_connect_provider", "arn"),
            "saml_provider_arns[*]": Ref("aws_iam_saml_provider", "arn"),
            "cognito_identity_providers[*].client_id": Ref("aws_cognito_user_pool_client", "id"),
        },
    ),
]
