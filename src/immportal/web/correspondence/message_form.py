"""A message form read as a stream: the CSRF token first, the message id and text, then a file.

Like the documents' upload form (web/documents/streamed_form.py), but the text is larger
than a small field and the file is optional: a browser sends an empty file part when no
file was chosen, and a form without any file part is a message without attachment.
"""

from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from uuid import UUID

from aiohttp import BodyPartReader, web
from aiohttp.http_exceptions import BadHttpMessage

from immportal.domain.correspondence.text import MESSAGE_MAX_LENGTH
from immportal.web.csrf import TOKEN_FIELD, CsrfRefused, check_token
from immportal.web.documents.streamed_form import (
    CHUNK_BYTES,
    FILE_FIELD,
    MalformedForm,
    UnreadablePartHeaders,
)

TEXT_FIELD = "text"
MESSAGE_ID_FIELD = "message_id"
# Browsers send each newline as two characters and a character as up to four bytes.
_LIMITS = {TEXT_FIELD: MESSAGE_MAX_LENGTH * 2 * 4, MESSAGE_ID_FIELD: 64}


@dataclass
class MessageForm:
    """The message as sent, and its file part (not yet read), if a file was chosen."""

    message_id: UUID
    text: str
    file: BodyPartReader | None = field(default=None)

    @property
    def filename(self) -> str | None:
        """The name the browser gave the file (to be cleaned before anyone sees it)."""
        return None if self.file is None else self.file.filename

    async def chunks(self) -> AsyncIterator[bytes]:
        """The file's bytes as they arrive."""
        if self.file is None:
            return
        while chunk := await self.file.read_chunk(CHUNK_BYTES):
            yield chunk


async def open_message_form(request: web.Request) -> MessageForm:
    """Check the token (the first field), read the message, stop at the file part.

    Raises CsrfRefused before any other byte is read when the first field is not the
    session's token; MalformedForm when the form is not one our pages send.
    """
    try:
        reader = await request.multipart()
        first = await reader.next()
    except (KeyError, ValueError, AssertionError, BadHttpMessage) as exc:  # not multipart
        raise CsrfRefused("no CSRF token field in the form") from exc
    if not isinstance(first, BodyPartReader) or first.name != TOKEN_FIELD:
        raise CsrfRefused("the CSRF token is not the form's first field")
    check_token(request, await _field(first, 1024))
    fields: dict[str, str] = {}
    file = None
    while True:
        try:
            part = await reader.next()
        except BadHttpMessage as exc:
            raise UnreadablePartHeaders("a part's headers cannot be read") from exc
        except ValueError as exc:
            raise MalformedForm("broken multipart body") from exc
        if part is None:
            break
        if not isinstance(part, BodyPartReader) or part.name not in (*_LIMITS, FILE_FIELD):
            raise MalformedForm("a part our form does not have")
        if part.name == FILE_FIELD:
            file = part if part.filename else None
            break
        if part.name in fields:
            raise MalformedForm(f"field {part.name!r} sent twice")
        fields[part.name] = await _field(part, _LIMITS[part.name])
    try:
        message_id = UUID(fields.get(MESSAGE_ID_FIELD, ""))
    except ValueError as exc:
        raise MalformedForm("no message id") from exc
    return MessageForm(message_id, fields.get(TEXT_FIELD, ""), file)


async def _field(part: BodyPartReader, limit: int) -> str:
    data = bytearray()
    while chunk := await part.read_chunk(1024):
        data += chunk
        if len(data) > limit:
            raise MalformedForm(f"field {part.name!r} is too long")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise MalformedForm(f"field {part.name!r} is not text") from exc
