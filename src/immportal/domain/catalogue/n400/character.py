"""N-400 Part 9, items 1 to 9: claims, taxes, groups, violence, harm, armed service; and
the yes-or-no question every item of Part 9 is. "Ever" means anywhere in the world, at any
time."""

from __future__ import annotations

from typing import Any

from immportal.domain.catalogue.fields import PageModel, long_text
from immportal.domain.catalogue.fields import yes_no as _yes_no
from immportal.domain.catalogue.model import (
    Condition,
    Page,
    Section,
    answered,
    any_of,
    needs,
)
from immportal.domain.catalogue.words import composed
from immportal.domain.evidence.document_kinds import DocumentType
from immportal.i18n import N_

CHARACTER = Section(
    "character", N_("Additional questions"), N_("Part 9: questions every applicant answers.")
)
C = CHARACTER.id
_TOOK_PART = N_("Have you ever ordered, encouraged, committed, helped or taken part in")


def yes_no(label: str, about: str, hint: str = "") -> Any:
    """A yes-or-no question whose message says what yes means."""
    return _yes_no(label, required=composed(N_("Select yes if %(about)s"), about=about), hint=hint)


def said_yes(*names: str) -> Condition:
    """A condition: any of the section's questions was answered yes."""
    return any_of(*(answered(C, name, "yes") for name in names))


class Claims(PageModel):
    """Claims to citizenship and voting."""

    claimed_citizenship: str = yes_no(
        N_("Have you ever claimed to be a U.S. citizen (in writing or any other way)?"),
        N_("you have ever claimed to be a U.S. citizen"),
    )
    voted: str = yes_no(
        N_(
            "Have you ever voted or registered to vote in any federal, state or local "
            "election in the United States?"
        ),
        N_("you have ever voted or registered to vote"),
    )


class Taxes(PageModel):
    """Taxes."""

    owes_taxes: str = yes_no(
        N_("Do you owe any overdue federal, state or local taxes?"), N_("you owe overdue taxes")
    )
    nonresident_tax: str = yes_no(
        N_(
            "Since you became a permanent resident, have you called yourself a nonresident "
            "on a tax return, or not filed one because you thought you were a nonresident?"
        ),
        N_("you called yourself a nonresident for taxes"),
    )


class Groups(PageModel):
    """Political groups."""

    communist_party: str = yes_no(
        N_(
            "Have you ever been a member of, involved with or associated with a Communist or "
            "totalitarian party, anywhere?"
        ),
        N_("you have been part of a Communist or totalitarian party"),
    )
    advocated_overthrow: str = yes_no(
        N_(
            "Have you ever supported, or belonged to a group that supported, overthrowing the "
            "U.S. government by force, opposing all organized government, world communism, "
            "killing or assaulting government officials, damaging property unlawfully, or "
            "sabotage?"
        ),
        N_("you have supported any of these"),
    )


class Violence(PageModel):
    """Violence and terrorism."""

    weapon_harm: str = yes_no(
        N_(
            "Have you ever used a weapon or explosive intending to hurt "
            "someone or to damage property?"
        ),
        N_("you have used a weapon or explosive to hurt someone or damage property"),
    )
    kidnapping: str = yes_no(
        N_(
            "Have you ever taken part in a kidnapping, an assassination, or the hijacking or "
            "sabotage of a plane, ship or vehicle?"
        ),
        N_("you have taken part in any of these"),
    )
    threatened: str = yes_no(
        N_(
            "Have you ever threatened, tried, conspired, prepared, planned, encouraged or "
            "incited anyone to do those things?"
        ),
        N_("you have threatened or planned any of these"),
    )


class Harm(PageModel):
    """Harming people."""

    torture: str = yes_no(
        composed(N_("%(took_part)s torture?"), took_part=_TOOK_PART),
        N_("you have taken part in torture"),
    )
    genocide: str = yes_no(
        composed(N_("%(took_part)s genocide?"), took_part=_TOOK_PART),
        N_("you have taken part in genocide"),
    )
    killing: str = yes_no(
        composed(N_("%(took_part)s killing, or trying to kill, any person?"), took_part=_TOOK_PART),
        N_("you have taken part in a killing"),
    )
    injuring: str = yes_no(
        composed(
            N_("%(took_part)s badly hurting, or trying to hurt, any person on purpose?"),
            took_part=_TOOK_PART,
        ),
        N_("you have taken part in badly hurting someone"),
    )
    forced_sex: str = yes_no(
        composed(
            N_("%(took_part)s sexual contact with anyone who did not or could not agree to it?"),
            took_part=_TOOK_PART,
        ),
        N_("you have taken part in sexual contact without consent"),
    )
    religious_persecution: str = yes_no(
        composed(
            N_("%(took_part)s stopping anyone from practicing their religion?"),
            took_part=_TOOK_PART,
        ),
        N_("you have taken part in stopping someone from practicing their religion"),
    )
    persecution: str = yes_no(
        composed(
            N_(
                "%(took_part)s harming anyone because of their race, religion, nationality, "
                "social group or political opinion?"
            ),
            took_part=_TOOK_PART,
        ),
        N_("you have taken part in harming someone for who they are"),
    )


class ArmedService(PageModel):
    """Armed groups and detention."""

    military_unit: str = yes_no(
        N_(
            "Have you ever served in, been a member of, helped or taken part in any military or "
            "police unit, anywhere?"
        ),
        N_("you have served in or helped a military or police unit"),
    )
    armed_group: str = yes_no(
        N_(
            "Have you ever served in, been a member of, helped or taken part in any armed group "
            "(a paramilitary, self-defense, vigilante, rebel or guerrilla group)?"
        ),
        N_("you have served in or helped an armed group"),
    )
    detention_work: str = yes_no(
        N_(
            "Have you ever worked, volunteered or served where people were detained (a prison, "
            "jail, camp or detention facility), or directed or taken part in detaining people?"
        ),
        N_("you have worked where people were detained, or detained people"),
    )


class ArmedDetails(PageModel):
    """Where you served."""

    armed_details: str = long_text(
        N_("For each unit or group: the country, its name, your rank or position, and the dates"),
        required=N_("Tell us about each unit or group"),
    )


def character_pages() -> tuple[Page, ...]:
    """Items 1 to 9."""
    return (
        Page("claims", C, N_("Citizenship claims and voting"), Claims),
        Page(
            "taxes",
            C,
            N_("Taxes"),
            Taxes,
            documents=(
                needs(
                    DocumentType.TAX_RETURN,
                    N_(
                        "Your tax transcripts for the last 5 years, and any agreement to pay what "
                        "you owe"
                    ),
                    N_("You owe taxes, or called yourself a nonresident for taxes."),
                    said_yes("owes_taxes", "nonresident_tax"),
                ),
            ),
        ),
        Page("groups", C, N_("Political groups"), Groups),
        Page("violence", C, N_("Violence"), Violence),
        Page("harm", C, N_("Harming people"), Harm),
        Page("armed_service", C, N_("Military, police and armed groups"), ArmedService),
        Page(
            "armed_details",
            C,
            N_("About your service"),
            ArmedDetails,
            said_yes("military_unit", "armed_group"),
        ),
    )
