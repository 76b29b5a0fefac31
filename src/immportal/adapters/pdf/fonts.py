"""The Unicode font notices are printed in: DejaVu Sans from the system, if installed.

Names like "José Núñez" or "Nguyễn" need a Unicode TrueType font; fpdf2's built-in
Helvetica covers Latin-1 only. DejaVu Sans comes with Debian's `fonts-dejavu-core`
(installed by `make test`); where it is missing, notices fall back to Helvetica and
letters outside Latin-1 lose their accents rather than the notice failing.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from pathlib import Path

FONT_DIRS = (
    Path("/usr/share/fonts/truetype/dejavu"),  # Debian, Ubuntu
    Path("/usr/share/fonts/dejavu-sans-fonts"),  # Fedora
    Path("/usr/share/fonts/TTF"),  # Arch
)
REGULAR, BOLD = "DejaVuSans.ttf", "DejaVuSans-Bold.ttf"


@dataclass(frozen=True)
class UnicodeFont:
    """A regular and a bold TrueType file of one family."""

    family: str
    regular: Path
    bold: Path


def find_unicode_font(dirs: tuple[Path, ...] = FONT_DIRS) -> UnicodeFont | None:
    """DejaVu Sans from the first directory that has both weights, or None."""
    for folder in dirs:
        regular, bold = folder / REGULAR, folder / BOLD
        if regular.is_file() and bold.is_file():
            return UnicodeFont("DejaVu", regular, bold)
    return None


def latin1(text: str) -> str:
    """Text Helvetica can print: accents kept where Latin-1 has them, dropped otherwise."""
    out = []
    for char in text:
        if ord(char) < 256:
            out.append(char)
            continue
        base = "".join(c for c in unicodedata.normalize("NFKD", char) if ord(c) < 256)
        out.append(base or "?")
    return "".join(out)
