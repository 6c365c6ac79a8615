"""Amazon MSK (managed Kafka) provisioned clusters."""

from __future__ import annotations

from ..spec import Arn, Call, Flag, Is, Not, Ref, ResourceSpec, Sorted, StartsWith, Tags, Unless, When

_INFO = "ClusterInfo"
_NODES = f"{_INFO}.BrokerNodeGroupInfo"
_TRANSIT = f"{_INFO}.EncryptionInfo.EncryptionInTransit"
_LOGS = f"{_INFO}.LoggingInfo.BrokerLogs"

SPECS = [
    ResourceSpec(
        tf_type="aws_msk_cluster",
        service="kafka",
        name_argument="cluster_name",
        list=Call("list_clusters", items="ClusterInfoList"),
        # The whole description (a listing may leave parts out).
        details=(Call("describe_cluster", params={"ClusterArn": "{ClusterArn}"}),),
        id="{ClusterArn}",
        arn=Arn("{ClusterArn}", "kafka", "cluster"),
        name="ClusterName",
        # The topics' data lives on the brokers' volumes.
        stateful=True,
        arguments={
            "cluster_name": f"{_INFO}.ClusterName",
            "kafka_version": f"{_INFO}.CurrentBrokerSoftwareInfo.KafkaVersion",
            "number_of_broker_nodes": f"{_INFO}.NumberOfBrokerNodes",
            "enhanced_monitoring": Unless(f"{_INFO}.EnhancedMonitoring", "DEFAULT"),
            "storage_mode": Unless(f"{_INFO}.StorageMode", "LOCAL"),
            "broker_node_group_info": {
                "instance_type": f"{_NODES}.InstanceType",
                "client_subnets": Sorted(f"{_NODES}.ClientSubnets"),
                "security_groups": Sorted(f"{_NODES}.SecurityGroups"),
                "az_distribution": Unless(f"{_NODES}.BrokerAZDistribution", "DEFAULT"),
                "storage_info": {
                    "ebs_storage_info": {
                        "volume_size": f"{_NODES}.StorageInfo.EbsStorageInfo.VolumeSize",
                        "provisioned_throughput": {
                            "enabled": f"{_NODES}.StorageInfo.EbsStorageInfo.ProvisionedThroughput.Enabled",
                            "volume_throughput": f"{_NODES}.StorageInfo.EbsStorageInfo.ProvisionedThroughput"
                            ".VolumeThroughput",
                        },
                    }
                },
            },
            "client_authentication": {
                "unauthenticated": Flag(f"{_INFO}.ClientAuthentication.Unauthenticated.Enabled"),
                "sasl": {
                    "iam": Flag(f"{_INFO}.ClientAuthentication.Sasl.Iam.Enabled"),
                    "scram": Flag(f"{_INFO}.ClientAuthentication.Sasl.Scram.Enabled"),
                },
                "tls": {
                    "certificate_authority_arns": Sorted(
                        f"{_INFO}.ClientAuthentication.Tls.CertificateAuthorityArnList"
                    )
                },
            },
            # A cluster made without a configuration reports a placeholder, not an ARN.
            "configuration_info": When(
                StartsWith(f"{_INFO}.CurrentBrokerSoftwareInfo.ConfigurationArn", "arn:"),
                {
                    "arn": f"{_INFO}.CurrentBrokerSoftwareInfo.ConfigurationArn",
                    "revision": f"{_INFO}.CurrentBrokerSoftwareInfo.ConfigurationRevision",
                },
            ),
            "encryption_info": {
                "encryption_at_rest_kms_key_arn": f"{_INFO}.EncryptionInfo.EncryptionAtRest.DataVolumeKMSKeyId",
                # TLS between clients and brokers, and within the cluster, are the defaults.
                "encryption_in_transit": {
                    "client_broker": Unless(f"{_TRANSIT}.ClientBroker", "TLS"),
                    "in_cluster": When(Is(f"{_TRANSIT}.InCluster", False), f"{_TRANSIT}.InCluster"),
                },
            },
            "open_monitoring": When(
                Not(Is(f"{_INFO}.OpenMonitoring.Prometheus", None, {})),
                {
                    "prometheus": {
                        "jmx_exporter": {
                            "enabled_in_broker": f"{_INFO}.OpenMonitoring.Prometheus.JmxExporter.EnabledInBroker"
                        },
                        "node_exporter": {
                            "enabled_in_broker": f"{_INFO}.OpenMonitoring.Prometheus.NodeExporter.EnabledInBroker"
                        },
                    }
                },
            ),
            "logging_info": {
                "broker_logs": {
                    "cloudwatch_logs": When(
                        Is(f"{_LOGS}.CloudWatchLogs.Enabled", True),
                        {"enabled": f"{_LOGS}.CloudWatchLogs.Enabled", "log_group": f"{_LOGS}.CloudWatchLogs.LogGroup"},
                    ),
                    "firehose": When(
                        Is(f"{_LOGS}.Firehose.Enabled", True),
                        {
                            "enabled": f"{_LOGS}.Firehose.Enabled",
                            "delivery_stream": f"{_LOGS}.Firehose.DeliveryStream",
                        },
                    ),
                    "s3": When(
                        Is(f"{_LOGS}.S3.Enabled", True),
                        {
                            "enabled": f"{_LOGS}.S3.Enabled",
                            "bucket": f"{_LOGS}.S3.Bucket",
                            "prefix": f"{_LOGS}.S3.Prefix",
                        },
                    ),
                }
            },
            "tags": Tags(f"{_INFO}.Tags"),
        },
        references={
            "broker_node_group_info.client_subnets[*]": Ref("aws_subnet"),
            "broker_node_group_info.security_groups[*]": Ref("aws_security_group"),
            "encryption_info.encryption_at_rest_kms_key_arn": Ref("aws_kms_key", "arn"),
            "logging_info.broker_logs.cloudwatch_logs.log_group": Ref("aws_cloudwatch_log_group", "name"),
            "logging_info.broker_logs.firehose.delivery_stream": Ref("aws_kinesis_firehose_delivery_stream", "name"),
            "logging_info.broker_logs.s3.bucket": Ref("aws_s3_bucket"),
        },
    ),
]
