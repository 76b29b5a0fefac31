"""Integration events of conversations and requests: routing keys, case ids, no words."""

import json
from uuid import uuid4

from immportal.domain.actor import Actor, Role
from immportal.domain.correspondence.conversation import Conversation
from immportal.domain.correspondence.request_details import ExpediteCriterion, ExpediteDetails
from immportal.domain.correspondence.requests import CaseRequests, RequestState
from immportal.integration.base import IntegrationEvent
from immportal.integration.contracts import (
    CaseRequestDecided,
    MessagePosted,
    is_published,
    to_integration_event,
)

CONVERSATION = "immportal.domain.correspondence.conversation:Conversation."
REQUESTS = "immportal.domain.correspondence.requests:CaseRequests."
APPLICANT = Actor("applicant-contract-corr", Role.APPLICANT)
SUPERVISOR = Actor("supervisor-contract-corr", Role.SUPERVISOR)
SECRETS = ("My wife is very ill", "hospital letter", "Refused: no proof")


def mapped(prefix: str, events: list[object]) -> list[tuple[str, IntegrationEvent]]:
    """The published (routing key, contract) of each event."""
    found = []
    for event in events:
        result = to_integration_event(prefix + type(event).__name__, event)
        if result is not None:
            found.append(result)
    return found


class TestConversationAndRequests:
    """A message, a request and a decision are published with their case; opening is not."""

    def test_keys_case_ids_and_no_words(self) -> None:
        """Three messages go out, each naming the case; none carries the people's words."""
        case_id, request_id = uuid4(), uuid4()
        conversation = Conversation.open(case_id)
        conversation.post(
            APPLICANT, message_id=uuid4(), text=SECRETS[0], attachment_ids=[uuid4(), uuid4()]
        )
        requests = CaseRequests.open(case_id)
        details = ExpediteDetails(
            criterion=ExpediteCriterion.URGENT_HUMANITARIAN, explanation=SECRETS[1]
        )
        requests.submit(APPLICANT, request_id=request_id, details=details)
        requests.decide(
            SUPERVISOR,
            request_id=request_id,
            outcome=RequestState.DENIED,
            reason=SECRETS[2],
            case_version=4,
        )
        published = mapped(CONVERSATION, conversation.collect_events()) + mapped(
            REQUESTS, requests.collect_events()
        )
        keys = [key for key, _ in published]
        assert [
            "conversation.message_posted",
            "case_requests.request_submitted",
            "case_requests.request_decided",
        ] == keys
        message, _submitted, decision = (contract for _, contract in published)
        assert isinstance(message, MessagePosted)
        assert isinstance(decision, CaseRequestDecided)
        assert (case_id, "applicant", 2) == (
            message.case_id,
            message.author_role,
            message.attachment_count,
        )
        assert (case_id, "expedite", "denied") == (
            decision.case_id,
            decision.kind,
            decision.outcome,
        )
        bodies = json.dumps([c.model_dump(mode="json") for _, c in published])
        for secret in SECRETS:
            assert secret not in bodies
        assert not is_published(CONVERSATION + "Opened")
        assert not is_published(REQUESTS + "Opened")
