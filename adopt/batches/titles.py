"""What a batch is called: the batch groups it holds, by the names people use.

``IAM``; ``network and EC2 of vpc legacy-prod``; ``KMS, SNS and SQS in
eu-west-1``.  A batch that packs many places together is summed up rather than
listed (``network of 10 VPCs in us-east-1``), so a title stays a title.

Titles hold names from AWS (a VPC's ``Name`` tag): they go into the plan file,
``ADOPTION-N.md`` and pull request titles, and each writer escapes them there.
Here they are only kept on one line and short.
"""

from __future__ import annotations

from collections import Counter
from typing import NamedTuple

from ..catalog import registry
from ..model import ResourceKey


class GroupKey(NamedTuple):
    """A batch group at one place: (``network``, ``eu-west-1``, (``vpc-1``,)).

    ``region`` is empty for what is account-wide (IAM); ``containers`` are
    the VPCs the group's resources are in (none: the region as a whole).
    """

    name: str
    region: str
    containers: tuple[str, ...] = ()


# Services as people name them; one missing here is named from its API's name.
SERVICE_NAMES = {
    "acm": "ACM",
    "apigateway": "API Gateway",
    "apigatewayv2": "API Gateway v2",
    "application-autoscaling": "Application Auto Scaling",
    "appsync": "AppSync",
    "autoscaling": "Auto Scaling",
    "cloudfront": "CloudFront",
    "cloudtrail": "CloudTrail",
    "cloudwatch": "CloudWatch",
    "codebuild": "CodeBuild",
    "codecommit": "CodeCommit",
    "codedeploy": "CodeDeploy",
    "codepipeline": "CodePipeline",
    "cognito-identity": "Cognito identity pools",
    "cognito-idp": "Cognito user pools",
    "dynamodb": "DynamoDB",
    "elasticache": "ElastiCache",
    "elb": "Classic Load Balancing",
    "elbv2": "Load Balancing",
    "events": "EventBridge",
    "firehose": "Firehose",
    "guardduty": "GuardDuty",
    "kafka": "MSK",
    "logs": "CloudWatch Logs",
    "memorydb": "MemoryDB",
    "mq": "Amazon MQ",
    "opensearch": "OpenSearch",
    "pipes": "EventBridge Pipes",
    "route53": "Route 53",
    "route53resolver": "Route 53 Resolver",
    "s3control": "S3 Control",
    "scheduler": "EventBridge Scheduler",
    "secretsmanager": "Secrets Manager",
    "securityhub": "Security Hub",
    "servicediscovery": "Cloud Map",
    "sesv2": "SES",
    "ssm": "Systems Manager",
    "stepfunctions": "Step Functions",
    "transfer": "Transfer Family",
    "wafv2": "WAF",
}
EVERYTHING = "resources"  # the group of a cut by place alone: "resources in eu-west-1"
MOST_NAMED = 4  # services named in one part of a title; more are counted
MOST_PLACES = 3  # VPCs or regions named; more are counted
LONGEST_NAME = 40  # characters of a VPC's Name tag shown
LONGEST_TITLE = 120  # past this, places and services are counted rather than named


def service_title(name: str) -> str:
    """``kms`` -> ``KMS``, ``logs`` -> ``CloudWatch Logs``; declared groups have their own."""
    declared = registry.declared_batch_groups().get(name)
    if declared is not None:
        return declared.title or name
    if name in SERVICE_NAMES:
        return SERVICE_NAMES[name]
    if name == EVERYTHING:
        return name
    return name.upper() if len(name) <= 3 or any(ch.isdigit() for ch in name) else name.capitalize()


class Places:
    """How the VPCs of a plan are named: by their Name tag where it tells
    them apart, by ID where it does not (or there is none)."""

    def __init__(self, containers: dict[ResourceKey, str | None]) -> None:
        self._kind = {k.id: k.type.removeprefix("aws_").replace("_", " ") for k in containers}
        self._region = {k.id: k.region for k in containers}
        self._names = {k.id: _one_line(name) for k, name in containers.items() if name and _one_line(name)}
        self._count = Counter(self._names.values())
        self._count_here = Counter((name, self._region[c]) for c, name in self._names.items())

    def container(self, container_id: str) -> str:
        """``vpc legacy-prod``; ``vpc main (eu-west-1)`` or ``vpc main (vpc-0a1)`` when
        others share the name; ``vpc-0a1`` when it has none."""
        kind = self._kind.get(container_id, "vpc")
        name = self._names.get(container_id)
        if name is None:
            prefix = kind.replace(" ", "-") + "-"
            return container_id if container_id.startswith(prefix) else f"{kind} {container_id}"
        if self._count[name] == 1:
            return f"{kind} {name}"
        if self._count_here[(name, self._region[container_id])] == 1:
            return f"{kind} {name} ({self._region[container_id]})"
        return f"{kind} {name} ({container_id})"

    def kind_of(self, container_id: str) -> str:
        return self._kind.get(container_id, "vpc")


def batch_title(groups: list[GroupKey], places: Places, part: tuple[int, int] | None = None) -> str:
    """The title of a batch holding ``groups`` (in batch order); ``part``:
    (k, n) when it holds one group only, cut into n batches."""
    segments: dict[tuple[str, tuple[str, ...]], list[str]] = {}  # place -> services there
    for group in groups:
        titles = segments.setdefault(_place(group), [])
        title = service_title(group.name)
        if title not in titles:
            titles.append(title)
    text = ""
    if len(segments) <= MOST_PLACES:
        text = "; ".join(_segment(titles, place, places) for place, titles in segments.items())
    # Ever shorter sums, until one fits: a pull request title is read at a glance.
    for most_places, most_named in ((MOST_PLACES, MOST_NAMED), (1, 2), (0, 1), (0, 0)):
        if text and len(text) <= LONGEST_TITLE:
            break
        text = _summary(segments, places, most_places, most_named)
    if part is not None and len(groups) == 1:
        text += f" (part {part[0]} of {part[1]})"
    return text


def _place(group: GroupKey) -> tuple[str, tuple[str, ...]]:
    return ("" if group.region == "global" else group.region, group.containers)


def _segment(titles: list[str], place: tuple[str, tuple[str, ...]], places: Places) -> str:
    region, containers = place
    services = _listed(titles)
    if containers:
        return f"{services} of {_and([places.container(c) for c in containers])}"
    return f"{services} in {region}" if region else services


def _summary(
    segments: dict[tuple[str, tuple[str, ...]], list[str]], places: Places, most_places: int, most_named: int
) -> str:
    """Many places: what is account-wide, then what is in the VPCs, then what is regional;
    past ``most_places`` places and ``most_named`` services, they are counted."""
    in_containers: list[str] = []
    containers: list[str] = []
    regional: list[str] = []
    regions: list[str] = []
    account_wide: list[str] = []
    for (region, where), titles in segments.items():
        if where:
            _extend(in_containers, titles)
            _extend(containers, list(where))
        elif region:
            _extend(regional, titles)
            _extend(regions, [region])
        else:
            _extend(account_wide, titles)
    parts = []
    if account_wide:
        parts.append(_listed(account_wide, most_named))
    if in_containers:
        if len(containers) <= most_places:
            where = _and([places.container(c) for c in containers])
        else:
            container_regions = sorted({region for (region, where) in segments if where and region})
            kinds = sorted({places.kind_of(c) for c in containers})
            kind = kinds[0].upper() if len(kinds) == 1 and len(kinds[0]) <= 3 else "container"
            kind += "s" if len(containers) > 1 else ""
            where = f"{len(containers)} {kind}" + (f" in {_and(container_regions)}" if container_regions else "")
        parts.append(f"{_listed(in_containers, most_named)} of {where}")
    if regional:
        shown = _and(sorted(regions)) if len(regions) <= max(most_places, 2) else f"{len(regions)} regions"
        parts.append(f"{_listed(regional, most_named)} in {shown}")
    return "; ".join(parts)


def _extend(items: list[str], more: list[str]) -> None:
    items.extend(x for x in more if x not in items)


def _listed(titles: list[str], most_named: int = MOST_NAMED) -> str:
    if most_named == 0 and len(titles) > 1:
        return f"{len(titles)} services"
    if len(titles) > most_named + 1:
        return ", ".join(titles[:most_named]) + f" and {len(titles) - most_named} more services"
    return _and(titles)


def _and(names: list[str]) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def _one_line(name: str) -> str:
    """A Name tag on one line, without control characters, at most LONGEST_NAME characters."""
    shown = " ".join("".join(ch if ch.isprintable() else " " for ch in name).split())
    return shown if len(shown) <= LONGEST_NAME else shown[: LONGEST_NAME - 1] + "…"
