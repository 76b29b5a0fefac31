"""The checkpoint keys: a file outside the database, checked before anything starts.

Development mode makes one in the data folder at first start; elsewhere the portal
refuses to start without IMMPORTAL_CHECKPOINT_KEY_FILE, as it does without a cipher key.
"""

import contextlib
import os
import tempfile
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import urlsplit

import structlog

from immportal.adapters.signing.keyring import (
    Keyring,
    KeysFileError,
    NoSigningKey,
    SigningKey,
    generate_key,
    read_keyring,
)
from immportal.errors import PortalError
from immportal.settings import Settings

log = structlog.get_logger(__name__)

PURPOSE = "checkpoint"
DEV_KEYS_FILE = "checkpoint-keys"
MAKE_A_KEY = "immportal audit new-key --keys-file /path/to/checkpoint-keys"
_MISSING = (
    "IMMPORTAL_CHECKPOINT_KEY_FILE is not set. Signed checkpoints let anyone detect a"
    " rewritten event log, and only if their key is kept outside the database; so"
    " outside development mode (immportal serve --dev, or IMMPORTAL_DEV=true) the portal"
    " only starts with a checkpoint keys file."
)
_HOW = (
    f" Make one with\n    {MAKE_A_KEY}\nkeep it out of the database and its backups, and"
    " set IMMPORTAL_CHECKPOINT_KEY_FILE to its path."
)


class SigningKeyProblem(PortalError):
    """The checkpoint keys file is missing outside development mode, unreadable, or unusable."""


def checkpoint_origin(settings: Settings) -> str:
    """The log's name in its checkpoints: the setting, or the public URL's host + /log."""
    return (
        settings.checkpoint_origin or f"{urlsplit(settings.public_url).netloc or 'immportal'}/log"
    )


def keys_file(settings: Settings) -> Path:
    """The configured keys file; in development mode, the data folder's (made if missing)."""
    if settings.checkpoint_key_file is not None:
        return settings.checkpoint_key_file
    if not settings.dev:
        raise SigningKeyProblem(_MISSING + _HOW)
    path = settings.data_dir / DEV_KEYS_FILE
    if not path.exists():
        key = generate_key(checkpoint_origin(settings), datetime.now(UTC).replace(microsecond=0))
        if create_keys_file(path, key):
            log.warning("checkpoint_key_generated", path=str(path), reason="development mode")
    return path


def checkpoint_keyring(settings: Settings, *, signing: bool) -> Keyring:
    """The checkpoint keyring, checked; with `signing`, a key must be able to sign now."""
    path = keys_file(settings)
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise SigningKeyProblem(
            f"The checkpoint keys file {path} cannot be read ({exc.strerror or exc})." + _HOW
        ) from None
    try:
        keyring = read_keyring(PURPOSE, text)
        if signing:
            keyring.signing_key(datetime.now(UTC))
    except (KeysFileError, NoSigningKey) as exc:
        raise SigningKeyProblem(f"{path}: {exc}." + _HOW) from None
    return keyring


def create_keys_file(path: Path, key: SigningKey, purpose: str = PURPOSE) -> bool:
    """Write a new keys file holding one key, readable by its owner only; False if one exists.

    Written aside and linked into place, so a process starting at the same moment finds
    either no file or a whole one.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, aside = tempfile.mkstemp(dir=path.parent, prefix=f".{purpose}-keys-")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as file:
            file.write(f"# immportal {purpose} keys: key  valid-from  [valid-until]\n")
            file.write(key.line() + "\n")
        try:
            os.link(aside, path)
        except FileExistsError:
            return False
        return True
    finally:
        with contextlib.suppress(OSError):
            os.unlink(aside)


def add_key(path: Path, key: SigningKey) -> None:
    """Add a key to a keys file, making the file (owner-only) if there is none."""
    if create_keys_file(path, key):
        return
    ends_a_line = path.read_text(encoding="utf-8").endswith("\n")
    with path.open("a", encoding="utf-8") as file:
        file.write(("" if ends_a_line else "\n") + key.line() + "\n")
