"""How appointments read on a page: local date and time, address, map, what to bring."""

from dataclasses import dataclass
from datetime import date, datetime
from urllib.parse import urlencode

from immportal.domain.appointments.calendar import local_time
from immportal.domain.appointments.locations import Location, location_by_name
from immportal.domain.appointments.rules import WHAT_TO_BRING, AppointmentKind

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
    """'Tuesday 1 December 2026', as a person says a date."""
    return f"{day:%A} {day.day} {day:%B %Y}"


def local_date(at: datetime, location: Location | None) -> str:
    """'Tuesday 1 December 2026' in the place's own time zone (UTC if unknown)."""
    local = at if location is None else local_time(at, location)
    return f"{local:%A} {local.day} {local:%B %Y}"


def local_clock(at: datetime, location: Location | None) -> str:
    """'9:30 AM EST': the time on the clocks at the place."""
    local = at if location is None else local_time(at, location)
    return f"{local:%-I:%M %p %Z}"


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
