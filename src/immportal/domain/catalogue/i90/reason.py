"""I-90 Part 2, the application type: why you need a new card, and what each reason
asks for."""

from __future__ import annotations

from datetime import date

from immportal.domain.catalogue.fields import PageModel, choice, day, text, us_state, yes_no
from immportal.domain.catalogue.i90.card import CARD
from immportal.domain.catalogue.model import (
    Answers,
    Page,
    Section,
    answered,
    needs,
    today,
)
from immportal.domain.evidence.document_kinds import DocumentType as T
from immportal.i18n import N_

REASON = Section(
    "reason", N_("Why you need a new card"), N_("Part 2 of the form: the application type.")
)
REASONS = {
    "lost": N_("My card was lost, stolen or destroyed"),
    "never_received": N_("My card was issued but I never received it"),
    "damaged": N_("My card is damaged"),
    "uscis_error": N_("My card has a mistake made by USCIS"),
    "name_changed": N_("My name or other details changed since the card was issued"),
    "expiring": N_("My card has expired or will expire within 6 months"),
    "turned_14": N_("I have turned 14 and my card expires after my 16th birthday"),
    "turned_14_early": N_("I have turned 14 and my card expires before my 16th birthday"),
    "commuter_start": N_("I live outside the United States and am taking up commuter status"),
    "commuter_end": N_("I was a commuter and now live in the United States"),
    "converted": N_("My temporary residence was converted to permanent residence automatically"),
    "other": N_("I have an older version of the card, or another reason"),
}
CONDITIONAL_REASONS = ("lost", "never_received", "damaged", "uscis_error", "name_changed")
"""The only reasons a conditional resident may give (Section B of Part 2)."""
CARD_COPY = ("expiring", "turned_14", "turned_14_early", "commuter_start", "commuter_end")
ANSWER_WINDOW_DAYS = 30
"""A 14-year-old files within 30 days of the birthday to use that reason."""
CONDITIONAL_EXPIRY_DAYS = 90


class Reason(PageModel):
    """Why you are applying."""

    reason: str = choice(
        N_("Why do you need a new card?"), REASONS, required=N_("Select why you need a new card")
    )


class LostCard(PageModel):
    """What happened to the card."""

    lost_on: str = day(
        N_("When did you lose it, or notice it was gone?"),
        noun=N_("The date you lost your card"),
        required=N_("Enter the date you lost your card"),
        when="past",
    )
    lost_where: str = text(
        N_("Where did this happen?"),
        required=N_("Enter where you lost your card"),
        hint=N_("City and country."),
    )
    police_report: str = yes_no(
        N_("Did you report it to the police?"), required=N_("Select yes if you reported it")
    )


class NeverReceived(PageModel):
    """Where the card should have arrived."""

    address_then: str = text(
        N_("What address did you give for the card to be mailed to?"),
        required=N_("Enter the address the card should have been mailed to"),
        max_length=300,
    )


class CommuterPort(PageModel):
    """Where you will cross."""

    port_city: str = text(
        N_("City or town of the port of entry you will commute through"),
        required=N_("Enter the city or town of the port of entry"),
    )
    port_state: str = us_state(
        N_("State of the port of entry"), required=N_("Select the state of the port of entry")
    )


def reason_pages() -> tuple[Page, ...]:
    """The reason, and the pages and evidence some reasons add."""
    return (
        Page(
            "reason",
            REASON.id,
            N_("Why do you need a new card?"),
            Reason,
            documents=(
                needs(
                    T.PHOTO_ID,
                    N_("A government photo ID, such as a passport or driver's license"),
                    N_("You do not have your card to show who you are."),
                    answered(REASON.id, "reason", "lost", "never_received"),
                ),
                needs(
                    T.GREEN_CARD,
                    N_("Both sides of the damaged card (send the card itself when we ask)"),
                    N_("Your card is damaged."),
                    answered(REASON.id, "reason", "damaged"),
                ),
                needs(
                    T.GREEN_CARD,
                    N_(
                        "Both sides of the card with the mistake (send the card itself when we ask)"
                    ),
                    N_("Your card has a mistake made by USCIS."),
                    answered(REASON.id, "reason", "uscis_error"),
                ),
                needs(
                    T.GREEN_CARD,
                    N_("Both sides of your current card"),
                    N_("It shows the card you are replacing."),
                    answered(REASON.id, "reason", "name_changed", "other", *CARD_COPY),
                ),
                needs(
                    T.BIRTH_CERTIFICATE,
                    N_("Proof of the correct details, such as your birth certificate"),
                    N_("Your details other than your name changed, or are wrong on the card."),
                    answered(REASON.id, "reason", "name_changed", "uscis_error"),
                ),
                needs(
                    T.RESIDENCE_PROOF,
                    N_("Proof that you now live in the United States, such as a lease"),
                    N_("You were a commuter and now live in the United States."),
                    answered(REASON.id, "reason", "commuter_end"),
                ),
                needs(
                    T.STATUS_PROOF,
                    N_("Your temporary resident card, or proof of the conversion"),
                    N_("Your temporary residence was converted automatically."),
                    answered(REASON.id, "reason", "converted"),
                ),
            ),
        ),
        Page(
            "lost_card",
            REASON.id,
            N_("What happened to your card?"),
            LostCard,
            answered(REASON.id, "reason", "lost"),
        ),
        Page(
            "never_received",
            REASON.id,
            N_("Where should the card have arrived?"),
            NeverReceived,
            answered(REASON.id, "reason", "never_received"),
        ),
        Page(
            "commuter_port",
            REASON.id,
            N_("Where will you cross the border?"),
            CommuterPort,
            answered(REASON.id, "reason", "commuter_start"),
        ),
    )


def conditional_reasons(answers: Answers) -> str | None:
    """A conditional resident replaces a card only when it is lost, damaged, wrong or renamed;
    one that expires within 90 days is replaced by removing the conditions instead."""
    if answers.get(CARD.id, {}).get("status") != "conditional_resident":
        return None
    reason = answers.get(REASON.id, {}).get("reason")
    if isinstance(reason, str) and reason not in CONDITIONAL_REASONS:
        return N_(
            "A conditional resident can use this form only for a card that was lost, never "
            "received, damaged, has a USCIS mistake or shows an old name"
        )
    expires = _day(answers.get(CARD.id, {}).get("card_expires_on"))
    if expires is not None and (expires - today()).days <= CONDITIONAL_EXPIRY_DAYS:
        return N_(
            "Your 2-year card expires within 90 days or has expired: file Form I-751 (or "
            "Form I-829 for investors) to remove the conditions, instead of this form"
        )
    return None


def turned_fourteen(answers: Answers) -> str | None:
    """The 14th-birthday reasons are for applications within 30 days after the birthday."""
    if answers.get(REASON.id, {}).get("reason") not in ("turned_14", "turned_14_early"):
        return None
    born = _day(answers.get("applicant", {}).get("date_of_birth"))
    if born is None:
        return None
    birthday = _birthday(born, 14)
    if 0 <= (today() - birthday).days <= ANSWER_WINDOW_DAYS:
        return None
    return N_(
        "Turning 14 is a reason only within 30 days after your 14th birthday; "
        "choose 'an older version of the card, or another reason' instead"
    )


def _birthday(born: date, years: int) -> date:
    try:
        return born.replace(year=born.year + years)
    except ValueError:  # born on February 29
        return date(born.year + years, 3, 1)


def _day(value: object) -> date | None:
    try:
        return date.fromisoformat(value) if isinstance(value, str) else None
    except ValueError:
        return None
