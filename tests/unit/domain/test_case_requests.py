"""The CaseRequests aggregate: expedite, correction and accommodation, submitted and decided."""

import uuid

import pytest
from pydantic import ValidationError

from immportal.domain.actor import Actor, Role
from immportal.domain.cases.status import CaseStatus
from immportal.domain.correspondence.request_details import (
    AccommodationDetails,
    AccommodationNeed,
    AppointmentKind,
    CorrectionDetails,
    ExpediteCriterion,
    ExpediteDetails,
    RequestDetails,
    RequestKind,
    details_of,
)
from immportal.domain.correspondence.requests import (
    OUTCOMES,
    CaseRequests,
    RequestRefused,
    RequestState,
    UnknownRequest,
    check_may_request,
)
from immportal.domain.errors import InvalidArgument, NotPermitted

CASE_ID = uuid.UUID("8a2d4f60-1b3c-4e5d-8f7a-9b0c1d2e3f40")
APPLICANT = Actor("applicant-8", Role.APPLICANT)
REPRESENTATIVE = Actor("representative-8", Role.REPRESENTATIVE)
OFFICER = Actor("officer-8", Role.OFFICER)
SUPERVISOR = Actor("supervisor-8", Role.SUPERVISOR)
EXPEDITE = ExpediteDetails(
    criterion=ExpediteCriterion.URGENT_HUMANITARIAN, explanation="My mother is gravely ill."
)
CORRECTION = CorrectionDetails(
    document="Receipt notice", wrong="Maria Lopes", correct="Maria Lopez"
)
ACCOMMODATION = AccommodationDetails(
    appointment=AppointmentKind.BIOMETRICS, need=AccommodationNeed.MOBILITY
)
ALL_DETAILS: list[RequestDetails] = [EXPEDITE, CORRECTION, ACCOMMODATION]


def opened() -> CaseRequests:
    """A case's requests, opened, its Opened event collected."""
    requests = CaseRequests.open(CASE_ID)
    requests.collect_events()
    return requests


def submitted(details: RequestDetails) -> tuple[CaseRequests, uuid.UUID]:
    """A case's requests with one request of these details waiting."""
    requests, request_id = opened(), uuid.uuid4()
    requests.submit(APPLICANT, request_id=request_id, details=details)
    requests.collect_events()
    return requests, request_id


def may_request(actor: Actor, kind: RequestKind, status: CaseStatus) -> None:
    """Check the actor on the applicant's case, which the representative acts on."""
    check_may_request(
        actor,
        kind,
        applicant_id=APPLICANT.user_id,
        representative_ids=[REPRESENTATIVE.user_id],
        status=status,
    )


class TestDetails:
    """Each kind's form values are checked as frozen models."""

    def test_expedite_needs_a_criterion_and_an_explanation(self) -> None:
        """No criterion, an unknown one, or no explanation: refused."""
        for values in (
            {"explanation": "Soon please"},
            {"criterion": "impatience", "explanation": "Soon please"},
            {"criterion": "agency_error", "explanation": "  "},
        ):
            with pytest.raises(ValidationError):
                ExpediteDetails.model_validate(values)

    def test_accommodation_other_must_say_what(self) -> None:
        """'Something else' without an explanation is refused; with one it passes."""
        with pytest.raises(ValidationError):
            AccommodationDetails(appointment=AppointmentKind.ANY, need=AccommodationNeed.OTHER)
        other = AccommodationDetails(
            appointment=AppointmentKind.ANY, need=AccommodationNeed.OTHER, explanation="A chair"
        )
        assert "A chair" == other.explanation

    def test_correction_fields_are_plain_and_short(self) -> None:
        """Hidden characters and over-long answers are refused."""
        with pytest.raises(ValidationError):
            CorrectionDetails(document="Card", wrong="Ana\u202e", correct="Ana")
        with pytest.raises(ValidationError):
            CorrectionDetails(document="Card", wrong="A" * 501, correct="Ana")

    @pytest.mark.parametrize("details", ALL_DETAILS, ids=lambda d: d.kind.value)
    def test_recorded_details_read_back(self, details: RequestDetails) -> None:
        """What an event records reads back as the same model."""
        requests = opened()
        requests.submit(APPLICANT, request_id=uuid.uuid4(), details=details)
        [event] = requests.collect_events()
        assert details == details_of(RequestKind(event.kind), event.details)


class TestWhoAndWhen:
    """The applicant's side asks; each kind only while it makes sense."""

    @pytest.mark.parametrize("actor", [APPLICANT, REPRESENTATIVE], ids=lambda a: a.role)
    def test_the_applicant_side_may_ask(self, actor: Actor) -> None:
        """The applicant and their representative may ask on a case waiting for a decision."""
        for kind in RequestKind:
            may_request(actor, kind, CaseStatus.BIOMETRICS_SCHEDULED)

    @pytest.mark.parametrize(
        "actor",
        [
            OFFICER,
            SUPERVISOR,
            Actor("stranger", Role.APPLICANT),
            Actor("rep-x", Role.REPRESENTATIVE),
        ],
        ids=lambda a: f"{a.role}-{a.user_id}",
    )
    def test_others_may_not(self, actor: Actor) -> None:
        """Staff do not make requests; nobody asks on someone else's case."""
        with pytest.raises(NotPermitted):
            may_request(actor, RequestKind.EXPEDITE, CaseStatus.ACCEPTED)

    @pytest.mark.parametrize(
        ("kind", "status", "allowed"),
        [
            (RequestKind.EXPEDITE, CaseStatus.ACCEPTED, True),
            (RequestKind.EXPEDITE, CaseStatus.APPROVED, False),
            (RequestKind.EXPEDITE, CaseStatus.DRAFT, False),
            (RequestKind.CORRECTION, CaseStatus.SUBMITTED, False),
            (RequestKind.CORRECTION, CaseStatus.APPROVED, True),
            (RequestKind.CORRECTION, CaseStatus.CLOSED, True),
            (RequestKind.ACCOMMODATION, CaseStatus.INTERVIEW_SCHEDULED, True),
            (RequestKind.ACCOMMODATION, CaseStatus.DENIED, False),
        ],
        ids=lambda v: str(v),
    )
    def test_statuses(self, kind: RequestKind, status: CaseStatus, allowed: bool) -> None:
        """Expedite and accommodation while the case is open; correction once a notice exists."""
        if allowed:
            may_request(APPLICANT, kind, status)
        else:
            with pytest.raises(RequestRefused):
                may_request(APPLICANT, kind, status)


class TestSubmitting:
    """A request is one event; one of each kind may wait at a time."""

    def test_submitted_event(self) -> None:
        """The event carries the case, the kind, the details and who asked."""
        requests, request_id = opened(), uuid.uuid4()
        assert requests.submit(REPRESENTATIVE, request_id=request_id, details=CORRECTION)
        [event] = requests.collect_events()
        assert (
            "RequestSubmitted",
            str(CASE_ID),
            str(request_id),
            "correction",
            {"document": "Receipt notice", "wrong": "Maria Lopes", "correct": "Maria Lopez"},
            REPRESENTATIVE.user_id,
            "representative",
        ) == (
            type(event).__name__,
            event.case_id,
            event.request_id,
            event.kind,
            event.details,
            event.actor_id,
            event.actor_role,
        )

    def test_same_form_twice_records_once(self) -> None:
        """The same request id again records nothing."""
        requests, request_id = submitted(EXPEDITE)
        assert not requests.submit(APPLICANT, request_id=request_id, details=EXPEDITE)
        assert [] == requests.collect_events()

    def test_one_waiting_of_each_kind(self) -> None:
        """A second expedite request waits for the first's decision; other kinds may be made."""
        requests, request_id = submitted(EXPEDITE)
        with pytest.raises(RequestRefused):
            requests.submit(APPLICANT, request_id=uuid.uuid4(), details=EXPEDITE)
        requests.submit(APPLICANT, request_id=uuid.uuid4(), details=ACCOMMODATION)
        requests.decide(
            SUPERVISOR,
            request_id=request_id,
            outcome=RequestState.DENIED,
            reason="Not urgent.",
            case_version=5,
        )
        assert requests.submit(APPLICANT, request_id=uuid.uuid4(), details=EXPEDITE)


class TestDeciding:
    """Decisions: by whom, how, with a reason, once."""

    @pytest.mark.parametrize("outcome", [RequestState.GRANTED, RequestState.DENIED])
    def test_supervisor_decides_expedite(self, outcome: RequestState) -> None:
        """Granted or denied with a reason, recording the case's version the supervisor saw."""
        requests, request_id = submitted(EXPEDITE)
        requests.decide(
            SUPERVISOR,
            request_id=request_id,
            outcome=outcome,
            reason="  Medical letter attached.  ",
            case_version=7,
        )
        [event] = requests.collect_events()
        assert (
            "RequestDecided",
            str(request_id),
            "expedite",
            outcome.value,
            "Medical letter attached.",
            7,
            SUPERVISOR.user_id,
            "supervisor",
        ) == (
            type(event).__name__,
            event.request_id,
            event.kind,
            event.outcome,
            event.reason,
            event.case_version,
            event.actor_id,
            event.actor_role,
        )
        assert outcome is requests.requests[str(request_id)].state

    def test_officer_may_not_decide_expedite(self) -> None:
        """Only a supervisor moves a case ahead of others."""
        requests, request_id = submitted(EXPEDITE)
        with pytest.raises(NotPermitted):
            requests.decide(
                OFFICER,
                request_id=request_id,
                outcome=RequestState.GRANTED,
                reason="Ok",
                case_version=1,
            )

    @pytest.mark.parametrize("decider", [OFFICER, SUPERVISOR], ids=lambda a: a.role)
    @pytest.mark.parametrize("details", [CORRECTION, ACCOMMODATION], ids=lambda d: d.kind.value)
    def test_officers_and_supervisors_decide_the_rest(
        self, decider: Actor, details: RequestDetails
    ) -> None:
        """Corrections and accommodations are decided by either, in their own outcomes."""
        requests, request_id = submitted(details)
        outcome = next(iter(OUTCOMES[details.kind] - {RequestState.DENIED}))
        requests.decide(
            decider, request_id=request_id, outcome=outcome, reason="Done.", case_version=3
        )
        assert outcome is requests.requests[str(request_id)].state

    @pytest.mark.parametrize(
        ("details", "outcome"),
        [(EXPEDITE, RequestState.DONE), (CORRECTION, RequestState.GRANTED)],
        ids=["expedite-done", "correction-granted"],
    )
    def test_outcome_must_fit_the_kind(
        self, details: RequestDetails, outcome: RequestState
    ) -> None:
        """An expedite request is not 'corrected'; a correction is not 'granted'."""
        requests, request_id = submitted(details)
        with pytest.raises(InvalidArgument):
            requests.decide(
                SUPERVISOR, request_id=request_id, outcome=outcome, reason="x", case_version=1
            )

    def test_reason_required_and_once_only(self) -> None:
        """A blank reason is refused; a decided request cannot be decided again."""
        requests, request_id = submitted(ACCOMMODATION)
        with pytest.raises(InvalidArgument):
            requests.decide(
                OFFICER,
                request_id=request_id,
                outcome=RequestState.GRANTED,
                reason=" ",
                case_version=1,
            )
        requests.decide(
            OFFICER,
            request_id=request_id,
            outcome=RequestState.GRANTED,
            reason="Ramp",
            case_version=1,
        )
        with pytest.raises(RequestRefused):
            requests.decide(
                OFFICER,
                request_id=request_id,
                outcome=RequestState.DENIED,
                reason="No",
                case_version=1,
            )

    def test_unknown_request(self) -> None:
        """A request id the case does not have is refused."""
        with pytest.raises(UnknownRequest):
            opened().decide(
                SUPERVISOR,
                request_id=uuid.uuid4(),
                outcome=RequestState.GRANTED,
                reason="x",
                case_version=1,
            )
