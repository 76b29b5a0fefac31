"""The payment receipt as a PDF (fpdf2, built-in Helvetica: plain Latin text only)."""

from __future__ import annotations

from fpdf import FPDF

from immportal.web.payments.receipt_view import ReceiptView


def receipt_pdf(view: ReceiptView) -> bytes:
    """One A4 page: who was paid, what for, how much, when, and the references."""
    pdf = FPDF(format="A4")
    pdf.set_title(f"Payment receipt {view.reference}")
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
    for label, value in view.rows():
        pdf.set_font("Helvetica", style="B", size=11)
        pdf.cell(60, 8, label)
        pdf.set_font("Helvetica", size=11)
        text = value.encode("latin-1", "replace").decode("latin-1")
        pdf.multi_cell(0, 8, text, new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())
