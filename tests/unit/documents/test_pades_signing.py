"""Signed notices and receipts: pyHanko's validator accepts them and refuses a changed byte."""

import io
from datetime import UTC, date, datetime
from uuid import uuid4

import pytest
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko.sign.validation.status import PdfSignatureStatus
from pyhanko_certvalidator import ValidationContext
from pypdf import PdfReader

from immportal.adapters.pdf.notice_pdf import FpdfNoticeRenderer
from immportal.adapters.pdf.pades import PadesSigner, asn1_certificate
from immportal.adapters.pdf.receipt_pdf import FpdfReceiptRenderer
from immportal.adapters.signing.document_certificates import SigningIdentity, development_identity
from immportal.services.documents.ports import VerificationMark
from immportal.services.documents.receipts import PrintedReceipt
from immportal.services.documents.sealing import verify_url
from immportal.services.notices.content import Block, Fact, NoticeContent

CONTENT = NoticeContent(
    kind="decision",
    title="Decision notice",
    heading="We approved your application",
    receipt_number="IOE2700000042",
    form="Form I-765, Application for Employment Authorization",
    notice_date=date(2027, 1, 15),
    addressee="Maria Garcia",
    address=("14 Lantern Way", "Dayton, OH 45402"),
    facts=(Fact("Receipt number", "IOE2700000042"), Fact("Decision", "Approved")),
    body=(Block("Reasons for our decision", ("You meet the requirements.",)),),
)
MARK = VerificationMark("4F7K2M9QXD3A", verify_url("https://portal.example", "4F7K2M9QXD3A"))


@pytest.fixture(scope="module")
def identity() -> SigningIdentity:
    """A development CA and signing certificate, as dev mode makes at first start."""
    return development_identity("immportal tests", datetime.now(UTC))


def validated(pdf: bytes, identity: SigningIdentity) -> PdfSignatureStatus:
    """pyHanko's verdict on the file's one signature, trusting the identity's CA."""
    reader = PdfFileReader(io.BytesIO(pdf), strict=False)
    (signature,) = reader.embedded_signatures
    context = ValidationContext(trust_roots=[asn1_certificate(identity.chain[-1])])
    return validate_pdf_signature(signature, context)


def text_of(pdf: bytes) -> str:
    """The text of every page, as a reader extracts it."""
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)


def one_byte_changed(pdf: bytes) -> bytes:
    """The file with one byte of the notice's first page content changed."""
    start = pdf.index(b"stream\n") + len(b"stream\n") + 10
    return pdf[:start] + bytes([pdf[start] ^ 0x01]) + pdf[start + 1 :]


class TestSignedNotice:
    """A notice rendered with its mark and signed is valid, trusted and covers the whole file."""

    def test_valid(self, identity: SigningIdentity) -> None:
        """Intact, valid, trusted; the signer is the development signing certificate."""
        signed = PadesSigner(identity).sign(
            FpdfNoticeRenderer().render(CONTENT, MARK), reason="Issued by immportal"
        )
        status = validated(signed, identity)
        assert (True, True, True, True) == (
            status.bottom_line,
            status.intact,
            status.valid,
            status.trusted,
        )
        assert "immportal tests document signing" in status.signing_cert.subject.human_friendly
        assert "/SubFilter /ETSI.CAdES.detached" in signed.decode("latin-1")

    def test_one_byte_changed(self, identity: SigningIdentity) -> None:
        """A change of one byte after signing: the validator says the file is not intact."""
        signed = PadesSigner(identity).sign(FpdfNoticeRenderer().render(CONTENT, MARK), reason="x")
        status = validated(one_byte_changed(signed), identity)
        assert (False, False) == (status.bottom_line, status.intact)

    def test_untrusted_root(self, identity: SigningIdentity) -> None:
        """Signed by another CA's certificate: intact, but not trusted."""
        other = development_identity("someone else", datetime.now(UTC))
        signed = PadesSigner(other).sign(FpdfNoticeRenderer().render(CONTENT, MARK), reason="x")
        status = validated(signed, identity)
        assert (True, False, False) == (status.intact, status.trusted, status.bottom_line)

    def test_mark_printed(self, identity: SigningIdentity) -> None:
        """The QR code, the code in groups, and where to check it are on the last page."""
        pdf = FpdfNoticeRenderer().render(CONTENT, MARK)
        text = " ".join(text_of(pdf).split())
        assert 1 == len(PdfReader(io.BytesIO(pdf)).pages[-1].images)  # the QR code
        assert "Verification code: 4F7K-2M9Q-XD3A" in text
        assert "go to https://portal.example/verify and enter the code" in text


class TestSignedReceipt:
    """A payment receipt is signed the same way."""

    def test_valid_with_mark(self, identity: SigningIdentity) -> None:
        """Its lines, its code, and a trusted signature."""
        receipt = PrintedReceipt(str(uuid4()).upper(), (("Amount paid", "$470.00 (US dollars)"),))
        signed = PadesSigner(identity).sign(
            FpdfReceiptRenderer().render(receipt, MARK), reason="Issued by immportal"
        )
        text = " ".join(text_of(signed).split())
        assert "Amount paid $470.00 (US dollars)" in text
        assert "Verification code: 4F7K-2M9Q-XD3A" in text
        assert validated(signed, identity).bottom_line
