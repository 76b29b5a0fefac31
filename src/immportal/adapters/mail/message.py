"""Turn our `Email` into a standard RFC 5322 message."""

import re
from datetime import UTC, datetime
from email.message import EmailMessage
from email.utils import format_datetime, parseaddr

from immportal.services.notifications.ports import Email

DEFAULT_SENDER = "immportal <no-reply@immportal.example>"

# The id goes between `<` and `@`: anything else there (spaces, `@`, `>`, line
# breaks) would make the header ambiguous or let text into other headers.
_MESSAGE_ID = re.compile(r"[A-Za-z0-9!#$%&'*+/=?^_`{|}~.-]+")


def build_message(email: Email, sender: str = DEFAULT_SENDER) -> EmailMessage:
    """A UTF-8 message with a plain-text body and, if given, an HTML alternative."""
    if not _MESSAGE_ID.fullmatch(email.message_id):
        raise ValueError(f"unusable message id {email.message_id!r}")
    domain = parseaddr(sender)[1].rpartition("@")[2] or "localhost"
    message = EmailMessage()
    message["From"] = sender
    message["To"] = email.to
    message["Subject"] = email.subject
    message["Date"] = format_datetime(datetime.now(UTC))
    message["Message-ID"] = f"<{email.message_id}@{domain}>"
    message.set_content(email.text)
    if email.html is not None:
        message.add_alternative(email.html, subtype="html")
    return message
