"""The credential keys: a keys file outside the database, like the checkpoint keys.

They sign the status statements share codes download (JWS, Ed25519). Development mode
makes one in the data folder at first start; elsewhere the portal refuses to start without
IMMPORTAL_CREDENTIAL_KEY_FILE. The file's format and rotation are the checkpoint keys'
(docs/transparency.md): `immportal audit new-key --keys-file PATH --name NAME` adds a key.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import urlsplit

import structlog

from immportal.adapters.signing.keyring import (
    Keyring,
    KeysFileError,
    NoSigningKey,
    generate_key,
    read_keyring,
)
from immportal.app.checkpoint_keys import SigningKeyProblem, create_keys_file
from immportal.settings import Settings

log = structlog.get_logger(__name__)

PURPOSE = "credential"
DEV_KEYS_FILE = "credential-keys"
_MISSING = (
    "IMMPORTAL_CREDENTIAL_KEY_FILE is not set. Status statements downloaded with a share"
    " code are signed so that anyone can check them offline, so outside development mode"
    " (immportal serve --dev, or IMMPORTAL_DEV=true) the portal only starts with a"
    " credential keys file."
)
_HOW = (
    " Make one with\n    immportal audit new-key --keys-file /path/to/credential-keys"
    " --name portal.example/credentials\nand set IMMPORTAL_CREDENTIAL_KEY_FILE to its path."
)


class CredentialKeyProblem(SigningKeyProblem):
    """The credential keys file is missing outside development mode, unreadable, or unusable."""


def credential_key_name(settings: Settings) -> str:
    """The name of a development key: the public URL's host + /credentials."""
    return f"{urlsplit(settings.public_url).netloc or 'immportal'}/credentials"


def credential_keys_file(settings: Settings) -> Path:
    """The configured keys file; in development mode, the data folder's (made if missing)."""
    if settings.credential_key_file is not None:
        return settings.credential_key_file
    if not settings.dev:
        raise CredentialKeyProblem(_MISSING + _HOW)
    path = settings.data_dir / DEV_KEYS_FILE
    if not path.exists():
        key = generate_key(credential_key_name(settings), datetime.now(UTC).replace(microsecond=0))
        if create_keys_file(path, key, PURPOSE):
            log.warning("credential_key_generated", path=str(path), reason="development mode")
    return path


def credential_keyring(settings: Settings) -> Keyring:
    """The credential keyring, checked: a key must be able to sign now (the web signs)."""
    path = credential_keys_file(settings)
    try:
        keyring = read_keyring(PURPOSE, path.read_text(encoding="utf-8"))
        keyring.signing_key(datetime.now(UTC))
    except OSError as exc:
        raise CredentialKeyProblem(
            f"The credential keys file {path} cannot be read ({exc.strerror or exc})." + _HOW
        ) from None
    except (KeysFileError, NoSigningKey) as exc:
        raise CredentialKeyProblem(f"{path}: {exc}." + _HOW) from None
    return keyring
