"""Account use cases: register, check a password, set up and check the second factor."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from functools import partial
from typing import NoReturn
from uuid import UUID

from immportal.domain.identity import errors
from immportal.domain.identity.account import (
    RECOVERY_CODE_COUNT,
    WRONG_CODE_REASON,
    WRONG_PASSWORD_REASON,
    Account,
)
from immportal.domain.identity.codes import canonical_recovery_code, canonical_totp_code
from immportal.domain.identity.emails import email_key, normalise_email
from immportal.domain.identity.passwords import (
    MAX_LENGTH,
    normalise_password,
    require_acceptable_password,
)
from immportal.domain.identity.throttle import guesses_wait_until
from immportal.errors import NotFound
from immportal.services.identity.after_response import AfterResponse, Work
from immportal.services.identity.hashing import decoy_hash, hash_password, password_matches
from immportal.services.identity.new_accounts import save_new_account
from immportal.services.identity.ports import (
    EmailIndex,
    PasswordGuesses,
    PasswordHasher,
    TokenFactory,
    TotpService,
)
from immportal.services.identity.retry import retrying
from immportal.services.repository import Repository


class CodeKind(StrEnum):
    """Which kind of code got a person through the second step."""

    TOTP = "totp"
    RECOVERY_CODE = "recovery_code"


@dataclass(frozen=True)
class TotpSetup:
    """What the set-up page shows: the key written out, the otpauth URI and its QR code."""

    secret: str
    uri: str
    svg: str


class AccountService:
    """Thin use cases over the Account aggregate; hashing runs off the event loop."""

    def __init__(
        self,
        repository: Repository,
        hasher: PasswordHasher,
        tokens: TokenFactory,
        totp: TotpService,
        emails: EmailIndex,
        *,
        guesses: PasswordGuesses | None = None,
        after_response: AfterResponse | None = None,
    ) -> None:
        self._repository, self._hasher, self._tokens = repository, hasher, tokens
        self._totp, self._emails = totp, emails
        # Without a store of guesses (unit tests of other things) nobody is made to wait.
        self._guesses = guesses
        self._after = after_response or AfterResponse()

    async def get(self, account_id: UUID) -> Account:
        """The account as it stands."""
        return await self._repository.get(Account, account_id)

    async def register(self, email: str, password: str, names: list[str]) -> UUID:
        """Open an account after the password policy allows the password; return its id."""
        address = normalise_email(email)
        # zxcvbn takes milliseconds on a long password: too long to hold the event loop.
        await asyncio.to_thread(require_acceptable_password, password, email=address, names=names)
        hashed = await hash_password(self._hasher, normalise_password(password))
        account = Account.register(email=address, password_hash=hashed, names=names)
        return await save_new_account(self._repository, self._emails, account)

    async def verify_password(self, account_id: UUID, password: str, now: datetime) -> None:
        """Raise WrongPassword (SignInDelayed while waiting) unless the password is right."""

        async def attempt() -> None:
            account = await self.get(account_id)
            # The hash is computed before the delay is checked, so a delayed account
            # answers no sooner than one that is not; a guess while waiting is not recorded.
            matches = await self._password_matches(account, normalise_password(password))
            account.check_password_allowed(now)
            if matches:
                return
            account.record_failed_sign_in(account.holder, WRONG_PASSWORD_REASON, now)
            await self._repository.save(account)
            raise errors.WrongPassword(errors.WRONG_PASSWORD)

        await retrying(attempt)

    async def _password_matches(self, account: Account | None, password: str) -> bool:
        """Exactly one hash computation, whether or not there is an account or a fit password."""
        if account is None or len(password) > MAX_LENGTH:
            # Hashing costs what checking against a hash of the same parameters costs.
            await decoy_hash(self._hasher)
            return False
        if not await password_matches(self._hasher, account.password_hash, password):
            return False
        if self._hasher.needs_rehash(account.password_hash):
            # A second hash, but after the answer: the request itself costs one as always.
            self._after.run(partial(self._rehash, account.id, password), "password_rehash")
        return True

    async def _rehash(self, account_id: UUID, password: str) -> None:
        async def attempt() -> None:
            account = await self.get(account_id)
            if self._hasher.needs_rehash(account.password_hash):
                fresh = await hash_password(self._hasher, password)
                account.rehash_password(account.holder, fresh)
                await self._repository.save(account)

        await retrying(attempt)

    async def sign_in(
        self,
        email: str,
        password: str,
        now: datetime,
        *,
        client: str | None = None,
        browser_key: str = "",
        after_failure: Work | None = None,
    ) -> Account:
        """The account whose email and password these are; else raise WrongPassword.

        Every path costs the same: one password hash and the same lookups and writes,
        whether an account uses the address or not and whether it is delayed or not;
        what only an account needs (its failure event, `after_failure` such as the
        notice) runs after the answer. SignInDelayed is raised while wrong passwords
        make the address wait on the client's network (`client`), except in a browser
        that has completed a sign-in to the account before (`browser_key`).
        """
        key = email_key(email)
        account = await self._account_holding(key)
        matches = await self._password_matches(account, normalise_password(password))
        known = account is not None and browser_key in account.known_browsers
        if self._guesses is not None and not (browser_key and known):
            here, everywhere = await self._guesses.runs(client, key, now)
            until = guesses_wait_until(here, everywhere, now)
            if until is not None:
                raise errors.SignInDelayed(errors.WRONG_PASSWORD, until=until)
        if account is not None and matches:
            if self._guesses is not None:
                await self._guesses.forget(key)
            return account
        if self._guesses is not None:
            await self._guesses.record_failure(client, key, now)
        account_id = None if account is None else account.id
        follow_up = partial(self._after_wrong_password, account_id, now, after_failure)
        self._after.run(follow_up, "sign_in_failure")
        raise errors.WrongPassword(errors.WRONG_PASSWORD)

    async def _account_holding(self, key: str) -> Account | None:
        account_id = await self._emails.find(key)
        if account_id is None:
            return None
        try:
            return await self.get(account_id)
        except NotFound:
            return None

    async def _after_wrong_password(
        self, account_id: UUID | None, now: datetime, then: Work | None
    ) -> None:
        """Record the failure on the account, if any; then the follow-up (the notice)."""
        if account_id is not None:

            async def attempt() -> None:
                account = await self.get(account_id)
                account.record_failed_sign_in(account.holder, WRONG_PASSWORD_REASON, now)
                await self._repository.save(account)

            await retrying(attempt)
        if then is not None:
            await then()

    async def record_sign_in(
        self, account_id: UUID, session_ref: str, browser: str, now: datetime, browser_key: str = ""
    ) -> None:
        """Record a completed sign-in (password and second factor) on the account."""

        async def attempt() -> None:
            account = await self.get(account_id)
            account.record_sign_in(account.holder, session_ref, browser, now, browser_key)
            await self._repository.save(account)

        await retrying(attempt)

    async def pending_totp(self, account_id: UUID) -> TotpSetup | None:
        """The authenticator app being set up, to show again; None if none is."""
        account = await self.get(account_id)
        secret = account.pending_totp_secret
        if secret is None:
            return None
        uri = self._totp.provisioning_uri(secret, account.email)
        return TotpSetup(secret=secret, uri=uri, svg=self._totp.qr_svg(uri))

    async def begin_totp(self, account_id: UUID) -> TotpSetup:
        """Start setting up an authenticator app: a new secret, its URI and QR code."""
        account = await self.get(account_id)
        secret = self._totp.new_secret()
        account.start_totp_enrolment(account.holder, secret)
        await self._repository.save(account)
        uri = self._totp.provisioning_uri(secret, account.email)
        return TotpSetup(secret=secret, uri=uri, svg=self._totp.qr_svg(uri))

    async def activate_totp(self, account_id: UUID, code: str, now: datetime) -> None:
        """Switch to the app being set up once a code from it is right; else raise WrongCode."""

        async def attempt() -> None:
            account = await self.get(account_id)
            account.check_code_allowed(now)
            secret = account.pending_totp_secret
            if secret is None:
                raise errors.TotpNotSetUp("Start setting up an authenticator app first.")
            step = self._totp_step(secret, code, now)
            if step is None:
                await self._refuse_code(account, now)
            else:
                account.activate_totp(account.holder, step)
                await self._repository.save(account)

        await retrying(attempt)

    async def verify_code(self, account_id: UUID, code: str, now: datetime) -> CodeKind:
        """Spend an authenticator or recovery code, or raise WrongCode (or CodePaused)."""

        async def attempt() -> CodeKind:
            account = await self.get(account_id)
            account.check_code_allowed(now)
            try:
                kind = self._spend_code(account, code, now)
            except errors.WrongCode as refused:
                await self._refuse_code(account, now, refused)
            await self._repository.save(account)
            return kind

        return await retrying(attempt)

    def _spend_code(self, account: Account, code: str, now: datetime) -> CodeKind:
        if canonical_totp_code(code) is not None:
            secret = account.totp_secret
            step = None if secret is None else self._totp_step(secret, code, now)
            if step is None:
                raise errors.WrongCode(errors.WRONG_CODE)
            account.use_totp_step(account.holder, step)
            return CodeKind.TOTP
        recovery = canonical_recovery_code(code)
        if recovery is None:
            raise errors.WrongCode(errors.WRONG_CODE)
        account.use_recovery_code(account.holder, self._tokens.digest(recovery))
        return CodeKind.RECOVERY_CODE

    def _totp_step(self, secret: str, code: str, now: datetime) -> int | None:
        digits = canonical_totp_code(code)
        return None if digits is None else self._totp.verify(secret, digits, now)

    async def _refuse_code(
        self, account: Account, now: datetime, refused: errors.WrongCode | None = None
    ) -> NoReturn:
        account.record_failed_sign_in(account.holder, WRONG_CODE_REASON, now)
        await self._repository.save(account)
        raise refused or errors.WrongCode(errors.WRONG_CODE)

    async def new_recovery_codes(self, account_id: UUID) -> list[str]:
        """Replace the recovery codes; the plain codes are returned this once, never stored."""
        codes: dict[str, str] = {}
        while len(codes) < RECOVERY_CODE_COUNT:
            shown = self._tokens.recovery_code()
            canonical = canonical_recovery_code(shown)
            if canonical is None:
                raise ValueError("the token factory made a code people could not type back")
            codes[canonical] = shown
        account = await self.get(account_id)
        account.set_recovery_codes(account.holder, [self._tokens.digest(c) for c in codes])
        await self._repository.save(account)
        return list(codes.values())
