"""The long tail: resources adopt has no curated spec for, read through Cloud
Control and written as the hashicorp/awscc provider's ``awscc_*`` resources.

The awscc provider is generated from the CloudFormation resource schemas
that Cloud Control reads, so the mapping is mechanical and comes from data:

* ``cfn.py``: the CloudFormation facts of each type (``cfn-schemas.json.gz``,
  built by ``scripts/build_longtail_types.py`` from cfn-lint's schemas);
* ``types.py``: which ``awscc_*`` type a CloudFormation type is (the awscc
  schema decides);
* ``properties.py``: a resource's CloudFormation properties as awscc arguments;
* ``read.py``: which census entries to read, and the reads (Cloud Control's
  ``GetResource``, through the census's calls and their error capture);
* ``resources.py``: one inventory resource from one read;
* the spec every ``awscc_*`` type gets, so that later stages treat it like
  any other type, is :func:`adopt.catalog.cloudcontrol.spec_for`.
"""
