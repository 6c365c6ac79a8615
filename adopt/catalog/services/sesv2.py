"""SES (v2) email identities and configuration sets."""

from __future__ import annotations

from ..spec import Call, Is, Ref, ResourceSpec, Tags, When

_IDENTITY_ARN = "arn:aws:ses:{region}:{account}:identity/{IdentityName}"
_SET_ARN = "arn:aws:ses:{region}:{account}:configuration-set/{ConfigurationSetName}"

SPECS = [
    ResourceSpec(
        tf_type="aws_sesv2_configuration_set",
        service="sesv2",
        list=Call("list_configuration_sets", items="ConfigurationSets", item_key="ConfigurationSetName"),
        details=(Call("get_configuration_set", params={"ConfigurationSetName": "{ConfigurationSetName}"}),),
        id="{ConfigurationSetName}",
        arn=_SET_ARN,
        name="ConfigurationSetName",
        name_argument="configuration_set_name",
        arguments={
            "configuration_set_name": "ConfigurationSetName",
            "delivery_options": {
                "tls_policy": "DeliveryOptions.TlsPolicy",
                "sending_pool_name": "DeliveryOptions.SendingPoolName",
                "max_delivery_seconds": "DeliveryOptions.MaxDeliverySeconds",
            },
            "reputation_options": {"reputation_metrics_enabled": "ReputationOptions.ReputationMetricsEnabled"},
            "sending_options": {"sending_enabled": "SendingOptions.SendingEnabled"},
            "suppression_options": {"suppressed_reasons": "SuppressionOptions.SuppressedReasons"},
            "tracking_options": {
                "custom_redirect_domain": "TrackingOptions.CustomRedirectDomain",
                "https_policy": "TrackingOptions.HttpsPolicy",
            },
            "vdm_options": {
                "dashboard_options": {"engagement_metrics": "VdmOptions.DashboardOptions.EngagementMetrics"},
                "guardian_options": {"optimized_shared_delivery": "VdmOptions.GuardianOptions.OptimizedSharedDelivery"},
            },
            "tags": Tags(),
        },
    ),
    ResourceSpec(
        tf_type="aws_sesv2_email_identity",
        service="sesv2",
        list=Call("list_email_identities", items="EmailIdentities"),
        details=(Call("get_email_identity", params={"EmailIdentity": "{IdentityName}"}),),
        id="{IdentityName}",
        arn=_IDENTITY_ARN,
        name="IdentityName",
        name_argument="email_identity",
        arguments={
            "email_identity": "IdentityName",
            "configuration_set_name": "ConfigurationSetName",
            # Easy DKIM's key length; a key of one's own (BYODKIM) is a private
            # key the API never answers, so it is left to the user.
            "dkim_signing_attributes": When(
                Is("DkimAttributes.NextSigningKeyLength", "RSA_1024_BIT"),
                {"next_signing_key_length": "DkimAttributes.NextSigningKeyLength"},
            ),
            "tags": Tags(),
        },
        references={"configuration_set_name": Ref("aws_sesv2_configuration_set")},
    ),
]
