"""USCIS online account numbers: 12 digits, given once an account files online."""

import re

from immportal.domain.identifiers.invalid import InvalidIdentifier
from immportal.i18n import N_

MESSAGE = N_("Enter a USCIS online account number of 12 numbers, like 0123 4567 8901")
_SEPARATORS = re.compile(r"[\s\-]+")
_ACCOUNT = re.compile(r"[0-9]{12}")


def parse_uscis_account_number(text: str) -> str:
    """The account number as 12 digits without spaces."""
    cleaned = _SEPARATORS.sub("", text)
    if not _ACCOUNT.fullmatch(cleaned):
        raise InvalidIdentifier(MESSAGE)
    return cleaned
