"""Amazon MQ brokers.  User passwords are never read (AWS does not return them):
each user's password is a sensitive variable the user supplies."""

from __future__ import annotations

from ..spec import Arn, Call, Const, Each, Flag, Has, Not, Ref, ResourceSpec, Secret, Sorted, Tags, When

PASSWORD = "Amazon MQ never returns a broker user's password; supply it"

SPECS = [
    ResourceSpec(
        tf_type="aws_mq_broker",
        service="mq",
        name_argument="broker_name",
        list=Call("list_brokers", items="BrokerSummaries"),
        details=(Call("describe_broker", params={"BrokerId": "{BrokerId}"}),),
        id="{BrokerId}",
        arn=Arn("{BrokerArn}", "mq", "broker"),
        name="BrokerName",
        # Its queues hold messages: a replacement loses them.
        stateful=True,
        arguments={
            "broker_name": "BrokerName",
            "engine_type": "EngineType",
            "engine_version": "EngineVersion",
            "host_instance_type": "HostInstanceType",
            "deployment_mode": "DeploymentMode",
            "storage_type": "StorageType",
            "authentication_strategy": "AuthenticationStrategy",
            "publicly_accessible": Flag("PubliclyAccessible"),
            "auto_minor_version_upgrade": Flag("AutoMinorVersionUpgrade"),
            "security_groups": Sorted("SecurityGroups"),
            "subnet_ids": Sorted("SubnetIds"),
            "configuration": {"id": "Configurations.Current.Id", "revision": "Configurations.Current.Revision"},
            # AWS's own key unless a customer key is named.
            "encryption_options": When(
                Has("EncryptionOptions.KmsKeyId"),
                {"kms_key_id": "EncryptionOptions.KmsKeyId", "use_aws_owned_key": Const(False)},
            ),
            "logs": {"audit": When(Has("Logs.Audit"), Const("true")), "general": Flag("Logs.General")},
            "maintenance_window_start_time": {
                "day_of_week": "MaintenanceWindowStartTime.DayOfWeek",
                "time_of_day": "MaintenanceWindowStartTime.TimeOfDay",
                "time_zone": "MaintenanceWindowStartTime.TimeZone",
            },
            # The provider requires each user's password; AWS never gives it back.
            "user": Each(
                "Users",
                {"username": "Username", "password": Const(Secret(PASSWORD))},
                where=Not(Has("PendingChange")),
            ),
            "tags": Tags(),
        },
        defaults={"deployment_mode": "SINGLE_INSTANCE"},
        references={
            "security_groups[*]": Ref("aws_security_group"),
            "subnet_ids[*]": Ref("aws_subnet"),
            "encryption_options.kms_key_id": Ref("aws_kms_key", "arn"),
        },
    ),
]
