"""An upload form read as a stream: the CSRF token first, a few small fields, then the file.

aiohttp applies `client_max_size` to `request.post()`, `request.read()` and a body part's
`read()`, but not to `BodyPartReader.read_chunk()`: the file is passed on chunk by chunk,
so the app-wide limit does not cap uploads and the evidence service enforces its own.
"""

from collections.abc import AsyncIterator
from dataclasses import dataclass, field

from aiohttp import BodyPartReader, web
from aiohttp.http_exceptions import BadHttpMessage

from immportal.errors import PortalError
from immportal.web.csrf import TOKEN_FIELD, CsrfRefused, check_token

FILE_FIELD = "file"
FIELD_MAX_BYTES = 1024
"""A small field (a token, a choice, an id) is never longer than this."""
MAX_FIELDS = 10
CHUNK_BYTES = 256 * 1024


class MalformedForm(PortalError):
    """The form is not one our page sends (missing file, oversized or too many fields)."""


class UnreadablePartHeaders(MalformedForm):
    """A part's headers break HTTP's rules: from our page, only a filename can do that.

    Browsers escape just CR, LF and the double quote in a filename and send any other
    control character as it is, which aiohttp's header parser then refuses.
    """


@dataclass
class StreamedForm:
    """The small fields read so far, and the file part (not yet read) that followed them."""

    fields: dict[str, str] = field(default_factory=dict)
    file: BodyPartReader | None = None

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


async def open_streamed_form(request: web.Request) -> StreamedForm:
    """Check the token (the first field), then read the small fields up to the file part.

    Raises CsrfRefused when the first field is not the session's token, before any other
    byte of the body is read; MalformedForm when the form has no file part.
    """
    try:
        reader = await request.multipart()
        first = await reader.next()
    except (KeyError, ValueError, AssertionError, BadHttpMessage) as exc:  # not multipart
        raise CsrfRefused("no CSRF token field in the form") from exc
    if not isinstance(first, BodyPartReader) or first.name != TOKEN_FIELD:
        raise CsrfRefused("the CSRF token is not the form's first field")
    check_token(request, await _small(first))
    form = StreamedForm()
    for _ in range(MAX_FIELDS):
        try:
            part = await reader.next()
        except BadHttpMessage as exc:
            raise UnreadablePartHeaders("a part's headers cannot be read") from exc
        except ValueError as exc:
            raise MalformedForm("broken multipart body") from exc
        if part is None:
            break
        if not isinstance(part, BodyPartReader) or part.name is None:
            raise MalformedForm("nested or unnamed part")
        if part.name == FILE_FIELD:
            form.file = part
            return form
        form.fields[part.name] = await _small(part)
    raise MalformedForm("no file in the form")


async def _small(part: BodyPartReader) -> str:
    data = bytearray()
    while chunk := await part.read_chunk(FIELD_MAX_BYTES):
        data += chunk
        if len(data) > FIELD_MAX_BYTES:
            raise MalformedForm(f"field {part.name!r} is too long")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise MalformedForm(f"field {part.name!r} is not text") from exc
