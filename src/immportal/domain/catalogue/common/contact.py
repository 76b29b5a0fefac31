"""Your contact details: telephone and email, mailing address, and where you live."""

from __future__ import annotations

from immportal.domain.catalogue.entries import prefixed
from immportal.domain.catalogue.fields import (
    PageModel,
    country,
    email,
    postal_code,
    region,
    text,
    yes_no,
)
from immportal.domain.catalogue.fields import phone as telephone
from immportal.domain.catalogue.model import Page, Section, answered
from immportal.domain.catalogue.words import composed
from immportal.i18n import N_

CONTACT = Section(
    "contact",
    N_("Your contact details"),
    N_("How we reach you about your application, and where you live."),
)


class EmailAndPhone(PageModel):
    """How we contact you."""

    email: str | None = email(
        N_("Email address (if you have one)"),
        required=None,
        hint=N_("We email you when something happens on your application."),
    )
    phone: str = telephone(
        N_("Telephone number"),
        required=N_("Enter a telephone number"),
        hint=(
            N_(
                "A number we can call during the day. "
                "Include the country code if you are outside the United States."
            )
        ),
    )
    mobile_phone: str | None = telephone(N_("Mobile phone (if different)"), required=None)


class Address(PageModel):
    """An address anywhere: a U.S. one checks its state and ZIP code."""

    line1: str = text(N_("Street address"), required=N_("Enter the street address"), max_length=200)
    line2: str | None = text(N_("Apartment, suite or unit"), required=None, max_length=200)
    city: str = text(N_("City or town"), required=N_("Enter the city or town"))
    state: str = region(
        N_("State, province or region"),
        required=N_("Enter the state or region"),
        hint=N_("For a U.S. address, the state's name or its 2-letter code, like MA."),
        country_field="country",
    )
    postal_code: str = postal_code(
        N_("ZIP or postal code"),
        required=N_("Enter the ZIP or postal code"),
        country_field="country",
    )
    country: str = country(N_("Country"), required=N_("Select the country"))


class MailingAddress(PageModel):
    """Where we send letters and your card or certificate."""

    in_care_of: str | None = text(
        N_("In care of (if any)"),
        required=None,
        hint=N_("The person or organization your mail is sent to, if it is not you."),
    )
    line1: str = text(
        N_("Street address"), required=N_("Enter your street address"), max_length=200
    )
    line2: str | None = text(N_("Apartment, suite or unit"), required=None, max_length=200)
    city: str = text(N_("City or town"), required=N_("Enter your city or town"))
    state: str = region(
        N_("State, province or region"),
        required=N_("Enter your state or region"),
        hint=N_("For a U.S. address, the state's name or its 2-letter code, like MA."),
        country_field="country",
    )
    postal_code: str = postal_code(
        N_("ZIP or postal code"),
        required=N_("Enter your ZIP or postal code"),
        country_field="country",
    )
    country: str = country(N_("Country"), required=N_("Select your country"))


class LivesAtMailing(PageModel):
    """Whether the mailing address is home."""

    lives_at_mailing_address: str = yes_no(
        N_("Do you live at your mailing address?"),
        required=N_("Select yes if you live at your mailing address"),
    )


HOME = "home"
Home = prefixed(Address, HOME, lambda label: composed(N_("%(label)s where you live"), label=label))
"""Where you live, when mail goes elsewhere (home_line1, home_country…)."""


def contact_pages() -> tuple[Page, ...]:
    """The pages of the contact section, shared by every form."""
    return (
        Page("email_phone", CONTACT.id, N_("How can we contact you?"), EmailAndPhone),
        Page("mailing_address", CONTACT.id, N_("What is your mailing address?"), MailingAddress),
        Page("lives_at_mailing", CONTACT.id, N_("Where you live"), LivesAtMailing),
        Page(
            "home_address",
            CONTACT.id,
            N_("What is the address where you live?"),
            Home,
            answered(CONTACT.id, "lives_at_mailing_address", "no"),
        ),
    )
