"""Dates, times and money as people read them (immportal.formatting)."""

from datetime import UTC, date, datetime, timedelta, timezone
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest

from immportal import formatting

# 20:17 UTC on a winter day and on a summer day, so daylight saving time shows.
WINTER = datetime(2026, 12, 6, 20, 17, tzinfo=UTC)
SUMMER = datetime(2026, 7, 6, 20, 17, tzinfo=UTC)


class TestMoment:
    """A moment reads as a US-style long date and time, in the zone asked for."""

    @pytest.mark.parametrize(
        ("at", "zone", "expected"),
        [
            (WINTER, "America/New_York", "December 6, 2026, 3:17 PM EST"),
            (SUMMER, "America/New_York", "July 6, 2026, 4:17 PM EDT"),
            (WINTER, "America/Chicago", "December 6, 2026, 2:17 PM CST"),
            (SUMMER, "America/Los_Angeles", "July 6, 2026, 1:17 PM PDT"),
            # Arizona keeps standard time all year.
            (SUMMER, "America/Phoenix", "July 6, 2026, 1:17 PM MST"),
            (WINTER, "America/Anchorage", "December 6, 2026, 11:17 AM AKST"),
            # Hawaii keeps no daylight saving time either.
            (SUMMER, "Pacific/Honolulu", "July 6, 2026, 10:17 AM HST"),
            (WINTER, "America/Puerto_Rico", "December 6, 2026, 4:17 PM AST"),
            (SUMMER, "America/Puerto_Rico", "July 6, 2026, 4:17 PM AST"),
            # Guam is a day ahead, in Chamorro Standard Time.
            (WINTER, "Pacific/Guam", "December 7, 2026, 6:17 AM ChST"),
            (WINTER, "Pacific/Pago_Pago", "December 6, 2026, 9:17 AM SST"),
            (WINTER, "Europe/Paris", "December 6, 2026, 9:17 PM CET"),
            (WINTER, "Asia/Kolkata", "December 7, 2026, 1:47 AM IST"),
            # No abbreviation in use anywhere: the offset.
            (WINTER, "America/Sao_Paulo", "December 6, 2026, 5:17 PM GMT-03:00"),
        ],
        ids=lambda v: str(v).replace(" ", "_"),
    )
    def test_in_zone(self, at: datetime, zone: str, expected: str) -> None:
        """The wall-clock time and abbreviation of the zone, with a plain space before PM."""
        assert expected == formatting.moment(at, zone)

    def test_no_zone_is_the_agency_zone(self) -> None:
        """Without a zone, moments are shown in the agency's Eastern time."""
        assert "December 6, 2026, 3:17 PM EST" == formatting.moment(WINTER)
        assert "America/New_York" == formatting.AGENCY_ZONE

    def test_unknown_zone_is_the_agency_zone(self) -> None:
        """A zone name nobody knows prints in the agency's zone rather than failing."""
        assert "December 6, 2026, 3:17 PM EST" == formatting.moment(WINTER, "Mars/Olympus")
        assert "December 6, 2026, 3:17 PM EST" == formatting.moment(WINTER, "../etc/passwd")

    def test_tzinfo_accepted(self) -> None:
        """A tzinfo works as well as a name."""
        assert "December 6, 2026, 10:17 AM HST" == formatting.moment(
            WINTER, ZoneInfo("Pacific/Honolulu")
        )

    def test_other_offsets_are_converted(self) -> None:
        """A moment stored with another offset is the same instant in the person's zone."""
        paris = WINTER.astimezone(timezone(timedelta(hours=1)))
        assert "December 6, 2026, 3:17 PM EST" == formatting.moment(paris, "America/New_York")

    def test_spanish(self) -> None:
        """Spanish gets its own date words and a 24-hour clock."""
        assert "6 de diciembre de 2026, 15:17 EST" == formatting.moment(
            WINTER, "America/New_York", "es"
        )

    def test_naive_refused(self) -> None:
        """A datetime without a zone cannot be placed in anyone's zone, so it is refused."""
        with pytest.raises(formatting.NaiveMomentError):
            formatting.moment(datetime(2026, 12, 6, 20, 17), "America/New_York")

    def test_none_refused(self) -> None:
        """None is not a moment."""
        with pytest.raises(TypeError):
            formatting.moment(None, "America/New_York")  # type: ignore[arg-type]


class TestTimeOfDay:
    """A time on its own carries its zone's abbreviation."""

    @pytest.mark.parametrize(
        ("at", "zone", "locale", "expected"),
        [
            (WINTER, "America/New_York", "en_US", "3:17 PM EST"),
            (SUMMER, "America/New_York", "en_US", "4:17 PM EDT"),
            (WINTER, "Pacific/Honolulu", "en_US", "10:17 AM HST"),
            (WINTER, "America/New_York", "es", "15:17 EST"),
        ],
        ids=["est", "edt", "hst", "spanish"],
    )
    def test_time(self, at: datetime, zone: str, locale: str, expected: str) -> None:
        """Hour, minutes and zone."""
        assert expected == formatting.time_of_day(at, zone, locale)


class TestDays:
    """Calendar days read in full; a moment's day depends on the zone."""

    @pytest.mark.parametrize(
        ("function", "locale", "expected"),
        [
            (formatting.long_date, "en_US", "December 6, 2026"),
            (formatting.long_date, "es", "6 de diciembre de 2026"),
            (formatting.short_date, "en_US", "Dec 6, 2026"),
            (formatting.full_date, "en_US", "Sunday, December 6, 2026"),
            (formatting.full_date, "es", "domingo, 6 de diciembre de 2026"),
            (formatting.month_day, "en_US", "Dec 6"),
            (formatting.month_day, "es", "6 dic"),
            # An unknown locale prints in the default rather than failing.
            (formatting.long_date, "xx_YY", "December 6, 2026"),
        ],
        ids=["long", "long-es", "short", "full", "full-es", "month-day", "month-day-es", "unknown"],
    )
    def test_day(self, function: object, locale: str, expected: str) -> None:
        """Each form of a day in each locale."""
        assert callable(function)
        assert expected == function(date(2026, 12, 6), locale)

    def test_local_day(self) -> None:
        """Late evening in Hawaii is already the next day in Guam."""
        at = datetime(2026, 12, 6, 23, 0, tzinfo=UTC)
        assert date(2026, 12, 6) == formatting.local_day(at, "Pacific/Honolulu")
        assert date(2026, 12, 7) == formatting.local_day(at, "Pacific/Guam")

    def test_datetime_refused_as_a_day(self) -> None:
        """A datetime's day depends on a zone, so long_date asks for a date."""
        with pytest.raises(TypeError):
            formatting.long_date(WINTER)


class TestMoney:
    """Whole cents as dollars, with no rounding anywhere."""

    @pytest.mark.parametrize(
        ("cents", "locale", "expected"),
        [
            (47000, "en_US", "$470.00"),
            (122550, "en_US", "$1,225.50"),
            (1, "en_US", "$0.01"),
            (99, "en_US", "$0.99"),
            (999999999, "en_US", "$9,999,999.99"),
            (0, "en_US", "$0"),
            (-500, "en_US", "-$5.00"),
            (122550, "es", "1.225,50\xa0US$"),
            (0, "es", "0\xa0US$"),
        ],
        ids=["fee", "thousands", "cent", "cents", "large", "zero", "refund", "es", "es-zero"],
    )
    def test_amount(self, cents: int, locale: str, expected: str) -> None:
        """Exact dollars and cents in the locale's style; no fee is '$0'."""
        assert expected == formatting.money(cents, locale)

    @pytest.mark.parametrize("bad", [4.7, Decimal("4.70"), True, None], ids=str)
    def test_only_whole_cents(self, bad: object) -> None:
        """Floats, decimals, booleans and None are refused: money is whole cents."""
        with pytest.raises(TypeError):
            formatting.money(bad)  # type: ignore[arg-type]


class TestNumber:
    """Counts with the locale's separators."""

    @pytest.mark.parametrize(
        ("value", "locale", "expected"),
        [(1234567, "en_US", "1,234,567"), (1234567, "es", "1.234.567"), (2.5, "en_US", "2.5")],
        ids=["en", "es", "fraction"],
    )
    def test_number(self, value: int | float, locale: str, expected: str) -> None:
        """Grouping and decimal separators follow the locale."""
        assert expected == formatting.number(value, locale)


class TestZones:
    """Zone names are checked, never trusted."""

    def test_known(self) -> None:
        """IANA names are known; made-up names and paths are not."""
        assert formatting.is_known_zone("America/Puerto_Rico")
        assert not formatting.is_known_zone("Mars/Olympus")
        assert not formatting.is_known_zone("")
        assert not formatting.is_known_zone("/etc/passwd")
