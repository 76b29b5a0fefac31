"""Build the web layer's ready services (`Portal`) from a process's runtime, once at start."""

from functools import partial

from yarl import URL

from immportal.adapters.identity.tokens import RandomTokens
from immportal.adapters.payments.postgres_stores import PostgresPaymentKeys, PostgresSeenWebhooks
from immportal.adapters.postgres.access_log import PostgresAccessLog
from immportal.adapters.postgres.access_tokens import PostgresAccessTokens
from immportal.adapters.postgres.account_tokens import PostgresTokenStore
from immportal.adapters.postgres.accounts import PostgresEmailIndex
from immportal.adapters.postgres.appointments import PostgresAppointmentBook
from immportal.adapters.postgres.audit_queries import PostgresAuditLog
from immportal.adapters.postgres.chain_verifier import PostgresChainVerifier
from immportal.adapters.postgres.email_changes import PostgresEmailChanges
from immportal.adapters.postgres.lookup_limits import PostgresLookupLimits
from immportal.adapters.postgres.paper_case_attempts import PostgresAttemptLimits
from immportal.adapters.postgres.passkeys import PostgresPasskeys
from immportal.adapters.postgres.receipts import PostgresReceiptNumbers
from immportal.adapters.postgres.recovery_claims import PostgresRecoveryClaims
from immportal.adapters.postgres.sessions import PostgresSessionStore
from immportal.adapters.postgres.sign_in_limits import PostgresNoticeClaims, PostgresSignInLimits
from immportal.adapters.signing.credentials import JwsCredentialSigner
from immportal.app.access_code_key import access_code_key
from immportal.app.container import Runtime
from immportal.app.credential_keys import credential_keyring
from immportal.app.document_signing import signed_receipts, signing_identity
from immportal.app.payments import RETURN_PATH, Payments
from immportal.app.transparency import transparency_log
from immportal.projections.case_file_reader import PostgresCaseFiles
from immportal.projections.case_messages import PostgresSentMessages
from immportal.projections.processing_times import processing_time
from immportal.projections.receipt_holders import ReceiptHolders
from immportal.projections.recovery_cases import PostgresCaseFinder
from immportal.services.appointments.service import AppointmentService
from immportal.services.appointments.staff import StaffAppointments
from immportal.services.cases.adjudication import AdjudicationService
from immportal.services.cases.applications import ApplicationService
from immportal.services.cases.inquiries import InquiryService
from immportal.services.cases.paper_cases import (
    ATTEMPTS_PER_ACCOUNT,
    ATTEMPTS_PER_NETWORK,
    PaperCaseService,
)
from immportal.services.cases.profile_address import ProfileAddressService
from immportal.services.cases.representatives import RepresentativeDirectory
from immportal.services.cases.withdrawal import WithdrawalService
from immportal.services.correspondence.messages import ConversationService
from immportal.services.correspondence.requests import CaseRequestService
from immportal.services.evidence.response import EvidenceResponses
from immportal.services.identity.access_tokens import AccessTokens
from immportal.services.identity.changes import PasswordChangeService
from immportal.services.identity.email_change import EmailChangeService
from immportal.services.identity.language_choice import LanguageService
from immportal.services.identity.lock_notice import LockNotices
from immportal.services.identity.passkeys import PasskeyService
from immportal.services.identity.recovery import AccountRecoveryService
from immportal.services.identity.recovery_admin import RecoveryAdminService
from immportal.services.identity.recovery_book import RecoveryBook
from immportal.services.identity.time_zone import TimeZoneService
from immportal.services.payments.filing import FeeFiling
from immportal.services.payments.service import PaymentService
from immportal.services.payments.waivers import FeeWaiverService
from immportal.services.repository import Repository
from immportal.services.sharing.service import ShareCodeService
from immportal.web.portal import Portal


def build_portal(runtime: Runtime, payments: Payments) -> Portal:
    """Every service a page or an API call uses, over this process's pool and event store."""
    settings, pool, store = runtime.settings, runtime.pool, runtime.store
    repository = Repository(store)
    hasher, tokens = runtime.hasher, PostgresTokenStore(pool, RandomTokens())
    emails = PostgresEmailIndex(pool)
    book = PostgresAppointmentBook(pool)
    recoveries = RecoveryBook(repository, PostgresRecoveryClaims(pool))
    public_url = settings.public_url
    credentials = credential_keyring(settings)
    receipts = PostgresReceiptNumbers(pool)
    adjudication = AdjudicationService(
        runtime.cases,
        repository,
        approval_review_offices=frozenset(settings.approval_review_offices),
    )
    return Portal(
        settings=settings,
        pool=pool,
        read_models=runtime.read_models,
        events=store,
        blobs=runtime.blobs,
        mailer=runtime.mailer,
        sessions=PostgresSessionStore(pool),
        access_tokens=AccessTokens(repository, PostgresAccessTokens(pool), runtime.after_response),
        passkeys=PasskeyService(
            repository,
            PostgresPasskeys(pool),
            rp_id=URL(public_url).host or "localhost",
            origin=str(URL(public_url).origin()),
        ),
        sign_in_limits=PostgresSignInLimits(pool),
        lookup_limits=PostgresLookupLimits(pool),
        email_index=emails,
        accounts=runtime.accounts,
        email_links=runtime.email_links,
        email_change=EmailChangeService(
            repository,
            store,
            tokens,
            emails,
            PostgresEmailChanges(pool),
            runtime.mailer,
            public_url,
        ),
        password_change=PasswordChangeService(runtime.accounts, repository, hasher),
        lock_notices=LockNotices(
            runtime.accounts, emails, PostgresNoticeClaims(pool), runtime.mailer, public_url
        ),
        recovery=AccountRecoveryService(
            repository,
            recoveries,
            hasher=hasher,
            links=tokens,
            emails=emails,
            cases=PostgresCaseFinder(pool),
            mailer=runtime.mailer,
            public_url=public_url,
            after_response=runtime.after_response,
        ),
        recovery_admin=RecoveryAdminService(repository, recoveries),
        cases=runtime.cases,
        applications=ApplicationService(repository, runtime.cases),
        adjudication=adjudication,
        inquiries=InquiryService(runtime.cases, partial(processing_time, pool)),
        profile_address=ProfileAddressService(repository, runtime.cases),
        languages=LanguageService(repository, settings.enabled_languages),
        time_zones=TimeZoneService(repository),
        representatives=RepresentativeDirectory(emails, runtime.accounts),
        conversations=ConversationService(
            repository, runtime.cases, adjudication, PostgresSentMessages(pool)
        ),
        case_requests=CaseRequestService(repository, runtime.cases, adjudication),
        evidence=runtime.evidence,
        evidence_responses=EvidenceResponses(repository),
        payments=PaymentService(
            repository,
            runtime.cases,
            payments.gateway,
            PostgresPaymentKeys(pool),
            PostgresSeenWebhooks(pool),
            return_url=public_url + RETURN_PATH,
        ),
        fee_filing=FeeFiling(repository, runtime.cases, receipts),
        fee_waivers=FeeWaiverService(repository, runtime.cases, adjudication, receipts),
        appointments=AppointmentService(book, repository),
        staff_appointments=StaffAppointments(book, repository),
        appointment_book=book,
        access_log=PostgresAccessLog(pool),
        audit_log=PostgresAuditLog(pool, store.mapper),
        chain=PostgresChainVerifier(store),
        transparency=transparency_log(runtime),
        receipts=signed_receipts(settings, pool),
        document_lookups=PostgresLookupLimits(pool, table="document_lookups"),
        document_certificates=signing_identity(settings).published(),
        sharing=ShareCodeService(
            repository,
            PostgresCaseFiles(pool),
            PostgresLookupLimits(pool, table="share_code_checks"),
            JwsCredentialSigner(credentials),
            issuer=public_url,
        ),
        credential_keys=credentials.published(),
        paper_cases=PaperCaseService(
            repository=repository,
            cases=runtime.cases,
            receipts=receipts,
            directory=ReceiptHolders(pool),
            account_limits=PostgresAttemptLimits(pool, limit=ATTEMPTS_PER_ACCOUNT),
            network_limits=PostgresAttemptLimits(pool, limit=ATTEMPTS_PER_NETWORK),
            key=access_code_key(settings),
        ),
        withdrawals=WithdrawalService(runtime.cases),
    )
