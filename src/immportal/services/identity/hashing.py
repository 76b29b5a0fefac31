"""Password hashing off the event loop, on the hasher's own bounded pool.

Argon2id takes about a tenth of a second of CPU and 64 MiB per hash. On the loop's
default pool it queued behind file inspection, so three uploads slowed a sign-in from
0.12 s to 1 s; the composition root gives the hasher a pool of its own instead.
"""

from __future__ import annotations

import asyncio

from immportal.services.identity.ports import PasswordHasher

DECOY_PASSWORD = "decoy password hashed for unknown addresses"  # noqa: S105 - not a secret
"""Hashed where no stored hash applies, so every path costs one hash all the same."""


async def hash_password(hasher: PasswordHasher, password: str) -> str:
    """A new hash of the (normalised) password, computed on the hasher's pool."""
    loop = asyncio.get_running_loop()
    return await loop.run_in_executor(hasher.executor, hasher.hash, password)


async def password_matches(hasher: PasswordHasher, stored: str, password: str) -> bool:
    """Whether the password matches the stored hash, checked on the hasher's pool."""
    loop = asyncio.get_running_loop()
    return await loop.run_in_executor(hasher.executor, hasher.verify, stored, password)


async def decoy_hash(hasher: PasswordHasher) -> None:
    """Spend one hash's work for nothing, where a real check would have spent it."""
    await hash_password(hasher, DECOY_PASSWORD)
