"""Tests for the workspace's form reading and who may work a case."""

from __future__ import annotations

from datetime import date

import pytest

from immportal.domain.actor import Actor, Role
from immportal.domain.cases.case import Case
from immportal.domain.cases.forms import FormType
from immportal.domain.cases.status import CaseStatus
from immportal.services.cases.adjudication import StaffMember, default_due_on
from immportal.web.officer.actions import FormProblems, read_version
from immportal.web.officer.registry import ACTIONS

OFFICER = Actor("officer-1", Role.OFFICER)


def case_at(office: str) -> Case:
    """A draft case filed at an office."""
    applicant = Actor("applicant-1", Role.APPLICANT)
    return Case.start(
        applicant_id="applicant-1", form_type=FormType.I765, office=office, actor=applicant
    )


class TestMayWork:
    """Staff act on cases of their office, or assigned to them."""

    def test_own_office(self) -> None:
        """Same office: yes; another office: no; no office: no."""
        case = case_at("NBC")
        assert StaffMember(OFFICER, "NBC").may_work(case)
        assert not StaffMember(OFFICER, "CSC").may_work(case)
        assert not StaffMember(OFFICER, None).may_work(case)

    def test_assigned_elsewhere(self) -> None:
        """A case assigned to the officer is theirs wherever it is."""
        case = case_at("CSC")
        case.officer_id = OFFICER.user_id
        assert StaffMember(OFFICER, "NBC").may_work(case)

    def test_other_roles_never(self) -> None:
        """An auditor in the office still may not act."""
        assert not StaffMember(Actor("a", Role.AUDITOR), "NBC").may_work(case_at("NBC"))


class TestReadingForms:
    """Action forms turn typed text into values, or name what is wrong."""

    def test_evidence_request(self) -> None:
        """Items stay text, the deadline becomes a date, a blank deadline is None."""
        read = ACTIONS["evidence-request"].read
        given = read({"items": "Passport", "due_on": "2027-01-31", "reason": "Identity"})
        blank = read({"items": "Passport", "due_on": "", "reason": "Identity"})
        assert date(2027, 1, 31) == given["due_on"]
        assert blank["due_on"] is None

    def test_problems_per_field(self) -> None:
        """Missing required fields and a bad date each get a message."""
        with pytest.raises(FormProblems) as caught:
            ACTIONS["interview"].read({"date": "31/01/2027", "time": "", "location": ""})
        assert {"date", "time", "location"} == set(caught.value.errors)

    def test_outcome_must_be_a_choice(self) -> None:
        """A decision other than approve or deny is refused."""
        with pytest.raises(FormProblems):
            ACTIONS["proposal"].read({"outcome": "maybe", "reason": "x"})

    def test_version_required(self) -> None:
        """A form without its case version is incomplete."""
        with pytest.raises(FormProblems):
            read_version({})
        assert 7 == read_version({"expected_version": "7"})

    def test_offered_by_status_and_role(self) -> None:
        """Review forms are for supervisors, and only while a decision is proposed."""
        approve = ACTIONS["approve"]
        assert approve.offered(CaseStatus.DECISION_PROPOSED, Role.SUPERVISOR)
        assert not approve.offered(CaseStatus.DECISION_PROPOSED, Role.OFFICER)
        assert not approve.offered(CaseStatus.ASSIGNED, Role.SUPERVISOR)

    def test_default_deadline(self) -> None:
        """Applicants get 87 days to answer."""
        assert date(2027, 3, 29) == default_due_on(date(2027, 1, 1))
