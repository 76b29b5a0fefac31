"""How appointments read on a page: local date and time, address, map, what to bring."""

from dataclasses import dataclass
from datetime import date, datetime
from urllib.parse import urlencode

from immportal import formatting
from immportal.domain.appointments.locations import Location, location_by_name
from immportal.domain.appointments.rules import WHAT_TO_BRING, AppointmentKind
from immportal.web.person_zone import person_locale, person_zone

OPENSTREETMAP = "https://www.openstreetmap.org/search"


@dataclass(frozen=True)
class AppointmentView:
    """One appointment as the applicant reads it."""

    kind: AppointmentKind
    date: str
    time: str
    place: str
    address: tuple[str, ...]
    bring: tuple[str, ...]
    map_url: str | None = None
    """The place on OpenStreetMap, when we know where it is."""


def map_url(location: Location) -> str:
    """The place on OpenStreetMap: a marker at its coordinates, its address searched for."""
    latitude, longitude = f"{location.latitude:.5f}", f"{location.longitude:.5f}"
    query = urlencode(
        {"query": ", ".join(location.address_lines), "mlat": latitude, "mlon": longitude}
    )
    return f"{OPENSTREETMAP}?{query}#map=17/{latitude}/{longitude}"


def day_label(day: date) -> str:
    """'Tuesday, December 1, 2026', as a person says a date, in the page's language."""
    return formatting.full_date(day, person_locale())


def _zone(location: Location | None) -> str:
    # The clocks at the place decide; a place we do not know is shown in the reader's zone.
    return person_zone() if location is None else location.timezone


def local_date(at: datetime, location: Location | None) -> str:
    """'Tuesday, December 1, 2026' in the place's own time zone."""
    return day_label(formatting.local_day(at, _zone(location)))


def local_clock(at: datetime, location: Location | None) -> str:
    """'9:30 AM EST': the time on the clocks at the place."""
    return formatting.time_of_day(at, _zone(location), person_locale())


def appointment_view(kind: AppointmentKind, at: datetime, place: str) -> AppointmentView:
    """An appointment recorded at `at` in the place named `place`."""
    location = location_by_name(place)
    address = location.address_lines if location is not None else ()
    return AppointmentView(
        kind,
        local_date(at, location),
        local_clock(at, location),
        place,
        address,
        WHAT_TO_BRING[kind],
        None if location is None else map_url(location),
    )
