"""Each request's language: chosen, remembered, offered in the header, used by templates.

The language is, in order: `?lang=` on the address (the `hreflang` alternates' links), the
signed-in person's choice (see `account_language`), the `immportal_lang` cookie that the
switch link sets, the browser's `Accept-Language` negotiated with Babel, else English.
"""

from collections.abc import Sequence
from dataclasses import dataclass

import jinja2
from aiohttp import web
from aiohttp.typedefs import Handler
from yarl import URL

from immportal.i18n import (
    DEFAULT_LANGUAGE,
    Language,
    _,
    babel_locale,
    language,
    ngettext,
    npgettext,
    pgettext,
    set_language,
)
from immportal.i18n.context import reset_language
from immportal.i18n.negotiation import negotiate
from immportal.web.keys import SETTINGS
from immportal.web.person_zone import use_person_locale
from immportal.web.policy import PUBLIC, allow, local_path

LANGUAGE_COOKIE = "immportal_lang"
# Browsers cap cookie lifetimes at 400 days.
_COOKIE_MAX_AGE = 400 * 24 * 3600
LANGUAGE = web.RequestKey("language", str)
SWITCH_PATH = "/language/{code}"


def offered(request: web.Request) -> tuple[str, ...]:
    """The language codes people may choose on this portal."""
    return request.app[SETTINGS].enabled_languages


def _known(code: str | None, available: Sequence[str]) -> str | None:
    if not code:
        return None
    return next((each for each in available if each.lower() == code.lower()), None)


def requested_language(request: web.Request) -> str:
    """The language the address, the cookie or the browser asks for (no account involved)."""
    available = offered(request)
    return (
        _known(request.query.get("lang"), available)
        or _known(request.cookies.get(LANGUAGE_COOKIE), available)
        or negotiate(request.headers.get("Accept-Language"), available)
        or DEFAULT_LANGUAGE
    )


def use_for_request(request: web.Request, code: str) -> None:
    """Speak `code` for the rest of this request (set by the middlewares)."""
    request[LANGUAGE] = code
    set_language(code)
    use_person_locale(babel_locale(code))


@web.middleware
async def choose_language(request: web.Request, handler: Handler) -> web.StreamResponse:
    """Set the request's language before anything renders (error pages included)."""
    code = requested_language(request)
    request[LANGUAGE] = code
    token = set_language(code)
    # Dates and money on the page follow the words (see web.person_zone).
    use_person_locale(babel_locale(code))
    try:
        response = await handler(request)
    except web.HTTPException as exc:
        exc.headers.setdefault("Content-Language", language(request[LANGUAGE]).tag)
        raise
    finally:
        reset_language(token)
    if not request.path.startswith("/static/"):
        response.headers.setdefault("Content-Language", language(request[LANGUAGE]).tag)
        # Caches must not hand one person's language to another asking differently.
        response.headers.add("Vary", "Accept-Language, Cookie")
    return response


def return_path(value: object) -> str:
    """Where a switch goes back to: a path on this site, else the home page (no open redirect)."""
    return (local_path(value) if isinstance(value, str) else None) or "/"


def remember_in_cookie(request: web.Request, response: web.StreamResponse, code: str) -> None:
    """Set the browser's language cookie to `code`."""
    response.set_cookie(
        LANGUAGE_COOKIE,
        code,
        max_age=_COOKIE_MAX_AGE,
        path="/",
        httponly=True,
        samesite="Lax",
        secure=request.app[SETTINGS].public_url.startswith("https:") or None,
    )


@allow(PUBLIC)
async def switch_language(request: web.Request) -> web.StreamResponse:
    """Remember the language in this browser and go back to the page it was chosen on.

    A plain link, so it only sets a cookie: recording a choice on an account is a form
    (web.account_language), never a GET.
    """
    code = _known(request.match_info["code"], offered(request))
    if code is None:
        raise web.HTTPNotFound
    redirect = web.HTTPSeeOther(return_path(request.query.get("next")))
    remember_in_cookie(request, redirect, code)
    raise redirect


@dataclass(frozen=True)
class LanguageLink:
    """A language and the address showing this page in it (or choosing it)."""

    language: Language
    href: str
    action: str = ""
    """The switch form's target, for people signed in (their choice goes on the account)."""


class PageLanguage:
    """What `base.html` needs: the page's `lang` and `dir`, alternates and the switch links."""

    __slots__ = ("_request", "current")

    def __init__(self, request: web.Request) -> None:
        self._request = request
        self.current = language(request.get(LANGUAGE, DEFAULT_LANGUAGE))

    @property
    def back(self) -> str:
        """This page's path and query (without `lang`), for the switch to return to."""
        return str(self._request.rel_url.without_query_params("lang"))

    @property
    def default_href(self) -> str:
        """This page's absolute address without `lang`, for `hreflang="x-default"`."""
        return f"{self._request.app[SETTINGS].public_url.rstrip('/')}{self.back}"

    @property
    def alternates(self) -> list[LanguageLink]:
        """This page in every language, for `<link rel="alternate" hreflang>` (absolute)."""
        base = self._request.app[SETTINGS].public_url.rstrip("/")
        url = self._request.rel_url
        return [
            LanguageLink(language(code), f"{base}{url.update_query(lang=code)}")
            for code in offered(self._request)
        ]

    @property
    def switches(self) -> list[LanguageLink]:
        """Links choosing each other language and coming back to this page."""
        back = self.back
        links = []
        for code in offered(self._request):
            if code == self.current.code:
                continue
            action = SWITCH_PATH.format(code=code)
            href = str(URL.build(path=action, query={"next": back}))
            if "token" in self._request.query:
                # An emailed link's token stays in the one address it came in (whose Referer is
                # held back): this page in the other language, not a return path carrying it.
                href = str(self._request.rel_url.update_query(lang=code))
            links.append(LanguageLink(language(code), href, action))
        return links


def install_translations(env: jinja2.Environment, languages: Sequence[str]) -> None:
    """Give templates `_()`, `ngettext()`, `{% trans %}` in the request's language."""
    for code in languages:
        language(code)  # an unknown code in the settings stops start-up, not every page
    env.add_extension("jinja2.ext.i18n")
    # Multi-line {% trans %} blocks become one-line messages, as translators expect.
    env.policies["ext.i18n.trimmed"] = True
    env.install_gettext_callables(  # type: ignore[attr-defined] # added by the extension
        gettext=_, ngettext=ngettext, newstyle=True, pgettext=pgettext, npgettext=npgettext
    )
    env.filters["translate"] = translate_value


def translate_value(value: object) -> str:
    """`{{ value|translate }}`: a message marked with N_() elsewhere, in the page's language.

    Not `_(value)`: new-style gettext %-formats every template message, and a value may hold
    a literal "%".
    """
    return _(str(value)) if value else ""


def add_language_routes(app: web.Application) -> None:
    """Register the language switch (public)."""
    app.router.add_get(SWITCH_PATH, switch_language)


def other_languages(request: web.Request, chosen: str | None) -> list[tuple[str, str, str]]:
    """The languages a person could switch their account to: code, own name, tag."""
    return [
        (code, language(code).name, language(code).tag)
        for code in offered(request)
        if code != chosen
    ]
