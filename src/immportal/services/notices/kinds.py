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
from immportal.i18n import N_, _, babel_locale
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


RECEIPT_TITLE = N_("Receipt notice")
APPOINTMENT_TITLE = N_("Appointment notice")
EVIDENCE_TITLE = N_("Request for evidence")
DECISION_TITLE = N_("Decision notice")
ADDRESS_TITLE = N_("Address change confirmation")

KEEP_IT = N_("Keep this notice. Use your receipt number whenever you contact us about this case.")


def fee_words(case: Case) -> str:
    """The fee as the receipt notice states it: paid, waived or none, and why."""
    waiver = (case.fee_waiver or {}).get("state")
    if waiver == "approved":
        if case.fee_paid_cents:
            paid = format_cents(case.fee_paid_cents, babel_locale())
            return _("Fee waived, %(amount)s set by law paid", amount=paid)
        return _("Fee waived: fee waiver approved")
    if case.fee_waived:
        return _("Fee waiver requested")
    amount = format_cents(case.fee_paid_cents or case.fee_cents, babel_locale())
    # The reason is the fee schedule's own words, as recorded with the filing.
    if case.fee_cents == 0:
        if case.fee_reason:
            return _("No fee (%(reason)s)", reason=case.fee_reason)
        return _("No fee")
    if case.fee_reason:
        return _("%(amount)s paid (%(reason)s)", amount=amount, reason=case.fee_reason)
    return _("%(amount)s paid", amount=amount)


def receipt_notice(event: Any, case: Case) -> NoticeContent:
    """We received the application: its receipt number, dates and fee."""
    issued_at: datetime = event.timestamp
    facts = list(case_facts(case, issued_at))
    if case.submitted_at is not None:
        facts.append(Fact(_("Received date"), plain_date(case.submitted_at, recipient_zone(case))))
    facts.append(Fact(_("Fee"), fee_words(case)))
    return NoticeContent(
        **letterhead(
            case,
            kind="receipt",
            title=RECEIPT_TITLE,
            heading=_("We received your application"),
            issued_at=issued_at,
        ),
        facts=tuple(facts),
        body=(
            Block(
                paragraphs=(
                    _(
                        "This notice confirms that we received your application and your fee. "
                        "It does not mean that we have approved your application."
                    ),
                    _(KEEP_IT),
                )
            ),
            Block(
                _("What happens next"),
                (
                    _(
                        "If your application needs your fingerprints and photo, we will send "
                        "you an appointment notice saying when and where to go."
                    ),
                    _("You can follow your case at any time by signing in to immportal."),
                ),
            ),
        ),
    )


@dataclass(frozen=True)
class Appointment:
    """What an appointment is for and what to bring to it."""

    # Marked with N_(): translated when the notice is issued, in the recipient's language.
    name: str
    purpose: str
    bring: tuple[str, ...]
    heading: str
    moved_heading: str
    replaces: str


BIOMETRICS = Appointment(
    N_("biometrics appointment"),
    N_("We will take your fingerprints, photo and signature."),
    (
        N_("This notice"),
        N_("Your passport, national identity card or another official photo identity document"),
    ),
    N_("Your biometrics appointment"),
    N_("Your biometrics appointment has moved"),
    N_("This notice replaces your earlier biometrics appointment notice."),
)
INTERVIEW = Appointment(
    N_("interview"),
    N_("An officer will ask you questions about your application. You will answer under oath."),
    (
        N_("This notice"),
        N_("Your passport, national identity card or another official photo identity document"),
        N_("The original of every document you sent with your application"),
        N_("Any travel documents you have used since you applied"),
    ),
    N_("Your interview"),
    N_("Your interview has moved"),
    N_("This notice replaces your earlier interview notice."),
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
    heading = _(appointment.moved_heading) if moved else _(appointment.heading)
    first = (_(appointment.replaces), _("Please go on the new date.")) if moved else ()
    return NoticeContent(
        **letterhead(
            case, kind="appointment", title=APPOINTMENT_TITLE, heading=heading, issued_at=issued_at
        ),
        facts=(
            *case_facts(case, issued_at),
            # The time at the place the person goes to, in that place's zone.
            Fact(_("Date"), plain_day(at, appointment_zone(event.location, case))),
            Fact(_("Time"), plain_time(at, appointment_zone(event.location, case))),
            Fact(_("Place"), event.location),
        ),
        body=(
            Block(paragraphs=(*first, _(appointment.purpose))),
            Block(_("What to bring"), items=tuple(_(item) for item in appointment.bring)),
            Block(
                _("If you cannot go"),
                (
                    _(
                        "Sign in to immportal and ask for a new appointment before the date. "
                        "If you miss it without asking for a new one, we may decide your "
                        "application as abandoned."
                    ),
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
            heading=_("We need more evidence from you"),
            issued_at=issued_at,
        ),
        facts=(*case_facts(case, issued_at), Fact(_("Respond by"), due)),
        body=(
            Block(
                paragraphs=(_("Before we can decide your case, we need more evidence from you."),)
            ),
            # What is needed and why are the officer's own words, as recorded.
            Block(_("What we need"), items=tuple(event.items)),
            Block(_("Why we are asking"), (event.reason,)),
            Block(
                _("How to respond"),
                (
                    _(
                        "Sign in to immportal and upload the documents on your case page "
                        "by %(date)s.",
                        date=due,
                    ),
                    _(
                        "If we do not receive them by then, we will decide your case with the "
                        "evidence we have."
                    ),
                ),
            ),
        ),
    )


DECISION_HEADINGS = {
    "approved": N_("Your application is approved"),
    "denied": N_("Your application is denied"),
}
DECIDED = N_("We made a decision on your application")
DECISION_OUTCOMES = {"approved": N_("Approved"), "denied": N_("Denied")}
DECISION_NEXT = {
    "approved": (
        N_(
            "Keep this notice as proof of our decision. If you are due a card or certificate, "
            "we will send it to your mailing address."
        ),
    ),
    "denied": (
        N_(
            "If you disagree with this decision, you may file an appeal, or a motion to reopen "
            "or reconsider. The time to do so is limited, so please act soon."
        ),
        N_("Sign in to immportal to see how to file."),
    ),
}


def decision_notice(event: Any, case: Case) -> NoticeContent:
    """The decision as recorded: outcome, reasons and legal basis."""
    issued_at: datetime = event.timestamp
    outcome = str(event.outcome)
    facts = [
        *case_facts(case, issued_at),
        Fact(_("Decision"), _(DECISION_OUTCOMES.get(outcome, outcome.capitalize()))),
    ]
    if event.legal_basis:
        facts.append(Fact(_("Legal basis"), event.legal_basis))
    return NoticeContent(
        **letterhead(
            case,
            kind="decision",
            title=DECISION_TITLE,
            heading=_(DECISION_HEADINGS.get(outcome, DECIDED)),
            issued_at=issued_at,
        ),
        facts=tuple(facts),
        body=(
            Block(_("Reasons for our decision"), (event.reason,)),
            Block(_("What happens next"), tuple(_(t) for t in DECISION_NEXT.get(outcome, ()))),
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
            heading=_("We changed your mailing address"),
            issued_at=issued_at,
        ),
        facts=(
            *case_facts(case, issued_at),
            Fact(_("New mailing address"), ", ".join(mailing_address(case))),
        ),
        body=(
            Block(
                paragraphs=(
                    _(
                        "We will send letters, cards and notices about this case to the "
                        "address above from now on."
                    ),
                    _(KEEP_IT),
                )
            ),
            Block(
                _("If you did not ask for this change"),
                (
                    _(
                        "Sign in to immportal, check your address, and change your password "
                        "if you think someone else used your account."
                    ),
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
