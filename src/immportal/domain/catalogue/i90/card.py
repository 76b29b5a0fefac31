"""I-90 Part 1, information about you, beyond the name and date of birth: your card and
numbers, your admission, and the name on the card."""

from __future__ import annotations

from immportal.domain.catalogue.common import APPLICANT, SEX, SEX_HINT
from immportal.domain.catalogue.fields import (
    PageModel,
    a_number,
    choice,
    country,
    day,
    person_name,
    ssn,
    text,
    uscis_account_number,
)
from immportal.domain.catalogue.model import Page, Section, answered, needs
from immportal.domain.evidence.document_kinds import DocumentType

CARD = Section("card", "Your current card", "The card you have now, or had before it was lost.")
STATUSES = {
    "permanent_resident": "Lawful permanent resident (a 10-year card)",
    "commuter": "Permanent resident in commuter status (I live in Canada or Mexico)",
    "conditional_resident": "Conditional permanent resident (a 2-year card)",
}
NAME_CHANGED = {
    "yes": "Yes",
    "no": "No",
    "never_received": "I never received my card",
}
CHANGE_HOW = {
    "marriage": "Marriage",
    "divorce": "Divorce or annulment",
    "court_order": "Court order",
    "other": "Another legal change",
}


class BirthPlace(PageModel):
    """Where you were born."""

    birth_city: str = text("City, town or village of birth", required="Enter where you were born")
    birth_country: str = country(
        "Country of birth", required="Select the country where you were born"
    )
    sex: str = choice("Sex", SEX, required="Select your sex", hint=SEX_HINT)


class Parents(PageModel):
    """Your parents' given names."""

    mother_given_name: str = person_name(
        "Your mother's given name (first name)",
        required="Enter your mother's given name, or Unknown",
        hint="Write Unknown if you do not know it.",
    )
    father_given_name: str = person_name(
        "Your father's given name (first name)",
        required="Enter your father's given name, or Unknown",
        hint="Write Unknown if you do not know it.",
    )


class CardDetails(PageModel):
    """Your A-Number and card."""

    a_number: str = a_number(
        "Alien Registration Number (A-Number)",
        required="Enter your A-Number",
        hint="Labelled USCIS# on your card: 7 to 9 numbers, sometimes starting with A.",
    )
    status: str = choice("What kind of card do you have?", STATUSES, required="Select your card")
    uscis_account_number: str | None = uscis_account_number(
        "USCIS online account number (if any)", required=None
    )
    ssn: str | None = ssn("U.S. Social Security number (if any)", required=None)


class CardExpiry(PageModel):
    """When the 2-year card expires."""

    card_expires_on: str = day(
        "When does your card expire (or when did it expire)?",
        noun="The card's expiry date",
        required="Enter the date your card expires",
        hint="The 'Card expires' date on your card.",
    )


class Admission(PageModel):
    """How you became a permanent resident."""

    class_of_admission: str = text(
        "Class of admission",
        required="Enter your class of admission",
        hint="The 'Category' on your card, for example IR1, CR1 or F2A.",
        max_length=10,
    )
    admitted_on: str = day(
        "Date you became a permanent resident",
        noun="The date you became a permanent resident",
        required="Enter the date you became a permanent resident",
        hint="The 'Resident since' date on your card.",
        when="past",
    )


class NameChanged(PageModel):
    """Whether your name changed."""

    name_changed: str = choice(
        "Has your name legally changed since your card was issued?",
        NAME_CHANGED,
        required="Select whether your name changed since your card was issued",
    )


class NameChange(PageModel):
    """The name on your current card."""

    card_given_name: str = person_name(
        "Given name on your card", required="Enter the given name on your card"
    )
    card_middle_name: str | None = person_name("Middle name on your card (if any)", required=None)
    card_family_name: str = person_name(
        "Family name on your card", required="Enter the family name on your card"
    )
    changed_on: str = day(
        "When did your name legally change?",
        noun="The date your name changed",
        required="Enter the date your name changed",
        when="past",
    )
    changed_how: str = choice(
        "How did it change?", CHANGE_HOW, required="Select how your name changed"
    )


def about_pages() -> tuple[Page, ...]:
    """The applicant section's pages after the name and date of birth."""
    return (
        Page("birth_place", APPLICANT.id, "Where were you born?", BirthPlace),
        Page("parents", APPLICANT.id, "Your parents", Parents),
    )


def card_pages() -> tuple[Page, ...]:
    """The card section: numbers, card type, admission and the name on the card."""
    return (
        Page("card_details", CARD.id, "About your card", CardDetails),
        Page(
            "card_expiry",
            CARD.id,
            "When does your card expire?",
            CardExpiry,
            answered(CARD.id, "status", "conditional_resident"),
        ),
        Page("admission", CARD.id, "When you became a permanent resident", Admission),
        Page("name_changed", CARD.id, "Your name since your card was issued", NameChanged),
        Page(
            "name_change",
            CARD.id,
            "What name is on your card?",
            NameChange,
            answered(CARD.id, "name_changed", "yes"),
            documents=(
                needs(
                    DocumentType.NAME_CHANGE_RECORD,
                    "The marriage certificate, divorce decree or court order that changed "
                    "your name",
                    "Your name changed since your card was issued.",
                ),
            ),
        ),
    )
