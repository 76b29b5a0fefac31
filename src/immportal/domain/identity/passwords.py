"""The password policy of NIST SP 800-63B: long enough, hard to guess, not about the person.

How guessable a password is comes from zxcvbn (Dropbox's estimator, with its lists of
common passwords, names, words and keyboard patterns), given the person's email address
and names and the service's own words, and must reach a score of 3 of 4 ("safely
unguessable": about 10^8 guesses or more). The length limits and NFKC normalisation are
NIST's; the reasons shown are our own plain words, not zxcvbn's English feedback.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator

from zxcvbn import zxcvbn  # type: ignore[import-untyped]  # zxcvbn ships no type information

from immportal.domain.identity.errors import PasswordRejected
from immportal.i18n import N_

MIN_LENGTH = 12
MAX_LENGTH = 256
"""Far above the 64 NIST asks us to accept; the cap bounds the cost of hashing."""
MIN_SCORE = 3
"""zxcvbn's score a password must reach: 3 means at least about 10^8 guesses."""
JUDGED_LENGTH = 72
"""zxcvbn judges this many characters at most (its own limit); NIST allows checking a prefix."""
SERVICE_WORDS = ("immportal", "uscis", "immigration")

# Whole sentences for the catalog (N_ takes no f-string): the numbers are MIN_LENGTH and
# MAX_LENGTH, which tests/unit check against these texts.
TOO_SHORT = N_("Your password must be at least 12 characters long")
TOO_LONG = N_("Your password must be 256 characters or fewer")
TOO_COMMON = N_("This password is too common. Choose a longer phrase that only you would know")
TOO_SIMPLE = N_(
    "Do not use repeated letters or numbers, or sequences like abcd, 1234 or qwerty."
    " Choose a longer phrase that only you would know"
)
ABOUT_YOU = N_("Do not use your email address or name in your password")
ABOUT_US = N_("Do not use the name of this service, such as immportal, USCIS or immigration")

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
# zxcvbn's patterns that are shapes (aaaa, abcd, qwerty) rather than words people use.
_SHAPES = frozenset({"repeat", "sequence", "spatial"})


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


def _guessability(password: str, context: list[str]) -> str | None:
    """TOO_COMMON or TOO_SIMPLE when zxcvbn scores the password below MIN_SCORE, else None."""
    inputs = list(dict.fromkeys(_skeleton(word) for word in context if word.strip()))
    result = zxcvbn(password[:JUDGED_LENGTH], user_inputs=inputs, max_length=JUDGED_LENGTH)
    if int(result["score"]) >= MIN_SCORE:
        return None
    patterns = {str(match["pattern"]) for match in result["sequence"]}
    # A weak password with no word in it is weak for its shape: say so, people can fix that.
    return TOO_SIMPLE if patterns & _SHAPES and "dictionary" not in patterns else TOO_COMMON


def check_password(password: str, *, email: str, names: Iterable[str]) -> list[str]:
    """Every reason the password may not be used, in plain words; an empty list means use it."""
    password = normalise_password(password)
    reasons: list[str] = []
    if len(password) < MIN_LENGTH:
        reasons.append(TOO_SHORT)
    if len(password) > MAX_LENGTH:
        # Judging a huge text would cost more than it tells.
        return [TOO_LONG]
    about_you = _words_about(email, list(names))
    guessable = _guessability(password, [*about_you, *SERVICE_WORDS])
    forms = list(dict.fromkeys(_forms(password)))
    mentions_you, mentions_us = _mentions(forms, about_you), _mentions(forms, SERVICE_WORDS)
    # Naming the person or the service is the clearer reason; "too common" would puzzle.
    if guessable is not None and not (mentions_you or mentions_us):
        reasons.append(guessable)
    if mentions_you:
        reasons.append(ABOUT_YOU)
    if mentions_us:
        reasons.append(ABOUT_US)
    return reasons


def require_acceptable_password(password: str, *, email: str, names: Iterable[str]) -> None:
    """Raise PasswordRejected with every reason when the password breaks the policy."""
    reasons = check_password(password, email=email, names=names)
    if reasons:
        raise PasswordRejected(reasons)
