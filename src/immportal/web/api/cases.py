"""The person's cases: the list with drafts, one case's summary, and its timeline."""

from datetime import date, datetime
from uuid import UUID

from aiohttp import web
from pydantic import BaseModel, ConfigDict, Field

from immportal.domain.cases.permissions import Standing
from immportal.domain.cases.status import CaseStatus
from immportal.web.api.bodies import reply
from immportal.web.api.operations import Operation
from immportal.web.applicant.access import FILERS, open_case, signed_in_actor
from immportal.web.apply.drafts import DraftView
from immportal.web.policy import allow
from immportal.web.portal import PORTAL
from immportal.web.presenters import CaseView, case_view
from immportal.web.queries.cases import case_details
from immportal.web.queries.timeline import timeline_lines
from immportal.web.queries.your_cases import your_cases

CASE_PATH = "/api/v1/cases/{case_id}"


def case_url(case_id: UUID | str) -> str:
    """Where a case is in the API."""
    return CASE_PATH.format(case_id=case_id)


class DraftProgress(BaseModel):
    """How far a draft is filled in."""

    model_config = ConfigDict(frozen=True)

    sections_done: int
    sections: int
    signed: bool
    progress: str = Field(description="How far the draft is, and the step that comes next.")


class CaseItem(BaseModel):
    """One case or draft in the person's list."""

    model_config = ConfigDict(frozen=True)

    case_id: UUID
    form_type: str | None
    form_title: str | None
    receipt_number: str | None
    status: CaseStatus
    status_label: str = Field(description="The status in plain words.")
    next_step: str = Field(description="What the person should expect or do next.")
    updated_at: datetime
    draft: DraftProgress | None = Field(description="Set for drafts only.")
    url: str


class CaseList(BaseModel):
    """The signed-in person's cases (and, for applicants, drafts), most recent first."""

    model_config = ConfigDict(frozen=True)

    cases: list[CaseItem]


class MailingAddress(BaseModel):
    """A mailing address as recorded on the case."""

    model_config = ConfigDict(frozen=True)

    in_care_of: str = ""
    line1: str = ""
    line2: str = ""
    city: str = ""
    state: str = ""
    postal_code: str = ""
    country: str = ""
    """The ISO 3166 alpha-2 code (US); empty on an address recorded before it was asked."""


class CaseDetail(BaseModel):
    """One case's summary."""

    model_config = ConfigDict(frozen=True)

    case_id: UUID
    form_type: str | None
    form_title: str | None
    receipt_number: str | None
    status: CaseStatus
    status_label: str
    next_step: str
    office: str | None
    submitted_at: datetime | None
    accepted_at: datetime | None
    decision: str | None
    evidence_due_on: date | None
    updated_at: datetime
    version: int = Field(description="Send it as expected_version with a change to the case.")
    address: MailingAddress | None = Field(description="The latest change of address, if any.")
    standing: Standing = Field(description="How the signed-in person stands on the case.")


class TimelineItem(BaseModel):
    """One step of the case's history, in plain words."""

    model_config = ConfigDict(frozen=True)

    title: str
    occurred_at: datetime
    by: str = Field(description="Who acted, as the reader would put it ('by an officer').")
    reason: str | None


class Timeline(BaseModel):
    """The case's history, oldest first (staff-only steps left out)."""

    model_config = ConfigDict(frozen=True)

    entries: list[TimelineItem]


def _item(view: CaseView, draft: DraftView | None) -> CaseItem:
    progress = None
    if draft is not None:
        progress = DraftProgress(
            sections_done=draft.sections_done,
            sections=draft.sections,
            signed=draft.signed,
            progress=draft.progress,
        )
    return CaseItem(
        case_id=UUID(view.case_id),
        form_type=view.form_type,
        form_title=view.form_title,
        receipt_number=view.receipt_number,
        status=CaseStatus(view.status),
        status_label=view.status_label,
        next_step=view.next_step,
        updated_at=view.updated_at,
        draft=progress,
        url=case_url(view.case_id),
    )


@allow(FILERS)
async def list_cases(request: web.Request) -> web.Response:
    """The cases the person applied for or represents, as "Your cases" lists them."""
    found = await your_cases(request.app[PORTAL], signed_in_actor(request))
    drafts = {d.case_id: d for d in found.drafts}
    items = [_item(case_view(s), drafts.get(str(s.case_id))) for s in found.summaries]
    return reply(CaseList(cases=items))


@allow(FILERS)
async def get_case(request: web.Request) -> web.Response:
    """One case: status in plain words, what happens next, key dates and its version."""
    access = await open_case(request)
    details = await case_details(request.app[PORTAL], access.summary)
    view, address_lines = details.view, details.file.address
    address = MailingAddress.model_validate(address_lines) if address_lines else None
    return reply(
        CaseDetail(
            case_id=access.summary.case_id,
            form_type=view.form_type,
            form_title=view.form_title,
            receipt_number=view.receipt_number,
            status=CaseStatus(view.status),
            status_label=view.status_label,
            next_step=view.next_step,
            office=view.office,
            submitted_at=view.submitted_at,
            accepted_at=view.accepted_at,
            decision=view.decision,
            evidence_due_on=view.evidence_due_on,
            updated_at=view.updated_at,
            # The file's, which carries the address shown: a change made on it sends this.
            version=details.file.version,
            address=address,
            standing=access.standing,
        )
    )


@allow(FILERS)
async def get_timeline(request: web.Request) -> web.Response:
    """The case's history as the case page shows it."""
    access = await open_case(request)
    lines = await timeline_lines(request.app[PORTAL], access.summary.case_id, access.standing)
    entries = [
        TimelineItem(title=t.title, occurred_at=t.occurred_at, by=t.actor_role, reason=t.reason)
        for t in lines
    ]
    return reply(Timeline(entries=entries))


OPERATIONS = [
    Operation(
        "GET",
        "/api/v1/cases",
        list_cases,
        "listCases",
        "Your cases and drafts",
        "cases",
        {200: CaseList},
    ),
    Operation(
        "GET", CASE_PATH, get_case, "getCase", "One case's summary", "cases", {200: CaseDetail}
    ),
    Operation(
        "GET",
        f"{CASE_PATH}/timeline",
        get_timeline,
        "getCaseTimeline",
        "A case's history",
        "cases",
        {200: Timeline},
    ),
]
