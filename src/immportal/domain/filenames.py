"""A person's filename made safe to show and to offer back as a download name."""

import re
import unicodedata

MAX_FILENAME_LENGTH = 120
"""Characters kept; long enough for real names, short enough for any page or header."""

FALLBACK_FILENAME = "document"

# Control (Cc), format (Cf: bidi overrides, zero-width joiners), surrogates, private use
# and unassigned code points: none of them belong in a name a person reads.
_DROPPED_CATEGORIES = frozenset({"Cc", "Cf", "Cs", "Co", "Cn"})
# Characters that mean something to shells, HTTP headers or other file systems.
_RESERVED = re.compile(r'[<>:"|?*;]')
_SPACES = re.compile(r"\s+")
_MAX_EXTENSION = 10


def clean_filename(raw: str | None) -> str:
    """The last path part, without control or bidi characters, trimmed; never empty."""
    name = unicodedata.normalize("NFC", raw or "")
    name = re.split(r"[/\\]", name)[-1]
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
