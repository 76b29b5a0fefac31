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
from immportal.i18n import N_

CARD = Section(
    "card", N_("Your current card"), N_("The card you have now, or had before it was lost.")
)
STATUSES = {
    "permanent_resident": N_("Lawful permanent resident (a 10-year card)"),
    "commuter": N_("Permanent resident in commuter status (I live in Canada or Mexico)"),
    "conditional_resident": N_("Conditional permanent resident (a 2-year card)"),
}
NAME_CHANGED = {
    "yes": N_("Yes"),
    "no": N_("No"),
    "never_received": N_("I never received my card"),
}
CHANGE_HOW = {
    "marriage": N_("Marriage"),
    "divorce": N_("Divorce or annulment"),
    "court_order": N_("Court order"),
    "other": N_("Another legal change"),
}


class BirthPlace(PageModel):
    """Where you were born."""

    birth_city: str = text(
        N_("City, town or village of birth"), required=N_("Enter where you were born")
    )
    birth_country: str = country(
        N_("Country of birth"), required=N_("Select the country where you were born")
    )
    sex: str = choice(N_("Sex"), SEX, required=N_("Select your sex"), hint=SEX_HINT)


class Parents(PageModel):
    """Your parents' given names."""

    mother_given_name: str = person_name(
        N_("Your mother's given name (first name)"),
        required=N_("Enter your mother's given name, or Unknown"),
        hint=N_("Write Unknown if you do not know it."),
    )
    father_given_name: str = person_name(
        N_("Your father's given name (first name)"),
        required=N_("Enter your father's given name, or Unknown"),
        hint=N_("Write Unknown if you do not know it."),
    )


class CardDetails(PageModel):
    """Your A-Number and card."""

    a_number: str = a_number(
        N_("Alien Registration Number (A-Number)"),
        required=N_("Enter your A-Number"),
        hint=N_("Labelled USCIS# on your card: 7 to 9 numbers, sometimes starting with A."),
    )
    status: str = choice(
        N_("What kind of card do you have?"), STATUSES, required=N_("Select your card")
    )
    uscis_account_number: str | None = uscis_account_number(
        N_("USCIS online account number (if any)"), required=None
    )
    ssn: str | None = ssn(N_("U.S. Social Security number (if any)"), required=None)


class CardExpiry(PageModel):
    """When the 2-year card expires."""

    card_expires_on: str = day(
        N_("When does your card expire (or when did it expire)?"),
        noun=N_("The card's expiry date"),
        required=N_("Enter the date your card expires"),
        hint=N_("The 'Card expires' date on your card."),
    )


class Admission(PageModel):
    """How you became a permanent resident."""

    class_of_admission: str = text(
        N_("Class of admission"),
        required=N_("Enter your class of admission"),
        hint=N_("The 'Category' on your card, for example IR1, CR1 or F2A."),
        max_length=10,
    )
    admitted_on: str = day(
        N_("Date you became a permanent resident"),
        noun=N_("The date you became a permanent resident"),
        required=N_("Enter the date you became a permanent resident"),
        hint=N_("The 'Resident since' date on your card."),
        when="past",
    )


class NameChanged(PageModel):
    """Whether your name changed."""

    name_changed: str = choice(
        N_("Has your name legally changed since your card was issued?"),
        NAME_CHANGED,
        required=N_("Select whether your name changed since your card was issued"),
    )


class NameChange(PageModel):
    """The name on your current card."""

    card_given_name: str = person_name(
        N_("Given name on your card"), required=N_("Enter the given name on your card")
    )
    card_middle_name: str | None = person_name(
        N_("Middle name on your card (if any)"), required=None
    )
    card_family_name: str = person_name(
        N_("Family name on your card"), required=N_("Enter the family name on your card")
    )
    changed_on: str = day(
        N_("When did your name legally change?"),
        noun=N_("The date your name changed"),
        required=N_("Enter the date your name changed"),
        when="past",
    )
    changed_how: str = choice(
        N_("How did it change?"), CHANGE_HOW, required=N_("Select how your name changed")
    )


def about_pages() -> tuple[Page, ...]:
    """The applicant section's pages after the name and date of birth."""
    return (
        Page("birth_place", APPLICANT.id, N_("Where were you born?"), BirthPlace),
        Page("parents", APPLICANT.id, N_("Your parents"), Parents),
    )


def card_pages() -> tuple[Page, ...]:
    """The card section: numbers, card type, admission and the name on the card."""
    return (
        Page("card_details", CARD.id, N_("About your card"), CardDetails),
        Page(
            "card_expiry",
            CARD.id,
            N_("When does your card expire?"),
            CardExpiry,
            answered(CARD.id, "status", "conditional_resident"),
        ),
        Page("admission", CARD.id, N_("When you became a permanent resident"), Admission),
        Page("name_changed", CARD.id, N_("Your name since your card was issued"), NameChanged),
        Page(
            "name_change",
            CARD.id,
            N_("What name is on your card?"),
            NameChange,
            answered(CARD.id, "name_changed", "yes"),
            documents=(
                needs(
                    DocumentType.NAME_CHANGE_RECORD,
                    N_(
                        "The marriage certificate, divorce decree or court order that changed "
                        "your name"
                    ),
                    N_("Your name changed since your card was issued."),
                ),
            ),
        ),
    )
