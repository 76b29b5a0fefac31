"""Blob stores: S3 (aiobotocore) and a local directory."""
