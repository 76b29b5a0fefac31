"""Removing a passkey never leaves an account without a second factor (services/identity)."""

from collections.abc import Sequence
from dataclasses import replace
from datetime import UTC, datetime
from uuid import UUID

import pytest

from immportal.domain.errors import InvalidArgument
from immportal.domain.identity.account import Account
from immportal.services.identity.passkeys import Passkey, PasskeyService
from immportal.services.repository import Repository
from testkit.memory_store import MemoryEventStore

NOW = datetime(2027, 3, 1, 9, 0, tzinfo=UTC)
SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"


class MemoryPasskeys:
    """The passkey store's removal part, in memory."""

    def __init__(self) -> None:
        self.keys: dict[bytes, Passkey] = {}

    async def of_account(self, account_id: UUID) -> Sequence[Passkey]:
        """The account's passkeys."""
        return [k for k in self.keys.values() if k.account_id == account_id]

    async def remove(self, account_id: UUID, credential_id: bytes) -> bool:
        """Remove one of the account's passkeys."""
        key = self.keys.get(credential_id)
        if key is None or key.account_id != account_id:
            return False
        del self.keys[credential_id]
        return True


def passkey(account_id: UUID, n: int) -> Passkey:
    """The account's n-th passkey."""
    return Passkey(
        credential_id=bytes([n]) * 16,
        account_id=account_id,
        public_key=b"key",
        sign_count=0,
        transports=("internal",),
        aaguid="",
        name=f"Phone {n}",
        created_at=NOW,
    )


async def account(repository: Repository, *, with_app: bool) -> Account:
    """A saved account, with or without an authenticator app."""
    holder = Account.register(
        email="ana@example.org", password_hash="$argon2id$fake", names=["Ana", "Ruiz"]
    )
    if with_app:
        holder.start_totp_enrolment(holder.holder, SECRET)
        holder.activate_totp(holder.holder, 1)
    await repository.save(holder)
    return holder


async def service_with(keys: int, *, with_app: bool) -> tuple[PasskeyService, MemoryPasskeys, UUID]:
    """The service over an account with `keys` passkeys."""
    repository = Repository(MemoryEventStore())
    store = MemoryPasskeys()
    holder = await account(repository, with_app=with_app)
    for n in range(keys):
        key = passkey(holder.id, n + 1)
        store.keys[key.credential_id] = key
    service = PasskeyService(
        repository,
        store,
        rp_id="portal.example",
        origin="https://portal.example",  # type: ignore[arg-type]  # the removal part of the store only
    )
    return service, store, holder.id


class TestRemovingTheLastFactor:
    """The last passkey of an account without an authenticator app stays."""

    async def test_the_only_second_factor_cannot_be_removed(self) -> None:
        """One passkey, no app: refused with a plain message, and the passkey is kept."""
        service, store, account_id = await service_with(1, with_app=False)
        with pytest.raises(InvalidArgument, match="only second factor"):
            await service.remove(account_id, bytes([1]) * 16)
        assert 1 == len(await store.of_account(account_id))

    async def test_one_of_two_passkeys_can_go(self) -> None:
        """Two passkeys, no app: one is removed, the other stays."""
        service, store, account_id = await service_with(2, with_app=False)
        assert await service.remove(account_id, bytes([1]) * 16)
        assert [bytes([2]) * 16] == [k.credential_id for k in await store.of_account(account_id)]

    async def test_the_last_passkey_can_go_when_the_app_remains(self) -> None:
        """One passkey and an authenticator app: the passkey may be removed."""
        service, store, account_id = await service_with(1, with_app=True)
        assert await service.remove(account_id, bytes([1]) * 16)
        assert [] == list(await store.of_account(account_id))

    async def test_another_accounts_passkey_is_not_found(self) -> None:
        """A credential id of another account removes nothing."""
        service, store, account_id = await service_with(1, with_app=True)
        other = replace(passkey(account_id, 9), account_id=UUID(int=7))
        store.keys[other.credential_id] = other
        assert not await service.remove(account_id, other.credential_id)
        assert other.credential_id in store.keys
