"""Where each role's work is: the page they land on after signing in and the header's links."""

from __future__ import annotations

from dataclasses import dataclass

from immportal.domain.actor import Role


@dataclass(frozen=True)
class NavLink:
    """One link of the header's primary navigation."""

    href: str
    label: str
    counts_unread: bool = False
    """Whether the unread notices are counted beside it (the applicant's inbox)."""


_FILER_LINKS = (NavLink("/cases", "Your cases"), NavLink("/inbox", "Inbox", counts_unread=True))
PRIMARY_LINKS: dict[Role, tuple[NavLink, ...]] = {
    Role.APPLICANT: _FILER_LINKS,
    Role.REPRESENTATIVE: _FILER_LINKS,
    Role.OFFICER: (
        NavLink("/staff/queue", "Work queue"),
        NavLink("/staff/messages", "Messages"),
        NavLink("/staff/requests", "Requests"),
        NavLink("/staff/appointments", "Appointments"),
    ),
    Role.SUPERVISOR: (
        NavLink("/staff/queue?view=review", "Review queue"),
        NavLink("/staff/queue", "Work queue"),
        NavLink("/staff/decisions", "Decision history"),
        NavLink("/staff/messages", "Messages"),
        NavLink("/staff/requests", "Requests"),
        NavLink("/staff/appointments", "Appointments"),
    ),
    Role.AUDITOR: (NavLink("/audit", "Audit search"), NavLink("/audit/verify", "Verify the log")),
    Role.ANALYST: (NavLink("/analytics", "Analytics"),),
    Role.ADMIN: (NavLink("/admin/recoveries", "Account recoveries"),),
}
"""Each role's own pages, in the order the header shows them; the first is their home."""
SIGNED_OUT_LINKS = (
    NavLink("/case-status", "Check a case status"),
    NavLink("/processing-times", "Processing times"),
)
ACCOUNT_PATH = "/account"


def home_path(role: Role | None) -> str:
    """The page a person of this role lands on after signing in: their work."""
    links = PRIMARY_LINKS.get(role) if role is not None else None
    return links[0].href if links else ACCOUNT_PATH
