"""Memorable dates in immportal.domain.catalogue.dates: three boxes, one message."""

from datetime import date

import pytest

from immportal.domain.catalogue import validate_page
from immportal.domain.catalogue.dates import check_date, joined, split, wrong_parts

TODAY = date(2027, 3, 1)


def boxes(month: str, day: str, year: str) -> dict[str, str]:
    """The date of birth page's three boxes as posted."""
    return {
        "date_of_birth-month": month,
        "date_of_birth-day": day,
        "date_of_birth-year": year,
    }


class TestBoxes:
    """The boxes are joined as M/D/YYYY; a date in one box is read the same way."""

    def test_joined(self) -> None:
        """All three posted; none posted; all posted empty."""
        assert ("3/27/1990", None, "") == (
            joined("date_of_birth", boxes("3", " 27 ", "1990")),
            joined("date_of_birth", {"date_of_birth": "1990-03-27"}),
            joined("date_of_birth", boxes("", "", "")),
        )

    @pytest.mark.parametrize(
        ("text", "parts"),
        [
            ("1990-03-27", ("3", "27", "1990")),
            ("3/27/1990", ("3", "27", "1990")),
            ("03/07/1990", ("03", "07", "1990")),
            ("3//", ("3", "", "")),
            ("27 March 1990", None),
            ("1/2/3/4", None),
        ],
    )
    def test_split(self, text: str, parts: tuple[str, str, str] | None) -> None:
        """Saved ISO dates and typed ones come apart into the three boxes."""
        assert parts == split(text)


class TestRealDates:
    """Real calendar dates are stored as ISO strings, from boxes or one text."""

    @pytest.mark.parametrize(
        ("raw", "stored"),
        [
            (boxes("3", "27", "1990"), "1990-03-27"),
            (boxes("03", "07", "1990"), "1990-03-07"),
            (boxes("2", "29", "2000"), "2000-02-29"),
            (boxes("12", "31", "1900"), "1900-12-31"),
            ({"date_of_birth": "1990-03-27"}, "1990-03-27"),
            ({"date_of_birth": "3/27/1990"}, "1990-03-27"),
        ],
    )
    def test_stored(self, raw: dict[str, str], stored: str) -> None:
        """Leap days in leap years, leading zeros or not, the API's ISO text."""
        assert ({"date_of_birth": stored}, {}) == validate_page(
            "I-765", "date_of_birth", raw, today=TODAY
        )

    def test_boxes_win_over_one_text(self) -> None:
        """When the boxes are posted, they are what was typed."""
        raw = {**boxes("1", "2", "1980"), "date_of_birth": "1990-03-27"}
        assert {"date_of_birth": "1980-01-02"} == validate_page(
            "I-765", "date_of_birth", raw, today=TODAY
        )[0]


class TestRefused:
    """One message for the group, saying what is wrong."""

    @pytest.mark.parametrize(
        ("raw", "message"),
        [
            (boxes("", "", ""), "Enter your date of birth"),
            (boxes("2", "", ""), "Date of birth must include a day and year"),
            (boxes("", "27", "1990"), "Date of birth must include a month"),
            (boxes("3", "27", ""), "Date of birth must include a year"),
            (boxes("2", "29", "1993"), "Date of birth must be a real date"),
            (boxes("2", "30", "2000"), "Date of birth must be a real date"),
            (boxes("13", "1", "1990"), "Date of birth must be a real date"),
            (boxes("x", "1", "1990"), "Date of birth must be a real date"),
            (boxes("3", "27", "90"), "Date of birth must include a year of 4 numbers, like 1990"),
            (boxes("3", "27", "1899"), "Date of birth must be in 1900 or later"),
            (boxes("3", "1", "2027"), "Date of birth must be in the past"),
            (boxes("1", "1", "2999"), "Date of birth must be in the past"),
            ({"date_of_birth": "1990-02-30"}, "Date of birth must be a real date"),
            ({"date_of_birth": "27 March 1990"}, "Date of birth must be a real date"),
        ],
    )
    def test_message(self, raw: dict[str, str], message: str) -> None:
        """Empty parts, impossible days, short years, out of range, in the future."""
        assert ({}, {"date_of_birth": message}) == validate_page(
            "I-765", "date_of_birth", raw, today=TODAY
        )

    def test_future_and_far_future(self) -> None:
        """A future date must be after today and within 100 years."""
        noun = "The expiry date"
        assert date(2030, 1, 1) == check_date("1/1/2030", noun=noun, when="future", today=TODAY)
        with pytest.raises(ValueError, match="The expiry date must be in the future"):
            check_date("3/1/2027", noun=noun, when="future", today=TODAY)
        with pytest.raises(ValueError, match="The expiry date must be in 2127 or earlier"):
            check_date("1/1/2128", noun=noun, when=None, today=TODAY)


class TestWrongParts:
    """The boxes marked on error: those at fault, else all three."""

    @pytest.mark.parametrize(
        ("text", "wrong"),
        [
            ("3//1990", ("day",)),
            ("/27/", ("month", "year")),
            ("3/27/90", ("year",)),
            ("2/30/2000", ("month", "day", "year")),
            ("rubbish", ("month", "day", "year")),
        ],
    )
    def test_wrong_parts(self, text: str, wrong: tuple[str, ...]) -> None:
        """Empty or non-numeric boxes alone; an impossible date as a whole."""
        assert wrong == wrong_parts(text)
