"""The password policy of NIST SP 800-63B: long enough, not common, not about the person."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator

from immportal.domain.identity.common_passwords import COMMON_PASSWORDS
from immportal.domain.identity.errors import PasswordRejected
from immportal.domain.identity.patterns import has_few_characters, is_repetition, is_run

MIN_LENGTH = 12
MAX_LENGTH = 256
"""Far above the 64 NIST asks us to accept; the cap bounds the cost of hashing."""
SERVICE_WORDS = ("immportal", "uscis", "immigration")

TOO_SHORT = f"Your password must be at least {MIN_LENGTH} characters long"
TOO_LONG = f"Your password must be {MAX_LENGTH} characters or fewer"
TOO_COMMON = "This password is too common. Choose a longer phrase that only you would know"
TOO_SIMPLE = (
    "Do not use repeated letters or numbers, or sequences like abcd, 1234 or qwerty."
    " Choose a longer phrase that only you would know"
)
ABOUT_YOU = "Do not use your email address or name in your password"
ABOUT_US = "Do not use the name of this service, such as immportal, USCIS or immigration"

# Derived forms shorter than this are too short to judge ("Li" in a long passphrase).
_MIN_WORD = 4
_SEPARATORS = re.compile(r"[\s\-_.]+")
_NOT_LETTERS = re.compile(r"[\W\d_]+")
_EDGES = re.compile(r"^[\W\d_]+|[\W\d_]+$")
# Look-alike digits and signs read as letters; 1 and ! may stand for i or for l, so both.
_LEET_TABLES = (
    str.maketrans("01345789@$!|+", "oieastbgasilt"),
    str.maketrans("01345789@$!|+", "oleastbgasllt"),
)


def normalise_password(password: str) -> str:
    """The password as it is measured and hashed: NFKC, so every keyboard's form agrees."""
    return unicodedata.normalize("NFKC", password)


def _skeleton(text: str) -> str:
    # Lower case without accents, so "José" and "jose" count as the same word.
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def _forms(password: str) -> Iterator[str]:
    """The password and what it is once decorations and look-alike digits are taken off."""
    compact = _SEPARATORS.sub("", _skeleton(password))
    yield compact
    core = _EDGES.sub("", compact)
    for form in (core, *(core.translate(table) for table in _LEET_TABLES)):
        if len(form) >= _MIN_WORD:
            yield form
    letters = _NOT_LETTERS.sub("", compact)
    if len(letters) >= _MIN_WORD:
        yield letters


def _is_common(forms: list[str]) -> bool:
    for form in forms:
        if form in COMMON_PASSWORDS:
            return True
        # "passwordpassword", "qwertyqwerty!": a common word said twice is still common.
        if any(form == word * (len(form) // len(word)) for word in _units(form)):
            return True
    return False


def _units(form: str) -> Iterator[str]:
    for size in range(_MIN_WORD, len(form) // 2 + 1):
        if len(form) % size == 0 and form[:size] in COMMON_PASSWORDS:
            yield form[:size]


def _is_simple(forms: list[str]) -> bool:
    compact = forms[0]
    if has_few_characters(compact) or is_run(compact):
        return True
    return any(is_repetition(form, shorter_than=MIN_LENGTH) for form in forms)


def _mentions(forms: list[str], words: Iterable[str]) -> bool:
    """Whether the password contains a word, or is nothing but the word plus digits and signs."""
    letters = _NOT_LETTERS.sub("", forms[0])
    for word in words:
        compact = _SEPARATORS.sub("", _skeleton(word))
        word_letters = _NOT_LETTERS.sub("", compact)
        if word_letters and letters == word_letters:
            return True
        if len(compact) >= _MIN_WORD and any(compact in form for form in forms):
            return True
    return False


def _words_about(email: str, names: Iterable[str]) -> list[str]:
    names = list(names)
    local = email.rpartition("@")[0]
    parts = [*re.split(r"[\W_]+", local), *(part for name in names for part in name.split())]
    return [email, local, *names, *(part for part in parts if part)]


def check_password(password: str, *, email: str, names: Iterable[str]) -> list[str]:
    """Every reason the password may not be used, in plain words; an empty list means use it."""
    password = normalise_password(password)
    reasons: list[str] = []
    if len(password) < MIN_LENGTH:
        reasons.append(TOO_SHORT)
    if len(password) > MAX_LENGTH:
        # Checking a huge text for patterns would cost more than it tells.
        return [TOO_LONG]
    forms = list(dict.fromkeys(_forms(password)))
    if _is_common(forms):
        reasons.append(TOO_COMMON)
    elif _is_simple(forms):
        reasons.append(TOO_SIMPLE)
    if _mentions(forms, _words_about(email, names)):
        reasons.append(ABOUT_YOU)
    if _mentions(forms, SERVICE_WORDS):
        reasons.append(ABOUT_US)
    return reasons


def require_acceptable_password(password: str, *, email: str, names: Iterable[str]) -> None:
    """Raise PasswordRejected with every reason when the password breaks the policy."""
    reasons = check_password(password, email=email, names=names)
    if reasons:
        raise PasswordRejected(reasons)
