"""adopt: bring hand-made AWS estates under Terraform."""

__version__ = "0.1.0"
