"""The payment receipt as a PDF (fpdf2, built-in Helvetica: plain Latin text only)."""

from __future__ import annotations

from fpdf import FPDF

from immportal.adapters.pdf.fonts import latin1
from immportal.adapters.pdf.verification_mark import draw_mark
from immportal.services.documents.ports import VerificationMark
from immportal.services.documents.receipts import PrintedReceipt


class FpdfReceiptRenderer:
    """One A4 page: who was paid, what for, how much, when, the references and the mark."""

    def render(self, receipt: PrintedReceipt, mark: VerificationMark) -> bytes:
        """The receipt as PDF bytes, ending with its verification mark."""
        pdf = FPDF(format="A4")
        pdf.set_title(f"Payment receipt {receipt.reference}")
        pdf.set_creator("immportal")
        pdf.add_page()
        pdf.set_font("Helvetica", style="B", size=18)
        pdf.cell(0, 12, "immportal - payment receipt", new_x="LMARGIN", new_y="NEXT")
        pdf.set_font("Helvetica", size=11)
        pdf.multi_cell(
            0,
            6,
            "Keep this receipt. It shows that the filing fee was paid.",
            new_x="LMARGIN",
            new_y="NEXT",
        )
        pdf.ln(4)
        for label, value in receipt.rows:
            pdf.set_font("Helvetica", style="B", size=11)
            pdf.cell(60, 8, label)
            pdf.set_font("Helvetica", size=11)
            pdf.multi_cell(0, 8, latin1(value), new_x="LMARGIN", new_y="NEXT")
        draw_mark(pdf, mark, family="Helvetica", what="receipt")
        return bytes(pdf.output())
