"""Question fields: a pydantic field per question, with its label, hint and plain messages.

Every answer is stored cleaned: text, a choice's value, a whole number, a date as an ISO
string (YYYY-MM-DD), an identifier in its one written form (A012345678, +12025550143,
a country's alpha-2 code), so `answers["applicant"]["date_of_birth"]` reads the same in
every form. A form declares a page as a PageModel whose fields come from the helpers
below, e.g. `a_number: str = a_number("Your A-Number", required="Enter your A-Number")`;
`required` is the message when the question is left empty (None: optional).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationInfo, field_validator
from pydantic.fields import FieldInfo

from immportal.domain.catalogue import dates
from immportal.domain.catalogue.checks import checked
from immportal.domain.identifiers.countries import country_names
from immportal.domain.identifiers.states import STATES
from immportal.i18n import N_

Kind = Literal[
    "text",
    "textarea",
    "date",
    "choice",
    "checkboxes",
    "yes_no",
    "number",
    "email",
    "tel",
    "name",
    "a_number",
    "uscis_account",
    "i94",
    "receipt",
    "ssn",
    "zip",
    "state",
    "region",
    "postal_code",
    "passport",
    "country",
]
YES_NO = {"yes": N_("Yes"), "no": N_("No")}
DATE_HINT = N_("For example: March 27 1990")


def extra_of(field: FieldInfo) -> dict[str, Any]:
    """The catalogue's own settings of a field (kind, messages, choices)."""
    extra = field.json_schema_extra
    return dict(extra) if isinstance(extra, Mapping) else {}


def _field(
    kind: Kind, label: str, hint: str, required: str | None, max_length: int = 100, **extra: Any
) -> Any:
    settings = {"kind": kind, "required": required, **extra}
    default: Any = ... if required else None
    # Numbers are bounded by the "most" check instead of a length.
    length = None if kind == "number" else max_length
    return Field(
        default=default,
        title=label,
        description=hint or None,
        max_length=length,
        json_schema_extra=settings,
    )


def text(label: str, *, required: str | None, hint: str = "", max_length: int = 100) -> Any:
    """A line of text."""
    return _field("text", label, hint, required, max_length=max_length)


def long_text(label: str, *, required: str | None, hint: str = "") -> Any:
    """A few sentences of explanation."""
    return _field("textarea", label, hint, required, max_length=2000)


def person_name(label: str, *, required: str | None, hint: str = "") -> Any:
    """A name (or part of one) in any script: letters, spaces, hyphens, apostrophes, periods."""
    return _field("name", label, hint, required)


def email(label: str, *, required: str | None, hint: str = "") -> Any:
    """An email address."""
    return _field("email", label, hint, required, max_length=254)


def phone(label: str, *, required: str | None, hint: str = "") -> Any:
    """A telephone number, read as a U.S. number unless it starts with +; stored in E.164."""
    return _field("tel", label, hint, required, max_length=30)


def day(
    label: str,
    *,
    noun: str,
    required: str | None,
    hint: str = DATE_HINT,
    when: dates.When = None,
) -> Any:
    """A date in three boxes (month, day, year), stored as YYYY-MM-DD; `noun` names it in
    messages ("Date of birth"); `when` asks for a date in the past or the future."""
    return _field("date", label, hint, required, noun=noun, when=when)


def choice(label: str, options: Mapping[str, str], *, required: str, hint: str = "") -> Any:
    """One of a few options (radio buttons), stored as the option's value."""
    return _field("choice", label, hint, required, choices=[[k, v] for k, v in options.items()])


def checkboxes(label: str, options: Mapping[str, str], *, required: str, hint: str = "") -> Any:
    """Any of a few options (checkboxes), stored as the ticked options' values joined with
    commas in the options' order ("asian,white"); a page posts each ticked box as
    NAME-VALUE, the JSON API the joined text."""
    return _field(
        "checkboxes",
        label,
        hint,
        required,
        max_length=500,
        choices=[[k, v] for k, v in options.items()],
    )


def yes_no(label: str, *, required: str, hint: str = "") -> Any:
    """A yes-or-no question, stored as "yes" or "no"."""
    return _field("yes_no", label, hint, required, choices=[[k, v] for k, v in YES_NO.items()])


def number(label: str, *, noun: str, required: str | None, hint: str = "", most: int = 999) -> Any:
    """A whole number from 0 up to `most`."""
    return _field("number", label, hint, required, noun=noun, most=most)


def a_number(
    label: str,
    *,
    required: str | None,
    hint: str = N_("7 to 9 numbers, labelled USCIS# on a green card or work permit."),
) -> Any:
    """An Alien Registration Number, stored as A and 9 digits (A012345678)."""
    return _field("a_number", label, hint, required, max_length=20)


def uscis_account_number(
    label: str,
    *,
    required: str | None,
    hint: str = N_("12 numbers. You have one only if you filed online before."),
) -> Any:
    """A USCIS online account number, stored as 12 digits."""
    return _field("uscis_account", label, hint, required, max_length=20)


def i94_number(
    label: str,
    *,
    required: str | None,
    hint: str = N_("11 characters, on your I-94 record. You can find it on the CBP I-94 website."),
) -> Any:
    """An I-94 arrival-departure record number: 11 digits, or 9 digits, a letter, a digit."""
    return _field("i94", label, hint, required, max_length=20)


def receipt_number(
    label: str,
    *,
    required: str | None,
    hint: str = N_("3 letters and 10 numbers, for example IOE0912345678."),
) -> Any:
    """A receipt number (or a card number of the same shape), stored in capitals."""
    return _field("receipt", label, hint, required, max_length=20)


def ssn(
    label: str, *, required: str | None, hint: str = N_("9 numbers, for example 123-45-6789.")
) -> Any:
    """A U.S. Social Security number, stored as NNN-NN-NNNN."""
    return _field("ssn", label, hint, required, max_length=20)


def zip_code(
    label: str, *, required: str | None, hint: str = N_("5 numbers, or ZIP+4, like 20500-0003.")
) -> Any:
    """A U.S. ZIP code or ZIP+4."""
    return _field("zip", label, hint, required, max_length=20)


def us_state(label: str, *, required: str | None, hint: str = "") -> Any:
    """A U.S. state, territory or military post office, chosen from a list (its USPS code)."""
    options = [[code, name] for code, name in STATES.items()]
    return _field("state", label, hint, required, choices=options)


def region(label: str, *, required: str | None, hint: str = "", country_field: str) -> Any:
    """A state, province or region: a U.S. state (its USPS code) when the page's
    `country_field` is the United States, else any text."""
    return _field("region", label, hint, required, country_field=country_field)


def postal_code(label: str, *, required: str | None, hint: str = "", country_field: str) -> Any:
    """A ZIP code when the page's `country_field` is the United States, else a postal code."""
    return _field("postal_code", label, hint, required, max_length=20, country_field=country_field)


def passport_number(
    label: str,
    *,
    required: str | None,
    hint: str = N_("As printed on the passport's photo page: 6 to 12 letters and numbers."),
) -> Any:
    """A passport number, stored in capitals without spaces."""
    return _field("passport", label, hint, required, max_length=30)


def country(label: str, *, required: str | None, hint: str = "") -> Any:
    """A country chosen from the ISO 3166 list, stored as its alpha-2 code (US, MX)."""
    options = [[code, name] for code, name in country_names().items()]
    return _field("country", label, hint, required, choices=options)


def as_typed(model: type[PageModel], raw: Mapping[str, str]) -> dict[str, str]:
    """The page's answers as typed, one text per question: a date's three boxes joined."""
    typed = {name: raw[name] for name in model.model_fields if name in raw}
    for name, info in model.model_fields.items():
        extra = extra_of(info)
        if extra.get("kind") == "date" and (boxes := dates.joined(name, raw)) is not None:
            typed[name] = boxes
        if extra.get("kind") == "checkboxes" and (ticks := _ticked(name, extra, raw)) is not None:
            typed[name] = ticks
    return typed


def box_name(name: str, value: str) -> str:
    """The posted name of one box of a checkboxes question (race-asian)."""
    return f"{name}-{value}"


def _ticked(name: str, extra: Mapping[str, Any], raw: Mapping[str, str]) -> str | None:
    """The ticked boxes' values joined with commas, or None when no box was posted (the
    answer came as one text)."""
    values = [str(value) for value, _ in extra.get("choices", ())]
    posted = [value for value in values if raw.get(box_name(name, value), "").strip()]
    return ",".join(posted) if posted else None


class PageModel(BaseModel):
    """The answers of one question page; fields are made with the helpers above.

    Validated with the context {"today": date | None, "page": the page's typed answers},
    which the checks between questions of a page (a ZIP code for a U.S. address) read.
    """

    model_config = ConfigDict(extra="ignore", frozen=True, str_strip_whitespace=True)

    @field_validator("*", mode="after")
    @classmethod
    def _check_kind(cls, value: Any, info: ValidationInfo) -> Any:
        if value is None or info.field_name is None:
            return value
        extra = extra_of(cls.model_fields[info.field_name])
        context = info.context if isinstance(info.context, Mapping) else {}
        return checked(extra, value, today=context.get("today"), page=context.get("page") or {})
