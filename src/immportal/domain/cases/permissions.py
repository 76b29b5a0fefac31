"""Which roles may perform each case command."""

from __future__ import annotations

from collections.abc import Collection, Mapping
from enum import StrEnum

from immportal.domain.actor import Actor, Role
from immportal.domain.errors import NotPermitted

_FILERS = frozenset({Role.APPLICANT, Role.REPRESENTATIVE})
_ADJUDICATORS = frozenset({Role.OFFICER, Role.SUPERVISOR})
_APPLICANT = frozenset({Role.APPLICANT})
CASE_READERS = frozenset({Role.OFFICER, Role.SUPERVISOR, Role.AUDITOR, Role.ADMIN})
"""Staff roles that may read any case (analysts see only de-identified read models)."""

COMMAND_ROLES: Mapping[str, frozenset[Role]] = {
    "start": _FILERS,
    "save_answers": _FILERS,
    "submit": _FILERS,
    "accept": _ADJUDICATORS | {Role.SYSTEM},
    "reject_filing": _ADJUDICATORS | {Role.SYSTEM},
    "refund_fee": _ADJUDICATORS,
    "decide_fee_waiver": _ADJUDICATORS,
    "pay_fee": _FILERS,
    "schedule_biometrics": _ADJUDICATORS | {Role.SYSTEM},
    # Applicants move their own appointment online, within the rules services/appointments.py
    # applies (not within 12 hours, at most twice).
    "reschedule_biometrics": _FILERS | _ADJUDICATORS | {Role.SYSTEM},
    "record_biometrics_attended": _ADJUDICATORS | {Role.SYSTEM},
    "record_biometrics_missed": _ADJUDICATORS | {Role.SYSTEM},
    "assign": _ADJUDICATORS | {Role.SYSTEM},
    "request_evidence": _ADJUDICATORS,
    "receive_evidence": _FILERS | _ADJUDICATORS | {Role.SYSTEM},
    "schedule_interview": _ADJUDICATORS,
    "reschedule_interview": _ADJUDICATORS,
    "complete_interview": _ADJUDICATORS,
    "propose_decision": _ADJUDICATORS,
    "return_proposal": frozenset({Role.SUPERVISOR}),
    "approve_proposal": frozenset({Role.SUPERVISOR}),
    "issue_decision": _ADJUDICATORS,
    "appeal": _FILERS,
    "reopen": _ADJUDICATORS,
    # Officers may record a withdrawal the applicant asked for by mail or phone.
    "withdraw": _FILERS | _ADJUDICATORS,
    # The applicant's own draft: only they may throw it away.
    "delete_draft": _APPLICANT,
    "transfer": _ADJUDICATORS | {Role.ADMIN},
    # A new filing is sent to an office by the system as it is filed (domain/cases/routing.py).
    "route": frozenset({Role.SYSTEM}),
    "change_address": _FILERS | {Role.OFFICER},
    "add_note": _ADJUDICATORS | {Role.ADMIN},
    # Asking about a case outside normal processing time (services/inquiries.py checks when).
    "submit_inquiry": _FILERS,
    "close": _ADJUDICATORS | {Role.SYSTEM},
    # Only the applicant chooses who represents them (as on Form G-28).
    "authorize_representative": _APPLICANT,
    "revoke_representative": _APPLICANT,
}
"""The roles allowed to perform each command, keyed by the name of the Case method."""


def check_role(actor: Actor, allowed: frozenset[Role]) -> None:
    """Raise NotPermitted unless the actor's role is one of the allowed roles."""
    if actor.role not in allowed:
        msg = f"A user acting as {actor.role.value} may not do this."
        raise NotPermitted(msg)


def check_permitted(actor: Actor, command: str) -> None:
    """Raise NotPermitted unless the actor's role may perform the command."""
    check_role(actor, COMMAND_ROLES[command])


class Standing(StrEnum):
    """How a person stands to one case: why they may see it."""

    APPLICANT = "applicant"
    REPRESENTATIVE = "representative"
    STAFF = "staff"


def standing(
    actor: Actor, applicant_id: str | None, representative_ids: Collection[str]
) -> Standing | None:
    """The actor's standing on a case of this applicant and representatives, or None."""
    if actor.role is Role.APPLICANT and actor.user_id == applicant_id:
        return Standing.APPLICANT
    if actor.role is Role.REPRESENTATIVE and actor.user_id in representative_ids:
        return Standing.REPRESENTATIVE
    if actor.role in CASE_READERS:
        return Standing.STAFF
    return None


def check_acts_for(actor: Actor, applicant_id: str, representative_ids: Collection[str]) -> None:
    """Raise NotPermitted when an applicant or representative acts on someone else's case."""
    if actor.role in _FILERS and standing(actor, applicant_id, representative_ids) is None:
        raise NotPermitted("You may act only on your own cases and the cases you represent.")
