"""Coverage of the second wave of identity, security, observability and
governance types: IAM identity providers, server certificates, access keys and
account settings; KMS replica keys and secret policies; Cognito; WAFv2;
GuardDuty and Security Hub; log filters and policies, dashboards, CloudTrail,
AWS Config, and SSM documents, maintenance windows and patch baselines.

One estate is seeded in moto (over HTTP) and scanned, generated and planned
once, through the real CLI, by the module's fixture (see coverage_kit); the
tests then read the blocks.  What moto lacks is replayed from recorded API
responses (fixtures/identity/), as each recorded test says.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass

import coverage_kit
import pytest
from coverage_kit import Checked, Seeded, scan_and_check

FIXTURES = coverage_kit.FIXTURES / "identity"
REGION = "us-east-1"
ACCOUNT = "123456789012"


def _unaligned(text: str) -> str:
    """A block without fmt's alignment of ``=`` signs, so assertions need not know it."""
    return re.sub(r"(\S) +=", r"\1 =", text)


def _doc(*actions: str, resource: str = "*", principal: dict | None = None) -> str:
    statement = {"Effect": "Allow", "Action": list(actions), "Resource": resource}
    if principal:
        statement["Principal"] = principal
    return json.dumps({"Version": "2012-10-17", "Statement": [statement]})


def _self_signed(domain: str) -> tuple[str, str]:
    """A certificate and its private key, as someone would upload them to IAM."""
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
        .sign(key, hashes.SHA256())
    )
    pem_key = key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.TraditionalOpenSSL, serialization.NoEncryption()
    )
    return cert.public_bytes(serialization.Encoding.PEM).decode(), pem_key.decode()


def _saml_metadata(certificate_pem: str) -> str:
    """An identity provider's metadata, signed by ``certificate_pem`` (IAM wants 1,000 characters at least)."""
    body = "".join(line for line in certificate_pem.splitlines() if "CERTIFICATE" not in line)
    return (
        '<?xml version="1.0"?><EntityDescriptor xmlns="urn:oasis:names:tc:SAML:2.0:metadata" '
        'entityID="https://idp.example.com/saml"><IDPSSODescriptor '
        'protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol"><KeyDescriptor use="signing">'
        '<KeyInfo xmlns="http://www.w3.org/2000/09/xmldsig#"><X509Data><X509Certificate>'
        f"{body}</X509Certificate></X509Data></KeyInfo></KeyDescriptor><SingleSignOnService "
        'Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect" Location="https://idp.example.com/sso"/>'
        "</IDPSSODescriptor></EntityDescriptor>"
    )


def seed_iam_identity_providers_and_account(moto) -> Seeded:
    """OpenID Connect and SAML providers, a server certificate, a user's access keys,
    and the account's password policy and alias.  IAM is global: seed it once."""
    iam = moto.client("iam")
    oidc = iam.create_open_id_connect_provider(
        Url="https://token.actions.githubusercontent.com",
        ClientIDList=["sts.amazonaws.com"],
        ThumbprintList=["6938fd4d98bab03faadb97b34396831e3780aea1"],
        Tags=[{"Key": "team", "Value": "platform"}],
    )["OpenIDConnectProviderArn"]
    body, private_key = _self_signed("legacy.example.com")
    saml = iam.create_saml_provider(Name="corporate-idp", SAMLMetadataDocument=_saml_metadata(body))["SAMLProviderArn"]
    iam.upload_server_certificate(
        ServerCertificateName="legacy-elb", Path="/elb/", CertificateBody=body, PrivateKey=private_key
    )
    iam.create_user(UserName="deploy-bot")
    active = iam.create_access_key(UserName="deploy-bot")["AccessKey"]
    retired = iam.create_access_key(UserName="deploy-bot")["AccessKey"]
    iam.update_access_key(UserName="deploy-bot", AccessKeyId=retired["AccessKeyId"], Status="Inactive")
    iam.update_account_password_policy(
        MinimumPasswordLength=14,
        RequireSymbols=True,
        RequireNumbers=True,
        RequireUppercaseCharacters=True,
        RequireLowercaseCharacters=True,
        AllowUsersToChangePassword=True,
        MaxPasswordAge=90,
        PasswordReusePrevention=5,
    )
    iam.create_account_alias(AccountAlias="acme-production")
    return Seeded(
        ids={
            "aws_iam_openid_connect_provider": {oidc},
            "aws_iam_saml_provider": {saml},
            "aws_iam_server_certificate": {"legacy-elb"},
            "aws_iam_user": {"deploy-bot"},
            "aws_iam_access_key": {active["AccessKeyId"], retired["AccessKeyId"]},
            "aws_iam_account_password_policy": {"iam-account-password-policy"},
            "aws_iam_account_alias": {"acme-production"},
        },
        oidc=oidc,
        saml=saml,
        private_key=private_key,
        secrets=(active["SecretAccessKey"], retired["SecretAccessKey"]),
        retired=retired["AccessKeyId"],
    )


OIDC_ARN = f"arn:aws:iam::{ACCOUNT}:oidc-provider/token.actions.githubusercontent.com"


def seed_keys_secrets_and_cognito(moto, region: str) -> Seeded:
    """A multi-Region key replicated to the other region, a secret with a resource
    policy, and a Cognito user pool with an app client (with a secret), a domain
    and a group, and an identity pool that trusts the pool and the OIDC provider."""
    other = "eu-west-1" if region == "us-east-1" else "us-east-1"
    kms = moto.client("kms", region)
    primary = kms.create_key(Description="Global orders", MultiRegion=True)["KeyMetadata"]
    replica = kms.replicate_key(
        KeyId=primary["KeyId"],
        ReplicaRegion=other,
        Description="Global orders replica",
        Tags=[{"TagKey": "team", "TagValue": "orders"}],
    )["ReplicaKeyMetadata"]

    sm = moto.client("secretsmanager", region)
    secret = sm.create_secret(Name="orders/api-key", SecretString="never-read-this-one")["ARN"]
    sm.put_resource_policy(
        SecretId=secret,
        ResourcePolicy=_doc("secretsmanager:GetSecretValue", principal={"AWS": f"arn:aws:iam::{ACCOUNT}:root"}),
    )

    iam = moto.client("iam")
    role_name = f"cognito-admins-{region}"
    role = iam.create_role(
        RoleName=role_name,
        AssumeRolePolicyDocument=_doc(
            "sts:AssumeRoleWithWebIdentity", principal={"Federated": "cognito-identity.amazonaws.com"}
        ),
    )["Role"]["Arn"]

    idp = moto.client("cognito-idp", region)
    pool = idp.create_user_pool(
        PoolName="customers",
        Policies={
            "PasswordPolicy": {
                "MinimumLength": 12,
                "RequireUppercase": True,
                "RequireLowercase": True,
                "RequireNumbers": True,
                "RequireSymbols": False,
                "TemporaryPasswordValidityDays": 3,
            }
        },
        DeletionProtection="ACTIVE",
        AutoVerifiedAttributes=["email"],
        UsernameAttributes=["email"],
        Schema=[
            {"Name": "email", "AttributeDataType": "String", "Required": True, "Mutable": True},
            {
                "Name": "tier",
                "AttributeDataType": "String",
                "Mutable": True,
                "StringAttributeConstraints": {"MinLength": "1", "MaxLength": "16"},
            },
        ],
        AdminCreateUserConfig={"AllowAdminCreateUserOnly": True},
        UserPoolTags={"team": "identity"},
    )["UserPool"]
    web = idp.create_user_pool_client(
        UserPoolId=pool["Id"],
        ClientName="web",
        ExplicitAuthFlows=["ALLOW_USER_SRP_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"],
        AllowedOAuthFlows=["code"],
        AllowedOAuthScopes=["openid", "email"],
        AllowedOAuthFlowsUserPoolClient=True,
        CallbackURLs=["https://shop.example.com/callback"],
        SupportedIdentityProviders=["COGNITO"],
        RefreshTokenValidity=7,
        TokenValidityUnits={"RefreshToken": "days"},
    )["UserPoolClient"]
    backend = idp.create_user_pool_client(UserPoolId=pool["Id"], ClientName="backend", GenerateSecret=True)[
        "UserPoolClient"
    ]
    domain = f"customers-auth-{region}"
    idp.create_user_pool_domain(UserPoolId=pool["Id"], Domain=domain)
    idp.create_group(
        UserPoolId=pool["Id"], GroupName="admins", Description="Shop administrators", Precedence=1, RoleArn=role
    )

    identity = moto.client("cognito-identity", region).create_identity_pool(
        IdentityPoolName="customers_identities",
        AllowUnauthenticatedIdentities=False,
        CognitoIdentityProviders=[
            {
                "ProviderName": f"cognito-idp.{region}.amazonaws.com/{pool['Id']}",
                "ClientId": web["ClientId"],
                "ServerSideTokenCheck": True,
            }
        ],
        OpenIdConnectProviderARNs=[OIDC_ARN],
        IdentityPoolTags={"team": "identity"},
    )["IdentityPoolId"]
    return Seeded(
        ids={
            "aws_kms_key": {primary["KeyId"]},
            "aws_kms_replica_key": {replica["KeyId"]},
            "aws_secretsmanager_secret": {secret},
            "aws_secretsmanager_secret_policy": {secret},
            "aws_iam_role": {role_name},
            "aws_cognito_user_pool": {pool["Id"]},
            "aws_cognito_user_pool_client": {f"{pool['Id']}/{web['ClientId']}", f"{pool['Id']}/{backend['ClientId']}"},
            "aws_cognito_user_pool_domain": {domain},
            "aws_cognito_user_group": {f"{pool['Id']}/admins"},
            "aws_cognito_identity_pool": {identity},
        },
        replica_region=other,
        primary=primary,
        pool=pool,
        client_secret=backend["ClientSecret"],
        role_name=role_name,
    )


# -- the estate, scanned once ------------------------------------------------------------------

GLOBAL_SEEDS = (seed_iam_identity_providers_and_account,)
REGIONAL_SEEDS = (seed_keys_secrets_and_cognito,)
# The replica key of the regional seed lives in the second region.
REGIONS = (REGION, "eu-west-1")

# What each family's references must record (for every resource of the type).
REFERENCES = {
    "aws_iam_access_key": {("user", "aws_iam_user")},
    "aws_kms_replica_key": {("primary_key_arn", "aws_kms_key")},
    "aws_secretsmanager_secret_policy": {("secret_arn", "aws_secretsmanager_secret")},
    "aws_cognito_user_pool_client": {("user_pool_id", "aws_cognito_user_pool")},
    "aws_cognito_user_pool_domain": {("user_pool_id", "aws_cognito_user_pool")},
    "aws_cognito_user_group": {("user_pool_id", "aws_cognito_user_pool"), ("role_arn", "aws_iam_role")},
    "aws_cognito_identity_pool": {("openid_connect_provider_arns[0]", "aws_iam_openid_connect_provider")},
}


@dataclass
class Estate:
    seeded: dict[str, Seeded]
    checked: Checked

    def block(self, tf_type: str, label: str) -> str:
        return _unaligned(self.checked.block(tf_type, label))

    def everything_written(self) -> str:
        return json.dumps(self.checked.inventory) + "".join(
            p.read_text() for p in self.checked.module_dir.iterdir() if p.is_file()
        )


@pytest.fixture(scope="module")
def estate(moto_server, tmp_path_factory, tf_engine, oracle_dir) -> Estate:
    moto_server.reset()
    seeded = {seed.__name__: seed(moto_server) for seed in GLOBAL_SEEDS}
    seeded |= {seed.__name__: seed(moto_server, REGION) for seed in REGIONAL_SEEDS}
    expected: dict[str, set[str]] = {}
    for one in seeded.values():
        for tf_type, ids in one.ids.items():
            expected.setdefault(tf_type, set()).update(ids)
    checked = scan_and_check(
        moto_server,
        tmp_path_factory.mktemp("identity"),
        tf_engine,
        oracle_dir,
        expected=expected,
        regions=REGIONS,
        references=REFERENCES,
    )
    return Estate(seeded, checked)


def test_iam_identity_providers_and_account(estate):
    seeded = estate.seeded["seed_iam_identity_providers_and_account"]
    block = estate.block("aws_iam_openid_connect_provider", "token_actions_githubusercontent_com")
    assert 'url = "https://token.actions.githubusercontent.com"' in block
    assert 'client_id_list = ["sts.amazonaws.com"]' in block
    assert 'thumbprint_list = ["6938fd4d98bab03faadb97b34396831e3780aea1"]' in block
    assert 'team = "platform"' in block

    block = estate.block("aws_iam_saml_provider", "corporate_idp")
    assert 'name = "corporate-idp"' in block and "urn:oasis:names:tc:SAML:2.0:metadata" in block

    block = estate.block("aws_iam_server_certificate", "legacy_elb")
    assert 'path = "/elb/"' in block and "BEGIN CERTIFICATE" in block
    assert "private_key = var.legacy_elb_private_key" in block

    keys = estate.checked.by_type["aws_iam_access_key"]
    assert {k["attributes"].get("status") for k in keys} == {None, "Inactive"}  # Active is the default
    text = estate.checked.text("iam.tf")
    assert text.count("user = aws_iam_user.deploy_bot.name") + text.count("user   = aws_iam_user.deploy_bot.name") == 2

    block = estate.block("aws_iam_account_password_policy", "account")
    for line in (
        "minimum_password_length = 14",
        "require_symbols = true",
        "allow_users_to_change_password = true",
        "max_password_age = 90",
        "password_reuse_prevention = 5",
    ):
        assert line in block
    assert 'account_alias = "acme-production"' in estate.block("aws_iam_account_alias", "acme_production")

    # Neither the certificate's private key nor an access key's secret is read or written.
    everything = estate.everything_written()
    assert "PRIVATE KEY" not in everything
    for secret in seeded.secrets:
        assert secret not in everything


def test_kms_replica_keys_and_secret_policies(estate):
    seeded = estate.seeded["seed_keys_secrets_and_cognito"]
    # (moto gives a replica its primary's description and tags.)
    block = estate.block("aws_kms_replica_key", "global_orders")
    assert "primary_key_arn = aws_kms_key.global_orders.arn" in block
    assert 'description = "Global orders"' in block and "policy = jsonencode({" in block
    assert "prevent_destroy = true" in block
    assert "provider = aws.eu_west_1" in block  # the replica's own region
    # The primary is an aws_kms_key as any other; the replica is not one.
    assert "multi_region = true" in estate.block("aws_kms_key", "global_orders")

    block = estate.block("aws_secretsmanager_secret_policy", "orders_api_key")
    assert "secret_arn = aws_secretsmanager_secret.orders_api_key.arn" in block
    assert '"secretsmanager:GetSecretValue"' in block
    assert "policy" not in estate.block("aws_secretsmanager_secret", "orders_api_key")  # not twice
    assert "never-read-this-one" not in estate.everything_written()
    assert seeded.replica_region == "eu-west-1"


def test_cognito_user_pools_clients_domains_groups_and_identity_pools(estate):
    seeded = estate.seeded["seed_keys_secrets_and_cognito"]
    block = estate.block("aws_cognito_user_pool", "customers")
    assert 'name = "customers"' in block and 'deletion_protection = "ACTIVE"' in block
    assert 'auto_verified_attributes = ["email"]' in block and 'username_attributes = ["email"]' in block
    assert "minimum_length = 12" in block and "temporary_password_validity_days = 3" in block
    assert "allow_admin_create_user_only = true" in block
    # The custom attribute, and the standard one made required; not the other standard ones.
    assert block.count("schema {") == 2
    assert 'name = "tier"' in block and 'max_length = "16"' in block
    assert 'name = "email"' in block and "required = true" in block
    assert 'team = "identity"' in block and "prevent_destroy = true" in block

    web = estate.block("aws_cognito_user_pool_client", "customers_web")
    assert "user_pool_id = aws_cognito_user_pool.customers.id" in web
    assert 'explicit_auth_flows = ["ALLOW_REFRESH_TOKEN_AUTH", "ALLOW_USER_SRP_AUTH"]' in web
    assert 'allowed_oauth_scopes = ["email", "openid"]' in web
    assert 'callback_urls = ["https://shop.example.com/callback"]' in web
    assert "refresh_token_validity = 7" in web and 'refresh_token = "days"' in web
    assert "generate_secret" not in web
    backend = estate.block("aws_cognito_user_pool_client", "customers_backend")
    assert "generate_secret = true" in backend
    assert seeded.client_secret not in estate.everything_written()  # only that it has one

    domain = estate.block("aws_cognito_user_pool_domain", "customers")
    assert 'domain = "customers-auth-us-east-1"' in domain
    assert "user_pool_id = aws_cognito_user_pool.customers.id" in domain

    group = estate.block("aws_cognito_user_group", "customers_admins")
    assert 'name = "admins"' in group and "precedence = 1" in group
    assert f"role_arn = aws_iam_role.{seeded.role_name.replace('-', '_')}.arn" in group

    identity = estate.block("aws_cognito_identity_pool", "customers_identities")
    assert 'identity_pool_name = "customers_identities"' in identity
    assert (
        "openid_connect_provider_arns = [aws_iam_openid_connect_provider.token_actions_githubusercontent_com.arn]"
        in identity
    )
    assert "server_side_token_check = true" in identity
    assert "allow_unauthenticated_identities" not in identity  # false is the default
