"""What signing a document needs from outside: a code registry and a PDF signer."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Protocol
from uuid import UUID

from immportal.domain.documents.codes import grouped


@dataclass(frozen=True)
class DocumentFacts:
    """What anyone holding a document's code may learn of it: never a name or an address."""

    document_id: UUID
    kind: str
    title: str
    case_id: UUID
    issued_at: datetime
    series: str | None = None
    """Documents of one series on one case replace each other (a new decision, a moved
    appointment); None when a document stands alone."""
    outcome: str | None = None


@dataclass(frozen=True)
class VerificationMark:
    """What a signed document prints so it can be checked: its code and where to check it."""

    code: str
    url: str

    @property
    def shown(self) -> str:
        """The code as printed, in groups of four."""
        return grouped(self.code, 4)


class DocumentCodes(Protocol):
    """Hands out verification codes, one per document, kept for good."""

    async def code_for(self, facts: DocumentFacts) -> str:
        """The document's code: made at its first registration, the same ever after."""
        ...


class PdfSigner(Protocol):
    """Signs PDF documents (PAdES) with the portal's document-signing certificate."""

    def sign(self, pdf: bytes, *, reason: str) -> bytes:
        """The PDF with a signature over all of it; CPU work, never on the event loop."""
        ...
