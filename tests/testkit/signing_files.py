"""Document-signing and credential keys for tests, made once per machine (as checkpoint keys)."""

import hashlib
import os
import tempfile
from datetime import UTC, datetime
from pathlib import Path

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from immportal.adapters.signing.document_certificates import (
    CHAIN_FILE,
    KEY_FILE,
    development_identity,
    write_identity,
)
from immportal.adapters.signing.keyring import SigningKey

TEST_CREDENTIAL_KEY_NAME = "tests.immportal.example/credentials"
TEST_CREDENTIAL_SEED = hashlib.sha256(b"tests only: not a real credential key").digest()
TEST_KEY_FROM = datetime(2020, 1, 1, tzinfo=UTC)


def document_signing_files() -> tuple[Path, Path]:
    """The tests' document-signing key and chain (a development CA), made on first use."""
    folder = Path(tempfile.gettempdir()) / "immportal-test-document-signing-1"
    if not folder.exists():
        write_identity(folder, development_identity("immportal tests", datetime.now(UTC)))
    return folder / KEY_FILE, folder / CHAIN_FILE


def fixed_credential_key() -> SigningKey:
    """The tests' credential key (the same in every process)."""
    private = Ed25519PrivateKey.from_private_bytes(TEST_CREDENTIAL_SEED)
    public = private.public_key().public_bytes_raw()
    return SigningKey(TEST_CREDENTIAL_KEY_NAME, public, TEST_KEY_FROM, private=private)


def credential_keys_file() -> Path:
    """A keys file holding the tests' credential key, written once per machine."""
    text = f"# tests only\n{fixed_credential_key().line()}\n"
    digest = hashlib.sha256(text.encode()).hexdigest()[:12]
    path = Path(tempfile.gettempdir()) / f"immportal-test-credential-keys-{digest}"
    if not path.exists():
        aside = path.with_name(f"{path.name}.{os.getpid()}.tmp")
        aside.write_text(text, encoding="utf-8")
        aside.replace(path)
    return path


def signing_settings() -> dict[str, object]:
    """The settings naming the tests' document-signing and credential keys."""
    key_file, chain_file = document_signing_files()
    return {
        "document_signing_key_file": key_file,
        "document_signing_chain_file": chain_file,
        "credential_key_file": credential_keys_file(),
    }


def signing_env() -> dict[str, str]:
    """The same as environment variables, for a portal started as a process."""
    return {f"IMMPORTAL_{name.upper()}": str(value) for name, value in signing_settings().items()}
