"""The page filters print moments in the reader's zone and language (web.rendering)."""

import contextvars
from datetime import UTC, date, datetime

import pytest

from immportal.web.person_zone import person_zone, use_person_locale, use_person_zone
from immportal.web.rendering import format_date, format_datetime, format_money, format_number

WINTER = datetime(2026, 12, 6, 20, 17, tzinfo=UTC)


def as_reader(zone: str | None, locale: str | None, shown: str) -> str:
    """What `shown` prints for a reader in `zone` and `locale`, in a context of its own."""

    def run() -> str:
        if zone is not None:
            use_person_zone(zone)
        if locale is not None:
            use_person_locale(locale)
        return {
            "moment": format_datetime(WINTER),
            "naive": format_datetime(WINTER.replace(tzinfo=None)),
            "day-of-moment": format_date(WINTER),
            "day": format_date(date(2026, 12, 6)),
            "money": format_money(47000),
            "number": format_number(1234567),
            "none": format_datetime(None) + format_date(None) + format_money(None),
        }[shown]

    return contextvars.copy_context().run(run)


class TestFilters:
    """Each filter in each reader's zone and language."""

    @pytest.mark.parametrize(
        ("zone", "locale", "shown", "expected"),
        [
            (None, None, "moment", "December 6, 2026, 3:17 PM EST"),
            ("Pacific/Honolulu", None, "moment", "December 6, 2026, 10:17 AM HST"),
            # Read models store UTC; a stamp without a zone is taken as UTC.
            ("Pacific/Honolulu", None, "naive", "December 6, 2026, 10:17 AM HST"),
            ("Pacific/Guam", None, "day-of-moment", "December 7, 2026"),
            ("America/New_York", "es_US", "moment", "6 de diciembre de 2026, 3:17 p.m. EST"),
            (None, None, "day", "December 6, 2026"),
            (None, None, "money", "$470.00"),
            (None, "es", "number", "1.234.567"),
            (None, None, "none", ""),
            # A zone name nobody knows falls back to the agency's.
            ("Mars/Olympus", None, "moment", "December 6, 2026, 3:17 PM EST"),
        ],
        ids=[
            "agency",
            "hawaii",
            "naive",
            "guam-day",
            "spanish",
            "day",
            "money",
            "number",
            "none",
            "unknown-zone",
        ],
    )
    def test_filter(self, zone: str | None, locale: str | None, shown: str, expected: str) -> None:
        """The reader's zone and language decide what a moment reads as."""
        assert expected == as_reader(zone, locale, shown)

    def test_one_reader_does_not_leak_into_another(self) -> None:
        """A zone set for one request's context is not seen outside it."""
        as_reader("Pacific/Guam", None, "moment")
        assert "America/New_York" == person_zone()
