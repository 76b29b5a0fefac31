"""Staff views of a case grouped by office and day, so fifty page loads read as two visits.

An officer working a case opens its page again after every action, so the access log
holds many rows for one morning's work. The applicant needs to know which offices
looked and on which days; auditors need every person and what they opened, but one
line per person, thing and day (with how often and between which times) says the
same as fifty. Days are the reader's days: `zone` is the reader's time zone.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, tzinfo
from uuid import UUID

from immportal.services.audit.access import OfficeView
from immportal.services.audit.ports import Access


@dataclass(frozen=True)
class OfficeDays:
    """One office's views of a case, as the applicant reads them."""

    office: str | None
    days: tuple[date, ...]
    """The days its staff opened the case, newest first."""
    last_at: datetime


def offices_by_day(views: Iterable[OfficeView], zone: tzinfo) -> list[OfficeDays]:
    """One entry per office with the days it looked; the office that looked last first."""
    days: dict[str | None, set[date]] = {}
    last: dict[str | None, datetime] = {}
    for view in views:
        days.setdefault(view.office, set()).add(view.at.astimezone(zone).date())
        last[view.office] = max(view.at, last.get(view.office, view.at))
    return sorted(
        (
            OfficeDays(office, tuple(sorted(found, reverse=True)), last[office])
            for office, found in days.items()
        ),
        key=lambda entry: entry.last_at,
        reverse=True,
    )


@dataclass(frozen=True)
class AccessDay:
    """What one person opened (in one role, at one office) on one day, and how often."""

    day: date
    viewer_id: UUID
    viewer_role: str
    office: str | None
    what: str
    document_id: str | None
    first_at: datetime
    last_at: datetime
    times: int


def accesses_by_day(accesses: Iterable[Access], zone: tzinfo) -> list[AccessDay]:
    """Identical views on the same day folded into one line; the latest line first."""
    groups: dict[tuple[date, UUID, str, str | None, str, str | None], list[Access]] = {}
    for access in accesses:
        day = access.at.astimezone(zone).date()
        key = (
            day,
            access.viewer_id,
            access.viewer_role,
            access.office,
            access.what,
            access.document_id,
        )
        groups.setdefault(key, []).append(access)
    lines = [
        AccessDay(
            day=key[0],
            viewer_id=found[0].viewer_id,
            viewer_role=found[0].viewer_role,
            office=found[0].office,
            what=found[0].what,
            document_id=found[0].document_id,
            first_at=min(a.at for a in found),
            last_at=max(a.at for a in found),
            times=len(found),
        )
        for key, found in groups.items()
    ]
    return sorted(lines, key=lambda line: line.last_at, reverse=True)
