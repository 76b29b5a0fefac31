"""The catalogue of forms, and starting a draft on one (the same key opens the same draft)."""

from uuid import UUID

from aiohttp import web
from pydantic import BaseModel, ConfigDict, Field

from immportal.domain.cases.forms import FormType
from immportal.domain.cases.status import CaseStatus
from immportal.domain.catalogue import FORMS
from immportal.domain.payments.fees import CURRENCY, SCHEDULE_NAME, fee_for
from immportal.errors import NotFound
from immportal.services.cases.applications import start_id
from immportal.web.api.bodies import IdempotencyKey, read_body, reply
from immportal.web.api.cases import case_url
from immportal.web.api.operations import Operation
from immportal.web.api.problems import ApiProblem
from immportal.web.applicant.access import FILERS, signed_in_actor
from immportal.web.apply.common import applications
from immportal.web.apply.start import STARTERS
from immportal.web.policy import allow
from immportal.web.portal import PORTAL
from immportal.web.read_your_writes import CASE_PAGE, caught_up


class FormOffer(BaseModel):
    """One form of the catalogue, with its online filing fee."""

    model_config = ConfigDict(frozen=True)

    form_type: FormType
    title: str
    summary: str
    fee_cents: int
    fee: str = Field(description="The fee as people write it, such as $470.00.")
    currency: str
    fee_waiver_available: bool


class Catalogue(BaseModel):
    """Every form an application can be started on."""

    model_config = ConfigDict(frozen=True)

    fee_schedule: str
    forms: list[FormOffer]


class StartApplication(BaseModel):
    """Start a draft on a form."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    form_type: FormType
    idempotency_key: IdempotencyKey


class DraftStarted(BaseModel):
    """The draft the key opened."""

    model_config = ConfigDict(frozen=True)

    case_id: UUID
    form_type: FormType
    status: CaseStatus
    url: str
    application_url: str


@allow(FILERS)
async def list_forms(_request: web.Request) -> web.Response:
    """The forms in catalogue order, each with its sentence and fee."""
    offers = []
    for form in FORMS.values():
        fee = fee_for(form.form_type)
        offers.append(
            FormOffer(
                form_type=form.form_type,
                title=form.title,
                summary=form.summary,
                fee_cents=fee.amount_cents,
                fee=fee.display,
                currency=CURRENCY,
                fee_waiver_available=fee.waiver_available,
            )
        )
    return reply(Catalogue(fee_schedule=SCHEDULE_NAME, forms=offers))


@allow(STARTERS)
async def start_application(request: web.Request) -> web.Response:
    """Open a draft (201), or find the one this key opened before (200)."""
    body = await read_body(request, StartApplication)
    actor = signed_in_actor(request)
    runtime = request.app[PORTAL]
    try:
        earlier = await runtime.cases.get(start_id(actor, body.idempotency_key))
    except NotFound:
        earlier = None
    if earlier is not None and earlier.form_type != body.form_type:
        raise ApiProblem(
            409,
            f"This idempotency key already started a draft on Form {earlier.form_type}.",
            kind="idempotency-key-reused",
        )
    opened = await applications(request).start(
        actor=actor, form_type=body.form_type, key=body.idempotency_key
    )
    case_id = opened.case_id
    # The case routes open the case through the read model: let it catch up first. A
    # request that found the draft opened waits for the log as it is (the opening is in it).
    await caught_up(runtime, opened.position or await runtime.read_models.head(), CASE_PAGE)
    case = await runtime.cases.get(case_id)
    url = case_url(case_id)
    started = DraftStarted(
        case_id=case_id,
        form_type=body.form_type,
        status=case.status,
        url=url,
        application_url=f"{url}/application",
    )
    return reply(started, 200 if earlier is not None else 201, {"Location": url})


OPERATIONS = [
    Operation(
        "GET",
        "/api/v1/forms",
        list_forms,
        "listForms",
        "The forms and their fees",
        "applications",
        {200: Catalogue},
    ),
    Operation(
        "POST",
        "/api/v1/applications",
        start_application,
        "startApplication",
        "Start a draft application",
        "applications",
        {201: DraftStarted, 200: DraftStarted},
        body=StartApplication,
        problems={409: "The key already started a draft on another form."},
        description="201 with a new draft; 200 with the same draft when the key was sent "
        "before (by the same person).",
    ),
]
