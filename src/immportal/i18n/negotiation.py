"""Choosing a language from what a browser says it prefers (`Accept-Language`), with Babel."""

from collections.abc import Sequence

from babel import negotiate_locale

_MAX_HEADER = 1024
_MAX_TAGS = 20


def preferred_tags(header: str) -> list[str]:
    """The header's language tags, most preferred first (`q=0` dropped, ties in header order)."""
    weighted: list[tuple[float, int, str]] = []
    for index, item in enumerate(header[:_MAX_HEADER].split(",")[:_MAX_TAGS]):
        tag, _, params = item.strip().partition(";")
        tag = tag.strip()
        if not tag or tag == "*" or not all(part.isalnum() for part in tag.split("-")):
            continue
        quality = 1.0
        for param in params.split(";"):
            name, _, value = param.strip().partition("=")
            if name.strip().lower() == "q":
                try:
                    quality = float(value)
                except ValueError:
                    quality = 0.0
        if 0 < quality <= 1:
            weighted.append((-quality, index, tag.replace("-", "_")))
    return [tag for _, _, tag in sorted(weighted)]


def negotiate(header: str | None, available: Sequence[str]) -> str | None:
    """The best of `available` for an `Accept-Language` header; None when none fits."""
    if not header:
        return None
    # Babel matches "es_MX" to "es" and compares case-insensitively, but answers in the
    # header's spelling ("EN"): give back the portal's own code.
    chosen = negotiate_locale(preferred_tags(header), list(available), sep="_")
    if chosen is None:
        return None
    return next((code for code in available if code.lower() == chosen.lower()), None)
