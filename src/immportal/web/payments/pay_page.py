"""The fee page of a draft case: what it costs, then off to the hosted payment page."""

from __future__ import annotations

import re
import secrets
from uuid import UUID

from aiohttp import web

from immportal.domain.actor import Role
from immportal.domain.cases.status import CaseStatus
from immportal.domain.payments.fees import SCHEDULE_NAME, fee_for
from immportal.domain.payments.payment import PaymentState
from immportal.errors import NotFound
from immportal.services.cases.applications import ready_to_file
from immportal.services.payments.records import PaymentRecord
from immportal.services.payments.service import NotPayable
from immportal.web.applicant.access import APPLICANT_ONLY, CaseAccess, open_case, signed_in_actor
from immportal.web.policy import allow, roles
from immportal.web.portal import portal
from immportal.web.queries.case_files import read_case_file
from immportal.web.queries.payments import case_payments, payment_of
from immportal.web.rendering import render

APPLICANTS = roles(Role.APPLICANT)
"""Only the applicant pays their filing fee and sees its receipt."""
KEY_FIELD = "idempotency_key"
_KEY = re.compile(r"[A-Za-z0-9_-]{16,100}")
ENDED = {
    PaymentState.DECLINED: "Your card was declined. No money was taken. You can try again.",
    PaymentState.ABANDONED: "You did not finish paying, so no money was taken. You can pay now.",
}


@allow(APPLICANTS)
async def pay_page(request: web.Request) -> web.Response:
    """The fee, the schedule it comes from, and one button to pay it."""
    access = await open_case(request, APPLICANT_ONLY)
    return await _render(request, access)


@allow(APPLICANTS)
async def start_payment(request: web.Request) -> web.Response:
    """Open (or, on a double click, find) the payment of this form and go to its page."""
    access = await open_case(request, APPLICANT_ONLY)
    key = str((await request.post()).get(KEY_FIELD, ""))
    if not _KEY.fullmatch(key):
        return await _render(request, access, problem="Something went wrong. Please try again.")
    service = portal(request).payments
    try:
        payment = await service.start(
            access.summary.case_id, actor=access.actor, idempotency_key=key
        )
    except NotPayable:
        # Paid meanwhile (another tab, or a double click that already filed it): the
        # fee page says where the case stands.
        raise web.HTTPSeeOther(f"/cases/{access.summary.case_id}/pay") from None
    if payment.is_open:
        raise web.HTTPSeeOther(f"/payments/{payment.id}/continue")
    if payment.state is PaymentState.RECEIVED:
        raise web.HTTPSeeOther(f"/payments/{payment.id}/receipt")
    raise web.HTTPSeeOther(f"/cases/{access.summary.case_id}/pay")


@allow(APPLICANTS)
async def continue_to_provider(request: web.Request) -> web.Response:
    """A page that sends the browser on to the hosted payment page, with a link to do it."""
    payment = await own_payment(request)
    if not payment.is_open:
        raise web.HTTPSeeOther(f"/cases/{payment.case_id}/pay")
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


async def _render(request: web.Request, access: CaseAccess, *, problem: str = "") -> web.Response:
    case_id = access.summary.case_id
    case = await read_case_file(portal(request), case_id)
    payments = await case_payments(portal(request), case_id)
    paid = next((p for p in payments if p.state is PaymentState.RECEIVED), None)
    last = payments[-1] if payments else None
    fee = fee_for(case.form_type)
    return render(
        "payments/pay.html",
        request,
        {
            "title": "Pay the filing fee",
            "case_id": case_id,
            "form_type": case.form_type,
            "form_title": fee.form_type.title,
            "fee": fee.display,
            "schedule": SCHEDULE_NAME,
            "payable": case.status is CaseStatus.DRAFT and paid is None,
            "ready": ready_to_file(case),
            "paid": paid,
            "ended": ENDED.get(last.state) if last is not None else None,
            "problem": problem,
            "idempotency_key": secrets.token_urlsafe(24),
            "key_field": KEY_FIELD,
        },
        status=400 if problem else 200,
    )
