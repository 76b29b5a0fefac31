"""Compiled gettext catalogs, one per language, read once from `immportal/locale/`."""

import gettext
from functools import cache
from pathlib import Path

from immportal.i18n.languages import DEFAULT_LANGUAGE, PSEUDO_LANGUAGE
from immportal.i18n.pseudo import pseudo_translations

LOCALE_DIR = Path(__file__).resolve().parent.parent / "locale"
"""`<code>/LC_MESSAGES/messages.po` (committed) and `.mo` (built by `make catalogs`)."""
DOMAIN = "messages"
TEMPLATE = LOCALE_DIR / "messages.pot"


@cache
def translations(code: str) -> gettext.NullTranslations:
    """The catalog of `code`; English and unknown or uncompiled languages pass text through."""
    if code == DEFAULT_LANGUAGE:
        return gettext.NullTranslations()
    if code == PSEUDO_LANGUAGE:
        return pseudo_translations(TEMPLATE)
    mo = LOCALE_DIR / code / "LC_MESSAGES" / f"{DOMAIN}.mo"
    try:
        with mo.open("rb") as file:
            catalog = gettext.GNUTranslations(file)
    except FileNotFoundError:
        # An uncompiled catalog shows English rather than failing every page; `make test`
        # and the image build compile them.
        return gettext.NullTranslations()
    if code in ONE_AND_OTHER:
        # `plural` is the rule GNUTranslations reads from the header (untyped in typeshed).
        catalog.plural = _one_and_other  # type: ignore[attr-defined]
    return catalog


ONE_AND_OTHER = frozenset({"es"})
"""Languages read with two plural forms, singular and plural, whatever the catalog says.

Babel writes CLDR's three Spanish forms (one, many for whole millions, other), and each
`pybabel update` puts them back; translators give two. A third form left empty would be
compiled as the English plural, so the second form is used for every n other than 1.
"""


def _one_and_other(n: int) -> int:
    return 0 if n == 1 else 1
