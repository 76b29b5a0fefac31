"""The languages the portal can speak: their codes, own names, writing direction, Babel locale."""

from dataclasses import dataclass
from functools import cache

from babel import Locale, UnknownLocaleError

DEFAULT_LANGUAGE = "en"
"""The source language: messages are written in English, so it needs no catalog."""

PSEUDO_LANGUAGE = "en_XA"
"""Tests' pseudo-language: every extracted message accented and lengthened (see pseudo.py).

CLDR's own name for its accented pseudo-locale; Babel has no data for it, so it reads
and formats as English.
"""


@dataclass(frozen=True)
class Language:
    """One language a person can choose."""

    code: str
    """The catalog's directory name and the cookie's value, e.g. "es"."""
    name: str
    """Its name in itself ("español"), as a language switch shows it."""
    direction: str
    """"ltr" or "rtl", for `<html dir>`."""
    tag: str
    """The BCP 47 tag for `lang` and `hreflang` attributes, e.g. "es", "en-XA"."""


class UnknownLanguage(ValueError):
    """A language code neither Babel nor the portal knows."""


@cache
def language(code: str) -> Language:
    """What the portal knows of the language `code`; raises UnknownLanguage."""
    tag = code.replace("_", "-")
    if code == PSEUDO_LANGUAGE:
        return Language(code=code, name="[Ƥśéûδö]", direction="ltr", tag=tag)
    try:
        locale = Locale.parse(code)
    except (UnknownLocaleError, ValueError) as exc:
        raise UnknownLanguage(code) from exc
    name = (locale.get_display_name(locale) or code).capitalize()
    return Language(code=code, name=name, direction=locale.text_direction, tag=tag)
