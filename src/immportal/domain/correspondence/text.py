"""What people may write in a message or a request: plain text, newlines kept, nothing hidden."""

from __future__ import annotations

from immportal.domain.errors import InvalidArgument
from immportal.domain.hidden_characters import has_hidden_characters

MESSAGE_MAX_LENGTH = 5000
"""A message is a letter, not a file: longer material goes in an attachment."""


def check_plain_text(value: str, *, what: str, max_length: int, required: bool = True) -> str:
    """The text with Windows line ends made plain and surrounding space removed.

    Raise InvalidArgument when it is blank (if required), too long, or holds control or
    bidirectional-override characters: what staff read must be what the person typed,
    so nothing may hide or reorder part of it.
    """
    text = value.replace("\r\n", "\n").replace("\r", "\n").strip()
    if required and not text:
        raise InvalidArgument(f"Enter {what}.")
    if len(text) > max_length:
        raise InvalidArgument(f"Keep {what} to {max_length} characters or fewer.")
    # The portal's one rule for typed text (domain/hidden_characters.py).
    if has_hidden_characters(text):
        raise InvalidArgument(f"Remove the hidden control characters from {what}.")
    return text
