"""Saving a new account: claim its address first, give the address back if the save failed."""

from __future__ import annotations

from uuid import UUID

from immportal.domain.identity import errors
from immportal.domain.identity.account import Account
from immportal.errors import NotFound
from immportal.services.identity.ports import EmailIndex
from immportal.services.repository import Repository


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
