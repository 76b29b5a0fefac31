"""Accounts opened by someone else: staff created by an admin, and the demo accounts."""

from __future__ import annotations

from uuid import UUID

from immportal.domain.actor import Actor, Role
from immportal.domain.identity.account import Account
from immportal.domain.identity.emails import normalise_email
from immportal.domain.identity.passwords import normalise_password, require_acceptable_password
from immportal.services.identity.hashing import hash_password
from immportal.services.identity.new_accounts import save_new_account
from immportal.services.identity.ports import EmailIndex, PasswordHasher, TokenFactory
from immportal.services.repository import Repository

STAFF_ROLES = (Role.OFFICER, Role.SUPERVISOR, Role.AUDITOR, Role.ANALYST, Role.ADMIN)
CREATABLE_ROLES = (*STAFF_ROLES, Role.APPLICANT)
"""What `immportal users create --role` accepts."""


class StaffAccountService:
    """Opens accounts on someone's behalf, in any role, recording who did it."""

    def __init__(
        self,
        repository: Repository,
        hasher: PasswordHasher,
        tokens: TokenFactory,
        emails: EmailIndex,
    ) -> None:
        self._repository, self._hasher = repository, hasher
        self._tokens, self._emails = tokens, emails

    async def open_account(
        self,
        *,
        email: str,
        names: list[str],
        role: Role,
        actor: Actor,
        password: str | None = None,
        email_verified: bool = False,
        office: str | None = None,
    ) -> UUID:
        """Open an account; without a password it gets an unusable one until a link sets it.

        Raises EmailTaken when another account holds the address, PasswordRejected
        when a given password breaks the policy, and InvalidArgument for an office
        given to someone who does not work in one.
        """
        address = normalise_email(email)
        if password is None:
            # Nobody ever sees this: the hash of 256 random bits, thrown away at once.
            secret = self._tokens.link_token()
        else:
            require_acceptable_password(password, email=address, names=names)
            secret = normalise_password(password)
        hashed = await hash_password(self._hasher, secret)
        account = Account.register(
            email=address, password_hash=hashed, names=names, actor=actor, role=role
        )
        if email_verified:
            account.verify_email(actor)
        if office:
            account.assign_office(actor, office)
        return await save_new_account(self._repository, self._emails, account)

    async def assign_office(self, account_id: UUID, office: str, *, actor: Actor) -> None:
        """Place an officer or supervisor in an office (admins only)."""
        account = await self._repository.get(Account, account_id)
        account.assign_office(actor, office)
        await self._repository.save(account)
