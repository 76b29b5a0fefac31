"""Typed text: controls, bidi overrides and invisible characters refused at the domain's edge."""

import pytest

from immportal.domain.cases.case import Case
from immportal.domain.cases.forms import FormType
from immportal.domain.cases.input_checks import check_reason
from immportal.domain.catalogue.checks import checked
from immportal.domain.errors import InvalidArgument
from immportal.domain.hidden_characters import has_hidden_characters
from testkit.domain_case_helpers import APPLICANT, SYSTEM
from testkit.filled_forms import fill_i765

REFUSED = {
    "nul": "8 Quay\x00 Road",
    "escape": "Ana\x1b[2J",
    "delete": "Lopez\x7f",
    "c1-next-line": "Salem\x85MA",
    "right-to-left-override": "Invoice \u202efdp.exe",
    "left-to-right-embedding": "\u202aSalem",
    "first-strong-isolate": "Ana \u2068Lopez\u2069",
    "zero-width-space": "IOE09\u200b12345678",
    "word-joiner": "Ana\u2060Lopez",
    "byte-order-mark": "\ufeffAna",
}
KEPT = {
    "accents": "Zoë Núñez-Ångström",
    "persian-zero-width-non-joiner": "\u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645",
    "emoji-zero-width-joiner": "family \U0001f468\u200d\U0001f469",
    "right-to-left-mark": "Ana \u200f\u05dc\u05d5\u05e4\u05d6",
    "lines-and-tabs": "First line\n\tsecond line\r\n",
}


class TestRule:
    """What counts as hidden, and what is kept on purpose."""

    @pytest.mark.parametrize("text", REFUSED.values(), ids=REFUSED.keys())
    def test_refused(self, text: str) -> None:
        """Each of these is found."""
        assert has_hidden_characters(text)

    @pytest.mark.parametrize("text", KEPT.values(), ids=KEPT.keys())
    def test_kept(self, text: str) -> None:
        """Real names and scripts, and line breaks in long text, pass."""
        assert not has_hidden_characters(text)

    def test_line_breaks_on_one_line(self) -> None:
        """Where text is one line (a query value), a line break is refused."""
        assert has_hidden_characters("a\nb", multiline=False)


def accepted_case() -> Case:
    """A filed and accepted I-765 of the test applicant."""
    case = Case.start(
        applicant_id=APPLICANT.user_id, form_type=FormType.I765, office="NBC", actor=APPLICANT
    )
    fill_i765(case, APPLICANT)
    case.submit(APPLICANT, 47000, payment_id="pay-1")
    case.accept(SYSTEM, "IOE0912345678")
    return case


class TestCaseCommands:
    """Answers, addresses and reasons that would be printed on notices are refused."""

    @pytest.mark.parametrize("text", REFUSED.values(), ids=REFUSED.keys())
    def test_answers(self, text: str) -> None:
        """An answer with a hidden character, however deep, is not saved."""
        case = Case.start(
            applicant_id=APPLICANT.user_id, form_type=FormType.I765, office="NBC", actor=APPLICANT
        )
        with pytest.raises(InvalidArgument, match="hidden or control characters"):
            case.save_answers(APPLICANT, "contact", {"line1": text})
        with pytest.raises(InvalidArgument):
            case.save_answers(APPLICANT, "history", {"jobs": [{"employer": text}]})
        assert {} == case.answers.get("contact", {})

    @pytest.mark.parametrize("text", REFUSED.values(), ids=REFUSED.keys())
    def test_address_change(self, text: str) -> None:
        """A new mailing address with a hidden character is refused; the old one stays."""
        case = accepted_case()
        before = case.address
        with pytest.raises(InvalidArgument, match="the address"):
            case.change_address(APPLICANT, {"line1": text, "city": "Salem", "state": "MA"})
        assert before == case.address

    def test_reason(self) -> None:
        """A decision's reason is refused with a bidi override in it."""
        with pytest.raises(InvalidArgument, match="the reason"):
            check_reason("Approved \u202eTON")

    @pytest.mark.parametrize("text", KEPT.values(), ids=KEPT.keys())
    def test_real_text_is_saved(self, text: str) -> None:
        """Names in any script are saved as typed."""
        case = Case.start(
            applicant_id=APPLICANT.user_id, form_type=FormType.I765, office="NBC", actor=APPLICANT
        )
        case.save_answers(APPLICANT, "contact", {"line1": text})
        assert text == case.answers["contact"]["line1"]


class TestQuestionPages:
    """On a question page the refusal is the message beside the question."""

    def test_page_message(self) -> None:
        """Any kind of question refuses the text, saying what to do."""
        with pytest.raises(ValueError, match="Remove the hidden or control characters"):
            checked({"kind": "text"}, "8 Quay\x00 Road", today=None, page={})
