"""The Payment aggregate: Received once; declines and abandonment end only open payments."""

from uuid import uuid4

import pytest

from immportal.domain.actor import Actor, Role
from immportal.domain.cases.forms import FormType
from immportal.domain.errors import InvalidArgument
from immportal.domain.payments.payment import Payment, PaymentState

APPLICANT = Actor("applicant-1", Role.APPLICANT)


def started(amount: int = 41_500) -> Payment:
    """A payment just opened on the provider."""
    return Payment.begin(
        payment_id=uuid4(),
        case_id=uuid4(),
        form_type=FormType.I90,
        amount_cents=amount,
        idempotency_key="k" * 32,
        payer=APPLICANT,
        provider_session_id="cs_1",
        redirect_url="https://pay.example/cs_1",
    )


def receive(payment: Payment, amount: int = 41_500) -> bool:
    """Confirm the payment as the provider would."""
    return payment.receive(
        amount_cents=amount, card_last4="4242", card_brand="visa", provider_reference="cs_1"
    )


class TestReceive:
    """A confirmation counts once."""

    def test_second_confirmation_is_a_no_op(self) -> None:
        """Two confirmations, one Received event."""
        payment = started()
        assert [True, False] == [receive(payment), receive(payment)]
        assert ["Started", "Received"] == [type(e).__name__ for e in payment.collect_events()]
        assert (PaymentState.RECEIVED, "4242") == (payment.state, payment.card_last4)

    def test_money_after_a_decline_still_counts(self) -> None:
        """The provider's word that money moved is recorded even after a decline."""
        payment = started()
        payment.decline("card_declined")
        assert receive(payment)
        assert PaymentState.RECEIVED == payment.state

    def test_wrong_amount_is_refused(self) -> None:
        """A confirmation for another amount is not this payment."""
        with pytest.raises(InvalidArgument):
            receive(started(), amount=100)


class TestEnd:
    """Declines and abandonment."""

    def test_decline_after_payment_is_ignored(self) -> None:
        """A paid payment stays paid."""
        payment = started()
        receive(payment)
        assert (False, False) == (payment.decline("late"), payment.abandon("late"))
        assert PaymentState.RECEIVED == payment.state

    def test_decline_ends_an_open_payment(self) -> None:
        """Declined once, and then no longer open."""
        payment = started()
        assert (True, False) == (payment.decline("card_declined"), payment.is_open)

    def test_only_applicants_pay(self) -> None:
        """An officer cannot start a fee payment."""
        with pytest.raises(InvalidArgument):
            Payment.begin(
                payment_id=uuid4(),
                case_id=uuid4(),
                form_type=FormType.I90,
                amount_cents=41_500,
                idempotency_key="k" * 32,
                payer=Actor("officer-1", Role.OFFICER),
                provider_session_id="cs_1",
                redirect_url="https://pay.example/cs_1",
            )
