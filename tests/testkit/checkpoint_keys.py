"""A fixed checkpoint keys file for tests, as TEST_CIPHER_KEY is a fixed cipher key."""

import hashlib
import os
import tempfile
from datetime import UTC, datetime
from pathlib import Path

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from immportal.adapters.signing.keyring import SigningKey

TEST_KEY_NAME = "tests.immportal.example/log"
TEST_KEY_SEED = hashlib.sha256(b"tests only: not a real checkpoint key").digest()
TEST_KEY_FROM = datetime(2020, 1, 1, tzinfo=UTC)


def fixed_signing_key() -> SigningKey:
    """The tests' checkpoint key (the same in every process)."""
    private = Ed25519PrivateKey.from_private_bytes(TEST_KEY_SEED)
    public = private.public_key().public_bytes_raw()
    return SigningKey(TEST_KEY_NAME, public, TEST_KEY_FROM, private=private)


def checkpoint_keys_file() -> Path:
    """A keys file holding the tests' key, written once per machine (the same bytes each time)."""
    text = f"# tests only\n{fixed_signing_key().line()}\n"
    digest = hashlib.sha256(text.encode()).hexdigest()[:12]
    path = Path(tempfile.gettempdir()) / f"immportal-test-checkpoint-keys-{digest}"
    if not path.exists():
        # Written aside and renamed: test processes starting together never read half a file.
        aside = path.with_name(f"{path.name}.{os.getpid()}.tmp")
        aside.write_text(text, encoding="utf-8")
        aside.replace(path)
    return path
