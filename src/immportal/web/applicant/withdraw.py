"""'Withdraw this application': the reason, a check-your-answers page, then the withdrawal.

GET shows the reason form; POST checks it and shows what will happen, with the answers
in hidden fields; the confirm POST withdraws and closes the case (services/cases/
withdrawal.py) and shows the case page, where the acknowledgement notice appears.
"""

from __future__ import annotations

from typing import Any

from aiohttp import web
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from immportal.domain.cases.status import PENDING_STATUSES, CaseStatus
from immportal.domain.cases.withdrawal import WITHDRAWAL_GROUNDS, ground_label
from immportal.domain.errors import DomainError
from immportal.errors import ConcurrencyConflict
from immportal.i18n import N_
from immportal.services.cases.withdrawal import EXPLAIN_OTHER
from immportal.web.applicant.access import FILERS, CaseAccess, open_case
from immportal.web.applicant.case_page import case_url
from immportal.web.policy import allow
from immportal.web.portal import portal
from immportal.web.read_your_writes import CASE_PAGE, caught_up, shown_after
from immportal.web.rendering import render

EXPLANATION_MAX = 1000
CHOOSE = N_("Choose why you are withdrawing the application")
TOO_LONG = N_("Keep your explanation under 1000 characters")
CHANGED = N_("This case changed while you were on this page. Check it and try again.")
NOT_OPEN = N_("This application can no longer be withdrawn online.")


class WithdrawForm(BaseModel):
    """The chosen ground, the person's words and the case version they saw."""

    model_config = ConfigDict(extra="ignore", frozen=True, str_strip_whitespace=True)

    expected_version: int = Field(ge=1)
    ground: str = Field(min_length=1, max_length=40)
    explanation: str = Field(default="", max_length=EXPLANATION_MAX)


def withdrawable(status: str) -> bool:
    """Whether a case in this status can be withdrawn online: filed and not yet decided."""
    return CaseStatus(status) in PENDING_STATUSES


def form_url(access: CaseAccess) -> str:
    """Where the case's withdrawal form is."""
    return f"{case_url(access)}/withdraw"


@allow(FILERS)
async def withdraw_page(request: web.Request) -> web.Response:
    """The reason form, or a plain page saying the case cannot be withdrawn now."""
    access = await open_case(request)
    return _form(request, access, {}, {"expected_version": str(access.summary.version)})


@allow(FILERS)
async def check_withdrawal(request: web.Request) -> web.Response:
    """Check the reason; show what withdrawing means and the answers, to confirm."""
    access = await open_case(request)
    posted = await _posted(request)
    form, errors = _parse(posted)
    if form is None:
        return _form(request, access, errors, posted, 422)
    context = _context(access) | {
        "form": form,
        "ground_words": ground_label(form.ground),
        "title": "Check your answers before you withdraw",
    }
    return render("applicant/withdraw_check.html", request, context)


@allow(FILERS)
async def confirm_withdrawal(request: web.Request) -> web.Response:
    """Withdraw and close the case; a second press lands on the same case page."""
    access = await open_case(request)
    posted = await _posted(request)
    form, errors = _parse(posted)
    if form is None:
        return _form(request, access, errors, posted, 422)
    runtime = portal(request)
    try:
        written = await runtime.withdrawals.withdraw(
            access.summary.case_id,
            actor=access.actor,
            expected_version=form.expected_version,
            ground=form.ground,
            explanation=form.explanation,
        )
    except ConcurrencyConflict:
        fresh = {**posted, "expected_version": str(access.summary.version)}
        return _form(request, access, {"form": CHANGED}, fresh, 409)
    except DomainError as refused:
        return _form(request, access, {"form": str(refused)}, posted, 422)
    shown = await caught_up(runtime, written.position, CASE_PAGE)
    raise web.HTTPSeeOther(shown_after(f"{case_url(access)}?withdrawn=1", shown))


def _form(
    request: web.Request,
    access: CaseAccess,
    errors: dict[str, str],
    values: dict[str, str],
    status: int = 200,
) -> web.Response:
    if not withdrawable(access.summary.status):
        errors = {"form": NOT_OPEN}
    context = _context(access) | {
        "errors": errors,
        "values": values,
        "grounds": list(WITHDRAWAL_GROUNDS.items()),
        "open": withdrawable(access.summary.status),
        "title": ("Error: " if errors else "") + "Withdraw your application",
        "explanation_max": EXPLANATION_MAX,
    }
    return render("applicant/withdraw.html", request, context, status=status)


def _context(access: CaseAccess) -> dict[str, Any]:
    summary = access.summary
    return {
        "case_id": summary.case_id,
        "receipt_number": summary.receipt_number or "",
        "form_type": summary.form_type or "",
        "standing": access.standing.value,
    }


async def _posted(request: web.Request) -> dict[str, str]:
    return {k: v for k, v in (await request.post()).items() if isinstance(v, str)}


def _parse(posted: dict[str, str]) -> tuple[WithdrawForm | None, dict[str, str]]:
    try:
        form = WithdrawForm.model_validate(posted)
    except ValidationError as exc:
        fields = {str(error["loc"][0]) for error in exc.errors()}
        if "explanation" in fields:
            return None, {"explanation": TOO_LONG}
        if "expected_version" in fields:
            return None, {"form": CHANGED}
        return None, {"ground": CHOOSE}
    if form.ground not in WITHDRAWAL_GROUNDS:
        return None, {"ground": CHOOSE}
    if form.ground == "other" and not form.explanation:
        return None, {"explanation": EXPLAIN_OTHER}
    return form, {}
