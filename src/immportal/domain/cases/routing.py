"""Where a new filing goes: an office that works its form for the applicant's area and has staff.

The service-center model: each form is worked at a few offices, each for some areas of
the country, named here by the first digit of the ZIP code (the national ZIP areas) plus
one area for addresses outside the United States. Among the offices that work the form
for the area, only those with people to work it are chosen (an officer to decide, a
supervisor to review denials), and of those the one with the fewest open cases per
officer. When no such office has staff, the filing still reaches a person: first an
office working the form for any area, then any staffed office at all.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from immportal.domain.cases.forms import FormType
from immportal.domain.cases.offices import office_label

OUTSIDE = "outside"
"""The area of an address outside the United States (or a filing with no U.S. ZIP code yet)."""
AREAS: dict[str, str] = {
    "0": "New England, New Jersey and Puerto Rico (ZIP codes starting 0)",
    "1": "New York, Pennsylvania and Delaware (ZIP codes starting 1)",
    "2": "Washington D.C., Maryland, Virginia, West Virginia and the Carolinas (starting 2)",
    "3": "Florida, Georgia, Alabama, Tennessee and Mississippi (ZIP codes starting 3)",
    "4": "Ohio, Indiana, Michigan and Kentucky (ZIP codes starting 4)",
    "5": "Iowa, Wisconsin, Minnesota, the Dakotas and Montana (ZIP codes starting 5)",
    "6": "Illinois, Missouri, Kansas and Nebraska (ZIP codes starting 6)",
    "7": "Texas, Oklahoma, Arkansas and Louisiana (ZIP codes starting 7)",
    "8": "The Mountain states, Arizona and Nevada (ZIP codes starting 8)",
    "9": "California, Oregon, Washington, Alaska and Hawaii (ZIP codes starting 9)",
    OUTSIDE: "An address outside the United States",
}
"""Every area a filing can come from, with how people would describe it."""
_ALL = frozenset(AREAS)
_EAST, _SOUTH, _WEST = frozenset("012"), frozenset("37"), frozenset("89")

SERVICE_CENTERS: dict[FormType, tuple[tuple[str, frozenset[str]], ...]] = {
    # Card replacements: the National Benefits Center and Potomac, for everyone.
    FormType.I90: (("NBC", _ALL), ("PSC", _ALL)),
    # Work permits: split by region between the five service centers.
    FormType.I765: (
        ("VSC", _EAST),
        ("PSC", frozenset({"1", "2", "3", "4", OUTSIDE})),
        ("TSC", _SOUTH),
        ("NSC", frozenset("4568")),
        ("CSC", _WEST),
    ),
    # Family petitions: by region; petitioners abroad file with Potomac.
    FormType.I130: (
        ("VSC", _EAST),
        ("TSC", _SOUTH),
        ("NSC", frozenset("456")),
        ("CSC", _WEST),
        ("PSC", frozenset({"2", "3", OUTSIDE})),
    ),
    # Naturalization: the National Benefits Center, and New York's field office for its area.
    FormType.N400: (("NYC", frozenset("01")), ("NBC", _ALL)),
}
"""Which offices work each form, and for which areas; earlier rows win ties."""


class Reach(StrEnum):
    """How far routing had to look for an office with people to work the case."""

    AREA = "area"
    """An office that works the form for the applicant's area."""
    FORM = "form"
    """An office that works the form, for another area (none for this area has staff)."""
    ANY = "any"
    """Any office with staff (no office working the form has any)."""
    NOBODY = "nobody"
    """No office has staff at all: the form's first office for the area, to wait there."""


@dataclass(frozen=True)
class Staffing:
    """Who works at an office and how much it holds."""

    officers: int = 0
    supervisors: int = 0
    open_cases: int = 0

    @property
    def staffed(self) -> bool:
        """Whether a case there can be worked to any decision (a denial needs a supervisor)."""
        return self.officers > 0 and self.supervisors > 0

    @property
    def load(self) -> float:
        """Open cases per officer."""
        return self.open_cases / max(self.officers, 1)


@dataclass(frozen=True)
class Routing:
    """The office chosen for a filing, and why."""

    office: str
    reach: Reach
    reason: str


def area_of(zip_code: str | None, country: str | None = None) -> str:
    """The area of a mailing address: the ZIP code's first digit, or OUTSIDE."""
    digits = (zip_code or "").strip()[:5]
    abroad = country is not None and country.strip().upper() not in ("", "US", "USA")
    if abroad or len(digits) != 5 or not digits.isdigit():
        return OUTSIDE
    return digits[0]


def filing_area(answers: Mapping[str, Any], address: Mapping[str, str] | None) -> str:
    """The area of a case's latest mailing address (a recorded change, else the form's answer)."""
    if address and address.get("postal_code"):
        return area_of(address.get("postal_code"), address.get("country"))
    contact = answers.get("contact", {})
    postal, country = contact.get("postal_code"), contact.get("country")
    return area_of(
        postal if isinstance(postal, str) else None,
        country if isinstance(country, str) else None,
    )


def offices_for(form: FormType, area: str) -> list[str]:
    """The offices that work the form for the area, in the table's order."""
    return [code for code, areas in SERVICE_CENTERS[FormType(form)] if area in areas]


def choose_office(form: FormType, area: str, staffing: Mapping[str, Staffing]) -> Routing:
    """The office a new filing goes to (see the module's docstring for the order)."""
    form = FormType(form)
    local = offices_for(form, area)
    working = [code for code, _ in SERVICE_CENTERS[form]]
    everyone = [*working, *sorted(code for code in staffing if code not in working)]
    for reach, candidates in ((Reach.AREA, local), (Reach.FORM, working), (Reach.ANY, everyone)):
        staffed = [code for code in candidates if staffing.get(code, Staffing()).staffed]
        if staffed:
            office = min(staffed, key=lambda code: (staffing[code].load, candidates.index(code)))
            return Routing(office, reach, _reason(form, area, office, reach, staffing[office]))
    office = local[0] if local else working[0]
    return Routing(office, Reach.NOBODY, _reason(form, area, office, Reach.NOBODY, Staffing()))


def _reason(form: FormType, area: str, office: str, reach: Reach, staff: Staffing) -> str:
    where = "addresses outside the United States" if area == OUTSIDE else f"ZIP area {area}"
    name = office_label(office)
    load = f"{staff.open_cases} open cases for {staff.officers} officers"
    return {
        Reach.AREA: f"{name} works {form.value} filings from {where} ({load}).",
        Reach.FORM: f"{name} works {form.value} filings; none of the offices for {where}"
        f" has staff ({load}).",
        Reach.ANY: f"No office working {form.value} filings has staff; {name} has ({load}).",
        Reach.NOBODY: f"No office has staff yet; the filing waits at {name}.",
    }[reach]
