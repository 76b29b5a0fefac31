"""The sections every form starts with: about the applicant, and how to contact them."""

from __future__ import annotations

from immportal.domain.catalogue.fields import (
    PageModel,
    country,
    day,
    email,
    person_name,
    phone,
    postal_code,
    region,
    text,
)
from immportal.domain.catalogue.model import Page, Section

APPLICANT = Section(
    "applicant", "About you", "Your name and date of birth, exactly as on your documents."
)
CONTACT = Section("contact", "Your contact details", "How we reach you about your application.")

DECLARATION = (
    "I certify, under penalty of perjury, that all of the information in my application and "
    "any document submitted with it were provided or authorized by me, that I reviewed and "
    "understand all of the information in my application, and that all of this information "
    "is complete, true, and correct."
)
"""The applicant's statement each form ends with, confirmed on the declaration page."""


class YourName(PageModel):
    """Your full legal name."""

    given_name: str = person_name(
        "Given name (first name)",
        required="Enter your given name",
        hint="Use the name on your passport or permanent resident card.",
    )
    middle_name: str | None = person_name("Middle name (if you have one)", required=None)
    family_name: str = person_name("Family name (last name)", required="Enter your family name")


class DateOfBirth(PageModel):
    """When you were born."""

    date_of_birth: str = day(
        "Date of birth",
        noun="Date of birth",
        required="Enter your date of birth",
        when="past",
    )


class EmailAndPhone(PageModel):
    """How we contact you."""

    email: str = email(
        "Email address",
        required="Enter your email address",
        hint="We only use this to tell you about your application.",
    )
    phone: str = phone(
        "Telephone number",
        required="Enter a telephone number",
        hint="Include the country code if you are outside the United States.",
    )


class MailingAddress(PageModel):
    """Where we send letters and your card or certificate."""

    line1: str = text("Street address", required="Enter your street address", max_length=200)
    line2: str | None = text("Apartment, suite or unit", required=None, max_length=200)
    city: str = text("City or town", required="Enter your city or town")
    state: str = region(
        "State, province or region",
        required="Enter your state or region",
        hint="For a U.S. address, the state's name or its 2-letter code, like MA.",
        country_field="country",
    )
    postal_code: str = postal_code(
        "ZIP or postal code", required="Enter your ZIP or postal code", country_field="country"
    )
    country: str = country("Country", required="Select your country")


def about_you_pages() -> tuple[Page, ...]:
    """The pages of the applicant section, shared by every form."""
    return (
        Page("name", APPLICANT.id, "What is your name?", YourName),
        Page("date_of_birth", APPLICANT.id, "What is your date of birth?", DateOfBirth),
    )


def contact_pages() -> tuple[Page, ...]:
    """The pages of the contact section, shared by every form."""
    return (
        Page("email_phone", CONTACT.id, "How can we contact you?", EmailAndPhone),
        Page("mailing_address", CONTACT.id, "What is your mailing address?", MailingAddress),
    )
