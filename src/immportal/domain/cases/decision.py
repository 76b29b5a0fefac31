"""Decisions: an officer proposes, a supervisor reviews, and denials need a second officer."""

from __future__ import annotations

from typing import Any

from immportal.domain.errors import InvalidArgument, LegalBasisRequired, SecondOfficerRequired

OUTCOMES: dict[str, str] = {"approve": "approved", "deny": "denied"}
"""A proposal's outcome, and the decision it becomes when issued."""


def check_outcome(outcome: str, legal_basis: str) -> None:
    """Raise unless the outcome is approve or deny, and a denial cites its legal basis."""
    if outcome not in OUTCOMES:
        msg = f"A decision must approve or deny, not {outcome!r}."
        raise InvalidArgument(msg)
    if outcome == "deny" and not legal_basis.strip():
        msg = "A denial must cite its legal basis."
        raise LegalBasisRequired(msg)


def review_needed(outcome: str, requested: bool) -> bool:
    """Tell whether a proposal needs supervisor review; every denial does."""
    return requested or outcome == "deny"


OWN_PROPOSAL = "A proposal must be reviewed by a supervisor other than the officer who proposed it."


def check_reviewer(proposal: dict[str, Any], reviewer_id: str) -> None:
    """Raise SecondOfficerRequired if the person who made a proposal tries to approve it.

    Every proposal that reaches review (each denial, and approvals sent to review or made
    at an office where approvals wait for one) needs a second person, or the review
    would be the proposer's own.
    """
    if proposal["proposed_by"] == reviewer_id:
        raise SecondOfficerRequired(OWN_PROPOSAL)
