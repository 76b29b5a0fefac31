"""Telephone numbers, read with libphonenumber's rules and stored in E.164 (+12025550143)."""

import phonenumbers
from phonenumbers import NumberParseException, PhoneNumberFormat

from immportal.domain.identifiers.invalid import InvalidIdentifier
from immportal.i18n import N_

MESSAGE = N_("Enter a telephone number, like 202 555 0143 or +44 20 7946 0958")
DEFAULT_REGION = "US"
"""A number typed without a country code is read as a U.S. number."""


def parse_phone(text: str, region: str = DEFAULT_REGION) -> str:
    """The number in E.164 form, or InvalidIdentifier if no country uses it."""
    try:
        number = phonenumbers.parse(text, region)
    except NumberParseException as error:
        raise InvalidIdentifier(MESSAGE) from error
    if not phonenumbers.is_valid_number(number):
        raise InvalidIdentifier(MESSAGE)
    return phonenumbers.format_number(number, PhoneNumberFormat.E164)


def display_phone(stored: str) -> str:
    """A stored number as people write it internationally (+1 202-555-0143)."""
    try:
        number = phonenumbers.parse(stored, DEFAULT_REGION)
    except NumberParseException:
        return stored
    return phonenumbers.format_number(number, PhoneNumberFormat.INTERNATIONAL)
