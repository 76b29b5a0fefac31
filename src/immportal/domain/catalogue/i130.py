"""Form I-130, Petition for Alien Relative: you (the petitioner) and your relative."""

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
    country,
    day,
    i94_number,
    person_name,
    text,
    yes_no,
)
from immportal.domain.catalogue.model import (
    Answers,
    Form,
    Page,
    Section,
    all_of,
    answered,
    is_adult,
    today,
)
from immportal.domain.catalogue.rules import dates_in_order

RELATIONSHIP = Section("relationship", "Your relationship", "Part 1: who you are petitioning for.")
STATUS = Section("petitioner_status", "Your citizenship or residence", "Part 2: your own status.")
BENEFICIARY = Section(
    "beneficiary", "About your relative", "Part 4: the relative who will immigrate."
)

RELATIONS = {
    "spouse": "My husband or wife",
    "parent": "My mother or father",
    "sibling": "My brother or sister",
    "child": "My child",
}
CHILD_RELATIONS = {
    "in_wedlock": "My child, born while the parents were married",
    "out_of_wedlock": "My child, born when the parents were not married",
    "stepchild": "My stepchild",
    "adopted": "My adopted child",
}
STATUSES = {
    "citizen": "I am a U.S. citizen",
    "permanent_resident": "I am a lawful permanent resident (green card holder)",
}
CITIZENSHIP_HOW = {
    "birth": "I was born in the United States",
    "naturalization": "I became a citizen by naturalization",
    "parents": "I became a citizen through my parents",
}


class Relationship(PageModel):
    """Who you petition for."""

    relation: str = choice(
        "Who are you filing this petition for?", RELATIONS, required="Select who you are filing for"
    )


class Marriage(PageModel):
    """Your marriage."""

    married_on: str = day(
        "When did you marry?",
        noun="Date of marriage",
        required="Enter your date of marriage",
        when="past",
    )
    married_where: str = text(
        "Where did you marry?",
        required="Enter where you married",
        hint="City or town, and country.",
    )
    spouse_married_before: str = yes_no(
        "Was your husband or wife married before?",
        required="Select yes if they were married before",
    )


class Child(PageModel):
    """How the child is related to you."""

    child_relation: str = choice(
        "How is the child related to you?",
        CHILD_RELATIONS,
        required="Select how the child is related to you",
    )


class Sibling(PageModel):
    """How you and your brother or sister are related."""

    related_by_adoption: str = yes_no(
        "Are you and your brother or sister related by adoption?",
        required="Select yes if you are related by adoption",
    )


class Status(PageModel):
    """Your status."""

    status: str = choice(
        "Are you a U.S. citizen or a permanent resident?", STATUSES, required="Select your status"
    )


class Citizenship(PageModel):
    """How you became a citizen."""

    citizenship_how: str = choice(
        "How did you become a U.S. citizen?",
        CITIZENSHIP_HOW,
        required="Select how you became a citizen",
    )


class Naturalization(PageModel):
    """Your naturalization certificate."""

    certificate_number: str = text(
        "Naturalization certificate number",
        required="Enter your certificate number",
        hint="Printed in red at the top right of the certificate.",
        max_length=12,
    )
    naturalized_on: str = day(
        "Date of naturalization",
        noun="Date of naturalization",
        required="Enter your date of naturalization",
        when="past",
    )


class Residence(PageModel):
    """Your permanent residence."""

    admitted_on: str = day(
        "When did you become a permanent resident?",
        noun="The date you became a permanent resident",
        required="Enter the date you became a permanent resident",
        hint="The 'Resident since' date on your card.",
        when="past",
    )
    class_of_admission: str = text(
        "Class of admission",
        required="Enter your class of admission",
        hint="The 'Category' on your card, for example IR1.",
        max_length=10,
    )


class RelativeName(PageModel):
    """Your relative's name."""

    given_name: str = person_name(
        "Their given name (first name)", required="Enter their given name"
    )
    family_name: str = person_name(
        "Their family name (last name)", required="Enter their family name"
    )


class RelativeBirth(PageModel):
    """Your relative's birth."""

    date_of_birth: str = day(
        "Their date of birth",
        noun="Their date of birth",
        required="Enter their date of birth",
        when="past",
    )
    country_of_birth: str = country(
        "Their country of birth", required="Select their country of birth"
    )


class RelativeInUs(PageModel):
    """Whether your relative is here."""

    in_united_states: str = yes_no(
        "Is your relative in the United States now?",
        required="Select yes if they are in the United States",
    )


class RelativeArrival(PageModel):
    """Your relative's last arrival."""

    arrived_on: str = day(
        "When did they last arrive?",
        noun="Date of their last arrival",
        required="Enter the date they last arrived",
        when="past",
    )
    i94_number: str = i94_number(
        "Their I-94 arrival-departure record number", required="Enter their I-94 number"
    )


def who_may_petition(answers: Answers) -> str | None:
    """Only a citizen may petition for a parent or a sibling, and only once 21 (INA 201(b))."""
    relation = answers.get(RELATIONSHIP.id, {}).get("relation")
    status = answers.get(STATUS.id, {}).get("status")
    if relation not in ("parent", "sibling"):
        return None
    if status == "permanent_resident":
        return (
            "A permanent resident cannot file for a parent, brother or sister. "
            "Only U.S. citizens can."
        )
    born = answers.get(APPLICANT.id, {}).get("date_of_birth")
    if status == "citizen" and isinstance(born, str) and not is_adult(born, 21, today()):
        return "You must be at least 21 years old to file for a parent, brother or sister."
    return None


FORM = Form(
    FormType.I130,
    sections=(APPLICANT, CONTACT, RELATIONSHIP, STATUS, BENEFICIARY),
    pages=(
        *about_you_pages(),
        *contact_pages(),
        Page("relationship", RELATIONSHIP.id, "Who are you filing for?", Relationship),
        Page(
            "marriage",
            RELATIONSHIP.id,
            "About your marriage",
            Marriage,
            answered(RELATIONSHIP.id, "relation", "spouse"),
        ),
        Page(
            "child",
            RELATIONSHIP.id,
            "How is the child related to you?",
            Child,
            answered(RELATIONSHIP.id, "relation", "child"),
        ),
        Page(
            "sibling",
            RELATIONSHIP.id,
            "About your brother or sister",
            Sibling,
            answered(RELATIONSHIP.id, "relation", "sibling"),
        ),
        Page("status", STATUS.id, "Your status", Status),
        Page(
            "citizenship",
            STATUS.id,
            "How did you become a citizen?",
            Citizenship,
            answered(STATUS.id, "status", "citizen"),
        ),
        Page(
            "naturalization",
            STATUS.id,
            "Your naturalization certificate",
            Naturalization,
            all_of(
                answered(STATUS.id, "status", "citizen"),
                answered(STATUS.id, "citizenship_how", "naturalization"),
            ),
        ),
        Page(
            "residence",
            STATUS.id,
            "Your permanent residence",
            Residence,
            answered(STATUS.id, "status", "permanent_resident"),
        ),
        Page("relative_name", BENEFICIARY.id, "What is your relative's name?", RelativeName),
        Page(
            "relative_birth",
            BENEFICIARY.id,
            "When and where was your relative born?",
            RelativeBirth,
        ),
        Page(
            "relative_in_us", BENEFICIARY.id, "Is your relative in the United States?", RelativeInUs
        ),
        Page(
            "relative_arrival",
            BENEFICIARY.id,
            "Your relative's last arrival",
            RelativeArrival,
            answered(BENEFICIARY.id, "in_united_states", "yes"),
        ),
    ),
    summary=(
        "Ask for your husband or wife, child, parent, brother or sister "
        "to live in the United States."
    ),
    rules=(
        who_may_petition,
        dates_in_order(
            (BENEFICIARY.id, "date_of_birth"),
            (BENEFICIARY.id, "arrived_on"),
            "The date your relative last arrived must be after their date of birth",
        ),
    ),
)
