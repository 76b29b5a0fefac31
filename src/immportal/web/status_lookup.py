"""`/case-status`: anyone may look up a case's status by its receipt number, without signing in.

The answer is the status in plain words, the date and words of the last public step ("On
December 6, 2026, we scheduled your biometrics appointment"), and one line about what
happens next: never a name, an office, or staff-only steps such as a proposed decision. An unknown
number, and a well-formed number of nobody's case, get the same polite page. Each
lookup with a number counts against the client address's allowance (20 per 10 minutes)
so that receipt numbers cannot be tried in bulk.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from aiohttp import web

from immportal.domain.cases.receipt import parse_receipt_number
from immportal.domain.cases.status import CaseStatus, describe
from immportal.domain.errors import InvalidReceiptNumber
from immportal.i18n import N_, _
from immportal.projections.public_status import (
    LastAction,
    last_public_action,
    latest_card_step,
    status_by_receipt_number,
)
from immportal.services.cases.public_actions import PUBLIC_ACTIONS
from immportal.web.client_address import client_address
from immportal.web.policy import PUBLIC, allow
from immportal.web.portal import PORTAL
from immportal.web.presenters import NEXT_STEPS
from immportal.web.rendering import render

PATH = "/case-status"
FIELD = "receipt_number"
NOT_FOUND = N_("We could not find a case with that receipt number")
BLANK = N_("Enter the receipt number from your notice, for example IOE2700000042")
# Steps staff see but the public does not: a case waiting for its decision is "being
# reviewed" whatever stage the officer's draft decision has reached.
PUBLIC_STATUS = {
    CaseStatus.DECISION_PROPOSED: CaseStatus.ASSIGNED,
    CaseStatus.DECISION_REVIEWED: CaseStatus.ASSIGNED,
}


def last_action_words(last: LastAction | None) -> tuple[datetime, str] | None:
    """(when, what we did) for the answer's "On <date>, <what we did>." sentence."""
    return None if last is None else (last.occurred_at, _(PUBLIC_ACTIONS[last.event_type]))


def public_answer(status: str | None) -> tuple[str, str] | None:
    """(status title, one line) for a filed case's status, or None for nothing to show."""
    if status is None or status == CaseStatus.DRAFT.value:
        return None  # drafts have no receipt number; never hint that one exists
    shown = PUBLIC_STATUS.get(CaseStatus(status), CaseStatus(status))
    return describe(shown), NEXT_STEPS[shown]


@allow(PUBLIC)
async def case_status_page(request: web.Request) -> web.Response:
    """The lookup form; with a receipt number in the query, that case's status too."""
    typed = request.query.get(FIELD, "").strip()[:40]
    context: dict[str, Any] = {
        "title": _("Check your case status"),
        "typed": typed,
        "error": "",
        "answer": None,
        "not_found": False,
    }
    if FIELD not in request.query:
        return render("status_lookup.html", request, context)
    if not typed:
        return render("status_lookup.html", request, context | {"error": BLANK}, status=400)
    runtime = request.app[PORTAL]
    allowance = await runtime.lookup_limits.record(client_address(request), datetime.now(UTC))
    if not allowance.allowed:
        wait = allowance.retry_after_seconds
        response = render(
            "status_lookup_limited.html",
            request,
            {"title": _("Too many lookups"), "minutes": max(1, -(-wait // 60))},
            status=429,
        )
        response.headers["Retry-After"] = str(wait)
        return response
    try:
        number = parse_receipt_number(typed)
    except InvalidReceiptNumber as exc:
        return render("status_lookup.html", request, context | {"error": str(exc)}, status=400)
    answer = public_answer(await status_by_receipt_number(runtime.pool, number))
    context |= {"typed": number, "answer": answer, "not_found": answer is None}
    if answer is not None:
        context["last_action"] = last_action_words(await last_public_action(runtime.pool, number))
    if answer is not None:
        context["card"] = await latest_card_step(runtime.pool, number)
    return render("status_lookup.html", request, context, status=200 if answer else 404)


def add_status_lookup_routes(app: web.Application) -> None:
    """Register the public case-status lookup."""
    app.router.add_get(PATH, case_status_page)
