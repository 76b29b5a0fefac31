"""Development-only case pages: list, detail with timeline, change of address."""

from typing import Any
from uuid import UUID

from aiohttp import web

from immportal.domain.actor import Actor, Role
from immportal.errors import NotFound
from immportal.projections.case_summary import get_case_summary, list_case_summaries
from immportal.web.audit.access import record_staff_view
from immportal.web.case_pages import change_address as record_address
from immportal.web.case_pages import parse_case_id
from immportal.web.policy import DEV_ONLY, allow
from immportal.web.portal import PORTAL
from immportal.web.presenters import case_view
from immportal.web.queries.cases import case_details
from immportal.web.queries.timeline import timeline_lines
from immportal.web.rendering import render


@allow(DEV_ONLY)
async def case_list(request: web.Request) -> web.Response:
    """Recently changed cases."""
    runtime = request.app[PORTAL]
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
    case_id = parse_case_id(request)
    response = await _render_detail(request, case_id, {}, {})
    await record_staff_view(request, case_id)  # a staff member's view is an access record
    return response


async def _render_detail(
    request: web.Request,
    case_id: UUID,
    errors: dict[str, str],
    values: dict[str, Any],
    status: int = 200,
) -> web.Response:
    runtime = request.app[PORTAL]
    summary = await get_case_summary(runtime.pool, case_id)
    if summary is None:
        raise NotFound(f"no case {case_id}")
    details = await case_details(runtime, summary)
    return render(
        "cases/detail.html",
        request,
        {
            "case": details.view,
            "timeline": await timeline_lines(runtime, case_id),
            "address_action": f"/dev/cases/{case_id}/address",
            "errors": errors,
            "values": values,
        },
        status=status,
    )


@allow(DEV_ONLY)
async def change_address(request: web.Request) -> web.Response:
    """Record a new address as the case's applicant."""
    case_id = parse_case_id(request)
    case = await request.app[PORTAL].cases.get(case_id)
    # The dev pages have no signed-in person of their own: they act as the applicant.
    actor = Actor(case.applicant_id, Role.APPLICANT)

    async def again(errors: dict[str, str], values: dict[str, Any], status: int) -> web.Response:
        return await _render_detail(request, case_id, errors, values, status)

    return await record_address(
        request, case_id, actor, case_url=f"/dev/cases/{case_id}", again=again
    )


def add_dev_routes(app: web.Application) -> None:
    """Register the development pages."""
    app.router.add_get("/dev/cases", case_list)
    app.router.add_get("/dev/cases/{case_id}", case_detail)
    app.router.add_post("/dev/cases/{case_id}/address", change_address)
