"""Routing new filings: every form and area reaches an office with staff, load balanced."""

import itertools

import pytest

from immportal.domain.cases.forms import FormType
from immportal.domain.cases.offices import OFFICES, office_by_code, office_label
from immportal.domain.cases.routing import (
    AREAS,
    OUTSIDE,
    SERVICE_CENTERS,
    Reach,
    Staffing,
    area_of,
    choose_office,
    filing_area,
    offices_for,
)

PAIRS = list(itertools.product(FormType, sorted(AREAS)))
CODES = [office.code for office in OFFICES]


def staffed(open_cases: int = 0, officers: int = 1) -> Staffing:
    """An office with officers and a supervisor holding some open cases."""
    return Staffing(officers=officers, supervisors=1, open_cases=open_cases)


class TestServiceCenterTable:
    """The table itself: every form is worked for every area, at offices we know."""

    @pytest.mark.parametrize(("form", "area"), PAIRS, ids=[f"{f}-{a}" for f, a in PAIRS])
    def test_every_form_and_area_has_an_office(self, form: FormType, area: str) -> None:
        """At least one office works each form for each area."""
        assert offices_for(form, area)

    def test_every_office_in_the_table_is_in_the_directory(self) -> None:
        """Each office code of the table names a known office."""
        named = {code for rows in SERVICE_CENTERS.values() for code, _ in rows}
        assert named <= set(CODES)

    def test_areas_in_the_table_are_real_areas(self) -> None:
        """No row names an area that does not exist."""
        used = {area for rows in SERVICE_CENTERS.values() for _, areas in rows for area in areas}
        assert used <= set(AREAS)


class TestEveryPairReachesStaff:
    """Whatever the staffing, a filing goes to an office that has people, if any office has."""

    @pytest.mark.parametrize(("form", "area"), PAIRS, ids=[f"{f}-{a}" for f, a in PAIRS])
    @pytest.mark.parametrize("only", CODES)
    def test_one_staffed_office_takes_everything(
        self, form: FormType, area: str, only: str
    ) -> None:
        """With staff at one office only, every filing goes there."""
        routing = choose_office(form, area, {only: staffed()})
        assert only == routing.office
        assert routing.reach is not Reach.NOBODY

    @pytest.mark.parametrize(("form", "area"), PAIRS, ids=[f"{f}-{a}" for f, a in PAIRS])
    def test_fully_staffed_routes_within_the_area(self, form: FormType, area: str) -> None:
        """With staff everywhere, the office works the form for the area."""
        routing = choose_office(form, area, {code: staffed() for code in CODES})
        assert Reach.AREA is routing.reach
        assert routing.office in offices_for(form, area)


class TestChoice:
    """Which staffed office wins, and what happens without anyone."""

    def test_fewest_open_cases_per_officer_wins(self) -> None:
        """Two offices work I-765 for area 2: the less loaded one per officer is chosen."""
        staffing = {"VSC": staffed(open_cases=30, officers=2), "PSC": staffed(open_cases=20)}
        assert "VSC" == choose_office(FormType.I765, "2", staffing).office

    def test_ties_go_to_the_earlier_row(self) -> None:
        """Equal loads keep the table's order."""
        staffing = {"VSC": staffed(5), "PSC": staffed(5)}
        assert "VSC" == choose_office(FormType.I765, "1", staffing).office

    def test_an_office_without_a_supervisor_is_not_staffed(self) -> None:
        """An officer alone cannot see a denial through, so the next office is chosen."""
        staffing = {"VSC": Staffing(officers=3, supervisors=0), "PSC": staffed(50)}
        assert "PSC" == choose_office(FormType.I765, "1", staffing).office

    def test_another_area_before_another_form(self) -> None:
        """No staff for the area: an office working the form elsewhere comes first."""
        staffing = {"CSC": staffed(100), "NBC": staffed(0)}
        routing = choose_office(FormType.I765, "0", staffing)
        assert ("CSC", Reach.FORM) == (routing.office, routing.reach)

    def test_any_staffed_office_when_the_form_has_none(self) -> None:
        """No office working N-400 has staff: a staffed office of another form takes it."""
        routing = choose_office(FormType.N400, "9", {"TSC": staffed()})
        assert ("TSC", Reach.ANY) == (routing.office, routing.reach)

    def test_nobody_anywhere_waits_at_the_area_office(self) -> None:
        """With no staff at all, the form's first office for the area holds it."""
        routing = choose_office(FormType.I130, "9", {})
        assert ("CSC", Reach.NOBODY) == (routing.office, routing.reach)

    def test_the_reason_names_the_office_and_the_load(self) -> None:
        """The recorded reason says which office, for which area, and how loaded it is."""
        routing = choose_office(FormType.I765, "9", {"CSC": staffed(4, officers=2)})
        assert (
            "California Service Center (CSC) works I-765 filings from ZIP area 9"
            " (4 open cases for 2 officers)." == routing.reason
        )


class TestAreas:
    """Where an address is, by its ZIP code."""

    @pytest.mark.parametrize(
        ("zip_code", "country", "area"),
        [
            ("02139", None, "0"),
            ("20500-0003", "US", "2"),
            ("94105", "USA", "9"),
            ("SW1A 1AA", "GB", OUTSIDE),
            ("10001", "MX", OUTSIDE),
            ("", None, OUTSIDE),
            (None, None, OUTSIDE),
            ("123", None, OUTSIDE),
        ],
    )
    def test_area_of(self, zip_code: str | None, country: str | None, area: str) -> None:
        """The first digit of a U.S. ZIP code; anything else is outside."""
        assert area == area_of(zip_code, country)

    def test_a_recorded_address_change_wins_over_the_form(self) -> None:
        """The latest mailing address decides the area."""
        answers = {"contact": {"postal_code": "02139", "country": "US"}}
        assert "7" == filing_area(answers, {"postal_code": "77002"})
        assert "0" == filing_area(answers, None)


class TestOfficeNames:
    """Pages name offices in words."""

    def test_label(self) -> None:
        """Name and code; unknown codes are shown as given."""
        assert "Texas Service Center (TSC)" == office_label("tsc")
        assert "MSC" == office_label("MSC")
        assert office_by_code("NYC") is not None
