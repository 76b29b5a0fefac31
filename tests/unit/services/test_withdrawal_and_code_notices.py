"""The withdrawal acknowledgement, the access code on receipt notices, and WithdrawalService."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from immportal.domain.actor import Actor, Role
from immportal.domain.cases.case import Case
from immportal.domain.cases.forms import FormType
from immportal.domain.cases.status import PENDING_STATUSES, CaseStatus
from immportal.domain.errors import ReasonRequired
from immportal.errors import ConcurrencyConflict
from immportal.services.cases.service import CaseService
from immportal.services.cases.withdrawal import CLOSING_REASON, WithdrawalService
from immportal.services.notices.access_code_notice import ACCESS_CODE_LABEL, with_access_code
from immportal.services.notices.kinds import NOTICE_KINDS
from immportal.services.repository import Repository
from testkit.case_fakes import Receipts
from testkit.memory_store import MemoryEventStore

APPLICANT = Actor("applicant-withdraws", Role.APPLICANT)
STRANGER = Actor("applicant-stranger", Role.APPLICANT)
TEMPLATE = Path("src/immportal/web/templates/applicant/_withdraw.html")


def accepted() -> Case:
    """An accepted I-765 of the applicant's."""
    case = Case.start(
        applicant_id=APPLICANT.user_id, form_type=FormType.I765, office="NBC", actor=APPLICANT
    )
    case.submit(APPLICANT, fee_cents=47_000)
    case.accept(Actor.system(), "IOE2712345678")
    return case


def text_of(content: Any) -> str:
    """Every fact and paragraph of a notice, as one string."""
    facts = " ".join(f"{fact.label}: {fact.value}" for fact in content.facts)
    body = " ".join(" ".join(block.paragraphs) for block in content.body)
    return f"{content.heading} {facts} {body}"


class TestWithdrawalNotice:
    """The Withdrawn event issues an acknowledgement naming the chosen reason."""

    def test_content(self) -> None:
        """Heading, the chosen ground's words, and that the case is closed."""
        case = accepted()
        case.withdraw(APPLICANT, "Filed again with the right category", "filed_again")
        event = case.collect_events()[-1]
        content = NOTICE_KINDS["Withdrawn"].build(event, case)
        words = text_of(content)
        assert ("withdrawal", "We withdrew your application") == (content.kind, content.heading)
        assert "Reason chosen: I filed a new application instead" in words
        assert "closed the case" in words

    def test_staff_withdrawal_without_ground(self) -> None:
        """A withdrawal recorded by staff (no ground) names no reason."""
        case = accepted()
        case.withdraw(Actor("officer-1", Role.OFFICER), "Asked by letter")
        content = NOTICE_KINDS["Withdrawn"].build(case.collect_events()[-1], case)
        assert "Reason chosen" not in text_of(content)


class TestAccessCodeOnReceipt:
    """with_access_code adds the code as a fact and says how to use it."""

    def test_added(self) -> None:
        """The receipt notice gains the code and the 'Add a paper case' instructions."""
        case = accepted()
        receipt = NOTICE_KINDS["Accepted"].build(case.collect_events()[-1], case)
        content = with_access_code(receipt, "K7QM-2XRT-9HWD")
        facts = {fact.label: fact.value for fact in content.facts}
        assert "K7QM-2XRT-9HWD" == facts[ACCESS_CODE_LABEL]
        assert "Add a paper case" in text_of(content)
        assert receipt.facts == content.facts[:-1]


class TestWithdrawalService:
    """Withdraw and close in one save; a second press changes nothing."""

    async def test_withdrawn_closed_once(self) -> None:
        """Two presses from the same page: Withdrawn and Closed recorded once."""
        store = MemoryEventStore()
        repository = Repository(store)
        cases = CaseService(repository, Receipts())
        case = accepted()
        await repository.save(case)
        service = WithdrawalService(cases)
        for _ in range(2):
            await service.withdraw(
                case.id,
                actor=APPLICANT,
                expected_version=3,
                ground="no_longer_needed",
                explanation="",
            )
        saved = await repository.get(Case, case.id)
        events = [type(e).__name__ for e in await store.read_stream(case.id)]
        assert ["Started", "Submitted", "Accepted", "Withdrawn", "Closed"] == events
        assert CaseStatus.CLOSED == saved.status
        closed = (await store.read_stream(case.id))[-1]
        assert CLOSING_REASON == closed.reason  # type: ignore[attr-defined]

    async def test_other_needs_words(self) -> None:
        """'Another reason' without an explanation is refused before anything is written."""
        repository = Repository(MemoryEventStore())
        case = accepted()
        await repository.save(case)
        service = WithdrawalService(CaseService(repository, Receipts()))
        with pytest.raises(ReasonRequired):
            await service.withdraw(
                case.id, actor=APPLICANT, expected_version=3, ground="other", explanation=" "
            )
        assert CaseStatus.ACCEPTED == (await repository.get(Case, case.id)).status

    async def test_stranger_is_refused_even_after(self) -> None:
        """Someone else sending the same form is refused as a stale page, not told it is done."""
        repository = Repository(MemoryEventStore())
        case = accepted()
        await repository.save(case)
        service = WithdrawalService(CaseService(repository, Receipts()))
        await service.withdraw(
            case.id, actor=APPLICANT, expected_version=3, ground="filed_in_error", explanation=""
        )
        with pytest.raises(ConcurrencyConflict):
            await service.withdraw(
                case.id,
                actor=STRANGER,
                expected_version=3,
                ground="filed_in_error",
                explanation="",
            )


class TestCasePageLink:
    """The case page's withdraw link shows for exactly the statuses that may be withdrawn."""

    def test_template_statuses(self) -> None:
        """The template's list equals PENDING_STATUSES."""
        listed = re.search(r"\{% set pending = \[(.*?)\] %\}", TEMPLATE.read_text())
        assert listed is not None
        names = set(re.findall(r'"(\w+)"', listed.group(1)))
        assert {status.value for status in PENDING_STATUSES} == names
