"""Tests of Case.submit_inquiry: who may ask about a case, on which cases, with what text."""

from __future__ import annotations

import pytest

from immportal.domain.actor import Actor, Role
from immportal.domain.cases.case import INQUIRY_MAX_LENGTH
from immportal.domain.cases.status import CaseStatus
from immportal.domain.errors import InvalidArgument, NotPermitted, TransitionNotAllowed
from testkit.domain_case_helpers import APPLICANT, OFFICER, REPRESENTATIVE, case_in


class TestWhoMayAsk:
    """Only the applicant and their representatives ask; staff answer."""

    def test_applicant_asks(self) -> None:
        """The question is recorded without surrounding space, and the status stays."""
        case = case_in(CaseStatus.BIOMETRICS_ATTENDED)
        case.submit_inquiry(APPLICANT, "  Is anything missing from my file?\n")
        event = case.collect_events()[-1]
        expected = ("InquirySubmitted", "Is anything missing from my file?", "applicant")
        actual = (type(event).__name__, event.reason, event.actor_role)  # type: ignore[attr-defined]
        assert expected == actual
        assert CaseStatus.BIOMETRICS_ATTENDED == case.status

    def test_authorized_representative_asks(self) -> None:
        """A representative the applicant authorized may ask for them."""
        case = case_in(CaseStatus.ASSIGNED)
        case.authorize_representative(APPLICANT, REPRESENTATIVE.user_id)
        case.submit_inquiry(REPRESENTATIVE, "When will the case be decided?")
        assert "InquirySubmitted" == type(case.collect_events()[-1]).__name__

    @pytest.mark.parametrize(
        "actor",
        [OFFICER, REPRESENTATIVE, Actor("applicant-2", Role.APPLICANT)],
        ids=["officer", "unauthorized-representative", "another-applicant"],
    )
    def test_others_are_refused(self, actor: Actor) -> None:
        """Staff, strangers and representatives nobody authorized record nothing."""
        case = case_in(CaseStatus.ASSIGNED)
        version = case.version
        with pytest.raises(NotPermitted):
            case.submit_inquiry(actor, "Any news?")
        assert version == case.version


class TestWhichCases:
    """Only accepted cases still waiting for a decision can be asked about."""

    @pytest.mark.parametrize(
        "status", [CaseStatus.DRAFT, CaseStatus.SUBMITTED, CaseStatus.APPROVED, CaseStatus.DENIED]
    )
    def test_not_yet_accepted_or_decided(self, status: CaseStatus) -> None:
        """A draft, a filing not yet accepted and a decided case refuse the question."""
        case = case_in(status)
        with pytest.raises(TransitionNotAllowed):
            case.submit_inquiry(APPLICANT, "Any news?")


class TestText:
    """The question is short text, and required."""

    def test_blank_is_refused(self) -> None:
        """An empty question is refused in plain words."""
        case = case_in(CaseStatus.ACCEPTED)
        with pytest.raises(InvalidArgument, match="question"):
            case.submit_inquiry(APPLICANT, "   ")

    def test_too_long_is_refused(self) -> None:
        """A question longer than the limit is refused."""
        case = case_in(CaseStatus.ACCEPTED)
        with pytest.raises(InvalidArgument, match=str(INQUIRY_MAX_LENGTH)):
            case.submit_inquiry(APPLICANT, "x" * (INQUIRY_MAX_LENGTH + 1))
