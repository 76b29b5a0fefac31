"""N-400 Part 9, items 22 to 37: Selective Service, military service, titles of nobility
and the oath of allegiance."""

from __future__ import annotations

from immportal.domain.catalogue.fields import PageModel, day, long_text, text
from immportal.domain.catalogue.model import Page, all_of, answered, any_of, needs
from immportal.domain.catalogue.n400.character import CHARACTER, said_yes, yes_no
from immportal.domain.evidence.document_kinds import DocumentType
from immportal.i18n import N_

C = CHARACTER.id
OATH_QUESTIONS = (
    "supports_constitution",
    "understands_oath",
    "willing_oath",
    "bear_arms",
    "noncombatant",
    "national_importance",
)


class SelectiveService(PageModel):
    """Selective Service."""

    male_18_to_26: str = yes_no(
        N_(
            "Are you a man who lived in the United States at any time between your 18th and "
            "26th birthdays?"
        ),
        N_("you are a man who lived here between 18 and 26"),
        hint=N_("Answer no if you were in lawful nonimmigrant status all that time."),
    )


class Registered(PageModel):
    """Whether you registered."""

    registered: str = yes_no(
        N_("Did you register for the Selective Service?"),
        N_("you registered for the Selective Service"),
    )


class Registration(PageModel):
    """Your registration."""

    selective_service_number: str = text(
        N_("Selective Service number"),
        required=N_("Enter your Selective Service number"),
        max_length=20,
    )
    registered_on: str = day(
        N_("Date you registered"),
        noun=N_("The date you registered"),
        required=N_("Enter the date you registered"),
        when="past",
    )


class Military(PageModel):
    """Military service."""

    avoided_draft: str = yes_no(
        N_(
            "Have you ever left the United States to avoid being drafted "
            "into the U.S. armed forces?"
        ),
        N_("you left to avoid the draft"),
    )
    military_exemption: str = yes_no(
        N_(
            "Have you ever applied for any kind of exemption from military service in the U.S. "
            "armed forces?"
        ),
        N_("you applied for an exemption from military service"),
    )
    served_military: str = yes_no(
        N_("Have you ever served in the U.S. armed forces?"),
        N_("you have served in the U.S. armed forces"),
    )


class MilitaryService(PageModel):
    """Your U.S. military service."""

    current_member: str = yes_no(
        N_("Are you a current member of the U.S. armed forces?"),
        N_("you are a current member of the U.S. armed forces"),
    )
    discharged_as_alien: str = yes_no(
        N_("Were you ever discharged from training or service because you were an alien?"),
        N_("you were discharged because you were an alien"),
    )
    court_martialed: str = yes_no(
        N_(
            "Have you ever been court-martialed, or given an other than honorable, bad conduct "
            "or dishonorable discharge?"
        ),
        N_("you were court-martialed or discharged that way"),
    )
    deserted: str = yes_no(
        N_("Have you ever deserted from the U.S. armed forces?"), N_("you deserted")
    )


class Serving(PageModel):
    """While you serve."""

    deploying: str = yes_no(
        N_(
            "Are you scheduled to deploy outside the United States, or to a ship, within the "
            "next 3 months?"
        ),
        N_("you will deploy within 3 months"),
    )
    stationed_abroad: str = yes_no(
        N_("Are you stationed outside the United States now?"), N_("you are stationed abroad")
    )


class FormerMember(PageModel):
    """After you served."""

    former_abroad: str = yes_no(
        N_("Are you a former member of the U.S. armed forces living outside the United States?"),
        N_("you are a former member living abroad"),
    )


class Titles(PageModel):
    """Titles of nobility."""

    hereditary_title: str = yes_no(
        N_(
            "Do you have, or have you ever had, a hereditary title or an order of nobility in "
            "any foreign country?"
        ),
        N_("you have or had a hereditary title"),
    )


class TitleDetails(PageModel):
    """Giving up titles."""

    renounce_title: str = yes_no(
        N_("Are you willing to give up your titles at your naturalization ceremony?"),
        N_("you are willing to give up your titles"),
    )
    titles: str = text(N_("Which titles?"), required=N_("Enter your titles"), max_length=300)


class Oath(PageModel):
    """The oath of allegiance."""

    supports_constitution: str = yes_no(
        N_("Do you support the Constitution and form of government of the United States?"),
        N_("you support the Constitution"),
    )
    understands_oath: str = yes_no(
        N_("Do you understand the full Oath of Allegiance to the United States?"),
        N_("you understand the oath"),
    )
    oath_disability: str = yes_no(
        N_(
            "Are you unable to take the oath because of a physical or developmental disability, "
            "or a mental impairment?"
        ),
        N_("a disability stops you from taking the oath"),
    )


class Willing(PageModel):
    """What you are willing to do."""

    willing_oath: str = yes_no(
        N_("Are you willing to take the full Oath of Allegiance to the United States?"),
        N_("you are willing to take the oath"),
    )
    bear_arms: str = yes_no(
        N_("If the law requires it, are you willing to bear arms on behalf of the United States?"),
        N_("you are willing to bear arms"),
    )
    noncombatant: str = yes_no(
        N_(
            "If the law requires it, are you willing to do noncombatant service in the U.S. "
            "armed forces?"
        ),
        N_("you are willing to do noncombatant service"),
    )
    national_importance: str = yes_no(
        N_(
            "If the law requires it, are you willing to do work of national importance under "
            "civilian direction?"
        ),
        N_("you are willing to do work of national importance"),
    )


class OathDetails(PageModel):
    """Explaining a no."""

    oath_explanation: str = long_text(
        N_("Tell us why you answered no"), required=N_("Tell us why you answered no")
    )


def oath_pages() -> tuple[Page, ...]:
    """Items 22 to 37."""
    male = answered(C, "male_18_to_26", "yes")
    served = answered(C, "served_military", "yes")
    able = answered(C, "oath_disability", "no")
    said_no = any_of(
        *(answered(C, name, "no") for name in OATH_QUESTIONS[:2]),
        all_of(able, any_of(*(answered(C, name, "no") for name in OATH_QUESTIONS[2:]))),
    )
    return (
        Page("selective_service", C, N_("Selective Service"), SelectiveService),
        Page(
            "registered",
            C,
            N_("Your Selective Service registration"),
            Registered,
            male,
            documents=(
                needs(
                    DocumentType.SELECTIVE_SERVICE,
                    N_(
                        "Proof of your Selective Service registration, or a status information "
                        "letter if you did not register"
                    ),
                    N_("You are a man who lived here between 18 and 26."),
                ),
            ),
        ),
        Page(
            "registration",
            C,
            N_("Your Selective Service number"),
            Registration,
            all_of(male, answered(C, "registered", "yes")),
        ),
        Page("military", C, N_("Military service"), Military),
        Page("military_service", C, N_("Your U.S. military service"), MilitaryService, served),
        Page(
            "serving",
            C,
            N_("While you serve"),
            Serving,
            all_of(served, answered(C, "current_member", "yes")),
        ),
        Page(
            "former_member",
            C,
            N_("After you served"),
            FormerMember,
            all_of(served, answered(C, "current_member", "no")),
        ),
        Page("titles", C, N_("Titles of nobility"), Titles),
        Page("title_details", C, N_("Your titles"), TitleDetails, said_yes("hereditary_title")),
        Page("oath", C, N_("The Oath of Allegiance"), Oath),
        Page("willing", C, N_("What you are willing to do"), Willing, able),
        Page("oath_details", C, N_("About your answers on the oath"), OathDetails, said_no),
    )
