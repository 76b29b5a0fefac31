"""Tests for the case status machine in immportal.domain.cases.status."""

from __future__ import annotations

import itertools

import pytest

from immportal.domain.cases.status import (
    OPEN_STATUSES,
    TERMINAL_STATUSES,
    TRANSITIONS,
    CaseStatus,
    allowed_commands,
    describe,
    is_allowed,
    next_status,
)
from immportal.domain.errors import CaseClosed, TransitionNotAllowed
from testkit.domain_case_helpers import SPEC

PAIRS = list(itertools.product(sorted(TRANSITIONS), CaseStatus))


class TestTransitionTable:
    """The table covers exactly the commands of the design."""

    def test_commands_match_the_design(self) -> None:
        """The table names the same commands as the design's lifecycle."""
        assert sorted(SPEC) == sorted(TRANSITIONS)

    def test_unchanged_statuses_are_allowed(self) -> None:
        """Every status a command leaves unchanged is also a status it is allowed from."""
        for transition in TRANSITIONS.values():
            assert transition.unchanged_from <= transition.allowed_from


class TestNextStatus:
    """next_status follows the design for every command in every status."""

    @pytest.mark.parametrize(("command", "current"), PAIRS)
    def test_pair(self, command: str, current: CaseStatus) -> None:
        """An allowed pair gives the design's status; any other raises TransitionNotAllowed."""
        expected = SPEC[command].get(current)
        if command == "issue_decision" and expected is not None:
            expected = current  # the aggregate picks approved or denied from the proposal
        if expected is None:
            with pytest.raises(TransitionNotAllowed):
                next_status(command, current)
        else:
            assert expected == next_status(command, current)
        assert (current in SPEC[command]) == is_allowed(command, current)

    @pytest.mark.parametrize("current", sorted(TERMINAL_STATUSES))
    def test_terminal_statuses_raise_case_closed(self, current: CaseStatus) -> None:
        """A withdrawn or closed case refuses ordinary work with CaseClosed."""
        with pytest.raises(CaseClosed, match="Cannot assign: the case was"):
            next_status("assign", current)

    def test_message_is_plain_words(self) -> None:
        """The refusal names the command and the status in plain words."""
        with pytest.raises(TransitionNotAllowed) as caught:
            next_status("request_evidence", CaseStatus.DRAFT)
        expected = (
            "Cannot request evidence while the case status is: Draft, not yet submitted.",
            "request_evidence",
            "draft",
        )
        assert expected == (str(caught.value), caught.value.command, caught.value.status)

    def test_closing_a_withdrawn_case_is_allowed(self) -> None:
        """A withdrawn case can still be closed."""
        expected = CaseStatus.CLOSED
        assert expected == next_status("close", CaseStatus.WITHDRAWN)

    def test_allowed_commands_in_draft(self) -> None:
        """A draft can be saved, submitted or deleted, get a new address or representative."""
        expected = {
            "save_answers",
            "submit",
            "delete_draft",
            "change_address",
            "authorize_representative",
            "revoke_representative",
        }
        assert expected == allowed_commands(CaseStatus.DRAFT)


class TestStatusHelpers:
    """The status groups and labels."""

    def test_every_status_has_a_label(self) -> None:
        """Every status has a plain-language label."""
        assert all(describe(status) for status in CaseStatus)

    def test_label_examples(self) -> None:
        """Labels read as a person would say them."""
        expected = ("Case was received", "Decision: approved")
        assert expected == (describe(CaseStatus.ACCEPTED), describe(CaseStatus.APPROVED))

    def test_open_and_terminal_do_not_overlap(self) -> None:
        """No status is both open and terminal."""
        assert frozenset() == OPEN_STATUSES & TERMINAL_STATUSES
