"""U.S. Social Security numbers: 9 digits, never in the ranges the SSA does not issue.

The SSA has never issued an area number of 000, 666 or 900-999, a group number of 00
or a serial number of 0000 (SSA, Social Security Number Randomization, 2011); a number
in those ranges is a typing mistake or made up.
"""

import re

from immportal.domain.identifiers.invalid import InvalidIdentifier
from immportal.i18n import N_

MESSAGE = N_("Enter a Social Security number of 9 numbers, like 123-45-6789")
AREA_MESSAGE = N_("A Social Security number cannot start with 000, 666 or 900 to 999")
GROUP_MESSAGE = N_("The middle 2 numbers of a Social Security number cannot be 00")
SERIAL_MESSAGE = N_("The last 4 numbers of a Social Security number cannot be 0000")
_SEPARATORS = re.compile(r"[\s\-]+")
_SSN = re.compile(r"([0-9]{3})([0-9]{2})([0-9]{4})")


def parse_ssn(text: str) -> str:
    """The number written as NNN-NN-NNNN."""
    found = _SSN.fullmatch(_SEPARATORS.sub("", text))
    if found is None:
        raise InvalidIdentifier(MESSAGE)
    area, group, serial = found.groups()
    if area in ("000", "666") or area.startswith("9"):
        raise InvalidIdentifier(AREA_MESSAGE)
    if group == "00":
        raise InvalidIdentifier(GROUP_MESSAGE)
    if serial == "0000":
        raise InvalidIdentifier(SERIAL_MESSAGE)
    return f"{area}-{group}-{serial}"
