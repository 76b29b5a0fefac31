"""Lost authenticator and recovery codes: email link, proof from a case, a 24-hour wait, finish."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from functools import partial
from uuid import UUID

import structlog

from immportal.domain.cases.case import Case
from immportal.domain.cases.receipt import parse_receipt_number
from immportal.domain.identity.account import Account
from immportal.domain.identity.emails import email_key
from immportal.domain.identity.errors import LINK_INVALID, LinkInvalid
from immportal.domain.identity.recovery import WAIT, AccountRecovery, CancelReason
from immportal.domain.identity.recovery_errors import (
    PROOF_MISMATCH,
    RECOVERY_CLOSED,
    RECOVERY_UNDER_WAY,
    ProofMismatch,
    RecoveryClosed,
    RecoveryUnderWay,
)
from immportal.errors import NotFound
from immportal.services.identity import recovery_emails
from immportal.services.identity.after_response import AfterResponse
from immportal.services.identity.hashing import decoy_hash
from immportal.services.identity.link_emails import link
from immportal.services.identity.ports import (
    CaseFinder,
    EmailIndex,
    IssuedLink,
    LinkGrant,
    LinkPurpose,
    PasswordHasher,
    TokenStore,
)
from immportal.services.identity.recovery_book import RecoveryBook
from immportal.services.identity.retry import retrying
from immportal.services.notifications.ports import Email, Mailer, MailUnavailable
from immportal.services.repository import Repository

log = structlog.get_logger(__name__)

START_TTL = timedelta(hours=1)
FINISH_WINDOW = timedelta(days=7)
"""How long after the wait the finish link (and "this wasn't me") still work."""
HELP_WINDOW = timedelta(days=30)
"""How long "this wasn't me" works after asking for an administrator, who may take a while."""


class AccountRecoveryService:
    """A person's own recovery: every step comes through a link sent to the account's email."""

    def __init__(
        self,
        repository: Repository,
        book: RecoveryBook,
        *,
        hasher: PasswordHasher,
        links: TokenStore,
        emails: EmailIndex,
        cases: CaseFinder,
        mailer: Mailer,
        public_url: str,
        after_response: AfterResponse | None = None,
    ) -> None:
        self._repository, self._book, self._hasher = repository, book, hasher
        self._after = after_response or AfterResponse()
        self._links, self._emails, self._cases = links, emails, cases
        self._mailer, self._public_url = mailer, public_url.rstrip("/")

    async def request(self, email: str, now: datetime) -> None:
        """Email a first link, valid 1 hour, if an account uses the address; answer alike anyway.

        Known or not, the request costs one lookup and one password hash; the link is issued
        and mailed after the answer, so its timing tells nobody which addresses have accounts.
        """
        account_id = await self._emails.find(email_key(email))
        await decoy_hash(self._hasher)
        self._after.run(partial(self._mail_start, account_id, now), "recovery_start_mail")

    async def _mail_start(self, account_id: UUID | None, now: datetime) -> None:
        account = None if account_id is None else await self._found(account_id)
        if account is None:
            log.info("account_recovery_link_requested", account_found=False)
            return
        issued = await self._issue(account, LinkPurpose.RECOVER_ACCOUNT, START_TTL, now)
        url = link(self._public_url, recovery_emails.START_PATH, issued.token)
        name = recovery_emails.first_name(account.names)
        await self._send(recovery_emails.start_email(account.email, name, url, issued.digest))
        log.info("account_recovery_link_requested", account_found=True, account_id=str(account.id))

    async def check_start_link(self, token: str, now: datetime) -> None:
        """Raise LinkInvalid; RecoveryUnderWay or RecoveryLocked if no attempt may start now."""
        grant = await self._links.check(token, LinkPurpose.RECOVER_ACCOUNT, now)
        account = await self._account(grant)
        recovery = await self._book.open_for(account, now)
        if recovery is None:
            await self._book.check_not_locked(account, now)
        elif recovery.link_digest != grant.digest:
            raise RecoveryUnderWay(RECOVERY_UNDER_WAY)

    async def prove(
        self, token: str, receipt_number: str, born_on: date, now: datetime
    ) -> datetime:
        """Check a receipt number and date of birth given through the first link.

        Returns when the recovery can be finished. Raises InvalidReceiptNumber for text
        that is no receipt number (not counted), ProofMismatch for a wrong proof (counted),
        RecoveryClosed when that was the last try, LinkInvalid, RecoveryUnderWay and
        RecoveryLocked.
        """
        receipt = parse_receipt_number(receipt_number)
        grant = await self._links.check(token, LinkPurpose.RECOVER_ACCOUNT, now)
        account = await self._account(grant)
        case_id = await self._matching_case(account, receipt, born_on)
        if case_id is None:
            await retrying(lambda: self._refuse(account, grant, now))
            await self._links.consume(token, LinkPurpose.RECOVER_ACCOUNT, now)
            raise RecoveryClosed(RECOVERY_CLOSED)
        # Spent before the proof is recorded: of two tabs sending it, one goes on.
        await self._links.consume(token, LinkPurpose.RECOVER_ACCOUNT, now)
        window = WAIT + FINISH_WINDOW
        finish = await self._issue(account, LinkPurpose.RECOVER_FINISH, window, now)
        cancel = await self._issue(account, LinkPurpose.RECOVER_CANCEL, window, now)

        async def attempt() -> AccountRecovery:
            recovery = await self._for_link(account, grant, LinkPurpose.RECOVER_ACCOUNT, now)
            recovery.prove(
                account.holder,
                case_id=case_id,
                at=now,
                finish_digest=finish.digest,
                cancel_digest=cancel.digest,
            )
            await self._repository.save(recovery)
            return recovery

        recovery = await retrying(attempt)
        ready_at = now + WAIT
        log.info("account_recovery_proven", recovery_id=str(recovery.id))
        name, to = recovery_emails.first_name(account.names), account.email
        cancel_url = link(self._public_url, recovery_emails.CANCEL_PATH, cancel.token)
        finish_url = link(self._public_url, recovery_emails.FINISH_PATH, finish.token)
        await self._send(
            recovery_emails.notice_email(to, name, cancel_url, cancel.digest, ready_at)
        )
        await self._send(
            recovery_emails.finish_email(to, name, finish_url, finish.digest, ready_at)
        )
        return ready_at

    async def ask_for_admin(self, token: str, now: datetime) -> None:
        """Without a receipt number: wait for an administrator, told to the account's email.

        Spends the first link. Wrong proofs given through it stay counted. Raises
        LinkInvalid, RecoveryClosed (proven or asked already), RecoveryUnderWay and
        RecoveryLocked, as for a proof.
        """
        grant = await self._links.check(token, LinkPurpose.RECOVER_ACCOUNT, now)
        account = await self._account(grant)
        # Checked before the link is spent, so a refused request leaves it usable.
        await self._for_link(account, grant, LinkPurpose.RECOVER_ACCOUNT, now)
        await self._links.consume(token, LinkPurpose.RECOVER_ACCOUNT, now)
        cancel = await self._issue(account, LinkPurpose.RECOVER_CANCEL, HELP_WINDOW, now)

        async def attempt() -> AccountRecovery:
            recovery = await self._for_link(account, grant, LinkPurpose.RECOVER_ACCOUNT, now)
            recovery.ask_for_admin(account.holder, at=now, cancel_digest=cancel.digest)
            await self._repository.save(recovery)
            return recovery

        recovery = await retrying(attempt)
        log.info("account_recovery_help_requested", recovery_id=str(recovery.id))
        cancel_url = link(self._public_url, recovery_emails.CANCEL_PATH, cancel.token)
        name = recovery_emails.first_name(account.names)
        await self._send(
            recovery_emails.help_notice_email(account.email, name, cancel_url, cancel.digest)
        )

    async def finish_status(self, token: str, now: datetime) -> AccountRecovery:
        """The open attempt a finish link stands for, without spending it; else LinkInvalid."""
        grant = await self._links.check(token, LinkPurpose.RECOVER_FINISH, now)
        return await self._for_link(
            await self._account(grant), grant, LinkPurpose.RECOVER_FINISH, now
        )

    async def finish(self, token: str, now: datetime) -> UUID:
        """Once the wait is over, remove the second factor; return the account id.

        Raises RecoveryNotReady during the wait (the link stays usable) and LinkInvalid.
        Ending the account's sessions is the web layer's job, as after a password reset.
        """
        (await self.finish_status(token, now)).check_ready(now)
        grant = await self._links.consume(token, LinkPurpose.RECOVER_FINISH, now)

        async def attempt() -> AccountRecovery:
            account = await self._account(grant)
            recovery = await self._for_link(account, grant, LinkPurpose.RECOVER_FINISH, now)
            recovery.complete(account.holder, now)
            reason = f"Account recovery {recovery.id} finished after its proof and wait"
            account.reset_second_factor(account.holder, reason)
            await self._repository.save(recovery, account)
            return recovery

        recovery = await retrying(attempt)
        await self._book.release(recovery)
        log.info("account_recovery_completed", recovery_id=str(recovery.id), by="person")
        return recovery.account_id

    async def check_cancel_link(self, token: str, now: datetime) -> None:
        """Raise LinkInvalid unless the link can still cancel an open attempt."""
        grant = await self._links.check(token, LinkPurpose.RECOVER_CANCEL, now)
        await self._for_link(await self._account(grant), grant, LinkPurpose.RECOVER_CANCEL, now)

    async def cancel(self, token: str, now: datetime) -> UUID:
        """ "This wasn't me": cancel the attempt for good; return the account id."""
        await self.check_cancel_link(token, now)
        grant = await self._links.consume(token, LinkPurpose.RECOVER_CANCEL, now)

        async def attempt() -> AccountRecovery:
            account = await self._account(grant)
            recovery = await self._for_link(account, grant, LinkPurpose.RECOVER_CANCEL, now)
            recovery.cancel(account.holder, CancelReason.NOT_ME, now)
            await self._repository.save(recovery)
            return recovery

        recovery = await retrying(attempt)
        if recovery.locked_until(now) is None:
            # Stopped after wrong proofs, it keeps the claim for a day, like the fifth one.
            await self._book.release(recovery)
        log.warning("account_recovery_cancelled", recovery_id=str(recovery.id), reason="not_me")
        return recovery.account_id

    async def _refuse(self, account: Account, grant: LinkGrant, now: datetime) -> None:
        """Count a wrong proof; return quietly while tries are left."""
        recovery = await self._for_link(account, grant, LinkPurpose.RECOVER_ACCOUNT, now)
        recovery.refuse_proof(account.holder, now)
        await self._repository.save(recovery)
        log.info("account_recovery_proof_refused", recovery_id=str(recovery.id))
        if recovery.is_open:
            raise ProofMismatch(PROOF_MISMATCH)
        # Ended by wrong proofs, it keeps the account's claim: no new attempt for a day.

    async def _for_link(
        self, account: Account, grant: LinkGrant, purpose: LinkPurpose, now: datetime
    ) -> AccountRecovery:
        """The open attempt a link belongs to; a first link opens one if none is open."""
        recovery = await self._book.open_for(account, now)
        if purpose is LinkPurpose.RECOVER_ACCOUNT:
            if recovery is None:
                return await self._book.start(account, grant.digest, now)
            if recovery.link_digest != grant.digest:
                raise RecoveryUnderWay(RECOVERY_UNDER_WAY)
            return recovery
        if recovery is None or grant.digest not in (recovery.finish_digest, recovery.cancel_digest):
            raise LinkInvalid(LINK_INVALID)
        return recovery

    async def _matching_case(self, account: Account, receipt: str, born_on: date) -> UUID | None:
        """The account's case with this receipt number, if the date of birth on it is this."""
        case_id = await self._cases.case_with_receipt(receipt)
        if case_id is None:
            return None
        try:
            case = await self._repository.get(Case, case_id)
        except NotFound:
            return None
        recorded = case.answers.get("applicant", {}).get("date_of_birth")
        if case.applicant_id != str(account.id) or str(recorded) != born_on.isoformat():
            return None
        return case.id

    async def _account(self, grant: LinkGrant) -> Account:
        account = await self._found(grant.account_id)
        if account is None:
            raise LinkInvalid(LINK_INVALID)
        return account

    async def _found(self, account_id: UUID) -> Account | None:
        try:
            return await self._repository.get(Account, account_id)
        except NotFound:
            return None

    async def _issue(
        self, account: Account, purpose: LinkPurpose, ttl: timedelta, now: datetime
    ) -> IssuedLink:
        return await self._links.issue(
            account.id, purpose, ttl=ttl, password_version=account.password_version, now=now
        )

    async def _send(self, mail: Email) -> None:
        # A mail failure must not answer differently from an unknown address.
        try:
            await self._mailer.send(mail)
        except MailUnavailable:
            log.warning("account_mail_failed", subject=mail.subject)
