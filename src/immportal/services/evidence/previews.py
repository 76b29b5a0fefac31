"""Page previews of a document: each page drawn anew as a plain PNG, nothing of the file kept.

A preview is pixels only: PDF pages are rasterised by PDFium (pypdfium2, built without
JavaScript or XFA, forms not drawn) and images are decoded by Pillow and re-encoded from
their pixels, so no script, metadata, colour profile or other active content of the
person's file reaches a browser. CPU-bound and fed hostile input: run `render_previews`
only in a worker process with a CPU budget (see `PreviewRenderer`).
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from typing import Protocol
from uuid import UUID

from immportal.domain.evidence.document import MediaType
from immportal.errors import PortalError
from immportal.i18n import N_

PREVIEWS_PREFIX = "previews/"
"""Where page previews live, apart from documents so the orphan sweep never sees them."""
PREVIEW_MEDIA_TYPE = "image/png"


class PreviewRefused(PortalError):
    """The file cannot be previewed within the budget (too large, too slow, or unreadable).

    Its message is kept with the document in English (marked with `N_()`) and shown
    through `_()`, in the reader's language.
    """


TOO_LARGE = N_("The image is too large to preview.")


@dataclass(frozen=True)
class PreviewLimits:
    """How much one document's preview may cost."""

    max_pages: int = 20
    """Pages drawn at most; the rest of a long document is downloaded, not previewed."""
    max_side: int = 1400
    """The longest side of a page image, in pixels: readable on any screen, small to send."""
    max_source_pixels: int = 100_000_000
    """Pixels decoded across all frames of an image, checked before any decoding."""


@dataclass(frozen=True)
class RenderedPreviews:
    """The pages drawn (PNG bytes, in order) and how many pages the document has."""

    page_count: int
    pages: tuple[bytes, ...]


class PreviewRenderer(Protocol):
    """Draws a document's pages off the event loop, within a CPU and time budget."""

    async def render(self, data: bytes, media_type: MediaType) -> RenderedPreviews:
        """The pages as PNG images; PreviewRefused when the budget does not allow it."""
        ...


def preview_key(document_id: UUID, page: int) -> str:
    """The blob key of one page's image (pages count from 1)."""
    return f"{PREVIEWS_PREFIX}{document_id}/{page}.png"


def render_previews(data: bytes, media_type: str, limits: PreviewLimits) -> RenderedPreviews:
    """Draw the document's first pages as PNG images no larger than `limits.max_side`."""
    kind = MediaType(media_type)
    if kind is MediaType.PDF:
        return _pdf_pages(data, limits)
    return _image_pages(data, kind, limits)


def _png(image: object) -> bytes:
    from PIL import Image

    assert isinstance(image, Image.Image)
    mode = image.mode if image.mode in ("L", "RGB", "RGBA") else "RGB"
    converted = image.convert(mode)
    # A fresh image from the pixels alone: no EXIF, ICC profile, text chunks or DPI survive.
    clean = Image.frombytes(mode, converted.size, converted.tobytes())
    out = io.BytesIO()
    clean.save(out, format="PNG", optimize=False)
    return out.getvalue()


def _pdf_pages(data: bytes, limits: PreviewLimits) -> RenderedPreviews:
    import pypdfium2 as pdfium  # type: ignore[import-untyped]  # ships no type hints

    try:
        document = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        raise PreviewRefused(N_("The PDF cannot be read.")) from exc
    try:
        count = len(document)
        pages = []
        for index in range(min(count, limits.max_pages)):
            page = document[index]
            width, height = page.get_size()
            if width <= 0 or height <= 0:
                raise PreviewRefused(N_("A page of the PDF has no size."))
            scale = limits.max_side / max(width, height)
            bitmap = page.render(scale=scale, may_draw_forms=False, draw_annots=True)
            pages.append(_png(bitmap.to_pil()))
        return RenderedPreviews(count, tuple(pages))
    except pdfium.PdfiumError as exc:
        raise PreviewRefused(N_("A page of the PDF cannot be drawn.")) from exc
    finally:
        document.close()


_PILLOW_FORMATS = {MediaType.JPEG: "JPEG", MediaType.PNG: "PNG", MediaType.TIFF: "TIFF"}


def _image_pages(data: bytes, kind: MediaType, limits: PreviewLimits) -> RenderedPreviews:
    from PIL import Image, ImageOps, UnidentifiedImageError

    try:
        with Image.open(io.BytesIO(data), formats=[_PILLOW_FORMATS[kind]]) as image:
            count = getattr(image, "n_frames", 1)
            drawn = min(count, limits.max_pages)
            # Every frame's size is declared in its header: add them up before decoding any.
            budget = limits.max_source_pixels
            sizes = []
            for frame in range(drawn):
                image.seek(frame)
                sizes.append(image.size)
                budget -= image.size[0] * image.size[1]
                if budget < 0:
                    raise PreviewRefused(TOO_LARGE)
            pages = []
            for frame in range(drawn):
                image.seek(frame)
                # JPEG can decode straight at a fraction of its size: far less work.
                image.draft("RGB", (limits.max_side, limits.max_side))
                page = ImageOps.exif_transpose(image)
                page.thumbnail((limits.max_side, limits.max_side))
                pages.append(_png(page))
            return RenderedPreviews(count, tuple(pages))
    except PreviewRefused:
        raise
    except Image.DecompressionBombError as exc:
        raise PreviewRefused(TOO_LARGE) from exc
    except (UnidentifiedImageError, OSError, ValueError, SyntaxError, EOFError) as exc:
        raise PreviewRefused(N_("The image cannot be read.")) from exc
