"""Where each role's work is: the page they land on after signing in and the header's links."""

from __future__ import annotations

from dataclasses import dataclass

from immportal.domain.actor import Role
from immportal.i18n import N_


@dataclass(frozen=True)
class NavLink:
    """One link of the header's primary navigation."""

    href: str
    label: str
    """English, marked with N_(); the header translates it."""
    counts_unread: bool = False
    """Whether the unread notices are counted beside it (the applicant's inbox)."""


_FILER_LINKS = (
    NavLink("/cases", N_("Your cases")),
    NavLink("/inbox", N_("Inbox"), counts_unread=True),
)
PRIMARY_LINKS: dict[Role, tuple[NavLink, ...]] = {
    Role.APPLICANT: _FILER_LINKS,
    Role.REPRESENTATIVE: _FILER_LINKS,
    Role.OFFICER: (
        NavLink("/staff/queue", N_("Work queue")),
        NavLink("/staff/messages", N_("Messages")),
        NavLink("/staff/requests", N_("Requests")),
        NavLink("/staff/appointments", N_("Appointments")),
    ),
    Role.SUPERVISOR: (
        NavLink("/staff/queue?view=review", N_("Review queue")),
        NavLink("/staff/queue", N_("Work queue")),
        NavLink("/staff/decisions", N_("Decision history")),
        NavLink("/staff/messages", N_("Messages")),
        NavLink("/staff/requests", N_("Requests")),
        NavLink("/staff/appointments", N_("Appointments")),
    ),
    Role.AUDITOR: (
        NavLink("/audit", N_("Audit search")),
        NavLink("/audit/verify", N_("Verify the log")),
    ),
    Role.ANALYST: (NavLink("/analytics", N_("Analytics")),),
    Role.ADMIN: (NavLink("/admin/recoveries", N_("Account recoveries")),),
}
"""Each role's own pages, in the order the header shows them; the first is their home."""
SIGNED_OUT_LINKS = (
    NavLink("/case-status", N_("Check a case status")),
    NavLink("/processing-times", N_("Processing times")),
)
ACCOUNT_PATH = "/account"


def home_path(role: Role | None) -> str:
    """The page a person of this role lands on after signing in: their work."""
    links = PRIMARY_LINKS.get(role) if role is not None else None
    return links[0].href if links else ACCOUNT_PATH
