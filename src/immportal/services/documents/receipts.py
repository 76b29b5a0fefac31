"""Payment receipts as signed PDFs: the receipt's lines, its code, its signature."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from functools import partial
from typing import Protocol
from uuid import UUID

from immportal.services.documents.ports import DocumentFacts, VerificationMark
from immportal.services.documents.sealing import DocumentSealer

RECEIPT_KIND = "payment_receipt"
RECEIPT_TITLE = "Payment receipt"


@dataclass(frozen=True)
class PrintedReceipt:
    """What a payment receipt prints: its reference and labelled lines, in reading order."""

    reference: str
    rows: tuple[tuple[str, str], ...]


class ReceiptRenderer(Protocol):
    """Draws a payment receipt as a PDF."""

    def render(self, receipt: PrintedReceipt, mark: VerificationMark) -> bytes:
        """The receipt with its verification mark, as PDF bytes."""
        ...


def receipt_facts(payment_id: UUID, case_id: UUID, paid_at: datetime) -> DocumentFacts:
    """What /verify shows of a payment receipt: that it is one, of which case, and when."""
    return DocumentFacts(payment_id, RECEIPT_KIND, RECEIPT_TITLE, case_id, paid_at)


class SignedReceipts:
    """Renders payment receipts with their verification mark and signs them."""

    def __init__(self, sealer: DocumentSealer, renderer: ReceiptRenderer) -> None:
        self._sealer, self._renderer = sealer, renderer

    async def pdf(self, facts: DocumentFacts, receipt: PrintedReceipt) -> bytes:
        """The signed PDF of a receipt (rendered and signed off the event loop)."""
        return await self._sealer.seal(facts, partial(self._renderer.render, receipt))
