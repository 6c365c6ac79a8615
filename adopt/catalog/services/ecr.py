"""ECR repositories, their lifecycle and access policies; the registry's replication and pull-through cache rules."""

from __future__ import annotations

from ..common import own_region
from ..spec import (
    Arn,
    Call,
    Child,
    Const,
    Each,
    Has,
    Is,
    JsonDocument,
    ListOf,
    Not,
    Ref,
    ResourceSpec,
    Tags,
    TagsCall,
    When,
)

_ENCRYPTION = "encryptionConfiguration"

SPECS = [
    ResourceSpec(
        tf_type="aws_ecr_repository",
        service="ecr",
        list=Call("describe_repositories", items="repositories"),
        details=(TagsCall(resourceArn="{repositoryArn}", answer="tags"),),
        id="{repositoryName}",
        arn=Arn("{repositoryArn}", "ecr", "repository"),
        name="repositoryName",
        stateful=True,  # it holds the images
        exports={"repository_url": "repositoryUri"},  # an image is "<repository url>:<tag>"
        arguments={
            "name": "repositoryName",
            "image_tag_mutability": "imageTagMutability",
            "image_tag_mutability_exclusion_filter": Each(
                "imageTagMutabilityExclusionFilters", {"filter": "filter", "filter_type": "filterType"}
            ),
            "image_scanning_configuration": When(
                Has("imageScanningConfiguration.scanOnPush"), ListOf({"scan_on_push": Const(True)})
            ),
            # AES256 is what every repository gets unless told otherwise: the provider's default.
            "encryption_configuration": When(
                Not(Is(f"{_ENCRYPTION}.encryptionType", None, "AES256")),
                ListOf({"encryption_type": f"{_ENCRYPTION}.encryptionType", "kms_key": f"{_ENCRYPTION}.kmsKey"}),
            ),
            "tags": Tags(),
        },
        defaults={"image_tag_mutability": "MUTABLE"},
        references={"encryption_configuration[*].kms_key": Ref("aws_kms_key", "arn")},
    ),
    ResourceSpec(
        tf_type="aws_ecr_lifecycle_policy",
        service="ecr",
        child=Child(
            "aws_ecr_repository",
            call=Call(
                "get_lifecycle_policy",
                params={"repositoryName": "{parent.repositoryName}"},
                absent_on=("LifecyclePolicyNotFoundException",),
            ),
        ),
        include=Has("lifecyclePolicyText"),
        id="{parent.repositoryName}",
        arguments={
            "repository": "parent.repositoryName",
            "policy": JsonDocument("lifecyclePolicyText"),
        },
        references={"repository": Ref("aws_ecr_repository", "name")},
    ),
    ResourceSpec(
        tf_type="aws_ecr_repository_policy",
        service="ecr",
        child=Child(
            "aws_ecr_repository",
            call=Call(
                "get_repository_policy",
                params={"repositoryName": "{parent.repositoryName}"},
                absent_on=("RepositoryPolicyNotFoundException",),
            ),
        ),
        include=Has("policyText"),
        id="{parent.repositoryName}",
        risk="privilege",  # who may pull and push the images
        arguments={
            "repository": "parent.repositoryName",
            "policy": JsonDocument("policyText"),
        },
        references={"repository": Ref("aws_ecr_repository", "name")},
    ),
    ResourceSpec(
        tf_type="aws_ecr_replication_configuration",
        service="ecr",
        # One per registry and region: the registry's own answer.
        list=Call("describe_registry"),
        include=Has("replicationConfiguration.rules"),
        id="{registryId}",
        name_argument=None,
        label=Const("registry"),
        arguments={
            "replication_configuration": {
                "rule": Each(
                    "replicationConfiguration.rules",
                    {
                        "destination": Each("destinations", {"region": own_region, "registry_id": "registryId"}),
                        "repository_filter": Each(
                            "repositoryFilters", {"filter": "filter", "filter_type": "filterType"}
                        ),
                    },
                ),
            },
        },
    ),
    ResourceSpec(
        tf_type="aws_ecr_pull_through_cache_rule",
        service="ecr",
        list=Call("describe_pull_through_cache_rules", items="pullThroughCacheRules"),
        id="{ecrRepositoryPrefix}",
        name="ecrRepositoryPrefix",
        name_argument="ecr_repository_prefix",
        arguments={
            "ecr_repository_prefix": "ecrRepositoryPrefix",
            "upstream_registry_url": "upstreamRegistryUrl",
            "upstream_repository_prefix": "upstreamRepositoryPrefix",
            # The ARN of the Secrets Manager secret with the upstream's
            # credentials: a pointer, never the credentials themselves.
            "credential_arn": "credentialArn",
            "custom_role_arn": "customRoleArn",
        },
        references={
            "credential_arn": Ref("aws_secretsmanager_secret", "arn"),
            "custom_role_arn": Ref("aws_iam_role", "arn"),
        },
    ),
]
