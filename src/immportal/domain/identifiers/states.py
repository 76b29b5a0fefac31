"""U.S. states, the District of Columbia, territories and military post offices (USPS codes).

The codes of USPS Publication 28, appendix B: the 50 states, DC, the five inhabited
territories, the three freely associated states the U.S. mail serves, and the Armed
Forces codes used with APO, FPO and DPO addresses.
"""

import re

from immportal.domain.identifiers.invalid import InvalidIdentifier

MESSAGE = "Enter a U.S. state or territory, like MA or Massachusetts"

STATES: dict[str, str] = {
    "AL": "Alabama",
    "AK": "Alaska",
    "AZ": "Arizona",
    "AR": "Arkansas",
    "CA": "California",
    "CO": "Colorado",
    "CT": "Connecticut",
    "DE": "Delaware",
    "DC": "District of Columbia",
    "FL": "Florida",
    "GA": "Georgia",
    "HI": "Hawaii",
    "ID": "Idaho",
    "IL": "Illinois",
    "IN": "Indiana",
    "IA": "Iowa",
    "KS": "Kansas",
    "KY": "Kentucky",
    "LA": "Louisiana",
    "ME": "Maine",
    "MD": "Maryland",
    "MA": "Massachusetts",
    "MI": "Michigan",
    "MN": "Minnesota",
    "MS": "Mississippi",
    "MO": "Missouri",
    "MT": "Montana",
    "NE": "Nebraska",
    "NV": "Nevada",
    "NH": "New Hampshire",
    "NJ": "New Jersey",
    "NM": "New Mexico",
    "NY": "New York",
    "NC": "North Carolina",
    "ND": "North Dakota",
    "OH": "Ohio",
    "OK": "Oklahoma",
    "OR": "Oregon",
    "PA": "Pennsylvania",
    "RI": "Rhode Island",
    "SC": "South Carolina",
    "SD": "South Dakota",
    "TN": "Tennessee",
    "TX": "Texas",
    "UT": "Utah",
    "VT": "Vermont",
    "VA": "Virginia",
    "WA": "Washington",
    "WV": "West Virginia",
    "WI": "Wisconsin",
    "WY": "Wyoming",
    "AS": "American Samoa",
    "GU": "Guam",
    "MP": "Northern Mariana Islands",
    "PR": "Puerto Rico",
    "VI": "U.S. Virgin Islands",
    "FM": "Federated States of Micronesia",
    "MH": "Marshall Islands",
    "PW": "Palau",
    "AA": "Armed Forces Americas (AA)",
    "AE": "Armed Forces Europe, Middle East, Africa and Canada (AE)",
    "AP": "Armed Forces Pacific (AP)",
}
"""USPS code to name, in the order a list of states shows them."""

_BY_NAME = {name.casefold(): code for code, name in STATES.items()}
_SPACES = re.compile(r"\s+")


def parse_state(text: str) -> str:
    """The USPS code of a state typed as its code or its name (ma, Massachusetts: MA)."""
    cleaned = _SPACES.sub(" ", text.strip())
    if cleaned.upper() in STATES:
        return cleaned.upper()
    code = _BY_NAME.get(cleaned.casefold())
    if code is None:
        raise InvalidIdentifier(MESSAGE)
    return code
