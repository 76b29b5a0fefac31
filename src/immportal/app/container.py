"""The shared resources of a process: database, event store, bus, mail, services."""

import asyncio
from collections.abc import AsyncIterator
from contextlib import AsyncExitStack, asynccontextmanager
from dataclasses import dataclass, field

import asyncpg
import structlog
from aiohttp import web

from immportal.adapters.identity.argon2_hasher import Argon2Hasher
from immportal.adapters.identity.tokens import RandomTokens
from immportal.adapters.identity.totp import PyotpTotp
from immportal.adapters.mail.mailbox import MailboxMailer
from immportal.adapters.mail.smtp import SmtpMailer
from immportal.adapters.pdf.notice_pdf import FpdfNoticeRenderer
from immportal.adapters.postgres.account_tokens import PostgresTokenStore
from immportal.adapters.postgres.accounts import PostgresEmailIndex
from immportal.adapters.postgres.connection import connect, create_pool
from immportal.adapters.postgres.embedded import embedded_server
from immportal.adapters.postgres.eventstore import PostgresEventStore
from immportal.adapters.postgres.mail_limits import PostgresMailLimits
from immportal.adapters.postgres.mapper import create_mapper
from immportal.adapters.postgres.migrations import migrate
from immportal.adapters.postgres.notifier import LogNotifier
from immportal.adapters.postgres.password_guesses import PostgresPasswordGuesses
from immportal.adapters.postgres.receipts import PostgresReceiptNumbers
from immportal.adapters.postgres.writer import GroupCommitWriter
from immportal.app.access_code_key import access_code_key
from immportal.app.blob_store import create_scanner, open_blob_store
from immportal.app.cipher_key import cipher_key
from immportal.app.document_signing import document_sealer
from immportal.app.filed_copies import filed_applications_projection
from immportal.app.inspection import inspection_pool
from immportal.app.password_hashing import password_hasher
from immportal.app.previews import previews_projection
from immportal.app.recipient_language import RecipientLanguages
from immportal.domain.cases.access_code import access_code
from immportal.integration.inprocess import InProcessBus
from immportal.integration.ports import ConsumerSpec, MessageBus
from immportal.processes.notices import NoticesProjection
from immportal.projections.account_profiles import AccountProfilesProjection
from immportal.projections.base import Projection
from immportal.projections.case_contacts import CaseContactsProjection
from immportal.projections.case_documents import CaseDocumentsProjection, PostgresDocumentIndex
from immportal.projections.case_files import CaseFilesProjection
from immportal.projections.case_messages import CaseMessagesProjection
from immportal.projections.case_milestones import CaseMilestonesProjection
from immportal.projections.case_requests import CaseRequestsProjection
from immportal.projections.case_summary import CaseSummaryProjection
from immportal.projections.case_timeline import CaseTimelineProjection
from immportal.projections.decision_history import DecisionHistoryProjection
from immportal.projections.engine import ensure_projection
from immportal.projections.office_staffing import PostgresOfficeStaffing
from immportal.projections.read_your_writes import ProjectionWaiter
from immportal.projections.status_shares import StatusSharesProjection
from immportal.services.cases.service import CaseService
from immportal.services.evidence.ports import BlobStore, Scanner
from immportal.services.evidence.service import EvidenceService
from immportal.services.identity.accounts import AccountService
from immportal.services.identity.after_response import AfterResponse
from immportal.services.identity.email_links import EmailLinkService
from immportal.services.notices.issuer import NoticeIssuer
from immportal.services.notifications.consumer import consumer_spec
from immportal.services.notifications.ports import Mailer
from immportal.services.repository import Repository
from immportal.settings import Settings

log = structlog.get_logger(__name__)


def all_projections(runtime: "Runtime | None" = None) -> list[Projection]:
    """Every read model the portal maintains; given a runtime, the notices one issues PDFs."""
    return [
        CaseSummaryProjection(),
        CaseTimelineProjection(),
        CaseContactsProjection(),
        CaseDocumentsProjection(),
        notices_projection(runtime),
        previews_projection(runtime),
        filed_applications_projection(runtime),
        DecisionHistoryProjection(),
        CaseMilestonesProjection(),
        CaseFilesProjection(),
        AccountProfilesProjection(),
        CaseMessagesProjection(),
        CaseRequestsProjection(),
        StatusSharesProjection(),
    ]


def notices_projection(runtime: "Runtime | None") -> NoticesProjection:
    """The notices worker, writing signed PDFs to the blob store (tables only without a runtime)."""
    if runtime is None:
        return NoticesProjection()
    sealer = document_sealer(runtime.settings, runtime.pool)
    key = access_code_key(runtime.settings)
    issuer = NoticeIssuer(
        runtime.blobs,
        FpdfNoticeRenderer(),
        sealer=sealer,
        access_codes=lambda case_id: access_code(key, case_id),
        languages=RecipientLanguages(runtime.pool, runtime.settings.enabled_languages).for_case,
        zones=RecipientLanguages(runtime.pool, runtime.settings.enabled_languages).zone_for_case,
    )
    return NoticesProjection(issuer, runtime.cases)


@dataclass
class Runtime:
    """What one process holds open while it runs."""

    settings: Settings
    dsn: str = field(repr=False)  # may hold a password
    pool: asyncpg.Pool
    store: PostgresEventStore
    notifier: LogNotifier
    cases: CaseService
    bus: MessageBus
    mailer: Mailer
    accounts: AccountService
    email_links: EmailLinkService
    blobs: BlobStore
    scanner: Scanner
    evidence: EvidenceService
    read_models: ProjectionWaiter
    hasher: Argon2Hasher
    after_response: AfterResponse


RUNTIME = web.AppKey("runtime", Runtime)
"""The process's runtime in the aiohttp application, for the composition root and tests."""


async def close_pool(pool: asyncpg.Pool) -> None:
    """Close gracefully if the server answers within seconds; otherwise cut the sockets."""
    try:
        await asyncio.wait_for(pool.close(), 5)
    except TimeoutError:
        pool.terminate()


@asynccontextmanager
async def database_url(settings: Settings) -> AsyncIterator[str]:
    """The configured server, or an embedded one started for as long as we run."""
    if settings.database_url:
        yield settings.database_url
        return
    async with embedded_server(settings.data_dir) as url:
        yield url


def consumer_specs(settings: Settings) -> list[ConsumerSpec]:
    """Every consumer of the portal, declared before anything is published."""
    return [consumer_spec(settings.notification_max_attempts, settings.notification_retry_delay)]


@asynccontextmanager
async def message_bus(settings: Settings) -> AsyncIterator[MessageBus]:
    """RabbitMQ when configured, else the in-process bus; consumers' queues declared."""
    async with _open_bus(settings) as bus:
        for spec in consumer_specs(settings):
            await bus.declare(spec)
        yield bus


@asynccontextmanager
async def _open_bus(settings: Settings) -> AsyncIterator[MessageBus]:
    if settings.rabbitmq_url is None:
        bus = InProcessBus()
        try:
            yield bus
        finally:
            await bus.close()
        return
    from immportal.adapters.rabbitmq.bus import RabbitMqBus

    rabbit = RabbitMqBus(
        settings.rabbitmq_url.get_secret_value(),
        exchange=settings.rabbitmq_exchange,
        queue_prefix=settings.rabbitmq_queue_prefix,
    )
    await rabbit.start()
    try:
        yield rabbit
    finally:
        await rabbit.close()


def create_mailer(settings: Settings) -> Mailer:
    """SMTP when configured, else files in the local mailbox."""
    if settings.smtp_host is None:
        return MailboxMailer(settings.data_dir / "mailbox", sender=settings.mail_sender)
    password = settings.smtp_password.get_secret_value() if settings.smtp_password else None
    return SmtpMailer(
        settings.smtp_host,
        settings.smtp_port,
        username=settings.smtp_username,
        password=password,
        starttls=settings.smtp_starttls,
        use_tls=settings.smtp_tls,
        sender=settings.mail_sender,
    )


@asynccontextmanager
async def open_runtime(settings: Settings) -> AsyncIterator[Runtime]:
    """Open everything in order; close it all in reverse, whatever happens."""
    role = settings.database_app_role
    key = cipher_key(settings)
    if key is None:
        log.warning("events_unencrypted", reason="development mode without IMMPORTAL_CIPHER_KEY")
    async with AsyncExitStack() as stack:
        dsn = await stack.enter_async_context(database_url(settings))
        if settings.auto_migrate:
            await migrate(dsn, role)
        pool = await create_pool(
            dsn,
            role=role,
            size=settings.database_pool_size,
            command_timeout=settings.database_command_timeout,
        )
        stack.push_async_callback(close_pool, pool)
        writer = GroupCommitWriter(
            lambda: connect(dsn, role=role, command_timeout=settings.database_command_timeout)
        )
        writer.start()
        stack.push_async_callback(writer.stop)
        store = PostgresEventStore(pool, create_mapper(key), writer)
        notifier = LogNotifier(dsn, role=role)
        await notifier.start()
        stack.push_async_callback(notifier.stop)
        read_models = ProjectionWaiter(pool, notifier)
        await read_models.start()
        stack.push_async_callback(read_models.stop)
        await _prepare_read_models(dsn, role)
        bus = await stack.enter_async_context(message_bus(settings))
        repository = Repository(store)
        cases = CaseService(
            repository, PostgresReceiptNumbers(pool), staffing=PostgresOfficeStaffing(pool)
        )
        mailer = create_mailer(settings)
        hasher = stack.enter_context(password_hasher())
        after_response = AfterResponse()
        # Closed before the pool and the mailer it uses: mail asked for is sent, not dropped.
        stack.push_async_callback(after_response.drain)
        accounts, email_links = identity_services(
            settings, pool, repository, mailer, hasher, after_response
        )
        blobs = await stack.enter_async_context(open_blob_store(settings))
        scanner = create_scanner(settings)
        inspector = stack.enter_context(inspection_pool(settings))
        evidence = EvidenceService(
            repository,
            blobs,
            scanner,
            PostgresDocumentIndex(pool),
            max_bytes=settings.upload_max_bytes,
            max_pixels=settings.image_max_pixels,
            inspector=inspector,
        )
        yield Runtime(
            settings,
            dsn,
            pool,
            store,
            notifier,
            cases,
            bus,
            mailer,
            accounts,
            email_links,
            blobs=blobs,
            scanner=scanner,
            evidence=evidence,
            read_models=read_models,
            hasher=hasher,
            after_response=after_response,
        )


def identity_services(
    settings: Settings,
    pool: asyncpg.Pool,
    repository: Repository,
    mailer: Mailer,
    hasher: Argon2Hasher,
    after_response: AfterResponse,
) -> tuple[AccountService, EmailLinkService]:
    """Accounts and the emailed links, on PostgreSQL."""
    tokens, emails = RandomTokens(), PostgresEmailIndex(pool)
    accounts = AccountService(
        repository,
        hasher,
        tokens,
        PyotpTotp(),
        emails,
        guesses=PostgresPasswordGuesses(pool),
        after_response=after_response,
    )
    links = EmailLinkService(
        repository,
        hasher,
        PostgresTokenStore(pool, tokens),
        emails,
        mailer,
        settings.public_url,
        mail_limits=PostgresMailLimits(pool),
        after_response=after_response,
    )
    return accounts, links


async def _prepare_read_models(dsn: str, role: str) -> None:
    # Queries must find the read models even before any worker has led.
    setup = await connect(dsn, role=role)
    try:
        for projection in all_projections():
            await ensure_projection(setup, projection)
    finally:
        await setup.close()
