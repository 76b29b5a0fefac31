"""The catalogue: real sections per form, conditions, section states, plain messages."""

from datetime import date

import pytest

from immportal.domain.cases.forms import FormType
from immportal.domain.catalogue import (
    FORMS,
    SectionState,
    form_for,
    is_complete,
    next_page,
    pages,
    problems,
    section_state,
    summary_rows,
    validate_page,
)

TODAY = date(2027, 3, 1)


def ids(form_type: str, answers: dict[str, dict[str, object]]) -> list[str]:
    """The ids of the pages asked."""
    return [page.id for page in pages(form_type, answers)]


class TestForms:
    """Every form type has its sections, starting with the applicant and contact."""

    def test_every_form_type_is_catalogued(self) -> None:
        """One form per FormType."""
        assert set(FormType) == set(FORMS)

    @pytest.mark.parametrize(
        ("form_type", "sections"),
        [
            ("I-90", ["applicant", "contact", "card", "reason", "processing", "statement"]),
            (
                "I-765",
                ["applicant", "contact", "reason", "eligibility", "immigration", "statement"],
            ),
            (
                "I-130",
                [
                    "applicant",
                    "contact",
                    "relationship",
                    "petitioner_status",
                    "marital",
                    "work",
                    "beneficiary",
                    "other_petitions",
                    "statement",
                ],
            ),
            (
                "N-400",
                [
                    "applicant",
                    "contact",
                    "eligibility",
                    "residence",
                    "marital_history",
                    "children",
                    "employment",
                    "time_outside",
                    "character",
                    "fee",
                    "statement",
                ],
            ),
        ],
    )
    def test_sections(self, form_type: str, sections: list[str]) -> None:
        """The sections in order, each with a title and at least one page."""
        form = form_for(form_type)
        assert sections == [s.id for s in form.sections]
        assert all(s.title for s in form.sections)
        assert {p.section for p in form.pages} == set(sections)

    def test_applicant_questions_are_shared(self) -> None:
        """Every form stores the applicant's names and date of birth in the same place."""
        for form in FORMS.values():
            names = {q.name for p in form.pages if p.section == "applicant" for q in p.questions}
            assert {"given_name", "family_name", "date_of_birth"} <= names


class TestConditions:
    """Answers show and hide pages."""

    def test_i90_reason(self) -> None:
        """A lost card asks what happened; a new name asks for the name on the card."""
        lost = ids("I-90", {"reason": {"reason": "lost"}})
        renamed = ids("I-90", {"card": {"name_changed": "yes"}})
        assert ("lost_card" in lost, "name_change" in lost) == (True, False)
        assert ("lost_card" in renamed, "name_change" in renamed) == (False, True)

    def test_n400_marriage(self) -> None:
        """Single: no spouse pages; married: spouse and number of marriages."""
        single = ids("N-400", {"marital_history": {"marital_status": "single"}})
        married = ids("N-400", {"marital_history": {"marital_status": "married"}})
        assert not {"spouse", "times_married"} & set(single)
        assert {"spouse", "times_married"} <= set(married)

    def test_i765_category_and_nested_condition(self) -> None:
        """(c)(8) asks about arrests; the details page goes when the category changes."""
        c8 = {"eligibility": {"category": "c8", "ever_arrested": "yes"}}
        c9 = {"eligibility": {"category": "c9", "ever_arrested": "yes"}}
        assert {"arrests", "arrest_details"} <= set(ids("I-765", c8))
        assert {"pending_adjustment"} == {"pending_adjustment", "arrests", "arrest_details"} & set(
            ids("I-765", c9)
        )

    def test_i130_relationship(self) -> None:
        """A spouse petition asks about the shared home; a child petition about the child."""
        assert "lived_together" in ids("I-130", {"relationship": {"relation": "spouse"}})
        assert "child" in ids("I-130", {"relationship": {"relation": "child"}})
        assert "lived_together" not in ids("I-130", {"relationship": {"relation": "child"}})

    def test_n400_trips(self) -> None:
        """One page per trip, up to the number of trips."""
        none = ids("N-400", {"time_outside": {"trip_count": 0}})
        two = ids("N-400", {"time_outside": {"trip_count": 2}})
        assert [] == [page for page in none if page.startswith("trip_")]
        assert ["trip_1", "trip_2"] == [page for page in two if page.startswith("trip_")]

    def test_next_page(self) -> None:
        """Save and continue goes to the next page asked."""
        answers = {"reason": {"reason": "lost"}}
        after = next_page("I-90", answers, after="reason")
        assert after is not None
        assert "lost_card" == after.id


class TestValidation:
    """Pages are checked as typed, with messages a person understands."""

    def test_clean_answers(self) -> None:
        """Dates are stored as YYYY-MM-DD whether typed that way or as MM/DD/YYYY."""
        assert ({"date_of_birth": "1990-03-27"}, {}) == validate_page(
            "N-400", "date_of_birth", {"date_of_birth": "03/27/1990"}, today=TODAY
        )

    @pytest.mark.parametrize(
        ("page", "raw", "expected"),
        [
            ("date_of_birth", {}, {"date_of_birth": "Enter your date of birth"}),
            (
                "date_of_birth",
                {"date_of_birth": "2030-01-01"},
                {"date_of_birth": "Date of birth must be in the past"},
            ),
            (
                "date_of_birth",
                {"date_of_birth": "1990-02-30"},
                {"date_of_birth": "Date of birth must be a real date"},
            ),
            (
                "name",
                {"given_name": "  "},
                {"given_name": "Enter your given name", "family_name": "Enter your family name"},
            ),
            ("reason", {"reason": "bored"}, {"reason": "Select why you need a new card"}),
            (
                "email_phone",
                {"email": "ana", "phone": "555"},
                {
                    "email": "Enter an email address in the correct format, like name@example.com",
                    "phone": "Enter a telephone number, like 202 555 0143 or +44 20 7946 0958",
                },
            ),
        ],
    )
    def test_messages(self, page: str, raw: dict[str, str], expected: dict[str, str]) -> None:
        """One message per field, in the page's order."""
        assert ({}, expected) == validate_page("I-90", page, raw, today=TODAY)

    def test_number_messages(self) -> None:
        """A number that is not one, or out of range, is explained."""
        assert {
            "trip_count": "The number of trips must be a whole number, like 3"
        } == validate_page("N-400", "trips", {"trip_count": "a few"})[1]


class TestProgress:
    """Section states and cross-page rules."""

    def test_section_states(self) -> None:
        """Nothing answered, some answered, everything asked answered."""
        partly = {"applicant": {"given_name": "Ana", "family_name": "Lopez"}}
        done = {
            "applicant": {
                **partly["applicant"],
                "date_of_birth": "1990-03-27",
                "birth_city": "Guadalajara",
                "birth_country": "MX",
                "sex": "female",
                "mother_given_name": "Rosa",
                "father_given_name": "Jorge",
            }
        }
        assert [
            SectionState.NOT_STARTED,
            SectionState.IN_PROGRESS,
            SectionState.COMPLETED,
        ] == [
            section_state("I-90", "applicant", {}, today=TODAY),
            section_state("I-90", "applicant", partly, today=TODAY),
            section_state("I-90", "applicant", done, today=TODAY),
        ]

    def test_condition_makes_a_section_incomplete(self) -> None:
        """Choosing 'lost' adds a page, so the section is in progress until it is answered."""
        answers = {"reason": {"reason": "lost"}}
        assert SectionState.IN_PROGRESS == section_state("I-90", "reason", answers)
        assert not is_complete("I-90", answers)

    def test_i130_who_may_petition(self) -> None:
        """A permanent resident cannot petition for a sibling."""
        answers = {
            "relationship": {"relation": "sibling"},
            "petitioner_status": {"status": "permanent_resident"},
        }
        assert 1 == len(problems("I-130", answers))
        assert [] == problems("I-130", {**answers, "petitioner_status": {"status": "citizen"}})

    def test_summary_rows_show_labels(self) -> None:
        """Check answers shows a choice's words and dates as people write them."""
        answers = {"reason": {"reason": "lost"}, "applicant": {"date_of_birth": "1990-03-27"}}
        shown = {row.question: row.value for row in summary_rows("I-90", answers)}
        assert "My card was lost, stolen or destroyed" == shown["reason"]
        assert "March 27, 1990" == shown["date_of_birth"]

    def test_summary_rows_join_ticked_boxes(self) -> None:
        """A checkboxes answer shows each ticked option's words."""
        answers = {"processing": {"race": "asian,white"}}
        shown = {row.question: row.value for row in summary_rows("I-90", answers)}
        assert "Asian, White" == shown["race"]
