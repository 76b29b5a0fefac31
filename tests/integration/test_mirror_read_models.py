"""case_files (with payments) and account_profiles hold what the aggregates hold, field by field.

Pages read these read models instead of replaying the aggregates, so each row must say
what replaying the aggregate's events says: every demo history (every status, transfers,
evidence, interviews, proposals returned and approved, decisions, reopenings) and the
steps the demo leaves out (an address change, representatives, a refund), payments in
each end state, accounts through their sign-in set-up, and recovery attempts.
"""

from datetime import UTC, datetime
from typing import Any
from uuid import UUID, uuid4

from immportal.adapters.identity.argon2_hasher import Argon2Hasher
from immportal.adapters.identity.tokens import RandomTokens
from immportal.adapters.postgres.accounts import PostgresEmailIndex
from immportal.adapters.postgres.receipts import PostgresReceiptNumbers
from immportal.app.container import Runtime
from immportal.app.workers import running_projections
from immportal.dev.demo.history_events import seed_demo_history
from immportal.domain.actor import Actor, Role
from immportal.domain.cases.case import Case
from immportal.domain.cases.forms import FormType
from immportal.domain.identity.account import Account
from immportal.domain.identity.recovery import AccountRecovery, CancelReason
from immportal.domain.payments.payment import Payment
from immportal.projections.account_profiles import get_profile
from immportal.projections.account_recoveries import get_recovery
from immportal.projections.case_files import get_case_file, get_case_files
from immportal.projections.payments import get_payment, payments_of_case
from immportal.services.cases.files import CaseFile
from immportal.services.identity.staff import StaffAccountService
from immportal.services.repository import Repository
from testkit.projection_support import caught_up, wait_until

PROJECTED = ("case_files", "account_profiles")
APPLICANT = Actor("applicant-mirror", Role.APPLICANT)
OFFICER = Actor("officer-mirror", Role.OFFICER)


def case_state(case: Case | CaseFile) -> dict[str, Any]:
    """What a page may read of a case, from the aggregate or from its file."""
    return {
        "id": case.id,
        "applicant_id": case.applicant_id,
        "form_type": case.form_type,
        "office": case.office,
        "status": case.status,
        "answers": case.answers,
        "fee": (case.fee_cents, case.fee_waived, case.fee_refunded, case.payment_id),
        "fee_reason": (case.fee_reason, case.fee_rule),
        "fee_paid": (case.fee_unwaivable_cents, case.fee_paid_cents, case.fee_due_cents),
        "fee_waiver": case.fee_waiver,
        "receipt": (case.receipt_number, case.accepted_at),
        "biometrics": (case.biometrics_at, case.biometrics_location, case.biometrics_reschedules),
        "officer_id": case.officer_id,
        "evidence": (list(case.evidence_items), case.evidence_due_on),
        "evidence_document_ids": list(case.evidence_document_ids),
        "interview": (case.interview_at, case.interview_location),
        "proposal": case.proposal,
        "decision": (case.decision, case.decided_at),
        "address": case.address,
        "representative_ids": list(case.representative_ids),
        "version": case.version,
    }


async def projected(runtime: Runtime) -> None:
    """Wait until the mirrored read models have the whole log."""
    await wait_until(lambda: caught_up(runtime, PROJECTED))


class TestCaseFiles:
    """Each case's file is the case as its events make it."""

    async def test_every_demo_history(self, runtime: Runtime) -> None:
        """~150 synthetic histories, every status: each file equals the replayed case."""
        ids = await seed_demo_history(runtime.store, PostgresReceiptNumbers(runtime.pool))
        async with running_projections(runtime):
            await projected(runtime)
        files = await get_case_files(runtime.pool, ids)
        replayed = [case_state(await runtime.cases.get(case_id)) for case_id in ids]
        assert replayed == [case_state(files[case_id]) for case_id in ids]

    async def test_steps_the_demo_leaves_out(self, runtime: Runtime) -> None:
        """Address change, representatives authorized and revoked, a rejected filing refunded."""
        cases = runtime.cases
        case_id = await cases.start(
            actor=APPLICANT, applicant_id=APPLICANT.user_id, form_type=FormType.I90, office="NBC"
        )
        address = {"line1": "8 Quay Road", "city": "Salem", "postal_code": "01970"}
        steps = [
            lambda c: c.save_answers(APPLICANT, "contact", {"postal_code": "07102"}),
            lambda c: c.save_answers(APPLICANT, "contact", {"email": "ana@example.test"}),
            lambda c: c.submit(APPLICANT, fee_cents=41_500, payment_id=str(uuid4())),
            lambda c: c.change_address(APPLICANT, address),
            lambda c: c.authorize_representative(APPLICANT, "rep-1"),
            lambda c: c.authorize_representative(APPLICANT, "rep-2"),
            lambda c: c.revoke_representative(APPLICANT, "rep-1"),
            lambda c: c.reject_filing(Actor.system(), "The form is unsigned."),
            lambda c: c.refund_fee(OFFICER, "Rejected filing."),
        ]
        for step in steps:
            await cases.update(case_id, None, step)
        async with running_projections(runtime):
            await projected(runtime)
        found = await get_case_file(runtime.pool, case_id)
        assert found is not None
        assert case_state(await cases.get(case_id)) == case_state(found)
        assert (address, ("rep-2",), True) == (
            found.address,
            found.representative_ids,
            found.fee_refunded,
        )


class TestFeeWaivers:
    """A fee waiver request, its decision and the fee paid after it, in the case's file."""

    async def test_denied_then_paid(self, runtime: Runtime) -> None:
        """Requested, denied, paid, accepted: the file says what the replayed case says."""
        cases = runtime.cases
        case_id = await cases.start(
            actor=APPLICANT, applicant_id=APPLICANT.user_id, form_type=FormType.I90, office="NBC"
        )
        filed_on = datetime.now(UTC).date()
        steps = [
            lambda c: c.save_answers(APPLICANT, "reason", {"reason": "lost"}),
            lambda c: c.request_fee_waiver(
                APPLICANT, filed_on, "financial_hardship", "Lost my job.", ["doc-1"]
            ),
            lambda c: c.deny_fee_waiver(OFFICER, "No evidence of the job loss."),
            lambda c: c.pay_fee(APPLICANT, 41_500, str(uuid4())),
            lambda c: c.accept(Actor.system(), "IOE0912345678"),
        ]
        for step in steps:
            await cases.update(case_id, None, step)
        async with running_projections(runtime):
            await projected(runtime)
        found = await get_case_file(runtime.pool, case_id)
        assert found is not None
        assert case_state(await cases.get(case_id)) == case_state(found)
        assert ("denied", 41_500, 0) == (
            (found.fee_waiver or {}).get("state"),
            found.fee_paid_cents,
            found.fee_due_cents,
        )


def payment_state(payment: Any) -> dict[str, Any]:
    """What a receipt or review page may read of a payment."""
    names = ("id", "case_id", "form_type", "amount_cents", "payer_id", "payer_role", "state")
    more = ("card_last4", "card_brand", "provider_reference", "paid_at", "ended_reason")
    rest = ("provider_session_id", "redirect_url", "is_open")
    return {name: getattr(payment, name) for name in (*names, *more, *rest)}


class TestPayments:
    """Each payment's row is the payment as its events make it."""

    async def test_each_end_state(self, runtime: Runtime) -> None:
        """Started, received (twice confirmed), declined and abandoned payments of one case."""
        case_id, repository = uuid4(), Repository(runtime.store)
        ends = {
            "open": lambda p: None,
            "received": lambda p: [
                p.receive(
                    amount_cents=41_500,
                    card_last4="4242",
                    card_brand="visa",
                    provider_reference=f"ref-{p.id}",
                )
                for _ in range(2)
            ],
            "declined": lambda p: p.decline("insufficient funds"),
            "abandoned": lambda p: p.abandon("expired"),
        }
        ids = []
        for end in ends.values():
            payment = Payment.begin(
                payment_id=uuid4(),
                case_id=case_id,
                form_type=FormType.I90,
                amount_cents=41_500,
                idempotency_key=uuid4().hex,
                payer=APPLICANT,
                provider_session_id=f"session-{uuid4().hex[:8]}",
                redirect_url="https://pay.example.test/s/1",
            )
            end(payment)
            await repository.save(payment)
            ids.append(payment.id)
        async with running_projections(runtime):
            await projected(runtime)
        replayed = [payment_state(await repository.get(Payment, i)) for i in ids]
        rows = [await get_payment(runtime.pool, i) for i in ids]
        assert replayed == [payment_state(row) for row in rows]
        assert ids == [p.id for p in await payments_of_case(runtime.pool, case_id)]


def account_state(account: Any) -> dict[str, Any]:
    """What pages may read of an account."""
    names = ("id", "email", "email_key", "role", "office", "email_verified", "totp_active")
    state = {name: getattr(account, name) for name in names}
    state["names"] = list(account.names)
    state["mailing_address"] = account.mailing_address
    state["time_zone"] = account.time_zone
    state["last_sign_in_at"] = account.last_sign_in_at
    codes = getattr(account, "recovery_digests", None)
    state["codes"] = len(codes) if codes is not None else account.recovery_codes_left
    return state


class TestAccountProfiles:
    """Each account's profile is the account as its events make it, without its secrets."""

    async def test_through_sign_in_set_up(self, runtime: Runtime) -> None:
        """Registered, verified, app and codes set up, a code used, office, address, sign-in."""
        staff = StaffAccountService(
            Repository(runtime.store),
            Argon2Hasher(),
            RandomTokens(),
            PostgresEmailIndex(runtime.pool),
        )
        email = f"mirror-{uuid4().hex[:8]}@example.test"
        account_id = await staff.open_account(
            email=email,
            names=["Ana", "Lopez"],
            role=Role.OFFICER,
            actor=Actor.system(),
            password="amber kettle drifts past 4812 harbors",
            email_verified=True,
        )
        await staff.assign_office(account_id, "NBC", actor=Actor.system())
        repository = Repository(runtime.store)
        account = await repository.get(Account, account_id)
        account.set_recovery_codes(account.holder, [f"{n:064x}" for n in range(10)])
        account.use_recovery_code(account.holder, f"{3:064x}")
        account.record_sign_in(account.holder, "s-1", "Firefox", datetime.now(UTC))
        account.change_mailing_address(account.holder, {"line1": "1 Main St", "city": "Newark"})
        account.choose_time_zone(account.holder, "Pacific/Honolulu")
        await repository.save(account)
        async with running_projections(runtime):
            await projected(runtime)
        profile = await get_profile(runtime.pool, account_id)
        assert profile is not None
        assert account_state(await repository.get(Account, account_id)) == account_state(profile)
        assert ("Ana Lopez", 9) == (profile.display_name, profile.recovery_codes_left)


def recovery_state(recovery: Any, now: datetime) -> dict[str, Any]:
    """What the administrators' pages may read of a recovery attempt."""
    names = ("id", "account_id", "requested_at", "wrong_proofs", "proven_at", "approved_by")
    more = ("cancel_reason", "cancelled_at", "completed_at", "help_requested_at", "opened_by")
    rules = ("stage", "is_open", "ready_at", "bars_new_attempts")
    state = {name: getattr(recovery, name) for name in (*names, *more, *rules)}
    return state | {"locked_until": recovery.locked_until(now)}


class TestAccountRecoveries:
    """Each attempt's row is the attempt as its events make it; replaced ones are marked."""

    async def test_each_way_an_attempt_goes(self, runtime: Runtime) -> None:
        """Proven, with an administrator, locked by wrong proofs and replaced, refused."""
        person, admin = Actor(str(uuid4()), Role.APPLICANT), Actor(str(uuid4()), Role.ADMIN)
        now, digest = datetime.now(UTC), "ab" * 32
        repository = Repository(runtime.store)

        def started() -> AccountRecovery:
            return AccountRecovery.request(
                account_id=UUID(person.user_id), link_digest=digest, actor=person, at=now
            )

        proven, helped, locked, refused = started(), started(), started(), started()
        proven.refuse_proof(person, now)
        proven.prove(person, case_id=uuid4(), at=now, finish_digest=digest, cancel_digest=digest)
        helped.ask_for_admin(person, at=now, cancel_digest=digest)
        for _ in range(5):
            locked.refuse_proof(person, now)
        replacing = AccountRecovery.open_for_person(
            recovery_id=uuid4(),
            account_id=UUID(person.user_id),
            replaces=locked.id,
            actor=admin,
            note="Video call",
            at=now,
        )
        replacing.approve(admin, "Video call", now)
        replacing.complete(admin, now)
        refused.cancel(admin, CancelReason.REFUSED, now, "No proof")
        attempts = [proven, helped, locked, replacing, refused]
        for attempt in attempts:
            await repository.save(attempt)
        async with running_projections(runtime):
            await projected(runtime)
        rows = [await get_recovery(runtime.pool, a.id) for a in attempts]
        replayed = [await repository.get(AccountRecovery, a.id) for a in attempts]
        assert [recovery_state(a, now) for a in replayed] == [
            recovery_state(row, now) for row in rows
        ]
        assert [None, None, replacing.id, None, None] == [
            row.replaced_by if row is not None else "missing" for row in rows
        ]
