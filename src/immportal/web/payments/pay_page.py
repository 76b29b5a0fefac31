"""The fee page of a case: what it costs and why, then off to the hosted payment page.

A signed draft shows the fee its answers come to, with the reason, and the ways not to pay
it in full where the schedule allows (a fee waiver request, the N-400 reduced fee). A $0
application is sent from here with no payment. After a fee waiver decision that leaves a
fee due, the page charges that fee.
"""

from __future__ import annotations

import re
import secrets
from datetime import UTC, datetime
from enum import StrEnum
from typing import Any
from uuid import UUID

from aiohttp import web

from immportal.domain.actor import Role
from immportal.domain.cases.status import CaseStatus
from immportal.domain.payments.fee_situation import FEE_SECTION, REDUCED_FEE, YES
from immportal.domain.payments.fees import SCHEDULE_NAME, assess_fee, format_cents
from immportal.domain.payments.payment import PaymentState
from immportal.domain.payments.waivers import WaiverBasis, WaiverState, state_of
from immportal.errors import NotFound
from immportal.i18n import N_
from immportal.services.cases.applications import ready_to_file
from immportal.services.cases.files import CaseFile
from immportal.services.payments.fee_due import NothingToPay
from immportal.services.payments.ports import KeyReused
from immportal.services.payments.records import PaymentRecord
from immportal.services.payments.service import NotPayable
from immportal.web.applicant.access import APPLICANT_ONLY, CaseAccess, open_case, signed_in_actor
from immportal.web.payments.fee_pages import pay_url, reduced_fee_url, waiver_url
from immportal.web.policy import allow, roles
from immportal.web.portal import portal
from immportal.web.queries.case_files import read_case_file
from immportal.web.queries.payments import case_payments, payment_of
from immportal.web.read_your_writes import CASE_PAGE, caught_up, shown_after
from immportal.web.rendering import render

APPLICANTS = roles(Role.APPLICANT)
"""Only the applicant pays their filing fee and sees its receipt."""
KEY_FIELD = "idempotency_key"
KEY_REUSED = N_("This payment form was already used for another payment. Please try again.")
_KEY = re.compile(r"[A-Za-z0-9_-]{16,100}")
ENDED = {
    PaymentState.DECLINED: N_("Your card was declined. No money was taken. You can try again."),
    PaymentState.ABANDONED: N_(
        "You did not finish paying, so no money was taken. You can pay now."
    ),
}


class Stage(StrEnum):
    """What the fee page offers, given where the case stands."""

    NOT_READY = "not_ready"
    """A draft not yet complete and signed."""
    PAY = "pay"
    """A signed draft with a fee."""
    NO_FEE = "no_fee"
    """A signed draft with nothing to pay: sent from here."""
    DECIDING = "deciding"
    """Sent with a fee waiver request that is not decided yet."""
    DUE = "due"
    """Sent, and a fee waiver decision left a fee to pay."""
    DONE = "done"
    """Nothing more to pay."""


def stage_of(case: CaseFile, fee_cents: int) -> Stage:
    """Where the case stands on the fee page."""
    if case.status is CaseStatus.DRAFT:
        if not ready_to_file(case):
            return Stage.NOT_READY
        return Stage.PAY if fee_cents else Stage.NO_FEE
    due = case.fee_due_cents
    if case.status is CaseStatus.SUBMITTED and due is None:
        return Stage.DECIDING
    if case.status is CaseStatus.SUBMITTED and due:
        return Stage.DUE
    return Stage.DONE


@allow(APPLICANTS)
async def pay_page(request: web.Request) -> web.Response:
    """The fee, why it is due and the schedule it comes from, and one button to pay it."""
    access = await open_case(request, APPLICANT_ONLY)
    return await _render(request, access)


@allow(APPLICANTS)
async def start_payment(request: web.Request) -> web.Response:
    """Open (or, on a double click, find) the payment of this form and go to its page;
    a $0 application is sent instead."""
    access = await open_case(request, APPLICANT_ONLY)
    key = str((await request.post()).get(KEY_FIELD, ""))
    if not _KEY.fullmatch(key):
        return await _render(request, access, problem=N_("Something went wrong. Please try again."))
    case_id = access.summary.case_id
    try:
        payment = await portal(request).payments.start(
            case_id, actor=access.actor, idempotency_key=key
        )
    except NothingToPay:
        return await _send_without_fee(request, access)
    except KeyReused:
        # The form's key opened a payment for another case or person: a new form, a 409.
        page = await _render(request, access, problem=KEY_REUSED)
        page.set_status(409)
        return page
    except NotPayable:
        # Paid meanwhile (another tab, or a double click that already filed it): the
        # fee page says where the case stands.
        raise web.HTTPSeeOther(pay_url(case_id)) from None
    if payment.is_open:
        raise web.HTTPSeeOther(f"/payments/{payment.id}/continue")
    if payment.state is PaymentState.RECEIVED:
        raise web.HTTPSeeOther(f"/payments/{payment.id}/receipt")
    raise web.HTTPSeeOther(pay_url(case_id))


async def _send_without_fee(request: web.Request, access: CaseAccess) -> web.Response:
    case_id = access.summary.case_id
    try:
        written = await portal(request).fee_filing.file_without_fee(case_id, actor=access.actor)
    except NotPayable:  # sent meanwhile, by the other click of a double click
        raise web.HTTPSeeOther(pay_url(case_id)) from None
    shown = await caught_up(portal(request), written.position, CASE_PAGE)
    raise web.HTTPSeeOther(shown_after(f"/cases/{case_id}", shown))


@allow(APPLICANTS)
async def continue_to_provider(request: web.Request) -> web.Response:
    """A page that sends the browser on to the hosted payment page, with a link to do it."""
    payment = await own_payment(request)
    if not payment.is_open:
        raise web.HTTPSeeOther(pay_url(payment.case_id))
    # Not a redirect of the form's POST: the CSP form-action 'self' would stop a browser
    # following it to another site. A new navigation from this page is allowed.
    return render(
        "payments/continue.html",
        request,
        {"title": "Continue to payment", "url": payment.redirect_url},
    )


async def own_payment(request: web.Request) -> PaymentRecord:
    """The URL's payment if the signed-in person started it; NotFound otherwise."""
    try:
        payment_id = UUID(request.match_info["payment_id"])
    except ValueError:
        raise NotFound("not a payment id") from None
    return await payment_of(portal(request), payment_id, signed_in_actor(request))


def waiver_words(case: CaseFile) -> dict[str, Any] | None:
    """The case's fee waiver request as the pages tell it, or None without one."""
    state = state_of(case.fee_waiver)
    if state is None or case.fee_waiver is None:
        return None
    return {
        "state": state.value,
        "basis": WaiverBasis(case.fee_waiver["basis"]).label,
        "decision_reason": case.fee_waiver.get("decision_reason") or "",
        "approved": state is WaiverState.APPROVED,
        "denied": state is WaiverState.DENIED,
    }


async def _render(request: web.Request, access: CaseAccess, *, problem: str = "") -> web.Response:
    case_id = access.summary.case_id
    case = await read_case_file(portal(request), case_id)
    payments = await case_payments(portal(request), case_id)
    paid = next((p for p in payments[::-1] if p.state is PaymentState.RECEIVED), None)
    last = payments[-1] if payments else None
    fee = assess_fee(case.form_type, case.answers, datetime.now(UTC).date())
    stage = stage_of(case, fee.amount_cents)
    payable = stage in (Stage.PAY, Stage.DUE)
    return render(
        "payments/pay.html",
        request,
        {
            "title": "Pay the filing fee",
            "case_id": case_id,
            "form_type": case.form_type,
            "form_title": fee.form_type.title,
            "stage": stage.value,
            "fee": fee,
            "schedule": SCHEDULE_NAME,
            "recorded_fee": format_cents(case.fee_cents),
            "recorded_reason": case.fee_reason,
            "due": format_cents(case.fee_due_cents or 0),
            "waiver": waiver_words(case),
            "waiver_url": waiver_url(case_id),
            "reduced_fee_url": reduced_fee_url(case_id),
            "documents_url": f"/cases/{case_id}/documents",
            "reduced_fee_asked": case.answers.get(FEE_SECTION, {}).get(REDUCED_FEE) == YES,
            "paid": paid,
            "ended": ENDED.get(last.state) if payable and last is not None else None,
            "problem": problem,
            "idempotency_key": secrets.token_urlsafe(24),
            "key_field": KEY_FIELD,
        },
        status=400 if problem else 200,
    )
