"""GuardDuty detectors (one per Region that has GuardDuty on).  Its
protection plans are aws_guardduty_detector_feature in provider 6, not the
deprecated ``datasources`` block, which is left out."""

from __future__ import annotations

from ..spec import Call, Const, Is, ResourceSpec, Tags

SPECS = [
    ResourceSpec(
        tf_type="aws_guardduty_detector",
        service="guardduty",
        list=Call("list_detectors", items="DetectorIds", item_key="DetectorId"),
        details=(Call("get_detector", params={"DetectorId": "{DetectorId}"}),),
        id="{DetectorId}",
        arn="arn:aws:guardduty:{region}:{account}:detector/{DetectorId}",
        label=Const("detector"),
        arguments={
            "enable": Is("Status", "ENABLED"),
            "finding_publishing_frequency": "FindingPublishingFrequency",
            "tags": Tags(),
        },
        defaults={"enable": True},
    ),
]
