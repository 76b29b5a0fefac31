"""Passport numbers: 6 to 12 letters and digits, as on the passport's data page."""

import re

from immportal.domain.identifiers.invalid import InvalidIdentifier
from immportal.i18n import N_

MESSAGE = N_("Enter a passport number of 6 to 12 letters and numbers, like X1234567")
# The data page and visas sometimes print the number in groups.
_SEPARATORS = re.compile(r"[\s\-]+")
_PASSPORT = re.compile(r"[A-Z0-9]{6,12}")


def parse_passport_number(text: str) -> str:
    """The passport number in capitals without spaces or hyphens."""
    cleaned = _SEPARATORS.sub("", text).upper()
    if not _PASSPORT.fullmatch(cleaned):
        raise InvalidIdentifier(MESSAGE)
    return cleaned
