"""Send the uploaded response documents as the answer to a request for evidence."""

from uuid import UUID

from aiohttp import web
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from immportal.domain.cases.status import CaseStatus
from immportal.errors import ConcurrencyConflict
from immportal.i18n import N_
from immportal.services.evidence.response import ResponseRefused
from immportal.web.applicant.access import FILERS, open_case
from immportal.web.documents.listing import PageState, documents_url, render_documents
from immportal.web.policy import allow
from immportal.web.portal import PORTAL
from immportal.web.read_your_writes import DOCUMENTS_PAGE, caught_up, shown_after

STALE = N_(
    "Your documents or your case changed while you were on this page. "
    "Check the list and send again."
)


class ResponseForm(BaseModel):
    """The documents the person saw listed as ready to send, and the case version they saw."""

    model_config = ConfigDict(extra="ignore", frozen=True)

    expected_version: int = Field(ge=1)
    document_id: list[UUID] = Field(default_factory=list, max_length=100)


@allow(FILERS)
async def send_response(request: web.Request) -> web.Response:
    """Record the response (Case.receive_evidence) with the listed documents."""
    access = await open_case(request)
    runtime = request.app[PORTAL]
    posted = await request.post()
    case_id = access.summary.case_id
    if (await runtime.cases.get(case_id)).status is not CaseStatus.EVIDENCE_REQUESTED:
        # Sent already (a second click) or nothing asked for: the list shows where things stand.
        raise web.HTTPSeeOther(documents_url(case_id))
    try:
        form = ResponseForm.model_validate(
            {
                "expected_version": posted.get("expected_version"),
                "document_id": [v for v in posted.getall("document_id", []) if isinstance(v, str)],
            }
        )
        written = await runtime.evidence_responses.send(
            case_id, access.actor, form.document_id, form.expected_version
        )
    except (ValidationError, ConcurrencyConflict):
        return await render_documents(request, access, PageState(errors=[STALE]), status=422)
    except ResponseRefused as refused:
        return await render_documents(request, access, PageState(errors=[str(refused)]), 422)
    shown = await caught_up(runtime, written.position, DOCUMENTS_PAGE)
    raise web.HTTPSeeOther(shown_after(f"{documents_url(case_id)}?sent=1", shown))
