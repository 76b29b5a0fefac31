"""Rules across pages that stop an application, per form, as a table."""

from datetime import date, timedelta
from typing import Any

import pytest

from immportal.domain.catalogue import problems
from immportal.domain.catalogue.model import today

Answers = dict[str, dict[str, Any]]
SOON = (today() + timedelta(days=30)).isoformat()
LATER = (today() + timedelta(days=400)).isoformat()
RECENT = (today() - timedelta(days=40)).isoformat()
LONG_AGO = (today() - timedelta(days=400)).isoformat()


def born_years_ago(years: int, days: int = 0) -> str:
    """A date of birth that many years (and days) before today."""
    now = today()
    return (date(now.year - years, now.month, min(now.day, 28)) - timedelta(days=days)).isoformat()


MAILING = "Your mailing address must be in the United States for this application"
CONDITIONAL = (
    "A conditional resident can use this form only for a card that was lost, never "
    "received, damaged, has a USCIS mistake or shows an old name"
)
EXPIRING = (
    "Your 2-year card expires within 90 days or has expired: file Form I-751 (or "
    "Form I-829 for investors) to remove the conditions, instead of this form"
)
FOURTEEN = (
    "Turning 14 is a reason only within 30 days after your 14th birthday; "
    "choose 'an older version of the card, or another reason' instead"
)
MARRIED_CHILD = (
    "A permanent resident cannot file for a married son or daughter. Only U.S. citizens can."
)
TOO_YOUNG = "You must be at least 18 years old to apply for naturalization on this form"


def asylum(filed_on: str, reason: str = "initial") -> Answers:
    """An I-765 under (c)(8) with its asylum application's date."""
    return {
        "reason": {"reason": reason},
        "eligibility": {"category": "c8", "i589_filed_on": filed_on},
    }


# (form, answers, the problems found)
RULES: list[tuple[str, Answers, list[str]]] = [
    ("I-765", {"contact": {"country": "MX"}}, [MAILING]),
    ("I-765", {"contact": {"country": "US"}}, []),
    ("I-765", asylum(LONG_AGO), []),
    ("I-765", asylum(RECENT, reason="renewal"), []),
    ("I-765", asylum("1994-12-01"), []),
    (
        "I-90",
        {"card": {"status": "conditional_resident"}, "reason": {"reason": "expiring"}},
        [CONDITIONAL],
    ),
    ("I-90", {"card": {"status": "conditional_resident"}, "reason": {"reason": "lost"}}, []),
    ("I-90", {"card": {"status": "permanent_resident"}, "reason": {"reason": "expiring"}}, []),
    (
        "I-90",
        {
            "card": {"status": "conditional_resident", "card_expires_on": SOON},
            "reason": {"reason": "lost"},
        },
        [EXPIRING],
    ),
    (
        "I-90",
        {
            "card": {"status": "conditional_resident", "card_expires_on": LATER},
            "reason": {"reason": "lost"},
        },
        [],
    ),
    (
        "I-90",
        {
            "applicant": {"date_of_birth": born_years_ago(14, days=10)},
            "reason": {"reason": "turned_14"},
        },
        [],
    ),
    (
        "I-90",
        {
            "applicant": {"date_of_birth": born_years_ago(14, days=60)},
            "reason": {"reason": "turned_14"},
        },
        [FOURTEEN],
    ),
    (
        "I-130",
        {
            "petitioner_status": {"status": "permanent_resident"},
            "relationship": {"relation": "child"},
            "beneficiary": {"marital_status": "married"},
        },
        [MARRIED_CHILD],
    ),
    (
        "I-130",
        {
            "petitioner_status": {"status": "citizen"},
            "relationship": {"relation": "child"},
            "beneficiary": {"marital_status": "married"},
        },
        [],
    ),
    (
        "I-130",
        {
            "petitioner_status": {"status": "permanent_resident"},
            "relationship": {"relation": "child"},
            "beneficiary": {"marital_status": "single"},
        },
        [],
    ),
    ("N-400", {"applicant": {"date_of_birth": born_years_ago(17)}}, [TOO_YOUNG]),
    ("N-400", {"applicant": {"date_of_birth": born_years_ago(18, days=1)}}, []),
    (
        "N-400",
        {"time_outside": {"trip_1_left_on": "2023-05-01", "trip_1_returned_on": "2023-04-01"}},
        ["On trip 1, the date you came back must be after the date you left"],
    ),
    (
        "N-400",
        {"employment": {"job_2_started_on": "2020-05-01", "job_2_ended_on": "2019-04-01"}},
        ["Job 2 must end after it started"],
    ),
    (
        "I-130",
        {
            "contact": {
                "former_address_1_lived_from": "2020-05-01",
                "former_address_1_lived_to": "2019-04-01",
            }
        },
        ["You must have moved out of address 1 after you moved in"],
    ),
    (
        "I-90",
        {"applicant": {"date_of_birth": "1990-03-27"}, "card": {"admitted_on": "1989-01-01"}},
        ["The date you became a permanent resident must be after your date of birth"],
    ),
]


class TestRules:
    """Each rule stops the application when its answers conflict, and only then."""

    @pytest.mark.parametrize(
        ("form_type", "answers", "found"),
        RULES,
        ids=[f"{row[0]}-{index}" for index, row in enumerate(RULES)],
    )
    def test_rule(self, form_type: str, answers: Answers, found: list[str]) -> None:
        """The problems are exactly the expected ones."""
        assert found == problems(form_type, answers)

    def test_asylum_wait(self) -> None:
        """A first (c)(8) permit waits 150 days from the asylum application, and says when."""
        filed = today() - timedelta(days=100)
        earliest = filed + timedelta(days=150)
        expected = (
            "You can ask for your first work permit 150 days after you filed your asylum "
            f"application: from {earliest:%B} {earliest.day}, {earliest.year}."
        )
        assert [expected] == problems("I-765", asylum(filed.isoformat()))
