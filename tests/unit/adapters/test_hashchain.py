"""The hash of one link depends on every part of the event and on the link before."""

from dataclasses import replace
from datetime import UTC, datetime, timedelta
from uuid import uuid4

import pytest

from immportal.adapters.postgres.hashchain import GENESIS, ChainLink, link_hash

LINK = ChainLink(
    7,
    uuid4(),
    3,
    "immportal.domain.cases.case:Case.Submitted",
    b'{"a":1}',
    datetime(2026, 11, 26, 12, 0, tzinfo=UTC),
)


class TestLinkHash:
    """link_hash is deterministic and sensitive to each field."""

    def test_same_input_same_hash(self) -> None:
        """Recomputing gives the stored hash back."""
        assert link_hash(GENESIS, LINK) == link_hash(GENESIS, replace(LINK))

    @pytest.mark.parametrize(
        "changed",
        [
            replace(LINK, position=8),
            replace(LINK, originator_id=uuid4()),
            replace(LINK, originator_version=4),
            replace(LINK, topic=LINK.topic + "X"),
            replace(LINK, state=b'{"a":2}'),
            replace(LINK, recorded_at=LINK.recorded_at + timedelta(microseconds=1)),
        ],
        ids=["position", "originator", "version", "topic", "state", "time"],
    )
    def test_any_field_changes_the_hash(self, changed: ChainLink) -> None:
        """Altering one field of an event changes its hash."""
        assert link_hash(GENESIS, LINK) != link_hash(GENESIS, changed)

    def test_previous_hash_is_chained(self) -> None:
        """The same event after a different predecessor hashes differently."""
        assert link_hash(GENESIS, LINK) != link_hash(b"\x01" * 32, LINK)

    def test_topic_and_state_boundary_is_unambiguous(self) -> None:
        """Moving bytes between topic and state cannot keep the hash."""
        moved = replace(LINK, topic=LINK.topic + '{"a"', state=b":1}")
        assert link_hash(GENESIS, LINK) != link_hash(GENESIS, moved)
