"""The email telling an account's holder that wrong passwords have delayed its sign-in."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Protocol
from uuid import UUID

import structlog

from immportal.domain.identity.account import Account
from immportal.domain.identity.emails import email_key
from immportal.domain.identity.throttle import FREE_PASSWORD_TRIES, LONGEST_DELAY
from immportal.services.identity.ports import EmailIndex
from immportal.services.notifications.ports import Email, Mailer, MailUnavailable

log = structlog.get_logger(__name__)

FORGOT_PATH = "/account/forgot"
NOTICE_GAP = LONGEST_DELAY
"""At most one notice per account this often, except when a new run of failures starts."""

_FOOTER = ["", "Please do not reply to this email."]


class Accounts(Protocol):
    """Reads accounts (the account service does)."""

    async def get(self, account_id: UUID) -> Account:
        """The account with this id."""
        ...


class NoticeClaims(Protocol):
    """Remembers when each account was last sent a notice, so that racing requests send one."""

    async def claim(self, account_id: UUID, now: datetime, *, unless_sent_after: datetime) -> bool:
        """Record a notice sent now unless one went after `unless_sent_after`; whether it did."""
        ...


def lock_notice_email(
    to: str, first_name: str, public_url: str, account_id: UUID, at: datetime
) -> Email:
    """The plain-language notice, with the forgot-password link under the public URL."""
    forgot = f"{public_url.rstrip('/')}{FORGOT_PATH}"
    lines = [
        f"Hello {first_name}," if first_name else "Hello,",
        "",
        "Someone tried to sign in to your immportal account several times with the wrong password.",
        "",
        "If this was you, wait a few minutes and try again, or reset your password.",
        "",
        "If it was not you, reset your password now:",
        "",
        forgot,
        *_FOOTER,
    ]
    return Email(
        message_id=f"sign-in-delayed-{account_id}-{int(at.timestamp())}",
        to=to,
        subject="Someone tried to sign in to your account",
        text="\n".join(lines) + "\n",
    )


class LockNotices:
    """Sends the notice when a wrong password has just put an account into a delay."""

    def __init__(
        self,
        accounts: Accounts,
        emails: EmailIndex,
        claims: NoticeClaims,
        mailer: Mailer,
        public_url: str,
        *,
        gap: timedelta = NOTICE_GAP,
    ) -> None:
        self._accounts = accounts
        self._emails = emails
        self._claims = claims
        self._mailer = mailer
        self._public_url = public_url
        self._gap = gap

    async def after_wrong_password(self, email: str, now: datetime) -> bool:
        """Call after a wrong password was recorded at `now`; whether a notice went out.

        Nothing is raised and nothing returned reaches the person at the keyboard: the
        page they see is the wrong-password page whatever happens here.
        """
        account_id = await self._emails.find(email_key(email))
        if account_id is None:
            return False
        account = await self._accounts.get(account_id)
        until = account.locked_until
        if until is None or until <= now:
            return False
        # The first delay of a run of wrong passwords always gets its notice; later
        # delays of the same run at most one per gap.
        first = account.failed_password_count == FREE_PASSWORD_TRIES
        since = now - timedelta(microseconds=1) if first else now - self._gap
        if not await self._claims.claim(account_id, now, unless_sent_after=since):
            return False
        first_name = account.names[0] if account.names else ""
        mail = lock_notice_email(account.email, first_name, self._public_url, account_id, now)
        try:
            await self._mailer.send(mail)
        except MailUnavailable:
            log.warning("lock_notice_not_sent", account_id=str(account_id))
            return False
        log.info("lock_notice_sent", account_id=str(account_id))
        return True
