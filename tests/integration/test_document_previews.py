"""Page previews drawn in worker processes: real PDFs and images, page counts, sizes, budgets."""

import io
from pathlib import Path
from uuid import uuid4

import pytest
from fpdf import FPDF
from PIL import Image

from immportal.adapters.blobs.disk import DiskBlobStore
from immportal.adapters.previews.process_renderer import TOO_COSTLY, ProcessPreviewRenderer
from immportal.domain.evidence.document import MediaType
from immportal.services.evidence.ports import document_key
from immportal.services.evidence.preview_maker import PreviewMaker
from immportal.services.evidence.previews import PreviewLimits, PreviewRefused, preview_key
from testkit import evidence_samples as samples

LIMITS = PreviewLimits(max_pages=3, max_side=600, max_source_pixels=30_000_000)


def pdf_pages(count: int) -> bytes:
    """A US Letter PDF of `count` pages, each saying its number."""
    document = FPDF(format="Letter")
    document.set_font("Helvetica", size=24)
    for number in range(1, count + 1):
        document.add_page()
        document.cell(text=f"Page {number}")
    return bytes(document.output())


def jpeg_with_exif(size: tuple[int, int]) -> bytes:
    """A JPEG photo carrying EXIF data (a camera name and a GPS-style comment)."""
    picture = Image.new("RGB", size, (10, 120, 200))
    exif = Image.Exif()
    exif[0x010F] = "Camera maker"  # Make
    exif[0x0110] = "Camera model"  # Model
    out = io.BytesIO()
    picture.save(out, format="JPEG", exif=exif.tobytes())
    return out.getvalue()


def tiff_frames(count: int, size: tuple[int, int]) -> bytes:
    """A multi-page TIFF (a fax) of `count` frames."""
    frames = [Image.new("L", size, shade * 20 % 255) for shade in range(count)]
    out = io.BytesIO()
    frames[0].save(out, format="TIFF", save_all=True, append_images=frames[1:])
    return out.getvalue()


def opened(png: bytes) -> Image.Image:
    """A drawn page as Pillow reads it, checked to be a PNG."""
    image = Image.open(io.BytesIO(png))
    assert "PNG" == image.format
    return image


@pytest.fixture
def renderer() -> ProcessPreviewRenderer:
    """The real renderer: each document in its own worker process."""
    return ProcessPreviewRenderer(LIMITS)


class TestPdf:
    """A PDF's pages are drawn by PDFium in a worker process."""

    async def test_every_page_drawn_within_the_size(self, renderer: ProcessPreviewRenderer) -> None:
        """Two pages: two PNGs, the longest side at the limit, portrait like the paper."""
        rendered = await renderer.render(pdf_pages(2), MediaType.PDF)

        assert (2, 2) == (rendered.page_count, len(rendered.pages))
        for png in rendered.pages:
            width, height = opened(png).size
            assert 600 == height
            assert 460 <= width <= 470  # 8.5 by 11 inches
        assert 1 == renderer.processes_started

    async def test_a_long_document_is_drawn_up_to_the_page_limit(
        self, renderer: ProcessPreviewRenderer
    ) -> None:
        """Five pages with a limit of three: three drawn, five counted."""
        rendered = await renderer.render(pdf_pages(5), MediaType.PDF)
        assert (5, 3) == (rendered.page_count, len(rendered.pages))

    async def test_a_damaged_pdf_is_refused(self, renderer: ProcessPreviewRenderer) -> None:
        """Bytes that start like a PDF and are not one: refused with a plain reason."""
        with pytest.raises(PreviewRefused, match="The PDF cannot be read"):
            await renderer.render(b"%PDF-1.7\n" + b"\0" * 100, MediaType.PDF)


class TestImages:
    """Images are decoded, scaled down and written again from their pixels alone."""

    async def test_a_photo_loses_its_metadata_and_is_scaled(
        self, renderer: ProcessPreviewRenderer
    ) -> None:
        """A 3000x2000 JPEG with EXIF: one 600x400 PNG with no EXIF or text of its own."""
        rendered = await renderer.render(jpeg_with_exif((3000, 2000)), MediaType.JPEG)

        assert (1, 1) == (rendered.page_count, len(rendered.pages))
        page = opened(rendered.pages[0])
        assert (600, 400) == page.size
        assert 0 == len(page.getexif())
        assert {} == {k: v for k, v in page.info.items() if k not in ("dpi",)}
        assert b"Camera" not in rendered.pages[0]

    async def test_a_small_picture_is_not_enlarged(self, renderer: ProcessPreviewRenderer) -> None:
        """A 40x30 PNG stays 40x30."""
        rendered = await renderer.render(samples.image("PNG"), MediaType.PNG)
        assert (40, 30) == opened(rendered.pages[0]).size

    async def test_each_frame_of_a_tiff_is_a_page(self, renderer: ProcessPreviewRenderer) -> None:
        """A four-frame fax: four pages counted, three drawn (the limit)."""
        rendered = await renderer.render(tiff_frames(4, (200, 260)), MediaType.TIFF)

        assert (4, 3) == (rendered.page_count, len(rendered.pages))
        assert all((200, 260) == opened(png).size for png in rendered.pages)


class TestBudget:
    """Hostile input is refused within its budget, in the worker process, not on the loop."""

    async def test_a_decompression_bomb_is_refused_before_decoding(
        self, renderer: ProcessPreviewRenderer
    ) -> None:
        """A PNG declaring 100,000 x 100,000 pixels: refused, in a worker process."""
        with pytest.raises(PreviewRefused, match="too large to preview"):
            await renderer.render(samples.png_bomb(), MediaType.PNG)
        assert 1 == renderer.processes_started

    async def test_pixels_are_counted_across_frames(self) -> None:
        """Frames each within the budget but together over it are refused as one image."""
        renderer = ProcessPreviewRenderer(PreviewLimits(max_pages=3, max_source_pixels=100_000))
        with pytest.raises(PreviewRefused, match="too large to preview"):
            await renderer.render(tiff_frames(3, (200, 200)), MediaType.TIFF)

    async def test_a_process_over_its_time_is_killed_and_refused(self) -> None:
        """With no time at all, the worker is stopped and the file refused as too costly."""
        renderer = ProcessPreviewRenderer(LIMITS, wall_seconds=0.001)
        with pytest.raises(PreviewRefused, match=TOO_COSTLY):
            await renderer.render(pdf_pages(1), MediaType.PDF)

    async def test_a_process_over_its_memory_is_refused(self) -> None:
        """A worker allowed too little memory to draw dies alone; the file is refused."""
        # 16 MB is below any interpreter's own address space, so nothing more can be mapped.
        # A worker started from nothing, so the outcome owes nothing to what the forkserver
        # shared by this process happened to load first.
        renderer = ProcessPreviewRenderer(LIMITS, memory_bytes=16 * 1024**2, start_method="spawn")
        with pytest.raises(PreviewRefused):
            await renderer.render(pdf_pages(1), MediaType.PDF)
        # The next document gets a process of its own and is drawn.
        assert 1 == len(
            (await ProcessPreviewRenderer(LIMITS).render(pdf_pages(1), MediaType.PDF)).pages
        )


class TestPreviewMaker:
    """The maker reads the document's blob and stores each page's image beside it."""

    async def test_pages_are_stored_under_the_documents_preview_keys(
        self, tmp_path: Path, renderer: ProcessPreviewRenderer
    ) -> None:
        """Two pages stored as PNG blobs; the outcome counts them."""
        blobs = DiskBlobStore(tmp_path)
        document_id = uuid4()
        await blobs.put(
            document_key(document_id),
            samples.chunks_of(pdf_pages(2)),
            content_type="application/pdf",
        )

        outcome = await PreviewMaker(blobs, renderer).make(document_id, MediaType.PDF)

        assert (2, 2, "") == (outcome.page_count, outcome.pages, outcome.refused)
        for page in (1, 2):
            stored = b"".join([c async for c in blobs.open(preview_key(document_id, page))])
            assert 600 == max(opened(stored).size)
        assert not await blobs.exists(preview_key(document_id, 3))

    async def test_a_refused_file_gets_its_reason_and_no_images(
        self, tmp_path: Path, renderer: ProcessPreviewRenderer
    ) -> None:
        """A bomb: no pages, the reason kept for the preview page."""
        blobs = DiskBlobStore(tmp_path)
        document_id = uuid4()
        await blobs.put(
            document_key(document_id),
            samples.chunks_of(samples.png_bomb()),
            content_type="image/png",
        )

        outcome = await PreviewMaker(blobs, renderer).make(document_id, MediaType.PNG)

        assert (0, "The image is too large to preview.") == (outcome.pages, outcome.refused)
        assert not await blobs.exists(preview_key(document_id, 1))
