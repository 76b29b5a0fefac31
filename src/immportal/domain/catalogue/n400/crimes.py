"""N-400 Part 9, items 10 to 21: weapons, crimes and arrests, conduct, honesty and
removal, and the explanation of the yes answers (the form's Part 14)."""

from __future__ import annotations

from immportal.domain.catalogue.entries import numbered_pages
from immportal.domain.catalogue.fields import PageModel, choice, day, long_text, number, text
from immportal.domain.catalogue.model import Page, needs
from immportal.domain.catalogue.n400.character import C, said_yes, yes_no
from immportal.domain.evidence.document_kinds import DocumentType
from immportal.i18n import N_

OFFENSES_MOST = 5
SENTENCE = {
    "yes": N_("Yes"),
    "no": N_("No"),
    "none": N_("I was not given a suspended sentence, probation or parole"),
}


class Weapons(PageModel):
    """Weapons."""

    weapons_group: str = yes_no(
        N_(
            "Have you ever been part of, or helped, a group that used or threatened to use "
            "weapons against people?"
        ),
        N_("you have been part of such a group"),
    )
    weapons_training: str = yes_no(
        N_("Have you ever received weapons, paramilitary or other military-type training?"),
        N_("you have had weapons or military-type training"),
    )
    weapons_supply: str = yes_no(
        N_(
            "Have you ever sold, given or transported weapons, or helped to, knowing or thinking "
            "they would be used against people?"
        ),
        N_("you have supplied weapons that way"),
    )
    child_soldiers: str = yes_no(
        N_(
            "Have you ever recruited, enlisted or used anyone under 15 to serve in or help an "
            "armed group?"
        ),
        N_("you have recruited or used anyone under 15 for an armed group"),
    )
    child_hostilities: str = yes_no(
        N_("Have you ever used anyone under 15 to take part in fighting?"),
        N_("you have used anyone under 15 in fighting"),
    )


class WeaponsUse(PageModel):
    """In that group."""

    used_weapon: str = yes_no(
        N_("In that group, did you ever use a weapon against anyone?"),
        N_("you used a weapon against anyone"),
    )
    threatened_weapon: str = yes_no(
        N_("In that group, did you ever threaten anyone with a weapon?"),
        N_("you threatened anyone with a weapon"),
    )


class Crimes(PageModel):
    """Crimes and arrests."""

    crime_not_arrested: str = yes_no(
        N_(
            "Have you ever committed, agreed to commit, asked someone else to commit, helped "
            "with or tried to commit a crime for which you were not arrested?"
        ),
        N_("you have committed or tried a crime you were not arrested for"),
    )
    ever_arrested: str = yes_no(
        N_(
            "Have you ever been arrested, cited, detained or confined by any police, military "
            "or immigration officer, anywhere, or charged with a crime?"
        ),
        N_("you have ever been arrested, cited, detained or charged"),
        hint=(
            N_(
                "Include records that were sealed, expunged or cleared. You do not need to include "
                "traffic tickets under $500 that did not involve alcohol or drugs."
            )
        ),
    )


class OffenseCount(PageModel):
    """How many offenses."""

    offenses_count: int = number(
        N_("How many crimes, arrests, citations or charges do you need to tell us about?"),
        noun=N_("The number of offenses"),
        required=N_("Enter how many, at least 1"),
        most=50,
    )


class Offense(PageModel):
    """One offense."""

    offense_on: str = day(
        N_("Date of the offense"),
        noun=N_("The date of the offense"),
        required=N_("Enter the date"),
        when="past",
    )
    place: str = text(N_("Where (city, state and country)"), required=N_("Enter where it happened"))
    what: str = text(
        N_("What was the offense?"), required=N_("Enter what the offense was"), max_length=300
    )
    outcome: str = text(
        N_("What happened in the end?"),
        required=N_("Enter the outcome"),
        hint=N_("For example: no charges, dismissed, convicted, or still pending."),
        max_length=300,
    )
    convicted_on: str | None = day(
        N_("Date of the conviction or guilty plea (if any)"),
        noun=N_("The date of the conviction"),
        required=None,
        when="past",
    )
    sentence: str | None = text(N_("The sentence (if any)"), required=None, max_length=300)


class Sentence(PageModel):
    """Your sentence."""

    completed_sentence: str = choice(
        N_("If you were given a suspended sentence, probation or parole, have you completed it?"),
        SENTENCE,
        required=N_("Select whether you completed it"),
    )


class Conduct(PageModel):
    """Conduct."""

    prostitution: str = yes_no(
        N_("Have you ever been involved in prostitution, procured it, or received its proceeds?"),
        N_("you have been involved in prostitution"),
    )
    drugs: str = yes_no(
        N_(
            "Have you ever made, grown, sold, given or smuggled controlled substances, illegal "
            "drugs or drug equipment?"
        ),
        N_("you have made, sold or smuggled illegal drugs"),
    )
    marriage_fraud: str = yes_no(
        N_("Have you ever married someone to get an immigration benefit?"),
        N_("you married to get an immigration benefit"),
    )
    polygamy: str = yes_no(
        N_("Have you ever been married to more than one person at the same time?"),
        N_("you have been married to two people at once"),
    )
    smuggling: str = yes_no(
        N_("Have you ever helped anyone to enter, or try to enter, the United States illegally?"),
        N_("you have helped anyone enter illegally"),
    )
    gambling: str = yes_no(
        N_("Have you ever gambled illegally, or received income from illegal gambling?"),
        N_("you have gambled illegally"),
    )
    failed_support: str = yes_no(
        N_("Have you ever failed to pay child support or alimony that a court ordered?"),
        N_("you have failed to pay child support or alimony"),
    )
    benefit_fraud: str = yes_no(
        N_("Have you ever given false information to get a public benefit in the United States?"),
        N_("you have given false information to get a public benefit"),
    )


class Honesty(PageModel):
    """Honesty with officials."""

    false_information: str = yes_no(
        N_(
            "Have you ever given any U.S. government official false, fraudulent or misleading "
            "information or documents?"
        ),
        N_("you have given officials false information or documents"),
    )
    lied_for_benefit: str = yes_no(
        N_(
            "Have you ever lied to a U.S. government official to be let into the United States "
            "or to get an immigration benefit?"
        ),
        N_("you have lied to get in or to get an immigration benefit"),
    )


class Removal(PageModel):
    """Removal."""

    removal_proceedings: str = yes_no(
        N_("Have you ever been placed in removal, rescission or deportation proceedings?"),
        N_("you have been in removal, rescission or deportation proceedings"),
    )
    removed: str = yes_no(
        N_("Have you ever been removed or deported from the United States?"),
        N_("you have been removed or deported"),
    )


EXPLAINED = (
    "claimed_citizenship",
    "voted",
    "owes_taxes",
    "nonresident_tax",
    "communist_party",
    "advocated_overthrow",
    "weapon_harm",
    "kidnapping",
    "threatened",
    "torture",
    "genocide",
    "killing",
    "injuring",
    "forced_sex",
    "religious_persecution",
    "persecution",
    "detention_work",
    "weapons_group",
    "weapons_training",
    "weapons_supply",
    "child_soldiers",
    "child_hostilities",
    "prostitution",
    "drugs",
    "marriage_fraud",
    "polygamy",
    "smuggling",
    "gambling",
    "failed_support",
    "benefit_fraud",
    "false_information",
    "lied_for_benefit",
    "removal_proceedings",
    "removed",
)
"""The questions whose yes is explained in words (the form's Part 14)."""


class Explanation(PageModel):
    """Explaining the yes answers."""

    explanation: str = long_text(
        N_("Tell us about each question you answered yes"),
        required=N_("Tell us about each question you answered yes"),
    )


CRIMES = said_yes("crime_not_arrested", "ever_arrested")


def crime_pages() -> tuple[Page, ...]:
    """Items 10 to 21, and the explanation of the yes answers."""
    return (
        Page("weapons", C, N_("Weapons"), Weapons),
        Page("weapons_use", C, N_("In that group"), WeaponsUse, said_yes("weapons_group")),
        Page("crimes", C, N_("Crimes, arrests and charges"), Crimes),
        Page(
            "offenses",
            C,
            N_("How many offenses?"),
            OffenseCount,
            CRIMES,
            documents=(
                needs(
                    DocumentType.COURT_RECORD,
                    N_(
                        "Certified arrest reports, court decisions and sentences, and proof you "
                        "completed any probation or parole (sealed or cleared records too)"
                    ),
                    N_("You told us about crimes, arrests or charges."),
                ),
            ),
        ),
        *numbered_pages(
            page_id="offense",
            section=C,
            title=N_("Offense %(n)s"),
            model=Offense,
            count="offenses_count",
            most=OFFENSES_MOST,
            noun=N_("Offense"),
            plural=N_("offenses"),
            when=CRIMES,
        ),
        Page("sentence", C, N_("Your sentence"), Sentence, CRIMES),
        Page(
            "conduct",
            C,
            N_("Your conduct"),
            Conduct,
            documents=(
                needs(
                    DocumentType.SUPPORT_PAYMENTS,
                    N_("The court's support order and proof of the payments you made"),
                    N_("You have not paid child support or alimony a court ordered."),
                    said_yes("failed_support"),
                ),
            ),
        ),
        Page("honesty", C, N_("Honesty with officials"), Honesty),
        Page(
            "removal",
            C,
            N_("Removal and deportation"),
            Removal,
            documents=(
                needs(
                    DocumentType.IMMIGRATION_COURT_RECORD,
                    N_("The immigration court's orders and any removal records"),
                    N_("You have been in removal proceedings, or removed."),
                    said_yes("removal_proceedings", "removed"),
                ),
            ),
        ),
        Page(
            "explanation",
            C,
            N_("About your yes answers"),
            Explanation,
            said_yes(*EXPLAINED),
            hint=N_("Say which question each part is about, what happened, when and where."),
        ),
    )
