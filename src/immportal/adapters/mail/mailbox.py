"""The embedded mail default: each mail is an .eml file in a local folder."""

import asyncio
import os
import re
import secrets
import tempfile
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from email import policy
from email.message import EmailMessage
from email.parser import BytesParser
from email.utils import parsedate_to_datetime
from pathlib import Path

import structlog

from immportal.adapters.mail.message import DEFAULT_SENDER, build_message
from immportal.errors import NotFound
from immportal.services.notifications.ports import Email

log = structlog.get_logger(__name__)

# Only names this module writes: no separators, no leading dot, so never `..`.
_MAIL_NAME = re.compile(r"[0-9A-Za-z][0-9A-Za-z._-]*\.eml")
_UNSAFE = re.compile(r"[^0-9A-Za-z._-]")


@dataclass(frozen=True)
class StoredMail:
    """One mail in the mailbox, as the dev page shows it."""

    name: str
    message_id: str
    sender: str
    to: str
    subject: str
    date: datetime | None
    text: str


class MailboxMailer:
    """A Mailer that drops each email into a folder instead of sending it."""

    def __init__(self, folder: Path, sender: str = DEFAULT_SENDER) -> None:
        self.folder = folder
        self.sender = sender

    async def send(self, email: Email) -> None:
        """Write the email as a new .eml file; a repeated Message-ID is written again."""
        message = build_message(email, self.sender)
        name = await asyncio.to_thread(_write, self.folder, email.message_id, message)
        log.info("mail_stored", message_id=email.message_id, file=name)


def _write(folder: Path, message_id: str, message: EmailMessage) -> str:
    # Mails hold live reset and enrolment links: only the portal's user may read them.
    # mkstemp makes the file 0600; the folder is made (or put back to) 0700.
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    if folder.stat().st_mode & 0o777 != 0o700:
        folder.chmod(0o700)
    # Zero-padded nanoseconds sort newest last; the random part keeps two mails
    # written in the same tick (say, a repeat of one id) from replacing each other.
    name = f"{time.time_ns():020d}-{secrets.token_hex(4)}-{_UNSAFE.sub('_', message_id)[:80]}.eml"
    # A reader never sees half a mail: the name appears only once the bytes are all there.
    fd, temp = tempfile.mkstemp(dir=folder, prefix=".", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as file:
            file.write(message.as_bytes(policy=policy.SMTP))
        os.replace(temp, folder / name)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise
    return name


async def read_mailbox(folder: Path, *, limit: int | None = None) -> list[StoredMail]:
    """The mails in the folder, newest first (at most `limit` of them)."""
    return await asyncio.to_thread(_read_all, folder, limit)


async def read_mail(folder: Path, name: str) -> StoredMail:
    """One mail by file name; anything but a mail file in this folder is NotFound."""
    return await asyncio.to_thread(_read_one, folder, name)


def _read_all(folder: Path, limit: int | None) -> list[StoredMail]:
    try:
        names = sorted((n for n in os.listdir(folder) if _MAIL_NAME.fullmatch(n)), reverse=True)
    except FileNotFoundError:
        return []
    mails = []
    for name in names[:limit]:
        try:
            mails.append(_parse(name, (folder / name).read_bytes()))
        except FileNotFoundError:  # removed by hand since the listing
            continue
    return mails


def _read_one(folder: Path, name: str) -> StoredMail:
    path = folder / name
    if not _MAIL_NAME.fullmatch(name) or path.is_symlink() or not path.is_file():
        raise NotFound("no such mail")
    return _parse(name, path.read_bytes())


def _parse(name: str, raw: bytes) -> StoredMail:
    message = BytesParser(policy=policy.default).parsebytes(raw)
    body = message.get_body(preferencelist=("plain",))
    # Files hold wire format (CRLF); the page shows the text as it was written.
    text = body.get_content().replace("\r\n", "\n") if body is not None else ""
    return StoredMail(
        name=name,
        message_id=str(message["Message-ID"] or ""),
        sender=str(message["From"] or ""),
        to=str(message["To"] or ""),
        subject=str(message["Subject"] or ""),
        date=_date(message["Date"]),
        text=text,
    )


def _date(value: object) -> datetime | None:
    try:
        return parsedate_to_datetime(str(value)).astimezone(UTC) if value else None
    except (TypeError, ValueError):
        return None
