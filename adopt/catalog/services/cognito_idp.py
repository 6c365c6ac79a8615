"""Cognito user pools, their app clients, domains and groups.

An app client's secret is never written: DescribeUserPoolClient answers it,
and only whether there is one (``generate_secret``) is kept.
"""

from __future__ import annotations

from ..spec import (
    And,
    Arn,
    Call,
    Child,
    Each,
    First,
    Flag,
    Format,
    Has,
    Is,
    Not,
    Or,
    Ref,
    ResourceSpec,
    Sorted,
    StartsWith,
    Tags,
    TrimPrefix,
    Unless,
    When,
)

_POOL = "UserPool"
_CLIENT = "UserPoolClient"
_DOMAIN = Format("{domain}", domain=Or(f"{_POOL}.CustomDomain", f"{_POOL}.Domain"))

# Custom attributes, and the standard ones a person made required (AWS lists
# every standard attribute; "sub" is always required and cannot be declared).
_DECLARED_ATTRIBUTE = Or(
    StartsWith("Name", "custom:"),
    StartsWith("Name", "dev:"),
    And(Is("Required", True), Not(Is("Name", "sub"))),
)

_LAMBDA_TRIGGERS = (
    "create_auth_challenge",
    "custom_message",
    "define_auth_challenge",
    "post_authentication",
    "post_confirmation",
    "pre_authentication",
    "pre_sign_up",
    "pre_token_generation",
    "user_migration",
    "verify_auth_challenge_response",
)


def _camel(snake: str) -> str:
    """``pre_sign_up`` -> ``PreSignUp``: how the API spells a trigger."""
    return "".join(part.capitalize() for part in snake.split("_"))


SPECS = [
    ResourceSpec(
        tf_type="aws_cognito_user_pool",
        service="cognito-idp",
        list=Call("list_user_pools", items="UserPools", params={"MaxResults": 60}),
        details=(
            Call("describe_user_pool", params={"UserPoolId": "{Id}"}),
            Call("get_user_pool_mfa_config", params={"UserPoolId": "{Id}"}, merge_into="Mfa"),
        ),
        id="{Id}",
        arn=Arn(f"{{{_POOL}.Arn}}", "cognito-idp", "userpool"),
        name="Name",
        # What an identity pool's provider names the pool by.
        exports={"endpoint": Format("cognito-idp.{region}.amazonaws.com/{Id}")},
        stateful=True,  # its users and their passwords cannot be recreated
        arguments={
            "name": "Name",
            "deletion_protection": f"{_POOL}.DeletionProtection",
            "mfa_configuration": f"{_POOL}.MfaConfiguration",
            "alias_attributes": Sorted(f"{_POOL}.AliasAttributes"),
            "username_attributes": Sorted(f"{_POOL}.UsernameAttributes"),
            "auto_verified_attributes": Sorted(f"{_POOL}.AutoVerifiedAttributes"),
            "email_verification_message": f"{_POOL}.EmailVerificationMessage",
            "email_verification_subject": f"{_POOL}.EmailVerificationSubject",
            "sms_verification_message": f"{_POOL}.SmsVerificationMessage",
            "sms_authentication_message": f"{_POOL}.SmsAuthenticationMessage",
            "user_pool_tier": f"{_POOL}.UserPoolTier",
            "password_policy": {
                "minimum_length": f"{_POOL}.Policies.PasswordPolicy.MinimumLength",
                "require_lowercase": f"{_POOL}.Policies.PasswordPolicy.RequireLowercase",
                "require_numbers": f"{_POOL}.Policies.PasswordPolicy.RequireNumbers",
                "require_symbols": f"{_POOL}.Policies.PasswordPolicy.RequireSymbols",
                "require_uppercase": f"{_POOL}.Policies.PasswordPolicy.RequireUppercase",
                "temporary_password_validity_days": f"{_POOL}.Policies.PasswordPolicy.TemporaryPasswordValidityDays",
                "password_history_size": f"{_POOL}.Policies.PasswordPolicy.PasswordHistorySize",
            },
            "admin_create_user_config": {
                "allow_admin_create_user_only": f"{_POOL}.AdminCreateUserConfig.AllowAdminCreateUserOnly",
                "invite_message_template": {
                    "email_message": f"{_POOL}.AdminCreateUserConfig.InviteMessageTemplate.EmailMessage",
                    "email_subject": f"{_POOL}.AdminCreateUserConfig.InviteMessageTemplate.EmailSubject",
                    "sms_message": f"{_POOL}.AdminCreateUserConfig.InviteMessageTemplate.SMSMessage",
                },
            },
            "account_recovery_setting": {
                "recovery_mechanism": Each(
                    f"{_POOL}.AccountRecoverySetting.RecoveryMechanisms",
                    {"name": "Name", "priority": "Priority"},
                    sort_by="priority",
                ),
            },
            "device_configuration": {
                "challenge_required_on_new_device": f"{_POOL}.DeviceConfiguration.ChallengeRequiredOnNewDevice",
                "device_only_remembered_on_user_prompt": f"{_POOL}.DeviceConfiguration.DeviceOnlyRememberedOnUserPrompt",
            },
            "email_configuration": {
                "email_sending_account": f"{_POOL}.EmailConfiguration.EmailSendingAccount",
                "from_email_address": f"{_POOL}.EmailConfiguration.From",
                "reply_to_email_address": f"{_POOL}.EmailConfiguration.ReplyToEmailAddress",
                "source_arn": f"{_POOL}.EmailConfiguration.SourceArn",
                "configuration_set": f"{_POOL}.EmailConfiguration.ConfigurationSet",
            },
            "lambda_config": {
                **{trigger: f"{_POOL}.LambdaConfig.{_camel(trigger)}" for trigger in _LAMBDA_TRIGGERS},
                "kms_key_id": f"{_POOL}.LambdaConfig.KMSKeyID",
            },
            "schema": Each(
                f"{_POOL}.SchemaAttributes",
                {
                    "name": TrimPrefix("Name", "custom:"),
                    "attribute_data_type": "AttributeDataType",
                    "developer_only_attribute": "DeveloperOnlyAttribute",
                    "mutable": "Mutable",
                    "required": "Required",
                    "string_attribute_constraints": {
                        "min_length": "StringAttributeConstraints.MinLength",
                        "max_length": "StringAttributeConstraints.MaxLength",
                    },
                    "number_attribute_constraints": {
                        "min_value": "NumberAttributeConstraints.MinValue",
                        "max_value": "NumberAttributeConstraints.MaxValue",
                    },
                },
                where=_DECLARED_ATTRIBUTE,
                sort_by="name",
            ),
            "sms_configuration": {
                "external_id": f"{_POOL}.SmsConfiguration.ExternalId",
                "sns_caller_arn": f"{_POOL}.SmsConfiguration.SnsCallerArn",
                "sns_region": f"{_POOL}.SmsConfiguration.SnsRegion",
            },
            "software_token_mfa_configuration": When(
                Has("Mfa.SoftwareTokenMfaConfiguration.Enabled"),
                {"enabled": "Mfa.SoftwareTokenMfaConfiguration.Enabled"},
            ),
            "user_attribute_update_settings": {
                "attributes_require_verification_before_update": Sorted(
                    f"{_POOL}.UserAttributeUpdateSettings.AttributesRequireVerificationBeforeUpdate"
                ),
            },
            "user_pool_add_ons": {
                "advanced_security_mode": Unless(f"{_POOL}.UserPoolAddOns.AdvancedSecurityMode", "OFF"),
            },
            "username_configuration": {"case_sensitive": f"{_POOL}.UsernameConfiguration.CaseSensitive"},
            "verification_message_template": {
                "default_email_option": f"{_POOL}.VerificationMessageTemplate.DefaultEmailOption",
                "email_message": f"{_POOL}.VerificationMessageTemplate.EmailMessage",
                "email_message_by_link": f"{_POOL}.VerificationMessageTemplate.EmailMessageByLink",
                "email_subject": f"{_POOL}.VerificationMessageTemplate.EmailSubject",
                "email_subject_by_link": f"{_POOL}.VerificationMessageTemplate.EmailSubjectByLink",
                "sms_message": f"{_POOL}.VerificationMessageTemplate.SmsMessage",
            },
            "tags": Tags(f"{_POOL}.UserPoolTags"),
        },
        defaults={"deletion_protection": "INACTIVE", "mfa_configuration": "OFF"},
        references={
            **{f"lambda_config.{trigger}": Ref("aws_lambda_function", "arn") for trigger in _LAMBDA_TRIGGERS},
            "lambda_config.kms_key_id": Ref("aws_kms_key", "arn"),
            "sms_configuration.sns_caller_arn": Ref("aws_iam_role", "arn"),
        },
    ),
    ResourceSpec(
        tf_type="aws_cognito_user_pool_client",
        service="cognito-idp",
        child=Child(
            "aws_cognito_user_pool",
            call=Call(
                "list_user_pool_clients",
                items="UserPoolClients",
                params={"UserPoolId": "{parent.Id}", "MaxResults": 60},
            ),
        ),
        details=(Call("describe_user_pool_client", params={"UserPoolId": "{parent.Id}", "ClientId": "{ClientId}"}),),
        # Terraform knows a client by its own ID (what an identity pool names);
        # it is imported with its pool's.
        id="{ClientId}",
        import_id="{parent.Id}/{ClientId}",
        name="ClientName",
        label="ClientName",
        # Token lifetimes' units ("days"): sensitive to the bundled schema by their name only.
        not_secret=("token_validity_units.access_token", "token_validity_units.refresh_token"),
        arguments={
            "name": "ClientName",
            "user_pool_id": "parent.Id",
            # Whether the client has a secret; the secret itself is never kept.
            "generate_secret": Flag(f"{_CLIENT}.ClientSecret"),
            "access_token_validity": f"{_CLIENT}.AccessTokenValidity",
            "id_token_validity": f"{_CLIENT}.IdTokenValidity",
            "refresh_token_validity": f"{_CLIENT}.RefreshTokenValidity",
            "auth_session_validity": f"{_CLIENT}.AuthSessionValidity",
            "token_validity_units": {
                "access_token": f"{_CLIENT}.TokenValidityUnits.AccessToken",
                "id_token": f"{_CLIENT}.TokenValidityUnits.IdToken",
                "refresh_token": f"{_CLIENT}.TokenValidityUnits.RefreshToken",
            },
            "explicit_auth_flows": Sorted(f"{_CLIENT}.ExplicitAuthFlows"),
            "allowed_oauth_flows": Sorted(f"{_CLIENT}.AllowedOAuthFlows"),
            "allowed_oauth_scopes": Sorted(f"{_CLIENT}.AllowedOAuthScopes"),
            "allowed_oauth_flows_user_pool_client": f"{_CLIENT}.AllowedOAuthFlowsUserPoolClient",
            "callback_urls": Sorted(f"{_CLIENT}.CallbackURLs"),
            "logout_urls": Sorted(f"{_CLIENT}.LogoutURLs"),
            "default_redirect_uri": f"{_CLIENT}.DefaultRedirectURI",
            "supported_identity_providers": Sorted(f"{_CLIENT}.SupportedIdentityProviders"),
            "read_attributes": Sorted(f"{_CLIENT}.ReadAttributes"),
            "write_attributes": Sorted(f"{_CLIENT}.WriteAttributes"),
            "prevent_user_existence_errors": f"{_CLIENT}.PreventUserExistenceErrors",
            "enable_token_revocation": f"{_CLIENT}.EnableTokenRevocation",
            "enable_propagate_additional_user_context_data": f"{_CLIENT}.EnablePropagateAdditionalUserContextData",
            "analytics_configuration": {
                "application_arn": f"{_CLIENT}.AnalyticsConfiguration.ApplicationArn",
                "application_id": f"{_CLIENT}.AnalyticsConfiguration.ApplicationId",
                "external_id": f"{_CLIENT}.AnalyticsConfiguration.ExternalId",
                "role_arn": f"{_CLIENT}.AnalyticsConfiguration.RoleArn",
                "user_data_shared": f"{_CLIENT}.AnalyticsConfiguration.UserDataShared",
            },
        },
        references={
            "user_pool_id": Ref("aws_cognito_user_pool"),
            "analytics_configuration.role_arn": Ref("aws_iam_role", "arn"),
        },
    ),
    ResourceSpec(
        tf_type="aws_cognito_user_pool_domain",
        service="cognito-idp",
        # DescribeUserPool names the pool's domain: a custom one (auth.example.org,
        # with its certificate) or its amazoncognito.com prefix.  (A pool with
        # both is adopted with its custom domain.)
        child=Child("aws_cognito_user_pool", same_item=True),
        include=Or(Has(f"{_POOL}.CustomDomain"), Has(f"{_POOL}.Domain")),
        details=(
            Call(
                "describe_user_pool_domain",
                params={"Domain": _DOMAIN},
                items="DomainDescription",
                merge_into="DomainDescription",
            ),
        ),
        id=_DOMAIN,
        name=_DOMAIN,
        name_argument="domain",
        arguments={
            "domain": _DOMAIN,
            "user_pool_id": "Id",
            "certificate_arn": First("DomainDescription", "CustomDomainConfig.CertificateArn"),
            "managed_login_version": First("DomainDescription", "ManagedLoginVersion"),
        },
        references={"user_pool_id": Ref("aws_cognito_user_pool"), "certificate_arn": Ref("aws_acm_certificate", "arn")},
    ),
    ResourceSpec(
        tf_type="aws_cognito_user_group",
        service="cognito-idp",
        risk="privilege",  # its members take on its IAM role
        child=Child(
            "aws_cognito_user_pool",
            call=Call("list_groups", items="Groups", params={"UserPoolId": "{parent.Id}"}),
        ),
        id="{parent.Id}/{GroupName}",
        name="GroupName",
        label="GroupName",
        arguments={
            "name": "GroupName",
            "user_pool_id": "parent.Id",
            "description": "Description",
            "precedence": "Precedence",
            "role_arn": "RoleArn",
        },
        references={"user_pool_id": Ref("aws_cognito_user_pool"), "role_arn": Ref("aws_iam_role", "arn")},
    ),
]
