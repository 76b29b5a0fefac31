"""Dates, times, numbers and money as people read them, through Babel, in their own time zone.

Every function takes a `locale` (a Babel locale name, "en_US" by default) so the language
layer can pass the person's language, and every function that prints a moment takes the zone
to print it in. Machine formats (ISO stamps, .ics, signed checkpoints) never come here.

Moments must be timezone-aware: a naive datetime has no zone to convert from, and guessing
(UTC? the server's zone?) would print a wrong hour without anyone noticing, so it is refused.
"""

from datetime import date, datetime, tzinfo
from decimal import Decimal
from functools import lru_cache
from typing import TypeAlias
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from babel import Locale, UnknownLocaleError
from babel.dates import (
    format_date,
    format_datetime,
    format_skeleton,
    format_time,
    get_datetime_format,
    get_timezone_location,
    get_timezone_name,
)
from babel.numbers import format_currency, format_decimal

DEFAULT_LOCALE = "en_US"
# The agency's headquarters keep Eastern time; a moment shown to someone whose zone we do not
# know (signed out, no mailing address yet) is in the zone the agency's own letters use.
AGENCY_ZONE = "America/New_York"
CURRENCY = "USD"

Zone: TypeAlias = tzinfo | str | None


class NaiveMomentError(ValueError):
    """A datetime without a zone was given where a moment is printed."""


@lru_cache(maxsize=64)
def _locale(name: str) -> Locale:
    try:
        return Locale.parse(name.replace("-", "_"))
    except (UnknownLocaleError, ValueError, TypeError):
        # An unknown language tag prints in the default rather than failing the page.
        return Locale.parse(DEFAULT_LOCALE)


@lru_cache(maxsize=256)
def _zone_named(name: str) -> ZoneInfo:
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return ZoneInfo(AGENCY_ZONE)


def zone(value: Zone = None) -> tzinfo:
    """The zone named (an IANA name or a tzinfo); the agency's zone for none or an unknown name."""
    if value is None or value == "":
        return _zone_named(AGENCY_ZONE)
    if isinstance(value, str):
        return _zone_named(value)
    return value


def is_known_zone(name: str) -> bool:
    """Whether `name` is an IANA zone this machine knows."""
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return False
    return True


def _plain(text: str) -> str:
    # CLDR puts a narrow no-break space before AM/PM; PDF fonts and plain-text mail lack it.
    return text.replace("\u202f", " ")


def _aware(moment_: datetime) -> datetime:
    if not isinstance(moment_, datetime):
        raise TypeError(f"expected a datetime, got {type(moment_).__name__}")
    if moment_.tzinfo is None or moment_.utcoffset() is None:
        raise NaiveMomentError("a moment without a time zone cannot be shown in anyone's zone")
    return moment_


def local(moment_: datetime, where: Zone = None) -> datetime:
    """The aware moment as wall-clock time in `where`."""
    return _aware(moment_).astimezone(zone(where))


def local_day(moment_: datetime, where: Zone = None) -> date:
    """The calendar day a moment falls on in `where` (a deadline's day, a receipt's date)."""
    return local(moment_, where).date()


def _day(day: date) -> date:
    if isinstance(day, datetime):
        # A datetime's day depends on the zone: the caller says which with local_day().
        raise TypeError("pass a date; for a moment use local_day(moment, zone) first")
    if not isinstance(day, date):
        raise TypeError(f"expected a date, got {type(day).__name__}")
    return day


def long_date(day: date, locale: str = DEFAULT_LOCALE) -> str:
    """'December 6, 2026' (en_US), '6 de diciembre de 2026' (es)."""
    return format_date(_day(day), "long", locale=_locale(locale))


def short_date(day: date, locale: str = DEFAULT_LOCALE) -> str:
    """'Dec 6, 2026': CLDR's medium date, since the all-digit short form (12/6/26) reads
    differently on each side of the Atlantic."""
    return format_date(_day(day), "medium", locale=_locale(locale))


def month_day(day: date, locale: str = DEFAULT_LOCALE) -> str:
    """'Dec 6' (en_US), '6 dic' (es): a day of this year, for chart labels."""
    return format_skeleton("MMMd", _day(day), locale=_locale(locale))


def full_date(day: date, locale: str = DEFAULT_LOCALE) -> str:
    """'Sunday, December 6, 2026': a long date with its weekday, for appointments."""
    return format_date(_day(day), "full", locale=_locale(locale))


def zone_label(name: str, locale: str = DEFAULT_LOCALE) -> str:
    """'Eastern Time (New York)', 'hora oriental (Nueva York)': a zone as people name it."""
    where = _locale(locale)
    known = zone(name)
    long_name = get_timezone_name(known, "long", locale=where)
    city = get_timezone_location(known, locale=where, return_city=True)
    return long_name if city in long_name else f"{long_name} ({city})"


def zone_abbreviation(moment_: datetime, where: Zone = None, locale: str = DEFAULT_LOCALE) -> str:
    """'EST', 'EDT', 'HST', 'ChST', or 'GMT+10:00' where no abbreviation is in use."""
    at = local(moment_, where)
    named = format_datetime(at, "z", tzinfo=at.tzinfo, locale=_locale(locale))
    if named[:1].isalpha():
        return named
    # CLDR lacks abbreviations for zones such as Guam's or Samoa's; the tz database has the
    # ones their residents use (ChST, SST); an offset is the last resort.
    short = at.tzname() or ""
    if short.isalpha():
        return short
    return format_datetime(at, "ZZZZ", tzinfo=at.tzinfo, locale=_locale(locale))


def time_of_day(moment_: datetime, where: Zone = None, locale: str = DEFAULT_LOCALE) -> str:
    """'3:17 PM EST': the time in `where`, with the zone's abbreviation."""
    at = local(moment_, where)
    clock = _plain(format_time(at, "short", tzinfo=at.tzinfo, locale=_locale(locale)))
    return f"{clock} {zone_abbreviation(at, at.tzinfo, locale)}"


def moment(moment_: datetime, where: Zone = None, locale: str = DEFAULT_LOCALE) -> str:
    """'December 6, 2026, 3:17 PM EST': a moment as a long date and time in `where`."""
    at = local(moment_, where)
    pattern = get_datetime_format("long", locale=_locale(locale))
    day = long_date(at.date(), locale)
    return str(pattern).replace("{1}", day).replace("{0}", time_of_day(at, at.tzinfo, locale))


def money(cents: int, locale: str = DEFAULT_LOCALE) -> str:
    """'$470.00', '$1,225.50'; no fee at all is '$0'."""
    if isinstance(cents, bool) or not isinstance(cents, int):
        # Whole cents only: a float would round money somewhere nobody looks.
        raise TypeError(f"money is whole cents, got {type(cents).__name__}")
    where = _locale(locale)
    if cents == 0:
        # The locale's own currency pattern without its cents: "$0", "0 US$".
        whole = str(where.currency_formats["standard"].pattern).replace(".00", "")
        return format_currency(0, CURRENCY, whole, locale=where, currency_digits=False)
    return format_currency(Decimal(cents).scaleb(-2), CURRENCY, locale=where)


def number(value: int | Decimal | float, locale: str = DEFAULT_LOCALE) -> str:
    """'1,234,567' (en_US), '1.234.567' (es): a count or measure with the locale's separators."""
    if isinstance(value, bool):
        raise TypeError("a yes/no is not a number")
    return format_decimal(value, locale=_locale(locale))
