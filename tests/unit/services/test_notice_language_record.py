"""A notice is issued in its recipient's language and keeps it (services.notices.issuer)."""

import io
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from uuid import uuid4

from pypdf import PdfReader

from immportal.adapters.blobs.disk import DiskBlobStore
from immportal.adapters.pdf.notice_pdf import FpdfNoticeRenderer
from immportal.domain.actor import Actor, Role
from immportal.domain.cases.case import Case
from immportal.domain.cases.forms import FormType
from immportal.i18n import current_language
from immportal.services.documents.ports import VerificationMark
from immportal.services.notices.issuer import IssuedNotice, NoticeIssuer, read_content
from immportal.services.notices.kinds import NOTICE_KINDS

APPLICANT = Actor(str(uuid4()), Role.APPLICANT)
SYSTEM = Actor.system()


class ChosenLanguage:
    """The recipient's choice of the moment, which the test changes."""

    def __init__(self, code: str | None) -> None:
        self.code = code

    async def __call__(self, case: Case) -> str | None:
        """The language the applicant of any case has chosen now."""
        return self.code


def accepted_case() -> tuple[Case, Any]:
    """An accepted I-765 filed from Dayton, and its Accepted event."""
    case = Case.start(
        applicant_id=APPLICANT.user_id, form_type=FormType.I765, office="NBC", actor=APPLICANT
    )
    case.save_answers(APPLICANT, "applicant", {"given_name": "Ana", "family_name": "Ruiz"})
    case.save_answers(
        APPLICANT,
        "contact",
        {"line1": "14 Lantern Way", "city": "Dayton", "state": "OH", "postal_code": "45402"},
    )
    case.submit(APPLICANT, fee_cents=47_000)
    case.accept(SYSTEM, "IOE2712345678")
    return case, case.collect_events()[-1]


async def pdf_text(blobs: DiskBlobStore, issued: IssuedNotice) -> str:
    """The text of the issued notice's PDF."""
    data = b"".join([chunk async for chunk in blobs.open(issued.blob_key)])
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


async def test_a_notice_keeps_its_language_and_new_ones_follow_the_choice(tmp_path: Path) -> None:
    """Issued in Spanish, re-issued (a rebuild) after a switch to English: still Spanish."""
    blobs = DiskBlobStore(tmp_path)
    await blobs.start()
    chosen = ChosenLanguage("es")
    issuer = NoticeIssuer(blobs, FpdfNoticeRenderer(), languages=chosen)
    case, accepted = accepted_case()

    receipt = await issuer.issue("Accepted", accepted, case)
    assert receipt.language == "es"
    content = await read_content(blobs, receipt.content_key)
    assert (content.language, content.heading) == ("es", "Recibimos su solicitud")
    assert "Número de recibo" in [fact.label for fact in content.facts]
    assert "Formulario I-765" in content.form
    text = await pdf_text(blobs, receipt)
    assert "Recibimos su solicitud" in text
    assert "Página 1 de 1" in text
    # Issuing leaves the caller's language alone.
    assert current_language() == "en"

    chosen.code = "en"
    again = await issuer.issue("Accepted", accepted, case)
    assert again.language == "es"
    assert "Recibimos su solicitud" in await pdf_text(blobs, again)
    assert (await read_content(blobs, again.content_key)).language == "es"

    case.schedule_biometrics(SYSTEM, datetime(2027, 1, 15, 14, 30, tzinfo=UTC), "Dayton ASC")
    scheduled = case.collect_events()[-1]
    appointment = await issuer.issue("BiometricsScheduled", scheduled, case)
    assert appointment.language == "en"
    text = await pdf_text(blobs, appointment)
    assert "Your biometrics appointment" in text
    assert "Page 1 of 1" in text
    assert "Número de recibo" not in text


async def test_no_choice_means_english(tmp_path: Path) -> None:
    """A recipient who chose no language gets the notice in English, and it says so."""
    blobs = DiskBlobStore(tmp_path)
    await blobs.start()
    issuer = NoticeIssuer(blobs, FpdfNoticeRenderer(), languages=ChosenLanguage(None))
    case, accepted = accepted_case()
    receipt = await issuer.issue("Accepted", accepted, case)
    content = await read_content(blobs, receipt.content_key)
    assert (receipt.language, content.language) == ("en", "en")
    assert content.heading == "We received your application"


async def test_the_receipts_access_code_part_is_in_the_notices_language(tmp_path: Path) -> None:
    """The online access code's label and how to use it follow the notice's language."""
    blobs = DiskBlobStore(tmp_path)
    await blobs.start()
    issuer = NoticeIssuer(
        blobs,
        FpdfNoticeRenderer(),
        access_codes=lambda case_id: "ABCD-EFGH-JKLM",
        languages=ChosenLanguage("es"),
    )
    case, accepted = accepted_case()
    content = await read_content(
        blobs, (await issuer.issue("Accepted", accepted, case)).content_key
    )
    assert ("Código de acceso en línea", "ABCD-EFGH-JKLM") == (
        content.facts[-1].label,
        content.facts[-1].value,
    )
    (how,) = [block for block in content.body if block.heading == "Siga este caso en línea"]
    assert "el código de acceso en línea ABCD-EFGH-JKLM." in how.paragraphs[0]


def test_a_spanish_notices_verification_box_is_spanish() -> None:
    """The box a signed notice ends with follows the notice's language, not the caller's."""
    case, accepted = accepted_case()
    content = replace(NOTICE_KINDS["Accepted"].build(accepted, case), language="es")
    mark = VerificationMark("4F7K2M9QXD3A", "https://portal.example/verify?code=4F7K2M9QXD3A")
    data = FpdfNoticeRenderer().render(content, mark)
    text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)
    assert "Verifique que este aviso es auténtico" in text
    assert "Código de verificación: 4F7K-2M9Q-XD3A" in text
    assert "Check that this notice is genuine" not in text
    assert current_language() == "en"


class ChosenZone:
    """The time zone the recipient chose on their account, which the test changes."""

    def __init__(self, zone: str | None) -> None:
        self.zone = zone

    async def __call__(self, case: Case) -> str | None:
        """The zone the applicant of any case has chosen now."""
        return self.zone


async def test_a_notice_is_dated_in_the_chosen_zone_and_keeps_it(tmp_path: Path) -> None:
    """Filed at 06:00 UTC: March 1 in Honolulu (chosen), March 2 in Dayton (the address)."""
    blobs = DiskBlobStore(tmp_path)
    await blobs.start()
    chosen = ChosenZone("Pacific/Honolulu")
    issuer = NoticeIssuer(blobs, FpdfNoticeRenderer(), zones=chosen)
    case, accepted = accepted_case()
    late_evening_in_hawaii = datetime(2027, 3, 2, 6, 0, tzinfo=UTC)
    accepted = replace(accepted, timestamp=late_evening_in_hawaii)
    object.__setattr__(case, "submitted_at", late_evening_in_hawaii)

    first = await read_content(blobs, (await issuer.issue("Accepted", accepted, case)).content_key)
    assert ("Pacific/Honolulu", "March 1, 2027") == (
        first.zone,
        next(f.value for f in first.facts if f.label == "Received date"),
    )

    chosen.zone = None  # the person clears the choice: a re-issue keeps the notice's zone
    again = await read_content(blobs, (await issuer.issue("Accepted", accepted, case)).content_key)
    assert first.facts == again.facts

    # Nobody chose a zone for a notice issued anew: dated on the mailing address's day.
    other_blobs = DiskBlobStore(tmp_path / "other")
    await other_blobs.start()
    unchosen = NoticeIssuer(other_blobs, FpdfNoticeRenderer(), zones=chosen)
    issued = await unchosen.issue("Accepted", accepted, case)
    dayton = await read_content(other_blobs, issued.content_key)
    assert "March 2, 2027" == next(f.value for f in dayton.facts if f.label == "Received date")
