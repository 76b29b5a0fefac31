"""Field helpers in immportal.domain.catalogue.fields: each kind checks and normalises."""

from datetime import date

import pytest

from immportal.domain.cases.forms import FormType
from immportal.domain.catalogue import form_for, page_complete, summary_rows, validate_page
from immportal.domain.catalogue.fields import (
    PageModel,
    a_number,
    as_typed,
    checkboxes,
    country,
    day,
    i94_number,
    passport_number,
    person_name,
    phone,
    postal_code,
    receipt_number,
    region,
    ssn,
    us_state,
    uscis_account_number,
    zip_code,
)
from immportal.domain.catalogue.model import Form, Page, Section

TODAY = date(2027, 3, 1)


class Everything(PageModel):
    """One optional question of every identifier kind."""

    name: str | None = person_name("Name", required=None)
    a_number: str | None = a_number("A-Number", required=None)
    account: str | None = uscis_account_number("Account", required=None)
    i94: str | None = i94_number("I-94", required=None)
    receipt: str | None = receipt_number("Receipt", required=None)
    ssn: str | None = ssn("SSN", required=None)
    zip: str | None = zip_code("ZIP", required=None)
    state: str | None = us_state("State", required=None)
    phone: str | None = phone("Phone", required=None)
    passport: str | None = passport_number("Passport", required=None)
    country: str | None = country("Country", required=None)
    arrived: str | None = day("Arrival", noun="Date of arrival", required=None, when="past")


class Address(PageModel):
    """A region and postal code ruled by the page's country."""

    state: str = region("State", required="Enter your state", country_field="country")
    code: str = postal_code("Code", required="Enter your code", country_field="country")
    country: str = country("Country", required="Select your country")


FORM = Form(
    FormType.I765,
    sections=(Section("s", "Section", ""), Section("a", "Address", "")),
    pages=(Page("all", "s", "Every kind", Everything), Page("address", "a", "Address", Address)),
    summary="",
)

# (question, typed, stored)
NORMALISED = [
    ("name", "  María   José ", "María José"),
    ("a_number", "a-12-345-678", "A012345678"),
    ("account", "0123 4567 8901", "012345678901"),
    ("i94", "123456789a1", "123456789A1"),
    ("receipt", "ioe 09 1234 5678", "IOE0912345678"),
    ("ssn", "123 45 6789", "123-45-6789"),
    ("zip", "205000003", "20500-0003"),
    ("state", "massachusetts", "MA"),
    ("phone", "(202) 555-0143", "+12025550143"),
    ("passport", "x123 4567", "X1234567"),
    ("country", "Mexico", "MX"),
    ("arrived", "1/15/2020", "2020-01-15"),
]
# (question, typed, message)
REFUSED = [
    ("name", "R2-D2", "Enter a name using only letters, spaces, hyphens, apostrophes and periods"),
    ("a_number", "12345", "Enter an A-Number of 7 to 9 numbers, like A012345678"),
    ("account", "1234", "Enter a USCIS online account number of 12 numbers, like 0123 4567 8901"),
    (
        "i94",
        "abc",
        "Enter an I-94 number of 11 characters: 11 numbers, or 9 numbers, "
        "a letter and a number, like 123456789A1",
    ),
    (
        "receipt",
        "Test answer",
        "Enter a receipt number of 3 letters and 10 numbers, like IOE0912345678",
    ),
    ("ssn", "666-12-3456", "A Social Security number cannot start with 000, 666 or 900 to 999"),
    ("zip", "ABCDE", "Enter a ZIP code of 5 numbers, like 20500, or ZIP+4, like 20500-0003"),
    ("state", "Ontario", "Enter a U.S. state or territory, like MA or Massachusetts"),
    ("phone", "12", "Enter a telephone number, like 202 555 0143 or +44 20 7946 0958"),
    ("passport", "12 34", "Enter a passport number of 6 to 12 letters and numbers, like X1234567"),
    ("country", "Narnia", "Select a country from the list"),
    ("arrived", "2/30/2020", "Date of arrival must be a real date"),
]


class TestKinds:
    """Every kind has its own kind name and is checked where typed."""

    def test_kinds(self) -> None:
        """The template draws each question by its kind."""
        kinds = {q.name: q.kind for q in FORM.page("all").questions}
        assert {
            "name": "name",
            "a_number": "a_number",
            "account": "uscis_account",
            "i94": "i94",
            "receipt": "receipt",
            "ssn": "ssn",
            "zip": "zip",
            "state": "state",
            "phone": "tel",
            "passport": "passport",
            "country": "country",
            "arrived": "date",
        } == kinds

    def test_lists_offer_names(self) -> None:
        """States and countries are chosen from lists of names, saved as codes."""
        questions = {q.name: dict(q.choices) for q in FORM.page("all").questions}
        assert ("Massachusetts", "United States") == (
            questions["state"]["MA"],
            questions["country"]["US"],
        )

    @pytest.mark.parametrize(
        ("name", "typed", "stored"), NORMALISED, ids=[r[0] for r in NORMALISED]
    )
    def test_normalised(self, name: str, typed: str, stored: str) -> None:
        """Saved in its one written form, which reads back as complete."""
        clean, errors = validate_page(FORM, "all", {name: typed}, today=TODAY)
        assert ({}, stored) == (errors, clean[name])
        assert page_complete(FORM.page("all"), {"s": {name: stored}}, today=TODAY)

    @pytest.mark.parametrize(("name", "typed", "message"), REFUSED, ids=[r[0] for r in REFUSED])
    def test_refused(self, name: str, typed: str, message: str) -> None:
        """A plain message beside the question, nothing saved."""
        assert ({}, {name: message}) == validate_page(FORM, "all", {name: typed}, today=TODAY)

    def test_saved_bad_value_is_incomplete(self) -> None:
        """An answer saved before the rules (I-94 "abc") leaves its page to be answered again."""
        assert not page_complete(FORM.page("all"), {"s": {"i94": "abc"}}, today=TODAY)


class TestAddress:
    """The page's country decides whether the region and code follow U.S. rules."""

    def test_united_states(self) -> None:
        """A U.S. address needs a state and a ZIP code."""
        raw = {"state": "ma", "code": "01970", "country": "United States"}
        refused = {"state": "Mass.", "code": "ABCDE", "country": "US"}
        assert ({"state": "MA", "code": "01970", "country": "US"}, {}) == validate_page(
            FORM, "address", raw
        )
        assert {
            "state": "Enter a U.S. state or territory, like MA or Massachusetts",
            "code": "Enter a ZIP code of 5 numbers, like 20500, or ZIP+4, like 20500-0003",
        } == validate_page(FORM, "address", refused)[1]

    def test_elsewhere(self) -> None:
        """Another country's region is free text and its postal code its own shape."""
        raw = {"state": "Ontario", "code": "k1a 0b1", "country": "CA"}
        assert ({"state": "Ontario", "code": "K1A 0B1", "country": "CA"}, {}) == validate_page(
            FORM, "address", raw
        )

    def test_country_missing(self) -> None:
        """Without a country, only the country is asked for; the rest is checked loosely."""
        raw = {"state": "Ontario", "code": "K1A 0B1"}
        assert ({}, {"country": "Select your country"}) == validate_page(FORM, "address", raw)


class TestAsTyped:
    """What a page shows again after an error."""

    def test_dates_joined_others_as_posted(self) -> None:
        """A date's three boxes become one text; other answers are kept as posted."""
        raw = {"arrived-month": "2", "arrived-day": "30", "arrived-year": "2020", "zip": " 1 "}
        assert {"arrived": "2/30/2020", "zip": " 1 "} == as_typed(Everything, raw)


class TestForms:
    """The four forms' identifier questions use the kinds, under their old names."""

    @pytest.mark.parametrize(
        ("form_type", "page_id", "name", "kind"),
        [
            ("I-765", "name", "given_name", "name"),
            ("I-765", "email_phone", "phone", "tel"),
            ("I-765", "mailing_address", "state", "region"),
            ("I-765", "mailing_address", "postal_code", "postal_code"),
            ("I-765", "mailing_address", "country", "country"),
            ("I-765", "previous_card", "previous_card_number", "receipt"),
            ("I-765", "pending_adjustment", "i485_receipt_number", "receipt"),
            ("I-765", "h1b_spouse", "h1b_receipt_number", "receipt"),
            ("I-765", "arrival", "i94_number", "i94"),
            ("I-765", "passport", "passport_number", "passport"),
            ("I-765", "numbers", "ssn", "ssn"),
            ("I-765", "numbers", "uscis_account_number", "uscis_account"),
            ("I-765", "citizenship", "citizenship_country", "country"),
            ("I-90", "commuter_port", "port_state", "state"),
            ("I-90", "description", "race", "checkboxes"),
            ("I-130", "relative_us_address", "intended_zip", "zip"),
            ("I-90", "card_details", "a_number", "a_number"),
            ("I-90", "name_change", "card_family_name", "name"),
            ("N-400", "green_card", "a_number", "a_number"),
            ("N-400", "spouse", "spouse_given_name", "name"),
            ("I-130", "relative_birth", "country_of_birth", "country"),
            ("I-130", "relative_arrival", "i94_number", "i94"),
        ],
    )
    def test_kind(self, form_type: str, page_id: str, name: str, kind: str) -> None:
        """Same question name (saved answers still load), checked kind."""
        questions = {q.name: q.kind for q in form_for(form_type).page(page_id).questions}
        assert kind == questions[name]

    def test_check_answers_shows_names(self) -> None:
        """Check your answers shows a country's name and a phone number as people write it."""
        answers = {"contact": {"country": "MX", "phone": "+12025550143"}}
        shown = {row.question: row.value for row in summary_rows("I-765", answers)}
        assert ("Mexico", "+1 202-555-0143") == (shown["country"], shown["phone"])


class Races(PageModel):
    """A checkboxes question."""

    race: str = checkboxes(
        "Race", {"asian": "Asian", "white": "White"}, required="Select at least one race"
    )


RACES = Form(
    FormType.I90,
    sections=(Section("s", "Section", ""),),
    pages=(Page("race", "s", "Race", Races),),
    summary="",
)


class TestCheckboxes:
    """Any of a few options: saved joined in the options' order, each option known."""

    def test_ticked_boxes_joined(self) -> None:
        """Boxes posted as NAME-VALUE are joined; the JSON API's joined text is put in order."""
        boxes = {"race-white": "yes", "race-asian": "yes"}
        assert ({"race": "asian,white"}, {}) == validate_page(RACES, "race", boxes)
        assert ({"race": "asian,white"}, {}) == validate_page(
            RACES, "race", {"race": "white, asian"}
        )

    def test_none_or_unknown_refused(self) -> None:
        """No box ticked, or an option the question does not offer, gets its message."""
        message = {"race": "Select at least one race"}
        assert ({}, message) == validate_page(RACES, "race", {})
        assert ({}, message) == validate_page(RACES, "race", {"race": "asian,martian"})
