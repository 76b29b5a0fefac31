"""Fee waivers (Form I-912): the grounds a request rests on, where it stands, what stays due.

A request is sent with the application instead of the fee; an officer or supervisor
approves or denies it before the filing is accepted. Approved, the filing fee is waived
(a statutory fee never is); denied, the applicant may pay the fee instead.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Any

from immportal.domain.errors import InvalidArgument


class WaiverBasis(StrEnum):
    """The three grounds Form I-912 accepts."""

    MEANS_TESTED_BENEFIT = "means_tested_benefit"
    LOW_INCOME = "income_at_or_below_150_percent"
    FINANCIAL_HARDSHIP = "financial_hardship"

    @property
    def label(self) -> str:
        """The ground in the applicant's words."""
        return _LABELS[self]


_LABELS = {
    WaiverBasis.MEANS_TESTED_BENEFIT: (
        "I, my spouse or the head of my household receives a means-tested benefit "
        "(such as Medicaid, SNAP, TANF or SSI)"
    ),
    WaiverBasis.LOW_INCOME: (
        "My household income is at or below 150% of the Federal Poverty Guidelines"
    ),
    WaiverBasis.FINANCIAL_HARDSHIP: (
        "I cannot pay because of financial hardship (such as medical costs, job loss or disaster)"
    ),
}


class WaiverState(StrEnum):
    """Where a fee waiver request stands."""

    REQUESTED = "requested"
    APPROVED = "approved"
    DENIED = "denied"


def check_basis(basis: str) -> WaiverBasis:
    """The ground named, or InvalidArgument for anything else."""
    try:
        return WaiverBasis(basis)
    except ValueError:
        raise InvalidArgument("Choose why you cannot pay the fee.") from None


def amount_due(
    *, fee_cents: int, unwaivable_cents: int, paid_cents: int, waiver: WaiverState | None
) -> int | None:
    """What is still to pay on a filed case; None while a fee waiver request is undecided.

    Without a waiver request the fee was paid (or was nothing) when the case was filed.
    """
    if waiver is None:
        return 0
    if waiver is WaiverState.REQUESTED:
        return None
    owed = unwaivable_cents if waiver is WaiverState.APPROVED else fee_cents
    return max(owed - paid_cents, 0)


def requested(basis: str, explanation: str, document_ids: list[str]) -> dict[str, Any]:
    """A new request as a case records it (the aggregate and its read model alike)."""
    return {
        "state": WaiverState.REQUESTED.value,
        "basis": basis,
        "explanation": explanation,
        "document_ids": list(document_ids),
        "decided_by": None,
        "decision_reason": None,
    }


def decided(
    request: dict[str, Any] | None, state: WaiverState, decided_by: str, reason: str
) -> dict[str, Any]:
    """The request once decided, by whom and why."""
    return {
        **(request or {}),
        "state": state.value,
        "decided_by": decided_by,
        "decision_reason": reason,
    }


def state_of(request: dict[str, Any] | None) -> WaiverState | None:
    """Where a recorded request stands; None when there is none."""
    return None if request is None else WaiverState(request["state"])
