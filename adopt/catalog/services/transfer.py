"""Transfer Family servers."""

from __future__ import annotations

from ..spec import Arn, Call, Each, Ref, ResourceSpec, Sorted, Tags

_ENDPOINT = "Server.EndpointDetails"
_IDP = "Server.IdentityProviderDetails"
_PROTOCOL = "Server.ProtocolDetails"
_WORKFLOW = {"workflow_id": "WorkflowId", "execution_role": "ExecutionRole"}

SPECS = [
    ResourceSpec(
        tf_type="aws_transfer_server",
        service="transfer",
        list=Call("list_servers", items="Servers"),
        details=(Call("describe_server", params={"ServerId": "{ServerId}"}),),
        id="{ServerId}",
        arn=Arn("{Arn}", "transfer", "server"),
        name_argument=None,
        tags=Tags("Server.Tags"),
        arguments={
            "endpoint_type": "Server.EndpointType",
            "domain": "Server.Domain",
            "protocols": Sorted("Server.Protocols"),
            "identity_provider_type": "Server.IdentityProviderType",
            "url": f"{_IDP}.Url",
            "invocation_role": f"{_IDP}.InvocationRole",
            "directory_id": f"{_IDP}.DirectoryId",
            "function": f"{_IDP}.Function",
            "sftp_authentication_methods": f"{_IDP}.SftpAuthenticationMethods",
            "logging_role": "Server.LoggingRole",
            "certificate": "Server.Certificate",
            "security_policy_name": "Server.SecurityPolicyName",
            "ip_address_type": "Server.IpAddressType",
            # Shown to whoever connects: public text, though the provider marks it sensitive.
            "pre_authentication_login_banner": "Server.PreAuthenticationLoginBanner",
            "post_authentication_login_banner": "Server.PostAuthenticationLoginBanner",
            "structured_log_destinations": Sorted("Server.StructuredLogDestinations"),
            "endpoint_details": {
                "vpc_id": f"{_ENDPOINT}.VpcId",
                "subnet_ids": Sorted(f"{_ENDPOINT}.SubnetIds"),
                "security_group_ids": Sorted(f"{_ENDPOINT}.SecurityGroupIds"),
                "address_allocation_ids": Sorted(f"{_ENDPOINT}.AddressAllocationIds"),
                "vpc_endpoint_id": f"{_ENDPOINT}.VpcEndpointId",
            },
            "protocol_details": {
                "passive_ip": f"{_PROTOCOL}.PassiveIp",
                "set_stat_option": f"{_PROTOCOL}.SetStatOption",
                "tls_session_resumption_mode": f"{_PROTOCOL}.TlsSessionResumptionMode",
                "as2_transports": Sorted(f"{_PROTOCOL}.As2Transports"),
            },
            "s3_storage_options": {
                "directory_listing_optimization": "Server.S3StorageOptions.DirectoryListingOptimization"
            },
            "workflow_details": {
                "on_upload": Each("Server.WorkflowDetails.OnUpload", _WORKFLOW),
                "on_partial_upload": Each("Server.WorkflowDetails.OnPartialUpload", _WORKFLOW),
            },
            "tags": Tags("Server.Tags"),
        },
        not_secret=("pre_authentication_login_banner", "post_authentication_login_banner"),
        defaults={
            "endpoint_type": "PUBLIC",
            "domain": "S3",
            "identity_provider_type": "SERVICE_MANAGED",
            "security_policy_name": "TransferSecurityPolicy-2018-11",
        },
        references={
            "invocation_role": Ref("aws_iam_role", "arn"),
            "logging_role": Ref("aws_iam_role", "arn"),
            "function": Ref("aws_lambda_function", "arn"),
            "certificate": Ref("aws_acm_certificate", "arn"),
            "endpoint_details.vpc_id": Ref("aws_vpc"),
            "endpoint_details.subnet_ids[*]": Ref("aws_subnet"),
            "endpoint_details.security_group_ids[*]": Ref("aws_security_group"),
            "endpoint_details.address_allocation_ids[*]": Ref("aws_eip"),
            "structured_log_destinations[*]": Ref("aws_cloudwatch_log_group", "arn"),
            "workflow_details.on_upload[*].execution_role": Ref("aws_iam_role", "arn"),
        },
    ),
]
