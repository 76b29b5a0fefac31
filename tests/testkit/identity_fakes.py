"""In-memory stand-ins for the identity tests: an email index and helpers.

The event store they run on is testkit.memory_store.MemoryEventStore.
"""

from __future__ import annotations

from datetime import UTC, datetime
from uuid import UUID

from argon2.profiles import CHEAPEST

from immportal.adapters.identity.argon2_hasher import Argon2Hasher
from immportal.adapters.identity.tokens import RandomTokens
from immportal.adapters.identity.totp import PyotpTotp
from immportal.services.identity.accounts import AccountService
from immportal.services.repository import Repository
from testkit.memory_store import MemoryEventStore

NOW = datetime(2027, 3, 1, 9, 0, 0, tzinfo=UTC)
STEP = int(NOW.timestamp()) // 30
EMAIL = "Maria.Garcia@Example.ORG"
NAMES = ["María", "García López"]
PASSWORD = "lantern orchard tuesday violin"


class InMemoryEmailIndex:
    """The EmailIndex port in a dict."""

    def __init__(self) -> None:
        self.owners: dict[str, UUID] = {}

    async def claim(self, email_key: str, account_id: UUID) -> bool:
        """Reserve the address unless another account holds it."""
        return self.owners.setdefault(email_key, account_id) == account_id

    async def find(self, email_key: str) -> UUID | None:
        """The account holding the address, if any."""
        return self.owners.get(email_key)

    async def release(self, email_key: str, account_id: UUID) -> None:
        """Give the address up if this account holds it."""
        if self.owners.get(email_key) == account_id:
            del self.owners[email_key]


def make_service(
    store: MemoryEventStore | None = None, emails: InMemoryEmailIndex | None = None
) -> AccountService:
    """An account service on in-memory storage, real tokens and TOTP, and cheap Argon2id."""
    return AccountService(
        Repository(store or MemoryEventStore()),
        Argon2Hasher(CHEAPEST),
        RandomTokens(),
        PyotpTotp(),
        emails or InMemoryEmailIndex(),
    )
