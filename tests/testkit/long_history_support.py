"""A case with a long history, walked through the officer workspace as people would.

Accepted, claimed, noted, evidence asked for and received, address changed, a
representative authorized, interviewed, a denial proposed and returned, an approval
proposed for review, approved, issued, reopened on a motion, the representative revoked.
The case as it stood after each step is kept, as the portal itself loads it, for the
tests that compare what auditors see of the past with what was live then.
"""

import copy
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any
from uuid import UUID

from immportal.domain.actor import Actor, Role
from immportal.domain.cases.case import Case
from testkit.e2e_support import Portal
from testkit.officer_support import SignInStaff, act, case_at
from testkit.signed_in_support import Person

NEW_ADDRESS = {"line1": "8 Quay Road", "city": "Salem", "state": "MA", "postal_code": "01970"}
RETURNED_BECAUSE = "Check the new passport first."
EVIDENCE_REASON = "- Identity: the passport copy is unreadable"
"""Starts as a spreadsheet formula would (a bullet): exports must keep it text, and whole."""


@dataclass(frozen=True)
class LongHistory:
    """The case, who worked it, and the case as loaded right after each step, by version."""

    case_id: UUID
    applicant: Actor
    officer: Person
    supervisor: Person
    live: dict[int, Case]


def public_state(case: Case) -> dict[str, Any]:
    """The case's own fields and its identity, version and times (a deep copy)."""
    fields = {k: copy.deepcopy(v) for k, v in vars(case).items() if not k.startswith("_")}
    return {
        **fields,
        "id": case.id,
        "version": case.version,
        "created_on": case.created_on,
        "modified_on": case.modified_on,
    }


async def walk_long_history(portal: Portal, sign_in: SignInStaff) -> LongHistory:
    """Take a new case at NBC through its long history; keep the case after every step."""
    runtime = portal.runtime
    case_id = await case_at(portal)
    case = await runtime.cases.get(case_id)
    applicant = Actor(case.applicant_id, Role.APPLICANT)
    officer = await sign_in(Role.OFFICER, "NBC")
    supervisor = await sign_in(Role.SUPERVISOR, "NBC")
    live = {case.version: copy.deepcopy(case)}
    soon = (datetime.now(UTC) + timedelta(days=20)).date().isoformat()

    def posted(who: Person, action: str, form: dict[str, str]) -> Callable[[], Awaitable[None]]:
        async def step() -> None:
            sent = await act(who, case_id, action, form)
            assert 303 == sent.status, (action, sent.status)

        return step

    def applicant_does(command: Callable[[Case], None]) -> Callable[[], Awaitable[None]]:
        async def step() -> None:
            await runtime.cases.update(case_id, None, command)

        return step

    representative = "representative-long-history"
    steps = [
        posted(officer, "claim", {}),
        posted(officer, "note", {"note": "Called the applicant about the passport."}),
        posted(
            officer,
            "evidence-request",
            {"items": "Passport\nBirth certificate", "due_on": "", "reason": EVIDENCE_REASON},
        ),
        applicant_does(lambda c: c.receive_evidence(applicant, ["doc-1", "doc-2"])),
        applicant_does(lambda c: c.change_address(applicant, NEW_ADDRESS)),
        applicant_does(lambda c: c.authorize_representative(applicant, representative)),
        posted(officer, "interview", {"date": soon, "time": "10:30", "location": "Room 4"}),
        posted(officer, "interview-outcome", {"outcome": "Answers were consistent."}),
        posted(
            officer,
            "proposal",
            {"outcome": "deny", "reason": "No status", "legal_basis": "8 CFR 274a.12"},
        ),
        posted(supervisor, "return", {"comments": RETURNED_BECAUSE}),
        posted(
            officer,
            "proposal",
            {"outcome": "approve", "reason": "Eligible", "legal_basis": "", "review": "on"},
        ),
        posted(supervisor, "approve", {"comments": "Agreed."}),
        posted(officer, "issue", {}),
        posted(officer, "reopen", {"motion": "Motion to reconsider the card's validity."}),
        applicant_does(lambda c: c.revoke_representative(applicant, representative)),
    ]
    for step in steps:
        await step()
        case = await runtime.cases.get(case_id)
        live[case.version] = copy.deepcopy(case)
    return LongHistory(case_id, applicant, officer, supervisor, live)
