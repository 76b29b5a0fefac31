"""What each kind of notice says (immportal.services.notices.kinds and .content)."""

from datetime import UTC, date, datetime
from types import SimpleNamespace
from typing import Any

from immportal.domain.actor import Actor, Role
from immportal.domain.cases.case import Case
from immportal.domain.cases.forms import FormType
from immportal.services.notices.content import NoticeContent, plain_date
from immportal.services.notices.kinds import NOTICE_KINDS, address_change_notice

APPLICANT = Actor("applicant-notices", Role.APPLICANT)
OFFICER = Actor("officer-notices-7", Role.OFFICER)
SUPERVISOR = Actor("supervisor-notices-3", Role.SUPERVISOR)
SYSTEM = Actor.system()
RECEIPT = "IOE2712345678"
BIOMETRICS_AT = datetime(2027, 1, 15, 14, 30, tzinfo=UTC)
MOVED_TO = datetime(2027, 1, 22, 9, 0, tzinfo=UTC)
DUE_ON = date(2027, 3, 1)
NOTE = "Internal: applicant sounded nervous on the phone"
PROPOSAL_REASON = "Continuous residence is not shown for 2019."


def accepted_case() -> Case:
    """An accepted I-765 of José Núñez, with a mailing address from the form."""
    case = Case.start(
        applicant_id=APPLICANT.user_id, form_type=FormType.I765, office="NBC", actor=APPLICANT
    )
    case.save_answers(
        APPLICANT, "applicant", {"given_name": "José", "middle_name": "", "family_name": "Núñez"}
    )
    case.save_answers(
        APPLICANT,
        "contact",
        {
            "email": "jose@example.test",
            "line1": "14 Lantern Way",
            "city": "Dayton",
            "state": "OH",
            "postal_code": "45402",
            "country": "United States",
        },
    )
    case.submit(APPLICANT, fee_cents=47_000)
    case.accept(SYSTEM, RECEIPT)
    return case


def last_event(case: Case) -> Any:
    """The newest event the case recorded (the one a notice is issued for)."""
    return case.collect_events()[-1]


def notice(case: Case) -> NoticeContent:
    """The notice the case's newest event issues, from the case as it now stands."""
    event = last_event(case)
    return NOTICE_KINDS[type(event).__name__].build(event, case)


def everything(content: NoticeContent) -> str:
    """All the text of a notice, as one string."""
    return content.to_json().decode()


def facts(content: NoticeContent) -> dict[str, str]:
    """The notice's summary lines by label."""
    return {f.label: f.value for f in content.facts}


class TestRegistry:
    """Which events issue which notice."""

    def test_notifiable_events(self) -> None:
        """Acceptance, appointments, evidence requests, decisions, withdrawals, requests."""
        expected = {
            "Accepted": "receipt",
            "BiometricsScheduled": "appointment",
            "BiometricsRescheduled": "appointment",
            "InterviewScheduled": "appointment",
            "InterviewRescheduled": "appointment",
            "EvidenceRequested": "evidence_request",
            "DecisionIssued": "decision",
            "Withdrawn": "withdrawal",
            "AddressChanged": "address_change",
            "RequestDecided": "request_decision",
        }
        assert expected == {name: kind.kind for name, kind in NOTICE_KINDS.items()}

    def test_staff_events_issue_nothing(self) -> None:
        """Notes, proposals and reviews never become notices."""
        for name in ("NoteAdded", "DecisionProposed", "ProposalApproved", "ProposalReturned"):
            assert name not in NOTICE_KINDS


class TestReceiptNotice:
    """The receipt notice sent when the case is accepted."""

    def test_receipt_number_form_addressee_and_dates(self) -> None:
        """It names the receipt number, form, applicant, address and dates in words."""
        case = accepted_case()
        content = notice(case)
        assert case.submitted_at is not None
        assert case.accepted_at is not None
        assert ("receipt", "Receipt notice", RECEIPT) == (
            content.kind,
            content.title,
            content.receipt_number,
        )
        assert "José Núñez" == content.addressee
        assert ("14 Lantern Way", "Dayton, OH 45402", "United States") == content.address
        assert {
            "Receipt number": RECEIPT,
            "Form": "Form I-765, Application for Employment Authorization",
            "Notice date": plain_date(case.accepted_at),
            "Received date": plain_date(case.submitted_at),
            "Fee": "$470.00 paid",
        } == facts(content)

    def test_a_changed_address_wins(self) -> None:
        """A recorded change of address replaces the form's address."""
        case = accepted_case()
        case.change_address(APPLICANT, {"line1": "8 Quay Road", "city": "Salem", "state": "MA"})
        event = next(e for e in case.collect_events() if type(e).__name__ == "Accepted")
        content = NOTICE_KINDS["Accepted"].build(event, case)
        assert ("8 Quay Road", "Salem, MA") == content.address

    def test_survives_json(self) -> None:
        """The content kept beside the PDF reads back equal."""
        content = notice(accepted_case())
        assert content == NoticeContent.from_json(content.to_json())


class TestAppointmentNotices:
    """Biometrics and interview notices: when, where, and what to bring."""

    def test_biometrics_date_time_place_and_what_to_bring(self) -> None:
        """The date in words with its weekday, the time in the place's zone, what to bring."""
        case = accepted_case()
        case.schedule_biometrics(SYSTEM, BIOMETRICS_AT, "Newark Application Support Center")
        content = notice(case)
        assert "Your biometrics appointment" == content.heading
        assert {
            "Date": "Friday, January 15, 2027",
            "Time": "9:30 AM EST",
            "Place": "Newark Application Support Center",
        }.items() <= facts(content).items()
        bring = next(b for b in content.body if b.heading == "What to bring")
        assert "This notice" in bring.items

    def test_a_place_in_another_zone(self) -> None:
        """An appointment in Los Angeles gives the time there: the evening before, in UTC terms."""
        case = accepted_case()
        late = datetime(2027, 1, 16, 0, 30, tzinfo=UTC)
        case.schedule_biometrics(SYSTEM, late, "Los Angeles Application Support Center")
        assert {"Date": "Friday, January 15, 2027", "Time": "4:30 PM PST"}.items() <= (
            facts(notice(case)).items()
        )

    def test_a_moved_appointment_says_it_replaces_the_earlier_one(self) -> None:
        """The rescheduled notice has the new date and says the old one no longer holds."""
        case = accepted_case()
        case.schedule_biometrics(SYSTEM, BIOMETRICS_AT, "ASC Newark")
        case.reschedule_biometrics(SYSTEM, MOVED_TO, "ASC Trenton")
        content = notice(case)
        assert "Your biometrics appointment has moved" == content.heading
        assert "Friday, January 22, 2027" == facts(content)["Date"]
        assert "replaces your earlier biometrics appointment notice" in everything(content)

    def test_interview_lists_original_documents(self) -> None:
        """The interview notice asks for the originals of the documents sent."""
        case = accepted_case()
        case.assign(SUPERVISOR, OFFICER.user_id)
        case.schedule_interview(OFFICER, BIOMETRICS_AT, "Newark Field Office")
        content = notice(case)
        assert "Your interview" == content.heading
        assert "The original of every document" in everything(content)
        assert OFFICER.user_id not in everything(content)


class TestEvidenceRequest:
    """The request for evidence: the items and the deadline."""

    def test_items_deadline_and_reason(self) -> None:
        """It lists each item and gives the deadline in words."""
        case = accepted_case()
        case.assign(SUPERVISOR, OFFICER.user_id)
        case.add_note(OFFICER, NOTE)
        items = ["Proof of continuous residence", "Tax returns for 2023"]
        case.request_evidence(OFFICER, items, DUE_ON, "The lease covers only part of 2023.")
        content = notice(case)
        wanted = next(b for b in content.body if b.heading == "What we need")
        assert tuple(items) == wanted.items
        assert "March 1, 2027" == facts(content)["Respond by"]
        assert "by March 1, 2027" in everything(content)
        assert NOTE not in everything(content)


class TestDecisionNotice:
    """The decision notice: outcome, reasons and legal basis as recorded, nothing internal."""

    def test_denial_with_reasons_and_legal_basis(self) -> None:
        """A denial gives the recorded reasons, legal basis and how to appeal; no staff names."""
        case = accepted_case()
        case.assign(SUPERVISOR, OFFICER.user_id)
        case.add_note(OFFICER, NOTE)
        case.propose_decision(OFFICER, "deny", PROPOSAL_REASON, "8 CFR 316.5", True)
        case.approve_proposal(SUPERVISOR, "Agreed with the officer's reading.")
        case.issue_decision(SUPERVISOR)
        content = notice(case)
        text = everything(content)
        assert "Your application is denied" == content.heading
        assert {"Decision": "Denied", "Legal basis": "8 CFR 316.5"}.items() <= facts(
            content
        ).items()
        assert PROPOSAL_REASON in text
        assert "appeal" in text
        for internal in (NOTE, OFFICER.user_id, SUPERVISOR.user_id, "Agreed with the officer"):
            assert internal not in text

    def test_approval(self) -> None:
        """An approval says so and keeps the notice as proof."""
        case = accepted_case()
        case.assign(SUPERVISOR, OFFICER.user_id)
        case.propose_decision(OFFICER, "approve", "All requirements are met.", "INA 274A", False)
        case.issue_decision(OFFICER)
        content = notice(case)
        assert "Your application is approved" == content.heading
        assert "Approved" == facts(content)["Decision"]


class TestAddressChangeConfirmation:
    """The confirmation sent for each case whose mailing address changed."""

    def test_new_address_and_what_to_do_if_it_was_not_you(self) -> None:
        """It is addressed to the new address, shows it, and says what to do if unexpected."""
        case = accepted_case()
        new = {"line1": "8 Quay Road", "city": "Salem", "state": "MA", "postal_code": "01970"}
        case.change_address(APPLICANT, new)
        content = notice(case)
        expected = ("Address change confirmation", ("8 Quay Road", "Salem, MA 01970"))
        assert expected == (content.title, content.address)
        assert "8 Quay Road, Salem, MA 01970" == facts(content)["New mailing address"]
        assert RECEIPT == facts(content)["Receipt number"]
        assert "If you did not ask for this change" in everything(content)


class TestRecipientsDay:
    """A notice is dated on the day it is where the recipient lives."""

    def test_guam_is_a_day_ahead(self) -> None:
        """8 PM UTC on December 6 is December 6 in Ohio and December 7 in Guam."""
        evening = SimpleNamespace(timestamp=datetime(2026, 12, 6, 20, 0, tzinfo=UTC))
        case = accepted_case()
        in_ohio = address_change_notice(evening, case)
        case.change_address(
            APPLICANT,
            {"line1": "1 Marine Corps Drive", "city": "Hagatna", "state": "GU",
             "postal_code": "96910", "country": "US"},
        )  # fmt: skip
        in_guam = address_change_notice(evening, case)
        assert (date(2026, 12, 6), "December 6, 2026") == (
            in_ohio.notice_date,
            facts(in_ohio)["Notice date"],
        )
        assert (date(2026, 12, 7), "December 7, 2026") == (
            in_guam.notice_date,
            facts(in_guam)["Notice date"],
        )
