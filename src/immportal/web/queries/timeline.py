"""A case's history as a page shows it: draft saves as one entry, who acted in words.

Applicants and representatives read who acted by role ("by an officer"); staff read
staff by name ("by Dana Reyes, officer"), since they answer for each other's work, and
applicants by role, as the case's file names them elsewhere.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from uuid import UUID

from immportal import formatting
from immportal.domain.cases.permissions import Standing
from immportal.i18n import N_, _, ngettext
from immportal.projections.case_timeline import TimelineEntry, get_timeline
from immportal.services.cases.timeline_groups import SavedWork, fold_saves
from immportal.web.person_zone import person_zone
from immportal.web.portal import Portal
from immportal.web.presenters import role_phrase
from immportal.web.queries.staff import staff_names

STAFF_ROLES = frozenset({"officer", "supervisor", "admin", "auditor"})
"""Roles whose acts staff readers see by the person's name."""
ROLE_WORDS = {
    "officer": N_("officer"),
    "supervisor": N_("supervisor"),
    "admin": N_("administrator"),
    "auditor": N_("auditor"),
}
# How staff read acts of people outside the staff, and of the portal itself.
STAFF_READ_PHRASES = {
    "applicant": N_("by the applicant"),
    "representative": N_("by a representative"),
    "system": N_("automatically"),
}


@dataclass(frozen=True)
class TimelineLine:
    """One entry of a case's history as the page shows it."""

    title: str
    occurred_at: datetime
    actor_role: str
    """Who acted, as a phrase: 'by you', 'by an officer', 'by Dana Reyes, officer'."""
    reason: str | None
    days: tuple[date, ...] = ()
    """For the draft's saves read together: the days they were made, earliest first."""
    staff_only: bool = False
    event_type: str = ""


# Who worked on a draft, as the subject of the sentence: whole phrases, so that each
# language can word them (the applicant reads "you"; everyone else "the applicant").
_TO_THE_APPLICANT = {
    frozenset({"applicant"}): N_("You"),
    frozenset({"representative"}): N_("Your representative"),
    frozenset({"applicant", "representative"}): N_("You and your representative"),
}
SOMEONE = N_("Someone")
"""Who worked on a draft when the role is not one the sentences name."""
_TO_OTHERS = {
    frozenset({"applicant"}): N_("The applicant"),
    frozenset({"representative"}): N_("A representative"),
    frozenset({"applicant", "representative"}): N_("The applicant and a representative"),
}


def saved_work_title(work: SavedWork, viewer: Standing) -> str:
    """'You worked on your application on 3 days', as the reader would say it."""
    days = len(work.days)
    if viewer is Standing.APPLICANT:
        who = _(_TO_THE_APPLICANT.get(frozenset(work.roles), SOMEONE))
        return ngettext(
            "%(who)s worked on your application on %(num)d day",
            "%(who)s worked on your application on %(num)d days",
            days,
            who=who,
            num=days,
        )
    who = _(_TO_OTHERS.get(frozenset(work.roles), SOMEONE))
    return ngettext(
        "%(who)s worked on the application on %(num)d day",
        "%(who)s worked on the application on %(num)d days",
        days,
        who=who,
        num=days,
    )


def staff_phrase(entry: TimelineEntry, names: dict[str, str]) -> str:
    """Who acted, as staff read it: staff by name and role, others by role."""
    role = entry.actor_role or ""
    if role in STAFF_ROLES and entry.actor_id:
        name = names.get(entry.actor_id, entry.actor_id)
        return _("by %(name)s, %(role)s", name=name, role=_(ROLE_WORDS[role]))
    return _(STAFF_READ_PHRASES[role]) if role in STAFF_READ_PHRASES else ""


def lines_of(
    entries: Sequence[TimelineEntry],
    viewer: Standing,
    names: dict[str, str] | None = None,
    *,
    zone: str = formatting.AGENCY_ZONE,
) -> list[TimelineLine]:
    """The entries as lines for `viewer`, the draft's saves as one line (days in `zone`)."""
    lines = []
    for item in fold_saves(entries, formatting.zone(zone)):
        if isinstance(item, SavedWork):
            title = saved_work_title(item, viewer)
            lines.append(
                TimelineLine(title, item.last_at, "", None, item.days, False, "AnswersSaved")
            )
            continue
        if viewer is Standing.STAFF:
            who = staff_phrase(item, names or {})
        else:
            who = role_phrase(item.actor_role, viewer)
        lines.append(
            TimelineLine(
                item.title,
                item.occurred_at,
                who,
                item.reason,
                staff_only=item.staff_only,
                event_type=item.event_type,
            )
        )
    return lines


async def timeline_lines(
    runtime: Portal, case_id: UUID, viewer: Standing = Standing.APPLICANT
) -> list[TimelineLine]:
    """The case's history as the viewer reads it (staff-only entries for staff alone)."""
    staff = viewer is Standing.STAFF
    entries = await get_timeline(runtime.pool, case_id, include_staff_only=staff)
    names = {}
    if staff:
        names = await staff_names(
            runtime, (e.actor_id for e in entries if (e.actor_role or "") in STAFF_ROLES)
        )
    return lines_of(entries, viewer, names, zone=person_zone())
