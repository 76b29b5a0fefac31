"""The filed application as a PDF (fpdf2): its facts, every section's answers, the signature."""

from __future__ import annotations

from datetime import UTC

from immportal.adapters.pdf.fonted import FontedDocument
from immportal.adapters.pdf.fonts import UnicodeFont, find_unicode_font
from immportal.adapters.pdf.verification_mark import draw_mark
from immportal.services.cases.filed_copy import FiledCopy
from immportal.services.documents.ports import VerificationMark

ISSUER = "immportal"
LINE = 5.5
LABEL_WIDTH = 80.0
GREY = (90, 90, 90)


class _FiledDocument(FontedDocument):
    """A Letter-size frame: the form and receipt number on top, page n of m below."""

    def __init__(self, copy: FiledCopy, font: UnicodeFont | None) -> None:
        super().__init__("Letter", font, margin=18, bottom=20)
        self.copy = copy

    def header(self) -> None:
        """The issuer, the form and its edition, and the receipt number once there is one."""
        self.set_font(self.family, "B", 13)
        self.cell(0, 7, f"{ISSUER} - filed application", new_x="LMARGIN", new_y="NEXT")
        self.set_font(self.family, "", 9)
        self.set_text_color(*GREY)
        line = self.copy.form_line
        if self.copy.receipt_number:
            line = f"{line} - receipt number {self.copy.receipt_number}"
        self.cell(0, 5, self.text_of(line), new_x="LMARGIN", new_y="NEXT")
        self.set_text_color(0, 0, 0)
        self.line(self.l_margin, self.get_y() + 1, self.w - self.r_margin, self.get_y() + 1)
        self.ln(5)

    def footer(self) -> None:
        """Page n of m, so a printed copy shows whether a page is missing."""
        self.set_y(-14)
        self.set_font(self.family, "", 8)
        self.set_text_color(*GREY)
        self.cell(0, 8, f"Page {self.page_no()} of {{nb}}", align="C")

    def row(self, label: str, value: str) -> None:
        """A question and its answer side by side, each wrapped in its column."""
        self.set_font(self.family, "B", 9)
        # Both columns are measured first, so a row that does not fit starts a new page.
        width = self.w - self.l_margin - self.r_margin - LABEL_WIDTH - 2
        label_lines = self._lines(LABEL_WIDTH, label, bold=True)
        height = LINE * max(label_lines, self._lines(width, value, bold=False))
        if self.will_page_break(height):
            self.add_page()
        top = self.get_y()
        self.set_font(self.family, "B", 9)
        self.multi_cell(LABEL_WIDTH, LINE, self.text_of(label))
        self.set_xy(self.l_margin + LABEL_WIDTH + 2, top)
        self.set_font(self.family, "", 9)
        self.multi_cell(width, LINE, self.text_of(value))
        self.set_xy(self.l_margin, top + height + 1)

    def _lines(self, width: float, text: str, *, bold: bool) -> int:
        self.set_font(self.family, "B" if bold else "", 9)
        lines = self.multi_cell(width, LINE, self.text_of(text), dry_run=True, output="LINES")
        return len(lines) if isinstance(lines, list) else 1


class FpdfFiledApplicationRenderer:
    """Renders filed copies to PDF bytes with fpdf2, in a Unicode font when one is installed."""

    def __init__(self, font: UnicodeFont | None = None, *, find_font: bool = True) -> None:
        self._font = font if font is not None or not find_font else find_unicode_font()

    def render(self, copy: FiledCopy, mark: VerificationMark) -> bytes:
        """The copy as a PDF ending with its verification mark; the same copy and mark
        always give the same bytes (the signature comes after)."""
        pdf = _FiledDocument(copy, self._font)
        pdf.set_title(pdf.text_of(copy.title))
        pdf.set_author(ISSUER)
        pdf.set_creator(ISSUER)
        pdf.set_lang("en")
        # Dated by the filing, not the clock: a replay writes the very same file.
        pdf.set_creation_date(copy.filed_at.astimezone(UTC))
        pdf.add_page()
        pdf.set_font(pdf.family, "B", 15)
        pdf.multi_cell(0, 8, pdf.text_of(copy.title), new_x="LMARGIN", new_y="NEXT")
        pdf.ln(2)
        for label, value in copy.facts():
            pdf.row(label, value)
        for section in copy.sections:
            pdf.ln(3)
            pdf.set_font(pdf.family, "B", 11)
            pdf.multi_cell(0, 7, pdf.text_of(section.title), new_x="LMARGIN", new_y="NEXT")
            for label, value in section.rows:
                pdf.row(label, value)
        pdf.ln(3)
        pdf.set_font(pdf.family, "B", 11)
        pdf.cell(0, 7, "Declaration and signature", new_x="LMARGIN", new_y="NEXT")
        pdf.set_font(pdf.family, "", 9)
        pdf.multi_cell(0, LINE, pdf.text_of(copy.signature_line()), new_x="LMARGIN", new_y="NEXT")
        draw_mark(pdf, mark, family=pdf.family, what="filed application")
        return bytes(pdf.output())
