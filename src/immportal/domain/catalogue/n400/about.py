"""N-400 Parts 1 to 3: why you can apply, about you beyond the name and date of birth,
your permanent residence and your description."""

from __future__ import annotations

from immportal.domain.catalogue.common import (
    APPLICANT,
    SEX,
    SEX_HINT,
    Biographics,
    other_names_pages,
)
from immportal.domain.catalogue.fields import (
    PageModel,
    a_number,
    choice,
    country,
    day,
    long_text,
    person_name,
    ssn,
    text,
    uscis_account_number,
    yes_no,
)
from immportal.domain.catalogue.model import Page, Section, answered, at_least, needs
from immportal.domain.evidence.document_kinds import DocumentType
from immportal.i18n import N_

ELIGIBILITY = Section("eligibility", N_("Your eligibility"), N_("Part 1: why you can apply now."))
RESIDENCE = Section("residence", N_("Your permanent residence"), N_("Part 2: your green card."))

BASES = {
    "five_years": N_("I have been a permanent resident for at least 5 years"),
    "married_three_years": (
        N_(
            "I have been a permanent resident for at least 3 years, married to and living with "
            "the same U.S. citizen for those 3 years"
        )
    ),
    "vawa": (
        N_(
            "I am a permanent resident of at least 3 years who was battered or treated with "
            "extreme cruelty by a U.S. citizen husband, wife or parent (VAWA)"
        )
    ),
    "spouse_abroad": (
        N_(
            "I am the husband or wife of a U.S. citizen working abroad for the U.S. government "
            "or a qualifying organization"
        )
    ),
    "military_hostilities": N_("I served in the U.S. armed forces during a period of hostilities"),
    "military": N_("I am serving, or have served, in the U.S. armed forces for at least one year"),
    "other": N_("Another reason"),
}
MILITARY = ("military_hostilities", "military")
SPOUSE_BASES = ("married_three_years", "spouse_abroad")


class Basis(PageModel):
    """Why you can apply."""

    basis: str = choice(
        N_("Why can you apply for citizenship?"), BASES, required=N_("Select why you can apply")
    )


class OtherBasis(PageModel):
    """Another basis."""

    other_basis: str = long_text(
        N_("Tell us why you can apply"), required=N_("Tell us why you can apply")
    )


class InterviewOffice(PageModel):
    """Where to interview you."""

    interview_office: str = text(
        N_("Which USCIS field office should interview you?"),
        required=N_("Enter the field office"),
        hint=N_(
            "Living abroad with your husband or wife, you choose the office in the United States."
        ),
    )


class GreenCard(PageModel):
    """Your permanent residence."""

    a_number: str = a_number(
        N_("Alien Registration Number (A-Number)"),
        required=N_("Enter your A-Number"),
        hint=N_("Labelled USCIS# on your green card: 7 to 9 numbers."),
    )
    resident_since: str = day(
        N_("When did you become a permanent resident?"),
        noun=N_("The date you became a permanent resident"),
        required=N_("Enter the date you became a permanent resident"),
        hint=N_("The 'Resident since' date on your green card."),
        when="past",
    )
    uscis_account_number: str | None = uscis_account_number(
        N_("USCIS online account number (if any)"), required=None
    )


class NewName(PageModel):
    """Whether you want a new name."""

    wants_name_change: str = yes_no(
        N_("Would you like to legally change your name when you become a citizen?"),
        required=N_("Select yes if you would like to change your name"),
    )


class NewNameDetails(PageModel):
    """The name you want."""

    new_given_name: str = person_name(N_("New given name"), required=N_("Enter the new given name"))
    new_middle_name: str | None = person_name(N_("New middle name (if any)"), required=None)
    new_family_name: str = person_name(
        N_("New family name"), required=N_("Enter the new family name")
    )


class Origin(PageModel):
    """Where you were born and your nationality."""

    sex: str = choice(N_("Sex"), SEX, required=N_("Select your sex"), hint=SEX_HINT)
    birth_country: str = country(
        N_("Country of birth"), required=N_("Select the country where you were born")
    )
    citizenship_country: str = country(
        N_("Country of citizenship or nationality"),
        required=N_("Select your country of citizenship or nationality"),
    )


class Situation(PageModel):
    """Questions about your situation."""

    parent_citizen: str = yes_no(
        N_(
            "Was your mother or father (including adoptive) a U.S. "
            "citizen before your 18th birthday?"
        ),
        required=N_("Select yes if a parent was a U.S. citizen before you turned 18"),
        hint=N_("If so, you may already be a citizen: read about Form N-600 before you file."),
    )
    disability_exception: str = yes_no(
        N_(
            "Do you have a disability or impairment that stops you from learning English or civics?"
        ),
        required=N_("Select yes if a disability stops you from learning English or civics"),
        hint=N_("If so, a doctor fills in Form N-648 for you."),
    )


class SocialSecurity(PageModel):
    """A Social Security card."""

    ssa_card: str = yes_no(
        N_(
            "Do you want the Social Security Administration to give you a card showing you "
            "are a citizen?"
        ),
        required=N_("Select yes if you want a Social Security card"),
        hint=N_("They update your record when you become a citizen."),
    )


class SocialSecurityDetails(PageModel):
    """For the Social Security Administration."""

    ssn: str | None = ssn(N_("Your Social Security number (if you have one)"), required=None)
    ssa_consent: str = yes_no(
        N_(
            "Do you agree that we share your information with the Social Security "
            "Administration to do this?"
        ),
        required=N_("Select yes if you agree that we share your information"),
    )


def eligibility_pages() -> tuple[Page, ...]:
    """Part 1."""
    return (
        Page("basis", ELIGIBILITY.id, N_("Why can you apply?"), Basis),
        Page(
            "other_basis",
            ELIGIBILITY.id,
            N_("Your reason for applying"),
            OtherBasis,
            answered(ELIGIBILITY.id, "basis", "other"),
        ),
        Page(
            "interview_office",
            ELIGIBILITY.id,
            N_("Your interview"),
            InterviewOffice,
            answered(ELIGIBILITY.id, "basis", "spouse_abroad"),
        ),
    )


def about_pages() -> tuple[Page, ...]:
    """Part 2 after the name and date of birth, and Part 3."""
    return (
        *other_names_pages(
            most=5,
            documents=(
                needs(
                    DocumentType.NAME_CHANGE_RECORD,
                    N_(
                        "The marriage certificate, divorce decree or court order for each "
                        "change of your name"
                    ),
                    N_("You have used other names."),
                    at_least(APPLICANT.id, "other_names_count", 1),
                ),
            ),
        ),
        Page("new_name", APPLICANT.id, N_("A new name"), NewName),
        Page(
            "new_name_details",
            APPLICANT.id,
            N_("What name would you like?"),
            NewNameDetails,
            answered(APPLICANT.id, "wants_name_change", "yes"),
        ),
        Page("origin", APPLICANT.id, N_("Your birth and nationality"), Origin),
        Page(
            "situation",
            APPLICANT.id,
            N_("Your situation"),
            Situation,
            documents=(
                needs(
                    DocumentType.SUPPLEMENT_FORM,
                    N_("Form N-648, filled in by your doctor"),
                    N_("A disability stops you from learning English or civics."),
                    answered(APPLICANT.id, "disability_exception", "yes"),
                ),
            ),
        ),
        Page("social_security", APPLICANT.id, N_("Social Security"), SocialSecurity),
        Page(
            "social_security_details",
            APPLICANT.id,
            N_("Your Social Security record"),
            SocialSecurityDetails,
            answered(APPLICANT.id, "ssa_card", "yes"),
        ),
        Page("description", APPLICANT.id, N_("What do you look like?"), Biographics),
    )


def residence_pages() -> tuple[Page, ...]:
    """The green card."""
    return (Page("green_card", RESIDENCE.id, N_("About your green card"), GreenCard),)
