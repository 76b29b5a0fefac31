"""Password hashing with Argon2id through argon2-cffi."""

from __future__ import annotations

from concurrent.futures import Executor

from argon2 import Parameters
from argon2 import PasswordHasher as _Argon2
from argon2.exceptions import InvalidHashError, VerificationError
from argon2.profiles import RFC_9106_LOW_MEMORY

DEFAULT_PARAMETERS = RFC_9106_LOW_MEMORY
"""Argon2id, 64 MiB, 3 passes, 4 lanes: RFC 9106's second choice, above OWASP's minimum."""


class Argon2Hasher:
    """The PasswordHasher port on Argon2id; tests may pass cheaper parameters.

    The composition root passes a pool of its own (see `app/password_hashing.py`), so
    hashing never waits behind other work on the event loop's default pool.
    """

    def __init__(
        self, parameters: Parameters = DEFAULT_PARAMETERS, *, executor: Executor | None = None
    ) -> None:
        self._argon2 = _Argon2.from_parameters(parameters)
        self._executor = executor

    @property
    def executor(self) -> Executor | None:
        """The pool hashing runs on; None for the event loop's default pool."""
        return self._executor

    def hash(self, password: str) -> str:
        """A new salted Argon2id hash such as $argon2id$v=19$m=65536,t=3,p=4$..."""
        return self._argon2.hash(password)

    def verify(self, password_hash: str, password: str) -> bool:
        """Whether the password matches the hash; anything that is not a match is False."""
        try:
            return self._argon2.verify(password_hash, password)
        except (VerificationError, InvalidHashError):
            # VerifyMismatchError is a VerificationError; a corrupt hash must not sign in either.
            return False

    def needs_rehash(self, password_hash: str) -> bool:
        """Whether the hash was made with other parameters than this hasher's."""
        try:
            return self._argon2.check_needs_rehash(password_hash)
        except (InvalidHashError, ValueError):
            return True
