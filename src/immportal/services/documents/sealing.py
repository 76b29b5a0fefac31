"""Sealing a document: its verification code, drawn on it, then its PAdES signature."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from urllib.parse import urlencode

from immportal.services.documents.ports import (
    DocumentCodes,
    DocumentFacts,
    PdfSigner,
    VerificationMark,
)

VERIFY_PATH = "/verify"
SIGNING_REASON = "Issued by {issuer}: check it at {url}"
DEFAULT_CONCURRENCY = 2
"""Documents rendered and signed at once per process: a burst of downloads waits its turn
rather than taking every thread while pages are being served."""

Render = Callable[[VerificationMark], bytes]
"""Draws the document, its verification mark included, as PDF bytes."""


def verify_url(public_url: str, code: str) -> str:
    """Where a document's QR code leads: the public check page with its code filled in."""
    return f"{public_url.rstrip('/')}{VERIFY_PATH}?{urlencode({'code': code})}"


class DocumentSealer:
    """Gives each document its code, renders it with its mark, and signs it off the loop."""

    def __init__(
        self,
        codes: DocumentCodes,
        signer: PdfSigner,
        public_url: str,
        *,
        issuer: str = "immportal",
        concurrency: int = DEFAULT_CONCURRENCY,
    ) -> None:
        self._codes, self._signer = codes, signer
        self._public_url, self._issuer = public_url, issuer
        self._slots = asyncio.Semaphore(concurrency)

    async def mark_for(self, facts: DocumentFacts) -> VerificationMark:
        """The document's verification mark (its code registered on first use)."""
        code = await self._codes.code_for(facts)
        return VerificationMark(code, verify_url(self._public_url, code))

    async def seal(self, facts: DocumentFacts, render: Render) -> bytes:
        """The document rendered with its mark and signed; rendering and signing in a thread."""
        mark = await self.mark_for(facts)
        async with self._slots:
            return await asyncio.to_thread(self._render_and_sign, render, mark)

    def _render_and_sign(self, render: Render, mark: VerificationMark) -> bytes:
        reason = SIGNING_REASON.format(issuer=self._issuer, url=mark.url)
        return self._signer.sign(render(mark), reason=reason)
