"""Actions the status allows but the case's rules would refuse now, and why, in staff's words.

The review page offers an action when the status machine allows its command; a few
commands have further rules (a proposal under review cannot be issued, nobody reviews
their own proposal, a fee is refunded once). Those are shown disabled, with the reason,
instead of being offered and then refused.
"""

from __future__ import annotations

from immportal.domain.cases.case import Case
from immportal.domain.cases.status import CaseStatus
from immportal.services.cases.adjudication import StaffMember
from immportal.services.cases.files import CaseFile
from immportal.web.officer.actions import Action

UNDER_REVIEW = "A supervisor must review the proposed decision before it can be issued."
OWN_PROPOSAL = "You proposed this decision, so another supervisor must review it."
REFUNDED = "The fee of this filing was refunded already."
NOTHING_PAID = "No fee was paid for this filing, so there is nothing to refund."


def refusal(action: Action, member: StaffMember, case: Case | CaseFile) -> str | None:
    """Why the case's rules would refuse the action now, or None if they would not."""
    proposal = case.proposal or {}
    command = action.command
    if command == "issue_decision" and case.status is CaseStatus.DECISION_PROPOSED:
        return UNDER_REVIEW if proposal.get("review_required") else None
    if command == "approve_proposal":
        return OWN_PROPOSAL if proposal.get("proposed_by") == member.actor.user_id else None
    if command == "refund_fee":
        if case.fee_refunded:
            return REFUNDED
        return NOTHING_PAID if case.fee_paid_cents <= 0 else None
    return None


def split_by_refusal(
    actions: list[Action], member: StaffMember, case: Case | CaseFile
) -> tuple[list[Action], list[tuple[Action, str]]]:
    """The actions that can be done now, and those that cannot with the reason why."""
    ready, waiting = [], []
    for action in actions:
        reason = refusal(action, member, case)
        if reason is None:
            ready.append(action)
        else:
            waiting.append((action, reason))
    return ready, waiting
