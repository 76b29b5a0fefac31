"""Password hashing runs on its own bounded pool, so a busy default pool cannot starve it.

The security probe slowed a sign-in from 0.12 s to 1.0 s with three uploads in parallel:
image inspection and Argon2 shared the event loop's default thread pool.
"""

from __future__ import annotations

import asyncio
import threading
from concurrent.futures import ThreadPoolExecutor

from argon2.profiles import CHEAPEST

from immportal.adapters.identity.argon2_hasher import Argon2Hasher
from immportal.app.password_hashing import MAX_HASHING_THREADS, hashing_threads, password_hasher
from immportal.services.identity.hashing import hash_password, password_matches


class TestOwnPool:
    """The hasher of the composition root brings its pool; hashing uses it."""

    async def test_hashes_while_the_default_pool_is_taken(self) -> None:
        """With every thread of the default pool blocked, a hash and a check still finish."""
        loop = asyncio.get_running_loop()
        release = threading.Event()
        default = ThreadPoolExecutor(max_workers=1)
        loop.set_default_executor(default)
        blocked = loop.run_in_executor(None, release.wait)
        try:
            with password_hasher() as production:
                cheap = Argon2Hasher(CHEAPEST, executor=production.executor)
                hashed = await asyncio.wait_for(hash_password(cheap, "lantern orchard"), 10)
                matches = await asyncio.wait_for(
                    password_matches(cheap, hashed, "lantern orchard"), 10
                )
            assert (True, False) == (matches, blocked.done())
        finally:
            release.set()
            await blocked
            default.shutdown()

    async def test_runs_on_the_argon2_threads(self) -> None:
        """Hashing happens on threads named argon2, not the loop's default ones."""
        seen: list[str] = []

        class Noting(Argon2Hasher):
            def hash(self, password: str) -> str:
                seen.append(threading.current_thread().name)
                return super().hash(password)

        with password_hasher() as production:
            await hash_password(Noting(CHEAPEST, executor=production.executor), "x" * 12)
        assert [True] == [name.startswith("argon2") for name in seen]

    def test_bounded(self) -> None:
        """At least two threads, never more than MAX_HASHING_THREADS (64 MiB each)."""
        assert 2 <= hashing_threads() <= MAX_HASHING_THREADS
