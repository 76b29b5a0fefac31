"""Upload one document: the body streamed to the evidence service, refusals shown on the list."""

from uuid import UUID

import structlog
from aiohttp import web
from pydantic import BaseModel, ConfigDict, ValidationError, field_validator

from immportal.domain.evidence.document import DocumentKind, DocumentRefused
from immportal.domain.evidence.document_kinds import CHOOSABLE, DocumentType
from immportal.domain.evidence.filenames import RENAME_THE_FILE
from immportal.i18n import N_, _
from immportal.projections.case_documents import list_case_documents
from immportal.services.evidence.intake import UploadRefused
from immportal.services.evidence.ports import (
    BlobStoreError,
    BlobStoreMisconfigured,
    ScannerUnavailable,
)
from immportal.web.applicant.access import FILERS, CaseAccess, open_case
from immportal.web.csrf import streamed_form
from immportal.web.documents.listing import PageState, documents_url, render_documents
from immportal.web.documents.streamed_form import (
    MalformedForm,
    UnreadablePartHeaders,
    open_streamed_form,
)
from immportal.web.policy import allow
from immportal.web.portal import PORTAL
from immportal.web.read_your_writes import DOCUMENTS, caught_up, shown_after
from immportal.web.rendering import format_datetime, render

log = structlog.get_logger(__name__)

CHOOSE_A_FILE = "Choose a file to upload"
CHOOSE_A_TYPE = N_("Choose what kind of document this is")
INCOMPLETE = "The form was incomplete. Reload the page and try again."
NOT_THIS_CASE = "We cannot find the document you wanted to replace on this case."
ALREADY_REPLACED = "That document was replaced already. Upload a corrected version of the newest."
STORE_DOWN = N_(
    "We could not save your file right now; nothing was saved. Please try again in a few minutes."
)
SCANNER_DOWN = N_(
    "We could not check your file for viruses right now, so nothing was saved. "
    "Please try again in a few minutes."
)


class UploadChoices(BaseModel):
    """The small fields sent before the file: why it is sent, and what it replaces."""

    model_config = ConfigDict(extra="ignore", frozen=True, str_strip_whitespace=True)

    kind: DocumentKind = DocumentKind.INITIAL
    supersedes: UUID | None = None
    document_type: DocumentType | None = None

    @field_validator("document_type")
    @classmethod
    def _choosable(cls, value: DocumentType | None) -> DocumentType | None:
        if value is not None and value not in CHOOSABLE:
            raise ValueError("not a type a person may choose")
        return value


@allow(FILERS)
@streamed_form
async def upload(request: web.Request) -> web.Response:
    """Stream the chosen file into the case's documents; back to the list with a banner."""
    access = await open_case(request)
    try:
        form = await open_streamed_form(request)
        choices = UploadChoices.model_validate({k: v for k, v in form.fields.items() if v})
    except UnreadablePartHeaders:
        return await _refused(request, access, RENAME_THE_FILE)
    except (MalformedForm, ValidationError):
        return await _refused(request, access, INCOMPLETE)
    if choices.document_type is None:
        return await _refused(request, access, _(CHOOSE_A_TYPE), choices, field="document_type")
    if not form.filename:
        return await _refused(request, access, CHOOSE_A_FILE, choices)
    if choices.supersedes is not None:
        problem = await _replace_problem(request, access, choices.supersedes)
        if problem:
            return await _refused(request, access, problem, choices)
    runtime = request.app[PORTAL]
    case_id = access.summary.case_id
    try:
        uploaded = await runtime.evidence.upload(
            case_id,
            access.actor,
            form.chunks(),
            form.filename,
            choices.kind,
            choices.supersedes,
            document_type=choices.document_type,
        )
    except (UploadRefused, DocumentRefused) as refused:
        return await _refused(request, access, str(refused), choices)
    except (BlobStoreError, ScannerUnavailable) as failed:
        return _unavailable(request, access, failed)
    if uploaded.duplicate:
        message = await _duplicate_message(request, access, uploaded.document_id)
        return await _refused(request, access, message, choices)
    shown = await caught_up(runtime, uploaded.position, DOCUMENTS)
    raise web.HTTPSeeOther(
        shown_after(f"{documents_url(case_id)}?uploaded={uploaded.document_id}", shown)
    )


async def _refused(
    request: web.Request,
    access: CaseAccess,
    message: str,
    choices: UploadChoices | None = None,
    *,
    field: str = "file",
) -> web.Response:
    log.info("upload_refused", reason=message)
    state = PageState(
        errors=[message],
        error_field=field,
        kind=choices.kind.value if choices else "",
        document_type=choices.document_type.value if choices and choices.document_type else "",
        replacing=choices.supersedes if choices else None,
    )
    return await render_documents(request, access, state, status=422)


async def _replace_problem(request: web.Request, access: CaseAccess, supersedes: UUID) -> str:
    documents = await list_case_documents(request.app[PORTAL].pool, access.summary.case_id)
    target = next((d for d in documents if d.document_id == supersedes), None)
    if target is None:
        return NOT_THIS_CASE
    return ALREADY_REPLACED if target.superseded_by is not None else ""


async def _duplicate_message(request: web.Request, access: CaseAccess, earlier: UUID) -> str:
    documents = await list_case_documents(request.app[PORTAL].pool, access.summary.case_id)
    found = next((d for d in documents if d.document_id == earlier), None)
    if found is None:
        return _("You uploaded this file already. It is in the list below.")
    when = format_datetime(found.uploaded_at)
    return _(
        "You uploaded this file already, as %(filename)s on %(when)s. Nothing new was kept.",
        filename=found.filename,
        when=when,
    )


def _unavailable(request: web.Request, access: CaseAccess, failed: Exception) -> web.Response:
    if isinstance(failed, BlobStoreMisconfigured):
        log.error("upload_failed", error=type(failed).__name__, detail=str(failed))
    else:
        log.warning("upload_failed", error=type(failed).__name__, detail=str(failed))
    message = SCANNER_DOWN if isinstance(failed, ScannerUnavailable) else STORE_DOWN
    return render(
        "documents/unavailable.html",
        request,
        {"message": message, "back": documents_url(access.summary.case_id)},
        status=503,
    )
