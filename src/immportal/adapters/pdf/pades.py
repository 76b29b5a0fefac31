"""PAdES signatures with pyHanko: any PDF reader shows who signed and that nothing changed.

The signature is PAdES baseline B-B (ETSI EN 319 142-1): a CMS signature over the
whole file, with the signing certificate and its chain embedded, so a reader that trusts
the chain's root checks it offline.
"""

from __future__ import annotations

import warnings
from io import BytesIO

from asn1crypto import keys as asn1_keys
from asn1crypto import x509 as asn1_x509
from cryptography import x509
from cryptography.hazmat.primitives import serialization

# pyHanko imports cryptography's DSA names, which warn on import; we never use DSA, and
# the warning would land on every command's standard error.
with warnings.catch_warnings():
    warnings.filterwarnings("ignore", message="DSA is deprecated")
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.sign import fields, signers
    from pyhanko.sign.signers.pdf_signer import PdfSignatureMetadata
from pyhanko_certvalidator.registry import SimpleCertificateStore

from immportal.adapters.signing.document_certificates import SigningIdentity

FIELD_NAME = "Signature"


def asn1_certificate(certificate: x509.Certificate) -> asn1_x509.Certificate:
    """The certificate as pyHanko's ASN.1 library holds it."""
    return asn1_x509.Certificate.load(certificate.public_bytes(serialization.Encoding.DER))


class PadesSigner:
    """Signs PDFs with one signing identity; thread-safe, each call signs one document."""

    def __init__(self, identity: SigningIdentity, *, location: str = "") -> None:
        der_key = identity.key.private_bytes(
            serialization.Encoding.DER,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
        # pyhanko-certvalidator leaves the store's constructor unannotated.
        chain = SimpleCertificateStore()  # type: ignore[no-untyped-call]
        chain.register_multiple(asn1_certificate(c) for c in identity.chain)
        self._signer = signers.SimpleSigner(
            signing_cert=asn1_certificate(identity.certificate),
            signing_key=asn1_keys.PrivateKeyInfo.load(der_key),
            cert_registry=chain,
        )
        self._location = location

    def sign(self, pdf: bytes, *, reason: str) -> bytes:
        """The PDF with a PAdES signature over all of it (CPU work: call it off the loop)."""
        writer = IncrementalPdfFileWriter(BytesIO(pdf), strict=False)
        metadata = PdfSignatureMetadata(
            field_name=FIELD_NAME,
            md_algorithm="sha256",
            subfilter=fields.SigSeedSubFilter.PADES,
            reason=reason,
            location=self._location or None,
        )
        signed: BytesIO = signers.sign_pdf(writer, metadata, signer=self._signer)
        return signed.getvalue()
