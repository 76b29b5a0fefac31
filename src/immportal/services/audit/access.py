"""Access records: every staff view of a case page or document, and who may see them."""

from dataclasses import dataclass
from datetime import datetime
from uuid import UUID

from immportal.domain.actor import Role
from immportal.services.audit.ports import Access, AccessLog, Viewed

STAFF_ROLES = frozenset({Role.OFFICER, Role.SUPERVISOR, Role.AUDITOR, Role.ADMIN})
"""Whose views of a case are recorded (applicants and representatives see their own)."""


@dataclass(frozen=True)
class OfficeView:
    """One view as the applicant reads it: which office, and when (never who)."""

    office: str | None
    at: datetime


async def record_access(
    log: AccessLog,
    *,
    viewer_id: UUID,
    viewer_role: Role,
    case_id: UUID,
    what: Viewed = Viewed.PAGE,
    office: str | None = None,
    document_id: str | None = None,
) -> bool:
    """Record a staff member's view of a case; other roles' views are not records."""
    if viewer_role not in STAFF_ROLES:
        return False
    if (what is Viewed.DOCUMENT) != (document_id is not None):
        raise ValueError("a document id goes with a document view, and only with one")
    await log.add(
        viewer_id=viewer_id,
        viewer_role=viewer_role,
        office=office,
        case_id=case_id,
        what=what,
        document_id=document_id,
    )
    return True


async def accesses_for_case(log: AccessLog, case_id: UUID, limit: int = 500) -> list[Access]:
    """Who viewed the case, in which role, what and when; newest first (for auditors)."""
    return await log.for_case(case_id, limit)


async def offices_that_viewed(log: AccessLog, case_id: UUID, limit: int = 50) -> list[OfficeView]:
    """Which office looked at the case and when, newest first (for the applicant)."""
    return [OfficeView(a.office, a.at) for a in await log.for_case(case_id, limit)]
