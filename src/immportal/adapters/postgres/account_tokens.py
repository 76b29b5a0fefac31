"""Single-use link tokens in PostgreSQL, stored as SHA-256 digests and spent atomically."""

from __future__ import annotations

from datetime import datetime, timedelta
from uuid import UUID

import asyncpg

from immportal.adapters.postgres.connection import map_db_errors
from immportal.domain.identity.errors import LINK_INVALID, LinkInvalid
from immportal.services.identity.ports import (
    MAX_TOKEN_LENGTH,
    IssuedLink,
    LinkGrant,
    LinkPurpose,
    TokenFactory,
)

_ISSUE = """
INSERT INTO account_tokens
  (digest, account_id, purpose, created_at, expires_at, password_version)
VALUES ($1, $2, $3, $4, $5, $6)
"""
_VALID = "digest = $1 AND purpose = $2 AND used_at IS NULL AND expires_at > $3"
_CHECK = f"SELECT account_id, password_version FROM account_tokens WHERE {_VALID}"
# Under READ COMMITTED a second UPDATE of the row waits for the first, re-checks
# `used_at IS NULL` and matches nothing: exactly one caller spends a token.
_CONSUME = (
    f"UPDATE account_tokens SET used_at = $3 WHERE {_VALID} RETURNING account_id, password_version"
)


def _aware(now: datetime) -> datetime:
    if now.tzinfo is None:
        raise ValueError("now must carry a time zone")
    return now


class PostgresTokenStore:
    """The TokenStore port on the `account_tokens` table."""

    def __init__(self, pool: asyncpg.Pool, tokens: TokenFactory) -> None:
        self._pool, self._tokens = pool, tokens

    async def issue(
        self,
        account_id: UUID,
        purpose: LinkPurpose,
        *,
        ttl: timedelta,
        password_version: int,
        now: datetime,
    ) -> IssuedLink:
        """Store a new token's digest, valid for `ttl` from `now`, and return the token."""
        token = self._tokens.link_token()
        digest = self._tokens.digest(token)
        created = _aware(now)
        with map_db_errors():
            await self._pool.execute(
                _ISSUE, digest, account_id, purpose.value, created, created + ttl, password_version
            )
        return IssuedLink(token=token, digest=digest)

    async def check(self, token: str, purpose: LinkPurpose, now: datetime) -> LinkGrant:
        """What an unused, unexpired token stands for, without using it; else LinkInvalid."""
        return await self._grant(_CHECK, token, purpose, now)

    async def consume(self, token: str, purpose: LinkPurpose, now: datetime) -> LinkGrant:
        """Mark the token used, if it is still valid; else raise LinkInvalid."""
        return await self._grant(_CONSUME, token, purpose, now)

    async def _grant(
        self, query: str, token: str, purpose: LinkPurpose, now: datetime
    ) -> LinkGrant:
        moment = _aware(now)
        if not token or len(token) > MAX_TOKEN_LENGTH:
            raise LinkInvalid(LINK_INVALID)
        digest = self._tokens.digest(token)
        with map_db_errors():
            row = await self._pool.fetchrow(query, digest, purpose.value, moment)
        if row is None:
            # Unknown, expired, used or for another purpose: one answer for all of them.
            raise LinkInvalid(LINK_INVALID)
        return LinkGrant(row["account_id"], row["password_version"], digest)
