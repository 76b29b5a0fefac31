"""Paying the filing fee over the API: start a payment, then follow its state."""

from datetime import datetime
from uuid import UUID

from aiohttp import web
from pydantic import BaseModel, ConfigDict, Field

from immportal.domain.payments.fees import CURRENCY, format_cents
from immportal.domain.payments.payment import Payment, PaymentState
from immportal.services.payments.ports import KeyReused
from immportal.services.payments.records import PaymentRecord
from immportal.services.payments.service import NotPayable, NotReadyToPay
from immportal.web.api.bodies import IdempotencyKey, path_uuid, read_body, reply
from immportal.web.api.cases import CASE_PATH
from immportal.web.api.operations import Operation
from immportal.web.api.problems import ApiProblem
from immportal.web.applicant.access import APPLICANT_ONLY, open_case, signed_in_actor
from immportal.web.payments.pay_page import APPLICANTS
from immportal.web.policy import allow
from immportal.web.portal import portal
from immportal.web.queries.case_files import read_case_file
from immportal.web.queries.payments import payment_of

PAYMENT_PATH = "/api/v1/payments/{payment_id}"


class StartPayment(BaseModel):
    """Start paying the case's filing fee."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    idempotency_key: IdempotencyKey


class PaymentInfo(BaseModel):
    """A payment of a filing fee and where it stands."""

    model_config = ConfigDict(frozen=True)

    payment_id: UUID
    case_id: UUID
    form_type: str
    amount_cents: int
    amount: str
    currency: str
    state: PaymentState
    payment_page_url: str | None = Field(
        description="The provider's hosted payment page, while the payment is open."
    )
    paid_at: datetime | None
    card: str | None = Field(description="Brand and last four digits, once paid.")
    ended_reason: str | None = Field(description="Why a declined or abandoned payment ended.")
    receipt_url: str | None = Field(description="The payment receipt page, once paid.")
    receipt_pdf_url: str | None
    case_receipt_number: str | None = Field(
        description="The application's receipt number, once the case is accepted."
    )
    url: str


async def payment_info(request: web.Request, payment: Payment | PaymentRecord) -> PaymentInfo:
    """The payment as the API shows it."""
    case = await read_case_file(portal(request), payment.case_id)
    received = payment.state is PaymentState.RECEIVED
    receipt = f"/payments/{payment.id}/receipt"
    card = None
    if payment.card_last4 is not None:
        card = f"{(payment.card_brand or 'card').capitalize()} ending in {payment.card_last4}"
    return PaymentInfo(
        payment_id=payment.id,
        case_id=payment.case_id,
        form_type=payment.form_type,
        amount_cents=payment.amount_cents,
        amount=format_cents(payment.amount_cents),
        currency=CURRENCY,
        state=payment.state,
        payment_page_url=payment.redirect_url if payment.is_open else None,
        paid_at=payment.paid_at,
        card=card,
        ended_reason=payment.ended_reason,
        receipt_url=receipt if received else None,
        receipt_pdf_url=f"{receipt}.pdf" if received else None,
        case_receipt_number=case.receipt_number,
        url=PAYMENT_PATH.format(payment_id=payment.id),
    )


KEY_REUSED = "This idempotency key was used for another payment. Send a new key."


@allow(APPLICANTS)
async def start_payment(request: web.Request) -> web.Response:
    """Open the payment of this key (201), or find the one it opened before (200)."""
    access = await open_case(request, APPLICANT_ONLY)
    body = await read_body(request, StartPayment)
    service = portal(request).payments
    case_id = access.summary.case_id
    before = {p.id for p in await service.payments_of(case_id)}
    try:
        payment = await service.start(
            case_id, actor=access.actor, idempotency_key=body.idempotency_key
        )
    except NotReadyToPay as refused:
        raise ApiProblem(409, str(refused), kind="not-ready-to-pay") from None
    except NotPayable as refused:
        raise ApiProblem(409, str(refused), kind="not-payable") from None
    except KeyReused:
        raise ApiProblem(409, KEY_REUSED, kind="idempotency-key-reused") from None
    info = await payment_info(request, payment)
    return reply(info, 200 if payment.id in before else 201, {"Location": info.url})


@allow(APPLICANTS)
async def get_payment(request: web.Request) -> web.Response:
    """A payment the signed-in applicant started, as last reported by the provider."""
    payment_id = path_uuid(request, "payment_id")
    payment = await payment_of(portal(request), payment_id, signed_in_actor(request))
    return reply(await payment_info(request, payment))


OPERATIONS = [
    Operation(
        "POST",
        f"{CASE_PATH}/payments",
        start_payment,
        "startPayment",
        "Start paying the filing fee",
        "payments",
        {201: PaymentInfo, 200: PaymentInfo},
        body=StartPayment,
        problems={
            409: "The application is not complete and signed, or was paid already; or the "
            "idempotency key was used for another case or person."
        },
        description="Returns the hosted payment page to send the applicant to. The same key "
        "again returns the same payment (200). Once the provider confirms, the case is filed "
        "and accepted with a receipt number.",
    ),
    Operation(
        "GET",
        PAYMENT_PATH,
        get_payment,
        "getPayment",
        "A payment's state and receipt",
        "payments",
        {200: PaymentInfo},
    ),
]
