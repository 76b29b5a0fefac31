"""Fee use cases on the in-memory store: the assessed fee charged and recorded, $0 filings,
fee waiver requests decided by staff, and the N-400 reduced fee."""

from uuid import UUID, uuid4

import pytest

from immportal.domain.actor import Actor, Role
from immportal.domain.cases.case import Case
from immportal.domain.cases.forms import FormType
from immportal.domain.cases.status import CaseStatus
from immportal.domain.errors import FeeRequired, TransitionNotAllowed
from immportal.domain.evidence.document import Document, DocumentKind, MediaType, ScanResult
from immportal.errors import NotFound
from immportal.services.cases.adjudication import AdjudicationService
from immportal.services.cases.service import CaseService
from immportal.services.payments.fee_due import NothingToPay, NotPayable
from immportal.services.payments.fee_evidence import EvidenceRefused
from immportal.services.payments.filing import FeeFiling
from immportal.services.payments.ports import SessionStatus
from immportal.services.payments.service import PaymentService
from immportal.services.payments.waivers import FeeWaiverService
from immportal.services.repository import Repository
from testkit.case_fakes import Receipts, staff_member
from testkit.filled_forms import SIGNED_BY, clean_answers, fill_i765
from testkit.form_scenarios import path
from testkit.memory_store import MemoryEventStore
from testkit.payment_fakes import Keys, Provider, Seen, webhook

APPLICANT = Actor("applicant-fees", Role.APPLICANT)
STRANGER = Actor("applicant-other", Role.APPLICANT)
UNDER_RULE = "(c)(9) with a pending I-485 filed on or after April 1, 2024"
PENDING_I485 = {
    "category": "c9",
    "i485_receipt_number": "IOE0912345678",
    "i485_filed_on": "2025-02-03",
}


class World:
    """The fee services over one in-memory event store."""

    def __init__(self) -> None:
        self.store, self.provider = MemoryEventStore(), Provider()
        self.repository, self.receipts = Repository(self.store), Receipts()
        self.cases = CaseService(self.repository, self.receipts)
        self.payments = PaymentService(
            self.repository,
            self.cases,
            self.provider,
            Keys(),
            Seen(),
            return_url="https://portal.example/payments/return",
        )
        self.adjudication = AdjudicationService(self.cases, self.repository)
        self.filing = FeeFiling(self.repository, self.cases, self.receipts)
        self.waivers = FeeWaiverService(
            self.repository, self.cases, self.adjudication, self.receipts
        )

    async def i765(self, **eligibility: str) -> UUID:
        """A complete, signed I-765 of the applicant: (c)(9) with an I-485 filed in 2025,
        unless the eligibility answers given say otherwise."""
        eligibility = {**PENDING_I485, **eligibility}
        case_id = await self.cases.start(
            actor=APPLICANT, applicant_id=APPLICANT.user_id, form_type=FormType.I765, office="PSC"
        )

        def fill(case: Case) -> None:
            fill_i765(case, APPLICANT, signed=False)
            case.save_answers(APPLICANT, "eligibility", eligibility)
            signature = {"full_name": "Ana Lopez", "signed_at": "2026-12-06T10:00:00+00:00"}
            case.save_answers(APPLICANT, "declaration", signature)

        await self.cases.update(case_id, None, fill)
        return case_id

    async def document(self, case_id: UUID, scan: ScanResult = ScanResult.CLEAN) -> UUID:
        """A document of the case, scanned with the given result."""
        document_id = uuid4()
        document = Document.upload(
            document_id=document_id,
            case_id=case_id,
            actor=APPLICANT,
            kind=DocumentKind.INITIAL,
            media_type=MediaType.PDF,
            size=1234,
            sha256="a" * 64,
            blob_key=f"documents/{document_id}",
            filename="snap-award-letter.pdf",
        )
        document.record_scan(scan, "test")
        await self.repository.save(document)
        return document_id

    async def request_waiver(self, case_id: UUID) -> None:
        """Send the case with a fee waiver request and one document."""
        evidence = await self.document(case_id)
        await self.waivers.request(
            case_id,
            actor=APPLICANT,
            basis="means_tested_benefit",
            explanation="I receive SNAP benefits.",
            document_ids=[evidence],
        )

    async def pay(self, case_id: UUID, key: str) -> int:
        """Pay what the fee page charges through the provider; the amount charged."""
        payment = await self.payments.start(case_id, actor=APPLICANT, idempotency_key=key)
        paid = self.provider.finish(payment.provider_session_id, SessionStatus.PAID)
        await self.payments.handle_webhook(*webhook(paid, f"evt-{key}"))
        return payment.amount_cents


@pytest.fixture
def world() -> World:
    """A fresh world per test."""
    return World()


class TestChargedAsAssessed:
    """The payment charges the assessed fee and the case records it with its reason."""

    async def test_pending_i485(self, world: World) -> None:
        """A (c)(9) card with an I-485 filed in 2025 costs $260, recorded with its reason."""
        case_id = await world.i765(i485_filed_on="2025-02-03")
        charged = await world.pay(case_id, "k" * 32)
        case = await world.cases.get(case_id)
        expected = (26_000, CaseStatus.ACCEPTED, 26_000, UNDER_RULE, "i765-c9-pending-i485")
        assert expected == (
            charged,
            case.status,
            case.fee_cents,
            case.fee_reason,
            case.fee_rule,
        )

    async def test_no_payment_for_a_zero_fee(self, world: World) -> None:
        """A $0 application opens no payment session."""
        case_id = await world.i765(i485_filed_on="2023-05-04")
        with pytest.raises(NothingToPay):
            await world.payments.start(case_id, actor=APPLICANT, idempotency_key="z" * 32)
        assert 0 == len(world.provider.sessions)


class TestFiledWithoutFee:
    """An exempt application is filed and accepted at once."""

    async def test_exempt(self, world: World) -> None:
        """I-485 filed before April 1, 2024: filed at $0, accepted with a receipt number."""
        case_id = await world.i765(i485_filed_on="2023-05-04")
        await world.filing.file_without_fee(case_id, actor=APPLICANT)
        case = await world.cases.get(case_id)
        assert (CaseStatus.ACCEPTED, 0, "i765-c9-before-rule") == (
            case.status,
            case.fee_cents,
            case.fee_rule,
        )
        assert case.receipt_number is not None

    async def test_a_fee_is_not_skipped(self, world: World) -> None:
        """An application with a fee cannot be sent without paying it."""
        case_id = await world.i765()
        with pytest.raises(FeeRequired):
            await world.filing.file_without_fee(case_id, actor=APPLICANT)
        assert CaseStatus.DRAFT == (await world.cases.get(case_id)).status

    async def test_someone_elses_draft(self, world: World) -> None:
        """Another applicant finds nothing."""
        case_id = await world.i765(i485_filed_on="2023-05-04")
        with pytest.raises(NotFound):
            await world.filing.file_without_fee(case_id, actor=STRANGER)


class TestWaiverApproved:
    """An approved request: accepted without any payment."""

    async def test_request_then_approve(self, world: World) -> None:
        """Requested with evidence, approved by an officer of the office, accepted."""
        case_id = await world.i765()
        await world.request_waiver(case_id)
        officer = await staff_member(world.repository, Role.OFFICER, "PSC")
        case = await world.cases.get(case_id)
        await world.waivers.approve(
            case_id, actor=officer, expected_version=case.version, reason="SNAP letter, 2026"
        )
        case = await world.cases.get(case_id)
        assert (CaseStatus.ACCEPTED, True, 0, 0) == (
            case.status,
            case.fee_waived,
            case.fee_paid_cents,
            len(world.provider.sessions),
        )

    async def test_another_office_cannot_decide(self, world: World) -> None:
        """An officer of another office finds no such case."""
        case_id = await world.i765()
        await world.request_waiver(case_id)
        officer = await staff_member(world.repository, Role.OFFICER, "NBC")
        case = await world.cases.get(case_id)
        with pytest.raises(NotFound):
            await world.waivers.approve(
                case_id, actor=officer, expected_version=case.version, reason="Fine"
            )


class TestWaiverDenied:
    """A denied request: the applicant pays the fee, then the case is accepted."""

    async def test_deny_then_pay(self, world: World) -> None:
        """Denied by a supervisor; the fee page charges $260; paid, the case is accepted."""
        case_id = await world.i765()
        await world.request_waiver(case_id)
        with pytest.raises(NotPayable, match="not been decided"):
            await world.payments.start(case_id, actor=APPLICANT, idempotency_key="e" * 32)
        supervisor = await staff_member(world.repository, Role.SUPERVISOR, "PSC")
        case = await world.cases.get(case_id)
        await world.waivers.deny(
            case_id, actor=supervisor, expected_version=case.version, reason="Letter from 2019"
        )
        charged = await world.pay(case_id, "d" * 32)
        case = await world.cases.get(case_id)
        topics = [type(event).__name__ for event in await world.store.read_stream(case_id)]
        assert (26_000, CaseStatus.ACCEPTED, 26_000, False) == (
            charged,
            case.status,
            case.fee_paid_cents,
            case.fee_waived,
        )
        assert ["FeeWaiverDenied", "FeePaid", "Accepted"] == topics[-3:]


class TestWaiverLeavesTheFeeSetByLaw:
    """An approved waiver of a TPS first card still charges the fee set by law."""

    async def test_approve_then_pay_the_rest(self, world: World) -> None:
        """$470 waived, $560 paid, then accepted."""
        case_id = await world.i765(category="a12")  # the filled form asks for a first card
        await world.request_waiver(case_id)
        officer = await staff_member(world.repository, Role.OFFICER, "PSC")
        case = await world.cases.get(case_id)
        await world.waivers.approve(
            case_id, actor=officer, expected_version=case.version, reason="Medicaid"
        )
        waiting = (await world.cases.get(case_id)).status
        charged = await world.pay(case_id, "t" * 32)
        assert (CaseStatus.SUBMITTED, 56_000, CaseStatus.ACCEPTED) == (
            waiting,
            charged,
            (await world.cases.get(case_id)).status,
        )


class TestWaiverEvidence:
    """The request names documents of this case that passed the virus check."""

    async def test_someone_elses_document(self, world: World) -> None:
        """A document of another case is refused as not found; the draft stays a draft."""
        case_id, other_id = await world.i765(), await world.i765()
        foreign = await world.document(other_id)
        with pytest.raises(EvidenceRefused, match="could not be found"):
            await world.waivers.request(
                case_id,
                actor=APPLICANT,
                basis="financial_hardship",
                explanation="I lost my job.",
                document_ids=[foreign],
            )
        assert CaseStatus.DRAFT == (await world.cases.get(case_id)).status

    async def test_infected_document(self, world: World) -> None:
        """A document that failed the virus check cannot support a request."""
        case_id = await world.i765()
        infected = await world.document(case_id, ScanResult.INFECTED)
        with pytest.raises(EvidenceRefused, match="virus check"):
            await world.waivers.request(
                case_id,
                actor=APPLICANT,
                basis="financial_hardship",
                explanation="I lost my job.",
                document_ids=[infected],
            )

    async def test_sent_twice(self, world: World) -> None:
        """A request for a case already sent is refused by the status machine."""
        case_id = await world.i765()
        await world.request_waiver(case_id)
        with pytest.raises(TransitionNotAllowed):
            await world.request_waiver(case_id)


class TestReducedFee:
    """An N-400 whose Part 10 asks for the reduced fee is charged $380, and records why."""

    async def test_charged_and_recorded(self, world: World) -> None:
        """The payment is for $380; the filed case names the reduced fee as the reason."""
        typed = path(
            FormType.N400,
            reduced_fee={"reduced_fee": "yes"},
            household={
                "household_income": "52000",
                "household_size": "4",
                "household_earners": "2",
                "head_of_household": "yes",
            },
        )
        answers = clean_answers(FormType.N400, list(typed.items()))
        case_id = await world.cases.start(
            actor=APPLICANT, applicant_id=APPLICANT.user_id, form_type=FormType.N400, office="NBC"
        )

        def fill(case: Case) -> None:
            for section, saved in answers.items():
                case.save_answers(APPLICANT, section, saved)
            signature = {"full_name": SIGNED_BY, "signed_at": "2026-12-06T10:00:00+00:00"}
            case.save_answers(APPLICANT, "declaration", signature)

        await world.cases.update(case_id, None, fill)
        charged = await world.pay(case_id, "n" * 32)
        case = await world.cases.get(case_id)
        expected = (
            38_000,
            CaseStatus.ACCEPTED,
            "n400-reduced",
            "Reduced fee: household income at or below 400% of the Federal Poverty Guidelines",
        )
        assert expected == (charged, case.status, case.fee_rule, case.fee_reason)
