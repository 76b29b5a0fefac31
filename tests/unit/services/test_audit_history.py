"""A case's history: what each event changed, worked out by replaying the events."""

from datetime import UTC, datetime
from uuid import uuid4

from immportal.domain.actor import Actor, Role
from immportal.domain.cases.case import Case
from immportal.domain.cases.forms import FormType
from immportal.services.audit.history import Change, replay
from immportal.services.audit.ports import LoggedEvent

APPLICANT = Actor("applicant-history", Role.APPLICANT)


def logged(events: list[object]) -> list[LoggedEvent]:
    """Events as the audit log would return them (positions 1, 2, …)."""
    at = datetime(2026, 3, 1, tzinfo=UTC)
    return [
        LoggedEvent(n, uuid4(), n, f"immportal.domain.cases.case:Case.{type(e).__name__}", at, e)
        for n, e in enumerate(events, start=1)
    ]


def new_case() -> Case:
    """A draft case with answers, then submitted."""
    case = Case.start(
        applicant_id=APPLICANT.user_id, form_type=FormType.I90, office="NBC", actor=APPLICANT
    )
    case.save_answers(APPLICANT, "about_you", {"family_name": "Doe"})
    case.submit(APPLICANT, fee_cents=46_500)
    return case


class TestReplay:
    """Each entry lists only the fields its event changed."""

    def test_changes_of_each_event(self) -> None:
        """Answers saved shows the new answer; submitted shows status and fee."""
        entries = list(replay(logged(list(new_case().collect_events()))))
        assert ("Started", "AnswersSaved", "Submitted") == tuple(e.event_type for e in entries)
        assert (Change("answers.about_you.family_name", "", "Doe"),) == entries[1].changes
        submitted = {c.field: (c.before, c.after) for c in entries[2].changes}
        assert ("draft", "submitted") == submitted["status"]
        assert ("0", "46500") == submitted["fee_cents"]
        assert (APPLICANT.user_id, "applicant") == (entries[2].actor_id, entries[2].actor_role)

    def test_started_shows_the_initial_fields(self) -> None:
        """The first event lists what the case began with, not empty fields."""
        first = next(replay(logged(list(new_case().collect_events())[:1])))
        fields = {c.field: c.after for c in first.changes}
        assert ("NBC", "draft") == (fields["office"], fields["status"])
        assert "officer_id" not in fields

    def test_unreadable_event_is_listed_without_fields(self) -> None:
        """An event that could not be decoded is shown as such; its neighbours still replay."""
        events = logged(list(new_case().collect_events()))
        broken = events[1]
        events[1] = LoggedEvent(
            broken.position, broken.aggregate_id, 2, broken.topic, broken.recorded_at, None
        )
        entries = list(replay(events))
        assert [True, False, False] == [e.readable for e in entries]
        assert () == entries[1].changes
