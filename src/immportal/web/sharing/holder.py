"""The holder's share codes: make one for a purpose, see every check of it, revoke it."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any
from uuid import UUID

from aiohttp import web

from immportal.domain.actor import Role
from immportal.domain.errors import InvalidArgument
from immportal.domain.sharing.choices import FACT_ORDER, Purpose
from immportal.domain.sharing.share import LIFETIME
from immportal.errors import NotFound
from immportal.projections.case_files import get_case_files
from immportal.projections.case_summary import list_cases_of
from immportal.projections.status_shares import (
    StatusSharesProjection,
    checks_of,
    share_of,
    shares_of,
)
from immportal.services.sharing.service import NothingToShare, proven
from immportal.web.applicant.access import signed_in_actor
from immportal.web.policy import allow, roles
from immportal.web.portal import portal
from immportal.web.read_your_writes import caught_up, shown_after
from immportal.web.rendering import render
from immportal.web.sharing.check import CHECK_PATH

SHARES_PATH = "/share-codes"
NEW_PATH = f"{SHARES_PATH}/new"
SHARE_PATH = SHARES_PATH + "/{share_id}"
REVOKE_PATH = SHARE_PATH + "/revoke"
HOLDERS = roles(Role.APPLICANT)
"""A status is the person's own: only they share it (a representative cannot)."""
SHARE_PAGES = (StatusSharesProjection.name,)
CHOOSE_PURPOSE = "Choose what you need to prove your status for"
CHOOSE_FACTS = "Choose at least one thing the code shows"
CHOOSE_CASE = "Choose the application whose status you want to share"


async def sharable_cases(request: web.Request) -> list[dict[str, Any]]:
    """The holder's approved applications that give a status, with the status each gives."""
    holder = signed_in_actor(request).user_id
    services = portal(request)
    own = [s for s in await list_cases_of(services.pool, holder) if s.applicant_id == holder]
    files = await get_case_files(services.pool, [s.case_id for s in own])
    today = datetime.now(UTC).date()
    found = []
    for summary in own:
        file = files.get(summary.case_id)
        status = proven(file) if file is not None else None
        if status is not None and status.valid_on(today):
            found.append({"summary": summary, "status": status})
    return found


@allow(HOLDERS)
async def shares_page(request: web.Request) -> web.Response:
    """Every code the holder made, newest first, and whether they can make one."""
    holder = signed_in_actor(request).user_id
    context = {
        "title": "Prove your status",
        "shares": await shares_of(portal(request).pool, holder),
        "sharable": await sharable_cases(request),
        "now": datetime.now(UTC),
    }
    return render("sharing/list.html", request, context)


@allow(HOLDERS)
async def new_share_page(request: web.Request) -> web.Response:
    """The choices: which status, for what, and which facts the code shows."""
    return await _new_page(request, {}, {"facts": [fact.value for fact in FACT_ORDER]})


async def _new_page(
    request: web.Request, errors: dict[str, str], values: dict[str, Any], status: int = 200
) -> web.Response:
    cases = await sharable_cases(request)
    if not cases:
        raise NotFound("no status to share")
    context = {
        "title": "Make a share code",
        "cases": cases,
        "purposes": list(Purpose),
        "facts": FACT_ORDER,
        "errors": errors,
        "values": values,
        "days": LIFETIME.days,
    }
    return render("sharing/new.html", request, context, status=status)


@allow(HOLDERS)
async def create_share(request: web.Request) -> web.Response:
    """Make the code; its page then shows it, ready to pass on."""
    form = await request.post()
    cases = await sharable_cases(request)
    chosen_case = str(form.get("case_id", "")) if len(cases) > 1 else ""
    if len(cases) == 1:
        chosen_case = str(cases[0]["summary"].case_id)
    values: dict[str, Any] = {
        "case_id": chosen_case,
        "purpose": str(form.get("purpose", "")),
        "facts": [str(fact) for fact in form.getall("facts", [])],
    }
    errors = _problems(values, {str(c["summary"].case_id) for c in cases})
    if errors:
        return await _new_page(request, errors, values, 422)
    services = portal(request)
    try:
        created = await services.sharing.create(
            signed_in_actor(request),
            case_id=UUID(values["case_id"]),
            purpose=values["purpose"],
            facts=values["facts"],
            now=datetime.now(UTC),
        )
    except (InvalidArgument, NothingToShare) as exc:
        return await _new_page(request, {"form": str(exc)}, values, 422)
    shown = await caught_up(services, created.written.position, SHARE_PAGES)
    raise web.HTTPSeeOther(shown_after(f"{SHARES_PATH}/{created.share_id}", shown))


def _problems(values: dict[str, Any], cases: set[str]) -> dict[str, str]:
    errors = {}
    if values["case_id"] not in cases:
        errors["case_id"] = CHOOSE_CASE
    if values["purpose"] not in {purpose.value for purpose in Purpose}:
        errors["purpose"] = CHOOSE_PURPOSE
    if not values["facts"]:
        errors["facts"] = CHOOSE_FACTS
    return errors


def _share_id(request: web.Request) -> UUID:
    try:
        return UUID(request.match_info["share_id"])
    except ValueError:
        raise NotFound("not a share id") from None


@allow(HOLDERS)
async def share_page(request: web.Request) -> web.Response:
    """One code: the code itself while it works, what it shows, and every check of it."""
    services = portal(request)
    share = await share_of(services.pool, _share_id(request), signed_in_actor(request).user_id)
    if share is None:
        raise NotFound("no share code of this holder")
    now = datetime.now(UTC)
    context = {
        "title": "Your share code",
        "share": share,
        "state": share.state(now),
        "checks": await checks_of(services.pool, share.share_id),
        "revoke_action": REVOKE_PATH.format(share_id=share.share_id),
        "check_url": services.settings.public_url.rstrip("/") + CHECK_PATH,
    }
    return render("sharing/share.html", request, context)


@allow(HOLDERS)
async def revoke_share(request: web.Request) -> web.Response:
    """Stop the code working at once."""
    services = portal(request)
    share = _share_id(request)
    written = await services.sharing.revoke(signed_in_actor(request), share)
    shown = await caught_up(services, written.position, SHARE_PAGES)
    raise web.HTTPSeeOther(shown_after(f"{SHARES_PATH}/{share}", shown))


def add_holder_routes(app: web.Application) -> None:
    """Register the holder's share-code pages."""
    app.router.add_get(SHARES_PATH, shares_page)
    app.router.add_get(NEW_PATH, new_share_page)
    app.router.add_post(NEW_PATH, create_share)
    app.router.add_get(SHARE_PATH, share_page)
    app.router.add_post(REVOKE_PATH, revoke_share)
