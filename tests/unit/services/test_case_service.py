"""CaseService: start, accept with a receipt number, versioned updates, representatives."""

import asyncio
import re
from uuid import UUID, uuid4

import pytest

from immportal.domain.actor import Actor, Role
from immportal.domain.cases.forms import FormType
from immportal.domain.cases.status import CaseStatus
from immportal.domain.errors import (
    CaseClosed,
    InvalidArgument,
    NotPermitted,
    TransitionNotAllowed,
)
from immportal.errors import ConcurrencyConflict, NotFound
from immportal.services.cases.service import CaseService
from immportal.services.repository import Repository
from testkit.case_fakes import Receipts
from testkit.memory_store import MemoryEventStore

APPLICANT = Actor("applicant-1", Role.APPLICANT)
OTHER_APPLICANT = Actor("applicant-2", Role.APPLICANT)
REPRESENTATIVE = Actor("representative-1", Role.REPRESENTATIVE)
OFFICER = Actor("officer-1", Role.OFFICER)
SYSTEM = Actor.system()
ADDRESS = {"street": " 12 Elm Street ", "city": "Lowell", "state": "MA", "apartment": " "}


class World:
    """The case service over the in-memory event store and a counting receipt issuer."""

    def __init__(self) -> None:
        self.store, self.receipts = MemoryEventStore(), Receipts()
        self.service = CaseService(Repository(self.store), self.receipts)

    async def draft(self) -> UUID:
        """A new I-765 draft of APPLICANT's, filed at the NBC."""
        return await self.service.start(
            actor=APPLICANT, applicant_id=APPLICANT.user_id, form_type=FormType.I765, office="NBC"
        )

    async def filed(self) -> UUID:
        """A draft submitted with its fee paid."""
        case_id = await self.draft()
        await self.service.update(
            case_id, 1, lambda case: case.submit(APPLICANT, fee_cents=52_000, payment_id="pay-1")
        )
        return case_id


@pytest.fixture
def world() -> World:
    """A fresh world per test."""
    return World()


class TestStart:
    """Opening a draft."""

    async def test_draft_for_the_applicant(self, world: World) -> None:
        """The new case is a draft of the applicant's, on the form, at the office."""
        case = await world.service.get(await world.draft())
        assert (CaseStatus.DRAFT, APPLICANT.user_id, "I-765", "NBC", 1) == (
            case.status,
            case.applicant_id,
            case.form_type,
            case.office,
            case.version,
        )

    async def test_staff_cannot_start_a_case(self, world: World) -> None:
        """An officer does not file applications: refused, and nothing is recorded."""
        with pytest.raises(NotPermitted):
            await world.service.start(
                actor=OFFICER, applicant_id=APPLICANT.user_id, form_type=FormType.I90, office="NBC"
            )
        assert 0 == await world.store.head()

    async def test_unknown_case_is_not_found(self, world: World) -> None:
        """An id that names no case raises NotFound."""
        with pytest.raises(NotFound):
            await world.service.get(uuid4())


class TestAccept:
    """Accepting a filed case gives it a receipt number."""

    async def test_accept_gives_a_receipt_number(self, world: World) -> None:
        """An online-filing number (IOE, then ten digits) is returned and kept on the case."""
        case_id = await world.filed()
        number = await world.service.accept(case_id, actor=SYSTEM)
        case = await world.service.get(case_id)
        assert re.fullmatch(r"IOE[0-9]{10}", number)
        assert (CaseStatus.ACCEPTED, number) == (case.status, case.receipt_number)
        assert case.accepted_at is not None

    async def test_each_case_gets_its_own_number(self, world: World) -> None:
        """Two accepted cases never share a receipt number."""
        first, second = await world.filed(), await world.filed()
        numbers = {await world.service.accept(c, actor=SYSTEM) for c in (first, second)}
        assert 2 == len(numbers)

    async def test_a_draft_cannot_be_accepted(self, world: World) -> None:
        """Only a submitted case is accepted: the draft stays as it was."""
        case_id = await world.draft()
        with pytest.raises(TransitionNotAllowed):
            await world.service.accept(case_id, actor=SYSTEM)
        case = await world.service.get(case_id)
        assert (CaseStatus.DRAFT, None, 1) == (case.status, case.receipt_number, case.version)

    async def test_applicant_cannot_accept(self, world: World) -> None:
        """Accepting is for the agency, not for the person who filed."""
        case_id = await world.filed()
        with pytest.raises(NotPermitted):
            await world.service.accept(case_id, actor=APPLICANT)
        assert CaseStatus.SUBMITTED == (await world.service.get(case_id)).status


class TestUpdate:
    """Every change names the version the person last saw."""

    async def test_new_version_and_position_are_returned(self, world: World) -> None:
        """A change at the current version is kept; its new version and log position come back."""
        case_id = await world.draft()
        written = await world.service.change_address(
            case_id, actor=APPLICANT, expected_version=1, address=ADDRESS
        )
        case = await world.service.get(case_id)
        assert (2, 2) == (written.version, case.version)
        assert await world.store.head() == written.position
        assert {"street": "12 Elm Street", "city": "Lowell", "state": "MA"} == case.address

    async def test_stale_version_conflicts_and_records_nothing(self, world: World) -> None:
        """A person who saw an older version is refused instead of overwriting the change."""
        case_id = await world.filed()
        with pytest.raises(ConcurrencyConflict):
            await world.service.change_address(
                case_id, actor=APPLICANT, expected_version=1, address=ADDRESS
            )
        case = await world.service.get(case_id)
        assert (2, None) == (case.version, case.address)

    async def test_concurrent_saves_one_conflicts(self, world: World) -> None:
        """Two people saving the same version at once: one change is kept, the other conflicts."""
        case_id = await world.draft()
        results = await asyncio.gather(
            *(
                world.service.change_address(
                    case_id, actor=APPLICANT, expected_version=1, address={"street": street}
                )
                for street in ("1 Oak Road", "2 Pine Road")
            ),
            return_exceptions=True,
        )
        conflicts = [r for r in results if isinstance(r, ConcurrencyConflict)]
        case = await world.service.get(case_id)
        assert (1, 2) == (len(conflicts), case.version)

    async def test_empty_address_is_refused(self, world: World) -> None:
        """An address of blank lines is no address: InvalidArgument, nothing recorded."""
        case_id = await world.draft()
        with pytest.raises(InvalidArgument):
            await world.service.change_address(
                case_id, actor=APPLICANT, expected_version=1, address={"street": "  "}
            )
        assert 1 == await world.store.head()

    async def test_another_applicant_cannot_change_the_case(self, world: World) -> None:
        """A person with no standing on the case is refused."""
        case_id = await world.draft()
        with pytest.raises(NotPermitted):
            await world.service.change_address(
                case_id, actor=OTHER_APPLICANT, expected_version=1, address=ADDRESS
            )

    async def test_withdrawn_case_takes_no_address(self, world: World) -> None:
        """Once withdrawn, the case is closed to changes."""
        case_id = await world.filed()
        await world.service.update(case_id, 2, lambda c: c.withdraw(APPLICANT, "Moved abroad"))
        with pytest.raises(CaseClosed):
            await world.service.change_address(
                case_id, actor=APPLICANT, expected_version=3, address=ADDRESS
            )

    async def test_earlier_version_can_be_read(self, world: World) -> None:
        """`get` at a version shows the case as it stood then."""
        case_id = await world.filed()
        earlier = await world.service.get(case_id, up_to_version=1)
        assert (CaseStatus.DRAFT, 1) == (earlier.status, earlier.version)


class TestRepresentatives:
    """The applicant chooses who may act for them."""

    async def test_authorized_representative_may_act(self, world: World) -> None:
        """After authorization the representative can change the address for the applicant."""
        case_id = await world.draft()
        written = await world.service.authorize_representative(
            case_id,
            actor=APPLICANT,
            expected_version=1,
            representative_id=REPRESENTATIVE.user_id,
        )
        await world.service.change_address(
            case_id, actor=REPRESENTATIVE, expected_version=written.version, address=ADDRESS
        )
        case = await world.service.get(case_id)
        assert ([REPRESENTATIVE.user_id], 3) == (case.representative_ids, case.version)

    async def test_revoked_representative_may_not(self, world: World) -> None:
        """Once revoked, the representative has no standing on the case."""
        case_id = await world.draft()
        await world.service.authorize_representative(
            case_id, actor=APPLICANT, expected_version=1, representative_id=REPRESENTATIVE.user_id
        )
        await world.service.revoke_representative(
            case_id, actor=APPLICANT, expected_version=2, representative_id=REPRESENTATIVE.user_id
        )
        with pytest.raises(NotPermitted):
            await world.service.change_address(
                case_id, actor=REPRESENTATIVE, expected_version=3, address=ADDRESS
            )

    async def test_representative_cannot_appoint_another(self, world: World) -> None:
        """Only the applicant authorizes representatives (as on Form G-28)."""
        case_id = await world.draft()
        await world.service.authorize_representative(
            case_id, actor=APPLICANT, expected_version=1, representative_id=REPRESENTATIVE.user_id
        )
        with pytest.raises(NotPermitted):
            await world.service.authorize_representative(
                case_id, actor=REPRESENTATIVE, expected_version=2, representative_id="rep-2"
            )

    async def test_applicant_cannot_represent_themself(self, world: World) -> None:
        """Naming oneself is refused with a reason, and nothing is recorded."""
        case_id = await world.draft()
        with pytest.raises(InvalidArgument):
            await world.service.authorize_representative(
                case_id, actor=APPLICANT, expected_version=1, representative_id=APPLICANT.user_id
            )
        assert [] == (await world.service.get(case_id)).representative_ids
