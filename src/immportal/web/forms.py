"""Request models for the web forms, with messages a person understands."""

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

ADDRESS_LABELS = {
    "line1": "Street address",
    "line2": "Apartment, suite or unit",
    "city": "City or town",
    "state": "State, province or region",
    "postal_code": "ZIP or postal code",
}


class AddressForm(BaseModel):
    """A new mailing address, as typed."""

    model_config = ConfigDict(extra="ignore", frozen=True, str_strip_whitespace=True)

    expected_version: int = Field(ge=1)
    line1: str = Field(min_length=1, max_length=200)
    line2: str = Field(default="", max_length=200)
    city: str = Field(min_length=1, max_length=100)
    state: str = Field(min_length=1, max_length=100)
    postal_code: str = Field(min_length=1, max_length=20)

    @field_validator("postal_code")
    @classmethod
    def _postal_code(cls, value: str) -> str:
        if not all(ch.isalnum() or ch in " -" for ch in value):
            raise ValueError("Enter a postal code using only letters, numbers, spaces and hyphens")
        return value.upper()

    def address(self) -> dict[str, str]:
        """The address lines only."""
        return self.model_dump(exclude={"expected_version"})


def field_errors(error: ValidationError) -> dict[str, str]:
    """One plain message per field, in the order of the form."""
    messages: dict[str, str] = {}
    for item in error.errors():
        field = str(item["loc"][0]) if item["loc"] else "form"
        if field in messages:
            continue
        label = ADDRESS_LABELS.get(field)
        if item["type"] == "missing" or item["type"] == "string_too_short":
            messages[field] = f"Enter your {label.lower()}" if label else "This is required"
        elif item["type"] == "string_too_long" and label:
            messages[field] = f"{label} is too long"
        elif field == "expected_version":
            messages[field] = "The form was incomplete. Reload the page and try again."
        else:
            messages[field] = str(item["msg"]).removeprefix("Value error, ")
    return messages
