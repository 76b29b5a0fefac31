"""Application Support Centers and field offices: where appointments take place.

The list is data, kept in code so it is versioned and typed; each place says when it
is open, how long one appointment lasts and how many people it sees at once.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import time
from enum import StrEnum


class LocationKind(StrEnum):
    """What a place is for."""

    SUPPORT_CENTER = "support_center"
    """An Application Support Center: fingerprints, photo and signature (biometrics)."""
    FIELD_OFFICE = "field_office"
    """A field office: interviews with an officer."""


@dataclass(frozen=True)
class Location:
    """One place with a calendar of appointment slots."""

    code: str
    name: str
    kind: LocationKind
    street: str
    city: str
    state: str
    zip_code: str
    latitude: float
    longitude: float
    timezone: str
    opens: time
    closes: time
    slot_minutes: int
    capacity: int
    """How many people one slot takes (one per service window or interview room)."""

    @property
    def address_lines(self) -> tuple[str, str]:
        """The street line and the city line, as on an envelope."""
        return self.street, f"{self.city}, {self.state} {self.zip_code}"


_EAST, _CENTRAL, _WEST = "America/New_York", "America/Chicago", "America/Los_Angeles"


def _place(
    kind: LocationKind, code: str, street: str, city_line: str, *where: float | str
) -> Location:
    city, state_zip = city_line.split(", ")
    state, zip_code = state_zip.split(" ")
    latitude, longitude, timezone = float(where[0]), float(where[1]), str(where[2])
    if kind is LocationKind.SUPPORT_CENTER:
        # One person per service window every 15 minutes, four windows.
        name, hours = f"{city} Application Support Center", (time(8), time(16), 15, 4)
    else:
        # Hour-long interviews in two rooms.
        name, hours = f"{city} Field Office", (time(8), time(15), 60, 2)
    return Location(
        code, name, kind, street, city, state, zip_code, latitude, longitude, timezone, *hours
    )


def _asc(code: str, street: str, city_line: str, *where: float | str) -> Location:
    return _place(LocationKind.SUPPORT_CENTER, f"ASC-{code}", street, city_line, *where)


def _fo(code: str, street: str, city_line: str, *where: float | str) -> Location:
    return _place(LocationKind.FIELD_OFFICE, f"FO-{code}", street, city_line, *where)


LOCATIONS: tuple[Location, ...] = (
    _asc("NWK", "970 Broad Street", "Newark, NJ 07102", 40.7357, -74.1724, _EAST),
    _asc("BKN", "1260 Atlantic Avenue", "Brooklyn, NY 11216", 40.6782, -73.9442, _EAST),
    _asc("BOS", "170 Portland Street", "Boston, MA 02114", 42.3643, -71.0605, _EAST),
    _asc("MIA", "7880 Biscayne Boulevard", "Miami, FL 33138", 25.8489, -80.1848, _EAST),
    _asc("CHI", "500 West Madison Street", "Chicago, IL 60661", 41.8821, -87.6403, _CENTRAL),
    _asc("HOU", "8505 Gulf Freeway", "Houston, TX 77017", 29.6855, -95.2653, _CENTRAL),
    _asc("LAX", "3800 Wilshire Boulevard", "Los Angeles, CA 90010", 34.0617, -118.3089, _WEST),
    _asc("SFO", "250 Montgomery Street", "San Francisco, CA 94104", 37.7918, -122.4024, _WEST),
    _fo("NYC", "26 Federal Plaza", "New York, NY 10278", 40.7155, -74.0037, _EAST),
    _fo("CHI", "101 West Congress Parkway", "Chicago, IL 60605", 41.8757, -87.6306, _CENTRAL),
    _fo("HOU", "126 Northpoint Drive", "Houston, TX 77060", 29.9370, -95.4100, _CENTRAL),
    _fo("LAX", "300 North Los Angeles Street", "Los Angeles, CA 90012", 34.0537, -118.2404, _WEST),
)
"""Every place with a calendar; codes and names are unique."""

_BY_CODE = {location.code: location for location in LOCATIONS}
_BY_NAME = {location.name: location for location in LOCATIONS}


def location_by_code(code: str) -> Location | None:
    """The place with this code, or None."""
    return _BY_CODE.get(code)


def location_by_name(name: str) -> Location | None:
    """The place with this name (as appointment events record it), or None."""
    return _BY_NAME.get(name)


def locations_of(kind: LocationKind) -> tuple[Location, ...]:
    """Every place of one kind."""
    return tuple(location for location in LOCATIONS if location.kind is kind)
