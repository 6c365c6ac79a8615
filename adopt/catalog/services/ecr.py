"""ECR repositories and their lifecycle policies."""

from __future__ import annotations

from ..spec import Call, Each, JsonDocument, Ref, ResourceSpec, Tags


def _encryption(item, ctx):
    config = item.get("encryptionConfiguration") or {}
    # AES256 is what every repository gets unless told otherwise: the provider's default.
    if config.get("encryptionType") in (None, "AES256"):
        return None
    return [{"encryption_type": config["encryptionType"], "kms_key": config.get("kmsKey")}]


def _scan_on_push(item, ctx):
    scan = (item.get("imageScanningConfiguration") or {}).get("scanOnPush")
    return [{"scan_on_push": True}] if scan else None


SPECS = [
    ResourceSpec(
        tf_type="aws_ecr_repository",
        service="ecr",
        list=Call("describe_repositories", items="repositories"),
        details=(
            Call(
                "list_tags_for_resource",
                params={"resourceArn": "{repositoryArn}"},
                merge_into="tags",
                items="tags",
            ),
        ),
        id="{repositoryName}",
        arn="{repositoryArn}",
        name="repositoryName",
        stateful=True,  # it holds the images
        arguments={
            "name": "repositoryName",
            "image_tag_mutability": "imageTagMutability",
            "image_tag_mutability_exclusion_filter": Each(
                "imageTagMutabilityExclusionFilters", {"filter": "filter", "filter_type": "filterType"}
            ),
            "image_scanning_configuration": _scan_on_push,
            "encryption_configuration": _encryption,
            "tags": Tags("tags"),
        },
        defaults={"image_tag_mutability": "MUTABLE"},
        references={"encryption_configuration[*].kms_key": Ref("aws_kms_key", "arn")},
    ),
    ResourceSpec(
        tf_type="aws_ecr_lifecycle_policy",
        service="ecr",
        parent="aws_ecr_repository",
        list=Call(
            "get_lifecycle_policy",
            params={"repositoryName": "{parent.repositoryName}"},
            absent_on=("LifecyclePolicyNotFoundException",),
        ),
        include=lambda item, ctx: bool(item.get("lifecyclePolicyText")),
        id="{parent.repositoryName}",
        arguments={
            "repository": "parent.repositoryName",
            "policy": JsonDocument("lifecyclePolicyText"),
        },
        references={"repository": Ref("aws_ecr_repository", "name")},
    ),
]
