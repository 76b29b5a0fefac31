"""The statuses of a case and which command may move it from one status to the next."""

from __future__ import annotations

from collections.abc import Mapping
from enum import StrEnum
from typing import NamedTuple

from immportal.domain.errors import CaseClosed, TransitionNotAllowed
from immportal.i18n import N_


class CaseStatus(StrEnum):
    """Where a case stands in its lifecycle."""

    DRAFT = "draft"
    SUBMITTED = "submitted"
    ACCEPTED = "accepted"
    BIOMETRICS_SCHEDULED = "biometrics_scheduled"
    BIOMETRICS_ATTENDED = "biometrics_attended"
    BIOMETRICS_MISSED = "biometrics_missed"
    ASSIGNED = "assigned"
    EVIDENCE_REQUESTED = "evidence_requested"
    EVIDENCE_RECEIVED = "evidence_received"
    INTERVIEW_SCHEDULED = "interview_scheduled"
    INTERVIEW_COMPLETED = "interview_completed"
    DECISION_PROPOSED = "decision_proposed"
    DECISION_REVIEWED = "decision_reviewed"
    APPROVED = "approved"
    DENIED = "denied"
    APPEALED = "appealed"
    REOPENED = "reopened"
    WITHDRAWN = "withdrawn"
    REJECTED = "rejected"
    """The filing could not be accepted (unsigned, wrong fee, wrong form); its fee is refunded."""
    CLOSED = "closed"


_S = CaseStatus

PENDING_STATUSES: frozenset[CaseStatus] = frozenset(
    {
        _S.SUBMITTED,
        _S.ACCEPTED,
        _S.BIOMETRICS_SCHEDULED,
        _S.BIOMETRICS_ATTENDED,
        _S.BIOMETRICS_MISSED,
        _S.ASSIGNED,
        _S.EVIDENCE_REQUESTED,
        _S.EVIDENCE_RECEIVED,
        _S.INTERVIEW_SCHEDULED,
        _S.INTERVIEW_COMPLETED,
        _S.DECISION_PROPOSED,
        _S.DECISION_REVIEWED,
    }
)
"""Submitted and not yet decided: the applicant may still withdraw."""

OPEN_STATUSES: frozenset[CaseStatus] = PENDING_STATUSES | {_S.REOPENED, _S.APPEALED}
"""Waiting for the agency to act."""

DECIDED_STATUSES: frozenset[CaseStatus] = frozenset({_S.APPROVED, _S.DENIED})
"""A decision has been issued."""

TERMINAL_STATUSES: frozenset[CaseStatus] = frozenset({_S.WITHDRAWN, _S.CLOSED})
"""Nothing more happens to the case, except that a withdrawn case is closed."""

ACTIVE_STATUSES: frozenset[CaseStatus] = OPEN_STATUSES | DECIDED_STATUSES
"""Filed and not finished: mail about these cases (cards, notices, appeals) still matters.

A profile's change of address reaches these cases; drafts keep the address their form
gives, and rejected, withdrawn and closed cases get no more mail.
"""

AWAITING_DECISION: frozenset[CaseStatus] = PENDING_STATUSES - {_S.SUBMITTED}
"""Accepted and not yet decided: the applicant may ask about a case taking too long."""

# Reassigning an officer keeps the case where it is in adjudication.
_ADJUDICATING: frozenset[CaseStatus] = frozenset(
    {
        _S.ASSIGNED,
        _S.EVIDENCE_REQUESTED,
        _S.EVIDENCE_RECEIVED,
        _S.INTERVIEW_SCHEDULED,
        _S.INTERVIEW_COMPLETED,
        _S.DECISION_PROPOSED,
        _S.DECISION_REVIEWED,
    }
)
_READY_TO_DECIDE: frozenset[CaseStatus] = frozenset(
    {_S.ASSIGNED, _S.EVIDENCE_RECEIVED, _S.INTERVIEW_COMPLETED}
)


class Transition(NamedTuple):
    """The statuses a command is allowed from and the status it leads to."""

    allowed_from: frozenset[CaseStatus]
    """Every status the command may be applied in."""
    target: CaseStatus | None
    """The status the command leads to; None leaves the status unchanged."""
    unchanged_from: frozenset[CaseStatus] = frozenset()
    """Statuses, among allowed_from, that the command leaves unchanged."""

    def apply(self, current: CaseStatus) -> CaseStatus:
        """Return the status after the command, given it is allowed from current."""
        if self.target is None or current in self.unchanged_from:
            return current
        return self.target


def _to(target: CaseStatus | None, *sources: CaseStatus) -> Transition:
    return Transition(frozenset(sources), target)


TRANSITIONS: Mapping[str, Transition] = {
    "save_answers": _to(None, _S.DRAFT),
    "submit": _to(_S.SUBMITTED, _S.DRAFT),
    "accept": _to(_S.ACCEPTED, _S.SUBMITTED),
    "reject_filing": _to(_S.REJECTED, _S.SUBMITTED),
    "refund_fee": _to(None, _S.REJECTED),
    # A fee waiver request is decided, and a fee it leaves due is paid, before acceptance.
    "decide_fee_waiver": _to(None, _S.SUBMITTED),
    "pay_fee": _to(None, _S.SUBMITTED),
    "schedule_biometrics": _to(_S.BIOMETRICS_SCHEDULED, _S.ACCEPTED, _S.BIOMETRICS_MISSED),
    "reschedule_biometrics": _to(None, _S.BIOMETRICS_SCHEDULED),
    "record_biometrics_attended": _to(_S.BIOMETRICS_ATTENDED, _S.BIOMETRICS_SCHEDULED),
    "record_biometrics_missed": _to(_S.BIOMETRICS_MISSED, _S.BIOMETRICS_SCHEDULED),
    "assign": Transition(
        frozenset({_S.ACCEPTED, _S.BIOMETRICS_SCHEDULED, _S.BIOMETRICS_ATTENDED, _S.REOPENED})
        | _ADJUDICATING,
        _S.ASSIGNED,
        unchanged_from=_ADJUDICATING,
    ),
    "request_evidence": Transition(_READY_TO_DECIDE, _S.EVIDENCE_REQUESTED),
    "receive_evidence": _to(_S.EVIDENCE_RECEIVED, _S.EVIDENCE_REQUESTED),
    "schedule_interview": Transition(_READY_TO_DECIDE, _S.INTERVIEW_SCHEDULED),
    "reschedule_interview": _to(None, _S.INTERVIEW_SCHEDULED),
    "complete_interview": _to(_S.INTERVIEW_COMPLETED, _S.INTERVIEW_SCHEDULED),
    "propose_decision": Transition(_READY_TO_DECIDE, _S.DECISION_PROPOSED),
    "return_proposal": _to(_S.ASSIGNED, _S.DECISION_PROPOSED),
    "approve_proposal": _to(_S.DECISION_REVIEWED, _S.DECISION_PROPOSED),
    # The outcome of the proposal picks approved or denied, so the aggregate sets it.
    "issue_decision": _to(None, _S.DECISION_PROPOSED, _S.DECISION_REVIEWED),
    "appeal": _to(_S.APPEALED, _S.DENIED),
    "reopen": _to(_S.REOPENED, _S.APPEALED, _S.DENIED, _S.APPROVED),
    "withdraw": Transition(PENDING_STATUSES, _S.WITHDRAWN),
    # A deleted draft ends like a withdrawn application: nothing more happens to it.
    "delete_draft": _to(_S.WITHDRAWN, _S.DRAFT),
    "transfer": Transition(PENDING_STATUSES | {_S.REOPENED}, None),
    # At filing: a $0 filing is accepted in the same step, so it is routed once accepted.
    "route": Transition(frozenset({_S.SUBMITTED, _S.ACCEPTED}), None),
    "change_address": Transition(frozenset(_S) - TERMINAL_STATUSES, None),
    "add_note": Transition(frozenset(_S) - {_S.DRAFT}, None),
    "submit_inquiry": Transition(AWAITING_DECISION, None),
    "close": _to(_S.CLOSED, _S.APPROVED, _S.DENIED, _S.WITHDRAWN, _S.APPEALED, _S.REJECTED),
    "authorize_representative": Transition(frozenset(_S) - TERMINAL_STATUSES, None),
    # Taking someone's access away must always be possible, even on a closed case.
    "revoke_representative": Transition(frozenset(_S), None),
}
"""Each command's transition, keyed by the name of the Case method."""


def next_status(command: str, current: CaseStatus) -> CaseStatus:
    """Return the status after command, or raise TransitionNotAllowed if it is not allowed."""
    transition = TRANSITIONS[command]
    if current in transition.allowed_from:
        return transition.apply(current)
    action = command.replace("_", " ")
    if current in TERMINAL_STATUSES:
        message = f"Cannot {action}: the case was {current.value}."
        raise CaseClosed(message, command=command, status=current.value)
    message = f"Cannot {action} while the case status is: {describe(current)}."
    raise TransitionNotAllowed(message, command=command, status=current.value)


def is_allowed(command: str, current: CaseStatus) -> bool:
    """Tell whether command may be applied to a case in the current status."""
    return current in TRANSITIONS[command].allowed_from


def allowed_commands(current: CaseStatus) -> frozenset[str]:
    """Return the names of the commands that may be applied in the current status."""
    return frozenset(name for name, t in TRANSITIONS.items() if current in t.allowed_from)


_LABELS: Mapping[CaseStatus, str] = {
    _S.DRAFT: N_("Draft, not yet submitted"),
    _S.SUBMITTED: N_("Submitted, waiting to be accepted"),
    _S.ACCEPTED: N_("Case was received"),
    _S.BIOMETRICS_SCHEDULED: N_("Biometrics appointment scheduled"),
    _S.BIOMETRICS_ATTENDED: N_("Biometrics taken"),
    _S.BIOMETRICS_MISSED: N_("Biometrics appointment missed"),
    _S.ASSIGNED: N_("Case is being reviewed by an officer"),
    _S.EVIDENCE_REQUESTED: N_("Request for evidence sent"),
    _S.EVIDENCE_RECEIVED: N_("Evidence received"),
    _S.INTERVIEW_SCHEDULED: N_("Interview scheduled"),
    _S.INTERVIEW_COMPLETED: N_("Interview completed"),
    _S.DECISION_PROPOSED: N_("Decision proposed"),
    _S.DECISION_REVIEWED: N_("Decision reviewed by a supervisor"),
    _S.APPROVED: N_("Decision: approved"),
    _S.DENIED: N_("Decision: denied"),
    _S.APPEALED: N_("Appeal or motion filed"),
    _S.REOPENED: N_("Case reopened"),
    _S.WITHDRAWN: N_("Case withdrawn"),
    _S.REJECTED: N_("Filing rejected"),
    _S.CLOSED: N_("Case closed"),
}


def describe(status: CaseStatus) -> str:
    """Return a plain-language label for the status."""
    return _LABELS[status]
