"""`immportal cases ...`: intake of paper filings and the cards of approved cases.

The mailroom and the card production facility act for the agency, so these commands
record their events as the system.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import UTC, datetime
from uuid import UUID

import click

from immportal.adapters.postgres.paper_case_attempts import PostgresAttemptLimits
from immportal.adapters.postgres.receipts import PostgresReceiptNumbers
from immportal.app.access_code_key import access_code_key
from immportal.app.cli.context import CommandGroup, pass_settings, run
from immportal.app.container import Runtime, open_runtime
from immportal.domain.actor import Actor
from immportal.domain.cases.access_code import access_code
from immportal.domain.cases.forms import FormType
from immportal.domain.cases.receipt import parse_receipt_number
from immportal.domain.errors import DomainError
from immportal.projections.receipt_holders import ReceiptHolders
from immportal.services.cases.cards import CardService
from immportal.services.cases.paper_cases import PaperCaseService
from immportal.services.ports import Written
from immportal.services.repository import Repository
from immportal.settings import Settings

FORMS = click.Choice([form.value for form in FormType])
_Step = Callable[[CardService, UUID], Awaitable[Written]]


@click.group(cls=CommandGroup, help="paper filings and cards")
def cases() -> None:
    """Intake of paper filings and the cards of approved cases."""


@cases.command("receive-paper", help="enter a paid paper filing; prints its receipt number")
@click.option("--form", "form_type", type=FORMS, required=True)
@click.option("--office", required=True, help="office code, e.g. VSC")
@click.option("--fee-cents", type=int, required=True)
@click.option("--given-name", required=True)
@click.option("--family-name", required=True)
@click.option("--show-code", is_flag=True, help="print the online access code for the notice")
@pass_settings
def receive_paper(
    settings: Settings,
    form_type: str,
    office: str,
    fee_cents: int,
    given_name: str,
    family_name: str,
    show_code: bool,
) -> None:
    """Enter the filing, accept it, and print what the receipt notice will say."""
    answers = {"applicant": {"given_name": given_name, "family_name": family_name}}
    run(_receive(settings, FormType(form_type), office, fee_cents, answers, show_code))


async def _receive(
    settings: Settings,
    form_type: FormType,
    office: str,
    fee_cents: int,
    answers: dict[str, dict[str, str]],
    show_code: bool,
) -> int:
    async with open_runtime(settings) as runtime:
        service = _paper_cases(runtime)
        try:
            case_id, number = await service.receive(
                actor=Actor.system(),
                form_type=form_type,
                office=office.upper(),
                answers=dict(answers),
                fee_cents=fee_cents,
                received_on=datetime.now(UTC).date(),
            )
        except DomainError as refused:
            click.echo(f"Not received: {refused}")
            return 1
    click.echo(f"Received {form_type.value} {number} (case {case_id}).")
    if show_code:
        # Only on request, for the operator who mails the notice: never in a log.
        click.echo(f"Online access code: {access_code(access_code_key(settings), case_id)}")
    return 0


def _paper_cases(runtime: Runtime) -> PaperCaseService:
    pool = runtime.pool
    return PaperCaseService(
        repository=Repository(runtime.store),
        cases=runtime.cases,
        receipts=PostgresReceiptNumbers(pool),
        directory=ReceiptHolders(pool),
        account_limits=PostgresAttemptLimits(pool, limit=0),
        network_limits=PostgresAttemptLimits(pool, limit=0),
        key=access_code_key(runtime.settings),
    )


@cases.command("card-produced", help="record the card of an approved case produced")
@click.argument("receipt_number")
@pass_settings
def card_produced(settings: Settings, receipt_number: str) -> None:
    """Record CardProduced."""
    run(_card(settings, receipt_number, lambda s, c: s.produced(c, actor=Actor.system())))


@cases.command("card-mailed", help="record the card mailed with its USPS tracking number")
@click.argument("receipt_number")
@click.argument("tracking_number")
@pass_settings
def card_mailed(settings: Settings, receipt_number: str, tracking_number: str) -> None:
    """Record CardMailed."""
    run(
        _card(
            settings,
            receipt_number,
            lambda s, c: s.mailed(c, actor=Actor.system(), tracking_number=tracking_number),
        )
    )


@cases.command("card-returned", help="record the card returned undeliverable, with the reason")
@click.argument("receipt_number")
@click.argument("reason")
@pass_settings
def card_returned(settings: Settings, receipt_number: str, reason: str) -> None:
    """Record CardReturned."""
    run(
        _card(
            settings,
            receipt_number,
            lambda s, c: s.returned(c, actor=Actor.system(), reason=reason),
        )
    )


async def _card(settings: Settings, receipt_number: str, step: _Step) -> int:
    try:
        number = parse_receipt_number(receipt_number)
    except DomainError as malformed:
        click.echo(str(malformed))
        return 2
    async with open_runtime(settings) as runtime:
        holder = await ReceiptHolders(runtime.pool).holder(number)
        if holder is None:
            click.echo(f"No case has the receipt number {number}.")
            return 1
        try:
            await step(CardService(runtime.cases), holder.case_id)
        except DomainError as refused:
            click.echo(f"Not recorded: {refused}")
            return 1
    click.echo(f"Recorded for {number}.")
    return 0
