"""The in-memory event store keeps the PostgreSQL store's promises: atomic, checked, gap-free."""

import asyncio
from datetime import UTC, datetime, timedelta
from uuid import uuid4

import pytest
from eventsourcing.cryptography import AESCipher

from immportal.adapters.postgres.mapper import create_mapper
from immportal.domain.cases.case import Case
from immportal.domain.cases.forms import FormType
from immportal.errors import ConcurrencyConflict
from immportal.services.repository import Repository
from testkit.domain_case_helpers import APPLICANT, new_case
from testkit.memory_store import MemoryEventStore


class Clock:
    """A clock the test moves by hand."""

    def __init__(self) -> None:
        self.now = datetime(2027, 3, 1, 9, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        """The current moment."""
        return self.now


def answered(case: Case, times: int) -> Case:
    """The case with `times` more pages of answers saved."""
    for page in range(times):
        case.save_answers(APPLICANT, f"page_{page}", {"answer": page})
    return case


class TestAppend:
    """Appending events."""

    async def test_positions_are_gap_free_and_returned(self) -> None:
        """Each append returns the next positions of the global log, across aggregates."""
        store = MemoryEventStore()
        first = await store.append(answered(new_case(), 1).collect_events())
        second = await store.append(answered(new_case(), 2).collect_events())
        assert ([1, 2], [3, 4, 5]) == (first, second)
        assert 5 == await store.head()

    async def test_batch_with_a_conflict_leaves_nothing(self) -> None:
        """When the second aggregate of a batch is stale, the first one's events are not kept."""
        store = MemoryEventStore()
        repository = Repository(store)
        stale = new_case()
        await repository.save(stale)
        fresh = await repository.get(Case, stale.id)
        fresh.submit(APPLICANT, fee_cents=41_500)
        await repository.save(fresh)
        stale.save_answers(APPLICANT, "about_you", {"family_name": "Okafor"})  # never saw it
        other = answered(new_case(), 1)
        with pytest.raises(ConcurrencyConflict):
            await repository.save(other, stale)
        assert 2 == await store.head()
        assert [] == await store.read_stream(other.id)
        assert ["Started", "Submitted"] == store.topics(stale.id)

    async def test_positions_stay_gap_free_after_a_conflict(self) -> None:
        """A refused append uses no positions: the next one continues where the log ends."""
        store = MemoryEventStore()
        started = new_case().collect_events()
        await store.append(started)
        with pytest.raises(ConcurrencyConflict):
            await store.append([*new_case().collect_events(), *started])
        assert [2] == await store.append(new_case().collect_events())

    async def test_second_start_with_the_same_id_conflicts(self) -> None:
        """Only one first event per aggregate id: the second is refused like a stale save."""
        store = MemoryEventStore()
        case_id = uuid4()
        starts = [
            Case.start(
                applicant_id="applicant-1",
                form_type=FormType.I90,
                office="NBC",
                actor=APPLICANT,
                case_id=case_id,
            )
            for _ in range(2)
        ]
        await store.append(starts[0].collect_events())
        with pytest.raises(ConcurrencyConflict):
            await store.append(starts[1].collect_events())
        assert ["Started"] == store.topics(case_id)

    async def test_version_gap_is_refused(self) -> None:
        """An event must follow its aggregate's head: skipping a version is a conflict too."""
        store = MemoryEventStore()
        case = answered(new_case(), 2)
        started, _, third = case.collect_events()
        await store.append([started])
        with pytest.raises(ConcurrencyConflict, match="past version 2"):
            await store.append([third])
        assert 1 == await store.head()

    async def test_concurrent_saves_one_wins(self) -> None:
        """Ten tasks saving the same version of a case: one is kept, nine conflict."""
        store = MemoryEventStore()
        repository = Repository(store)
        case = new_case()
        await repository.save(case)
        copies = [await repository.get(Case, case.id) for _ in range(10)]
        for copy in copies:
            copy.save_answers(APPLICANT, "about_you", {"family_name": "Okafor"})
        results = await asyncio.gather(
            *(repository.save(copy) for copy in copies), return_exceptions=True
        )
        conflicts = [r for r in results if isinstance(r, ConcurrencyConflict)]
        assert (9, 2) == (len(conflicts), await store.head())

    async def test_unserialisable_event_appends_nothing(self) -> None:
        """An event the mapper cannot encode fails the whole append before anything is kept."""
        store = MemoryEventStore()
        case = new_case()
        case.save_answers(APPLICANT, "about_you", {"photo": object()})
        with pytest.raises(TypeError):
            await store.append(case.collect_events())
        assert 0 == await store.head()

    async def test_empty_append(self) -> None:
        """Appending no events returns no positions and changes nothing."""
        store = MemoryEventStore()
        assert ([], 0) == (await store.append([]), await store.head())


class TestReadStream:
    """Reading one aggregate's history."""

    async def test_replay_gives_the_same_case(self) -> None:
        """The stored events rebuild an equal case, through the real mapper."""
        repository = Repository(MemoryEventStore())
        case = answered(new_case(), 3)
        await repository.save(case)
        loaded = await repository.get(Case, case.id)
        assert (case.version, case.answers) == (loaded.version, loaded.answers)

    async def test_up_to_version(self) -> None:
        """A case can be rebuilt as it stood at an earlier version."""
        repository = Repository(MemoryEventStore())
        case = answered(new_case(), 3)
        await repository.save(case)
        earlier = await repository.get(Case, case.id, up_to_version=2)
        assert (2, ["page_0"]) == (earlier.version, list(earlier.answers))

    async def test_as_of_the_recorded_moment(self) -> None:
        """`as_of` keeps the events recorded by then, as the database's recorded_at does."""
        clock = Clock()
        store = MemoryEventStore(clock=clock)
        repository = Repository(store)
        case = answered(new_case(), 1)
        await repository.save(case)
        moment = clock.now
        clock.now += timedelta(hours=1)
        answered(case, 2)
        await repository.save(case)
        then = await repository.get(Case, case.id, as_of=moment)
        assert (2, 4) == (then.version, (await repository.get(Case, case.id)).version)

    async def test_unknown_stream_is_empty(self) -> None:
        """An id nobody used has no events."""
        assert [] == await MemoryEventStore().read_stream(uuid4())

    async def test_with_a_key_the_stored_state_is_ciphertext(self) -> None:
        """Events are encrypted at rest when the mapper has a key, as in the database."""
        store = MemoryEventStore(create_mapper(AESCipher.create_key(16)))
        case = new_case()
        case.save_answers(APPLICANT, "about_you", {"family_name": "Okafor"})
        await store.append(case.collect_events())
        stored = b"".join(event.state for event in store.streams[case.id])
        loaded = await Repository(store).get(Case, case.id)
        assert b"Okafor" not in stored
        assert "Okafor" == loaded.answers["about_you"]["family_name"]
