"""Verification codes of signed documents, one per document, kept in `document_codes`."""

from __future__ import annotations

import asyncpg

from immportal.adapters.postgres.connection import map_db_errors
from immportal.domain.documents.codes import DOCUMENT_CODE_LENGTH, new_code
from immportal.services.documents.ports import DocumentFacts

_EXISTING = "SELECT code FROM document_codes WHERE document_id = $1"
# No conflict target: a document registered meanwhile, and a code already taken, both
# insert nothing; the caller then reads the document's code or draws another.
_REGISTER = """
INSERT INTO document_codes (code, document_id, kind, title, series, case_id, issued_at, outcome)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
ON CONFLICT DO NOTHING
RETURNING code
"""
ATTEMPTS = 5
"""Draws of a 60-bit code before giving up: a collision at all is already unheard of."""


class CodesExhausted(RuntimeError):
    """Every code drawn was taken: the random source is broken."""


class PostgresDocumentCodes:
    """Hands out a random code per document; asking again gives the same code."""

    def __init__(self, pool: asyncpg.Pool) -> None:
        self._pool = pool

    async def code_for(self, facts: DocumentFacts) -> str:
        """The document's code, registered with its facts the first time it is asked for."""
        with map_db_errors():
            async with self._pool.acquire() as conn:
                existing: str | None = await conn.fetchval(_EXISTING, facts.document_id)
                for _ in range(ATTEMPTS):
                    if existing is not None:
                        return existing
                    registered: str | None = await conn.fetchval(
                        _REGISTER,
                        new_code(DOCUMENT_CODE_LENGTH),
                        facts.document_id,
                        facts.kind,
                        facts.title,
                        facts.series,
                        facts.case_id,
                        facts.issued_at,
                        facts.outcome,
                    )
                    if registered is not None:
                        return registered
                    existing = await conn.fetchval(_EXISTING, facts.document_id)
        raise CodesExhausted("no free document code after several draws")
