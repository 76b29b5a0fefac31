"""Request models for the web forms, with messages a person understands."""

from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError, ValidationInfo, field_validator

from immportal.domain.identifiers.countries import UNITED_STATES, parse_country
from immportal.domain.identifiers.states import parse_state
from immportal.domain.identifiers.zip_codes import parse_postal_code, parse_zip_code
from immportal.i18n import N_, _

ADDRESS_LABELS = {
    "in_care_of": N_("In care of"),
    "line1": N_("Street address"),
    "line2": N_("Apartment, suite or unit"),
    "city": N_("City or town"),
    "state": N_("State, province or region"),
    "postal_code": N_("ZIP or postal code"),
    "country": N_("Country"),
}
"""The address form's fields in the order the page shows them."""
REQUIRED = {
    "line1": N_("Enter your street address"),
    "city": N_("Enter your city or town"),
    "state": N_("Enter your state, province or region"),
    "postal_code": N_("Enter your ZIP or postal code"),
    "country": N_("Select your country"),
}
"""The message of each required field left empty, as the application form words it."""
MISSING = N_("This is required")


class AddressForm(BaseModel):
    """A new mailing address, as typed, checked by the application form's own rules: a
    country from the ISO list, and for the United States a state and a ZIP code."""

    model_config = ConfigDict(extra="ignore", frozen=True, str_strip_whitespace=True)

    expected_version: int = Field(ge=1)
    in_care_of: str = Field(default="", max_length=100)
    line1: str = Field(min_length=1, max_length=200)
    line2: str = Field(default="", max_length=200)
    city: str = Field(min_length=1, max_length=100)
    # The country comes before the fields whose rule it decides (pydantic checks in order);
    # a form posted without one (an older page, an API client) is a U.S. address.
    country: str = Field(default=UNITED_STATES, min_length=1, max_length=100)
    state: str = Field(min_length=1, max_length=100)
    postal_code: str = Field(min_length=1, max_length=20)

    @field_validator("country")
    @classmethod
    def _country(cls, value: str) -> str:
        return parse_country(value)

    @field_validator("state")
    @classmethod
    def _state(cls, value: str, info: ValidationInfo) -> str:
        return parse_state(value) if _in_us(info) else value

    @field_validator("postal_code")
    @classmethod
    def _postal_code(cls, value: str, info: ValidationInfo) -> str:
        return parse_zip_code(value) if _in_us(info) else parse_postal_code(value)

    def address(self) -> dict[str, str]:
        """The address lines only (empty ones left out)."""
        lines = self.model_dump(exclude={"expected_version"})
        return {key: value for key, value in lines.items() if value}


def _in_us(info: ValidationInfo) -> bool:
    # A country that was refused has its own message; the other fields then check loosely.
    country: Any = info.data.get("country")
    return bool(country == UNITED_STATES)


def field_errors(error: ValidationError) -> dict[str, str]:
    """One plain message per field, in the order of the form."""
    messages: dict[str, str] = {}
    for item in error.errors():
        field = str(item["loc"][0]) if item["loc"] else "form"
        if field in messages:
            continue
        label = ADDRESS_LABELS.get(field)
        # In the page's language; the identifiers' messages are marked where they are made.
        if item["type"] == "missing" or item["type"] == "string_too_short":
            messages[field] = _(REQUIRED.get(field, MISSING))
        elif item["type"] == "string_too_long" and label:
            messages[field] = _("%(label)s is too long", label=_(label))
        elif field == "expected_version":
            messages[field] = _("The form was incomplete. Reload the page and try again.")
        else:
            messages[field] = _(str(item["msg"]).removeprefix("Value error, "))
    # In the order the page shows the fields, whatever order they were checked in.
    order = list(ADDRESS_LABELS)
    return dict(
        sorted(messages.items(), key=lambda kv: order.index(kv[0]) if kv[0] in order else -1)
    )
