"""People's names in any script: letters, marks, spaces, hyphens, apostrophes and periods."""

import re
import unicodedata

from immportal.domain.identifiers.invalid import InvalidIdentifier
from immportal.i18n import N_

MESSAGE = N_("Enter a name using only letters, spaces, hyphens, apostrophes and periods")
NO_LETTER = N_("Enter a name with at least one letter")

# Letters of every script, and the combining marks Devanagari, Thai or decomposed Latin
# need; the joiners that Persian and Indic spellings write between letters.
_LETTER_CATEGORIES = frozenset({"Lu", "Ll", "Lt", "Lm", "Lo", "Mn", "Mc", "Me"})
_JOINERS = frozenset({"\u200c", "\u200d"})
# Hyphens and apostrophes in their typographic forms too (U+2010, U+2011, U+2019, U+02BC).
_PUNCTUATION = frozenset(" -'.\u2010\u2011\u2019\u02bc")
_SPACES = re.compile(r"\s+")


def parse_person_name(text: str) -> str:
    """The name in NFC with single spaces; refused if it holds digits, symbols or controls.

    Control and bidi formatting characters are refused rather than dropped, as in
    domain/evidence filenames: a right-to-left override (U+202E) would make a notice
    print the rest of the name backwards.
    """
    name = _SPACES.sub(" ", unicodedata.normalize("NFC", text)).strip()
    for char in name:
        allowed = unicodedata.category(char) in _LETTER_CATEGORIES
        if not (allowed or char in _PUNCTUATION or char in _JOINERS):
            raise InvalidIdentifier(MESSAGE)
    if not any(unicodedata.category(char).startswith("L") for char in name):
        raise InvalidIdentifier(NO_LETTER)
    return name


def name_words(name: str) -> list[str]:
    """The words of a name folded for comparing: no accents, no case, no punctuation
    (María-José O'Brien: maria, jose, obrien)."""
    decomposed = unicodedata.normalize("NFKD", name)
    bare = "".join(c for c in decomposed if not unicodedata.combining(c))
    spaced = "".join(" " if c in "-\u2010\u2011" or c.isspace() else c for c in bare)
    words = ("".join(c for c in word if c.isalnum()) for word in spaced.split())
    return [word.casefold() for word in words if word]
