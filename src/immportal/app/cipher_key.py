"""The event cipher key: mandatory outside development, checked before anything starts."""

import binascii
from base64 import b64decode

from immportal.errors import PortalError
from immportal.settings import Settings

KEY_SIZES = (16, 24, 32)
"""AES key lengths in bytes, as the event store's AES-GCM cipher accepts them."""
MAKE_A_KEY = (
    'python -c "import base64, secrets; print(base64.b64encode(secrets.token_bytes(32)).decode())"'
)
_MISSING = (
    "IMMPORTAL_CIPHER_KEY is not set. Account events hold password hashes and"
    " authenticator secrets, so outside development mode (immportal serve --dev, or"
    " IMMPORTAL_DEV=true) the portal only starts with event encryption on."
)
_MALFORMED = (
    "IMMPORTAL_CIPHER_KEY is not a usable key: it must be standard base64 (not URL-safe)"
    " of 16, 24 or 32 random bytes."
)
_HOW = (
    f" Make a key with\n    {MAKE_A_KEY}\nand keep it safe: events written with it cannot"
    " be read without it."
)


class CipherKeyProblem(PortalError):
    """The cipher key is missing outside development mode, or is not a key at all."""


def cipher_key(settings: Settings) -> str | None:
    """The configured key, checked; None only in development mode; else CipherKeyProblem."""
    if settings.cipher_key is None or not settings.cipher_key.get_secret_value():
        if settings.dev:
            return None
        raise CipherKeyProblem(_MISSING + _HOW)
    key = settings.cipher_key.get_secret_value()
    try:
        size = len(b64decode(key, validate=True))
    except (binascii.Error, ValueError):
        size = 0
    if size not in KEY_SIZES:
        # The error says nothing of the key itself: it is a secret even when malformed.
        raise CipherKeyProblem(_MALFORMED + _HOW)
    return key
