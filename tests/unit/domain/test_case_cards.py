"""Tests for the card of an approved case (immportal.domain.cases.card_delivery and cards)."""

from __future__ import annotations

import pytest
from eventsourcing.domain import Aggregate

from immportal.domain.actor import Actor, Role
from immportal.domain.cases.cards import CardState, card_kind, parse_tracking_number
from immportal.domain.cases.case import Case
from immportal.domain.cases.forms import FormType
from immportal.domain.cases.status import CaseStatus
from immportal.domain.errors import (
    CaseClosed,
    InvalidArgument,
    NotPermitted,
    TransitionNotAllowed,
)
from testkit.domain_case_helpers import APPLICANT, OFFICER, SYSTEM, case_in

TRACKING = "9400111899223855123450"
S10 = "EJ123456785US"


def _replay(case: Case) -> Aggregate:
    aggregate: Aggregate | None = None
    for domain_event in case.collect_events():
        aggregate = domain_event.mutate(aggregate)
    assert aggregate is not None
    return aggregate


class TestCardsInEveryStatus:
    """Card steps are recorded after an approval only, and leave the case approved."""

    @pytest.mark.parametrize("status", list(CaseStatus), ids=str)
    def test_produce(self, status: CaseStatus) -> None:
        """Producing a card is allowed when approved; otherwise refused with the status."""
        case = case_in(status)
        if status is CaseStatus.APPROVED:
            case.produce_card(OFFICER)
            assert (CaseStatus.APPROVED, CardState.PRODUCED) == (case.status, case.card_state)
            return
        expected = CaseClosed if status in (CaseStatus.WITHDRAWN, CaseStatus.CLOSED) else None
        with pytest.raises(expected or TransitionNotAllowed):
            case.produce_card(OFFICER)

    @pytest.mark.parametrize("status", list(CaseStatus), ids=str)
    def test_mail(self, status: CaseStatus) -> None:
        """Mailing is refused in every status but approved."""
        case = case_in(status)
        if status is CaseStatus.APPROVED:
            case.produce_card(SYSTEM)
            case.mail_card(SYSTEM, TRACKING)
            assert (CardState.MAILED, TRACKING) == (case.card_state, case.card_tracking_number)
            return
        with pytest.raises(TransitionNotAllowed):
            case.mail_card(SYSTEM, TRACKING)

    @pytest.mark.parametrize("status", list(CaseStatus), ids=str)
    def test_return(self, status: CaseStatus) -> None:
        """A card comes back only after an approval."""
        case = case_in(status)
        if status is CaseStatus.APPROVED:
            case.produce_card(SYSTEM)
            case.mail_card(SYSTEM, S10)
            case.return_card(SYSTEM, "Addressee unknown")
            assert CardState.RETURNED == case.card_state
            return
        with pytest.raises(TransitionNotAllowed):
            case.return_card(SYSTEM, "Addressee unknown")


class TestCardOrder:
    """A card is produced once, mailed when produced or returned, returned when mailed."""

    def test_mail_before_production(self) -> None:
        """A card that was never produced cannot be mailed."""
        with pytest.raises(InvalidArgument, match="produced or returned"):
            case_in(CaseStatus.APPROVED).mail_card(OFFICER, TRACKING)

    def test_produced_twice(self) -> None:
        """A second production is refused."""
        case = case_in(CaseStatus.APPROVED)
        case.produce_card(OFFICER)
        with pytest.raises(InvalidArgument, match="produced already"):
            case.produce_card(OFFICER)

    def test_return_before_mailing(self) -> None:
        """A card still at the agency cannot come back from the post."""
        case = case_in(CaseStatus.APPROVED)
        case.produce_card(OFFICER)
        with pytest.raises(InvalidArgument, match="Only a mailed card"):
            case.return_card(OFFICER, "Undeliverable")

    def test_mailed_again_after_return(self) -> None:
        """A returned card is mailed again with a new tracking number."""
        case = case_in(CaseStatus.APPROVED)
        case.produce_card(OFFICER)
        case.mail_card(OFFICER, TRACKING)
        case.return_card(OFFICER, "Moved, left no address")
        case.mail_card(OFFICER, S10)
        assert (CardState.MAILED, S10) == (case.card_state, case.card_tracking_number)

    def test_applicant_cannot_record_card_steps(self) -> None:
        """Only staff and the system record what happened to a card."""
        with pytest.raises(NotPermitted):
            case_in(CaseStatus.APPROVED).produce_card(APPLICANT)

    def test_form_without_card(self) -> None:
        """An approved N-400 produces no card (a certificate is handed over at the oath)."""
        case = case_in(CaseStatus.APPROVED)
        case.form_type = FormType.N400.value
        with pytest.raises(InvalidArgument, match="does not produce a card"):
            case.produce_card(OFFICER)

    def test_events_replay_on_case_topics(self) -> None:
        """The card events are the case's own and replay to the same state."""
        case = case_in(CaseStatus.APPROVED)
        case.produce_card(Actor("officer-9", Role.OFFICER))
        case.mail_card(SYSTEM, "9400 1118 9922 3855 1234 50")
        names = [type(e).__qualname__ for e in case.collect_events()[-2:]]
        case.collect_events()
        assert ["Case.CardProduced", "Case.CardMailed"] == names
        replayed = case_in(CaseStatus.APPROVED)
        replayed.produce_card(OFFICER)
        replayed.mail_card(SYSTEM, TRACKING)
        again = _replay(replayed)
        assert isinstance(again, Case)
        assert (CardState.MAILED, TRACKING, "Permanent Resident Card") == (
            again.card_state,
            again.card_tracking_number,
            again.card_kind,
        )


class TestCardKinds:
    """Which forms give a card, as USCIS does."""

    @pytest.mark.parametrize(
        ("form", "expected"),
        [
            ("I-765", "Employment Authorization Document"),
            ("I-90", "Permanent Resident Card"),
            ("I-130", None),
            ("N-400", None),
            ("X-1", None),
        ],
    )
    def test_kind(self, form: str, expected: str | None) -> None:
        """The card of each form's approval, or None."""
        assert expected == card_kind(form)


class TestTrackingNumbers:
    """Tracking numbers are checked, check digit included, and kept without spaces."""

    @pytest.mark.parametrize(
        ("typed", "expected"),
        [
            (TRACKING, TRACKING),
            ("9400 1118 9922 3855 1234 50", TRACKING),
            ("92055901649173127513", "92055901649173127513"),
            ("92055901649173127514", None),
            (S10, S10),
            ("ej 123 456 785 us", S10),
            ("EJ123456784US", None),
            ("EJ12345678US", None),
            ("9400111899223855123451", None),
            ("1Z999AA10123456784", None),
            ("", None),
            ("tracking", None),
        ],
    )
    def test_tracking(self, typed: str, expected: str | None) -> None:
        """A valid number is normalized; a wrong check digit or shape is refused."""
        if expected is None:
            with pytest.raises(InvalidArgument, match="not a USPS tracking number"):
                parse_tracking_number(typed)
        else:
            assert expected == parse_tracking_number(typed)
