"""I-94 arrival-departure record numbers (admission numbers): 11 characters.

Numbers were 11 digits until CBP ran out of them in May 2019; since then the 10th
character is a letter (9 digits, a letter, a digit), and both kinds stay valid.
"""

import re

from immportal.domain.identifiers.invalid import InvalidIdentifier
from immportal.i18n import N_

MESSAGE = N_(
    "Enter an I-94 number of 11 characters: 11 numbers, or 9 numbers, "
    "a letter and a number, like 123456789A1"
)
_SEPARATORS = re.compile(r"[\s\-]+")
_I94 = re.compile(r"[0-9]{11}|[0-9]{9}[A-Z][0-9]")


def parse_i94_number(text: str) -> str:
    """The I-94 number without spaces, its letter in capitals."""
    cleaned = _SEPARATORS.sub("", text).upper()
    if not _I94.fullmatch(cleaned) or not cleaned.strip("0"):
        raise InvalidIdentifier(MESSAGE)
    return cleaned
