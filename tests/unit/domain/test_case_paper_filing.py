"""Tests for cases filed on paper and added to an account (domain/cases/paper_filing.py)."""

from __future__ import annotations

from uuid import UUID

import pytest
from eventsourcing.domain import Aggregate

from immportal.domain.actor import Actor, Role
from immportal.domain.cases.case import Case
from immportal.domain.cases.forms import FormType
from immportal.domain.cases.paper_filing import PAPER_APPLICANT, AlreadyLinked
from immportal.domain.cases.status import CaseStatus
from immportal.domain.errors import NotPermitted, TransitionNotAllowed
from testkit.domain_case_helpers import APPLICANT, OFFICER, STEPS, SYSTEM, case_in

PERSON = Actor("person-7", Role.APPLICANT)
ANSWERS = {"about_you": {"family_name": "Okafor", "given_name": "Ada"}}


def paper_case(status: CaseStatus = CaseStatus.ACCEPTED) -> Case:
    """A paper I-765 received by intake, accepted, optionally decided."""
    case = Case.receive_on_paper(
        form_type=FormType.I765, office="VSC", actor=OFFICER, answers=ANSWERS, fee_cents=47_000
    )
    if status is CaseStatus.SUBMITTED:
        return case
    STEPS["accept"](case)
    if status is CaseStatus.APPROVED:
        for step in ("assign", "propose_decision", "issue_decision"):
            STEPS[step](case)
    assert status == case.status
    return case


class TestReceivedOnPaper:
    """Intake enters a paper filing: submitted, fee paid, nobody's account."""

    def test_received(self) -> None:
        """The case is submitted with its answers and paid fee, and no applicant."""
        case = paper_case(CaseStatus.SUBMITTED)
        expected = (CaseStatus.SUBMITTED, PAPER_APPLICANT, ANSWERS, 47_000, 0, True)
        actual = (
            case.status,
            case.applicant_id,
            case.answers,
            case.fee_paid_cents,
            case.fee_due_cents,
            case.filed_on_paper,
        )
        assert expected == actual

    def test_accepted_with_a_receipt_number(self) -> None:
        """A paid paper filing is accepted like an online one."""
        case = paper_case(CaseStatus.SUBMITTED)
        case.accept(SYSTEM, "VSC2700000009")
        assert (CaseStatus.ACCEPTED, "VSC2700000009") == (case.status, case.receipt_number)

    @pytest.mark.parametrize("role", [Role.APPLICANT, Role.REPRESENTATIVE, Role.AUDITOR])
    def test_only_intake_receives(self, role: Role) -> None:
        """Applicants, representatives and auditors cannot enter paper filings."""
        with pytest.raises(NotPermitted):
            Case.receive_on_paper(
                form_type=FormType.I90,
                office="NBC",
                actor=Actor("x", role),
                answers={},
                fee_cents=0,
            )

    def test_online_draft_is_not_filed_on_paper(self) -> None:
        """An online draft belongs to someone: it cannot be turned into a paper filing."""
        with pytest.raises(NotPermitted):
            case_in(CaseStatus.DRAFT).file_on_paper(OFFICER, ANSWERS, 0)

    def test_replay(self) -> None:
        """Its events are the case's and replay to the same state."""
        case = paper_case(CaseStatus.ACCEPTED)
        case.link_to_account(PERSON)
        aggregate: Aggregate | None = None
        events = case.collect_events()
        for domain_event in events:
            aggregate = domain_event.mutate(aggregate)
        assert isinstance(aggregate, Case)
        names = [type(e).__qualname__ for e in events]
        expected = ["Case.Started", "Case.FiledOnPaper", "Case.Accepted", "Case.LinkedToAccount"]
        assert (expected, PERSON.user_id, True) == (
            names,
            aggregate.applicant_id,
            aggregate.filed_on_paper,
        )


class TestLinkToAccount:
    """The person adds the paper case to their account once; status never changes."""

    @pytest.mark.parametrize("status", list(CaseStatus), ids=str)
    def test_link_in_every_status(self, status: CaseStatus) -> None:
        """Linking an online case is refused: it is in an account; drafts are never linked."""
        case = case_in(status)
        if status is CaseStatus.DRAFT:
            with pytest.raises(TransitionNotAllowed):
                case.link_to_account(PERSON)
        else:
            with pytest.raises(AlreadyLinked):
                case.link_to_account(PERSON)

    @pytest.mark.parametrize(
        "status", [CaseStatus.SUBMITTED, CaseStatus.ACCEPTED, CaseStatus.APPROVED], ids=str
    )
    def test_paper_case_linked(self, status: CaseStatus) -> None:
        """A paper case becomes the person's, in the status it had."""
        case = paper_case(status)
        case.link_to_account(PERSON)
        assert (PERSON.user_id, status) == (case.applicant_id, case.status)

    def test_linked_once(self) -> None:
        """A second person cannot take a case already added to an account."""
        case = paper_case()
        case.link_to_account(PERSON)
        with pytest.raises(AlreadyLinked):
            case.link_to_account(APPLICANT)

    @pytest.mark.parametrize("role", [Role.REPRESENTATIVE, Role.OFFICER, Role.SYSTEM])
    def test_only_the_person_links(self, role: Role) -> None:
        """Only an applicant adds a case to their own account."""
        with pytest.raises(NotPermitted):
            paper_case().link_to_account(Actor("someone", role))

    def test_linked_case_acts_for_its_person(self) -> None:
        """Once linked, the person can act on the case like on one filed online."""
        case = paper_case()
        case.link_to_account(PERSON)
        case.withdraw(PERSON, "No longer needed", "no_longer_needed")
        assert CaseStatus.WITHDRAWN == case.status
        assert UUID(str(case.id)) == case.id
