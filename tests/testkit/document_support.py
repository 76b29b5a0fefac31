"""Signed documents in tests: their codes, and pyHanko's verdict on their signatures."""

import asyncio
import io
from datetime import UTC, datetime
from uuid import UUID

from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.validation.pdf_embedded import async_validate_pdf_signature
from pyhanko.sign.validation.status import PdfSignatureStatus
from pyhanko_certvalidator import ValidationContext

from immportal.adapters.pdf.pades import asn1_certificate
from immportal.adapters.signing.document_certificates import read_identity
from testkit.e2e_support import CATCH_UP_SECONDS, Portal
from testkit.signing_files import document_signing_files


async def document_code(portal: Portal, document_id: UUID) -> str:
    """The verification code registered for a document, once it is (bounded wait)."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + CATCH_UP_SECONDS
    while loop.time() < deadline:
        code: str | None = await portal.runtime.pool.fetchval(
            "SELECT code FROM document_codes WHERE document_id = $1", document_id
        )
        if code is not None:
            return code
        await asyncio.sleep(0.02)
    raise AssertionError(f"document {document_id} got no verification code")


async def signature_status(pdf: bytes) -> PdfSignatureStatus:
    """pyHanko's verdict on the file's one signature, trusting the tests' development CA."""
    identity = read_identity(*document_signing_files(), datetime.now(UTC))
    reader = PdfFileReader(io.BytesIO(pdf), strict=False)
    (signature,) = reader.embedded_signatures
    roots = [asn1_certificate(identity.chain[-1])]
    return await async_validate_pdf_signature(signature, ValidationContext(trust_roots=roots))
