"""Emails about a case's conversation and requests: that something waits, never what it says."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from uuid import UUID

from immportal.domain.actor import Role
from immportal.integration.base import IntegrationEvent
from immportal.integration.contracts import CaseRequestDecided, MessagePosted

STAFF_ROLES = frozenset({Role.OFFICER.value, Role.SUPERVISOR.value})


@dataclass(frozen=True)
class CorrespondenceEmail:
    """Subject, the one sentence that says what happened, and which events it is sent for."""

    subject: str
    what: str
    applies: Callable[[IntegrationEvent], bool]


def _from_the_office(event: IntegrationEvent) -> bool:
    # People are told of the office's messages; the office reads its inbox instead.
    return isinstance(event, MessagePosted) and event.author_role in STAFF_ROLES


def _decided(event: IntegrationEvent) -> bool:
    return isinstance(event, CaseRequestDecided)


CORRESPONDENCE_EMAILS: Mapping[str, CorrespondenceEmail] = {
    "conversation.message_posted": CorrespondenceEmail(
        "You have a new message about your case",
        "The office working on your case sent you a message.",
        _from_the_office,
    ),
    "case_requests.request_decided": CorrespondenceEmail(
        "We decided on your request",
        "We made a decision on a request you sent us about your case.",
        _decided,
    ),
}
"""Routing key → the email sent to the case's applicant when it applies."""


def case_of(event: IntegrationEvent) -> UUID:
    """The case a conversation's or request's event is about."""
    if not isinstance(event, MessagePosted | CaseRequestDecided):
        raise TypeError(f"not a correspondence event: {type(event).__name__}")
    return event.case_id


def compose_correspondence_text(
    email: CorrespondenceEmail, first_name: str, sign_in_url: str
) -> str:
    """The body: what happened and where to read it, with no word of the message itself."""
    return "\n".join(
        [
            f"Hello {first_name}," if first_name else "Hello,",
            "",
            email.what,
            "",
            "For your privacy, this email does not include the message or any details "
            "about your case.",
            f"Sign in to read it on your case page: {sign_in_url.rstrip('/')}/cases",
            "",
            "Please do not reply to this email.",
        ]
    )
