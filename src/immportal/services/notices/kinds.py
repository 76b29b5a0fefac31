"""The notice kinds: which event issues which notice, and what each notice says.

A new kind is one builder here and one line in NOTICE_KINDS; the worker, the PDF, the
HTML page and the inbox need nothing else.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime
from functools import partial
from typing import Any

from immportal.domain.appointments.locations import location_by_code, location_by_name
from immportal.domain.cases.case import Case
from immportal.domain.payments.fees import format_cents
from immportal.services.notices.content import (
    Block,
    Fact,
    NoticeContent,
    case_facts,
    letterhead,
    mailing_address,
    plain_date,
    plain_day,
    plain_time,
    recipient_zone,
)
from immportal.services.notices.request_notice import (
    REQUEST_DECISION_TITLE,
    request_decision_notice,
)
from immportal.services.notices.withdrawal_notice import WITHDRAWAL_TITLE, withdrawal_notice

Builder = Callable[[Any, Case], NoticeContent]
"""Makes a notice from its event and the case as it stood right after that event."""


@dataclass(frozen=True)
class NoticeKind:
    """A kind of notice: its stable name, its title, and how its content is made."""

    kind: str
    title: str
    build: Builder


RECEIPT_TITLE = "Receipt notice"
APPOINTMENT_TITLE = "Appointment notice"
EVIDENCE_TITLE = "Request for evidence"
DECISION_TITLE = "Decision notice"
ADDRESS_TITLE = "Address change confirmation"

KEEP_IT = "Keep this notice. Use your receipt number whenever you contact us about this case."


def fee_words(case: Case) -> str:
    """The fee as the receipt notice states it: paid, waived or none, and why."""
    why = f" ({case.fee_reason})" if case.fee_reason else ""
    waiver = (case.fee_waiver or {}).get("state")
    if waiver == "approved":
        if case.fee_paid_cents:
            return f"Fee waived, {format_cents(case.fee_paid_cents)} set by law paid"
        return "Fee waived: fee waiver approved"
    if case.fee_waived:
        return "Fee waiver requested"
    if case.fee_cents == 0:
        return f"No fee{why}"
    return f"{format_cents(case.fee_paid_cents or case.fee_cents)} paid{why}"


def receipt_notice(event: Any, case: Case) -> NoticeContent:
    """We received the application: its receipt number, dates and fee."""
    issued_at: datetime = event.timestamp
    facts = list(case_facts(case, issued_at))
    if case.submitted_at is not None:
        facts.append(Fact("Received date", plain_date(case.submitted_at, recipient_zone(case))))
    facts.append(Fact("Fee", fee_words(case)))
    return NoticeContent(
        **letterhead(
            case,
            kind="receipt",
            title=RECEIPT_TITLE,
            heading="We received your application",
            issued_at=issued_at,
        ),
        facts=tuple(facts),
        body=(
            Block(
                paragraphs=(
                    "This notice confirms that we received your application and your fee. "
                    "It does not mean that we have approved your application.",
                    KEEP_IT,
                )
            ),
            Block(
                "What happens next",
                (
                    "If your application needs your fingerprints and photo, we will send you "
                    "an appointment notice saying when and where to go.",
                    "You can follow your case at any time by signing in to immportal.",
                ),
            ),
        ),
    )


@dataclass(frozen=True)
class Appointment:
    """What an appointment is for and what to bring to it."""

    name: str
    purpose: str
    bring: tuple[str, ...]


BIOMETRICS = Appointment(
    "biometrics appointment",
    "We will take your fingerprints, photo and signature.",
    (
        "This notice",
        "Your passport, national identity card or another official photo identity document",
    ),
)
INTERVIEW = Appointment(
    "interview",
    "An officer will ask you questions about your application. You will answer under oath.",
    (
        "This notice",
        "Your passport, national identity card or another official photo identity document",
        "The original of every document you sent with your application",
        "Any travel documents you have used since you applied",
    ),
)


def appointment_zone(place: str, case: Case) -> str:
    """The zone of the appointment's place; the recipient's for a place not on our list."""
    location = location_by_name(place) or location_by_code(place)
    return location.timezone if location is not None else recipient_zone(case)


def appointment_notice(
    appointment: Appointment, moved: bool, event: Any, case: Case
) -> NoticeContent:
    """When and where to go, what happens there and what to bring."""
    issued_at: datetime = event.timestamp
    at: datetime = event.appointment_at
    heading = f"Your {appointment.name} has moved" if moved else f"Your {appointment.name}"
    replaces = f"This notice replaces your earlier {appointment.name} notice."
    first = (replaces, "Please go on the new date.") if moved else ()
    return NoticeContent(
        **letterhead(
            case, kind="appointment", title=APPOINTMENT_TITLE, heading=heading, issued_at=issued_at
        ),
        facts=(
            *case_facts(case, issued_at),
            # The time at the place the person goes to, in that place's zone.
            Fact("Date", plain_day(at, appointment_zone(event.location, case))),
            Fact("Time", plain_time(at, appointment_zone(event.location, case))),
            Fact("Place", event.location),
        ),
        body=(
            Block(paragraphs=(*first, appointment.purpose)),
            Block("What to bring", items=appointment.bring),
            Block(
                "If you cannot go",
                (
                    "Sign in to immportal and ask for a new appointment before the date. "
                    "If you miss it without asking for a new one, we may decide your "
                    "application as abandoned.",
                ),
            ),
        ),
    )


def evidence_request_notice(event: Any, case: Case) -> NoticeContent:
    """What evidence we need, why, and by when."""
    issued_at: datetime = event.timestamp
    due = plain_date(event.due_on)
    return NoticeContent(
        **letterhead(
            case,
            kind="evidence_request",
            title=EVIDENCE_TITLE,
            heading="We need more evidence from you",
            issued_at=issued_at,
        ),
        facts=(*case_facts(case, issued_at), Fact("Respond by", due)),
        body=(
            Block(paragraphs=("Before we can decide your case, we need more evidence from you.",)),
            Block("What we need", items=tuple(event.items)),
            Block("Why we are asking", (event.reason,)),
            Block(
                "How to respond",
                (
                    f"Sign in to immportal and upload the documents on your case page by {due}.",
                    "If we do not receive them by then, we will decide your case with the "
                    "evidence we have.",
                ),
            ),
        ),
    )


DECISION_HEADINGS = {
    "approved": "Your application is approved",
    "denied": "Your application is denied",
}
DECISION_NEXT = {
    "approved": (
        "Keep this notice as proof of our decision. If you are due a card or certificate, "
        "we will send it to your mailing address.",
    ),
    "denied": (
        "If you disagree with this decision, you may file an appeal, or a motion to reopen "
        "or reconsider. The time to do so is limited, so please act soon.",
        "Sign in to immportal to see how to file.",
    ),
}


def decision_notice(event: Any, case: Case) -> NoticeContent:
    """The decision as recorded: outcome, reasons and legal basis."""
    issued_at: datetime = event.timestamp
    outcome = str(event.outcome)
    facts = [*case_facts(case, issued_at), Fact("Decision", outcome.capitalize())]
    if event.legal_basis:
        facts.append(Fact("Legal basis", event.legal_basis))
    return NoticeContent(
        **letterhead(
            case,
            kind="decision",
            title=DECISION_TITLE,
            heading=DECISION_HEADINGS.get(outcome, "We made a decision on your application"),
            issued_at=issued_at,
        ),
        facts=tuple(facts),
        body=(
            Block("Reasons for our decision", (event.reason,)),
            Block("What happens next", DECISION_NEXT.get(outcome, ())),
        ),
    )


def address_change_notice(event: Any, case: Case) -> NoticeContent:
    """The new mailing address, confirmed; one per case the change reached."""
    issued_at: datetime = event.timestamp
    return NoticeContent(
        **letterhead(
            case,
            kind="address_change",
            title=ADDRESS_TITLE,
            heading="We changed your mailing address",
            issued_at=issued_at,
        ),
        facts=(
            *case_facts(case, issued_at),
            Fact("New mailing address", ", ".join(mailing_address(case))),
        ),
        body=(
            Block(
                paragraphs=(
                    "We will send letters, cards and notices about this case to the address "
                    "above from now on.",
                    KEEP_IT,
                )
            ),
            Block(
                "If you did not ask for this change",
                (
                    "Sign in to immportal, check your address, and change your password "
                    "if you think someone else used your account.",
                ),
            ),
        ),
    )


RECEIPT = NoticeKind("receipt", RECEIPT_TITLE, receipt_notice)
EVIDENCE_REQUEST = NoticeKind("evidence_request", EVIDENCE_TITLE, evidence_request_notice)
DECISION = NoticeKind("decision", DECISION_TITLE, decision_notice)
ADDRESS_CHANGE = NoticeKind("address_change", ADDRESS_TITLE, address_change_notice)
REQUEST_DECISION = NoticeKind("request_decision", REQUEST_DECISION_TITLE, request_decision_notice)


def _appointment(appointment: Appointment, *, moved: bool) -> NoticeKind:
    return NoticeKind(
        "appointment", APPOINTMENT_TITLE, partial(appointment_notice, appointment, moved)
    )


NOTICE_KINDS: Mapping[str, NoticeKind] = {
    "Accepted": RECEIPT,
    "BiometricsScheduled": _appointment(BIOMETRICS, moved=False),
    "BiometricsRescheduled": _appointment(BIOMETRICS, moved=True),
    "InterviewScheduled": _appointment(INTERVIEW, moved=False),
    "InterviewRescheduled": _appointment(INTERVIEW, moved=True),
    "EvidenceRequested": EVIDENCE_REQUEST,
    "DecisionIssued": DECISION,
    "Withdrawn": NoticeKind("withdrawal", WITHDRAWAL_TITLE, withdrawal_notice),
    # One confirmation per case event: a profile change reaching three cases sends three,
    # each filed with its case, as each case's mail goes to the address on that case.
    "AddressChanged": ADDRESS_CHANGE,
    # A decision on an expedite, correction or accommodation request (CaseRequests' event).
    "RequestDecided": REQUEST_DECISION,
}
"""Event name (a case's, or its requests') → the notice it issues; others issue none."""
