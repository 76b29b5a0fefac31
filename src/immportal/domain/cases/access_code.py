"""Online access codes: the secret printed on a receipt notice that adds a paper case online.

A code is not stored anywhere. It is derived from the case id with HMAC-SHA256 under a key
kept outside the database (the composition root derives it from the event cipher key),
so the notice worker can print it on every receipt notice, however often the notice is
rendered again, and the portal can check a typed code without holding any copy of it.
"""

from __future__ import annotations

import hashlib
import hmac
import re
from uuid import UUID

ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
"""Letters and digits that cannot be misread for one another (no I, O, 0 or 1)."""
LENGTH = 12
"""Twelve characters of 32 kinds: 60 bits, far beyond what a limited guesser can try."""
GROUP = 4
_SEPARATORS = re.compile(r"[\s\-]+")
# Domain separation: the same key may derive other values for other purposes.
_PURPOSE = b"immportal/online-access-code/v1\x00"


def access_code(key: bytes, case_id: UUID) -> str:
    """The case's access code as printed: three groups of four, e.g. 'K7QM-2XRT-9HWD'."""
    digest = hmac.new(key, _PURPOSE + case_id.bytes, hashlib.sha256).digest()
    number = int.from_bytes(digest, "big")
    chars = []
    for _ in range(LENGTH):
        number, index = divmod(number, len(ALPHABET))
        chars.append(ALPHABET[index])
    code = "".join(chars)
    return "-".join(code[i : i + GROUP] for i in range(0, LENGTH, GROUP))


def normalize_code(typed: str) -> str:
    """A typed code without spaces or hyphens, in capitals (people copy it as they read it)."""
    return _SEPARATORS.sub("", typed).upper()[: LENGTH * 2]


def code_matches(key: bytes, case_id: UUID, typed: str) -> bool:
    """Whether the typed code is the case's, compared in constant time."""
    expected = access_code(key, case_id).replace("-", "").encode()
    return hmac.compare_digest(expected, normalize_code(typed).encode())
