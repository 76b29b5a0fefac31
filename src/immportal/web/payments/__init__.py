"""Paying the filing fee: the fee page, a fee waiver request, the hosted payment page, receipts."""

from aiohttp import web

from immportal.web.payments.evidence_upload import upload_fee_evidence
from immportal.web.payments.paths import RETURN_PATH, WEBHOOK_PATH
from immportal.web.payments.pay_page import continue_to_provider, pay_page, start_payment
from immportal.web.payments.provider import payment_return, payment_webhook
from immportal.web.payments.receipts import receipt_download, receipt_page
from immportal.web.payments.waiver_page import request_waiver, waiver_page


def add_payment_routes(app: web.Application) -> None:
    """Register the payment routes (each checks that the payment or case is the person's)."""
    app.router.add_get("/cases/{case_id}/pay", pay_page)
    app.router.add_post("/cases/{case_id}/pay", start_payment)
    app.router.add_get("/cases/{case_id}/fee-waiver", waiver_page)
    app.router.add_post("/cases/{case_id}/fee-waiver", request_waiver)
    app.router.add_post("/cases/{case_id}/fee-evidence", upload_fee_evidence)
    app.router.add_get("/payments/{payment_id}/continue", continue_to_provider)
    app.router.add_get(RETURN_PATH, payment_return)
    app.router.add_post(WEBHOOK_PATH, payment_webhook)
    app.router.add_get("/payments/{payment_id}/receipt", receipt_page)
    app.router.add_get("/payments/{payment_id}/receipt.pdf", receipt_download)
