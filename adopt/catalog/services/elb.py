"""Classic load balancers (Elastic Load Balancing, the first version)."""

from __future__ import annotations

from ..spec import (
    Call,
    Each,
    Has,
    Is,
    Lookup,
    Lower,
    Not,
    Ref,
    ResourceSpec,
    Sorted,
    Tags,
    TagsCall,
    When,
)

ATTRIBUTES = "LoadBalancerAttributes."

SPECS = [
    ResourceSpec(
        tf_type="aws_elb",
        service="elb",
        list=Call("describe_load_balancers", items="LoadBalancerDescriptions"),
        details=(
            Call("describe_load_balancer_attributes", params={"LoadBalancerName": "{LoadBalancerName}"}),
            # DescribeTags answers one TagDescription per name.
            TagsCall("describe_tags", LoadBalancerNames=["{LoadBalancerName}"], answer="TagDescriptions[].Tags"),
        ),
        id="{LoadBalancerName}",
        arn="arn:aws:elasticloadbalancing:{region}:{account}:loadbalancer/{LoadBalancerName}",
        name="LoadBalancerName",
        # Registered instances are left out (optional and computed): an Auto
        # Scaling group that names the load balancer registers its own, and
        # writing them would fight it.
        arguments={
            "name": "LoadBalancerName",
            "internal": Is("Scheme", "internal"),
            "subnets": Sorted("Subnets"),
            # Outside a VPC only: the provider takes one or the other.
            "availability_zones": When(Not(Has("Subnets")), Sorted("AvailabilityZones")),
            "security_groups": Sorted("SecurityGroups"),
            "listener": Each(
                "ListenerDescriptions",
                {
                    "lb_port": "Listener.LoadBalancerPort",
                    "lb_protocol": Lower("Listener.Protocol"),
                    "instance_port": "Listener.InstancePort",
                    "instance_protocol": Lower("Listener.InstanceProtocol"),
                    "ssl_certificate_id": "Listener.SSLCertificateId",
                },
                sort_by="lb_port",
            ),
            "health_check": {
                "target": "HealthCheck.Target",
                "interval": "HealthCheck.Interval",
                "timeout": "HealthCheck.Timeout",
                "healthy_threshold": "HealthCheck.HealthyThreshold",
                "unhealthy_threshold": "HealthCheck.UnhealthyThreshold",
            },
            "access_logs": When(
                Has(ATTRIBUTES + "AccessLog.Enabled"),
                {
                    "bucket": ATTRIBUTES + "AccessLog.S3BucketName",
                    "bucket_prefix": ATTRIBUTES + "AccessLog.S3BucketPrefix",
                    "interval": ATTRIBUTES + "AccessLog.EmitInterval",
                },
            ),
            "cross_zone_load_balancing": ATTRIBUTES + "CrossZoneLoadBalancing.Enabled",
            "idle_timeout": ATTRIBUTES + "ConnectionSettings.IdleTimeout",
            "connection_draining": ATTRIBUTES + "ConnectionDraining.Enabled",
            "connection_draining_timeout": ATTRIBUTES + "ConnectionDraining.Timeout",
            "desync_mitigation_mode": Lookup(ATTRIBUTES + "AdditionalAttributes", "elb.http.desyncmitigationmode"),
            "tags": Tags(),
        },
        defaults={
            "internal": False,
            "cross_zone_load_balancing": True,
            "idle_timeout": 60,
            "connection_draining": False,
            "connection_draining_timeout": 300,
            "desync_mitigation_mode": "defensive",
        },
        references={
            "subnets[*]": Ref("aws_subnet"),
            "security_groups[*]": Ref("aws_security_group"),
            "listener[*].ssl_certificate_id": Ref(
                {"acm": "aws_acm_certificate", "iam": "aws_iam_server_certificate"}, "arn"
            ),
            "access_logs.bucket": Ref("aws_s3_bucket"),
        },
    ),
]
