"""Which appointment places are nearest to a mailing address, from its ZIP code.

An approximation, on purpose: the first three digits of a ZIP code name the postal
sectional center that serves it, so the ranges below put an address at the main city
of the sectional centers around the places we run. Anywhere else falls back to the
rough middle of its national ZIP area (the first digit), which is enough to choose
between support centers hundreds of kilometres apart. A full ZIP-code gazetteer
would be more exact and is not needed for that choice.
"""

from __future__ import annotations

import math
from collections.abc import Iterable

from immportal.domain.appointments.locations import Location

Point = tuple[float, float]
"""Latitude and longitude in degrees."""

# (first three digits from, to, latitude, longitude): the metro areas we serve.
_SECTIONAL_CENTERS: tuple[tuple[int, int, float, float], ...] = (
    (10, 27, 42.36, -71.06),  # Massachusetts: Boston and around
    (28, 29, 41.82, -71.41),  # Rhode Island: Providence
    (70, 79, 40.74, -74.17),  # northern New Jersey: Newark
    (80, 89, 40.22, -74.76),  # southern New Jersey: Trenton
    (100, 104, 40.78, -73.97),  # Manhattan and the Bronx
    (105, 109, 41.03, -73.76),  # Westchester and the Hudson Valley
    (110, 116, 40.68, -73.90),  # Queens and Brooklyn
    (117, 119, 40.79, -73.20),  # Long Island
    (320, 329, 28.54, -81.38),  # central and northern Florida: Orlando
    (330, 334, 25.93, -80.20),  # Miami, Fort Lauderdale, West Palm Beach
    (600, 608, 41.88, -87.63),  # Chicago and suburbs
    (609, 629, 40.63, -89.40),  # the rest of Illinois
    (750, 753, 32.78, -96.80),  # Dallas
    (770, 775, 29.76, -95.37),  # Houston
    (780, 782, 29.42, -98.49),  # San Antonio
    (786, 787, 30.27, -97.74),  # Austin
    (900, 918, 34.05, -118.24),  # Los Angeles
    (919, 921, 32.72, -117.16),  # San Diego
    (926, 928, 33.72, -117.83),  # Orange County
    (940, 951, 37.77, -122.42),  # San Francisco Bay Area
)

# The rough middle of each national ZIP area, by first digit.
_ZIP_AREAS: dict[str, Point] = {
    "0": (42.5, -72.0),  # New England, New Jersey, Puerto Rico
    "1": (41.5, -76.0),  # New York, Pennsylvania, Delaware
    "2": (37.5, -78.5),  # Mid-Atlantic and the Carolinas
    "3": (31.0, -84.5),  # the Southeast
    "4": (40.0, -85.0),  # Ohio, Indiana, Michigan, Kentucky
    "5": (44.5, -93.5),  # the upper Midwest
    "6": (39.5, -91.0),  # Illinois, Missouri, Kansas, Nebraska
    "7": (32.0, -95.0),  # Texas, Oklahoma, Arkansas, Louisiana
    "8": (39.5, -108.0),  # the Mountain states
    "9": (37.0, -120.0),  # the Pacific states
}

# The processing offices cases are filed at, for a case without a usable ZIP code.
_OFFICES: dict[str, Point] = {
    "NBC": (38.91, -94.38),  # National Benefits Center, Lee's Summit, Missouri
    "CSC": (33.52, -117.71),  # California Service Center, Laguna Niguel
    "NSC": (40.81, -96.70),  # Nebraska Service Center, Lincoln
    "TSC": (32.78, -96.80),  # Texas Service Center, Dallas
    "VSC": (44.81, -73.08),  # Vermont Service Center, St. Albans
    "NYC": (40.71, -74.01),  # New York City
}
_MIDDLE_OF_THE_COUNTRY: Point = (39.83, -98.58)
EARTH_RADIUS_KM = 6371.0


def zip_point(zip_code: str | None) -> Point | None:
    """Where a US ZIP code (five digits, optionally ZIP+4) roughly is, or None."""
    digits = (zip_code or "").strip()[:5]
    if len(digits) != 5 or not digits.isdigit():
        return None
    prefix = int(digits[:3])
    for low, high, latitude, longitude in _SECTIONAL_CENTERS:
        if low <= prefix <= high:
            return latitude, longitude
    return _ZIP_AREAS[digits[0]]


def office_point(office: str) -> Point:
    """Where a processing office is (the middle of the country for one we do not know)."""
    return _OFFICES.get(office.strip().upper(), _MIDDLE_OF_THE_COUNTRY)


def distance_km(a: Point, b: Point) -> float:
    """The great-circle (haversine) distance between two points."""
    lat1, lon1, lat2, lon2 = map(math.radians, (*a, *b))
    h = (
        math.sin((lat2 - lat1) / 2) ** 2
        + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    )
    return 2 * EARTH_RADIUS_KM * math.asin(math.sqrt(h))


def by_distance(places: Iterable[Location], origin: Point) -> list[Location]:
    """The places, nearest first (ties keep the given order)."""
    return sorted(places, key=lambda p: distance_km(origin, (p.latitude, p.longitude)))
