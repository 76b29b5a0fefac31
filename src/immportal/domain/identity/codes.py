"""Security codes as people type them: authenticator codes and printed recovery codes."""

from __future__ import annotations

import unicodedata

TOTP_DIGITS = 6
RECOVERY_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
"""Crockford base32: no I, L, O or U, so a code read aloud or from paper is unambiguous."""
RECOVERY_GROUPS = 4
RECOVERY_GROUP_LENGTH = 4
RECOVERY_LENGTH = RECOVERY_GROUPS * RECOVERY_GROUP_LENGTH

# Crockford's decoding rule: the letters people confuse with digits read as those digits.
_LOOKALIKES = str.maketrans({"I": "1", "L": "1", "O": "0"})
_SEPARATORS = str.maketrans("", "", " -\u00a0\t")


def _compact(text: str) -> str:
    # NFKC turns full-width digits and letters (from CJK keyboards) into ASCII ones.
    return unicodedata.normalize("NFKC", text).translate(_SEPARATORS)


def canonical_totp_code(text: str) -> str | None:
    """The six digits of an authenticator code as typed (spaces allowed), or None."""
    code = _compact(text)
    is_code = len(code) == TOTP_DIGITS and code.isascii() and code.isdigit()
    return code if is_code else None


def canonical_recovery_code(text: str) -> str | None:
    """A recovery code as typed, in upper case without dashes, or None if it cannot be one."""
    code = _compact(text).upper().translate(_LOOKALIKES)
    if len(code) != RECOVERY_LENGTH or any(char not in RECOVERY_ALPHABET for char in code):
        return None
    return code


def format_recovery_code(code: str) -> str:
    """Write a canonical recovery code in groups for people: ABCD-EFGH-JKMN-PQRS."""
    size = RECOVERY_GROUP_LENGTH
    return "-".join(code[start : start + size] for start in range(0, len(code), size))
