"""A notice as a PDF (fpdf2): the portal's name, the notice, its addressee, body and page footer."""

from __future__ import annotations

from datetime import UTC, datetime, time

from immportal.adapters.pdf.fonted import FontedDocument
from immportal.adapters.pdf.fonts import UnicodeFont, find_unicode_font
from immportal.adapters.pdf.verification_mark import draw_mark
from immportal.i18n import _, use_language
from immportal.services.documents.ports import VerificationMark
from immportal.services.notices.content import Block, NoticeContent

LINE = 6.0
GREY = (90, 90, 90)


class _NoticeDocument(FontedDocument):
    """An A4 page frame: the issuer and notice type on top, page numbers at the bottom."""

    def __init__(self, content: NoticeContent, font: UnicodeFont | None) -> None:
        super().__init__("A4", font, margin=20, bottom=22)
        self.content = content

    def header(self) -> None:
        """The issuing portal and the kind of notice, with the receipt number."""
        self.set_font(self.family, "B", 14)
        self.cell(0, 8, self.content.issuer, new_x="LMARGIN", new_y="NEXT")
        self.set_font(self.family, "", 10)
        self.set_text_color(*GREY)
        title = f"{self.content.title} · {self.content.receipt_number}".rstrip(" ·")
        self.cell(0, 5, self.text_of(title), new_x="LMARGIN", new_y="NEXT")
        self.set_text_color(0, 0, 0)
        self.line(self.l_margin, self.get_y() + 2, self.w - self.r_margin, self.get_y() + 2)
        self.ln(8)

    def footer(self) -> None:
        """Page n of m, so a printed notice shows whether a page is missing."""
        self.set_y(-15)
        self.set_font(self.family, "", 9)
        self.set_text_color(*GREY)
        page = _("Page %(page)s of %(pages)s", page=self.page_no(), pages="{nb}")
        self.cell(0, 10, page, align="C")

    def paragraph(self, text: str, *, bold: bool = False, size: float = 11) -> None:
        """Wrapped text across the page width."""
        self.set_font(self.family, "B" if bold else "", size)
        self.multi_cell(0, LINE, self.text_of(text), new_x="LMARGIN", new_y="NEXT")

    def block(self, block: Block) -> None:
        """A body block: heading, paragraphs, then a bulleted list."""
        self.ln(3)
        if block.heading:
            self.paragraph(block.heading, bold=True, size=12)
            self.ln(1)
        for text in block.paragraphs:
            self.paragraph(text)
            self.ln(1)
        bullet = "•" if self.unicode else "-"
        for item in block.items:
            self.set_font(self.family, "", 11)
            self.cell(6, LINE, bullet)
            self.multi_cell(0, LINE, self.text_of(item), new_x="LMARGIN", new_y="NEXT")


class FpdfNoticeRenderer:
    """Renders notices to PDF bytes with fpdf2, in a Unicode font when one is installed."""

    def __init__(self, font: UnicodeFont | None = None, *, find_font: bool = True) -> None:
        self._font = font if font is not None or not find_font else find_unicode_font()

    def render(self, content: NoticeContent, mark: VerificationMark | None = None) -> bytes:
        """The notice as a PDF, ending with its verification mark if it has one.

        The same content and mark always give the same bytes (the signature comes after),
        in the language the notice was issued in, whatever the language of the moment.
        """
        with use_language(content.language):
            return self._render(content, mark)

    def _render(self, content: NoticeContent, mark: VerificationMark | None) -> bytes:
        pdf = _NoticeDocument(content, self._font)
        pdf.set_title(pdf.text_of(f"{content.title} {content.receipt_number}".strip()))
        pdf.set_author(content.issuer)
        pdf.set_creator(content.issuer)
        pdf.set_lang(content.language.replace("_", "-"))
        # Dated by the notice, not the clock: a replay writes the very same file.
        pdf.set_creation_date(datetime.combine(content.notice_date, time(), UTC))
        pdf.add_page()
        addressee = (content.addressee, *content.address)
        for line in addressee:
            pdf.paragraph(line)
        pdf.ln(6)
        pdf.paragraph(content.heading, bold=True, size=16)
        pdf.ln(3)
        for fact in content.facts:
            pdf.set_font(pdf.family, "B", 11)
            pdf.cell(45, LINE, pdf.text_of(fact.label))
            pdf.set_font(pdf.family, "", 11)
            pdf.multi_cell(0, LINE, pdf.text_of(fact.value), new_x="LMARGIN", new_y="NEXT")
        for block in content.body:
            pdf.block(block)
        if mark is not None:
            draw_mark(pdf, mark, family=pdf.family, what="notice")
        return bytes(pdf.output())
