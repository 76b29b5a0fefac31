"""A person's filename: refused when it hides a path or disguises itself, else tidied."""

import re
import unicodedata

from immportal.domain.errors import DomainError
from immportal.domain.evidence.document import MediaType

MAX_FILENAME_LENGTH = 120
"""Characters kept; long enough for real names, short enough for any page or header."""

FALLBACK_FILENAME = "document"

RENAME_THE_FILE = "Rename the file without slashes or special characters, then upload it again."

# A browser sends only the file's own name: a separator means a path, made by hand to
# reach outside the portal's folder. C0/C1 controls and DEL have no business in a name,
# and the bidi embeddings, overrides and isolates make "invoice\u202efdp.exe" read as a
# PDF. Refused rather than cleaned, so the person knows exactly what was kept.
_REFUSED = re.compile("[/\\\\\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
# What remains invisible (format characters such as zero-width joiners and bidi marks),
# surrogates, private use and unassigned code points is dropped quietly.
_DROPPED_CATEGORIES = frozenset({"Cc", "Cf", "Cs", "Co", "Cn"})
# Characters that mean something to shells, HTTP headers or other file systems.
_RESERVED = re.compile(r'[<>:"|?*;]')
_SPACES = re.compile(r"\s+")
_MAX_EXTENSION = 10
# What reads as a file extension: a few letters or digits with at least one letter, so
# "v1.2" or "Smith, J." keep their dot while "scan.pdf" and "photo.heic" lose the ending.
_EXTENSION = re.compile(r"(?=[A-Za-z0-9]{1,5}$)[0-9]*[A-Za-z][A-Za-z0-9]*")

EXTENSIONS: dict[MediaType, tuple[str, ...]] = {
    MediaType.PDF: ("pdf",),
    MediaType.JPEG: ("jpg", "jpeg", "jpe", "jfif"),
    MediaType.PNG: ("png",),
    MediaType.TIFF: ("tiff", "tif"),
}
"""The endings each kept type goes by; the first is the one a stored name is given."""


class UnsafeFilename(DomainError):
    """The filename holds a path separator, a control character or a bidi override."""


def check_filename(raw: str | None) -> None:
    """Raise UnsafeFilename when the name holds characters that are refused, not cleaned."""
    if raw and _REFUSED.search(raw):
        raise UnsafeFilename(RENAME_THE_FILE)


def clean_filename(raw: str | None) -> str:
    """The name normalised (NFC), without invisible characters, trimmed; never empty.

    Raises UnsafeFilename first if the name must be refused (see check_filename).
    """
    check_filename(raw)
    name = unicodedata.normalize("NFC", raw or "")
    name = "".join(c for c in name if unicodedata.category(c) not in _DROPPED_CATEGORIES)
    name = _RESERVED.sub("_", name)
    name = _SPACES.sub(" ", name).strip(" .")
    if not name:
        return FALLBACK_FILENAME
    return _shorten(name)


def _shorten(name: str) -> str:
    if len(name) <= MAX_FILENAME_LENGTH:
        return name
    stem, dot, extension = name.rpartition(".")
    if dot and stem and len(extension) <= _MAX_EXTENSION:
        # Keep the extension, so the shortened name still says what kind of file it is.
        keep = MAX_FILENAME_LENGTH - len(extension) - 1
        return f"{stem[:keep].rstrip(' .')}.{extension}"
    return name[:MAX_FILENAME_LENGTH].rstrip(" .")


def named_as(name: str, media_type: MediaType) -> str:
    """The cleaned name ending as its detected type does: `x.pdf` holding a PNG is `x.png`.

    The person's own base name is kept, and so is an ending that already fits the type
    (`photo.JPEG` stays). A name's ending is what a computer opens a file by, so a file
    kept under the wrong one would open in the wrong program, or not at all.
    """
    stem, dot, extension = name.rpartition(".")
    if dot and stem and extension.lower() in EXTENSIONS[media_type]:
        return name
    if dot and stem and _EXTENSION.fullmatch(extension):
        name = stem.rstrip(" .") or FALLBACK_FILENAME
    return _shorten(f"{name}.{EXTENSIONS[media_type][0]}")
