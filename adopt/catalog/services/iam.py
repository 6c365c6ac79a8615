"""IAM: roles, users, groups, customer-managed policies, their attachments and
inline policies, instance profiles, identity providers, server certificates,
access keys and the account's password policy and alias (a global service:
listed once)."""

from __future__ import annotations

from ..common import listed_in, named_in
from ..spec import (
    Arn,
    BatchGroup,
    Call,
    Child,
    Const,
    First,
    Format,
    FromSource,
    Has,
    InlineIn,
    Join,
    JsonDocument,
    NameFromArn,
    Pluck,
    Ref,
    ResourceSpec,
    Secret,
    Sorted,
    Source,
    StartsWith,
    Tags,
    TrimPrefix,
)

# Service-linked roles are created and owned by AWS services.
SERVICE_LINKED_PATH = "/aws-service-role/"

GROUP_NAMES = Sorted(Pluck("Groups", "GroupName"))

# The whole account's roles, users, groups and customer-managed policies, with
# their inline and attached policies and policy versions, in one paged call:
# it answers the calls below that would otherwise be made once per resource.
# (AWS-managed policies are left out: there are over a thousand of them.)
ACCOUNT_DETAILS = Source(
    "iam account authorization details",
    service="iam",
    operation="get_account_authorization_details",
    params={"Filter": ["User", "Role", "Group", "LocalManagedPolicy"]},
)
DETAIL_LISTS = {"role": "RoleDetailList", "user": "UserDetailList", "group": "GroupDetailList"}


def _under(key: str):
    """The answer of a Get call that holds the record under ``key`` (``{"Role": {...}}``)."""
    return lambda record, ctx: {key: record}


def _owner_detail(owner: str, answer) -> FromSource:
    key = f"{owner.capitalize()}Name"
    return FromSource(ACCOUNT_DETAILS, DETAIL_LISTS[owner], key, f"{{parent.{key}}}", answer)


def _groups_of_user(record, ctx):
    """ListGroupsForUser's answer from the user's record, which names its groups only."""
    return {"Groups": [{"GroupName": name} for name in record.get("GroupList") or [] if isinstance(name, str)]}


def _default_version(record, ctx):
    """GetPolicyVersion's answer for the default version, from the policy's record."""
    versions = [v for v in record.get("PolicyVersionList") or [] if isinstance(v, dict) and v.get("IsDefaultVersion")]
    return {"PolicyVersion": versions[0]} if versions else None


def _attachment_spec(owner: str) -> ResourceSpec:
    """A managed policy attached to a role, user or group (``owner``)."""
    key = f"{owner.capitalize()}Name"  # RoleName, UserName, GroupName
    return ResourceSpec(
        tf_type=f"aws_iam_{owner}_policy_attachment",
        service="iam",
        risk="privilege",
        batch_group="iam",
        child=Child(
            f"aws_iam_{owner}",
            call=Call(
                f"list_attached_{owner}_policies",
                items="AttachedPolicies",
                params={key: f"{{parent.{key}}}"},
                answered_by=_owner_detail(owner, {"AttachedPolicies": "AttachedManagedPolicies"}),
            ),
        ),
        id=f"{{parent.{key}}}/{{PolicyArn}}",
        label="PolicyName",
        arguments={owner: f"parent.{key}", "policy_arn": "PolicyArn"},
        references={owner: Ref(f"aws_iam_{owner}", "name"), "policy_arn": Ref("aws_iam_policy", "arn")},
        identity=(owner, "policy_arn"),  # the state ID is a generated one
        # A role may hold its policies itself (aws_iam_role's managed_policy_arns
        # and inline_policy); users and groups have no such arguments.
        inline_in=(
            (InlineIn("aws_iam_role", "role", "managed_policy_arns", listed_in("policy_arn", "managed_policy_arns")),)
            if owner == "role"
            else ()
        ),
    )


def _inline_policy_spec(owner: str) -> ResourceSpec:
    """An inline policy of a role, user or group (``owner``)."""
    key = f"{owner.capitalize()}Name"
    return ResourceSpec(
        tf_type=f"aws_iam_{owner}_policy",
        service="iam",
        risk="privilege",
        batch_group="iam",
        child=Child(
            f"aws_iam_{owner}",
            call=Call(
                f"list_{owner}_policies",
                items="PolicyNames",
                item_key="PolicyName",
                params={key: f"{{parent.{key}}}"},
                # The record lists each policy with its document: the Get below is then needless.
                answered_by=_owner_detail(owner, {"PolicyNames": f"{owner.capitalize()}PolicyList"}),
            ),
        ),
        details=(
            Call(
                f"get_{owner}_policy",
                params={key: f"{{parent.{key}}}", "PolicyName": "{PolicyName}"},
                unless="PolicyDocument",
            ),
        ),
        id=f"{{parent.{key}}}:{{PolicyName}}",
        label="PolicyName",
        json_arguments=("policy",),
        arguments={"name": "PolicyName", owner: f"parent.{key}", "policy": JsonDocument("PolicyDocument")},
        references={owner: Ref(f"aws_iam_{owner}", "name")},
        inline_in=(InlineIn("aws_iam_role", "role", "inline_policy", named_in("inline_policy")),)
        if owner == "role"
        else (),
    )


# Identities come first: everything else may lean on a role; IAM is global, so one group for the account.
BATCH_GROUPS = (BatchGroup("iam", rank=0, title="IAM", by_place=False),)

SPECS = [
    ResourceSpec(
        tf_type="aws_iam_role",
        service="iam",
        risk="privilege",
        batch_group="iam",
        is_global=True,
        list=Call("list_roles", items="Roles"),
        # ListRoles leaves out tags and the permissions boundary.
        details=(
            Call(
                "get_role",
                params={"RoleName": "{RoleName}"},
                answered_by=FromSource(ACCOUNT_DETAILS, "RoleDetailList", "RoleName", "{RoleName}", _under("Role")),
            ),
        ),
        is_default=StartsWith("Path", SERVICE_LINKED_PATH),
        id="{RoleName}",
        arn=Arn("{Arn}", "iam", "role"),
        name="RoleName",
        json_arguments=("assume_role_policy",),
        arguments={
            "name": "RoleName",
            "path": "Path",
            "description": "Description",  # ListRoles answers these two; the account's details do not
            "assume_role_policy": JsonDocument("AssumeRolePolicyDocument"),
            "max_session_duration": "MaxSessionDuration",
            "permissions_boundary": "Role.PermissionsBoundary.PermissionsBoundaryArn",
            "tags": Tags("Role.Tags"),
        },
        defaults={"path": "/", "max_session_duration": 3600},
        references={"permissions_boundary": Ref("aws_iam_policy", "arn")},
    ),
    _attachment_spec("role"),
    _inline_policy_spec("role"),
    ResourceSpec(
        tf_type="aws_iam_instance_profile",
        service="iam",
        risk="privilege",
        batch_group="iam",
        is_global=True,
        list=Call("list_instance_profiles", items="InstanceProfiles"),
        details=(
            Call(
                "get_instance_profile",
                params={"InstanceProfileName": "{InstanceProfileName}"},
                # A profile holding a role is in that role's record; one without is asked itself.
                answered_by=FromSource(
                    ACCOUNT_DETAILS,
                    "RoleDetailList[].InstanceProfileList",
                    "InstanceProfileName",
                    "{InstanceProfileName}",
                    _under("InstanceProfile"),
                ),
            ),
        ),
        id="{InstanceProfileName}",
        arn=Arn("{Arn}", "iam", "instance-profile"),
        name="InstanceProfileName",
        arguments={
            "name": "InstanceProfileName",
            "path": "Path",
            "role": First("Roles", "RoleName"),
            "tags": Tags("InstanceProfile.Tags"),
        },
        defaults={"path": "/"},
        references={"role": Ref("aws_iam_role", "name")},
    ),
    ResourceSpec(
        tf_type="aws_iam_policy",
        service="iam",
        risk="privilege",
        batch_group="iam",
        is_global=True,
        # Customer-managed policies only: AWS-managed ones (arn:aws:iam::aws:...)
        # are AWS's to change, and attachments refer to them by ARN.
        list=Call("list_policies", items="Policies", params={"Scope": "Local"}),
        details=(
            # ListPolicies leaves out the description and tags; the document
            # is that of the default version.
            Call("get_policy", params={"PolicyArn": "{Arn}"}),
            Call(
                "get_policy_version",
                params={"PolicyArn": "{Arn}", "VersionId": "{DefaultVersionId}"},
                answered_by=FromSource(ACCOUNT_DETAILS, "Policies", "Arn", "{Arn}", _default_version),
            ),
        ),
        id="{Arn}",
        arn=Arn("{Arn}", "iam", "policy"),
        name="PolicyName",
        json_arguments=("policy",),
        arguments={
            "name": "PolicyName",
            "path": "Path",
            "description": "Policy.Description",
            "policy": JsonDocument("PolicyVersion.Document"),
            "tags": Tags("Policy.Tags"),
        },
        defaults={"path": "/"},
    ),
    ResourceSpec(
        tf_type="aws_iam_user",
        service="iam",
        risk="privilege",
        batch_group="iam",
        is_global=True,
        list=Call("list_users", items="Users"),
        # ListUsers leaves out tags and the permissions boundary.
        details=(
            Call(
                "get_user",
                params={"UserName": "{UserName}"},
                answered_by=FromSource(ACCOUNT_DETAILS, "UserDetailList", "UserName", "{UserName}", _under("User")),
            ),
        ),
        id="{UserName}",
        arn=Arn("{Arn}", "iam", "user"),
        name="UserName",
        # Access keys, login profiles (passwords) and MFA devices are never read.
        arguments={
            "name": "UserName",
            "path": "Path",
            "permissions_boundary": "User.PermissionsBoundary.PermissionsBoundaryArn",
            "tags": Tags("User.Tags"),
        },
        defaults={"path": "/"},
        references={"permissions_boundary": Ref("aws_iam_policy", "arn")},
    ),
    ResourceSpec(
        tf_type="aws_iam_group",
        service="iam",
        risk="privilege",
        batch_group="iam",
        is_global=True,
        list=Call("list_groups", items="Groups"),
        id="{GroupName}",
        arn=Arn("{Arn}", "iam", "group"),
        name="GroupName",
        arguments={"name": "GroupName", "path": "Path"},
        defaults={"path": "/"},
    ),
    ResourceSpec(
        tf_type="aws_iam_user_group_membership",
        service="iam",
        risk="privilege",
        batch_group="iam",
        # One membership per user, holding all its groups: the whole answer is
        # the item.  A user can be in at most 10 groups (an IAM quota), so it
        # is always a single page.
        child=Child(
            "aws_iam_user",
            call=Call(
                "list_groups_for_user",
                params={"UserName": "{parent.UserName}"},
                answered_by=_owner_detail("user", _groups_of_user),
            ),
        ),
        include=Has("Groups"),
        id=Format("{parent.UserName}/{groups}", groups=Join(GROUP_NAMES, "/")),
        arguments={"user": "parent.UserName", "groups": GROUP_NAMES},
        references={"user": Ref("aws_iam_user", "name"), "groups[*]": Ref("aws_iam_group", "name")},
        identity=("user",),  # the state ID is a generated one
    ),
    _attachment_spec("user"),
    _inline_policy_spec("user"),
    _attachment_spec("group"),
    _inline_policy_spec("group"),
    ResourceSpec(
        tf_type="aws_iam_access_key",
        service="iam",
        risk="privilege",
        batch_group="iam",
        # Metadata only: ListAccessKeys answers the key ID and status, never
        # the secret (which AWS shows once, when the key is made).
        child=Child(
            "aws_iam_user",
            call=Call("list_access_keys", items="AccessKeyMetadata", params={"UserName": "{parent.UserName}"}),
        ),
        id="{AccessKeyId}",
        label=Const("key"),  # after its user: deploy_bot_key
        arguments={"user": "parent.UserName", "status": "Status"},
        defaults={"status": "Active"},
        references={"user": Ref("aws_iam_user", "name")},
    ),
    ResourceSpec(
        tf_type="aws_iam_openid_connect_provider",
        service="iam",
        risk="privilege",  # its tokens may assume the roles that trust it
        batch_group="iam",
        is_global=True,
        list=Call("list_open_id_connect_providers", items="OpenIDConnectProviderList"),
        details=(Call("get_open_id_connect_provider", params={"OpenIDConnectProviderArn": "{Arn}"}),),
        id="{Arn}",
        arn=Arn("{Arn}", "iam", "oidc-provider"),
        label=TrimPrefix("Url", "https://"),
        arguments={
            # IAM answers the issuer without its scheme; creating one wants it.
            "url": Format("https://{host}", host=TrimPrefix("Url", "https://")),
            "client_id_list": Sorted("ClientIDList"),
            "thumbprint_list": "ThumbprintList",
            "tags": Tags(),
        },
    ),
    ResourceSpec(
        tf_type="aws_iam_saml_provider",
        service="iam",
        risk="privilege",  # its assertions may assume the roles that trust it
        batch_group="iam",
        is_global=True,
        list=Call("list_saml_providers", items="SAMLProviderList"),
        details=(Call("get_saml_provider", params={"SAMLProviderArn": "{Arn}"}),),
        id="{Arn}",
        arn=Arn("{Arn}", "iam", "saml-provider"),
        name=NameFromArn("Arn"),
        arguments={
            "name": NameFromArn("Arn"),
            "saml_metadata_document": "SAMLMetadataDocument",
            "tags": Tags(),
        },
    ),
    ResourceSpec(
        tf_type="aws_iam_account_password_policy",
        service="iam",
        risk="privilege",
        batch_group="iam",
        is_global=True,
        # One per account; NoSuchEntity where no one has set it (AWS's own rules apply).
        list=Call("get_account_password_policy", items="PasswordPolicy", absent_on=("NoSuchEntity",)),
        id="iam-account-password-policy",  # the word the provider documents
        label=Const("account"),
        arguments={
            "minimum_password_length": "MinimumPasswordLength",
            "require_symbols": "RequireSymbols",
            "require_numbers": "RequireNumbers",
            "require_uppercase_characters": "RequireUppercaseCharacters",
            "require_lowercase_characters": "RequireLowercaseCharacters",
            "allow_users_to_change_password": "AllowUsersToChangePassword",
            "max_password_age": "MaxPasswordAge",
            "password_reuse_prevention": "PasswordReusePrevention",
            "hard_expiry": "HardExpiry",
        },
        # Every setting is written, AWS's defaults too: the code says the whole
        # policy, whatever defaults the provider assumes for what is left out.
    ),
    ResourceSpec(
        tf_type="aws_iam_account_alias",
        service="iam",
        risk="privilege",  # the account's sign-in address
        batch_group="iam",
        is_global=True,
        list=Call("list_account_aliases", items="AccountAliases", item_key="AccountAlias"),
        id="{AccountAlias}",
        name="AccountAlias",
        name_argument="account_alias",
        arguments={"account_alias": "AccountAlias"},
    ),
    ResourceSpec(
        tf_type="aws_iam_server_certificate",
        service="iam",
        risk="privilege",  # load balancers and CloudFront prove their identity with it
        batch_group="iam",
        is_global=True,
        list=Call("list_server_certificates", items="ServerCertificateMetadataList"),
        # The public body and chain; IAM never returns the private key.
        details=(Call("get_server_certificate", params={"ServerCertificateName": "{ServerCertificateName}"}),),
        id="{ServerCertificateName}",
        arn=Arn("{Arn}", "iam", "server-certificate"),
        name="ServerCertificateName",
        arguments={
            "name": "ServerCertificateName",
            "path": "Path",
            "certificate_body": "ServerCertificate.CertificateBody",
            "certificate_chain": "ServerCertificate.CertificateChain",
            "private_key": Const(Secret("IAM never returns a server certificate's private key; supply it")),
            "tags": Tags("ServerCertificate.Tags"),
        },
        defaults={"path": "/"},
    ),
]
