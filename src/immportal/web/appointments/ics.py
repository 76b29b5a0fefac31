"""An appointment as an iCalendar file (RFC 5545) that any calendar application can add.

Times are written in UTC ("Z"), which every application reads without a time zone
definition; each shows them on its own clocks. Text is escaped as section 3.3.11 asks,
lines end in CRLF and are folded at 75 octets (section 3.1) without splitting a UTF-8
character. The event's UID stays the same when the appointment moves and its SEQUENCE
grows, so a calendar that imported the earlier file updates the event instead of adding
a second one.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime

PRODUCT = "-//immportal//Appointments//EN"
MAX_OCTETS = 75


@dataclass(frozen=True)
class CalendarEvent:
    """What the file says about one appointment."""

    uid: str
    sequence: int
    starts_at: datetime
    ends_at: datetime
    summary: str
    location: str
    description: str
    url: str
    geo: tuple[float, float] | None = None


def escape_text(value: str) -> str:
    """A TEXT value: backslash, semicolon and comma escaped, line breaks as \\n."""
    value = value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
    return value.replace("\r\n", "\\n").replace("\r", "\\n").replace("\n", "\\n")


def utc_stamp(moment: datetime) -> str:
    """A DATE-TIME in UTC: 20261210T150000Z."""
    return moment.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


def fold(line: str) -> str:
    """The content line folded into pieces of at most 75 octets, joined by CRLF and a space."""
    pieces: list[str] = []
    current, size = "", 0
    for char in line:
        octets = len(char.encode())
        # Continuation lines start with a space, which counts towards their 75 octets.
        limit = MAX_OCTETS if not pieces else MAX_OCTETS - 1
        if size + octets > limit:
            pieces.append(current)
            current, size = "", 0
        current += char
        size += octets
    pieces.append(current)
    return "\r\n ".join(pieces)


def _lines(event: CalendarEvent, now: datetime) -> Iterable[str]:
    yield from ("BEGIN:VCALENDAR", "VERSION:2.0", f"PRODID:{PRODUCT}", "CALSCALE:GREGORIAN")
    yield from ("METHOD:PUBLISH", "BEGIN:VEVENT", f"UID:{event.uid}")
    yield f"SEQUENCE:{event.sequence}"
    yield f"DTSTAMP:{utc_stamp(now)}"
    yield f"DTSTART:{utc_stamp(event.starts_at)}"
    yield f"DTEND:{utc_stamp(event.ends_at)}"
    yield f"SUMMARY:{escape_text(event.summary)}"
    yield f"LOCATION:{escape_text(event.location)}"
    if event.geo is not None:
        yield f"GEO:{event.geo[0]:.6f};{event.geo[1]:.6f}"
    yield f"DESCRIPTION:{escape_text(event.description)}"
    yield f"URL:{event.url}"
    yield from ("STATUS:CONFIRMED", "TRANSP:OPAQUE", "END:VEVENT", "END:VCALENDAR")


def calendar_file(event: CalendarEvent, now: datetime) -> str:
    """The whole file, CRLF line endings included."""
    return "".join(fold(line) + "\r\n" for line in _lines(event, now))
