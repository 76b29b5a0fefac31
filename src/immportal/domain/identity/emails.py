"""Email addresses as accounts hold them, and the key that makes two spellings one account."""

from __future__ import annotations

import unicodedata

from immportal.domain.errors import InvalidArgument
from immportal.i18n import N_

MAX_EMAIL_LENGTH = 254
_FORMAT_MESSAGE = N_("Enter an email address in the correct format, like name@example.com")


def normalise_email(email: str) -> str:
    """Strip the address and lowercase its domain; the local part keeps its case (RFC 5321)."""
    text = unicodedata.normalize("NFKC", email).strip()
    local, at, domain = text.rpartition("@")
    if not (at and local and "." in domain.strip(".")) or len(text) > MAX_EMAIL_LENGTH:
        raise InvalidArgument(_FORMAT_MESSAGE)
    if any(char.isspace() or unicodedata.category(char) == "Cc" for char in text):
        raise InvalidArgument(_FORMAT_MESSAGE)
    return f"{local}@{domain.lower()}"


def email_key(email: str) -> str:
    """The case-insensitive key of an address: no two accounts may share one."""
    # Real mail systems treat local parts case-insensitively, so people expect that too.
    return normalise_email(email).casefold()
