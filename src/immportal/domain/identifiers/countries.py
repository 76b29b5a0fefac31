"""Countries: the ISO 3166-1 list as pycountry maintains it, stored as alpha-2 codes."""

import unicodedata
from collections.abc import Mapping
from functools import cache

import pycountry

from immportal.domain.identifiers.invalid import InvalidIdentifier
from immportal.i18n import N_

MESSAGE = N_("Select a country from the list")
UNITED_STATES = "US"

# Kosovo has no ISO 3166-1 code yet; XK is the user-assigned code the EU and the U.S.
# State Department use, and U.S. forms list it.
_EXTRA = {"XK": N_("Kosovo")}
# Everyday English names that ISO spells otherwise (pycountry finds the ISO names,
# official names and codes itself).
_ALIASES = {
    "america": "US",
    "united states": "US",
    "great britain": "GB",
    "britain": "GB",
    "england": "GB",
    "scotland": "GB",
    "wales": "GB",
    "northern ireland": "GB",
    "uk": "GB",
    "russia": "RU",
    "turkey": "TR",
    "cape verde": "CV",
    "swaziland": "SZ",
    "ivory coast": "CI",
    "macedonia": "MK",
    "burma": "MM",
    "palestine": "PS",
    "micronesia": "FM",
    "vatican": "VA",
    "democratic republic of the congo": "CD",
    "republic of the congo": "CG",
}


@cache
def country_names() -> Mapping[str, str]:
    """Alpha-2 code to the name people know (Bolivia, not "Plurinational State of"),
    the United States first, then by name."""
    names = {c.alpha_2: getattr(c, "common_name", None) or c.name for c in pycountry.countries}
    names.update(_EXTRA)
    others = sorted((c for c in names if c != UNITED_STATES), key=lambda c: _folded(names[c]))
    return {UNITED_STATES: names[UNITED_STATES], **{code: names[code] for code in others}}


def country_name(code: str) -> str:
    """The name of a stored country code (the code itself if the list lacks it)."""
    return country_names().get(code, code)


def parse_country(text: str) -> str:
    """The alpha-2 code of a country typed as its code (alpha-2 or alpha-3) or a name."""
    code = _by_key().get(_folded(text))
    if code is None:
        raise InvalidIdentifier(MESSAGE)
    return code


@cache
def _by_key() -> Mapping[str, str]:
    keys = {_folded(alias): code for alias, code in _ALIASES.items()}
    keys.update({_folded(code): code for code in _EXTRA})
    keys.update({_folded(name): code for code, name in _EXTRA.items()})
    for country in pycountry.countries:
        spellings = ("alpha_2", "alpha_3", "name", "common_name", "official_name")
        for spelling in spellings:
            if value := getattr(country, spelling, None):
                keys[_folded(value)] = country.alpha_2
    return keys


def _folded(name: str) -> str:
    # Côte d'Ivoire, Cote d Ivoire and COTE DIVOIRE, or U.S.A. and usa, are one country.
    decomposed = unicodedata.normalize("NFKD", name)
    return "".join(c for c in decomposed if c.isalnum()).casefold()
