"""Emails about a case's conversation and requests: that something waits, never what it says."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from uuid import UUID

from immportal.domain.actor import Role
from immportal.i18n import N_
from immportal.integration.base import IntegrationEvent
from immportal.integration.contracts import CaseRequestDecided, MessagePosted
from immportal.services.notifications.ports import MailTexts

STAFF_ROLES = frozenset({Role.OFFICER.value, Role.SUPERVISOR.value})


@dataclass(frozen=True)
class CorrespondenceEmail:
    """Subject, the one sentence that says what happened, and which events it is sent for.

    The words are English, marked with N_(): the sender translates them for the recipient.
    """

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
        N_("You have a new message about your case"),
        N_("The office working on your case sent you a message."),
        _from_the_office,
    ),
    "case_requests.request_decided": CorrespondenceEmail(
        N_("We decided on your request"),
        N_("We made a decision on a request you sent us about your case."),
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
    texts: MailTexts, email: CorrespondenceEmail, first_name: str, sign_in_url: str
) -> str:
    """The body: what happened and where to read it, with no word of the message itself."""
    return texts.render(
        "correspondence.txt",
        first_name=first_name,
        what=email.what,
        cases_url=f"{sign_in_url.rstrip('/')}/cases",
    )
