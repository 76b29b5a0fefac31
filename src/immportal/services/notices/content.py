"""What a notice says, as structured content: the PDF and the HTML page are made from it."""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import asdict, dataclass, field
from datetime import date, datetime
from typing import Any

from immportal import formatting
from immportal.domain.cases.case import Case
from immportal.domain.cases.filed_contact import address_lines, filed_address
from immportal.domain.cases.forms import FormType
from immportal.domain.identity.time_zones import zone_for_address
from immportal.i18n import DEFAULT_LANGUAGE, _, babel_locale

ISSUER = "immportal"
"""The name every notice is issued under."""

APPLICANT_SECTION = "applicant"
CONTACT_SECTION = "contact"


@dataclass(frozen=True)
class Fact:
    """One labelled line of the notice's summary, such as "Receipt number"."""

    label: str
    value: str


@dataclass(frozen=True)
class Block:
    """A part of the body: an optional heading, paragraphs, then a list of items."""

    heading: str | None = None
    paragraphs: tuple[str, ...] = ()
    items: tuple[str, ...] = ()


@dataclass(frozen=True)
class NoticeContent:
    """Everything a notice shows, in reading order; no staff-only information."""

    kind: str
    title: str
    heading: str
    receipt_number: str
    form: str
    notice_date: date
    addressee: str
    address: tuple[str, ...]
    facts: tuple[Fact, ...]
    body: tuple[Block, ...]
    issuer: str = field(default=ISSUER)
    language: str = DEFAULT_LANGUAGE
    """The language the notice was issued in; a rebuild renders it in that language again."""
    zone: str | None = None
    """The time zone the person chose when it was issued, if any; a rebuild dates it so again."""

    def to_json(self) -> bytes:
        """The content as UTF-8 JSON, as kept beside the PDF."""
        values = asdict(self) | {"notice_date": self.notice_date.isoformat()}
        return json.dumps(values, ensure_ascii=False, sort_keys=True).encode()

    @classmethod
    def from_json(cls, data: bytes) -> NoticeContent:
        """Read back what to_json wrote."""
        values: dict[str, Any] = json.loads(data)
        return cls(
            kind=values["kind"],
            title=values["title"],
            heading=values["heading"],
            receipt_number=values["receipt_number"],
            form=values["form"],
            notice_date=date.fromisoformat(values["notice_date"]),
            addressee=values["addressee"],
            address=tuple(values["address"]),
            facts=tuple(Fact(**f) for f in values["facts"]),
            body=tuple(
                Block(b["heading"], tuple(b["paragraphs"]), tuple(b["items"]))
                for b in values["body"]
            ),
            issuer=values.get("issuer", ISSUER),
            # Notices kept before they recorded a language were all issued in English.
            language=values.get("language", DEFAULT_LANGUAGE),
            zone=values.get("zone"),
        )


_CHOSEN_ZONE: ContextVar[str | None] = ContextVar("notice_recipient_zone", default=None)


@contextmanager
def dated_in(zone: str | None) -> Iterator[None]:
    """Date the notices built in the block in the zone the recipient chose (None: none chosen)."""
    token = _CHOSEN_ZONE.set(zone)
    try:
        yield
    finally:
        _CHOSEN_ZONE.reset(token)


def recipient_zone(case: Case) -> str:
    """The recipient's zone: the one they chose, else their mailing address's.

    The day a letter is dated is the recipient's day.
    """
    return _CHOSEN_ZONE.get() or zone_for_address(case.address or filed_address(case.answers))


def plain_date(value: date | datetime, zone: str | None = None) -> str:
    """'July 14, 2026': a day, or the day a moment falls on in `zone` (the agency's if None),
    in the notice's language."""
    day = formatting.local_day(value, zone) if isinstance(value, datetime) else value
    return formatting.long_date(day, babel_locale())


def plain_day(value: datetime, zone: str | None = None) -> str:
    """'Tuesday, July 14, 2026': for appointments, where the weekday helps."""
    return formatting.full_date(formatting.local_day(value, zone), babel_locale())


def plain_time(value: datetime, zone: str | None = None) -> str:
    """'10:30 AM EDT': the clock time of an appointment in `zone`, with the zone's name."""
    return formatting.time_of_day(value, zone, babel_locale())


def form_line(form_type: str) -> str:
    """'Form I-765, Application for Employment Authorization'."""
    try:
        title = _(FormType(form_type).title)
    except ValueError:
        return _("Form %(form)s", form=form_type)
    return _("Form %(form)s, %(title)s", form=form_type, title=title)


def _text(section: dict[str, Any], key: str) -> str:
    # Answers are whatever a form posted: only non-empty strings are printed.
    value = section.get(key)
    return value.strip() if isinstance(value, str) else ""


def applicant_name(case: Case) -> str:
    """The applicant's full name as the form's applicant section gives it."""
    about = case.answers.get(APPLICANT_SECTION, {})
    parts = [_text(about, k) for k in ("given_name", "middle_name", "family_name")]
    return " ".join(p for p in parts if p) or _("The applicant")


def mailing_address(case: Case) -> tuple[str, ...]:
    """The latest mailing address (the filed one, or a later change; the form's answer for
    a filing recorded before filings kept it), its country by name."""
    return address_lines(case.address or filed_address(case.answers))


def letterhead(
    case: Case, *, kind: str, title: str, heading: str, issued_at: datetime
) -> dict[str, Any]:
    """The parts every notice of a case shares, as keyword arguments for NoticeContent."""
    return {
        "kind": kind,
        "title": _(title),
        "heading": heading,
        "receipt_number": case.receipt_number or "",
        "form": form_line(case.form_type),
        "notice_date": formatting.local_day(issued_at, recipient_zone(case)),
        "addressee": applicant_name(case),
        "address": mailing_address(case),
    }


def case_facts(case: Case, issued_at: datetime) -> tuple[Fact, ...]:
    """The facts every notice starts with: receipt number, form, notice date."""
    return (
        Fact(_("Receipt number"), case.receipt_number or ""),
        Fact(_("Form"), form_line(case.form_type)),
        Fact(_("Notice date"), plain_date(issued_at, recipient_zone(case))),
    )
