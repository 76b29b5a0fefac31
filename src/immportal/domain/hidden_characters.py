"""Characters refused in anything a person types: what staff read is what was typed.

The same reasoning as for filenames (domain/evidence/filenames.py): C0/C1 controls (NUL
among them) have no business in an answer, an address or a reason, and the bidi
embeddings, overrides and isolates make text read in another order than it was written,
on a page or on a printed notice. Invisible characters that join nothing (zero-width
space, word joiner, invisible operators, a byte-order mark in mid-text) can split a
name or a receipt number so that searches miss it. They are refused rather than
cleaned, so the person knows exactly what was kept.

Kept on purpose: tab and line breaks where text may run over lines; the zero-width
joiner and non-joiner (U+200C, U+200D), which Persian, Indic scripts and emoji need;
and the left-to-right and right-to-left marks (U+200E, U+200F), which only help
mixed-direction text display as written.
"""

import re

_ALWAYS = "\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u200b\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff"
_REFUSED = re.compile(f"[{_ALWAYS}\ud800-\udfff]")
_REFUSED_ON_ONE_LINE = re.compile(f"[{_ALWAYS}\t\n\r\ud800-\udfff]")

REMOVE_HIDDEN = "Remove the hidden or control characters from {what}, then try again."
"""The message when text holds a refused character; `what` names the field."""


def has_hidden_characters(value: str, *, multiline: bool = True) -> bool:
    """Whether the text holds a refused character (line breaks too, unless `multiline`)."""
    pattern = _REFUSED if multiline else _REFUSED_ON_ONE_LINE
    return pattern.search(value) is not None
