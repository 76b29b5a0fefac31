"""PaymentService: one session per key, webhooks verified, Received once, the case filed."""

import time
from uuid import UUID

import pytest

from immportal.adapters.payments.signature import SignatureInvalid, SignatureStale
from immportal.domain.actor import Actor, Role
from immportal.domain.cases.forms import FormType
from immportal.domain.cases.status import CaseStatus
from immportal.services.cases.service import CaseService
from immportal.services.payments.ports import SessionStatus
from immportal.services.payments.service import NotReadyToPay, PaymentService
from immportal.services.repository import Repository
from testkit.case_fakes import Receipts
from testkit.filled_forms import fill_i765
from testkit.memory_store import MemoryEventStore
from testkit.payment_fakes import Keys, Provider, Seen, webhook

APPLICANT = Actor("applicant-1", Role.APPLICANT)
KEY = "k" * 32


class World:
    """The service over in-memory parts, with draft I-765 cases."""

    def __init__(self) -> None:
        self.store, self.provider, self.seen = MemoryEventStore(), Provider(), Seen()
        self.cases = CaseService(Repository(self.store), Receipts())
        self.service = PaymentService(
            Repository(self.store),
            self.cases,
            self.provider,
            Keys(),
            self.seen,
            return_url="https://portal.example/payments/return",
        )

    async def draft(self, *, signed: bool = True) -> UUID:
        """A new draft I-765 of the applicant, complete and (unless told otherwise) signed."""
        case_id = await self.cases.start(
            actor=APPLICANT, applicant_id=APPLICANT.user_id, form_type=FormType.I765, office="PSC"
        )
        await self.cases.update(case_id, None, lambda c: fill_i765(c, APPLICANT, signed=signed))
        return case_id


@pytest.fixture
def world() -> World:
    """A fresh world per test."""
    return World()


class TestStart:
    """Starting a payment."""

    async def test_same_key_same_session(self, world: World) -> None:
        """A double click with one key finds the same payment and one provider session."""
        case_id = await world.draft()
        first = await world.service.start(case_id, actor=APPLICANT, idempotency_key=KEY)
        again = await world.service.start(case_id, actor=APPLICANT, idempotency_key=KEY)
        assert (first.id, 1) == (again.id, len(world.provider.sessions))
        assert 47_000 == first.amount_cents

    async def test_new_payment_expires_the_open_one(self, world: World) -> None:
        """A second key closes the first session, so only one can ever be paid."""
        case_id = await world.draft()
        first = await world.service.start(case_id, actor=APPLICANT, idempotency_key=KEY)
        await world.service.start(case_id, actor=APPLICANT, idempotency_key="n" * 32)
        assert ["Started", "Abandoned"] == world.store.topics(first.id)


class TestWebhook:
    """Webhooks are verified, and each event counts once."""

    async def test_paid_then_replayed(self, world: World) -> None:
        """The first delivery files the case; the replay of the same event id changes nothing."""
        case_id = await world.draft()
        payment = await world.service.start(case_id, actor=APPLICANT, idempotency_key=KEY)
        paid = world.provider.finish(payment.provider_session_id, SessionStatus.PAID)
        body, headers = webhook(paid, "evt_1")
        assert [True, False] == [
            await world.service.handle_webhook(body, headers),
            await world.service.handle_webhook(body, headers),
        ]
        assert ["Started", "Received"] == world.store.topics(payment.id)
        case = await world.cases.get(case_id)
        assert (CaseStatus.ACCEPTED, str(payment.id)) == (case.status, case.payment_id)

    async def test_a_new_event_for_a_paid_payment_is_a_no_op(self, world: World) -> None:
        """Another event id reporting the same payment records nothing more."""
        case_id = await world.draft()
        payment = await world.service.start(case_id, actor=APPLICANT, idempotency_key=KEY)
        paid = world.provider.finish(payment.provider_session_id, SessionStatus.PAID)
        for event_id in ("evt_1", "evt_2"):
            await world.service.handle_webhook(*webhook(paid, event_id))
        await world.service.handle_return(payment.id, actor=APPLICANT)
        assert ["Started", "Received"] == world.store.topics(payment.id)

    async def test_wrong_signature(self, world: World) -> None:
        """A body signed with another secret is refused before anything is read."""
        case_id = await world.draft()
        payment = await world.service.start(case_id, actor=APPLICANT, idempotency_key=KEY)
        paid = world.provider.finish(payment.provider_session_id, SessionStatus.PAID)
        with pytest.raises(SignatureInvalid):
            await world.service.handle_webhook(*webhook(paid, "evt_1", secret=b"guess"))
        assert ["Started"] == world.store.topics(payment.id)

    async def test_stale_timestamp(self, world: World) -> None:
        """A correctly signed delivery from ten minutes ago is refused as a possible replay."""
        case_id = await world.draft()
        payment = await world.service.start(case_id, actor=APPLICANT, idempotency_key=KEY)
        paid = world.provider.finish(payment.provider_session_id, SessionStatus.PAID)
        with pytest.raises(SignatureStale):
            await world.service.handle_webhook(*webhook(paid, "evt_1", at=time.time() - 600))
        assert ["Started"] == world.store.topics(payment.id)

    async def test_decline_keeps_the_draft(self, world: World) -> None:
        """A declined payment ends; the case stays a draft and can be paid with a new key."""
        case_id = await world.draft()
        payment = await world.service.start(case_id, actor=APPLICANT, idempotency_key=KEY)
        declined = world.provider.finish(payment.provider_session_id, SessionStatus.DECLINED)
        await world.service.handle_webhook(*webhook(declined, "evt_1"))
        assert CaseStatus.DRAFT == (await world.cases.get(case_id)).status
        retry = await world.service.start(case_id, actor=APPLICANT, idempotency_key="r" * 32)
        assert retry.is_open


class TestOnlySignedApplications:
    """A draft that is incomplete or unsigned opens no payment."""

    async def test_unsigned_draft_refused(self, world: World) -> None:
        """No provider session is opened for an unsigned draft."""
        case_id = await world.draft(signed=False)
        with pytest.raises(NotReadyToPay):
            await world.service.start(case_id, actor=APPLICANT, idempotency_key=KEY)
        assert 0 == len(world.provider.sessions)
