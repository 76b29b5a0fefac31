"""Send a message from a streamed form: the text checked, the person's pace, then the file.

The text and the pace are checked before the file is read, so a refused message never
leaves a document behind; the file goes through the evidence path (type-checked and
virus-scanned) and becomes the message's attachment.
"""

from dataclasses import dataclass
from datetime import UTC, datetime
from uuid import UUID, uuid4

import structlog
from aiohttp import web

from immportal.domain.actor import Actor
from immportal.domain.correspondence.text import MESSAGE_MAX_LENGTH, check_plain_text
from immportal.domain.errors import DomainError
from immportal.domain.evidence.filenames import RENAME_THE_FILE
from immportal.i18n import N_
from immportal.services.evidence.intake import UploadRefused
from immportal.services.evidence.ports import BlobStoreError, ScannerUnavailable
from immportal.services.ports import Written
from immportal.web.correspondence.message_form import open_message_form
from immportal.web.documents.streamed_form import MalformedForm, UnreadablePartHeaders
from immportal.web.documents.upload import SCANNER_DOWN, STORE_DOWN
from immportal.web.portal import portal

log = structlog.get_logger(__name__)

INCOMPLETE = N_("The form was incomplete. Reload the page and try again.")


@dataclass(frozen=True)
class Draft:
    """The message form as the page shows it: its id, what was typed, and any problem."""

    message_id: UUID
    text: str = ""
    error: str = ""
    error_field: str = ""
    """"text", "file", or "" for the form as a whole."""
    status: int = 200

    @classmethod
    def new(cls) -> "Draft":
        """An empty form with a new message id (the id makes a second send a repeat)."""
        return cls(uuid4())


async def send_message(request: web.Request, case_id: UUID, actor: Actor) -> Written | Draft:
    """Post the form's message on the case; the Draft to show again if it was refused."""
    try:
        form = await open_message_form(request)
    except UnreadablePartHeaders:
        return Draft(uuid4(), "", RENAME_THE_FILE, "file", 422)
    except MalformedForm:
        return Draft(uuid4(), "", INCOMPLETE, "", 422)
    draft = Draft(form.message_id, form.text)
    services, now = portal(request), datetime.now(UTC)
    try:
        check_plain_text(form.text, what="your message", max_length=MESSAGE_MAX_LENGTH)
    except DomainError as refused:
        return _refused(draft, str(refused), "text")
    try:
        await services.conversations.may_post(case_id, actor, now)
    except DomainError as refused:
        return _refused(draft, str(refused), "")
    attachments = []
    if form.file is not None:
        try:
            uploaded = await services.evidence.upload(case_id, actor, form.chunks(), form.filename)
        except (UploadRefused, DomainError) as refused:
            return _refused(draft, str(refused), "file")
        except ScannerUnavailable:
            return _refused(draft, SCANNER_DOWN, "file", 503)
        except BlobStoreError as failed:
            log.warning("attachment_failed", error=type(failed).__name__)
            return _refused(draft, STORE_DOWN, "file", 503)
        attachments.append(uploaded.document_id)
    try:
        return await services.conversations.post(
            case_id,
            actor,
            message_id=form.message_id,
            text=form.text,
            attachment_ids=attachments,
            now=now,
        )
    except DomainError as refused:
        return _refused(draft, str(refused), "")


def _refused(draft: Draft, message: str, field: str, status: int = 422) -> Draft:
    log.info("message_refused", field=field or "form")
    return Draft(draft.message_id, draft.text, message, field, status)
