"""'Add a paper case': the receipt number and online access code from a receipt notice.

A wrong code, a receipt number we do not know and someone else's case get one answer,
with one status and one page (services/cases/paper_cases.py makes them cost the same).
The code travels only in the form's body: never in a URL, never in a log.
"""

from __future__ import annotations

from datetime import UTC, datetime

from aiohttp import web
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from immportal.domain.actor import Role
from immportal.domain.errors import InvalidReceiptNumber
from immportal.i18n import N_
from immportal.services.cases.paper_cases import PaperCaseRefused, TooManyAttempts
from immportal.web.applicant.access import signed_in_actor
from immportal.web.client_address import client_address
from immportal.web.policy import allow, roles
from immportal.web.portal import portal
from immportal.web.read_your_writes import CASE_LIST, caught_up, shown_after
from immportal.web.rendering import render

PATH = "/add-a-paper-case"
BLANK_NUMBER = N_("Enter the receipt number from your receipt notice, for example VSC2790000001")
BLANK_CODE = N_("Enter the online access code from your receipt notice")


class PaperCaseForm(BaseModel):
    """The receipt number and access code as typed."""

    model_config = ConfigDict(extra="ignore", frozen=True, str_strip_whitespace=True)

    receipt_number: str = Field(min_length=1, max_length=40)
    access_code: str = Field(min_length=1, max_length=40)


@allow(roles(Role.APPLICANT))
async def paper_case_page(request: web.Request) -> web.Response:
    """The form: receipt number and online access code."""
    return _page(request, {}, "")


@allow(roles(Role.APPLICANT))
async def add_paper_case(request: web.Request) -> web.Response:
    """Add the case to the signed-in person's account and show it, or say why not."""
    actor = signed_in_actor(request)
    posted = {k: v for k, v in (await request.post()).items() if isinstance(v, str)}
    typed = posted.get("receipt_number", "").strip()[:40]
    try:
        form = PaperCaseForm.model_validate(posted)
    except ValidationError as exc:
        fields = {str(error["loc"][0]) for error in exc.errors()}
        errors = {"receipt_number": BLANK_NUMBER} if "receipt_number" in fields else {}
        if "access_code" in fields:
            errors["access_code"] = BLANK_CODE
        return _page(request, errors, typed, 422)
    runtime = portal(request)
    try:
        added = await runtime.paper_cases.add_to_account(
            actor=actor,
            receipt_number=form.receipt_number,
            code=form.access_code,
            network=client_address(request),
            now=datetime.now(UTC),
        )
    except TooManyAttempts as limited:
        wait = limited.retry_after_seconds
        context = {"title": "Too many attempts", "minutes": max(1, -(-wait // 60))}
        response = render("applicant/paper_case_limited.html", request, context, status=429)
        response.headers["Retry-After"] = str(wait)
        return response
    except InvalidReceiptNumber as malformed:
        return _page(request, {"receipt_number": str(malformed)}, typed, 422)
    except PaperCaseRefused as refused:
        return _page(request, {"form": str(refused)}, typed, 422)
    shown = await caught_up(runtime, added.written.position, CASE_LIST)
    raise web.HTTPSeeOther(shown_after(f"/cases/{added.case_id}?added=1", shown))


def _page(
    request: web.Request, errors: dict[str, str], typed: str, status: int = 200
) -> web.Response:
    # The access code is never sent back: a refused code is typed again, not shown.
    context = {
        "title": ("Error: " if errors else "") + "Add a paper case",
        "errors": errors,
        "typed": typed,
    }
    return render("applicant/paper_case.html", request, context, status=status)
