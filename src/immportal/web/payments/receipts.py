"""The receipt of a paid fee, as a page and as a signed PDF to keep."""

from __future__ import annotations

from aiohttp import web

from immportal.errors import NotFound
from immportal.services.documents.receipts import PrintedReceipt, receipt_facts
from immportal.web.payments.pay_page import APPLICANTS, own_payment
from immportal.web.payments.receipt_view import ReceiptView, receipt_view
from immportal.web.policy import allow
from immportal.web.portal import PORTAL
from immportal.web.queries.case_files import read_case_file
from immportal.web.rendering import render


async def _view(request: web.Request) -> ReceiptView:
    payment = await own_payment(request)
    case = await read_case_file(request.app[PORTAL], payment.case_id)
    return receipt_view(payment, case.receipt_number)


@allow(APPLICANTS)
async def receipt_page(request: web.Request) -> web.Response:
    """The receipt: amount, form, references, card's last four digits, time."""
    view = await _view(request)
    return render("payments/receipt.html", request, {"title": "Payment receipt", "receipt": view})


@allow(APPLICANTS)
async def receipt_download(request: web.Request) -> web.Response:
    """The same receipt as a PDF, signed, with its verification code and QR code."""
    payment = await own_payment(request)
    portal = request.app[PORTAL]
    view = receipt_view(payment, (await read_case_file(portal, payment.case_id)).receipt_number)
    if payment.paid_at is None:  # receipt_view has refused an unpaid payment already
        raise NotFound("payment not received")
    pdf = await portal.receipts.pdf(
        receipt_facts(payment.payment_id, payment.case_id, payment.paid_at),
        PrintedReceipt(view.reference, tuple(view.rows())),
    )
    return web.Response(
        body=pdf,
        content_type="application/pdf",
        headers={
            "Content-Disposition": f'attachment; filename="payment-receipt-{view.payment_id}.pdf"'
        },
    )
