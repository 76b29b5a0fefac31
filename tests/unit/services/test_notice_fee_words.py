"""The receipt notice's fee line: paid (and why), none, waived, or a waiver still undecided."""

from collections.abc import Callable
from datetime import date

import pytest

from immportal.domain.cases.case import Case
from immportal.domain.cases.forms import FormType
from immportal.services.notices.kinds import fee_words
from testkit.domain_case_helpers import APPLICANT, OFFICER

FILED_ON = date(2026, 12, 6)
REASON = "(c)(9) with a pending I-485 filed on or after April 1, 2024"


def i765(category: str, **more: str) -> Case:
    """A draft I-765 for a first card under the category."""
    case = Case.start(
        applicant_id=APPLICANT.user_id, form_type=FormType.I765, office="PSC", actor=APPLICANT
    )
    case.save_answers(APPLICANT, "reason", {"reason": "initial"})
    case.save_answers(APPLICANT, "eligibility", {"category": category, **more})
    return case


def waiver(category: str) -> Case:
    """An I-765 sent with a fee waiver request."""
    case = i765(category)
    case.request_fee_waiver(APPLICANT, FILED_ON, "financial_hardship", "No job", ["doc-1"])
    return case


def paid(case: Case) -> None:
    """Sent with the $260 paid."""
    case.submit(APPLICANT, 26_000, payment_id="pay-1", fee_reason=REASON, fee_rule="r")


def approved(case: Case) -> None:
    """The waiver approved."""
    case.approve_fee_waiver(OFFICER, "SNAP letter")


def denied_then_paid(case: Case) -> None:
    """The waiver denied, then the fee paid."""
    case.deny_fee_waiver(OFFICER, "Old letter")
    case.pay_fee(APPLICANT, 26_000, "pay-2")


def approved_then_law_fee_paid(case: Case) -> None:
    """The waiver approved, then the fee set by law paid."""
    approved(case)
    case.pay_fee(APPLICANT, 56_000, "pay-3")


STEPS: dict[str, tuple[Callable[[], Case], Callable[[Case], None] | None, str]] = {
    "paid": (lambda: i765("c9"), paid, f"$260.00 paid ({REASON})"),
    "no fee": (
        lambda: i765("a5"),
        lambda c: c.submit_without_fee(APPLICANT, FILED_ON),
        "No fee ((a)(5), first card: no fee)",
    ),
    "waiver undecided": (lambda: waiver("c9"), None, "Fee waiver requested"),
    "waiver approved": (lambda: waiver("c9"), approved, "Fee waived: fee waiver approved"),
    "waiver denied, paid": (lambda: waiver("c9"), denied_then_paid, f"$260.00 paid ({REASON})"),
    "law's fee paid": (
        lambda: waiver("a12"),
        approved_then_law_fee_paid,
        "Fee waived, $560.00 set by law paid",
    ),
}


class TestFeeWords:
    """Each way a fee can end states it plainly."""

    @pytest.mark.parametrize("name", sorted(STEPS))
    def test_words(self, name: str) -> None:
        """The fee line for the case as it stands."""
        start, step, expected = STEPS[name]
        case = start()
        if step is not None:
            step(case)
        assert expected == fee_words(case)
