"""`/account/time-zone`: choose the time zone the portal shows dates and times in."""

from __future__ import annotations

from aiohttp import web

from immportal.domain.identity.time_zones import CHOOSABLE, OTHER_ZONES, US_ZONES
from immportal.formatting import zone_label
from immportal.i18n import N_, _
from immportal.services.identity.profiles import AccountProfile
from immportal.web.identity.common import ACCOUNT_PATH, account_id_of, posted
from immportal.web.person_zone import person_locale
from immportal.web.policy import SIGNED_IN, allow
from immportal.web.portal import portal
from immportal.web.queries.profiles import read_own_profile
from immportal.web.read_your_writes import ACCOUNT_PAGE, caught_up, shown_after
from immportal.web.rendering import render

TIME_ZONE_PATH = f"{ACCOUNT_PATH}/time-zone"
FIELD = "time_zone"
MESSAGE = N_("Choose a time zone from the list")


def zone_options(chosen: str) -> dict[str, list[tuple[str, str, bool]]]:
    """The select's groups: each zone's name, its label in the page's language, and whether
    it is the one in use."""
    locale = person_locale()

    def group(zones: tuple[str, ...]) -> list[tuple[str, str, bool]]:
        return [(zone, zone_label(zone, locale), zone == chosen) for zone in zones]

    return {"us": group(US_ZONES), "other": group(OTHER_ZONES)}


def zone_context(found: AccountProfile) -> dict[str, str | bool]:
    """What the account page says of the zone: its label and whether the person chose it."""
    return {
        "time_zone_label": zone_label(found.shown_zone, person_locale()),
        "time_zone_chosen": found.time_zone is not None,
    }


@allow(SIGNED_IN)
async def time_zone_page(request: web.Request) -> web.Response:
    """The list of zones, with the one in use selected."""
    return await _render(request, "")


@allow(SIGNED_IN)
async def choose_time_zone(request: web.Request) -> web.Response:
    """Record the chosen zone and go back to the account page, which shows it."""
    zone = (await posted(request)).get(FIELD, "")
    if zone not in CHOOSABLE:
        return await _render(request, MESSAGE, status=422)
    services = portal(request)
    position = await services.time_zones.choose(account_id_of(request), zone)
    shown = await caught_up(services, position, ACCOUNT_PAGE)
    raise web.HTTPSeeOther(shown_after(f"{ACCOUNT_PATH}?done=time-zone", shown))


async def _render(request: web.Request, error: str, status: int = 200) -> web.Response:
    found = await read_own_profile(portal(request), account_id_of(request))
    context = {
        "title": _("Your time zone"),
        "groups": zone_options(found.shown_zone),
        "current": zone_label(found.shown_zone, person_locale()),
        "chosen": found.time_zone is not None,
        # Babel writes the labels in the page's language; the pseudo-language reads English.
        "labels_lang": person_locale().replace("_", "-"),
        "action": TIME_ZONE_PATH,
        "field": FIELD,
        "error": error,
    }
    return render("identity/time_zone.html", request, context, status=status)


def add_routes(app: web.Application) -> None:
    """Register the time zone page of the account."""
    app.router.add_get(TIME_ZONE_PATH, time_zone_page)
    app.router.add_post(TIME_ZONE_PATH, choose_time_zone)
