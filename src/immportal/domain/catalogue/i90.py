"""Form I-90, Application to Replace Permanent Resident Card (its Parts 1 to 3)."""

from __future__ import annotations

from immportal.domain.cases.forms import FormType
from immportal.domain.catalogue.common import APPLICANT, CONTACT, about_you_pages, contact_pages
from immportal.domain.catalogue.fields import (
    PageModel,
    a_number,
    choice,
    day,
    person_name,
    text,
    yes_no,
)
from immportal.domain.catalogue.model import Form, Page, Section, answered

CARD = Section("card", "Your current card", "The card you have now, or had before it was lost.")
REASON = Section("reason", "Why you need a new card", "Part 2 of the form: the application type.")
PROCESSING = Section(
    "processing",
    "Your physical description",
    "Part 3: printed on your card and checked at biometrics.",
)

STATUSES = {
    "permanent_resident": "Lawful permanent resident (a 10-year card)",
    "conditional_resident": "Conditional permanent resident (a 2-year card)",
}
REASONS = {
    "lost": "My card was lost, stolen or destroyed",
    "never_received": "My card was issued but I never received it",
    "damaged": "My card is damaged",
    "name_changed": "My name or other details changed since the card was issued",
    "uscis_error": "My card has a mistake made by USCIS",
    "expiring": "My card has expired or will expire within 6 months",
    "turned_14": "I have turned 14 since my card was issued",
}
CHANGE_HOW = {
    "marriage": "Marriage",
    "divorce": "Divorce or annulment",
    "court_order": "Court order",
    "other": "Another legal change",
}
SEX = {"female": "Female", "male": "Male"}


class CardDetails(PageModel):
    """Your A-Number and card."""

    a_number: str = a_number(
        "Alien Registration Number (A-Number)",
        required="Enter your A-Number",
        hint="Labelled USCIS# on your card: 7 to 9 numbers, sometimes starting with A.",
    )
    status: str = choice("What kind of card do you have?", STATUSES, required="Select your card")


class Reason(PageModel):
    """Why you are applying."""

    reason: str = choice(
        "Why do you need a new card?", REASONS, required="Select why you need a new card"
    )


class LostCard(PageModel):
    """What happened to the card."""

    lost_on: str = day(
        "When did you lose it, or notice it was gone?",
        noun="The date you lost your card",
        required="Enter the date you lost your card",
        when="past",
    )
    lost_where: str = text(
        "Where did this happen?",
        required="Enter where you lost your card",
        hint="City and country.",
    )
    police_report: str = yes_no(
        "Did you report it to the police?", required="Select yes if you reported it"
    )


class NameChange(PageModel):
    """The name on your current card."""

    card_given_name: str = person_name(
        "Given name on your card", required="Enter the given name on your card"
    )
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


class NeverReceived(PageModel):
    """Where the card should have arrived."""

    address_then: str = text(
        "What address did you give for the card to be mailed to?",
        required="Enter the address the card should have been mailed to",
        max_length=300,
    )


class Description(PageModel):
    """Your physical description."""

    sex: str = choice("Sex", SEX, required="Select your sex as shown on your card")
    height: str = text(
        "Height", required="Enter your height", hint="For example, 5 ft 7 in.", max_length=20
    )
    eye_color: str = text("Eye color", required="Enter your eye color", max_length=30)
    hair_color: str = text("Hair color", required="Enter your hair color", max_length=30)


FORM = Form(
    FormType.I90,
    sections=(APPLICANT, CONTACT, CARD, REASON, PROCESSING),
    pages=(
        *about_you_pages(),
        *contact_pages(),
        Page("card_details", CARD.id, "About your card", CardDetails),
        Page("reason", REASON.id, "Why do you need a new card?", Reason),
        Page(
            "lost_card",
            REASON.id,
            "What happened to your card?",
            LostCard,
            answered(REASON.id, "reason", "lost"),
        ),
        Page(
            "name_change",
            REASON.id,
            "What name is on your card?",
            NameChange,
            answered(REASON.id, "reason", "name_changed"),
        ),
        Page(
            "never_received",
            REASON.id,
            "Where should the card have arrived?",
            NeverReceived,
            answered(REASON.id, "reason", "never_received"),
        ),
        Page("description", PROCESSING.id, "What do you look like?", Description),
    ),
    summary="Replace a green card that was lost, damaged, is expiring, or shows old details.",
)
