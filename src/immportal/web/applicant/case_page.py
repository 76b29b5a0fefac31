"""The case page of an applicant or their representative, with its change of address."""

from datetime import UTC, datetime
from typing import Any
from uuid import UUID

from aiohttp import web

from immportal import formatting
from immportal.domain.cases.case import INQUIRY_MAX_LENGTH
from immportal.domain.identifiers.countries import country_names
from immportal.i18n import _
from immportal.projections.case_messages import get_conversation
from immportal.projections.case_requests import case_requests
from immportal.projections.notices import list_case_notices
from immportal.services.audit.access import offices_that_viewed
from immportal.services.audit.views_by_day import offices_by_day
from immportal.web.applicant.access import FILERS, CaseAccess, open_case
from immportal.web.applicant.case_extras import case_fee, payment_lines
from immportal.web.case_pages import change_address as record_address
from immportal.web.correspondence import request_words
from immportal.web.person_zone import person_zone
from immportal.web.policy import allow
from immportal.web.portal import PORTAL
from immportal.web.queries.cases import case_details, case_estimate
from immportal.web.queries.timeline import timeline_lines
from immportal.web.rendering import render

VIEWS_READ = 2000
"""How many of the latest staff views are grouped into days (years of ordinary handling)."""


def case_url(access: CaseAccess) -> str:
    """Where the case page is."""
    return f"/cases/{access.summary.case_id}"


@allow(FILERS)
async def case_page(request: web.Request) -> web.Response:
    """Summary, estimate, messages, requests, payments, notices, timeline, question, address."""
    return await render_case(request, await open_case(request), {}, {})


@allow(FILERS)
async def change_address(request: web.Request) -> web.Response:
    """Record a new mailing address, acting as the signed-in person."""
    access = await open_case(request)

    async def again(errors: dict[str, str], values: dict[str, Any], status: int) -> web.Response:
        return await render_case(request, access, errors, values, status)

    return await record_address(
        request, access.summary.case_id, access.actor, case_url=case_url(access), again=again
    )


def confirmation(request: web.Request) -> str | None:
    """What the page confirms after adding a paper case or withdrawing (None otherwise)."""
    # Only the flag is in the address; the words are ours, so nothing typed is echoed back.
    if request.query.get("added") == "1":
        return _("The case is now in your account. You will see its updates here.")
    if request.query.get("withdrawn") == "1":
        return _("Your application is withdrawn. We will send you a notice that confirms it.")
    return None


async def render_case(
    request: web.Request,
    access: CaseAccess,
    errors: dict[str, str],
    values: dict[str, Any],
    status: int = 200,
    *,
    inquiry_text: str = "",
) -> web.Response:
    """The case page, with any problems of the address form or the question asked."""
    runtime = request.app[PORTAL]
    case_id = access.summary.case_id
    details = await case_details(runtime, access.summary)
    return render(
        "applicant/case.html",
        request,
        {
            "case": details.view,
            "timeline": await timeline_lines(runtime, case_id, access.standing),
            "notices": await list_case_notices(runtime.pool, case_id, UUID(access.actor.user_id)),
            "offices_viewed": offices_by_day(
                await offices_that_viewed(runtime.access_log, case_id, limit=VIEWS_READ),
                formatting.zone(person_zone()),
            ),
            "standing": access.standing.value,
            "representative_count": len(details.file.representative_ids),
            "address_action": f"{case_url(access)}/address",
            "countries": country_names(),
            "payments": await payment_lines(request, access),
            "fee": case_fee(details.file),
            "estimate": await case_estimate(runtime, access.summary, datetime.now(UTC)),
            "awaiting_decision": details.awaiting_decision,
            "inquiry_action": f"{case_url(access)}/inquiry",
            "inquiry_text": inquiry_text,
            "inquiry_max": INQUIRY_MAX_LENGTH,
            "asked": request.query.get("asked") == "1",
            "confirmation": confirmation(request),
            "conversation": await get_conversation(runtime.pool, case_id),
            "case_requests": await case_requests(runtime.pool, case_id),
            "request_words": request_words,
            "errors": errors,
            "values": values,
        },
        status=status,
    )
