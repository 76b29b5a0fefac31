"""A new application starts with the name, birth date and address the person gave before."""

from immportal.domain.cases.forms import FormType
from immportal.web.apply.prefill import prefill_answers, split_name
from testkit.filled_forms import FILLED, clean_answers

PROFILE_ADDRESS = {
    "line1": "9 Elm Street",
    "city": "Salem",
    "state": "MA",
    "postal_code": "01970",
}


class TestSplitName:
    """The account keeps one line of name; the form asks for its parts."""

    def test_two_words(self) -> None:
        """Given and family name."""
        assert {"given_name": "Ana", "middle_name": "", "family_name": "Lopez"} == split_name(
            "Ana Lopez"
        )

    def test_more_words_and_one_word(self) -> None:
        """The words between are middle names; a single word is the given name."""
        assert "Maria Jose" == split_name("Ana Maria Jose Lopez")["middle_name"]
        assert {"given_name": "Cher"} == split_name(" Cher ")
        assert {} == split_name("  ")


class TestPrefill:
    """Each prefilled page is checked as the page checks it."""

    def test_from_the_profile_only(self) -> None:
        """No earlier filing: the profile's name (split) and its address, a U.S. one."""
        answers = prefill_answers(
            FormType.I765, profile_name="Ana Lopez", profile_address=PROFILE_ADDRESS, filed=None
        )
        assert {"given_name": "Ana", "family_name": "Lopez"} == answers["applicant"]
        assert {**PROFILE_ADDRESS, "country": "US"} == answers["contact"]

    def test_an_earlier_filing_gives_name_and_birth_date(self) -> None:
        """The last filed application's name and date of birth win over the profile's line."""
        filed = clean_answers(FormType.I765, FILLED[FormType.I765])
        answers = prefill_answers(
            FormType.N400,
            profile_name="A. Lopez",
            profile_address=PROFILE_ADDRESS,
            filed=filed,
        )
        expected = {"given_name": "Ana", "family_name": "Lopez", "date_of_birth": "1990-03-27"}
        assert expected == answers["applicant"]
        assert "9 Elm Street" == answers["contact"]["line1"]

    def test_the_earlier_filing_address_without_a_profile_address(self) -> None:
        """With no address on the profile, the last filing's mailing address is used."""
        filed = clean_answers(FormType.I765, FILLED[FormType.I765])
        answers = prefill_answers(
            FormType.I90, profile_name="Ana Lopez", profile_address=None, filed=filed
        )
        assert "8 Quay Road" == answers["contact"]["line1"]
        assert "US" == answers["contact"]["country"]

    def test_a_value_that_no_longer_passes_is_left_out(self) -> None:
        """An address whose ZIP code the form refuses is not prefilled; the name still is."""
        bad = {**PROFILE_ADDRESS, "postal_code": "ABCDE"}
        answers = prefill_answers(
            FormType.I765, profile_name="Ana Lopez", profile_address=bad, filed=None
        )
        assert "contact" not in answers
        assert "Ana" == answers["applicant"]["given_name"]
