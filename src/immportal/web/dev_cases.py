"""Development-only case pages: list, detail with timeline, change of address."""

import asyncio
from dataclasses import dataclass
from datetime import datetime
from typing import Any
from uuid import UUID

from aiohttp import web
from pydantic import ValidationError

from immportal.domain.actor import Actor, Role
from immportal.errors import ConcurrencyConflict, NotFound
from immportal.projections.case_summary import get_case_summary, list_case_summaries
from immportal.projections.case_timeline import get_timeline
from immportal.runtime import Runtime
from immportal.web.forms import ADDRESS_LABELS, AddressForm, field_errors
from immportal.web.keys import RUNTIME
from immportal.web.policy import DEV_ONLY, allow
from immportal.web.presenters import case_view, role_phrase
from immportal.web.rendering import render

_READ_YOUR_WRITES_SECONDS = 2.0


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


@allow(DEV_ONLY)
async def case_list(request: web.Request) -> web.Response:
    """Recently changed cases."""
    runtime = request.app[RUNTIME]
    summaries = await list_case_summaries(runtime.pool)
    return render(
        "cases/index.html",
        request,
        {
            "title": "Cases",
            "cases": [case_view(s) for s in summaries],
        },
    )


@allow(DEV_ONLY)
async def case_detail(request: web.Request) -> web.Response:
    """One case: summary, plain-language timeline, change-of-address form."""
    return await _render_detail(request, parse_case_id(request), {}, {})


async def _render_detail(
    request: web.Request,
    case_id: UUID,
    errors: dict[str, str],
    values: dict[str, Any],
    *,
    status: int = 200,
) -> web.Response:
    runtime = request.app[RUNTIME]
    summary = await get_case_summary(runtime.pool, case_id)
    if summary is None:
        raise NotFound(f"no case {case_id}")
    case = await runtime.cases.get(case_id)
    entries = await get_timeline(runtime.pool, case_id)
    timeline = [
        TimelineLine(e.title, e.occurred_at, role_phrase(e.actor_role), e.reason) for e in entries
    ]
    return render(
        "cases/detail.html",
        request,
        {
            "case": case_view(summary, case.address),
            "timeline": timeline,
            "errors": errors,
            "values": values,
        },
        status=status,
    )


@allow(DEV_ONLY)
async def change_address(request: web.Request) -> web.Response:
    """Record a new address; keep what was typed on a bad form or a conflict."""
    case_id = parse_case_id(request)
    runtime = request.app[RUNTIME]
    posted = {k: v for k, v in (await request.post()).items() if isinstance(v, str)}
    try:
        form = AddressForm.model_validate(posted)
    except ValidationError as exc:
        return await _render_detail(request, case_id, field_errors(exc), posted, status=422)
    case = await runtime.cases.get(case_id)
    # Until sign-in exists, dev pages act as the case's applicant.
    actor = Actor(case.applicant_id, Role.APPLICANT)
    try:
        version = await runtime.cases.change_address(
            case_id, actor=actor, expected_version=form.expected_version, address=form.address()
        )
    except ConcurrencyConflict:
        # Reload: the case read above may predate the change that won the race.
        latest = await runtime.cases.get(case_id)
        return render(
            "errors/409.html",
            request,
            {
                "case_url": f"/dev/cases/{case_id}",
                "form_action": f"/dev/cases/{case_id}/address",
                "expected_version": latest.version,
                "fields": [
                    (name, label, posted.get(name, "")) for name, label in ADDRESS_LABELS.items()
                ],
            },
            status=409,
        )
    await _wait_for_read_models(request, case_id, version)
    raise web.HTTPSeeOther(f"/dev/cases/{case_id}")


async def _wait_for_read_models(request: web.Request, case_id: UUID, version: int) -> None:
    # Read your own writes: the page after a change shows the summary and the
    # timeline, so give both projections a moment to catch up before redirecting.
    runtime = request.app[RUNTIME]
    loop = asyncio.get_running_loop()
    deadline = loop.time() + _READ_YOUR_WRITES_SECONDS
    while loop.time() < deadline:
        if await _projected(runtime, case_id, version):
            return
        await asyncio.sleep(0.02)


async def _projected(runtime: Runtime, case_id: UUID, version: int) -> bool:
    summary = await get_case_summary(runtime.pool, case_id)
    if summary is None or summary.version < version:
        return False
    timeline = await get_timeline(runtime.pool, case_id, include_staff_only=True)
    return bool(timeline) and timeline[-1].version >= version


def add_dev_routes(app: web.Application) -> None:
    """Register the development pages."""
    app.router.add_get("/dev/cases", case_list)
    app.router.add_get("/dev/cases/{case_id}", case_detail)
    app.router.add_post("/dev/cases/{case_id}/address", change_address)
