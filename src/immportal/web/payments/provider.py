"""What comes back from the payment provider: the applicant's browser, and its webhook."""

from __future__ import annotations

from uuid import UUID

import structlog
from aiohttp import web

from immportal.domain.payments.payment import PaymentState
from immportal.errors import NotFound
from immportal.projections.case_files import CaseFilesProjection
from immportal.services.payments.ports import WebhookRefused
from immportal.web.applicant.access import signed_in_actor
from immportal.web.payments.pay_page import APPLICANTS
from immportal.web.policy import PUBLIC, allow
from immportal.web.portal import portal
from immportal.web.read_your_writes import caught_up

log = structlog.get_logger(__name__)
PAYMENT_PAGES = (CaseFilesProjection.name,)
"""The receipt and the fee page show the payment and the case from the case files."""


@allow(APPLICANTS)
async def payment_return(request: web.Request) -> web.Response:
    """Back from the payment page: the provider, not this URL, says how it went."""
    try:
        payment_id = UUID(request.query.get("payment", ""))
    except ValueError:
        raise NotFound("no payment named") from None
    service = portal(request).payments
    payment = await service.handle_return(payment_id, actor=signed_in_actor(request))
    # The receipt and fee pages read the payment and the case from read models: let them
    # show what the provider just reported (and the case it filed) before going there.
    await caught_up(portal(request), await portal(request).read_models.head(), PAYMENT_PAGES)
    if payment.state is PaymentState.RECEIVED:
        raise web.HTTPSeeOther(f"/payments/{payment.id}/receipt")
    raise web.HTTPSeeOther(f"/cases/{payment.case_id}/pay")


# Public and exempt from CSRF (see web/csrf.py): the provider has no session or token;
# the HMAC signature over the raw body is what proves the request came from it.
@allow(PUBLIC)
async def payment_webhook(request: web.Request) -> web.Response:
    """Record what the provider reports, once per event; 400 for a bad signature."""
    body = await request.read()
    try:
        fresh = await portal(request).payments.handle_webhook(body, request.headers)
    except WebhookRefused as refused:
        log.warning("payment_webhook_refused", reason=str(refused))
        return web.json_response({"error": "signature"}, status=400)
    except NotFound:
        log.warning("payment_webhook_unknown_payment")
        return web.json_response({"error": "unknown payment"}, status=404)
    return web.json_response({"received": True, "replayed": not fresh})
