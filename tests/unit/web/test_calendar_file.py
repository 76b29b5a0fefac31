"""The appointment's iCalendar file: RFC 5545 lines, escaping, folding and UTC times."""

from datetime import UTC, datetime, timedelta, timezone

import pytest

from immportal.web.appointments.ics import (
    CalendarEvent,
    calendar_file,
    escape_text,
    fold,
    utc_stamp,
)

NOW = datetime(2026, 12, 6, 9, 30, tzinfo=UTC)
EASTERN = timezone(timedelta(hours=-5))


def event(**changes: object) -> CalendarEvent:
    """A biometrics appointment at Newark, 3:00 PM Eastern on 10 December 2026."""
    values: dict[str, object] = {
        "uid": "biometrics-0b7c4f0e@portal.example",
        "sequence": 1,
        "starts_at": datetime(2026, 12, 10, 15, 0, tzinfo=EASTERN),
        "ends_at": datetime(2026, 12, 10, 15, 15, tzinfo=EASTERN),
        "summary": "Biometrics appointment (IOE2700000042)",
        "location": "Newark Application Support Center, 970 Broad Street, Newark, NJ 07102",
        "description": "Bring:\n- Your appointment notice\n- A photo identity document",
        "url": "https://portal.example/cases/0b7c4f0e/appointments",
        "geo": (40.7357, -74.1724),
    } | changes
    return CalendarEvent(**values)  # type: ignore[arg-type]


def unfolded(text: str) -> list[str]:
    """The content lines, continuation lines joined back (RFC 5545, 3.1)."""
    return text.replace("\r\n ", "").split("\r\n")[:-1]


class TestEscaping:
    """TEXT values escape what would end or split them."""

    @pytest.mark.parametrize(
        ("raw", "escaped"),
        [
            ("a, b", "a\\, b"),
            ("a; b", "a\\; b"),
            ("C:\\path", "C:\\\\path"),
            ("one\ntwo", "one\\ntwo"),
            ("one\r\ntwo", "one\\ntwo"),
        ],
    )
    def test_escape_text(self, raw: str, escaped: str) -> None:
        """Backslash first, then semicolon, comma and line breaks."""
        assert escaped == escape_text(raw)


class TestFolding:
    """Lines longer than 75 octets are folded, never inside a character."""

    def test_short_line_is_kept(self) -> None:
        """Up to 75 octets stays one line."""
        assert "X" * 75 == fold("X" * 75)

    def test_long_line_is_folded_at_75_octets(self) -> None:
        """Every physical line holds at most 75 octets, the space included."""
        folded = fold("DESCRIPTION:" + "a" * 200)
        assert all(len(part.encode()) <= 75 for part in folded.split("\r\n"))
        assert "DESCRIPTION:" + "a" * 200 == folded.replace("\r\n ", "")

    def test_multibyte_characters_are_not_split(self) -> None:
        """Accented and other multi-octet characters stay whole on one physical line."""
        text = "LOCATION:" + "é" * 60 + "漢字" * 20
        folded = fold(text)
        for part in folded.split("\r\n"):
            assert len(part.encode()) <= 75
            part.encode().decode()  # a split character would not decode
        assert text == folded.replace("\r\n ", "")


class TestFile:
    """The whole file."""

    def test_structure_and_values(self) -> None:
        """One event in one calendar, times in UTC, text escaped, lines ending in CRLF."""
        text = calendar_file(event(), NOW)
        lines = unfolded(text)
        assert text.endswith("END:VCALENDAR\r\n")
        assert "\n" not in text.replace("\r\n", "")
        assert ["BEGIN:VCALENDAR", "VERSION:2.0"] == lines[:2]
        assert "DTSTAMP:20261206T093000Z" in lines
        assert "DTSTART:20261210T200000Z" in lines
        assert "DTEND:20261210T201500Z" in lines
        assert "SEQUENCE:1" in lines
        assert (
            "LOCATION:Newark Application Support Center\\, 970 Broad Street\\, Newark\\,"
            " NJ 07102" in lines
        )
        assert "GEO:40.735700;-74.172400" in lines
        assert (
            "DESCRIPTION:Bring:\\n- Your appointment notice\\n- A photo identity document" in lines
        )
        assert lines.count("BEGIN:VEVENT") == lines.count("END:VEVENT") == 1

    def test_no_geo_without_a_known_place(self) -> None:
        """A place we cannot locate has no GEO property."""
        assert not any(
            line.startswith("GEO:") for line in unfolded(calendar_file(event(geo=None), NOW))
        )

    def test_utc_stamp(self) -> None:
        """Any zone is written as the same moment in UTC."""
        assert "20261210T200000Z" == utc_stamp(datetime(2026, 12, 10, 15, tzinfo=EASTERN))
