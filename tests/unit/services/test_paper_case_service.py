"""PaperCaseService: paper intake, and adding a case to an account with its access code."""

from __future__ import annotations

from datetime import UTC, date, datetime
from uuid import UUID

import pytest

from immportal.domain.actor import Actor, Role
from immportal.domain.cases.access_code import access_code
from immportal.domain.cases.case import Case
from immportal.domain.cases.forms import FormType
from immportal.domain.cases.status import CaseStatus
from immportal.domain.errors import InvalidReceiptNumber
from immportal.services.cases.paper_cases import (
    REFUSED,
    PaperCaseRefused,
    PaperCaseService,
    TooManyAttempts,
)
from immportal.services.cases.ports import LookupAllowance, ReceiptHolder
from immportal.services.cases.service import CaseService
from immportal.services.repository import Repository
from testkit.case_fakes import Receipts
from testkit.memory_store import MemoryEventStore

KEY = b"paper-case-key-for-tests-0123456"
NOW = datetime(2026, 12, 7, 9, 0, tzinfo=UTC)
PERSON = Actor("person-1", Role.APPLICANT)
OTHER = Actor("person-2", Role.APPLICANT)


class Counter:
    """Attempt limits in memory: `limit` per subject, counting every attempt."""

    def __init__(self, limit: int) -> None:
        self.limit, self.counts = limit, dict[str, int]()

    async def record(self, subject: str, now: datetime) -> LookupAllowance:
        """Count one attempt."""
        self.counts[subject] = self.counts.get(subject, 0) + 1
        allowed = self.counts[subject] <= self.limit
        return LookupAllowance(allowed, 0 if allowed else 60)


class Directory:
    """Receipt numbers answered from the event store's cases (the read model's stand-in)."""

    def __init__(self, repository: Repository) -> None:
        self.repository, self.ids = repository, dict[str, UUID]()
        self.asked: list[str] = []

    async def holder(self, receipt_number: str) -> ReceiptHolder | None:
        """The case with this receipt number, as saved."""
        self.asked.append(receipt_number)
        case_id = self.ids.get(receipt_number)
        if case_id is None:
            return None
        case = await self.repository.get(Case, case_id)
        return ReceiptHolder(case.id, case.applicant_id)


class World:
    """The service over the in-memory event store."""

    def __init__(self, account_limit: int = 10, network_limit: int = 30) -> None:
        self.repository = Repository(MemoryEventStore())
        self.directory = Directory(self.repository)
        self.accounts, self.networks = Counter(account_limit), Counter(network_limit)
        self.service = PaperCaseService(
            repository=self.repository,
            cases=CaseService(self.repository, Receipts()),
            receipts=Receipts(),
            directory=self.directory,
            account_limits=self.accounts,
            network_limits=self.networks,
            key=KEY,
        )

    async def paper_case(self) -> tuple[UUID, str]:
        """A paper I-90 received at the NBC; (case id, receipt number)."""
        case_id, number = await self.service.receive(
            actor=Actor("intake-1", Role.OFFICER),
            form_type=FormType.I90,
            office="NBC",
            answers={"applicant": {"family_name": "Okafor"}},
            fee_cents=41_500,
            received_on=date(2026, 12, 7),
        )
        self.directory.ids[number] = case_id
        return case_id, number

    async def add(self, actor: Actor, number: str, code: str, network: str = "192.0.2.1") -> UUID:
        """Add the case; its id."""
        added = await self.service.add_to_account(
            actor=actor, receipt_number=number, code=code, network=network, now=NOW
        )
        return added.case_id


class TestReceive:
    """Intake enters a paid paper filing, accepted under the office's receipt number."""

    async def test_received_and_accepted(self) -> None:
        """The case is accepted, in nobody's account, with an NBC receipt number."""
        world = World()
        case_id, number = await world.paper_case()
        case = await world.repository.get(Case, case_id)
        expected = (CaseStatus.ACCEPTED, "", number, "NBC")
        assert expected == (case.status, case.applicant_id, case.receipt_number, number[:3])


class TestAdd:
    """The right code adds the case; anything else gets one refusal."""

    async def test_right_code(self) -> None:
        """The person's account holds the case afterwards, however the code was typed."""
        world = World()
        case_id, number = await world.paper_case()
        typed = access_code(KEY, case_id).lower().replace("-", " ")
        assert case_id == await world.add(PERSON, f" {number.lower()} ", typed)
        case = await world.repository.get(Case, case_id)
        assert PERSON.user_id == case.applicant_id

    async def test_adding_again_is_harmless(self) -> None:
        """The person adding their own case again gets it back, with nothing written."""
        world = World()
        case_id, number = await world.paper_case()
        code = access_code(KEY, case_id)
        await world.add(PERSON, number, code)
        version = (await world.repository.get(Case, case_id)).version
        assert case_id == await world.add(PERSON, number, code)
        assert version == (await world.repository.get(Case, case_id)).version

    async def test_refused_alike(self) -> None:
        """Wrong code, unknown number, someone else's case: the same error and message."""
        world = World()
        case_id, number = await world.paper_case()
        other_id, other_number = await world.paper_case()
        await world.add(PERSON, number, access_code(KEY, case_id))
        attempts = [
            (other_number, "ABCD-EFGH-JKLM"),
            ("NBC2799999999", access_code(KEY, other_id)),
            (number, access_code(KEY, case_id)),
            (other_number, access_code(KEY, case_id)),
        ]
        messages = []
        for typed_number, code in attempts:
            with pytest.raises(PaperCaseRefused) as refused:
                await world.add(OTHER, typed_number, code)
            messages.append(str(refused.value))
        assert [REFUSED] * 4 == messages
        assert PERSON.user_id == (await world.repository.get(Case, case_id)).applicant_id
        assert "" == (await world.repository.get(Case, other_id)).applicant_id

    async def test_malformed_number(self) -> None:
        """A receipt number of the wrong shape is explained and never looked up."""
        world = World()
        with pytest.raises(InvalidReceiptNumber):
            await world.add(PERSON, "Test answer", "ABCD-EFGH-JKLM")
        assert [] == world.directory.asked


class TestLimits:
    """Every attempt counts, per account and per network, before anything is looked up."""

    async def test_account_limit(self) -> None:
        """Past the account's allowance even the right code is refused, without a lookup."""
        world = World(account_limit=2)
        case_id, number = await world.paper_case()
        for _ in range(2):
            with pytest.raises(PaperCaseRefused):
                await world.add(PERSON, number, "ABCD-EFGH-JKLM")
        with pytest.raises(TooManyAttempts):
            await world.add(PERSON, number, access_code(KEY, case_id))
        assert 2 == len(world.directory.asked)

    async def test_network_limit_spans_accounts(self) -> None:
        """Many accounts on one network share the network's allowance."""
        world = World(network_limit=2)
        case_id, number = await world.paper_case()
        for actor in (PERSON, OTHER):
            with pytest.raises(PaperCaseRefused):
                await world.add(actor, number, "ABCD-EFGH-JKLM")
        with pytest.raises(TooManyAttempts):
            await world.add(Actor("person-3", Role.APPLICANT), number, access_code(KEY, case_id))
        assert {"network:192.0.2.1": 3} == world.networks.counts
