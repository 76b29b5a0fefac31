"""I-130 Part 1 (the relationship) and the petitioner's citizenship or residence (Part 2,
items 36 to 41), with who may petition for whom."""

from __future__ import annotations

from immportal.domain.catalogue.common import APPLICANT
from immportal.domain.catalogue.fields import (
    PageModel,
    choice,
    day,
    text,
    us_state,
    yes_no,
)
from immportal.domain.catalogue.model import (
    Answers,
    Page,
    Section,
    all_of,
    answered,
    is_adult,
    today,
)
from immportal.i18n import N_

RELATIONSHIP = Section(
    "relationship", N_("Your relationship"), N_("Part 1: who you are petitioning for.")
)
STATUS = Section(
    "petitioner_status", N_("Your citizenship or residence"), N_("Part 2: your own status.")
)

RELATIONS = {
    "spouse": N_("My husband or wife"),
    "parent": N_("My mother or father"),
    "sibling": N_("My brother or sister"),
    "child": N_("My child"),
}
CHILD_RELATIONS = {
    "in_wedlock": N_("A child born while the parents were married"),
    "out_of_wedlock": N_("A child born when the parents were not married"),
    "stepchild": N_("A stepchild and stepparent"),
    "adopted": N_("An adopted child and adoptive parent"),
}
STATUSES = {
    "citizen": N_("I am a U.S. citizen"),
    "permanent_resident": N_("I am a lawful permanent resident (green card holder)"),
}
CITIZENSHIP_HOW = {
    "birth": N_("I was born in the United States"),
    "naturalization": N_("I became a citizen by naturalization"),
    "parents": N_("I became a citizen through my parents"),
}


class Relationship(PageModel):
    """Who you petition for."""

    relation: str = choice(
        N_("Who are you filing this petition for?"),
        RELATIONS,
        required=N_("Select who you are filing for"),
    )


class Child(PageModel):
    """How the child and parent are related."""

    child_relation: str = choice(
        N_("How are you and your relative related?"),
        CHILD_RELATIONS,
        required=N_("Select how you are related"),
        hint=N_(
            "From the child's side: for a petition for your mother or father, you are the child."
        ),
    )


class Sibling(PageModel):
    """How you and your brother or sister are related."""

    related_by_adoption: str = yes_no(
        N_("Are you and your brother or sister related by adoption?"),
        required=N_("Select yes if you are related by adoption"),
    )


class Adoption(PageModel):
    """Status through adoption."""

    status_through_adoption: str = yes_no(
        N_("Did you become a permanent resident or a citizen through adoption?"),
        required=N_("Select yes if you became a resident or citizen through adoption"),
    )


class Status(PageModel):
    """Your status."""

    status: str = choice(
        N_("Are you a U.S. citizen or a permanent resident?"),
        STATUSES,
        required=N_("Select your status"),
    )


class Citizenship(PageModel):
    """How you became a citizen."""

    citizenship_how: str = choice(
        N_("How did you become a U.S. citizen?"),
        CITIZENSHIP_HOW,
        required=N_("Select how you became a citizen"),
    )
    has_certificate: str = yes_no(
        N_("Do you have a certificate of naturalization or of citizenship?"),
        required=N_("Select yes if you have a certificate"),
    )


class Naturalization(PageModel):
    """Your certificate."""

    certificate_number: str = text(
        N_("Certificate number"),
        required=N_("Enter your certificate number"),
        hint=N_("Printed in red at the top right of the certificate."),
        max_length=12,
    )
    certificate_place: str = text(
        N_("Where was it issued?"),
        required=N_("Enter where it was issued"),
        hint=N_("City and state."),
    )
    naturalized_on: str = day(
        N_("Date it was issued"),
        noun=N_("The date of your certificate"),
        required=N_("Enter the date of your certificate"),
        when="past",
    )


class Residence(PageModel):
    """Your permanent residence."""

    admitted_on: str = day(
        N_("When did you become a permanent resident?"),
        noun=N_("The date you became a permanent resident"),
        required=N_("Enter the date you became a permanent resident"),
        hint=N_("The 'Resident since' date on your card."),
        when="past",
    )
    class_of_admission: str = text(
        N_("Class of admission"),
        required=N_("Enter your class of admission"),
        hint=N_("The 'Category' on your card, for example IR1."),
        max_length=10,
    )
    admission_city: str = text(
        N_("City or town where you were admitted or adjusted"),
        required=N_("Enter where you were admitted"),
    )
    admission_state: str = us_state(N_("State"), required=N_("Select the state"))
    through_marriage: str = yes_no(
        N_("Did you become a permanent resident through marriage to a U.S. citizen or resident?"),
        required=N_("Select yes if you became a resident through marriage"),
    )


def relationship_pages() -> tuple[Page, ...]:
    """Part 1."""
    return (
        Page("relationship", RELATIONSHIP.id, N_("Who are you filing for?"), Relationship),
        Page(
            "child",
            RELATIONSHIP.id,
            N_("How are you related?"),
            Child,
            answered(RELATIONSHIP.id, "relation", "child", "parent"),
        ),
        Page(
            "sibling",
            RELATIONSHIP.id,
            N_("About your brother or sister"),
            Sibling,
            answered(RELATIONSHIP.id, "relation", "sibling"),
        ),
        Page("adoption", RELATIONSHIP.id, N_("Adoption"), Adoption),
    )


def status_pages() -> tuple[Page, ...]:
    """Items 36 to 41."""
    citizen = answered(STATUS.id, "status", "citizen")
    return (
        Page("status", STATUS.id, N_("Your status"), Status),
        Page("citizenship", STATUS.id, N_("How did you become a citizen?"), Citizenship, citizen),
        Page(
            "naturalization",
            STATUS.id,
            N_("Your certificate"),
            Naturalization,
            all_of(citizen, answered(STATUS.id, "has_certificate", "yes")),
        ),
        Page(
            "residence",
            STATUS.id,
            N_("Your permanent residence"),
            Residence,
            answered(STATUS.id, "status", "permanent_resident"),
        ),
    )


def who_may_petition(answers: Answers) -> str | None:
    """Only a citizen may petition for a parent or a sibling, and only once 21 (INA 201(b))."""
    relation = answers.get(RELATIONSHIP.id, {}).get("relation")
    status = answers.get(STATUS.id, {}).get("status")
    if relation not in ("parent", "sibling"):
        return None
    if status == "permanent_resident":
        return N_(
            "A permanent resident cannot file for a parent, brother or sister. "
            "Only U.S. citizens can."
        )
    born = answers.get(APPLICANT.id, {}).get("date_of_birth")
    if status == "citizen" and isinstance(born, str) and not is_adult(born, 21, today()):
        return N_("You must be at least 21 years old to file for a parent, brother or sister.")
    return None
