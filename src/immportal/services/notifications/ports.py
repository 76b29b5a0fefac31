"""What notifications need from the outside world: sending mail, and who a case's emails go to."""

from dataclasses import dataclass
from typing import Protocol

from immportal.errors import PortalError
from immportal.formatting import AGENCY_ZONE


class MailUnavailable(PortalError):
    """The mail server refused or could not be reached; the mail was not accepted."""


@dataclass(frozen=True)
class Email:
    """One plain-language email to one person.

    `message_id` becomes the Message-ID header (as `<message_id@domain>`), so a mail
    sent twice for the same reason carries the same id and mail systems can drop the
    repeat.
    """

    message_id: str
    to: str
    subject: str
    text: str
    html: str | None = None


class Mailer(Protocol):
    """Sends emails."""

    async def send(self, email: Email) -> None:
        """Hand the email to the mail system; raise MailUnavailable if it was not accepted."""
        ...


class MailTexts(Protocol):
    """Writes an email's body from its template, in the current language (`use_language`)."""

    def render(self, template: str, **values: object) -> str:
        """The plain-text body `template` makes of `values`."""
        ...


class NotYetProjected(Exception):
    """The read model has not caught up with the event in question yet."""


@dataclass(frozen=True)
class Recipient:
    """Who receives a case's emails: an address and the first name to greet."""

    email: str
    first_name: str
    time_zone: str = AGENCY_ZONE
    """The zone the email's moments are written in: the person's own when known."""
    language: str | None = None
    """The language the person chose for what is sent to them; None (English) until chosen."""
