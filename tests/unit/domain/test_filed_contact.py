"""The filed contact: the application's name, birth date and mailing address reach the case."""

from immportal.domain.cases.case import Case
from immportal.domain.cases.filed_contact import (
    address_lines,
    filed_address,
    filed_birth_date,
    filed_name,
    same_address,
)
from immportal.domain.cases.forms import FormType
from testkit.domain_case_helpers import APPLICANT, SYSTEM
from testkit.filled_forms import fill_i765

SALEM = {
    "line1": "8 Quay Road",
    "city": "Salem",
    "state": "MA",
    "postal_code": "01970",
    "country": "US",
}


def filed_case() -> Case:
    """A complete I-765 of Ana Lopez of Salem, MA, filed with its fee paid."""
    case = Case.start(
        applicant_id=APPLICANT.user_id, form_type=FormType.I765, office="NBC", actor=APPLICANT
    )
    fill_i765(case, APPLICANT)
    case.submit(APPLICANT, 47000, payment_id="pay-1")
    return case


class TestFiledAnswers:
    """The answers are read the same way for every form."""

    def test_name_birth_and_address_of_a_complete_application(self) -> None:
        """Given, middle and family names joined; the ISO date; the address without empties."""
        case = filed_case()
        assert "Ana Lopez" == filed_name(case.answers)
        assert "1990-03-27" == filed_birth_date(case.answers)
        assert SALEM == filed_address(case.answers)

    def test_an_application_without_a_street_has_no_address(self) -> None:
        """A contact section without a street gives no address (and no empty dict)."""
        assert filed_address({"contact": {"city": "Salem", "line1": "  "}}) is None
        assert filed_address({}) is None
        assert "" == filed_name({})


class TestFilingKeepsTheAddress:
    """Filing records the application's mailing address as the case's own."""

    def test_the_submitted_event_carries_the_filed_address(self) -> None:
        """The case's address after filing is the one given in the form."""
        case = filed_case()
        submitted = [e for e in case.collect_events() if type(e).__name__ == "Submitted"]
        assert 1 == len(submitted)
        assert SALEM == submitted[0].mailing_address  # type: ignore[attr-defined]
        assert SALEM == case.address

    def test_a_draft_has_no_case_address(self) -> None:
        """Before filing, only the answers hold the address."""
        case = Case.start(
            applicant_id=APPLICANT.user_id, form_type=FormType.I765, office="NBC", actor=APPLICANT
        )
        fill_i765(case, APPLICANT)
        assert case.address is None


class TestUnchangedAddress:
    """Giving the address the case already has records nothing."""

    def test_the_same_address_records_no_event(self) -> None:
        """Same lines, other spacing: no AddressChanged event (so no notice)."""
        case = filed_case()
        case.accept(SYSTEM, "IOE0912345678")
        case.collect_events()
        case.change_address(APPLICANT, {**SALEM, "line1": " 8  Quay Road ", "line2": ""})
        assert [] == case.collect_events()
        assert SALEM == case.address

    def test_a_different_address_is_recorded(self) -> None:
        """A new street is an AddressChanged event."""
        case = filed_case()
        case.accept(SYSTEM, "IOE0912345678")
        case.collect_events()
        case.change_address(APPLICANT, {**SALEM, "line1": "9 Quay Road"})
        assert ["AddressChanged"] == [type(e).__name__ for e in case.collect_events()]

    def test_same_address_compares_every_line(self) -> None:
        """A different ZIP, country or apartment is a different address."""
        assert same_address(SALEM, dict(SALEM))
        assert not same_address(SALEM, {**SALEM, "postal_code": "01971"})
        assert not same_address(SALEM, {**SALEM, "country": "CA"})
        assert not same_address(SALEM, {**SALEM, "line2": "Apt 2"})
        assert not same_address(SALEM, None)


class TestAddressLines:
    """An address prints as an envelope does, its country by name."""

    def test_us_address(self) -> None:
        """City, state and ZIP on one line; no country line on a domestic address."""
        expected = ("8 Quay Road", "Salem, MA 01970")
        assert expected == address_lines(SALEM)

    def test_foreign_address_with_care_of(self) -> None:
        """A Mexican address prints Mexico; in care of comes first."""
        address = {
            "in_care_of": "Rosa Lopez",
            "line1": "Calle 5 de Mayo 12",
            "city": "Guadalajara",
            "state": "Jalisco",
            "postal_code": "44100",
            "country": "MX",
        }
        expected = (
            "In care of Rosa Lopez",
            "Calle 5 de Mayo 12",
            "Guadalajara, Jalisco 44100",
            "Mexico",
        )
        assert expected == address_lines(address)

    def test_no_address(self) -> None:
        """Nothing to print for no address."""
        assert () == address_lines(None)
