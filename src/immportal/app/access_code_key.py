"""The key online access codes are derived under (domain/cases/access_code.py).

Outside development mode it comes from the event cipher key, which the portal cannot
start without, through HKDF with a purpose of its own: no second secret to manage, and
the cipher key itself is never used for anything but encryption. Changing the cipher
key changes every access code; notices issued before then print the old codes, so a
change of key means re-issuing receipt notices, as a change of address does.
In development mode without a cipher key, a random key is kept in the data folder.
"""

from __future__ import annotations

import secrets
from base64 import b64decode
from pathlib import Path

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from immportal.app.cipher_key import cipher_key
from immportal.settings import Settings

DEV_KEY_FILE = "access-code-key"
_INFO = b"immportal online access codes v1"


def access_code_key(settings: Settings) -> bytes:
    """32 bytes for deriving access codes; the same for every process of one portal."""
    key = cipher_key(settings)
    if key is not None:
        hkdf = HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=_INFO)
        return hkdf.derive(b64decode(key))
    return _development_key(settings.data_dir / DEV_KEY_FILE)


def _development_key(path: Path) -> bytes:
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        # Created exclusively: two processes starting together keep the first one's key.
        try:
            with path.open("xb") as file:
                file.write(secrets.token_bytes(32))
        except FileExistsError:
            pass
        path.chmod(0o600)
    return path.read_bytes()[:32]
