"""A case file: the case as its pages show it, read from the `case_files` read model.

It carries the Case aggregate's state under the same names, so that what a page does with
a case (the answers in form order, the offered actions, the nearest centers) works on the
file read for a GET as on the aggregate a command loaded.
"""

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any
from uuid import UUID

from immportal.domain.cases.status import CaseStatus
from immportal.domain.payments.waivers import amount_due, state_of


@dataclass(frozen=True, kw_only=True)
class CaseFile:
    """One case's state at `version`, as its events left it."""

    case_id: UUID
    applicant_id: str | None
    form_type: str
    office: str
    status: CaseStatus
    answers: dict[str, dict[str, Any]]
    fee_cents: int
    fee_waived: bool
    fee_refunded: bool
    fee_reason: str
    fee_rule: str
    fee_unwaivable_cents: int
    fee_paid_cents: int
    fee_waiver: dict[str, Any] | None
    payment_id: str | None
    receipt_number: str | None
    accepted_at: datetime | None
    biometrics_at: datetime | None
    biometrics_location: str | None
    biometrics_reschedules: int
    officer_id: str | None
    evidence_items: tuple[str, ...]
    evidence_due_on: date | None
    evidence_document_ids: tuple[str, ...]
    interview_at: datetime | None
    interview_location: str | None
    proposal: dict[str, Any] | None
    decision: dict[str, Any] | None
    decided_at: datetime | None
    mailing_address: dict[str, str] | None
    representative_ids: tuple[str, ...]
    edition: str | None
    """The edition date (YYYY-MM-DD) of the paper form the filing answered; None in a draft."""
    version: int
    position: int

    @property
    def id(self) -> UUID:
        """The case's id, named as on the aggregate."""
        return self.case_id

    @property
    def fee_due_cents(self) -> int | None:
        """What is still to pay before acceptance; None while a fee waiver is undecided."""
        return amount_due(
            fee_cents=self.fee_cents,
            unwaivable_cents=self.fee_unwaivable_cents,
            paid_cents=self.fee_paid_cents,
            waiver=state_of(self.fee_waiver),
        )

    @property
    def address(self) -> dict[str, str] | None:
        """The latest change of mailing address, named as on the aggregate."""
        return self.mailing_address
