"""Form I-765, Application for Employment Authorization (its Parts 1 and 2)."""

from __future__ import annotations

from immportal.domain.cases.forms import FormType
from immportal.domain.catalogue.common import (
    APPLICANT,
    CONTACT,
    about_you_pages,
    contact_pages,
)
from immportal.domain.catalogue.fields import (
    PageModel,
    choice,
    day,
    i94_number,
    long_text,
    person_name,
    receipt_number,
    text,
    yes_no,
)
from immportal.domain.catalogue.model import Form, Page, Section, all_of, answered
from immportal.domain.catalogue.rules import dates_in_order

REASON = Section(
    "reason", "Why you are applying", "Part 1: a first card, a replacement or a renewal."
)
ELIGIBILITY = Section(
    "eligibility", "Your eligibility category", "The part of the rules that lets you apply."
)
IMMIGRATION = Section(
    "immigration", "Your arrival and status", "How and when you last came to the United States."
)
SOCIAL_SECURITY = Section(
    "social_security", "Social Security card", "We can ask for a Social Security card for you."
)

REASONS = {
    "initial": "Permission to work for the first time",
    "replacement": "A replacement for a card that was lost, stolen or damaged, or has a mistake",
    "renewal": "A renewal of my permission to work",
}
CATEGORIES = {
    "c9": "(c)(9) I have a pending application to adjust status (Form I-485)",
    "c8": "(c)(8) I have a pending asylum application",
    "c3b": "(c)(3)(B) Optional practical training after my studies (F-1 student)",
    "c3c": "(c)(3)(C) 24-month STEM extension of optional practical training",
    "c26": "(c)(26) I am the H-4 spouse of an H-1B worker",
    "a12": "(a)(12) I have Temporary Protected Status (TPS)",
    "a5": "(a)(5) I have been granted asylum",
}
RECEIPT_HINT = "3 letters and 10 numbers, for example IOE0912345678."


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


class Category(PageModel):
    """Your eligibility category."""

    category: str = choice(
        "Which eligibility category are you applying under?",
        CATEGORIES,
        required="Select your eligibility category",
    )


class PendingAdjustment(PageModel):
    """(c)(9): your Form I-485."""

    i485_receipt_number: str = receipt_number(
        "Receipt number of your Form I-485",
        required="Enter the receipt number of your Form I-485",
        hint=RECEIPT_HINT,
    )


class Arrests(PageModel):
    """(c)(8): the question the form asks every asylum applicant."""

    ever_arrested: str = yes_no(
        "Have you ever been arrested for, or convicted of, any crime?",
        required="Select yes if you have ever been arrested or convicted",
        hint="Answer yes even if the record was sealed or the charge dropped.",
    )


class ArrestDetails(PageModel):
    """What happened."""

    arrest_details: str = long_text(
        "Tell us what happened, when and where", required="Tell us what happened, when and where"
    )


class Stem(PageModel):
    """(c)(3)(C): your degree and employer."""

    degree: str = text(
        "Your STEM degree",
        required="Enter your degree",
        hint="For example, MS in Computer Science.",
    )
    employer_name: str = text("Your employer's name", required="Enter your employer's name")
    everify_number: str = text(
        "Your employer's E-Verify company identification number",
        required="Enter your employer's E-Verify number",
        hint="Your employer can give you this number.",
        max_length=12,
    )


class H1bSpouse(PageModel):
    """(c)(26): your spouse's H-1B."""

    h1b_receipt_number: str = receipt_number(
        "Receipt number of your spouse's approved H-1B petition (Form I-797)",
        required="Enter the receipt number of your spouse's H-1B petition",
        hint=RECEIPT_HINT,
    )


class Arrival(PageModel):
    """Your last arrival."""

    last_arrival_on: str = day(
        "When did you last arrive in the United States?",
        noun="Date of your last arrival",
        required="Enter the date you last arrived",
        when="past",
    )
    i94_number: str = i94_number(
        "Your I-94 arrival-departure record number", required="Enter your I-94 number"
    )
    current_status: str = text(
        "Your current immigration status",
        required="Enter your current immigration status",
        hint="For example, F-1 student.",
    )


class SocialSecurityCard(PageModel):
    """Whether we should ask for a Social Security card."""

    wants_ssn_card: str = yes_no(
        "Do you want the Social Security Administration to give you a Social Security card?",
        required="Select yes if you want a Social Security card",
    )


class Parents(PageModel):
    """Needed by the Social Security Administration to issue the card."""

    consent_to_share: str = yes_no(
        "Do you agree that we share your information with the Social Security Administration?",
        required="Select yes if you agree that we share your information",
    )
    father_name: str = person_name(
        "Your father's full name at birth", required="Enter your father's name"
    )
    mother_name: str = person_name(
        "Your mother's full name at birth", required="Enter your mother's name"
    )


FORM = Form(
    FormType.I765,
    sections=(APPLICANT, CONTACT, REASON, ELIGIBILITY, IMMIGRATION, SOCIAL_SECURITY),
    pages=(
        *about_you_pages(),
        *contact_pages(),
        Page("reason", REASON.id, "What are you applying for?", Reason),
        Page(
            "previous_card",
            REASON.id,
            "About your previous card",
            PreviousCard,
            answered(REASON.id, "reason", "replacement", "renewal"),
        ),
        Page("category", ELIGIBILITY.id, "Your eligibility category", Category),
        Page(
            "pending_adjustment",
            ELIGIBILITY.id,
            "Your application to adjust status",
            PendingAdjustment,
            answered(ELIGIBILITY.id, "category", "c9"),
        ),
        Page(
            "arrests",
            ELIGIBILITY.id,
            "Arrests and convictions",
            Arrests,
            answered(ELIGIBILITY.id, "category", "c8"),
        ),
        Page(
            "arrest_details",
            ELIGIBILITY.id,
            "About the arrest or conviction",
            ArrestDetails,
            all_of(
                answered(ELIGIBILITY.id, "category", "c8"),
                answered(ELIGIBILITY.id, "ever_arrested", "yes"),
            ),
        ),
        Page(
            "stem",
            ELIGIBILITY.id,
            "Your degree and employer",
            Stem,
            answered(ELIGIBILITY.id, "category", "c3c"),
        ),
        Page(
            "h1b_spouse",
            ELIGIBILITY.id,
            "Your spouse's H-1B petition",
            H1bSpouse,
            answered(ELIGIBILITY.id, "category", "c26"),
        ),
        Page("arrival", IMMIGRATION.id, "Your arrival and status", Arrival),
        Page("ssn_card", SOCIAL_SECURITY.id, "Social Security card", SocialSecurityCard),
        Page(
            "parents",
            SOCIAL_SECURITY.id,
            "Your parents' names",
            Parents,
            answered(SOCIAL_SECURITY.id, "wants_ssn_card", "yes"),
        ),
    ),
    summary="Ask for permission to work in the United States (an employment authorization card).",
    rules=(
        dates_in_order(
            (APPLICANT.id, "date_of_birth"),
            (IMMIGRATION.id, "last_arrival_on"),
            "The date you last arrived in the United States must be after your date of birth",
        ),
    ),
)
