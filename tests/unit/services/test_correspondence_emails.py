"""Emails about messages and request decisions (services.notifications.correspondence_emails)."""

from datetime import UTC, datetime
from uuid import uuid4

import pytest

from immportal.adapters.mail.texts import JinjaMailTexts
from immportal.integration.base import IntegrationEvent
from immportal.integration.contracts import CaseRequestDecided, MessagePosted
from immportal.services.notifications.correspondence_emails import (
    CORRESPONDENCE_EMAILS,
    case_of,
    compose_correspondence_text,
)

CASE_ID = uuid4()
BASE = {"event_id": uuid4(), "aggregate_id": uuid4(), "version": 2}
WHEN = datetime(2027, 3, 4, 9, 30, tzinfo=UTC)


def posted(role: str) -> MessagePosted:
    """A message of someone in this role, with one attachment."""
    return MessagePosted(
        **BASE, occurred_at=WHEN, case_id=CASE_ID, author_role=role, attachment_count=1
    )


class TestWhoIsEmailed:
    """The applicant hears of the office's messages and of decisions, not of their own words."""

    @pytest.mark.parametrize(
        ("role", "emailed"),
        [("officer", True), ("supervisor", True), ("applicant", False), ("representative", False)],
    )
    def test_messages(self, role: str, emailed: bool) -> None:
        """Only a message from the office is worth an email to the applicant."""
        email = CORRESPONDENCE_EMAILS["conversation.message_posted"]
        assert emailed == email.applies(posted(role))

    def test_decisions(self) -> None:
        """Every decision is emailed, about the request's case."""
        event = CaseRequestDecided(
            **BASE, occurred_at=WHEN, case_id=CASE_ID, kind="expedite", outcome="granted"
        )
        assert CORRESPONDENCE_EMAILS["case_requests.request_decided"].applies(event)
        assert CASE_ID == case_of(event)
        assert CASE_ID == case_of(posted("officer"))

    def test_other_events_have_no_case(self) -> None:
        """A plain integration event is not a correspondence event."""
        with pytest.raises(TypeError):
            case_of(IntegrationEvent(**BASE, occurred_at=WHEN))


TEXTS = JinjaMailTexts()


class TestText:
    """The email says that something waits and where, never what it says."""

    def test_no_content_and_a_link(self) -> None:
        """Greeting by first name, the case list link, the privacy sentence."""
        email = CORRESPONDENCE_EMAILS["conversation.message_posted"]
        text = compose_correspondence_text(TEXTS, email, "Ana", "https://portal.example/")
        assert [
            "Hello Ana,",
            "",
            "The office working on your case sent you a message.",
            "",
            "For your privacy, this email does not include the message or any details "
            "about your case.",
            "Sign in to read it on your case page: https://portal.example/cases",
            "",
            "Please do not reply to this email.",
        ] == text.split("\n")

    def test_without_a_name(self) -> None:
        """No first name on file: 'Hello,'."""
        email = CORRESPONDENCE_EMAILS["case_requests.request_decided"]
        assert compose_correspondence_text(TEXTS, email, "", "https://p.example").startswith(
            "Hello,\n"
        )
