"""Short codes people read aloud and type: random Crockford base32, shown in groups.

Crockford's alphabet (https://www.crockford.com/base32.html) leaves out I, L, O and U,
so a code never holds two letters that look alike; what people type is read leniently
(lower case, spaces and hyphens, O for 0, I or L for 1) and stored in one form.
"""

from __future__ import annotations

import re
import secrets

ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
DOCUMENT_CODE_LENGTH = 12
"""A document's verification code: 60 random bits, `XXXX-XXXX-XXXX` on the page."""
_LOOKALIKES = str.maketrans({"O": "0", "I": "1", "L": "1"})
_SEPARATORS = re.compile(r"[\s\-]+")


def new_code(length: int) -> str:
    """A random code of `length` symbols (5 bits each), from the operating system's randomness."""
    return "".join(secrets.choice(ALPHABET) for _ in range(length))


def normalise_code(typed: str, length: int) -> str | None:
    """The code as stored, from what a person typed; None when it cannot be a code."""
    cleaned = _SEPARATORS.sub("", typed).upper().translate(_LOOKALIKES)
    if len(cleaned) != length or any(symbol not in ALPHABET for symbol in cleaned):
        return None
    return cleaned


def grouped(code: str, size: int) -> str:
    """The code in groups of `size`, as printed and shown: `4F7K-2M9Q-XD3A`."""
    return "-".join(code[i : i + size] for i in range(0, len(code), size))
