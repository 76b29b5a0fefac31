"""I-765 item 27, the eligibility category, and the follow-up questions some categories
ask (items 28 to 31), with the evidence each category needs."""

from __future__ import annotations

from datetime import date, timedelta

from immportal.domain.catalogue.fields import (
    PageModel,
    choice,
    day,
    long_text,
    number,
    receipt_number,
    text,
    yes_no,
)
from immportal.domain.catalogue.i765.about import REASON
from immportal.domain.catalogue.i765.categories import (
    ADJUSTING,
    ARRESTS_ASKED,
    CATEGORIES,
    ECONOMIC_NEED,
    category_evidence,
)
from immportal.domain.catalogue.model import (
    Answers,
    DocumentRule,
    Page,
    Section,
    all_of,
    answered,
    needs,
    today,
)
from immportal.domain.evidence.document_kinds import DocumentType
from immportal.formatting import long_date
from immportal.i18n import N_, _, babel_locale

ELIGIBILITY = Section(
    "eligibility", N_("Your eligibility category"), N_("The part of the rules that lets you apply.")
)
RECEIPT_HINT = N_("3 letters and 10 numbers, for example IOE0912345678.")
ASYLUM_WAIT = timedelta(days=150)
"""An asylum applicant may ask for a first work permit 150 days after filing (8 CFR 208.7)."""
ASYLUM_CLOCK_START = date(1995, 1, 4)
"""Asylum applications filed before this day have no waiting period."""


class Category(PageModel):
    """Your eligibility category."""

    category: str = choice(
        N_("Which eligibility category are you applying under?"),
        CATEGORIES,
        required=N_("Select your eligibility category"),
    )


class PendingAdjustment(PageModel):
    """(c)(9) and (c)(16): your Form I-485."""

    i485_receipt_number: str = receipt_number(
        N_("Receipt number of your Form I-485"),
        required=N_("Enter the receipt number of your Form I-485"),
        hint=RECEIPT_HINT,
    )
    i485_filed_on: str = day(
        N_("When did you file your Form I-485?"),
        noun=N_("The date you filed your Form I-485"),
        required=N_("Enter the date you filed your Form I-485"),
        hint=N_("The received date on its receipt notice. The fee depends on it."),
        when="past",
    )


class Asylum(PageModel):
    """(c)(8): your asylum application."""

    i589_filed_on: str = day(
        N_("When did you file your asylum application (Form I-589)?"),
        noun=N_("The date you filed your asylum application"),
        required=N_("Enter the date you filed your asylum application"),
        hint=N_("The received date on its receipt notice."),
        when="past",
    )
    abc_class_member: str = yes_no(
        N_("Are you a Salvadoran or Guatemalan national who is a member of the ABC class?"),
        required=N_("Select yes if you are a member of the ABC class"),
        hint=N_("The class of the American Baptist Churches settlement. Most applicants are not."),
    )


class Arrests(PageModel):
    """(c)(8), (c)(35) and (c)(36): the arrests question."""

    ever_arrested: str = yes_no(
        N_("Have you ever been arrested for, or convicted of, any crime?"),
        required=N_("Select yes if you have ever been arrested or convicted"),
        hint=(
            N_(
                "Answer yes even if the record was sealed or the charge dropped. Minor traffic "
                "tickets that did not involve alcohol or drugs do not count; a traffic arrest does."
            )
        ),
    )


class ArrestDetails(PageModel):
    """What happened."""

    arrest_details: str = long_text(
        N_("Tell us what happened, when and where"),
        required=N_("Tell us what happened, when and where"),
    )


class Stem(PageModel):
    """(c)(3)(C): your degree and employer."""

    degree: str = text(
        N_("Your STEM degree"),
        required=N_("Enter your degree"),
        hint=N_("Its level and subject, for example MS in Computer Science."),
    )
    employer_name: str = text(
        N_("Your employer's name, as it is listed in E-Verify"),
        required=N_("Enter your employer's name"),
    )
    everify_number: str = text(
        N_("Your employer's E-Verify company identification number"),
        required=N_("Enter your employer's E-Verify number"),
        hint=N_("Your employer can give you this number."),
        max_length=12,
    )


class H1bSpouse(PageModel):
    """(c)(26): your spouse's H-1B."""

    h1b_receipt_number: str = receipt_number(
        N_("Receipt number of your spouse's most recent H-1B petition (Form I-797)"),
        required=N_("Enter the receipt number of your spouse's H-1B petition"),
        hint=RECEIPT_HINT,
    )


class ImmigrantPetition(PageModel):
    """(c)(35) and (c)(36): the Form I-140."""

    i140_receipt_number: str = receipt_number(
        N_("Receipt number of the approved Form I-140"),
        required=N_("Enter the receipt number of the Form I-140"),
        hint=N_("Yours for (c)(35); your husband's, wife's or parent's for (c)(36)."),
    )


class EconomicNeed(PageModel):
    """(c)(14) and (c)(33): the economic necessity worksheet (Form I-765WS)."""

    annual_income: int = number(
        N_("Your household's yearly income, in U.S. dollars"),
        noun=N_("Your yearly income"),
        required=N_("Enter your yearly income, or 0"),
        most=10_000_000,
    )
    annual_expenses: int = number(
        N_("Your household's yearly expenses, in U.S. dollars"),
        noun=N_("Your yearly expenses"),
        required=N_("Enter your yearly expenses, or 0"),
        most=10_000_000,
    )
    assets: int = number(
        N_("The value of everything you own, in U.S. dollars"),
        noun=N_("The value of what you own"),
        required=N_("Enter the value of what you own, or 0"),
        hint=N_("Money in the bank, property and investments."),
        most=100_000_000,
    )
    need_explanation: str | None = long_text(
        N_("Why you need to work (if you want to tell us)"), required=None
    )


def category_documents() -> tuple[DocumentRule, ...]:
    """Each category's evidence, asked when that category is chosen."""
    return tuple(
        DocumentRule(need, answered(ELIGIBILITY.id, "category", category))
        for category in CATEGORIES
        for need in category_evidence(category)
    )


def eligibility_pages() -> tuple[Page, ...]:
    """The category and the pages each category adds."""
    arrests_asked = answered(ELIGIBILITY.id, "category", *ARRESTS_ASKED)
    return (
        Page(
            "category",
            ELIGIBILITY.id,
            N_("Your eligibility category"),
            Category,
            hint=N_("The instructions of Form I-765 explain each category."),
            documents=category_documents(),
        ),
        Page(
            "pending_adjustment",
            ELIGIBILITY.id,
            N_("Your application to adjust status"),
            PendingAdjustment,
            answered(ELIGIBILITY.id, "category", *ADJUSTING),
        ),
        Page(
            "asylum",
            ELIGIBILITY.id,
            N_("Your asylum application"),
            Asylum,
            answered(ELIGIBILITY.id, "category", "c8"),
        ),
        Page("arrests", ELIGIBILITY.id, N_("Arrests and convictions"), Arrests, arrests_asked),
        Page(
            "arrest_details",
            ELIGIBILITY.id,
            N_("About the arrest or conviction"),
            ArrestDetails,
            all_of(arrests_asked, answered(ELIGIBILITY.id, "ever_arrested", "yes")),
            documents=(
                needs(
                    DocumentType.COURT_RECORD,
                    N_(
                        "Certified arrest reports, court decisions and sentences for every arrest "
                        "or conviction"
                    ),
                    N_("You told us you were arrested or convicted."),
                ),
            ),
        ),
        Page(
            "stem",
            ELIGIBILITY.id,
            N_("Your degree and employer"),
            Stem,
            answered(ELIGIBILITY.id, "category", "c3c"),
        ),
        Page(
            "h1b_spouse",
            ELIGIBILITY.id,
            N_("Your spouse's H-1B petition"),
            H1bSpouse,
            answered(ELIGIBILITY.id, "category", "c26"),
        ),
        Page(
            "immigrant_petition",
            ELIGIBILITY.id,
            N_("The immigrant petition (Form I-140)"),
            ImmigrantPetition,
            answered(ELIGIBILITY.id, "category", "c35", "c36"),
        ),
        Page(
            "economic_need",
            ELIGIBILITY.id,
            N_("Why you need to work"),
            EconomicNeed,
            answered(ELIGIBILITY.id, "category", *ECONOMIC_NEED),
            hint=N_("These are the questions of the economic necessity worksheet (Form I-765WS)."),
        ),
    )


def asylum_wait(answers: Answers) -> str | None:
    """A first (c)(8) permit may be asked for 150 days after the asylum application."""
    eligibility = answers.get(ELIGIBILITY.id, {})
    reason = answers.get(REASON.id, {}).get("reason")
    filed = eligibility.get("i589_filed_on")
    if eligibility.get("category") != "c8" or reason != "initial" or not isinstance(filed, str):
        return None
    try:
        filed_on = date.fromisoformat(filed)
    except ValueError:
        return None  # the page says what is wrong with it
    earliest = filed_on + ASYLUM_WAIT
    if filed_on < ASYLUM_CLOCK_START or today() >= earliest:
        return None
    return _(
        "You can ask for your first work permit 150 days after you filed your asylum "
        "application: from %(date)s.",
        date=long_date(earliest, babel_locale()),
    )
