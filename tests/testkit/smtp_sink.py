"""A real SMTP server (aiosmtpd) in the test process that keeps what it receives."""

import socket
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from email import policy
from email.message import EmailMessage
from email.parser import BytesParser
from typing import Any

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import Envelope, Session


def free_port() -> int:
    """A loopback port nobody listens on right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


class SmtpSink:
    """Collects every accepted message, parsed."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._messages: list[EmailMessage] = []
        self.port = 0
        self.refuse: set[str] = set()

    async def handle_RCPT(
        self, _server: Any, _session: Session, envelope: Envelope, address: str, _options: Any
    ) -> str:
        """Refuse the addresses in `refuse`, as a mailbox that is full or gone would."""
        if address in self.refuse:
            return "550 mailbox unavailable"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, _server: Any, _session: Session, envelope: Envelope) -> str:
        """Keep the message and accept it."""
        raw = envelope.original_content or b""
        parsed = BytesParser(policy=policy.default).parsebytes(raw)
        assert isinstance(parsed, EmailMessage)
        with self._lock:
            self._messages.append(parsed)
        return "250 OK"

    @property
    def messages(self) -> list[EmailMessage]:
        """What arrived so far, in order."""
        with self._lock:
            return list(self._messages)


@contextmanager
def smtp_sink() -> Iterator[SmtpSink]:
    """Run an SMTP server on a free loopback port for the duration of the block."""
    sink = SmtpSink()
    sink.port = free_port()
    controller = Controller(sink, hostname="127.0.0.1", port=sink.port)
    controller.start()
    try:
        yield sink
    finally:
        controller.stop()
