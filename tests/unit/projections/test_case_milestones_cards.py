"""The case_milestones read model keeps when an approval's card was produced, mailed, returned."""

from typing import Any
from uuid import uuid4

from immportal.adapters.postgres.eventstore import LogRecord
from immportal.domain.actor import Actor, Role
from immportal.domain.cases.case import Case
from immportal.domain.cases.forms import FormType
from immportal.projections.base import Projected
from immportal.projections.case_milestones import CASE_COLUMNS, fold, new_row

APPLICANT = Actor("applicant-cards", Role.APPLICANT)
OFFICER = Actor("officer-cards", Role.OFFICER)


def folded(events: list[Any]) -> dict[str, Any]:
    """The milestone row of these events of one case."""
    row = new_row(uuid4())
    for position, event in enumerate(events, start=1):
        at = event.timestamp
        fold(
            row, Projected(LogRecord(position, row["case_id"], position, "t", b"", at, b""), event)
        )
    return row


def approved_i90() -> Case:
    """An approved I-90."""
    case = Case.start(
        applicant_id=APPLICANT.user_id, form_type=FormType.I90, office="NBC", actor=APPLICANT
    )
    case.submit(APPLICANT, fee_cents=41_500)
    case.accept(Actor.system(), "IOE2712345678")
    case.assign(OFFICER, OFFICER.user_id)
    case.propose_decision(OFFICER, "approve", "Eligible", "", review_required=False)
    case.issue_decision(OFFICER)
    return case


class TestCardMilestones:
    """Each card step sets its time; the status stays approved."""

    def test_columns(self) -> None:
        """The three card times are columns of the table."""
        expected = {"card_produced_at", "card_mailed_at", "card_returned_at"}
        assert expected <= set(CASE_COLUMNS)

    def test_times(self) -> None:
        """Before the card nothing is set; then each step takes its event's time."""
        before = folded(approved_i90().collect_events())
        case = approved_i90()
        case.produce_card(OFFICER)
        case.mail_card(OFFICER, "EJ123456785US")
        case.return_card(OFFICER, "Addressee unknown")
        events = case.collect_events()
        times = {type(e).__name__: e.timestamp for e in events}
        row = folded(events)
        columns = ("card_produced_at", "card_mailed_at", "card_returned_at")
        assert (None, None, None) == tuple(before[c] for c in columns)
        expected = (times["CardProduced"], times["CardMailed"], times["CardReturned"], "approved")
        assert expected == (*(row[c] for c in columns), row["status"])
