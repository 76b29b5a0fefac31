"""Verification codes in PostgreSQL (adapters/postgres/document_codes.py): one per document."""

import asyncio
from datetime import UTC, datetime
from uuid import uuid4

import asyncpg
import pytest

from immportal.adapters.postgres import document_codes
from immportal.adapters.postgres.document_codes import CodesExhausted, PostgresDocumentCodes
from immportal.app.container import Runtime
from immportal.domain.documents.codes import ALPHABET
from immportal.services.documents.ports import DocumentFacts

ISSUED = datetime(2027, 1, 15, 12, 0, tzinfo=UTC)


def facts(**overrides: object) -> DocumentFacts:
    """A decision notice of a new case."""
    values: dict[str, object] = {
        "document_id": uuid4(),
        "kind": "decision",
        "title": "Decision notice",
        "case_id": uuid4(),
        "issued_at": ISSUED,
        "series": "decision",
        "outcome": "approved",
    }
    values.update(overrides)
    return DocumentFacts(**values)  # type: ignore[arg-type]


class TestOneCodePerDocument:
    """Asking again, even at the same moment, gives the document's one code."""

    async def test_same_code_every_time(self, runtime: Runtime) -> None:
        """Ten registrations at once of one document: one row, one code, in the alphabet."""
        codes = PostgresDocumentCodes(runtime.pool)
        notice = facts()
        found = await asyncio.gather(*(codes.code_for(notice) for _ in range(10)))
        rows = await runtime.pool.fetch(
            "SELECT code, kind, title, series, case_id, issued_at, outcome FROM document_codes"
            " WHERE document_id = $1",
            notice.document_id,
        )
        assert 1 == len(set(found)) == len(rows)
        assert (12, True) == (len(found[0]), set(found[0]) <= set(ALPHABET))
        assert (
            found[0],
            "decision",
            "Decision notice",
            "decision",
            notice.case_id,
            ISSUED,
            "approved",
        ) == tuple(rows[0])

    async def test_documents_get_their_own(self, runtime: Runtime) -> None:
        """Two documents, two codes."""
        codes = PostgresDocumentCodes(runtime.pool)
        assert 2 == len({await codes.code_for(facts()), await codes.code_for(facts())})

    async def test_a_taken_code_is_drawn_again(
        self, runtime: Runtime, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """A drawn code that is taken is replaced; a source that only draws taken ones fails."""
        codes = PostgresDocumentCodes(runtime.pool)
        taken = await codes.code_for(facts())
        draws = iter([taken, "0" * 12])
        monkeypatch.setattr(document_codes, "new_code", lambda length: next(draws))
        assert "0" * 12 == await codes.code_for(facts())
        monkeypatch.setattr(document_codes, "new_code", lambda length: taken)
        with pytest.raises(CodesExhausted):
            await codes.code_for(facts())


class TestAppendOnly:
    """The application's role may add codes, never change or remove them."""

    async def test_no_update_or_delete(self, runtime: Runtime) -> None:
        """UPDATE and DELETE are refused to the portal's role."""
        await PostgresDocumentCodes(runtime.pool).code_for(facts())
        for statement in (
            "UPDATE document_codes SET outcome = 'denied'",
            "DELETE FROM document_codes",
        ):
            with pytest.raises(asyncpg.InsufficientPrivilegeError):
                await runtime.pool.execute(statement)
