"""The document-signing identity and the services that seal documents with it.

Outside development mode the portal refuses to start without a key and its certificate
chain, as it does without checkpoint keys; development mode makes a small CA and a
signing certificate in the data folder at first start.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import asyncpg
import structlog

from immportal.adapters.pdf.pades import PadesSigner
from immportal.adapters.pdf.receipt_pdf import FpdfReceiptRenderer
from immportal.adapters.postgres.document_codes import PostgresDocumentCodes
from immportal.adapters.signing.document_certificates import (
    CHAIN_FILE,
    KEY_FILE,
    DocumentKeyFileError,
    SigningIdentity,
    development_identity,
    read_identity,
    write_identity,
)
from immportal.app.checkpoint_keys import SigningKeyProblem
from immportal.services.documents.receipts import SignedReceipts
from immportal.services.documents.sealing import DocumentSealer
from immportal.services.notices.content import ISSUER
from immportal.settings import Settings

log = structlog.get_logger(__name__)

DEV_FOLDER = "document-signing"
_MISSING = (
    "IMMPORTAL_DOCUMENT_SIGNING_KEY_FILE and IMMPORTAL_DOCUMENT_SIGNING_CHAIN_FILE must both"
    " be set. Notices and receipts are signed so that anyone can check them, so outside"
    " development mode (immportal serve --dev, or IMMPORTAL_DEV=true) the portal only"
    " starts with a document-signing key and its certificate chain."
)
_HOW = (
    " Use a PEM private key (ECDSA or RSA) and a PEM file of its certificate, then the"
    " certificates above it, from a CA your readers trust; keep the key out of the database."
)


class DocumentKeyProblem(SigningKeyProblem):
    """The document-signing key or chain is missing outside development mode, or unusable."""


def signing_files(settings: Settings) -> tuple[Path, Path]:
    """The configured key and chain; in development mode, the data folder's (made if missing)."""
    key_file, chain_file = settings.document_signing_key_file, settings.document_signing_chain_file
    if key_file is not None and chain_file is not None:
        return key_file, chain_file
    if not settings.dev or (key_file, chain_file) != (None, None):
        raise DocumentKeyProblem(_MISSING + _HOW)
    folder = settings.data_dir / DEV_FOLDER
    if not folder.exists():
        identity = development_identity(ISSUER, datetime.now(UTC))
        if write_identity(folder, identity):
            log.warning("document_ca_generated", path=str(folder), reason="development mode")
    return folder / KEY_FILE, folder / CHAIN_FILE


def signing_identity(settings: Settings) -> SigningIdentity:
    """The identity documents are signed with, checked (DocumentKeyProblem if unusable)."""
    key_file, chain_file = signing_files(settings)
    try:
        return read_identity(key_file, chain_file, datetime.now(UTC))
    except DocumentKeyFileError as exc:
        raise DocumentKeyProblem(f"{exc}." + _HOW) from None


def document_sealer(settings: Settings, pool: asyncpg.Pool) -> DocumentSealer:
    """Codes in this database, signatures with the configured identity."""
    return DocumentSealer(
        PostgresDocumentCodes(pool),
        PadesSigner(signing_identity(settings), location=settings.public_url),
        settings.public_url,
        issuer=ISSUER,
    )


def signed_receipts(settings: Settings, pool: asyncpg.Pool) -> SignedReceipts:
    """Payment receipts rendered and signed for the pages that hand them out."""
    return SignedReceipts(document_sealer(settings, pool), FpdfReceiptRenderer())
