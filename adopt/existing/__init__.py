"""Existing Terraform: state files (local, S3, `terraform show -json`) and code."""
