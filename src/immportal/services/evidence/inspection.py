"""Looks inside an uploaded file (pypdf, Pillow) and refuses what is unsafe to keep or show."""

import asyncio
from collections.abc import Iterator
from typing import Any, BinaryIO, Protocol

from PIL import Image, UnidentifiedImageError
from pypdf import PdfReader
from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject

from immportal.domain.evidence.document import MediaType
from immportal.services.evidence.intake import UnsafeDocument

MAX_PDF_OBJECTS = 200_000
"""A real document has far fewer objects; more only slows the walk below."""
MAX_IMAGE_FRAMES = 100
"""Pages of a multi-page TIFF looked at at most; a scanned document has far fewer."""
DEFAULT_MAX_TOTAL_PIXELS = 200_000_000
"""Pixels decoded across all frames of one image: about twenty A4 pages scanned at 300 dpi.

A per-frame limit alone let a 4 MB TIFF of 60 frames of 7000x7000 decode for 18 seconds.
"""

_PILLOW_FORMATS = {MediaType.JPEG: "JPEG", MediaType.PNG: "PNG", MediaType.TIFF: "TIFF"}
# Actions that run code, reach the network or other files, or play embedded media. Only
# /GoTo (a page of the same document) is harmless.
_REFUSED_ACTIONS = frozenset(
    {
        "/JavaScript",
        "/Launch",
        "/URI",
        "/SubmitForm",
        "/ImportData",
        "/GoToR",
        "/GoToE",
        "/RichMedia",
        "/RichMediaExecute",
        "/Rendition",
    }
)
_SCRIPT_KEYS = frozenset({"/JS", "/JavaScript"})
# Annotation subtypes and object types that carry a file or media player inside the PDF.
_EMBEDDING = frozenset({"/FileAttachment", "/RichMedia", "/EmbeddedFile"})
_EMBEDDING_KEYS = frozenset({"/EmbeddedFiles", "/EF"})
_ACTIVE = "The PDF contains scripts or actions. Upload a plain PDF."
_XFA = (
    "The PDF is a fillable form of a kind we cannot accept. Print it to a new PDF and upload that."
)
_EMBEDDED = "The PDF has other files inside it. Upload each document as its own file."


class Inspector(Protocol):
    """Looks inside an upload away from the event loop; raises UnsafeDocument if unfit."""

    async def inspect(self, spool: BinaryIO, media_type: MediaType) -> None:
        """Raise UnsafeDocument unless the spooled file is safe to keep."""
        ...


class ThreadInspector:
    """Inspection in a worker thread: for tests and tools; serving uses the process pool."""

    def __init__(
        self, *, max_pixels: int, max_total_pixels: int = DEFAULT_MAX_TOTAL_PIXELS
    ) -> None:
        self._max_pixels, self._max_total_pixels = max_pixels, max_total_pixels

    async def inspect(self, spool: BinaryIO, media_type: MediaType) -> None:
        """Raise UnsafeDocument unless the spooled file is safe to keep."""
        await asyncio.to_thread(
            inspect_file,
            spool,
            media_type,
            max_pixels=self._max_pixels,
            max_total_pixels=self._max_total_pixels,
        )


def inspect_file(
    file: BinaryIO,
    media_type: MediaType,
    *,
    max_pixels: int,
    max_total_pixels: int = DEFAULT_MAX_TOTAL_PIXELS,
) -> None:
    """Raise UnsafeDocument unless the file parses as its type and is safe to keep.

    CPU-bound: run it in the inspection pool, never on the event loop.
    """
    file.seek(0)
    if media_type is MediaType.PDF:
        inspect_pdf(file)
    else:
        inspect_image(file, media_type, max_pixels=max_pixels, max_total_pixels=max_total_pixels)


def inspect_pdf(file: BinaryIO) -> None:
    """Refuse a PDF that is encrypted, unreadable, an XFA form, or carries actions or files.

    Refused: scripts; automatic actions (the document's open action, any additional
    action) other than going to one of its own pages; URI, SubmitForm, ImportData,
    GoToR, GoToE, Launch, RichMedia and Rendition actions anywhere; embedded files.
    """
    try:
        reader = PdfReader(file, strict=False)
        if reader.is_encrypted:
            raise UnsafeDocument("The PDF is protected with a password. Upload it without one.")
        if len(reader.pages) == 0:
            raise UnsafeDocument("The PDF has no pages.")
        refused = _refusal(reader.trailer)
    except UnsafeDocument:
        raise
    except Exception as exc:  # pypdf raises many kinds of error on damaged files
        raise UnsafeDocument("The PDF is damaged and cannot be read.") from exc
    if refused:
        raise UnsafeDocument(refused)


def _refusal(root: DictionaryObject) -> str | None:
    """Why the PDF is refused, from the first unsafe object reachable from the trailer."""
    for obj in _walk(root):
        if not isinstance(obj, DictionaryObject):
            continue
        if "/XFA" in obj:
            return _XFA
        if any(key in obj for key in _EMBEDDING_KEYS) or _name(obj, "/Type") in _EMBEDDING:
            return _EMBEDDED
        if _name(obj, "/Subtype") in _EMBEDDING:
            return _EMBEDDED
        if any(key in obj for key in _SCRIPT_KEYS) or _name(obj, "/S") in _REFUSED_ACTIONS:
            return _ACTIVE
        if _automatic_actions(obj):
            return _ACTIVE
    return None


def _automatic_actions(obj: DictionaryObject) -> bool:
    """Whether the object runs an action by itself (on opening, on a page, on a field)."""
    opening = _resolved(obj.get("/OpenAction"))
    # An open action may also be a plain destination (an array): that only shows a page.
    if isinstance(opening, DictionaryObject) and _name(opening, "/S") != "/GoTo":
        return True
    triggers = _resolved(obj.get("/AA"))
    if isinstance(triggers, DictionaryObject):
        for action in triggers.values():
            action = _resolved(action)
            if not isinstance(action, DictionaryObject) or _name(action, "/S") != "/GoTo":
                return True
    return False


def _resolved(value: Any) -> Any:
    return value.get_object() if isinstance(value, IndirectObject) else value


def _name(obj: DictionaryObject, key: str) -> Any:
    return _resolved(obj.get(key))


def _walk(root: Any) -> Iterator[Any]:
    # Iterative and guarded by object number, so cycles and deep nesting cannot hang it.
    seen: set[tuple[int, int]] = set()
    stack = [root]
    visited = 0
    while stack:
        obj = stack.pop()
        if isinstance(obj, IndirectObject):
            ref = (obj.idnum, obj.generation)
            if ref in seen:
                continue
            seen.add(ref)
            obj = obj.get_object()
        visited += 1
        if visited > MAX_PDF_OBJECTS:
            raise UnsafeDocument("The PDF is too complex to check.")
        yield obj
        if isinstance(obj, DictionaryObject):
            stack.extend(obj.values())
        elif isinstance(obj, ArrayObject):
            stack.extend(obj)


def inspect_image(
    file: BinaryIO,
    media_type: MediaType,
    *,
    max_pixels: int,
    max_total_pixels: int = DEFAULT_MAX_TOTAL_PIXELS,
) -> None:
    """Decode every frame; refuse a damaged image, or one too large per frame or in all.

    Every frame's size is read before any is decoded, so a file over the budget is
    refused having decoded nothing.
    """
    try:
        with Image.open(file, formats=[_PILLOW_FORMATS[media_type]]) as image:
            frames = getattr(image, "n_frames", 1)
            if frames > MAX_IMAGE_FRAMES:
                raise UnsafeDocument(
                    f"The image has more than {MAX_IMAGE_FRAMES} pages. Upload it in parts."
                )
            total = 0
            for frame in range(frames):
                image.seek(frame)
                width, height = image.size
                total += width * height
                # Checked before decoding: a small file can declare a huge picture.
                if width * height > max_pixels or total > max_total_pixels:
                    raise UnsafeDocument(_TOO_LARGE)
            for frame in range(frames):
                image.seek(frame)
                image.load()
    except UnsafeDocument:
        raise
    except Image.DecompressionBombError as exc:
        raise UnsafeDocument(_TOO_LARGE) from exc
    except (UnidentifiedImageError, OSError, ValueError, SyntaxError, EOFError) as exc:
        raise UnsafeDocument("The image is damaged and cannot be read.") from exc


_TOO_LARGE = "The image is too large. Upload a smaller scan, or fewer pages in one file."
