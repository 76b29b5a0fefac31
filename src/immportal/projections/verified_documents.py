"""What /verify reads of a signed document by its code: facts, position, and what replaced it.

Joins the codes the signer registered with the read models that say where the document
stands now: the notice's issuing event (its log position), the case's receipt number,
and the newest document of the same series on the same case, if newer than this one.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

import asyncpg

from immportal.adapters.postgres.connection import map_db_errors
from immportal.projections.base import view_name


@dataclass(frozen=True)
class VerifiedDocument:
    """A signed document's public facts; no name, no address, no case id."""

    kind: str
    title: str
    issued_at: datetime
    outcome: str | None
    receipt_number: str | None
    position: int | None
    """The log position of the event that issued it (notices), for its inclusion proof."""
    superseded_by: str | None
    superseded_at: datetime | None

    @property
    def superseded(self) -> bool:
        """Whether a newer document of the same series replaced it."""
        return self.superseded_at is not None


_BY_CODE = f"""
SELECT d.kind, d.title, d.issued_at, d.outcome, s.receipt_number, n.position,
       later.title AS superseded_by, later.issued_at AS superseded_at
FROM document_codes d
LEFT JOIN {view_name("notices")} n ON n.notice_id = d.document_id
LEFT JOIN {view_name("case_summary")} s ON s.case_id = d.case_id
LEFT JOIN LATERAL (
    SELECT l.title, l.issued_at FROM document_codes l
    WHERE d.series IS NOT NULL AND l.case_id = d.case_id AND l.series = d.series
      AND l.issued_at > d.issued_at
    ORDER BY l.issued_at DESC LIMIT 1
) later ON true
WHERE d.code = $1
"""


async def document_by_code(pool: asyncpg.Pool, code: str) -> VerifiedDocument | None:
    """The document with this (normalised) code, or None."""
    with map_db_errors():
        row = await pool.fetchrow(_BY_CODE, code)
    return None if row is None else VerifiedDocument(**dict(row))
