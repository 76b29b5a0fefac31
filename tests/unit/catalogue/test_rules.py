"""Rules across pages in immportal.domain.catalogue.rules, as the forms use them."""

import pytest

from immportal.domain.catalogue import problems
from immportal.domain.catalogue.rules import dates_in_order

ARRIVAL_MESSAGE = "The date you last arrived in the United States must be after your date of birth"


def i765(born: object, arrived: object) -> dict[str, dict[str, object]]:
    """An I-765's date of birth and last arrival."""
    return {"applicant": {"date_of_birth": born}, "immigration": {"last_arrival_on": arrived}}


class TestDatesInOrder:
    """The later date may not come before the earlier one, once both are answered."""

    @pytest.mark.parametrize(
        ("born", "arrived", "found"),
        [
            ("1990-03-27", "2020-01-15", []),
            ("1990-03-27", "1990-03-27", []),
            ("1990-03-27", "1989-12-31", [ARRIVAL_MESSAGE]),
            ("1990-03-27", None, []),
            (None, "1989-12-31", []),
            ("not a date", "1989-12-31", []),
        ],
    )
    def test_i765_arrival_after_birth(
        self, born: object, arrived: object, found: list[str]
    ) -> None:
        """The I-765 stops at check answers when the arrival is before the birth."""
        assert found == problems("I-765", i765(born, arrived))

    def test_i130_relative(self) -> None:
        """The I-130 checks the relative's own dates, in the relative's section."""
        answers = {"beneficiary": {"date_of_birth": "2001-05-01", "arrived_on": "2000-01-01"}}
        assert ["The date your relative last arrived must be after their date of birth"] == (
            problems("I-130", answers)
        )

    def test_rule_alone(self) -> None:
        """A rule names the two answers by section and question."""
        rule = dates_in_order(("a", "x"), ("b", "y"), "Y comes after X")
        assert ("Y comes after X", None) == (
            rule({"a": {"x": "2000-01-02"}, "b": {"y": "2000-01-01"}}),
            rule({"a": {"x": "2000-01-01"}, "b": {"y": "2000-01-02"}}),
        )
