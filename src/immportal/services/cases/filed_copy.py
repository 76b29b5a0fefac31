"""The filed application as a document: every answer as submitted, with its edition,
signature, filing date and, once accepted, its receipt number.

The content is built from the case as it stood right after the event that issues the
copy (its filing, then its acceptance), so a replay years later prints the same copy.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from uuid import UUID

from immportal import formatting
from immportal.domain.cases.case import Case
from immportal.domain.cases.filed_contact import filed_name
from immportal.domain.cases.forms import FormType
from immportal.domain.catalogue import form_for, summary_rows
from immportal.services.cases.applications import SIGNATURE_SECTION

KIND = "filed_application"
"""The document kind of a filed application (its verification code and document type)."""
NOT_ANSWERED = "Not answered"


@dataclass(frozen=True)
class FiledSection:
    """One section of the form: its title and each question with the answer given."""

    title: str
    rows: tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class FiledCopy:
    """What the filed copy prints, in reading order."""

    case_id: UUID
    form_type: str
    form_title: str
    edition_label: str
    applicant: str
    filed_at: datetime
    signed_by: str
    signed_at: datetime | None
    receipt_number: str | None
    sections: tuple[FiledSection, ...]

    @property
    def title(self) -> str:
        """'Your filed application (Form I-765, edition 08/21/25)': its name in the list."""
        return f"Your filed application ({self.form_line})"

    @property
    def form_line(self) -> str:
        """'Form I-765, edition 08/21/25' (without an edition when the form has none)."""
        edition = f", edition {self.edition_label}" if self.edition_label else ""
        return f"Form {self.form_type}{edition}"

    def facts(self) -> tuple[tuple[str, str], ...]:
        """The labelled lines on top of the copy."""
        receipt = self.receipt_number or "Not yet assigned"
        return (
            ("Form", f"{self.form_type}, {self.form_title}"),
            ("Edition", self.edition_label or "Current edition"),
            ("Applicant", self.applicant),
            ("Filed on", formatting.moment(self.filed_at)),
            ("Receipt number", receipt),
        )

    def signature_line(self) -> str:
        """Who signed the declaration, and when."""
        when = f" on {formatting.moment(self.signed_at)}" if self.signed_at else ""
        return f"Signed by {self.signed_by}{when}"


def _signed_at(value: object) -> datetime | None:
    # The signature's time is kept as ISO text; anything else is left off the copy.
    if not isinstance(value, str):
        return None
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        return None
    return moment if moment.tzinfo is not None else None


def filed_copy(case: Case) -> FiledCopy:
    """The copy of a filed case, as it stands (pass the case at the issuing event's version)."""
    form = form_for(case.form_type)
    sections: dict[str, list[tuple[str, str]]] = {}
    for row in summary_rows(form, case.answers):
        sections.setdefault(row.section, []).append((row.label, row.value or NOT_ANSWERED))
    signature = case.answers.get(SIGNATURE_SECTION, {})
    filed_at = case.submitted_at
    if filed_at is None:
        raise ValueError("a filed copy is made of a filed case")
    return FiledCopy(
        case_id=case.id,
        form_type=case.form_type,
        form_title=FormType(case.form_type).title,
        edition_label=_edition_label(case.edition) or form.edition_label,
        applicant=filed_name(case.answers) or "The applicant",
        filed_at=filed_at,
        signed_by=str(signature.get("full_name") or filed_name(case.answers)),
        signed_at=_signed_at(signature.get("signed_at")),
        receipt_number=case.receipt_number,
        sections=tuple(
            FiledSection(form.section(section).title, tuple(rows))
            for section, rows in sections.items()
        ),
    )


def _edition_label(edition: str | None) -> str:
    # The edition the filing recorded (YYYY-MM-DD), printed as the agency prints it.
    if not edition:
        return ""
    year, month, day = edition.split("-")
    return f"{month}/{day}/{year[2:]}"
