"""In-memory stand-ins for counting password work and wrong passwords in identity tests."""

from __future__ import annotations

from datetime import datetime

from argon2.profiles import CHEAPEST

from immportal.adapters.identity.argon2_hasher import Argon2Hasher
from immportal.domain.identity.throttle import GuessRun
from immportal.services.identity.sessions import approximate_place


class CountingHasher(Argon2Hasher):
    """Cheap Argon2id that counts its computations: a hash and a check cost the same."""

    def __init__(self) -> None:
        super().__init__(CHEAPEST)
        self.computations = 0

    def hash(self, password: str) -> str:
        """Hash and count."""
        self.computations += 1
        return super().hash(password)

    def verify(self, password_hash: str, password: str) -> bool:
        """Check and count."""
        self.computations += 1
        return super().verify(password_hash, password)


class InMemoryPasswordGuesses:
    """The PasswordGuesses port in a dict keyed by (address, network)."""

    def __init__(self) -> None:
        self.runs_by: dict[tuple[str, str], GuessRun] = {}

    async def runs(
        self, address: str | None, email_key: str, now: datetime
    ) -> tuple[GuessRun, GuessRun]:
        """The address's runs from the client's network and from anywhere."""
        mine = [run for (key, _), run in self.runs_by.items() if key == email_key]
        everywhere = GuessRun(
            sum(run.failures for run in mine),
            max((run.last_at for run in mine if run.last_at), default=None),
        )
        return self.runs_by.get((email_key, _network(address)), GuessRun()), everywhere

    async def record_failure(self, address: str | None, email_key: str, now: datetime) -> None:
        """Count one wrong password."""
        key = (email_key, _network(address))
        self.runs_by[key] = GuessRun(self.runs_by.get(key, GuessRun()).failures + 1, now)

    async def forget(self, email_key: str) -> None:
        """Start the address afresh."""
        self.runs_by = {k: v for k, v in self.runs_by.items() if k[0] != email_key}


def _network(address: str | None) -> str:
    return str(approximate_place(address))
