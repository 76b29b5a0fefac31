"""How a question page draws each question: input type, width, autocomplete, lists, and
a date's three boxes (the USWDS memorable-date pattern)."""

from dataclasses import dataclass

from babel import Locale

from immportal.domain.catalogue import Question, dates
from immportal.domain.identifiers import InvalidIdentifier
from immportal.domain.identifiers.countries import parse_country
from immportal.domain.identifiers.states import parse_state
from immportal.i18n import N_, _, babel_locale

INPUT_TYPES = {"email": "email", "tel": "tel"}
SELECTS = frozenset({"country", "state"})
"""Kinds chosen from a long list (a select rather than radio buttons)."""
# The person's own details only (WCAG 1.3.5): a relative's name is not theirs to fill.
OWN_SECTIONS = frozenset({"applicant", "contact"})
AUTOCOMPLETE = {
    "given_name": "given-name",
    "middle_name": "additional-name",
    "family_name": "family-name",
    "email": "email",
    "phone": "tel",
    "line1": "address-line1",
    "line2": "address-line2",
    "city": "address-level2",
    "state": "address-level1",
    "postal_code": "postal-code",
    "country": "country",
}
BIRTHDAY = "date_of_birth"
NUMERIC = frozenset({"number", "a_number", "uscis_account", "ssn", "zip"})
"""Kinds typed with digits alone: phones show a number pad (an A-Number's A is optional)."""
VERBATIM = frozenset(
    {"email", "tel", "number", "a_number", "uscis_account", "i94", "receipt", "ssn", "zip"}
    | {"postal_code", "passport"}
)
"""Kinds a spelling checker has nothing to say about."""
WIDTHS = {
    "number": "usa-input--md",
    "a_number": "usa-input--md",
    "uscis_account": "usa-input--md",
    "i94": "usa-input--md",
    "receipt": "usa-input--lg",
    "ssn": "usa-input--md",
    "zip": "usa-input--md",
    "postal_code": "usa-input--md",
    "passport": "usa-input--md",
}
BOX_LABELS = {"month": N_("Month"), "day": N_("Day"), "year": N_("Year")}


def months() -> tuple[tuple[str, str], ...]:
    """The month select's options, value and name, the names in the reader's language."""
    names = Locale.parse(babel_locale()).months["format"]["wide"]
    return tuple((str(number), str(names[number])) for number in range(1, 13))


@dataclass(frozen=True)
class DateBox:
    """One box of a memorable date: month (a select), day or year."""

    part: str
    id: str
    name: str
    label: str
    value: str
    invalid: bool
    autocomplete: str


@dataclass(frozen=True)
class Field:
    """One question as the page template draws it."""

    question: Question
    value: str
    error: str | None
    own: bool = False
    """Whether the question asks for the person's own details (autocomplete applies)."""

    @property
    def id(self) -> str:
        """The input's id (the first radio's, a date's month): where the error summary links."""
        return f"q-{self.question.name}"

    @property
    def input_type(self) -> str:
        """The HTML input type of a one-line answer."""
        return INPUT_TYPES.get(self.question.kind, "text")

    @property
    def autocomplete(self) -> str:
        """What browsers may fill the field with (WCAG 1.3.5), or ""."""
        return AUTOCOMPLETE.get(self.question.name, "") if self.own else ""

    @property
    def is_select(self) -> bool:
        """Whether the answer is chosen from a long list (countries, states)."""
        return self.question.kind in SELECTS

    @property
    def selected(self) -> str:
        """The list's option for the value, whether saved as a code or typed as a name."""
        return selected_option(self.question.kind, self.value)

    @property
    def numeric(self) -> bool:
        """Whether phones should offer a number pad."""
        return self.question.kind in NUMERIC

    @property
    def verbatim(self) -> bool:
        """Whether spelling checks are off (identifiers, numbers, addresses of mail)."""
        return self.question.kind in VERBATIM

    @property
    def width(self) -> str:
        """The USWDS width class that fits the answer, or ""."""
        return WIDTHS.get(self.question.kind, "")

    @property
    def date_boxes(self) -> list[DateBox]:
        """A date's month, day and year boxes, with what was typed or saved in each."""
        typed = dates.split(self.value) or ("", "", "")
        wrong = dates.wrong_parts(self.value) if self.error else ()
        birthday = self.own and self.question.name == BIRTHDAY
        boxes = []
        for part, value in zip(dates.PARTS, typed, strict=True):
            boxes.append(
                DateBox(
                    part=part,
                    id=self.id if part == "month" else f"{self.id}-{part}",
                    name=dates.part_name(self.question.name, part),
                    label=_(BOX_LABELS[part]),
                    value=value.lstrip("0") if part == "month" and value.isdigit() else value,
                    invalid=part in wrong,
                    autocomplete=f"bday-{part}" if birthday else "",
                )
            )
        return boxes


def selected_option(kind: str, value: str) -> str:
    """The option a list question shows chosen: the value read as its kind, else as is."""
    parse = {"country": parse_country, "state": parse_state}.get(kind)
    if parse is None or not value:
        return value
    try:
        return parse(value)
    except InvalidIdentifier:
        return value
