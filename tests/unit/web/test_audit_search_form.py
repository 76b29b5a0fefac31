"""The audit search's query string: filters read, or explained when wrong."""

from datetime import UTC, datetime
from uuid import uuid4

from multidict import MultiDict

from immportal.services.audit.search import event_types
from immportal.web.audit.search_form import parse_search


class TestParse:
    """Good filters become a search; bad ones become messages."""

    def test_empty_query_matches_everything(self) -> None:
        """No filters: no criteria, from the start of the log."""
        form = parse_search(MultiDict())
        assert ({}, 0, None, None) == (
            form.errors,
            form.after,
            form.search.actor_id,
            form.search.role,
        )

    def test_every_filter(self) -> None:
        """Each filter lands in the search; a date 'to' covers the whole day."""
        case_id = uuid4()
        form = parse_search(
            MultiDict(
                actor=" officer-1 ",
                role="officer",
                type="Case.Submitted",
                case=str(case_id),
                **{"from": "2026-03-01T10:00", "to": "2026-03-02"},
                after="40",
            )
        )
        criteria = form.search.criteria
        assert {} == form.errors
        assert ("officer-1", "officer", 40) == (form.search.actor_id, form.search.role, form.after)
        assert (case_id, (event_types()["Case.Submitted"],)) == (
            criteria.aggregate_id,
            criteria.topics,
        )
        assert datetime(2026, 3, 1, 10, tzinfo=UTC) == criteria.since
        assert datetime(2026, 3, 2, 23, 59, 59, 999999, tzinfo=UTC) == criteria.until

    def test_bad_filters_are_each_explained(self) -> None:
        """Malformed id, dates, role, type and page link each get a message, and no search."""
        form = parse_search(
            MultiDict(
                case="x",
                role="wizard",
                type="Case.Nope",
                after="-1",
                **{"from": "soon", "to": "later"},
            )
        )
        assert {"case", "role", "type", "after", "from", "to"} == set(form.errors)

    def test_links_keep_the_filters(self) -> None:
        """The next-page link carries the filters that were typed."""
        form = parse_search(MultiDict(actor="a b", role=""))
        assert "actor=a+b&after=9" == form.query(after="9")

    def test_account_and_case_types_are_offered(self) -> None:
        """Both aggregates' event names can be searched."""
        types = event_types()
        assert "Case.DecisionIssued" in types
        assert "Account.PasswordChanged" in types
        assert "Case.Event" not in types


class TestReceiptNumbers:
    """A receipt number is a case filter too, looked up before the search."""

    def test_receipt_number_as_typed(self) -> None:
        """Small letters and spaces are read as the printed number; no id yet, no error."""
        form = parse_search(MultiDict(case="ioe 2700000042"))
        assert ({}, "IOE2700000042", None) == (
            form.errors,
            form.receipt_number,
            form.search.criteria.aggregate_id,
        )

    def test_neither_an_id_nor_a_receipt_number(self) -> None:
        """Anything else is explained, naming both kinds of value."""
        form = parse_search(MultiDict(case="IOE27"))
        assert "receipt number like IOE2700000042" in form.errors["case"]
        assert "case or account id" in form.errors["case"]
