"""Waiting for mail: notices come from the notification consumer a moment after the event."""

import asyncio
from pathlib import Path

from immportal.adapters.mail.mailbox import StoredMail, read_mailbox

MAIL_WAIT_SECONDS = 15.0


async def mail_arrives(
    mailbox: Path, subject: str, *, to: str | None = None, count: int = 1
) -> list[StoredMail]:
    """The mails with this subject (to this address) once `count` arrived; fail if never."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + MAIL_WAIT_SECONDS
    while True:
        found = [
            mail
            for mail in await read_mailbox(mailbox)
            if mail.subject == subject and (to is None or mail.to == to)
        ]
        if len(found) >= count:
            return found
        if loop.time() > deadline:
            raise AssertionError(f"{count} mail(s) {subject!r} did not arrive; got {len(found)}")
        await asyncio.sleep(0.05)
