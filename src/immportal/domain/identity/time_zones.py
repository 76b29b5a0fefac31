"""A person's time zone: the one their mailing address suggests, or the one they chose.

Dates and times are shown in the zone the person lives in. Until they choose one on their
account page, the mailing address decides: a U.S. state or territory by its USPS code, a
foreign country by its main zone. When neither says (no address yet, an APO/FPO address that
does not tell where the person is, an unknown country), the agency's headquarters zone is used,
America/New_York, the zone the agency's own letters and office hours are in.
"""

from collections.abc import Mapping

from babel.core import get_global

from immportal.domain.identifiers.countries import UNITED_STATES, parse_country
from immportal.domain.identifiers.invalid import InvalidIdentifier
from immportal.domain.identifiers.states import parse_state
from immportal.formatting import AGENCY_ZONE

STATE_ZONES: dict[str, str] = {
    # States that span two zones get the zone most of their people live in.
    "AL": "America/Chicago",
    "AK": "America/Anchorage",
    "AZ": "America/Phoenix",
    "AR": "America/Chicago",
    "CA": "America/Los_Angeles",
    "CO": "America/Denver",
    "CT": "America/New_York",
    "DE": "America/New_York",
    "DC": "America/New_York",
    "FL": "America/New_York",
    "GA": "America/New_York",
    "HI": "Pacific/Honolulu",
    "ID": "America/Boise",
    "IL": "America/Chicago",
    "IN": "America/Indiana/Indianapolis",
    "IA": "America/Chicago",
    "KS": "America/Chicago",
    "KY": "America/New_York",
    "LA": "America/Chicago",
    "ME": "America/New_York",
    "MD": "America/New_York",
    "MA": "America/New_York",
    "MI": "America/Detroit",
    "MN": "America/Chicago",
    "MS": "America/Chicago",
    "MO": "America/Chicago",
    "MT": "America/Denver",
    "NE": "America/Chicago",
    "NV": "America/Los_Angeles",
    "NH": "America/New_York",
    "NJ": "America/New_York",
    "NM": "America/Denver",
    "NY": "America/New_York",
    "NC": "America/New_York",
    "ND": "America/Chicago",
    "OH": "America/New_York",
    "OK": "America/Chicago",
    "OR": "America/Los_Angeles",
    "PA": "America/New_York",
    "RI": "America/New_York",
    "SC": "America/New_York",
    "SD": "America/Chicago",
    "TN": "America/Chicago",
    "TX": "America/Chicago",
    "UT": "America/Denver",
    "VT": "America/New_York",
    "VA": "America/New_York",
    "WA": "America/Los_Angeles",
    "WV": "America/New_York",
    "WI": "America/Chicago",
    "WY": "America/Denver",
    "AS": "Pacific/Pago_Pago",
    "GU": "Pacific/Guam",
    "MP": "Pacific/Saipan",
    "PR": "America/Puerto_Rico",
    "VI": "America/St_Thomas",
    "FM": "Pacific/Pohnpei",
    "MH": "Pacific/Majuro",
    "PW": "Pacific/Palau",
}
"""USPS state or territory code to its zone. The Armed Forces codes (AA, AE, AP) are absent:
a military post office says which mail hub serves the person, not where they are."""

MAIN_ZONES: dict[str, str] = {
    # Countries with several zones: the capital's or the most populous region's.
    "AR": "America/Argentina/Buenos_Aires",
    "AU": "Australia/Sydney",
    "BR": "America/Sao_Paulo",
    "CA": "America/Toronto",
    "CD": "Africa/Kinshasa",
    "CL": "America/Santiago",
    "CN": "Asia/Shanghai",
    "CY": "Asia/Nicosia",
    "DE": "Europe/Berlin",
    "EC": "America/Guayaquil",
    "ES": "Europe/Madrid",
    "FM": "Pacific/Pohnpei",
    "GL": "America/Nuuk",
    "ID": "Asia/Jakarta",
    "KI": "Pacific/Tarawa",
    "KZ": "Asia/Almaty",
    "MH": "Pacific/Majuro",
    "MN": "Asia/Ulaanbaatar",
    "MX": "America/Mexico_City",
    "MY": "Asia/Kuala_Lumpur",
    "NZ": "Pacific/Auckland",
    "PF": "Pacific/Tahiti",
    "PG": "Pacific/Port_Moresby",
    "PS": "Asia/Hebron",
    "PT": "Europe/Lisbon",
    "RU": "Europe/Moscow",
    "UA": "Europe/Kyiv",
    "UM": "Pacific/Wake",
    "US": AGENCY_ZONE,
    "UZ": "Asia/Tashkent",
}

US_ZONES: tuple[str, ...] = (
    "America/New_York",
    "America/Chicago",
    "America/Denver",
    "America/Phoenix",
    "America/Los_Angeles",
    "America/Anchorage",
    "Pacific/Honolulu",
    "America/Puerto_Rico",
    "Pacific/Guam",
    "Pacific/Pago_Pago",
)
"""The zones of the states and territories, east to west, as the account page offers them."""

OTHER_ZONES: tuple[str, ...] = (
    "America/Toronto",
    "America/Vancouver",
    "America/Mexico_City",
    "America/Tijuana",
    "America/Havana",
    "America/Santo_Domingo",
    "America/Port-au-Prince",
    "America/Jamaica",
    "America/Guatemala",
    "America/El_Salvador",
    "America/Tegucigalpa",
    "America/Bogota",
    "America/Lima",
    "America/Caracas",
    "America/Sao_Paulo",
    "America/Argentina/Buenos_Aires",
    "Europe/London",
    "Europe/Madrid",
    "Europe/Paris",
    "Europe/Berlin",
    "Europe/Warsaw",
    "Europe/Kyiv",
    "Europe/Moscow",
    "Africa/Lagos",
    "Africa/Cairo",
    "Africa/Addis_Ababa",
    "Africa/Nairobi",
    "Asia/Jerusalem",
    "Asia/Dubai",
    "Asia/Tehran",
    "Asia/Kabul",
    "Asia/Karachi",
    "Asia/Kolkata",
    "Asia/Kathmandu",
    "Asia/Dhaka",
    "Asia/Ho_Chi_Minh",
    "Asia/Shanghai",
    "Asia/Manila",
    "Asia/Seoul",
    "Asia/Tokyo",
    "Australia/Sydney",
)
"""Zones of the countries most applicants write from, for people living abroad."""

CHOOSABLE = frozenset(US_ZONES + OTHER_ZONES)


def country_zone(country: str) -> str | None:
    """The main zone of a country (ISO alpha-2 code), or None for a code nobody zones."""
    code = country.strip().upper()
    if code in MAIN_ZONES:
        return MAIN_ZONES[code]
    zones: list[str] = get_global("territory_zones").get(code, [])
    return zones[0] if len(zones) == 1 else None


def zone_for_address(address: Mapping[str, str] | None) -> str:
    """The zone a mailing address suggests; the agency's zone when it does not say.

    An address without a country is a U.S. one (addresses saved before they had countries).
    """
    if not address:
        return AGENCY_ZONE
    country = _country_code(address.get("country") or UNITED_STATES)
    if country == UNITED_STATES:
        state = (address.get("state") or "").strip()
        try:
            return STATE_ZONES.get(parse_state(state), AGENCY_ZONE)
        except InvalidIdentifier:
            return AGENCY_ZONE
    return (country_zone(country) if country else None) or AGENCY_ZONE


def _country_code(text: str) -> str | None:
    # Addresses keep a code (US), older ones and notices' copies a name (United States).
    try:
        return parse_country(text)
    except InvalidIdentifier:
        return None


def person_zone(chosen: str | None, address: Mapping[str, str] | None) -> str:
    """The zone to show a person's dates in: the one they chose, else their address's."""
    return chosen or zone_for_address(address)
