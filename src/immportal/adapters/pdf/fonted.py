"""The page base the portal's PDFs share: the Unicode font when there is one, else Latin-1."""

from fpdf import FPDF

from immportal.adapters.pdf.fonts import UnicodeFont, latin1


class FontedDocument(FPDF):
    """A document in the portal's Unicode font (regular and bold), or Helvetica without one."""

    def __init__(
        self, page_format: str, font: UnicodeFont | None, *, margin: float, bottom: float
    ) -> None:
        super().__init__(format=page_format)
        self.family = "Helvetica"
        if font is not None:
            self.add_font(font.family, "", str(font.regular))
            self.add_font(font.family, "B", str(font.bold))
            self.family = font.family
        self.unicode = font is not None
        self.set_margins(margin, margin, margin)
        self.set_auto_page_break(auto=True, margin=bottom)

    def text_of(self, value: str) -> str:
        """The text as the chosen font can print it."""
        return value if self.unicode else latin1(value)
