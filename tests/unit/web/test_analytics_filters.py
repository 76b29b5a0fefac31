"""The dashboards' query string (immportal.web.analytics.filters): a filter, or plain messages."""

from datetime import date, timedelta
from urllib.parse import parse_qsl

import pytest
from multidict import MultiDict

from immportal.domain.cases.forms import FormType
from immportal.services.analytics.dashboard import DashboardFilter
from immportal.web.analytics.filters import parse_filter, query_of

TODAY = date(2026, 6, 10)  # a Wednesday
OFFICES = ["CSC", "NBC"]


def parse(**values: str) -> tuple[DashboardFilter | None, dict[str, str]]:
    """The filter and the messages for a query string."""
    form = parse_filter(MultiDict(values), offices=OFFICES, today=TODAY)
    return form.chosen, form.errors


class TestGoodFilters:
    """Right choices become a filter over whole weeks."""

    def test_defaults(self) -> None:
        """Nothing chosen: every form and office, the twelve weeks to this one, lines by form."""
        chosen, errors = parse()

        assert {} == errors
        assert DashboardFilter(date(2026, 3, 23), date(2026, 6, 8)) == chosen

    def test_every_choice(self) -> None:
        """Form, office, grouping and dates widen to the Monday and Sunday around them."""
        chosen, _ = parse(
            form="I-765", office="NBC", by="office", **{"from": "2026-02-04"}, to="2026-03-04"
        )

        assert (
            DashboardFilter(date(2026, 2, 2), date(2026, 3, 2), FormType.I765, "NBC", "office")
            == chosen
        )
        assert chosen is not None
        assert date(2026, 3, 8) == chosen.last_day
        assert 5 == len(chosen.weeks)

    def test_query_reproduces_the_filter(self) -> None:
        """The query string of a filter (for downloads and sharing) parses back to it."""
        chosen, _ = parse(form="N-400", office="CSC", by="office", **{"from": "2025-07-01"})
        assert chosen is not None

        again, errors = parse(**dict(parse_qsl(query_of(chosen))))

        assert ({}, chosen) == (errors, again)


class TestRefusals:
    """A wrong choice is named plainly, and no filter is made."""

    @pytest.mark.parametrize(
        ("values", "field", "message"),
        [
            ({"form": "I-131"}, "form", "Choose a form from the list"),
            ({"office": "nbc"}, "office", "Choose an office from the list"),
            ({"by": "status"}, "by", "Choose to show the backlog by form or by office"),
            (
                {"from": "2026-02-30"},
                "from",
                "Enter the date as year, month and day, like 2026-03-01",
            ),
            ({"to": "10/06/2026"}, "to", "Enter the date as year, month and day, like 2026-03-01"),
            ({"to": "2026-06-11"}, "to", "The end date must be today or earlier"),
            (
                {"from": "2026-06-01", "to": "2026-05-31"},
                "from",
                "The start date must be on or before the end date",
            ),
            ({"from": "2024-06-02"}, "from", "Choose a range of 104 weeks or fewer"),
            ({"from": "0001-01-01"}, "from", "Enter a date on or after 2000-01-01"),
        ],
    )
    def test_refused(self, values: dict[str, str], field: str, message: str) -> None:
        """The message is keyed by the field, so the summary links to it."""
        chosen, errors = parse(**values)

        assert (None, {field: message}) == (chosen, errors)

    def test_longest_range_allowed(self) -> None:
        """Exactly 104 weeks is allowed; the range is counted in whole weeks."""
        first = TODAY - timedelta(weeks=103)

        chosen, errors = parse(**{"from": first.isoformat()})

        assert {} == errors
        assert chosen is not None
        assert 104 == len(chosen.weeks)

    def test_several_problems_in_field_order(self) -> None:
        """Every wrong choice is reported, in the order of the form."""
        _, errors = parse(to="soon", office="X", form="Y")

        assert ["form", "office", "to"] == list(errors)
