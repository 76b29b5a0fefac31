"""Each email is written from its template in the recipient's language (notifications)."""

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import UTC, date, datetime
from uuid import UUID, uuid4

import orjson
import pytest

from immportal.adapters.mail.texts import JinjaMailTexts
from immportal.i18n import _, current_language, use_language
from immportal.integration.base import IntegrationEvent
from immportal.integration.contracts import CaseAccepted, EvidenceRequested, MessagePosted
from immportal.integration.ports import IncomingMessage
from immportal.services.notifications.case_emails import WORDINGS, compose_text
from immportal.services.notifications.consumer import NotificationConsumer
from immportal.services.notifications.correspondence_emails import (
    CORRESPONDENCE_EMAILS,
    compose_correspondence_text,
)
from immportal.services.notifications.ports import Email, Recipient

TEXTS = JinjaMailTexts()
URL = "https://portal.example.gov/"
WHEN = datetime(2027, 2, 1, 15, 0, tzinfo=UTC)
SPANISH_SUBJECTS = {
    "case.accepted": "Recibimos su solicitud",
    "case.biometrics_scheduled": "Tiene una cita de servicios biométricos",
    "case.biometrics_rescheduled": "Su cita de servicios biométricos cambió",
    "case.interview_scheduled": "Tiene una entrevista",
    "case.interview_rescheduled": "Su entrevista cambió",
    "case.evidence_requested": "Necesitamos más evidencia de usted",
    "case.decision_issued": "Tomamos una decisión sobre su caso",
    "conversation.message_posted": "Tiene un mensaje nuevo sobre su caso",
    "case_requests.request_decided": "Tomamos una decisión sobre su petición",
}


def accepted() -> CaseAccepted:
    """A case event that carries nothing the email shows."""
    return CaseAccepted(
        event_id=uuid4(),
        aggregate_id=uuid4(),
        version=4,
        occurred_at=WHEN,
        status="accepted",
        receipt_number="IOE2700000042",
    )


@pytest.mark.parametrize("key", sorted(WORDINGS))
def test_case_emails_in_both_languages(key: str) -> None:
    """English by default; Spanish inside use_language("es"), every line translated."""
    english = compose_text(TEXTS, accepted(), key, "Ana", URL)
    with use_language("es"):
        spanish = compose_text(TEXTS, accepted(), key, "Ana", URL)
    assert english.startswith("Hello Ana,\n\n")
    assert WORDINGS[key].what in english
    assert english.endswith("Please do not reply to this email.")
    assert spanish.startswith("Hola, Ana:\n\n")
    assert "Tiene un aviso nuevo en su bandeja de entrada." in spanish
    assert "https://portal.example.gov/inbox" in spanish
    assert spanish.endswith("No responda a este correo electrónico.")
    assert WORDINGS[key].what not in spanish
    assert english.count("\n") == spanish.count("\n")


def test_evidence_request_date_in_spanish() -> None:
    """The reply-by date is written in the email's language."""
    event = EvidenceRequested(
        event_id=uuid4(),
        aggregate_id=uuid4(),
        version=9,
        occurred_at=WHEN,
        status="evidence_requested",
        due_on=date(2027, 3, 1),
        item_count=2,
    )
    with use_language("es"):
        text = compose_text(TEXTS, event, "case.evidence_requested", "", URL)
    assert text.startswith("Hola:\n\n")
    assert "Envíela a más tardar el 1 de marzo de 2027." in text
    english = compose_text(TEXTS, event, "case.evidence_requested", "", URL)
    assert "Please send it by March 1, 2027." in english


@pytest.mark.parametrize("key", sorted(CORRESPONDENCE_EMAILS))
def test_correspondence_emails_in_both_languages(key: str) -> None:
    """The message and request emails, English and Spanish."""
    email = CORRESPONDENCE_EMAILS[key]
    english = compose_correspondence_text(TEXTS, email, "Ana", URL)
    with use_language("es"):
        spanish = compose_correspondence_text(TEXTS, email, "Ana", URL)
    assert email.what in english
    assert spanish.startswith("Hola, Ana:\n\n")
    assert (
        "Inicie sesión para leerlo en la página de su caso: https://portal.example.gov/cases"
        in (spanish)
    )
    assert email.what not in spanish


class Outbox:
    """The mails sent."""

    def __init__(self) -> None:
        self.sent: list[Email] = []

    async def send(self, email: Email) -> None:
        """Keep the mail."""
        self.sent.append(email)


class CaseContacts:
    """Every case's applicant is Ana, in the language the test sets."""

    def __init__(self, language: str | None) -> None:
        self.language = language

    async def for_case(self, case_id: UUID, *, as_of_position: int) -> Recipient | None:
        """Ana, in the chosen language."""
        return Recipient("ana@example.org", "Ana", language=self.language)


class NoAccounts:
    """No account emails in these tests."""

    async def at_version(self, account_id: UUID, version: int) -> Recipient | None:
        """Nobody."""
        return None


class Remembered:
    """Processed message ids, in memory."""

    def __init__(self) -> None:
        self.seen: set[str] = set()

    @asynccontextmanager
    async def first_time(self, consumer: str, message_id: str) -> AsyncIterator[bool]:
        """True the first time a message id comes."""
        first = message_id not in self.seen
        yield first
        self.seen.add(message_id)


def delivery(key: str, event: IntegrationEvent) -> IncomingMessage:
    """The bus delivery of an event."""
    body = orjson.dumps(event.model_dump(mode="json"))
    return IncomingMessage(str(event.event_id), key, body, {"position": event.version})


@pytest.mark.parametrize("language", ["es", None])
async def test_the_consumer_writes_in_the_recipients_language(language: str | None) -> None:
    """Subject and body in the chosen language (English when none); the caller's is kept."""
    outbox = Outbox()
    consumer = NotificationConsumer(
        mailer=outbox,
        recipients=CaseContacts(language),
        accounts=NoAccounts(),
        processed=Remembered(),
        sign_in_url=URL,
        texts=TEXTS,
    )
    await consumer.handle(delivery("case.accepted", accepted()))
    posted = MessagePosted(
        event_id=uuid4(),
        aggregate_id=uuid4(),
        version=2,
        occurred_at=WHEN,
        case_id=uuid4(),
        author_role="officer",
        attachment_count=0,
    )
    await consumer.handle(delivery("conversation.message_posted", posted))
    receipt, message = outbox.sent
    if language == "es":
        assert receipt.subject == SPANISH_SUBJECTS["case.accepted"]
        assert receipt.text.startswith("Hola, Ana:")
        assert message.subject == SPANISH_SUBJECTS["conversation.message_posted"]
        assert "La oficina que tramita su caso le envió un mensaje." in message.text
    else:
        assert receipt.subject == "We received your application"
        assert receipt.text.startswith("Hello Ana,")
        assert message.subject == "You have a new message about your case"
    assert current_language() == "en"


@pytest.mark.parametrize("key", sorted(SPANISH_SUBJECTS))
def test_every_subject_is_translated(key: str) -> None:
    """Each subject has its Spanish in the catalog."""
    subject = (WORDINGS[key] if key in WORDINGS else CORRESPONDENCE_EMAILS[key]).subject
    with use_language("es"):
        assert _(subject) == SPANISH_SUBJECTS[key]
