"""What every case page shares: its URL's case id, the timeline, the change of address."""

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any
from uuid import UUID

from aiohttp import web
from pydantic import ValidationError

from immportal.domain.actor import Actor
from immportal.domain.cases.permissions import Standing
from immportal.errors import ConcurrencyConflict, NotFound
from immportal.i18n import _
from immportal.projections.case_timeline import get_timeline
from immportal.web.forms import ADDRESS_LABELS, AddressForm, field_errors
from immportal.web.portal import PORTAL, Portal
from immportal.web.presenters import role_phrase
from immportal.web.read_your_writes import CASE_PAGE, caught_up, shown_after
from immportal.web.rendering import render

UNCHANGED = "address_unchanged"
"""Set among the typed values when the address given was the one already kept."""
RenderPage = Callable[[dict[str, str], dict[str, Any], int], Awaitable[web.Response]]
"""Render a case page again with (errors, what was typed, status)."""


@dataclass(frozen=True)
class TimelineLine:
    """One timeline entry as the page shows it."""

    title: str
    occurred_at: datetime
    actor_role: str
    reason: str | None


def parse_case_id(request: web.Request) -> UUID:
    """The case id from the URL; anything malformed is simply not found."""
    try:
        return UUID(request.match_info["case_id"])
    except ValueError:
        raise NotFound("malformed case id") from None


async def timeline_lines(
    runtime: Portal, case_id: UUID, viewer: Standing = Standing.APPLICANT
) -> list[TimelineLine]:
    """The case's history as the viewer reads it (staff-only entries left out)."""
    entries = await get_timeline(runtime.pool, case_id)
    return [
        TimelineLine(e.title, e.occurred_at, role_phrase(e.actor_role, viewer), e.reason)
        for e in entries
    ]


async def change_address(
    request: web.Request, case_id: UUID, actor: Actor, *, case_url: str, again: RenderPage
) -> web.Response:
    """Record a new address; keep what was typed on a bad form or a conflict."""
    runtime = request.app[PORTAL]
    posted = {k: v for k, v in (await request.post()).items() if isinstance(v, str)}
    try:
        form = AddressForm.model_validate(posted)
    except ValidationError as exc:
        return await again(field_errors(exc), posted, 422)
    try:
        written = await runtime.cases.change_address(
            case_id, actor=actor, expected_version=form.expected_version, address=form.address()
        )
    except ConcurrencyConflict:
        # Reload: the version the form carried predates the change that won the race.
        latest = await runtime.cases.get(case_id)
        return render(
            "errors/409.html",
            request,
            {
                "case_url": case_url,
                "form_action": f"{case_url}/address",
                "expected_version": latest.version,
                "fields": [
                    (name, _(label), {**posted, "country": form.country}.get(name, ""))
                    for name, label in ADDRESS_LABELS.items()
                ],
            },
            status=409,
        )
    if not written.position:
        # The address the case already has: nothing recorded, no notice; say so.
        return await again({}, {**posted, UNCHANGED: "1"}, 200)
    shown = await caught_up(runtime, written.position, CASE_PAGE)
    raise web.HTTPSeeOther(shown_after(case_url, shown))
