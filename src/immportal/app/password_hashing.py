"""The password hasher of a process, with a bounded thread pool of its own."""

from __future__ import annotations

import os
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager

from immportal.adapters.identity.argon2_hasher import Argon2Hasher

MAX_HASHING_THREADS = 4
"""At most this many hashes at once (64 MiB each); more requests wait their turn in order."""


def hashing_threads() -> int:
    """Threads for hashing: one per core up to MAX_HASHING_THREADS, at least two."""
    return max(2, min(MAX_HASHING_THREADS, os.cpu_count() or 1))


@contextmanager
def password_hasher() -> Iterator[Argon2Hasher]:
    """Argon2id on its own pool, so uploads being inspected cannot starve sign-in."""
    # Argon2 releases the GIL while it hashes, so threads give real parallelism here.
    pool = ThreadPoolExecutor(max_workers=hashing_threads(), thread_name_prefix="argon2")
    try:
        yield Argon2Hasher(executor=pool)
    finally:
        pool.shutdown(wait=True, cancel_futures=True)
