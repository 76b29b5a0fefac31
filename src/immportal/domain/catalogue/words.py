"""The catalogue's words in the reader's language, including texts the catalogue composes.

Every text of a form is marked with `N_()` where it is written and translated with `shown`
when a page, an answer or a message is shown (the current language is the request's). Some
texts are composed from marked parts when the forms are built: a numbered entry ("Trip 2:
Date you left"), someone else's answer ("Interpreter's street address"), a question naming
a period ("...in the last 5 years?"). `composed` makes such a text in English and remembers
its pattern and parts, so `shown` translates the pattern (a translator sees one whole sentence
with `%(name)s` placeholders, never each combination) and each part in turn.
"""

from __future__ import annotations

import unicodedata

from babel import Locale

from immportal.i18n import DEFAULT_LANGUAGE, _, babel_locale, current_language

_FIRST = "US"
"""The country listed first whatever the language (the forms are for the United States)."""

_COMPOSED: dict[str, tuple[str, dict[str, str]]] = {}
"""Each composed English text: its pattern and parts. Filled while the forms are built."""


def composed(pattern: str, /, **parts: object) -> str:
    """`pattern` (marked with N_) with its `%(name)s` placeholders filled, in English; `shown`
    later translates the pattern and the parts (each a marked text, a number or a name)."""
    values = {name: str(value) for name, value in parts.items()}
    return remembered(pattern % values, pattern, **values)


def remembered(text: str, pattern: str, /, **parts: str) -> str:
    """`text`, an English rendering of `pattern` (its case adjusted), remembered with the
    parts `shown` translates (e.g. "Street address" where the text says "street address")."""
    _COMPOSED[text] = (pattern, dict(parts))
    return text


def composed_parts(text: str) -> tuple[str, dict[str, str]] | None:
    """The pattern and parts a composed text was made from; None for a text written whole."""
    found = _COMPOSED.get(text)
    return (found[0], dict(found[1])) if found is not None else None


def shown(text: str) -> str:
    """`text` in the current language: as the catalog has it, or composed from its parts."""
    if not text or current_language() == DEFAULT_LANGUAGE:
        return text
    if text in _COMPOSED:
        pattern, parts = _COMPOSED[text]
        return _(pattern, **{name: shown(value) for name, value in parts.items()})
    return _(text)


def country_choices(choices: tuple[tuple[str, str], ...]) -> tuple[tuple[str, str], ...]:
    """A country list's (code, name) options named and sorted in the current language, the
    United States first (the English names as they are)."""
    if current_language() == DEFAULT_LANGUAGE:
        return choices
    names = Locale.parse(babel_locale()).territories
    named = [(code, str(names.get(code, label))) for code, label in choices]
    first = [option for option in named if option[0] == _FIRST]
    rest = sorted((o for o in named if o[0] != _FIRST), key=lambda o: collation_key(o[1]))
    return (*first, *rest)


def collation_key(name: str) -> str:
    """A name's sorting key that files accented letters with their base letter (Á with A)."""
    return "".join(c for c in unicodedata.normalize("NFKD", name) if c.isalnum()).casefold()
