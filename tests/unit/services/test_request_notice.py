"""The notice of a decision on a request (immportal.services.notices.request_notice)."""

from typing import Any
from uuid import uuid4

import pytest

from immportal.domain.actor import Actor, Role
from immportal.domain.cases.case import Case
from immportal.domain.cases.forms import FormType
from immportal.domain.correspondence.request_details import (
    AccommodationDetails,
    AccommodationNeed,
    AppointmentKind,
    CorrectionDetails,
    ExpediteCriterion,
    ExpediteDetails,
    RequestDetails,
)
from immportal.domain.correspondence.requests import OUTCOMES, CaseRequests, RequestState
from immportal.services.notices.kinds import NOTICE_KINDS
from immportal.services.notices.request_notice import HEADINGS, NEXT_STEPS

APPLICANT = Actor("applicant-request-notice", Role.APPLICANT)
SUPERVISOR = Actor("supervisor-request-notice", Role.SUPERVISOR)
RECEIPT = "IOE2787654321"
REASON = "The letter from the hospital shows the need.\nWe moved your case ahead."
DETAILS: list[RequestDetails] = [
    ExpediteDetails(criterion=ExpediteCriterion.URGENT_HUMANITARIAN, explanation="Surgery"),
    CorrectionDetails(document="Receipt notice", wrong="Lopes", correct="Lopez"),
    AccommodationDetails(appointment=AppointmentKind.INTERVIEW, need=AccommodationNeed.HEARING),
]
CASES = [(d, outcome) for d in DETAILS for outcome in sorted(OUTCOMES[d.kind])]


def accepted_case() -> Case:
    """An accepted I-765 of Ana Lopez."""
    case = Case.start(
        applicant_id=APPLICANT.user_id, form_type=FormType.I765, office="NBC", actor=APPLICANT
    )
    case.save_answers(APPLICANT, "applicant", {"given_name": "Ana", "family_name": "Lopez"})
    case.submit(APPLICANT, fee_cents=47_000)
    case.accept(Actor.system(), RECEIPT)
    return case


def decided(details: RequestDetails, outcome: RequestState) -> Any:
    """The RequestDecided event of a request with these details."""
    requests, request_id = CaseRequests.open(accepted_case().id), uuid4()
    requests.submit(APPLICANT, request_id=request_id, details=details)
    requests.decide(
        SUPERVISOR, request_id=request_id, outcome=outcome, reason=REASON, case_version=4
    )
    return requests.collect_events()[-1]


class TestRequestDecisionNotice:
    """Each decision's notice says what was asked, what was decided, why and what next."""

    def test_every_outcome_has_words(self) -> None:
        """Each kind's possible outcomes have a heading and next steps."""
        expected = {(d.kind, outcome) for d, outcome in CASES}
        assert expected == set(HEADINGS) == set(NEXT_STEPS)

    @pytest.mark.parametrize(
        ("details", "outcome"), CASES, ids=lambda v: getattr(v, "value", None) or v.kind.value
    )
    def test_content(self, details: RequestDetails, outcome: RequestState) -> None:
        """Letterhead of the case, the request and decision as facts, the reason as written."""
        case, event = accepted_case(), decided(details, outcome)
        content = NOTICE_KINDS["RequestDecided"].build(event, case)
        facts = {f.label: f.value for f in content.facts}
        assert ("request_decision", "Decision on your request", RECEIPT, "Ana Lopez") == (
            content.kind,
            content.title,
            content.receipt_number,
            content.addressee,
        )
        assert HEADINGS[(details.kind, outcome)] == content.heading
        assert {"Receipt number", "Form", "Notice date", "Request", "Decision"} == set(facts)
        assert ("Reasons for our decision", (REASON,)) == (
            content.body[0].heading,
            content.body[0].paragraphs,
        )
        assert NEXT_STEPS[(details.kind, outcome)] == content.body[1].paragraphs
