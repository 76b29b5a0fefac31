"""The one error every identifier rule raises."""

from immportal.domain.errors import DomainError


class InvalidIdentifier(DomainError, ValueError):
    """The text is not a value of this kind; the message says what is expected."""
