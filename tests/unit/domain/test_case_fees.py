"""The fee on the Case aggregate: recorded at filing, exemptions, waiver requests and decisions."""

from datetime import date
from typing import Any

import pytest

from immportal.domain.cases.case import Case
from immportal.domain.cases.forms import FormType
from immportal.domain.cases.status import CaseStatus
from immportal.domain.errors import FeeRequired, InvalidArgument, NotPermitted, ReasonRequired
from immportal.domain.payments.waivers import WaiverState, amount_due
from testkit.domain_case_helpers import APPLICANT, OFFICER, SUPERVISOR, SYSTEM

FILED_ON = date(2026, 12, 6)
RECEIPT = "IOE0912345678"


def i765(category: str, request: str = "initial") -> Case:
    """A draft I-765 with its request and category answered."""
    case = Case.start(
        applicant_id="applicant-1", form_type=FormType.I765, office="PSC", actor=APPLICANT
    )
    case.save_answers(APPLICANT, "reason", {"reason": request})
    case.save_answers(APPLICANT, "eligibility", {"category": category})
    return case


def waiver_requested(category: str = "c9") -> Case:
    """An I-765 filed with a fee waiver request."""
    case = i765(category)
    case.request_fee_waiver(
        APPLICANT, FILED_ON, "means_tested_benefit", "I receive SNAP", ["doc-1"]
    )
    return case


def names(case: Case) -> list[str]:
    """The event names the case recorded."""
    return [type(event).__name__ for event in case.pending_events]


def replayed(case: Case) -> Any:
    """The case rebuilt from the events it recorded."""
    aggregate = None
    for event in case.collect_events():
        aggregate = event.mutate(aggregate)
    return aggregate


class TestRecordedAtFiling:
    """A paid filing records the fee and the reason for it."""

    def test_paid(self) -> None:
        """Amount, reason and rule are kept on the case and survive replay."""
        case = i765("c9")
        reason = "(c)(9) with a pending I-485 filed on or after April 1, 2024"
        case.submit(
            APPLICANT,
            26_000,
            payment_id="pay-1",
            fee_reason=reason,
            fee_rule="i765-c9-pending-i485",
        )
        again = replayed(case)
        expected = (26_000, reason, "i765-c9-pending-i485", 26_000, 0)
        assert expected == (
            again.fee_cents,
            again.fee_reason,
            again.fee_rule,
            again.fee_paid_cents,
            again.fee_due_cents,
        )


class TestExemption:
    """A $0 fee files the application with no payment."""

    def test_exempt_category(self) -> None:
        """An asylee's first card: submitted at $0 with the rule's reason, then accepted."""
        case = i765("a5")
        case.submit_without_fee(APPLICANT, FILED_ON)
        case.accept(SYSTEM, RECEIPT)
        expected = (
            CaseStatus.ACCEPTED,
            0,
            "(a)(5), first card: no fee",
            "i765-exempt-first",
            False,
        )
        assert expected == (
            case.status,
            case.fee_cents,
            case.fee_reason,
            case.fee_rule,
            case.fee_waived,
        )

    def test_a_fee_is_not_skipped(self) -> None:
        """A case with a fee cannot be filed as exempt; nothing is recorded."""
        case = i765("c9")
        version = case.version
        with pytest.raises(FeeRequired, match=r"\$260\.00"):
            case.submit_without_fee(APPLICANT, FILED_ON)
        assert (CaseStatus.DRAFT, version) == (case.status, case.version)


class TestWaiverRequest:
    """A waiver request files the case with the request instead of the fee."""

    def test_request(self) -> None:
        """Submitted (fee waived, nothing paid) and FeeWaiverRequested, in one step."""
        case = waiver_requested()
        expected = (
            ["Started", "AnswersSaved", "AnswersSaved", "Submitted", "FeeWaiverRequested"],
            CaseStatus.SUBMITTED,
            (26_000, True, 0),
            {"state": "requested", "basis": "means_tested_benefit", "document_ids": ["doc-1"]},
            None,
        )
        waiver = case.fee_waiver or {}
        assert expected == (
            names(case),
            case.status,
            (case.fee_cents, case.fee_waived, case.fee_paid_cents),
            {key: waiver[key] for key in ("state", "basis", "document_ids")},
            case.fee_due_cents,
        )

    @pytest.mark.parametrize(
        ("form_type", "category"),
        [(FormType.I130, ""), (FormType.I765, "c33"), (FormType.I765, "a5")],
    )
    def test_not_allowed(self, form_type: FormType, category: str) -> None:
        """No waiver for an I-130, for DACA, or where there is no filing fee to waive."""
        case = Case.start(
            applicant_id="applicant-1", form_type=form_type, office="CSC", actor=APPLICANT
        )
        case.save_answers(APPLICANT, "reason", {"reason": "initial"})
        case.save_answers(APPLICANT, "eligibility", {"category": category})
        with pytest.raises(InvalidArgument, match="cannot be requested"):
            case.request_fee_waiver(APPLICANT, FILED_ON, "financial_hardship", "No job", ["doc-1"])

    @pytest.mark.parametrize(
        ("basis", "explanation", "documents", "error"),
        [
            ("lottery", "No job", ["doc-1"], InvalidArgument),
            ("financial_hardship", "  ", ["doc-1"], ReasonRequired),
            ("financial_hardship", "No job", [" "], InvalidArgument),
        ],
    )
    def test_what_a_request_needs(
        self, basis: str, explanation: str, documents: list[str], error: type[Exception]
    ) -> None:
        """One of the three grounds, an explanation, and at least one document."""
        case = i765("c9")
        with pytest.raises(error):
            case.request_fee_waiver(APPLICANT, FILED_ON, basis, explanation, documents)
        assert CaseStatus.DRAFT == case.status

    def test_not_accepted_while_undecided(self) -> None:
        """Acceptance waits for the decision."""
        case = waiver_requested()
        with pytest.raises(FeeRequired, match="decided"):
            case.accept(SYSTEM, RECEIPT)


class TestDecision:
    """An officer or supervisor approves or denies, with a reason, once."""

    def test_approved_then_accepted(self) -> None:
        """Approved: nothing is due and the case can be accepted."""
        case = waiver_requested()
        case.approve_fee_waiver(OFFICER, "SNAP award letter for this year")
        case.accept(SYSTEM, RECEIPT)
        waiver = case.fee_waiver or {}
        expected = (CaseStatus.ACCEPTED, "approved", "officer-1", 0, True)
        assert expected == (
            case.status,
            waiver["state"],
            waiver["decided_by"],
            case.fee_due_cents,
            case.fee_waived,
        )

    def test_denied_then_paid_then_accepted(self) -> None:
        """Denied: the fee is due; once paid, the case can be accepted."""
        case = waiver_requested()
        case.deny_fee_waiver(SUPERVISOR, "The letter is from 2019")
        due = case.fee_due_cents
        with pytest.raises(FeeRequired, match="paid"):
            case.accept(SYSTEM, RECEIPT)
        case.pay_fee(APPLICANT, 26_000, "pay-9")
        case.accept(SYSTEM, RECEIPT)
        again = replayed(case)
        expected = (26_000, CaseStatus.ACCEPTED, 26_000, "pay-9", False, 0)
        assert expected == (
            due,
            again.status,
            again.fee_paid_cents,
            again.payment_id,
            again.fee_waived,
            again.fee_due_cents,
        )

    def test_approval_leaves_the_statutory_fee(self) -> None:
        """A TPS first card: the $470 is waived, the $560 set by law is still due."""
        case = waiver_requested("a12")
        case.approve_fee_waiver(OFFICER, "Medicaid card")
        with pytest.raises(FeeRequired):
            case.accept(SYSTEM, RECEIPT)
        case.pay_fee(APPLICANT, 56_000, "pay-3")
        case.accept(SYSTEM, RECEIPT)
        assert (103_000, 56_000, CaseStatus.ACCEPTED) == (
            case.fee_cents,
            case.fee_paid_cents,
            case.status,
        )

    def test_decided_once(self) -> None:
        """A decided request cannot be decided again."""
        case = waiver_requested()
        case.deny_fee_waiver(OFFICER, "No evidence")
        with pytest.raises(InvalidArgument, match="no fee waiver request"):
            case.approve_fee_waiver(SUPERVISOR, "Changed my mind")

    def test_only_staff_decide(self) -> None:
        """The applicant cannot approve their own request."""
        case = waiver_requested()
        with pytest.raises(NotPermitted):
            case.approve_fee_waiver(APPLICANT, "Please")

    def test_reason_required(self) -> None:
        """A person decided, so they say why."""
        case = waiver_requested()
        with pytest.raises(ReasonRequired):
            case.deny_fee_waiver(OFFICER, " ")

    @pytest.mark.parametrize("amount", [25_999, 26_001])
    def test_exact_amount(self, amount: int) -> None:
        """Only the amount due is recorded as paying it."""
        case = waiver_requested()
        case.deny_fee_waiver(OFFICER, "No evidence")
        with pytest.raises(InvalidArgument, match="fee due"):
            case.pay_fee(APPLICANT, amount, "pay-1")

    def test_nothing_to_pay(self) -> None:
        """An approved waiver with nothing set by law leaves nothing to pay."""
        case = waiver_requested()
        case.approve_fee_waiver(OFFICER, "SNAP")
        with pytest.raises(InvalidArgument, match="no fee to pay"):
            case.pay_fee(APPLICANT, 26_000, "pay-1")


class TestRefund:
    """A refund gives back what was paid."""

    def test_refund_after_paying_a_denied_waiver(self) -> None:
        """The fee paid after a denial is what a rejected filing refunds."""
        case = waiver_requested()
        case.deny_fee_waiver(OFFICER, "No evidence")
        case.pay_fee(APPLICANT, 26_000, "pay-4")
        case.reject_filing(OFFICER, "Unsigned")
        case.refund_fee(OFFICER, "Rejected filing")
        refund = case.pending_events[-1]
        assert (26_000, "pay-4") == (refund.amount_cents, refund.payment_id)  # type: ignore[attr-defined]

    def test_nothing_paid(self) -> None:
        """An approved waiver paid nothing, so nothing is refunded."""
        case = waiver_requested()
        case.approve_fee_waiver(OFFICER, "SNAP")
        case.reject_filing(OFFICER, "Unsigned")
        with pytest.raises(InvalidArgument, match="No fee was paid"):
            case.refund_fee(OFFICER, "Rejected filing")


class TestAmountDue:
    """What is left to pay, whatever the request's state."""

    @pytest.mark.parametrize(
        ("waiver", "paid", "expected"),
        [
            (None, 0, 0),
            (WaiverState.REQUESTED, 0, None),
            (WaiverState.APPROVED, 0, 5_000),
            (WaiverState.APPROVED, 5_000, 0),
            (WaiverState.DENIED, 0, 20_000),
            (WaiverState.DENIED, 20_000, 0),
        ],
    )
    def test_due(self, waiver: WaiverState | None, paid: int, expected: int | None) -> None:
        """Nothing without a request; unknown while undecided; the law's part once approved."""
        due = amount_due(fee_cents=20_000, unwaivable_cents=5_000, paid_cents=paid, waiver=waiver)
        assert expected == due
