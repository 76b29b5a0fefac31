"""Inspection of uploads: real PDFs and images pass; locked, active, bomb and fake files fail."""

import io

import pytest

from immportal.domain.evidence.document import MediaType
from immportal.services.evidence.inspection import inspect_file
from immportal.services.evidence.intake import UnsafeDocument, sniff
from testkit import evidence_samples as samples

MAX_PIXELS = 50_000_000


def inspect(data: bytes, media_type: MediaType) -> None:
    """Inspect bytes as the service does, from a file object."""
    inspect_file(io.BytesIO(data), media_type, max_pixels=MAX_PIXELS)


class TestAccepted:
    """Ordinary documents pass."""

    def test_plain_pdf(self) -> None:
        """A one-page PDF made with fpdf2 is sniffed as PDF and passes."""
        data = samples.pdf()
        assert MediaType.PDF == sniff(data[:8])
        inspect(data, MediaType.PDF)

    @pytest.mark.parametrize(
        ("fmt", "media_type"),
        [("JPEG", MediaType.JPEG), ("PNG", MediaType.PNG), ("TIFF", MediaType.TIFF)],
    )
    def test_images(self, fmt: str, media_type: MediaType) -> None:
        """Pillow-made JPEG, PNG and TIFF files are sniffed by content and pass."""
        data = samples.image(fmt)
        assert media_type == sniff(data[:8])
        inspect(data, media_type)


class TestRefusedPdfs:
    """PDFs that are locked or active are refused."""

    def test_encrypted_pdf(self) -> None:
        """A password-protected PDF is refused."""
        with pytest.raises(UnsafeDocument, match="password"):
            inspect(samples.encrypted_pdf(), MediaType.PDF)

    def test_javascript_pdf(self) -> None:
        """A PDF with JavaScript is refused."""
        with pytest.raises(UnsafeDocument, match="scripts or actions"):
            inspect(samples.javascript_pdf(), MediaType.PDF)

    def test_launch_action_pdf(self) -> None:
        """A PDF whose open action launches a program is refused."""
        with pytest.raises(UnsafeDocument, match="scripts or actions"):
            inspect(samples.launch_pdf(), MediaType.PDF)

    def test_damaged_pdf(self) -> None:
        """A file that starts like a PDF but is not one is refused as damaged."""
        with pytest.raises(UnsafeDocument, match="damaged"):
            inspect(b"%PDF-1.7\n garbage that is no PDF", MediaType.PDF)


class TestRefusedImages:
    """Images that would exhaust memory, or do not decode, are refused."""

    def test_decompression_bomb(self) -> None:
        """A tiny PNG declaring 100,000 x 100,000 pixels is refused before decoding."""
        bomb = samples.png_bomb()
        assert len(bomb) < 200
        with pytest.raises(UnsafeDocument, match="too large"):
            inspect(bomb, MediaType.PNG)

    def test_pixel_cap_is_configurable(self) -> None:
        """An ordinary picture over a lower cap is refused."""
        with pytest.raises(UnsafeDocument, match="too large"):
            inspect_file(
                io.BytesIO(samples.image("JPEG", (100, 100))), MediaType.JPEG, max_pixels=5000
            )

    def test_truncated_image(self) -> None:
        """A JPEG cut in half is refused as damaged."""
        data = samples.image("JPEG", (400, 300))
        with pytest.raises(UnsafeDocument, match="damaged"):
            inspect(data[: len(data) // 2], MediaType.JPEG)


class TestSniffing:
    """The type comes from the content, never from the name."""

    def test_executable_is_no_pdf(self) -> None:
        """A Windows program is not recognized as any accepted type."""
        assert sniff(samples.windows_executable()[:8]) is None

    def test_html_is_no_png(self) -> None:
        """An HTML page is not recognized as any accepted type."""
        assert sniff(samples.html_page()[:8]) is None
