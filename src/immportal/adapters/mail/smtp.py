"""Send mail through an SMTP server with aiosmtplib."""

from collections.abc import Iterator
from contextlib import contextmanager

import aiosmtplib
import structlog

from immportal.adapters.mail.message import DEFAULT_SENDER, build_message
from immportal.services.notifications.ports import Email, MailUnavailable

log = structlog.get_logger(__name__)


@contextmanager
def map_smtp_errors(host: str, port: int) -> Iterator[None]:
    """Re-raise refusals, lost connections and timeouts as MailUnavailable."""
    try:
        yield
    # TimeoutError and ssl.SSLError are OSErrors. Their messages and the server's
    # replies never contain the password, which aiosmtplib only sends encoded.
    except (aiosmtplib.SMTPException, OSError) as exc:
        log.warning("mail_unavailable", host=host, port=port, error=type(exc).__name__)
        raise MailUnavailable(f"mail server {host}:{port} did not accept the mail: {exc}") from exc


class SmtpMailer:
    """A Mailer that hands each email to an SMTP server over a new connection."""

    def __init__(
        self,
        host: str,
        port: int,
        *,
        username: str | None = None,
        password: str | None = None,
        starttls: bool = False,
        use_tls: bool = False,
        timeout: float = 10,
        sender: str = DEFAULT_SENDER,
    ) -> None:
        if starttls and use_tls:
            raise ValueError("choose STARTTLS or implicit TLS, not both")
        self.host = host
        self.port = port
        self.sender = sender
        self._username = username
        self._password = password
        self._starttls = starttls
        self._use_tls = use_tls
        self._timeout = timeout

    def __repr__(self) -> str:
        return f"SmtpMailer({self.host!r}, {self.port!r}, username={self._username!r})"

    async def send(self, email: Email) -> None:
        """Deliver one email; raise MailUnavailable unless the server accepted it."""
        message = build_message(email, self.sender)
        with map_smtp_errors(self.host, self.port):
            await aiosmtplib.send(
                message,
                hostname=self.host,
                port=self.port,
                username=self._username,
                password=self._password,
                # Explicit, not aiosmtplib's "upgrade if offered": settings say what we get.
                start_tls=self._starttls,
                use_tls=self._use_tls,
                timeout=self._timeout,
            )
        log.info("mail_sent", message_id=email.message_id, host=self.host, port=self.port)
