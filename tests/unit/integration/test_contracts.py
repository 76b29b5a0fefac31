"""Integration events: stable ids, snake-case routing keys, no personal data."""

import json
from datetime import date

from immportal.domain.actor import Actor, Role
from immportal.domain.cases.case import Case
from immportal.domain.cases.forms import FormType
from immportal.integration.contracts import (
    CaseEvent,
    EvidenceRequested,
    contract_for,
    event_id,
    json_schemas,
    snake_case,
    to_integration_event,
)

APPLICANT = Actor("applicant-contract", Role.APPLICANT)
OFFICER = Actor("officer-contract", Role.OFFICER)
TOPIC = "immportal.domain.cases.case:Case."


def evidence_case() -> Case:
    """A case walked to an evidence request, with personal data in its answers."""
    case = Case.start(
        applicant_id=APPLICANT.user_id, form_type=FormType.N400, office="NYC", actor=APPLICANT
    )
    case.save_answers(APPLICANT, "contact", {"given_name": "Maria", "email": "m@example.test"})
    case.submit(APPLICANT, fee_cents=76_000)
    case.accept(Actor.system(), "IOE2700000001")
    case.assign(OFFICER, OFFICER.user_id)
    case.request_evidence(OFFICER, ["Tax transcripts"], date(2027, 3, 1), "Income unclear")
    return case


class TestMapping:
    """Domain events become contracts with routing keys."""

    def test_routing_keys_are_snake_case(self) -> None:
        """Event class names become `case.<snake_case>` keys."""
        case = evidence_case()
        keys = [to_integration_event(TOPIC + type(e).__name__, e) for e in case.collect_events()]
        assert [
            "case.started",
            "case.answers_saved",
            "case.submitted",
            "case.accepted",
            "case.assigned",
            "case.evidence_requested",
        ] == [k[0] for k in keys if k]

    def test_no_personal_data_or_reasons(self) -> None:
        """Names, emails, answers and free-text reasons never leave in a message."""
        case = evidence_case()
        bodies = [
            json.dumps(mapped[1].model_dump(mode="json"))
            for e in case.collect_events()
            if (mapped := to_integration_event(TOPIC + type(e).__name__, e))
        ]
        text = " ".join(bodies)
        for secret in ("Maria", "m@example.test", "Income unclear", "Tax transcripts"):
            assert secret not in text

    def test_evidence_request_carries_deadline_and_count(self) -> None:
        """The evidence request contract has the due date and how many items."""
        event = evidence_case().collect_events()[-1]
        mapped = to_integration_event(TOPIC + "EvidenceRequested", event)
        assert mapped is not None
        contract = mapped[1]
        assert isinstance(contract, EvidenceRequested)
        assert (date(2027, 3, 1), 1, "evidence_requested") == (
            contract.due_on,
            contract.item_count,
            contract.status,
        )

    def test_event_id_is_stable(self) -> None:
        """The same stored event always gets the same id; another version another id."""
        case = evidence_case()
        assert event_id(case.id, 3) == event_id(case.id, 3)
        assert event_id(case.id, 3) != event_id(case.id, 4)

    def test_other_topics_are_not_published(self) -> None:
        """Only case events are mapped for now."""
        event = evidence_case().collect_events()[0]
        assert to_integration_event("immportal.domain.account:Account.Created", event) is None

    def test_roundtrip_through_json(self) -> None:
        """A consumer parses the body back into the same contract."""
        event = evidence_case().collect_events()[-1]
        mapped = to_integration_event(TOPIC + "EvidenceRequested", event)
        assert mapped is not None
        key, contract = mapped
        parsed = contract_for(key).model_validate_json(contract.model_dump_json())
        assert contract == parsed


class TestSchemas:
    """Each contract publishes a JSON schema with its version."""

    def test_every_contract_has_a_versioned_schema(self) -> None:
        """Schemas name their required fields and carry x-schema-version."""
        schemas = json_schemas()
        assert {"CaseEvent", "CaseStarted", "CaseAccepted", "DecisionIssued"} <= set(schemas)
        assert all(s["x-schema-version"] >= 1 for s in schemas.values())
        assert "due_on" in schemas["EvidenceRequested"]["required"]

    def test_unknown_key_parses_as_plain_case_event(self) -> None:
        """A routing key without its own contract still parses with the common fields."""
        assert CaseEvent is contract_for("case.note_added")

    def test_snake_case(self) -> None:
        """CamelCase names become snake case."""
        assert "biometrics_rescheduled" == snake_case("BiometricsRescheduled")
