"""Account use cases: register, check a password, set up and check the second factor."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
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
from immportal.errors import NotFound
from immportal.services.identity.ports import EmailIndex, PasswordHasher, TokenFactory, TotpService
from immportal.services.identity.retry import retrying
from immportal.services.repository import Repository

# Hashed when nobody holds the address, so sign-in takes about as long either way.
_DECOY_PASSWORD = "decoy password hashed for unknown addresses"  # noqa: S105 - not a secret


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
    ) -> None:
        self._repository, self._hasher, self._tokens = repository, hasher, tokens
        self._totp, self._emails = totp, emails

    async def get(self, account_id: UUID) -> Account:
        """The account as it stands."""
        return await self._repository.get(Account, account_id)

    async def register(self, email: str, password: str, names: list[str]) -> UUID:
        """Open an account after the password policy allows the password; return its id."""
        address = normalise_email(email)
        require_acceptable_password(password, email=address, names=names)
        hashed = await asyncio.to_thread(self._hasher.hash, normalise_password(password))
        account = Account.register(email=address, password_hash=hashed, names=names)
        return await save_new_account(self._repository, self._emails, account)

    async def verify_password(self, account_id: UUID, password: str, now: datetime) -> None:
        """Raise WrongPassword (SignInDelayed while waiting) unless the password is right."""

        async def attempt() -> None:
            account = await self.get(account_id)
            # While sign-in waits, nothing is checked or recorded: guesses cost nothing to refuse.
            account.check_password_allowed(now)
            if await self._password_matches(account, normalise_password(password)):
                return
            account.record_failed_sign_in(account.holder, WRONG_PASSWORD_REASON, now)
            await self._repository.save(account)
            raise errors.WrongPassword(errors.WRONG_PASSWORD)

        await retrying(attempt)

    async def _password_matches(self, account: Account, password: str) -> bool:
        stored = account.password_hash
        if len(password) > MAX_LENGTH:
            return False
        if not await asyncio.to_thread(self._hasher.verify, stored, password):
            return False
        if self._hasher.needs_rehash(stored):
            fresh = await asyncio.to_thread(self._hasher.hash, password)
            account.rehash_password(account.holder, fresh)
            await self._repository.save(account)
        return True

    async def sign_in(self, email: str, password: str, now: datetime) -> Account:
        """The account whose email and password these are; else raise WrongPassword.

        An unknown address costs a hash too and raises the same error, so neither the
        answer nor its timing says whether an account uses the address.
        """
        account_id = await self._emails.find(email_key(email))
        if account_id is None:
            await asyncio.to_thread(self._hasher.hash, _DECOY_PASSWORD)
            raise errors.WrongPassword(errors.WRONG_PASSWORD)
        await self.verify_password(account_id, password, now)
        return await self.get(account_id)

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


async def save_new_account(repository: Repository, emails: EmailIndex, account: Account) -> UUID:
    """Claim the account's address, then save it; give the address back if the save failed.

    Raises EmailTaken when another account holds the address (pages must not reveal
    this to strangers: they say "check your email" either way).
    """
    if not await emails.claim(account.email_key, account.id):
        raise errors.EmailTaken("An account already uses this email address.")
    try:
        await repository.save(account)
    except Exception:
        await _release_if_unsaved(repository, emails, account)
        raise
    return account.id


async def _release_if_unsaved(repository: Repository, emails: EmailIndex, account: Account) -> None:
    # A save can fail after its commit (the connection dropped during COMMIT), so the
    # claim is given back only when the store shows no such account; releasing it
    # under a saved account would let a second account take the address.
    try:
        await repository.get(Account, account.id)
    except NotFound:
        await emails.release(account.email_key, account.id)
