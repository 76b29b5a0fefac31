"""The box a signed document ends with: its verification code and a QR code to check it."""

from __future__ import annotations

from io import BytesIO

import segno
from fpdf import FPDF

from immportal.i18n import N_, _
from immportal.services.documents.ports import VerificationMark

QR_SIZE = 26.0
"""Millimetres: phone cameras read a QR code of a short URL at this size from a page."""
PADDING = 3.0
BOX_HEIGHT = QR_SIZE + 2 * PADDING


def qr_png(url: str) -> BytesIO:
    """The URL as a QR code PNG (medium error correction: a printed page gets creased)."""
    image = BytesIO()
    segno.make(url, error="m", micro=False).save(image, kind="png", scale=6, border=2)
    image.seek(0)
    return image


CHECK_HEADINGS = {
    "notice": N_("Check that this notice is genuine"),
    "receipt": N_("Check that this receipt is genuine"),
    "filed application": N_("Check that this filed application is genuine"),
}
"""The box's heading by the kind of document: whole sentences, so each is translated whole."""


def draw_mark(pdf: FPDF, mark: VerificationMark, *, family: str, what: str) -> None:
    """A framed box, kept on one page: the QR code, the code, and where to type it."""
    pdf.ln(6)
    if pdf.will_page_break(BOX_HEIGHT):
        pdf.add_page()
    top, left = pdf.get_y(), pdf.l_margin
    width = pdf.w - pdf.l_margin - pdf.r_margin
    pdf.set_draw_color(90, 90, 90)
    pdf.rect(left, top, width, BOX_HEIGHT)
    pdf.image(qr_png(mark.url), x=left + PADDING, y=top + PADDING, w=QR_SIZE, h=QR_SIZE)
    text_left = left + QR_SIZE + 3 * PADDING
    text_width = width - QR_SIZE - 4 * PADDING
    page = mark.url.split("?", 1)[0]
    pdf.set_xy(text_left, top + PADDING)
    pdf.set_font(family, "B", 11)
    # In the current language: a notice is drawn in the language it was issued in.
    heading = _(CHECK_HEADINGS.get(what, CHECK_HEADINGS["notice"]))
    pdf.cell(text_width, 6, heading, new_x="LEFT", new_y="NEXT")
    pdf.set_font(family, "", 10)
    code = _("Verification code: %(code)s", code=mark.shown)
    pdf.cell(text_width, 6, code, new_x="LEFT", new_y="NEXT")
    pdf.multi_cell(
        text_width,
        5,
        _(
            "Scan the QR code, or go to %(page)s and enter the code. The file is signed"
            " digitally: a PDF reader shows who signed it and whether it was changed.",
            page=page,
        ),
        new_x="LEFT",
        new_y="NEXT",
    )
    pdf.set_y(top + BOX_HEIGHT)
