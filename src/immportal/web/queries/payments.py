"""Payments as the fee page, the receipts and the case pages show them, from `payments`."""

from uuid import UUID

from immportal.domain.actor import Actor
from immportal.projections.case_files import CaseFilesProjection
from immportal.projections.payments import get_payment, payments_of_case
from immportal.services.payments.records import PaymentRecord, own_payment
from immportal.web.portal import Portal
from immportal.web.queries.catch_up import found_after_catch_up


async def case_payments(portal: Portal, case_id: UUID) -> list[PaymentRecord]:
    """Every payment started for the case, oldest first."""
    return await payments_of_case(portal.pool, case_id)


async def payment_of(portal: Portal, payment_id: UUID, actor: Actor) -> PaymentRecord:
    """A payment the actor started; NotFound for anyone else's, as for one that does not exist.

    Reached straight after starting one (the continue page), so a payment the read model has
    not shown yet is waited for.
    """
    found = await found_after_catch_up(
        portal, CaseFilesProjection.name, lambda: get_payment(portal.pool, payment_id)
    )
    return own_payment(found, actor)


async def recorded_payment(portal: Portal, payment_id: UUID) -> PaymentRecord | None:
    """A payment as recorded, for staff who may already see its case."""
    return await get_payment(portal.pool, payment_id)
