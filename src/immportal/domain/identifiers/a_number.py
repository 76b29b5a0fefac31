"""Alien Registration Numbers (A-Numbers): A and 7 to 9 digits, kept as A and 9 digits."""

import re

from immportal.domain.identifiers.invalid import InvalidIdentifier
from immportal.i18n import N_

MESSAGE = N_("Enter an A-Number of 7 to 9 numbers, like A012345678")
# Cards print it as "USCIS# 012-345-678"; older documents as "A12 345 678".
_SEPARATORS = re.compile(r"[\s\-.]+")
_A_NUMBER = re.compile(r"A?([0-9]{7,9})")


def parse_a_number(text: str) -> str:
    """The A-Number as stored and printed: A and 9 digits, zero-padded (A012345678)."""
    found = _A_NUMBER.fullmatch(_SEPARATORS.sub("", text).upper())
    if found is None or int(found.group(1)) == 0:
        raise InvalidIdentifier(MESSAGE)
    return f"A{int(found.group(1)):09d}"
