"""SmtpMailer against a real SMTP server (aiosmtpd) running in the test process."""

import asyncio
import logging
import socket
from collections.abc import Iterator, MutableMapping
from dataclasses import dataclass, field
from email import policy
from email.message import EmailMessage
from email.parser import BytesParser
from typing import Any, Protocol
from uuid import uuid4

import pytest
import structlog
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, Envelope, LoginPassword, Session

from immportal.adapters.mail.smtp import SmtpMailer
from immportal.services.notifications.ports import Email, MailUnavailable

HOST = "127.0.0.1"
SENDER = "Portal <no-reply@portal.example.gov>"
USERNAME = "portal"
PASSWORD = "correct horse battery staple 7f3a"


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        port: int = sock.getsockname()[1]
        return port


def new_email(**changes: Any) -> Email:
    """An email with an id no other test uses."""
    values: dict[str, Any] = {
        "message_id": f"mail-{uuid4().hex[:12]}",
        "to": "ana@example.org",
        "subject": "Su cita de datos biométricos — 3 de diciembre",
        "text": "Hola Ana,\nsu cita es el 3 de diciembre a las 9:00.\n",
    }
    return Email(**(values | changes))


@dataclass(frozen=True)
class Received:
    """One mail as the server took it: the envelope, the parsed message and who logged in."""

    mail_from: str
    rcpt_tos: list[str]
    message: EmailMessage
    login: bytes | None


@dataclass
class Collector:
    """An aiosmtpd handler that keeps every mail, or refuses every recipient."""

    refuse_recipients: bool = False
    received: list[Received] = field(default_factory=list)

    async def handle_RCPT(
        self, server: Any, session: Session, envelope: Envelope, address: str, options: list[str]
    ) -> str:
        """Accept the recipient unless told to refuse."""
        if self.refuse_recipients:
            return "550 5.1.1 No such mailbox here"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server: Any, session: Session, envelope: Envelope) -> str:
        """Keep the mail."""
        assert isinstance(envelope.content, bytes)
        login = session.auth_data.login if isinstance(session.auth_data, LoginPassword) else None
        message = BytesParser(policy=policy.default).parsebytes(envelope.content)
        self.received.append(
            Received(str(envelope.mail_from), list(envelope.rcpt_tos), message, login)
        )
        return "250 Message accepted for delivery"


def authenticate(
    server: Any, session: Session, envelope: Envelope, mechanism: str, auth_data: Any
) -> AuthResult:
    """Accept only USERNAME with PASSWORD."""
    good = isinstance(auth_data, LoginPassword) and auth_data == (
        USERNAME.encode(),
        PASSWORD.encode(),
    )
    # handled=False: aiosmtpd itself answers 535 to a failed attempt.
    return AuthResult(success=good, handled=False, auth_data=auth_data)


@dataclass(frozen=True)
class SmtpServer:
    """A running SMTP server and what it received."""

    port: int
    collector: Collector


class ServerStarter(Protocol):
    """The `start_smtp` fixture."""

    def __call__(self, collector: Collector | None = None, **smtp: Any) -> SmtpServer: ...


@pytest.fixture
def start_smtp() -> Iterator[ServerStarter]:
    """Start aiosmtpd servers on free local ports (in threads); stop them all afterwards."""
    controllers: list[Controller] = []

    def start(collector: Collector | None = None, **smtp: Any) -> SmtpServer:
        collector = collector or Collector()
        port = free_port()
        controller = Controller(collector, hostname=HOST, port=port, **smtp)
        controller.start()
        controllers.append(controller)
        return SmtpServer(port, collector)

    yield start
    for controller in controllers:
        controller.stop()


@pytest.fixture
def all_logs() -> Iterator[list[MutableMapping[str, Any]]]:
    """Every structlog event of the test at any level, whatever level an earlier test set."""
    saved = structlog.get_config()
    structlog.configure(wrapper_class=structlog.make_filtering_bound_logger(logging.DEBUG))
    try:
        with structlog.testing.capture_logs() as logs:
            yield logs
    finally:
        structlog.configure(**saved)


class TestDelivery:
    """What SmtpMailer sends is what the server receives."""

    async def test_envelope_headers_and_text(self, start_smtp: ServerStarter) -> None:
        """The recipient, Message-ID, From, Subject and UTF-8 text all arrive intact."""
        server = start_smtp()
        email = new_email()

        await SmtpMailer(HOST, server.port, sender=SENDER).send(email)
        [mail] = server.collector.received

        expected = (
            "no-reply@portal.example.gov",
            ["ana@example.org"],
            f"<{email.message_id}@portal.example.gov>",
            SENDER,
            email.subject,
            email.text,
        )
        body = mail.message.get_body(preferencelist=("plain",))
        assert body is not None
        actual = (
            mail.mail_from,
            mail.rcpt_tos,
            mail.message["Message-ID"],
            str(mail.message["From"]),
            str(mail.message["Subject"]),
            body.get_content().replace("\r\n", "\n"),
        )
        assert expected == actual

    async def test_html_alternative(self, start_smtp: ServerStarter) -> None:
        """An email with html arrives as multipart/alternative with both versions."""
        server = start_smtp()
        html = "<p>Hola Ana, su cita es el <strong>3 de diciembre</strong>.</p>"

        await SmtpMailer(HOST, server.port).send(new_email(html=html))
        [mail] = server.collector.received

        html_part = mail.message.get_body(preferencelist=("html",))
        assert html_part is not None
        expected = ("multipart/alternative", html)
        assert expected == (mail.message.get_content_type(), html_part.get_content().strip())

    async def test_same_id_twice_delivers_twice(self, start_smtp: ServerStarter) -> None:
        """Sending one email twice delivers two mails carrying the same Message-ID."""
        server = start_smtp()
        email = new_email()
        mailer = SmtpMailer(HOST, server.port)

        await mailer.send(email)
        await mailer.send(email)

        expected = [f"<{email.message_id}@immportal.example>"] * 2
        assert expected == [m.message["Message-ID"] for m in server.collector.received]


class TestUnavailable:
    """Refusals, absent servers and silent servers all raise MailUnavailable."""

    async def test_recipient_refused(self, start_smtp: ServerStarter) -> None:
        """A 550 for the recipient means the mail was not accepted."""
        server = start_smtp(Collector(refuse_recipients=True))

        with pytest.raises(MailUnavailable) as caught:
            await SmtpMailer(HOST, server.port).send(new_email())

        assert [] == server.collector.received
        assert "550" in str(caught.value)

    async def test_nothing_listening(self) -> None:
        """A port nobody listens on means the mail was not accepted."""
        with pytest.raises(MailUnavailable):
            await SmtpMailer(HOST, free_port(), timeout=2).send(new_email())

    async def test_server_that_never_answers(self) -> None:
        """A server that accepts the connection but never greets times out."""
        server = await asyncio.start_server(lambda r, w: None, HOST, 0)
        port = server.sockets[0].getsockname()[1]
        try:
            with pytest.raises(MailUnavailable):
                await SmtpMailer(HOST, port, timeout=0.2).send(new_email())
        finally:
            server.close()
            await server.wait_closed()


class TestAuthentication:
    """Credentials are used for AUTH and never logged."""

    async def test_good_credentials(
        self, start_smtp: ServerStarter, all_logs: list[MutableMapping[str, Any]]
    ) -> None:
        """With the right password the server sees the login and takes the mail."""
        server = start_smtp(authenticator=authenticate, auth_require_tls=False)
        mailer = SmtpMailer(HOST, server.port, username=USERNAME, password=PASSWORD)

        await mailer.send(new_email())

        assert [USERNAME.encode()] == [m.login for m in server.collector.received]
        assert ["mail_sent"] == [entry["event"] for entry in all_logs]
        assert PASSWORD not in repr(all_logs)

    async def test_wrong_password(
        self, start_smtp: ServerStarter, all_logs: list[MutableMapping[str, Any]]
    ) -> None:
        """A wrong password raises MailUnavailable; neither logs nor the error hold it."""
        server = start_smtp(authenticator=authenticate, auth_require_tls=False)
        wrong = "wrong-" + PASSWORD
        mailer = SmtpMailer(HOST, server.port, username=USERNAME, password=wrong)

        with pytest.raises(MailUnavailable) as caught:
            await mailer.send(new_email())

        assert [] == server.collector.received
        assert ["mail_unavailable"] == [entry["event"] for entry in all_logs]
        assert "535" in str(caught.value)
        assert PASSWORD not in repr(all_logs) + str(caught.value) + repr(mailer)
