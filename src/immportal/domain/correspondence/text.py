"""What people may write in a message or a request: plain text, newlines kept, nothing hidden."""

from __future__ import annotations

import unicodedata

from immportal.domain.errors import InvalidArgument

MESSAGE_MAX_LENGTH = 5000
"""A message is a letter, not a file: longer material goes in an attachment."""
_KEPT_CONTROLS = frozenset({"\n", "\t"})


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
    for char in text:
        category = unicodedata.category(char)
        if char not in _KEPT_CONTROLS and (category == "Cc" or _bidi_control(char)):
            raise InvalidArgument(f"Remove the hidden control characters from {what}.")
    return text


def _bidi_control(char: str) -> bool:
    # Embeddings, overrides and isolates (U+202A-202E, U+2066-2069) can make text read
    # differently from the order it was written in; marks (LRM, RLM) are harmless.
    return "\u202a" <= char <= "\u202e" or "\u2066" <= char <= "\u2069"
