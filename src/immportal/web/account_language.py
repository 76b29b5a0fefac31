"""The signed-in person's own language: used on every page, chosen with the switch or account page.

A choice made while signed in is recorded on the account (LanguageChosen), so it follows the
person to other browsers and into their emails and notices; a choice made while signed out
only sets the browser's cookie (web.language).
"""

from aiohttp import web
from aiohttp.typedefs import Handler

from immportal.projections.account_profiles import get_language
from immportal.web.identity.common import account_id_of
from immportal.web.language import (
    SWITCH_PATH,
    offered,
    remember_in_cookie,
    return_path,
    use_for_request,
)
from immportal.web.policy import SIGNED_IN, allow
from immportal.web.portal import portal
from immportal.web.read_your_writes import ACCOUNT_PAGE, caught_up, shown_after
from immportal.web.sessions import current_session


@web.middleware
async def account_language(request: web.Request, handler: Handler) -> web.StreamResponse:
    """Speak the language a signed-in person chose (runs after the session is loaded).

    One primary-key read of `account_profiles` per signed-in page, as for the time zone: a
    cache would show a newly chosen language late on every other web process.
    """
    session = current_session(request)
    if (
        session is not None
        and session.signed_in
        and session.account_id is not None
        and "lang" not in request.query
        and not request.path.startswith("/static/")
    ):
        chosen = await get_language(portal(request).pool, session.account_id)
        if chosen is not None and chosen in offered(request):
            use_for_request(request, chosen)
    return await handler(request)


@allow(SIGNED_IN)
async def choose_for_account(request: web.Request) -> web.StreamResponse:
    """Record the language on the account (a form: the switch when signed in) and go back."""
    code = request.match_info["code"]
    if code not in offered(request):
        raise web.HTTPNotFound
    back = return_path((await request.post()).get("next"))
    services = portal(request)
    position = await services.languages.choose(account_id_of(request), code)
    shown = await caught_up(services, position, ACCOUNT_PAGE)
    redirect = web.HTTPSeeOther(shown_after(back, shown))
    remember_in_cookie(request, redirect, code)
    raise redirect


def add_account_language_routes(app: web.Application) -> None:
    """Register the signed-in switch (a form posting to the switch link's own address)."""
    app.router.add_post(SWITCH_PATH, choose_for_account)
