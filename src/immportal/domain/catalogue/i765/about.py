"""I-765 Part 2, about you, beyond the name and date of birth every form asks; and
Part 1, the reason for applying."""

from __future__ import annotations

from immportal.domain.catalogue.common import (
    APPLICANT,
    SEX,
    SEX_HINT,
    BirthPlace,
    Numbers,
    other_names_pages,
)
from immportal.domain.catalogue.fields import (
    PageModel,
    choice,
    country,
    day,
    receipt_number,
    yes_no,
)
from immportal.domain.catalogue.model import Page, Section, answered, at_least, needs
from immportal.domain.evidence.document_kinds import DocumentType

REASON = Section(
    "reason", "Why you are applying", "Part 1: a first card, a replacement or a renewal."
)
MARITAL = {
    "single": "Single, never married",
    "married": "Married",
    "divorced": "Divorced",
    "widowed": "Widowed",
}
REASONS = {
    "initial": "Permission to work for the first time",
    "replacement": (
        "A replacement for a card that was lost, stolen or damaged, "
        "or has a mistake that USCIS did not make"
    ),
    "renewal": "A renewal of my permission to work",
}


class SexAndMarriage(PageModel):
    """Your sex and marital status."""

    sex: str = choice("Sex", SEX, required="Select your sex", hint=SEX_HINT)
    marital_status: str = choice("Marital status", MARITAL, required="Select your marital status")


class Citizenship(PageModel):
    """Your countries of citizenship."""

    citizenship_country: str = country(
        "Country of citizenship or nationality",
        required="Select your country of citizenship or nationality",
    )
    second_citizenship_country: str | None = country(
        "Another country of citizenship (if any)", required=None
    )


class Reason(PageModel):
    """Why you are applying."""

    reason: str = choice(
        "What are you applying for?", REASONS, required="Select what you are applying for"
    )


class PreviousCard(PageModel):
    """Your previous card."""

    previous_card_number: str = receipt_number(
        "Card number of your previous employment authorization card",
        required="Enter the card number of your previous card",
        hint="3 letters and 10 numbers, on the front of the card.",
    )
    previous_card_expiry: str = day(
        "When does (or did) it expire?", noun="The expiry date", required="Enter the expiry date"
    )


class FiledBefore(PageModel):
    """Earlier applications."""

    filed_before: str = yes_no(
        "Have you ever filed Form I-765 before?",
        required="Select yes if you have filed Form I-765 before",
        hint="Answer yes even if it was denied or withdrawn.",
    )


_RENEWING = answered(REASON.id, "reason", "replacement", "renewal")


def about_pages() -> tuple[Page, ...]:
    """The applicant section's pages after the name and date of birth."""
    evidence = needs(
        DocumentType.NAME_CHANGE_RECORD,
        "Proof of each other name: a birth or marriage certificate, a divorce decree or "
        "a passport page",
        "You have used other names.",
        at_least(APPLICANT.id, "other_names_count", 1),
    )
    return (
        *other_names_pages(documents=(evidence,)),
        Page("birth_place", APPLICANT.id, "Where were you born?", BirthPlace),
        Page("sex_marital", APPLICANT.id, "Sex and marital status", SexAndMarriage),
        Page("citizenship", APPLICANT.id, "Your citizenship", Citizenship),
        Page(
            "numbers",
            APPLICANT.id,
            "Numbers you may have",
            Numbers,
            hint="Leave a box empty if you were never given that number.",
        ),
    )


def reason_pages() -> tuple[Page, ...]:
    """Part 1: what the applicant asks for, and the card it replaces or renews."""
    return (
        Page(
            "reason",
            REASON.id,
            "What are you applying for?",
            Reason,
            hint=(
                "If your card has a mistake that USCIS made, do not apply: ask us to correct "
                "it, free of charge."
            ),
        ),
        Page(
            "previous_card",
            REASON.id,
            "About your previous card",
            PreviousCard,
            _RENEWING,
            documents=(
                needs(
                    DocumentType.EAD_CARD,
                    "Both sides of your previous employment authorization card",
                    "You are replacing or renewing a card.",
                ),
            ),
        ),
        Page(
            "filed_before",
            REASON.id,
            "Have you applied before?",
            FiledBefore,
            answered(REASON.id, "reason", "initial"),
            documents=(
                needs(
                    DocumentType.EAD_CARD,
                    "Both sides of any employment authorization card you were given",
                    "You filed Form I-765 before.",
                    answered(REASON.id, "filed_before", "yes"),
                ),
            ),
        ),
    )
