"""Emailed links: confirm an email address, and reset a forgotten password."""

from __future__ import annotations

import asyncio
from datetime import datetime, timedelta
from functools import partial
from uuid import UUID

import structlog

from immportal.domain.identity.account import Account
from immportal.domain.identity.emails import email_key
from immportal.domain.identity.errors import LINK_INVALID, LinkInvalid
from immportal.domain.identity.passwords import normalise_password, require_acceptable_password
from immportal.errors import NotFound
from immportal.services.identity import link_emails
from immportal.services.identity.after_response import AfterResponse
from immportal.services.identity.hashing import decoy_hash, hash_password
from immportal.services.identity.ports import (
    EmailIndex,
    LinkGrant,
    LinkPurpose,
    MailAllowance,
    PasswordHasher,
    TokenStore,
)
from immportal.services.identity.retry import retrying
from immportal.services.notifications.ports import Email, Mailer, MailUnavailable
from immportal.services.repository import Repository

log = structlog.get_logger(__name__)

VERIFY_TTL = timedelta(hours=24)
RESET_TTL = timedelta(hours=1)
ENROL_TTL = timedelta(hours=24)


def _first_name(account: Account) -> str:
    return account.names[0] if account.names else ""


class EmailLinkService:
    """Sends single-use links by email and acts on them when they come back."""

    def __init__(
        self,
        repository: Repository,
        hasher: PasswordHasher,
        links: TokenStore,
        emails: EmailIndex,
        mailer: Mailer,
        public_url: str,
        *,
        mail_limits: MailAllowance | None = None,
        after_response: AfterResponse | None = None,
    ) -> None:
        self._repository, self._hasher, self._links = repository, hasher, links
        self._emails, self._mailer = emails, mailer
        self._public_url = public_url.rstrip("/")
        # Without limits (unit tests of other things) every mail asked for is sent.
        self._mail_limits = mail_limits
        self._after = after_response or AfterResponse()

    @property
    def after_response(self) -> AfterResponse:
        """Where the mail asked for on the request path is sent from, after the answer."""
        return self._after

    async def _mail_allowed(self, address: str, client: str | None, now: datetime) -> bool:
        if self._mail_limits is None or await self._mail_limits.allow(
            email_key(address), client, now
        ):
            return True
        log.info("account_mail_limited")
        return False

    async def send_verification(
        self, account_id: UUID, now: datetime, *, client: str | None = None
    ) -> None:
        """Email a link, valid 24 hours, that confirms the account's address (within limits)."""
        account = await self._repository.get(Account, account_id)
        if account.email_verified or not await self._mail_allowed(account.email, client, now):
            return
        issued = await self._links.issue(
            account.id,
            LinkPurpose.VERIFY_EMAIL,
            ttl=VERIFY_TTL,
            password_version=account.password_version,
            now=now,
        )
        url = link_emails.link(self._public_url, link_emails.VERIFY_PATH, issued.token)
        await self._mailer.send(
            link_emails.verification_email(
                account.email, _first_name(account), url, issued.digest, VERIFY_TTL
            )
        )
        log.info("verification_link_sent", account_id=str(account.id))

    async def verify_email(self, token: str, now: datetime) -> UUID:
        """Spend a verification link and mark the address confirmed; else raise LinkInvalid."""
        grant = await self._links.consume(token, LinkPurpose.VERIFY_EMAIL, now)

        async def attempt() -> None:
            account = await self._account(grant, same_password=False)
            account.verify_email(account.holder)
            await self._repository.save(account)

        await retrying(attempt)
        log.info("email_verified", account_id=str(grant.account_id))
        return grant.account_id

    async def tell_owner(self, email: str, now: datetime, *, client: str | None = None) -> None:
        """Tell the holder of an address that someone tried to open an account with it."""
        if not await self._mail_allowed(email, client, now):
            return
        mail = link_emails.account_exists_email(email, self._public_url)
        try:
            await self._mailer.send(mail)
        except MailUnavailable:
            log.warning("account_exists_mail_failed")

    async def request_password_reset(
        self, email: str, now: datetime, *, client: str | None = None
    ) -> None:
        """Email a reset link, valid 1 hour, if an account uses the address; answer alike anyway.

        Known or not, the request costs one lookup and one password hash (the reset page
        is the usual first step of guessing which addresses have accounts); the link is
        issued and mailed after the answer, within the mail limits.
        """
        account_id = await self._emails.find(email_key(email))
        await decoy_hash(self._hasher)
        self._after.run(partial(self._mail_reset, account_id, email, client, now), "reset_mail")
        log.info("password_reset_requested")

    async def _mail_reset(
        self, account_id: UUID | None, email: str, client: str | None, now: datetime
    ) -> None:
        if not await self._mail_allowed(email, client, now):
            return
        account = await self._found(account_id)
        if account is None:
            return
        issued = await self._links.issue(
            account.id,
            LinkPurpose.RESET_PASSWORD,
            ttl=RESET_TTL,
            password_version=account.password_version,
            now=now,
        )
        url = link_emails.link(self._public_url, link_emails.RESET_PATH, issued.token)
        mail = link_emails.reset_email(
            account.email, _first_name(account), url, issued.digest, RESET_TTL
        )
        await self._send_quietly(mail, account.id)
        log.info("password_reset_mailed", account_id=str(account.id))

    async def send_enrolment(self, account_id: UUID, now: datetime) -> None:
        """Email a new staff member a link, valid 24 hours, to choose their first password."""
        # A reset link under another name: choosing the first password is a reset of
        # the unusable one the account was created with, with the same single-use rules.
        account = await self._repository.get(Account, account_id)
        issued = await self._links.issue(
            account.id,
            LinkPurpose.RESET_PASSWORD,
            ttl=ENROL_TTL,
            password_version=account.password_version,
            now=now,
        )
        url = link_emails.link(self._public_url, link_emails.RESET_PATH, issued.token)
        await self._mailer.send(
            link_emails.enrolment_email(
                account.email, _first_name(account), url, issued.digest, ENROL_TTL
            )
        )
        log.info("enrolment_link_sent", account_id=str(account.id))

    async def check_reset_link(self, token: str, now: datetime) -> UUID:
        """The account a reset link is for, without spending it; else raise LinkInvalid."""
        grant = await self._links.check(token, LinkPurpose.RESET_PASSWORD, now)
        return (await self._account(grant, same_password=True)).id

    async def reset_password(self, token: str, new_password: str, now: datetime) -> UUID:
        """Set a new password through a reset link; return the account id.

        The link is spent only once the new password passes the policy, so a refused
        password (PasswordRejected, with its reasons) leaves the link usable. This does
        not sign the person in: the web layer ends all of the account's sessions and
        sends the person to sign in, with their second factor, as usual.
        """
        grant = await self._links.check(token, LinkPurpose.RESET_PASSWORD, now)
        account = await self._account(grant, same_password=True)
        # zxcvbn takes milliseconds on a long password: too long to hold the event loop.
        await asyncio.to_thread(
            require_acceptable_password, new_password, email=account.email, names=account.names
        )
        hashed = await hash_password(self._hasher, normalise_password(new_password))
        grant = await self._links.consume(token, LinkPurpose.RESET_PASSWORD, now)

        async def attempt() -> Account:
            account = await self._account(grant, same_password=True)
            account.change_password(account.holder, hashed)
            # Opening a link sent to the address proves the address as well as a verify link.
            account.verify_email(account.holder)
            await self._repository.save(account)
            return account

        # The notice to the account's email comes from the notification consumer.
        account = await retrying(attempt)
        log.info("password_reset", account_id=str(account.id))
        return account.id

    async def _account(self, grant: LinkGrant, *, same_password: bool) -> Account:
        """The account a link stands for; with same_password, only if the password is unchanged."""
        account = await self._found(grant.account_id)
        if account is None or (
            same_password and account.password_version != grant.password_version
        ):
            log.info("link_outdated", account_id=str(grant.account_id))
            raise LinkInvalid(LINK_INVALID)
        return account

    async def _found(self, account_id: UUID | None) -> Account | None:
        if account_id is None:
            return None
        try:
            return await self._repository.get(Account, account_id)
        except NotFound:
            return None

    async def _send_quietly(self, mail: Email, account_id: UUID) -> None:
        try:
            await self._mailer.send(mail)
        except MailUnavailable:
            log.warning("account_mail_failed", account_id=str(account_id), subject=mail.subject)
