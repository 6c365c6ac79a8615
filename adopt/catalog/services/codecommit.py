"""CodeCommit repositories."""

from __future__ import annotations

from ..spec import Arn, Call, Ref, ResourceSpec, Tags, TagsCall

SPECS = [
    ResourceSpec(
        tf_type="aws_codecommit_repository",
        service="codecommit",
        list=Call("list_repositories", items="repositories"),
        details=(
            Call("get_repository", items="repositoryMetadata", params={"repositoryName": "{repositoryName}"}),
            TagsCall(resourceArn="{Arn}"),
        ),
        id="{repositoryName}",
        arn=Arn("{Arn}", "codecommit"),
        name="repositoryName",
        name_argument="repository_name",
        stateful=True,  # it holds the code and its history
        arguments={
            "repository_name": "repositoryName",
            "description": "repositoryDescription",
            "default_branch": "defaultBranch",
            "kms_key_id": "kmsKeyId",
            "tags": Tags("tags"),
        },
        references={"kms_key_id": Ref("aws_kms_key", "arn")},
    ),
]
