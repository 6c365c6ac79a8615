"""IAM roles, their policies and instance profiles (a global service: listed once)."""

from __future__ import annotations

from ..spec import Call, JsonDocument, Ref, ResourceSpec, Tags

# Service-linked roles are created and owned by AWS services.
SERVICE_LINKED_PATH = "/aws-service-role/"


SPECS = [
    ResourceSpec(
        tf_type="aws_iam_role",
        service="iam",
        is_global=True,
        list=Call("list_roles", items="Roles"),
        # ListRoles leaves out tags and the permissions boundary.
        details=(Call("get_role", params={"RoleName": "{RoleName}"}),),
        is_default=lambda item, ctx: str(item.get("Path", "")).startswith(SERVICE_LINKED_PATH),
        id="{RoleName}",
        arn="{Arn}",
        name="RoleName",
        json_arguments=("assume_role_policy",),
        arguments={
            "name": "RoleName",
            "path": "Path",
            "description": "Role.Description",
            "assume_role_policy": JsonDocument("AssumeRolePolicyDocument"),
            "max_session_duration": "Role.MaxSessionDuration",
            "permissions_boundary": "Role.PermissionsBoundary.PermissionsBoundaryArn",
            "tags": Tags("Role.Tags"),
        },
        defaults={"path": "/", "max_session_duration": 3600},
        references={"permissions_boundary": Ref("aws_iam_policy", "arn")},
    ),
    ResourceSpec(
        tf_type="aws_iam_role_policy_attachment",
        service="iam",
        parent="aws_iam_role",
        list=Call(
            "list_attached_role_policies",
            items="AttachedPolicies",
            params={"RoleName": "{parent.RoleName}"},
        ),
        id="{parent.RoleName}/{PolicyArn}",
        label="PolicyName",
        arguments={"role": "parent.RoleName", "policy_arn": "PolicyArn"},
        references={
            "role": Ref("aws_iam_role", "name"),
            "policy_arn": Ref("aws_iam_policy", "arn"),
        },
    ),
    ResourceSpec(
        tf_type="aws_iam_role_policy",
        service="iam",
        parent="aws_iam_role",
        list=Call(
            "list_role_policies",
            items="PolicyNames",
            item_key="PolicyName",
            params={"RoleName": "{parent.RoleName}"},
        ),
        details=(
            Call(
                "get_role_policy",
                params={"RoleName": "{parent.RoleName}", "PolicyName": "{PolicyName}"},
            ),
        ),
        id="{parent.RoleName}:{PolicyName}",
        label="PolicyName",
        json_arguments=("policy",),
        arguments={
            "name": "PolicyName",
            "role": "parent.RoleName",
            "policy": JsonDocument("PolicyDocument"),
        },
        references={"role": Ref("aws_iam_role", "name")},
    ),
    ResourceSpec(
        tf_type="aws_iam_instance_profile",
        service="iam",
        is_global=True,
        list=Call("list_instance_profiles", items="InstanceProfiles"),
        details=(
            Call(
                "get_instance_profile",
                params={"InstanceProfileName": "{InstanceProfileName}"},
            ),
        ),
        id="{InstanceProfileName}",
        arn="{Arn}",
        name="InstanceProfileName",
        arguments={
            "name": "InstanceProfileName",
            "path": "Path",
            "role": lambda item, ctx: next((r.get("RoleName") for r in item.get("Roles") or []), None),
            "tags": Tags("InstanceProfile.Tags"),
        },
        defaults={"path": "/"},
        references={"role": Ref("aws_iam_role", "name")},
    ),
]
