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
from immportal.i18n import N_

REASON = Section(
    "reason", N_("Why you are applying"), N_("Part 1: a first card, a replacement or a renewal.")
)
MARITAL = {
    "single": N_("Single, never married"),
    "married": N_("Married"),
    "divorced": N_("Divorced"),
    "widowed": N_("Widowed"),
}
REASONS = {
    "initial": N_("Permission to work for the first time"),
    "replacement": (
        N_(
            "A replacement for a card that was lost, stolen or damaged, "
            "or has a mistake that USCIS did not make"
        )
    ),
    "renewal": N_("A renewal of my permission to work"),
}


class SexAndMarriage(PageModel):
    """Your sex and marital status."""

    sex: str = choice(N_("Sex"), SEX, required=N_("Select your sex"), hint=SEX_HINT)
    marital_status: str = choice(
        N_("Marital status"), MARITAL, required=N_("Select your marital status")
    )


class Citizenship(PageModel):
    """Your countries of citizenship."""

    citizenship_country: str = country(
        N_("Country of citizenship or nationality"),
        required=N_("Select your country of citizenship or nationality"),
    )
    second_citizenship_country: str | None = country(
        N_("Another country of citizenship (if any)"), required=None
    )


class Reason(PageModel):
    """Why you are applying."""

    reason: str = choice(
        N_("What are you applying for?"), REASONS, required=N_("Select what you are applying for")
    )


class PreviousCard(PageModel):
    """Your previous card."""

    previous_card_number: str = receipt_number(
        N_("Card number of your previous employment authorization card"),
        required=N_("Enter the card number of your previous card"),
        hint=N_("3 letters and 10 numbers, on the front of the card."),
    )
    previous_card_expiry: str = day(
        N_("When does (or did) it expire?"),
        noun=N_("The expiry date"),
        required=N_("Enter the expiry date"),
    )


class FiledBefore(PageModel):
    """Earlier applications."""

    filed_before: str = yes_no(
        N_("Have you ever filed Form I-765 before?"),
        required=N_("Select yes if you have filed Form I-765 before"),
        hint=N_("Answer yes even if it was denied or withdrawn."),
    )


_RENEWING = answered(REASON.id, "reason", "replacement", "renewal")


def about_pages() -> tuple[Page, ...]:
    """The applicant section's pages after the name and date of birth."""
    evidence = needs(
        DocumentType.NAME_CHANGE_RECORD,
        N_(
            "Proof of each other name: a birth or marriage certificate, a divorce decree or "
            "a passport page"
        ),
        N_("You have used other names."),
        at_least(APPLICANT.id, "other_names_count", 1),
    )
    return (
        *other_names_pages(documents=(evidence,)),
        Page("birth_place", APPLICANT.id, N_("Where were you born?"), BirthPlace),
        Page("sex_marital", APPLICANT.id, N_("Sex and marital status"), SexAndMarriage),
        Page("citizenship", APPLICANT.id, N_("Your citizenship"), Citizenship),
        Page(
            "numbers",
            APPLICANT.id,
            N_("Numbers you may have"),
            Numbers,
            hint=N_("Leave a box empty if you were never given that number."),
        ),
    )


def reason_pages() -> tuple[Page, ...]:
    """Part 1: what the applicant asks for, and the card it replaces or renews."""
    return (
        Page(
            "reason",
            REASON.id,
            N_("What are you applying for?"),
            Reason,
            hint=(
                N_(
                    "If your card has a mistake that USCIS made, do not apply: ask us to correct "
                    "it, free of charge."
                )
            ),
        ),
        Page(
            "previous_card",
            REASON.id,
            N_("About your previous card"),
            PreviousCard,
            _RENEWING,
            documents=(
                needs(
                    DocumentType.EAD_CARD,
                    N_("Both sides of your previous employment authorization card"),
                    N_("You are replacing or renewing a card."),
                ),
            ),
        ),
        Page(
            "filed_before",
            REASON.id,
            N_("Have you applied before?"),
            FiledBefore,
            answered(REASON.id, "reason", "initial"),
            documents=(
                needs(
                    DocumentType.EAD_CARD,
                    N_("Both sides of any employment authorization card you were given"),
                    N_("You filed Form I-765 before."),
                    answered(REASON.id, "filed_before", "yes"),
                ),
            ),
        ),
    )
