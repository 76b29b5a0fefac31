"""The language of the work in hand (a request, an email, a notice), held in a context variable."""

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar, Token
from functools import cache

from babel.localedata import locale_identifiers

from immportal.i18n.languages import DEFAULT_LANGUAGE, PSEUDO_LANGUAGE

# A context variable rather than a parameter: every layer calls _() without threading the
# language through, and each asyncio task (a request, a consumer's message) has its own copy.
_language: ContextVar[str] = ContextVar("immportal_language", default=DEFAULT_LANGUAGE)


def current_language() -> str:
    """The language code words are translated into now (e.g. "en", "es")."""
    return _language.get()


def set_language(code: str) -> Token[str]:
    """Translate into `code` from now on in this context; returns a token to undo it."""
    return _language.set(code)


@contextmanager
def use_language(code: str) -> Iterator[None]:
    """Translate into `code` inside the block (an email or notice for one person)."""
    token = _language.set(code)
    try:
        yield
    finally:
        _language.reset(token)


def reset_language(token: Token[str]) -> None:
    """Undo a `set_language`, back to the language before it."""
    _language.reset(token)


def babel_locale(code: str | None = None) -> str:
    """The Babel locale that formats dates and money for `code` (default: the current language).

    The language as written in the United States where CLDR has it ("en_US", "es_US": "$470.00"
    and "6 de diciembre de 2026"), else the language itself; the pseudo-language reads as English.
    """
    code = current_language() if code is None else code
    return _regional(DEFAULT_LANGUAGE if code == PSEUDO_LANGUAGE else code)


@cache
def _regional(code: str) -> str:
    american = f"{code}_US"
    return american if "_" not in code and american in locale_identifiers() else code
