"""A signed-in person changes their password: check the current one, then store the new one."""

from __future__ import annotations

import asyncio
import secrets
from datetime import UTC, datetime
from uuid import UUID

import structlog

from immportal.domain.identity.account import Account
from immportal.domain.identity.passwords import normalise_password, require_acceptable_password
from immportal.services.identity.accounts import AccountService
from immportal.services.identity.ports import PasswordHasher
from immportal.services.identity.retry import retrying
from immportal.services.mail import Email, Mailer, MailUnavailable
from immportal.services.repository import Repository

log = structlog.get_logger(__name__)


def password_changed_email(to: str, first_name: str, public_url: str, at: datetime) -> Email:
    """The notice that the password was changed while signed in, and what to do if not them."""
    when = at.astimezone(UTC)
    greeting = f"Hello {first_name}," if first_name else "Hello,"
    lines = [
        greeting,
        "",
        f"The password of your immportal account was changed on {when:%-d %B %Y}"
        f" at {when:%H:%M} UTC. For your safety, we signed you out on your other devices.",
        "",
        "If you did this, you do not need to do anything.",
        "",
        "If you did not, go to"
        f" {public_url.rstrip('/')} and choose \u201cForgot your password?\u201d to choose a new"
        " one straight away.",
        "",
        "Please do not reply to this email.",
    ]
    return Email(
        message_id=f"password-changed-{secrets.token_hex(16)}",
        to=to,
        subject="Your password was changed",
        text="\n".join(lines) + "\n",
    )


class PasswordChangeService:
    """Changes the password of a signed-in account, then tells the account's email."""

    def __init__(
        self,
        accounts: AccountService,
        repository: Repository,
        hasher: PasswordHasher,
        mailer: Mailer,
        public_url: str,
    ) -> None:
        self._accounts, self._repository, self._hasher = accounts, repository, hasher
        self._mailer, self._public_url = mailer, public_url

    async def change_password(
        self, account_id: UUID, current: str, new: str, now: datetime
    ) -> None:
        """Replace the password once the current one is right and the new one is allowed.

        Raises WrongPassword (the wrong try counts towards the sign-in delay) or
        PasswordRejected with its reasons. Ending other sessions is the web layer's job.
        """
        await self._accounts.verify_password(account_id, current, now)
        account = await self._accounts.get(account_id)
        require_acceptable_password(new, email=account.email, names=account.names)
        hashed = await asyncio.to_thread(self._hasher.hash, normalise_password(new))

        async def attempt() -> Account:
            fresh = await self._accounts.get(account_id)
            fresh.change_password(fresh.holder, hashed)
            await self._repository.save(fresh)
            return fresh

        changed = await retrying(attempt)
        log.info("password_changed", account_id=str(account_id))
        first_name = changed.names[0] if changed.names else ""
        notice = password_changed_email(changed.email, first_name, self._public_url, now)
        try:
            await self._mailer.send(notice)
        except MailUnavailable:
            log.warning("account_mail_failed", account_id=str(account_id), subject=notice.subject)
