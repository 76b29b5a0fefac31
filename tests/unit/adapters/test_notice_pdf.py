"""Notices as PDF documents (immportal.adapters.pdf.notice_pdf and .fonts)."""

import io
from datetime import date
from pathlib import Path

import pytest
from pypdf import PdfReader

from immportal.adapters.pdf.fonts import find_unicode_font, latin1
from immportal.adapters.pdf.notice_pdf import FpdfNoticeRenderer
from immportal.services.notices.content import Block, Fact, NoticeContent

CONTENT = NoticeContent(
    kind="receipt",
    title="Receipt notice",
    heading="We received your application",
    receipt_number="IOE2700000042",
    form="Form N-400, Application for Naturalization",
    notice_date=date(2026, 11, 26),
    addressee="Nguyễn Thị Núñez",
    address=("14 Lantern Way", "Dayton, OH 45402"),
    facts=(Fact("Receipt number", "IOE2700000042"), Fact("Notice date", "26 November 2026")),
    body=(Block("What happens next", ("We will write to you. " * 120,), ("This notice",)),),
)


def text_of(pdf: bytes) -> str:
    """The text of every page, as a reader extracts it."""
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)


class TestRendering:
    """The PDF carries the notice and reads back."""

    def test_header_addressee_body_and_page_numbers(self) -> None:
        """Issuer, title, receipt number, name, body and 'Page n of m' are all in the text."""
        pdf = FpdfNoticeRenderer().render(CONTENT)
        reader = PdfReader(io.BytesIO(pdf))
        text = text_of(pdf)
        pages = len(reader.pages)
        for expected in ("immportal", "Receipt notice", "IOE2700000042", "14 Lantern Way"):
            assert expected in text
        assert f"Page {pages} of {pages}" in text
        assert "Receipt notice IOE2700000042" == reader.metadata.title

    @pytest.mark.skipif(find_unicode_font() is None, reason="fonts-dejavu-core not installed")
    def test_accented_names_print_in_full(self) -> None:
        """With DejaVu Sans, a Vietnamese name keeps every accent."""
        assert "Nguyễn Thị Núñez" in text_of(FpdfNoticeRenderer().render(CONTENT))

    def test_same_content_same_bytes(self) -> None:
        """A replay writes the very same file."""
        renderer = FpdfNoticeRenderer()
        assert renderer.render(CONTENT) == renderer.render(CONTENT)


class TestWithoutUnicodeFont:
    """Where no Unicode font is installed, notices still print."""

    def test_falls_back_to_helvetica(self, tmp_path: Path) -> None:
        """Latin-1 accents stay, other letters lose their marks, nothing fails."""
        assert find_unicode_font((tmp_path,)) is None
        text = text_of(FpdfNoticeRenderer(find_font=False).render(CONTENT))
        assert "Nguyen Thi Núñez" in text

    def test_latin1(self) -> None:
        """Characters beyond Latin-1 are reduced to their base letter, or '?'."""
        assert "Nguyen Núñez ?" == latin1("Nguyễn Núñez ☃")
