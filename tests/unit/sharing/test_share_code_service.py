"""ShareCodeService: making codes, checking them with a date of birth, signing statements."""

import dataclasses
from datetime import UTC, date, datetime, timedelta
from uuid import UUID, uuid4

import pytest

import immportal.transparency_verify as verifier
from immportal.adapters.signing.credentials import JwsCredentialSigner
from immportal.adapters.signing.keyring import Keyring, generate_key
from immportal.domain.actor import Actor, Role
from immportal.domain.cases.status import CaseStatus
from immportal.domain.sharing.choices import Fact, Purpose
from immportal.domain.sharing.share import LIFETIME, MAX_FAILED_CHECKS, CheckRefused, Refusal
from immportal.errors import NotFound
from immportal.services.cases.files import CaseFile
from immportal.services.cases.ports import LookupAllowance
from immportal.services.repository import Repository
from immportal.services.sharing.service import (
    ChecksLimited,
    CreatedShare,
    NothingToShare,
    ShareCodeService,
)
from testkit.memory_store import MemoryEventStore

HOLDER = Actor("holder-svc", Role.APPLICANT)
BORN = date(1987, 4, 12)
APPROVED = datetime(2027, 1, 15, 12, 0, tzinfo=UTC)
NOW = datetime(2027, 3, 1, 9, 0, tzinfo=UTC)
ISSUER = "https://portal.example"


def case_file(case_id: UUID, **overrides: object) -> CaseFile:
    """An approved I-765 of the holder, as the case_files read model has it."""
    values: dict[str, object] = dict.fromkeys(f.name for f in dataclasses.fields(CaseFile))
    values |= {
        "case_id": case_id,
        "applicant_id": HOLDER.user_id,
        "form_type": "I-765",
        "office": "NBC",
        "status": CaseStatus.APPROVED,
        "answers": {
            "applicant": {
                "given_name": "Maria",
                "family_name": "Garcia",
                "date_of_birth": BORN.isoformat(),
            }
        },
        "decision": {"outcome": "approved"},
        "decided_at": APPROVED,
        "evidence_items": (),
        "evidence_document_ids": (),
        "representative_ids": (),
        "version": 9,
        "position": 9,
    }
    values.update(overrides)
    return CaseFile(**values)  # type: ignore[arg-type]


class Files:
    """Case files by id, as the read model would return them."""

    def __init__(self) -> None:
        self.files: dict[UUID, CaseFile] = {}

    async def case_file(self, case_id: UUID) -> CaseFile | None:
        """The file, or None."""
        return self.files.get(case_id)


class Limits:
    """A per-network allowance of `allowed` checks."""

    def __init__(self, allowed: int = 1000) -> None:
        self.allowed, self.counted = allowed, 0

    async def record(self, address: str | None, now: datetime) -> LookupAllowance:
        """Count one check; refused past the allowance."""
        self.counted += 1
        return LookupAllowance(self.counted <= self.allowed, 60)


class World:
    """The service over the in-memory store, with one approved case of the holder."""

    def __init__(self, allowed: int = 1000) -> None:
        self.files, self.limits = Files(), Limits(allowed)
        self.key = generate_key("portal.example/credentials", NOW - timedelta(days=400))
        self.service = ShareCodeService(
            Repository(MemoryEventStore()),
            self.files,
            self.limits,
            JwsCredentialSigner(Keyring("credential", [self.key])),
            issuer=ISSUER,
        )
        self.case_id = uuid4()
        self.files.files[self.case_id] = case_file(self.case_id)

    async def share(self, facts: tuple[str, ...] = ("name", "valid_until")) -> CreatedShare:
        """A new code for renting, showing the chosen facts."""
        return await self.service.create(
            HOLDER, case_id=self.case_id, purpose="renting", facts=facts, now=NOW
        )

    async def code(self) -> str:
        """A new code's text."""
        return (await self.share()).code

    async def check(self, code: str, born_on: date = BORN, at: datetime = NOW) -> object:
        """A check from one network."""
        return await self.service.check(code, born_on, address="192.0.2.7", now=at)


class TestCreate:
    """Only the holder of an approved case that gives a status makes a code."""

    async def test_not_theirs(self) -> None:
        """Someone else's case is no case at all."""
        world = World()
        with pytest.raises(NotFound):
            await world.service.create(
                Actor("other", Role.APPLICANT),
                case_id=world.case_id,
                purpose="work",
                facts=["name"],
                now=NOW,
            )

    @pytest.mark.parametrize(
        "change",
        [
            {"status": CaseStatus.REOPENED},
            {"decision": {"outcome": "denied"}, "status": CaseStatus.DENIED},
            {"form_type": "I-130"},
            {"decided_at": datetime(2025, 1, 2, tzinfo=UTC)},
        ],
        ids=["reopened", "denied", "petition", "card-ended"],
    )
    async def test_nothing_to_share(self, change: dict[str, object]) -> None:
        """A reopened or denied case, a petition, or a card past its date proves no status."""
        world = World()
        world.files.files[world.case_id] = case_file(world.case_id, **change)
        with pytest.raises(NothingToShare):
            await world.code()


class TestCheck:
    """The right code and date of birth show exactly the chosen facts; the rest is refused."""

    async def test_exactly_the_chosen_facts(self) -> None:
        """Name and valid-until chosen: the status itself is not shown, nor in the credential."""
        world = World()
        code = await world.code()
        typed = f"{code[:3].lower()} {code[3:6]}-{code[6:]}"
        statement = await world.service.check(typed, BORN, address="192.0.2.7", now=NOW)
        assert (Purpose.RENTING, (Fact.NAME, Fact.VALID_UNTIL)) == (
            statement.purpose,
            statement.shown,
        )
        assert [("Name", "Maria Garcia"), ("Valid until", "January 15, 2029")] == statement.rows()
        assert statement.status is None
        token = world.service.credential(statement)
        claims = verifier.check_credential(token, Keyring("credential", [world.key]).verifiers())
        assert {
            "iss": ISSUER,
            "type": "immportal.status-statement.v1",
            "iat": int(NOW.timestamp()),
            "purpose": "renting",
            "name": "Maria Garcia",
            "valid_until": "2029-01-15",
        } == claims

    async def test_refused_alike(self) -> None:
        """A wrong date of birth, a revoked, an expired and a guessed code: one refusal each."""
        world = World()
        wrong, revoked, expired = await world.code(), await world.share(), await world.code()
        await world.service.revoke(HOLDER, revoked.share_id)
        reasons = []
        for code, born_on, at in [
            (wrong, date(1987, 4, 13), NOW),
            (revoked.code, BORN, NOW),
            (expired, BORN, NOW + LIFETIME),
            ("W4K7PM2QX", BORN, NOW),
            ("not a code", BORN, NOW),
        ]:
            with pytest.raises(CheckRefused) as refused:
                await world.check(code, born_on, at)
            reasons.append(refused.value.refusal)
        assert [
            Refusal.WRONG_DATE_OF_BIRTH,
            Refusal.REVOKED,
            Refusal.EXPIRED,
            Refusal.UNKNOWN_CODE,
            Refusal.UNKNOWN_CODE,
        ] == reasons

    async def test_locked_after_wrong_dates(self) -> None:
        """After the allowed wrong dates of birth the right one is refused too."""
        world = World()
        code = await world.code()
        for _ in range(MAX_FAILED_CHECKS):
            with pytest.raises(CheckRefused):
                await world.check(code, date(1990, 1, 1))
        with pytest.raises(CheckRefused) as refused:
            await world.check(code)
        assert Refusal.LOCKED is refused.value.refusal

    async def test_status_that_ended(self) -> None:
        """A case reopened after the code was made, or a card past its date, shows nothing."""
        world = World()
        code = await world.code()
        world.files.files[world.case_id] = case_file(world.case_id, status=CaseStatus.REOPENED)
        with pytest.raises(CheckRefused) as reopened:
            await world.check(code)
        long_ago = datetime(2025, 1, 2, tzinfo=UTC)  # a 2-year card, ended before NOW
        world.files.files[world.case_id] = case_file(world.case_id, decided_at=long_ago)
        with pytest.raises(CheckRefused) as past:
            await world.check(code)
        assert (Refusal.STATUS_ENDED, Refusal.STATUS_ENDED) == (
            reopened.value.refusal,
            past.value.refusal,
        )

    async def test_limited_per_network(self) -> None:
        """Past the network's allowance nothing is looked up: the right details wait too."""
        world = World(allowed=2)
        code = await world.code()
        await world.check(code)
        with pytest.raises(CheckRefused):
            await world.check("W4K7PM2QX")
        with pytest.raises(ChecksLimited) as limited:
            await world.check(code)
        assert 60 == limited.value.retry_after_seconds
