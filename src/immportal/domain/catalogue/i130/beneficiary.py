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
from immportal.domain.identifiers.countries import UNITED_STATES

BENEFICIARY = Section(
    "beneficiary", "About your relative", "Part 4: the relative who will immigrate."
)
PETITIONED = {"yes": "Yes", "no": "No", "unknown": "We do not know"}
FAMILY_MOST = 5


class RelativeName(PageModel):
    """Your relative's name."""

    given_name: str = person_name(
        "Their given name (first name)", required="Enter their given name"
    )
    middle_name: str | None = person_name("Their middle name (if any)", required=None)
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
    birth_city: str = text("City, town or village of birth", required="Enter where they were born")
    country_of_birth: str = country(
        "Their country of birth", required="Select their country of birth"
    )
    sex: str = choice("Their sex", SEX, required="Select their sex")


class Petitioned(PageModel):
    """Earlier petitions for your relative."""

    petitioned_before: str = choice(
        "Has anyone else ever filed a petition for your relative?",
        PETITIONED,
        required="Select whether anyone filed a petition for your relative before",
        hint="Choose 'We do not know' only if neither of you knows.",
    )


class UsAddress(PageModel):
    """An address in the United States."""

    line1: str = text("Street address", required="Enter the street address", max_length=200)
    line2: str | None = text("Apartment, suite or unit", required=None, max_length=200)
    city: str = text("City or town", required="Enter the city or town")
    state: str = us_state("State", required="Select the state")
    zip: str = zip_code("ZIP code", required="Enter the ZIP code")


class AddressAbroad(PageModel):
    """Whether your relative has an address abroad."""

    has_address_abroad: str = yes_no(
        "Does your relative also have an address outside the United States?",
        required="Select yes if they have an address outside the United States",
    )


class RelativeContact(PageModel):
    """How to reach your relative."""

    relative_phone: str | None = phone("Their daytime telephone number (if any)", required=None)
    relative_mobile_phone: str | None = phone("Their mobile phone (if any)", required=None)
    relative_email: str | None = email("Their email address (if any)", required=None)


class FamilyCount(PageModel):
    """Your relative's husband or wife and children."""

    family_count: int = number(
        "How many children, and husband or wife, does your relative have?",
        noun="The number of family members",
        required="Enter the number of family members, or 0",
        hint="Their husband or wife now, and all their children, of any age.",
        most=30,
    )


class FamilyMember(PageModel):
    """A member of your relative's family."""

    given_name: str = person_name("Given name", required="Enter their given name")
    family_name: str = person_name("Family name", required="Enter their family name")
    relationship: str = text(
        "Relationship to your relative",
        required="Enter the relationship",
        hint="For example, wife, son or daughter.",
        max_length=30,
    )
    date_of_birth: str = day(
        "Date of birth",
        noun="Their date of birth",
        required="Enter their date of birth",
        when="past",
    )
    birth_country: str = country("Country of birth", required="Select their country of birth")


def identity_pages() -> tuple[Page, ...]:
    """Name, other names, birth, numbers and earlier petitions."""
    return (
        Page("relative_name", BENEFICIARY.id, "What is your relative's name?", RelativeName),
        *other_names_pages(BENEFICIARY.id, prefix="relative_", whose="your relative"),
        Page(
            "relative_birth",
            BENEFICIARY.id,
            "When and where was your relative born?",
            RelativeBirth,
        ),
        Page(
            "relative_numbers",
            BENEFICIARY.id,
            "Your relative's numbers",
            Numbers,
            hint="Leave a box empty if they were never given that number.",
        ),
        Page("relative_petitions", BENEFICIARY.id, "Earlier petitions", Petitioned),
    )


def address_pages() -> tuple[Page, ...]:
    """Where your relative lives, will live and can be reached."""
    in_us = answered(BENEFICIARY.id, "relative_country", UNITED_STATES)
    abroad_too = all_of(in_us, answered(BENEFICIARY.id, "has_address_abroad", "yes"))
    return (
        Page(
            "relative_address",
            BENEFICIARY.id,
            "Where does your relative live?",
            prefixed(Address, "relative", of("Their")),
        ),
        Page(
            "relative_us_address",
            BENEFICIARY.id,
            "Where will your relative live in the United States?",
            prefixed(UsAddress, "intended", lambda label: f"{label} in the United States"),
            all_of(
                not_(in_us), lambda answers: "relative_country" in answers.get(BENEFICIARY.id, {})
            ),
        ),
        Page(
            "relative_abroad",
            BENEFICIARY.id,
            "Your relative's address abroad",
            AddressAbroad,
            in_us,
        ),
        Page(
            "relative_abroad_address",
            BENEFICIARY.id,
            "What is their address outside the United States?",
            prefixed(Address, "abroad", lambda label: f"{label} abroad"),
            abroad_too,
        ),
        Page("relative_contact", BENEFICIARY.id, "How to reach your relative", RelativeContact),
    )


def family_pages() -> tuple[Page, ...]:
    """Your relative's marriages, husband or wife and children."""
    return (
        *marital_pages(BENEFICIARY.id, RELATIVE),
        Page("relative_family", BENEFICIARY.id, "Your relative's family", FamilyCount),
        *numbered_pages(
            page_id="family_member",
            section=BENEFICIARY.id,
            title="Family member {n}",
            model=FamilyMember,
            count="family_count",
            most=FAMILY_MOST,
            noun="Family member",
            plural="family members",
        ),
    )
