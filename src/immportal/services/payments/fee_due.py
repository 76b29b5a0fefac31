"""What the applicant pays now: a signed draft's fee, or what a fee waiver decision left due."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from immportal.domain.cases.case import Case
from immportal.domain.cases.status import CaseStatus
from immportal.domain.errors import DomainError
from immportal.domain.payments.fees import assess_fee
from immportal.services.cases.applications import ready_to_file
from immportal.services.cases.files import CaseFile


class NotPayable(DomainError):
    """The case has no fee to pay now: it was already paid, or is not the payer's draft."""


class NotReadyToPay(NotPayable):
    """The draft is not complete and signed yet, so it cannot be paid for and filed."""


class NothingToPay(NotPayable):
    """The application has no fee: it is sent without a payment."""


@dataclass(frozen=True)
class FeeToPay:
    """An amount to pay now, and the reason the case records for it."""

    amount_cents: int
    reason: str
    rule_id: str


def fee_to_pay(case: Case | CaseFile, today: date) -> FeeToPay:
    """The fee to pay now; NotPayable (or a kind of it) when there is none."""
    if case.status is CaseStatus.DRAFT:
        if not ready_to_file(case):
            raise NotReadyToPay("Finish your application and sign it before you pay.")
        fee = assess_fee(case.form_type, case.answers, today)
        if fee.exempt:
            raise NothingToPay("There is no fee for this application.")
        return FeeToPay(fee.amount_cents, fee.reason, fee.rule_id)
    due = case.fee_due_cents
    if case.status is CaseStatus.SUBMITTED and due:
        return FeeToPay(due, case.fee_reason, case.fee_rule)
    if case.status is CaseStatus.SUBMITTED and due is None:
        raise NotPayable("Your fee waiver request has not been decided yet.")
    raise NotPayable("The fee for this application has already been paid.")
