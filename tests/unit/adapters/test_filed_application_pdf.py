"""The filed copy: what it says (content) and that the PDF prints all of it."""

import io

import pytest
from pypdf import PdfReader

from immportal.adapters.pdf.filed_application_pdf import FpdfFiledApplicationRenderer
from immportal.domain.cases.case import Case
from immportal.domain.cases.forms import FormType
from immportal.services.cases.filed_copy import NOT_ANSWERED, filed_copy
from immportal.services.documents.ports import VerificationMark
from testkit.domain_case_helpers import APPLICANT, SYSTEM
from testkit.filled_forms import SIGNED_BY, fill

MARK = VerificationMark("ABCDEFGHJKMNPQRS", "https://portal.example/verify?code=ABCD")


def filed(form_type: FormType, *, accepted: bool) -> Case:
    """A complete application of the form, filed (and accepted, if asked)."""
    case = Case.start(
        applicant_id=APPLICANT.user_id, form_type=form_type, office="NBC", actor=APPLICANT
    )
    fill(case, APPLICANT)
    case.submit(APPLICANT, 47_000, payment_id="pay-1")
    if accepted:
        case.accept(SYSTEM, "IOE0912345678")
    return case


def text_of(pdf: bytes) -> str:
    """The PDF's text, spaces folded."""
    return " ".join(" ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages).split())


class TestContent:
    """The copy names the form and edition, the applicant, the signature and the receipt."""

    def test_before_acceptance(self) -> None:
        """No receipt number yet; the title names the form's edition."""
        copy = filed(FormType.I765, accepted=False)
        content = filed_copy(copy)
        assert "Your filed application (Form I-765, edition 08/21/25)" == content.title
        assert ("Receipt number", "Not yet assigned") == content.facts()[-1]
        assert "Ana Lopez" == content.applicant
        assert content.signature_line().startswith(f"Signed by {SIGNED_BY} on ")

    def test_after_acceptance(self) -> None:
        """The receipt number is on the copy once accepted."""
        content = filed_copy(filed(FormType.I765, accepted=True))
        assert ("Receipt number", "IOE0912345678") == content.facts()[-1]

    def test_unanswered_optional_questions_say_so(self) -> None:
        """An optional question left empty reads 'Not answered', never a blank."""
        content = filed_copy(filed(FormType.I765, accepted=False))
        values = [value for section in content.sections for _, value in section.rows]
        assert NOT_ANSWERED in values
        assert "" not in values

    def test_a_draft_has_no_copy(self) -> None:
        """Only a filed case has a copy."""
        case = Case.start(
            applicant_id=APPLICANT.user_id, form_type=FormType.I90, office="NBC", actor=APPLICANT
        )
        with pytest.raises(ValueError, match="filed case"):
            filed_copy(case)


class TestPdf:
    """Every section's every answer is printed, for each form."""

    @pytest.mark.parametrize("form_type", list(FormType), ids=[f.value for f in FormType])
    def test_every_answer_is_printed(self, form_type: FormType) -> None:
        """Each answer and the verification code are in the PDF's text."""
        content = filed_copy(filed(form_type, accepted=True))
        text = text_of(FpdfFiledApplicationRenderer().render(content, MARK))
        rows = [(label, value) for s in content.sections for label, value in s.rows]
        missing = [(label, value) for label, value in rows if " ".join(value.split()) not in text]
        assert [] == missing
        assert "IOE0912345678" in text
        assert MARK.shown in text

    def test_the_same_copy_gives_the_same_bytes(self) -> None:
        """Rendering is deterministic (dated by the filing), so a replay writes the same file."""
        content = filed_copy(filed(FormType.I765, accepted=True))
        renderer = FpdfFiledApplicationRenderer()
        assert renderer.render(content, MARK) == renderer.render(content, MARK)
