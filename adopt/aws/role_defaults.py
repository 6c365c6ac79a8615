"""How adopt enters each account of an organization unless told otherwise.

Apart from :mod:`adopt.aws.accounts` so that the CLI can show them as option
defaults without importing boto3, which only the commands that call AWS need.
"""

DEFAULT_ROLE_NAME = "OrganizationAccountAccessRole"
DEFAULT_SESSION_NAME = "adopt-scan"
