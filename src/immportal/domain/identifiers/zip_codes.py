"""U.S. ZIP codes (5 digits, or ZIP+4) and other countries' postal codes."""

import re

from immportal.domain.identifiers.invalid import InvalidIdentifier
from immportal.i18n import N_

ZIP_MESSAGE = N_("Enter a ZIP code of 5 numbers, like 20500, or ZIP+4, like 20500-0003")
POSTAL_MESSAGE = N_("Enter a postal code using only letters, numbers, spaces and hyphens")
_ZIP = re.compile(r"([0-9]{5})(?:[\s\-]?([0-9]{4}))?")
# The longest postal codes in use have 10 characters (Iran, the United States' ZIP+4).
_POSTAL = re.compile(r"[A-Z0-9](?:[A-Z0-9 \-]{0,8}[A-Z0-9])?")
_SPACES = re.compile(r"\s+")


def parse_zip_code(text: str) -> str:
    """The ZIP code as 12345 or 12345-6789."""
    found = _ZIP.fullmatch(text.strip())
    if found is None or found.group(1) == "00000":
        raise InvalidIdentifier(ZIP_MESSAGE)
    five, four = found.groups()
    return f"{five}-{four}" if four else five


def parse_postal_code(text: str) -> str:
    """Another country's postal code, in capitals with single spaces (SW1A 1AA)."""
    cleaned = _SPACES.sub(" ", text.strip()).upper()
    if not _POSTAL.fullmatch(cleaned):
        raise InvalidIdentifier(POSTAL_MESSAGE)
    return cleaned
