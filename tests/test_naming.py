"""Labels: valid, readable, unique per type, the same on every run."""

from __future__ import annotations

import random

from adopt.model import Reference, Resource
from adopt.naming import assign_labels, sanitize


def r(tf_type, rid, label=None, parent=None, references=()):
    return Resource(
        type=tf_type, id=rid, import_id=rid, region="us-east-1", label=label, parent=parent, references=list(references)
    )


def test_sanitize():
    assert sanitize("Web Server #1") == "web_server_1"
    assert sanitize("1st-db") == "r_1st_db"
    assert sanitize("0.0.0.0/0", leading=False) == "0_0_0_0_0"
    assert sanitize("---") == ""
    assert len(sanitize("x" * 200)) <= 64


def test_unique_and_stable_whatever_the_order():
    resources = [
        r("aws_instance", "i-2", "web"),
        r("aws_instance", "i-1", "web"),
        r("aws_instance", "i-3", None),
        r("aws_subnet", "subnet-1", "web"),
    ]
    first = assign_labels(resources)
    for _ in range(5):
        random.shuffle(resources)
        assert assign_labels(resources) == first
    assert first[("aws_instance", "us-east-1", "i-1")] == "web"
    assert first[("aws_instance", "us-east-1", "i-2")] == "web_2"
    assert first[("aws_instance", "us-east-1", "i-3")] == "i_3"
    assert first[("aws_subnet", "us-east-1", "subnet-1")] == "web"  # unique per type only


def test_children_and_label_from():
    bucket = r("aws_s3_bucket", "my-bucket", "files")
    versioning = r("aws_s3_bucket_versioning", "my-bucket", parent={"type": "aws_s3_bucket", "id": "my-bucket"})
    table = r("aws_route_table", "rtb-1", "public")
    route = r("aws_route", "rtb-1_0.0.0.0/0", "default", parent={"type": "aws_route_table", "id": "rtb-1"})
    subnet = r("aws_subnet", "subnet-1", "public-a")
    association = r(
        "aws_route_table_association",
        "rtbassoc-1",
        "subnet-1",
        parent={"type": "aws_route_table", "id": "rtb-1"},
        references=[Reference("subnet_id", "aws_subnet", "id", "subnet-1")],
    )
    labels = assign_labels([association, route, versioning, bucket, table, subnet])
    assert labels[versioning.key] == "files"
    assert labels[route.key] == "public_default"
    assert labels[association.key] == "public_a"
