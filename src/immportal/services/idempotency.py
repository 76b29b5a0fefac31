"""The port behind retry-safe commands: a key's first outcome, kept for its retries."""

from dataclasses import dataclass
from typing import Protocol


@dataclass(frozen=True)
class Recorded:
    """What a key already stands for: its request's fingerprint and, once done, its answer."""

    fingerprint: bytes
    status: int | None
    location: str | None
    content_type: str | None
    body: bytes | None

    @property
    def done(self) -> bool:
        """Whether the first request has finished and its answer is kept."""
        return self.status is not None


class IdempotentRequests(Protocol):
    """Claims keys atomically and keeps each first outcome."""

    async def claim(self, scope: str, key: str, fingerprint: bytes) -> Recorded | None:
        """Claim the key for this request (None); or what an earlier request recorded."""

    async def complete(
        self,
        scope: str,
        key: str,
        status: int,
        location: str | None,
        content_type: str | None,
        body: bytes | None,
    ) -> None:
        """Keep the first request's answer for its retries."""

    async def release(self, scope: str, key: str) -> None:
        """Forget a claim whose request changed nothing, so a retry runs anew."""
