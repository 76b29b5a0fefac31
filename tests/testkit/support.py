"""Helpers shared by tests (not fixtures)."""

from immportal.settings import Settings
from testkit.checkpoint_keys import checkpoint_keys_file
from testkit.signing_files import signing_settings

TEST_CIPHER_KEY = "dGVzdHMgb25seTogbm90IGEgcmVhbCBBRVMga2V5ISE="
"""Base64 of "tests only: not a real AES key!!" (32 bytes): test events are encrypted too."""


def make_settings(database_url: str, **overrides: object) -> Settings:
    """Settings for a test: its own database, encrypted events, signing keys, fast polling."""
    values: dict[str, object] = {
        "database_url": database_url,
        "cipher_key": TEST_CIPHER_KEY,
        "checkpoint_key_file": checkpoint_keys_file(),
        **signing_settings(),
        "projection_idle_wait": 0.05,
        "notification_retry_delay": 1.0,
        "log_level": "warning",
    }
    values.update(overrides)
    return Settings(**values)  # type: ignore[arg-type]
