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
            return gettext.GNUTranslations(file)
    except FileNotFoundError:
        # An uncompiled catalog shows English rather than failing every page; `make test`
        # and the image build compile them.
        return gettext.NullTranslations()
