"""I-130 Part 4 about the relative: identity, addresses and contact, marriages, family."""

from __future__ import annotations

from immportal.domain.catalogue.common import SEX, Address, Numbers, other_names_pages
from immportal.domain.catalogue.entries import numbered_pages, of, prefixed
from immportal.domain.catalogue.fields import (
    PageModel,
    choice,
    country,
    day,
    email,
    number,
    person_name,
    phone,
    text,
    us_state,
    yes_no,
    zip_code,
)
from immportal.domain.catalogue.i130.marital import RELATIVE, marital_pages
from immportal.domain.catalogue.model import Page, Section, all_of, answered, not_
from immportal.domain.catalogue.words import composed
from immportal.domain.identifiers.countries import UNITED_STATES
from immportal.i18n import N_

BENEFICIARY = Section(
    "beneficiary", N_("About your relative"), N_("Part 4: the relative who will immigrate.")
)
PETITIONED = {"yes": N_("Yes"), "no": N_("No"), "unknown": N_("We do not know")}
FAMILY_MOST = 5


class RelativeName(PageModel):
    """Your relative's name."""

    given_name: str = person_name(
        N_("Their given name (first name)"), required=N_("Enter their given name")
    )
    middle_name: str | None = person_name(N_("Their middle name (if any)"), required=None)
    family_name: str = person_name(
        N_("Their family name (last name)"), required=N_("Enter their family name")
    )


class RelativeBirth(PageModel):
    """Your relative's birth."""

    date_of_birth: str = day(
        N_("Their date of birth"),
        noun=N_("Their date of birth"),
        required=N_("Enter their date of birth"),
        when="past",
    )
    birth_city: str = text(
        N_("City, town or village of birth"), required=N_("Enter where they were born")
    )
    country_of_birth: str = country(
        N_("Their country of birth"), required=N_("Select their country of birth")
    )
    sex: str = choice(N_("Their sex"), SEX, required=N_("Select their sex"))


class Petitioned(PageModel):
    """Earlier petitions for your relative."""

    petitioned_before: str = choice(
        N_("Has anyone else ever filed a petition for your relative?"),
        PETITIONED,
        required=N_("Select whether anyone filed a petition for your relative before"),
        hint=N_("Choose 'We do not know' only if neither of you knows."),
    )


class UsAddress(PageModel):
    """An address in the United States."""

    line1: str = text(N_("Street address"), required=N_("Enter the street address"), max_length=200)
    line2: str | None = text(N_("Apartment, suite or unit"), required=None, max_length=200)
    city: str = text(N_("City or town"), required=N_("Enter the city or town"))
    state: str = us_state(N_("State"), required=N_("Select the state"))
    zip: str = zip_code(N_("ZIP code"), required=N_("Enter the ZIP code"))


class AddressAbroad(PageModel):
    """Whether your relative has an address abroad."""

    has_address_abroad: str = yes_no(
        N_("Does your relative also have an address outside the United States?"),
        required=N_("Select yes if they have an address outside the United States"),
    )


class RelativeContact(PageModel):
    """How to reach your relative."""

    relative_phone: str | None = phone(N_("Their daytime telephone number (if any)"), required=None)
    relative_mobile_phone: str | None = phone(N_("Their mobile phone (if any)"), required=None)
    relative_email: str | None = email(N_("Their email address (if any)"), required=None)


class FamilyCount(PageModel):
    """Your relative's husband or wife and children."""

    family_count: int = number(
        N_("How many children, and husband or wife, does your relative have?"),
        noun=N_("The number of family members"),
        required=N_("Enter the number of family members, or 0"),
        hint=N_("Their husband or wife now, and all their children, of any age."),
        most=30,
    )


class FamilyMember(PageModel):
    """A member of your relative's family."""

    given_name: str = person_name(N_("Given name"), required=N_("Enter their given name"))
    family_name: str = person_name(N_("Family name"), required=N_("Enter their family name"))
    relationship: str = text(
        N_("Relationship to your relative"),
        required=N_("Enter the relationship"),
        hint=N_("For example, wife, son or daughter."),
        max_length=30,
    )
    date_of_birth: str = day(
        N_("Date of birth"),
        noun=N_("Their date of birth"),
        required=N_("Enter their date of birth"),
        when="past",
    )
    birth_country: str = country(
        N_("Country of birth"), required=N_("Select their country of birth")
    )


def identity_pages() -> tuple[Page, ...]:
    """Name, other names, birth, numbers and earlier petitions."""
    return (
        Page("relative_name", BENEFICIARY.id, N_("What is your relative's name?"), RelativeName),
        *other_names_pages(BENEFICIARY.id, prefix="relative_", whose=N_("your relative")),
        Page(
            "relative_birth",
            BENEFICIARY.id,
            N_("When and where was your relative born?"),
            RelativeBirth,
        ),
        Page(
            "relative_numbers",
            BENEFICIARY.id,
            N_("Your relative's numbers"),
            Numbers,
            hint=N_("Leave a box empty if they were never given that number."),
        ),
        Page("relative_petitions", BENEFICIARY.id, N_("Earlier petitions"), Petitioned),
    )


def address_pages() -> tuple[Page, ...]:
    """Where your relative lives, will live and can be reached."""
    in_us = answered(BENEFICIARY.id, "relative_country", UNITED_STATES)
    abroad_too = all_of(in_us, answered(BENEFICIARY.id, "has_address_abroad", "yes"))
    return (
        Page(
            "relative_address",
            BENEFICIARY.id,
            N_("Where does your relative live?"),
            prefixed(Address, "relative", of(N_("Their"))),
        ),
        Page(
            "relative_us_address",
            BENEFICIARY.id,
            N_("Where will your relative live in the United States?"),
            prefixed(
                UsAddress,
                "intended",
                lambda label: composed(N_("%(label)s in the United States"), label=label),
            ),
            all_of(
                not_(in_us), lambda answers: "relative_country" in answers.get(BENEFICIARY.id, {})
            ),
        ),
        Page(
            "relative_abroad",
            BENEFICIARY.id,
            N_("Your relative's address abroad"),
            AddressAbroad,
            in_us,
        ),
        Page(
            "relative_abroad_address",
            BENEFICIARY.id,
            N_("What is their address outside the United States?"),
            prefixed(
                Address, "abroad", lambda label: composed(N_("%(label)s abroad"), label=label)
            ),
            abroad_too,
        ),
        Page("relative_contact", BENEFICIARY.id, N_("How to reach your relative"), RelativeContact),
    )


def family_pages() -> tuple[Page, ...]:
    """Your relative's marriages, husband or wife and children."""
    return (
        *marital_pages(BENEFICIARY.id, RELATIVE),
        Page("relative_family", BENEFICIARY.id, N_("Your relative's family"), FamilyCount),
        *numbered_pages(
            page_id="family_member",
            section=BENEFICIARY.id,
            title=N_("Family member %(n)s"),
            model=FamilyMember,
            count="family_count",
            most=FAMILY_MOST,
            noun=N_("Family member"),
            plural=N_("family members"),
        ),
    )
