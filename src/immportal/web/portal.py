"""What the pages and the API use, built once at start by the composition root.

The web layer names what it needs here, by service class or port; the composition root
(`immportal.app`) fills it from settings. Handlers take ready services from the
application (`request.app[PORTAL]`) and never build a store or a service themselves.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

import asyncpg
from aiohttp import web

from immportal.services.appointments.ports import AppointmentBook
from immportal.services.appointments.service import AppointmentService
from immportal.services.appointments.staff import StaffAppointments
from immportal.services.audit.ports import AccessLog, AuditLog, ChainVerifier
from immportal.services.cases.adjudication import AdjudicationService
from immportal.services.cases.applications import ApplicationService
from immportal.services.cases.inquiries import InquiryService
from immportal.services.cases.paper_cases import PaperCaseService
from immportal.services.cases.ports import LookupLimits
from immportal.services.cases.profile_address import ProfileAddressService
from immportal.services.cases.representatives import RepresentativeDirectory
from immportal.services.cases.service import CaseService
from immportal.services.cases.withdrawal import WithdrawalService
from immportal.services.correspondence.messages import ConversationService
from immportal.services.correspondence.requests import CaseRequestService
from immportal.services.documents.receipts import SignedReceipts
from immportal.services.evidence.ports import BlobStore
from immportal.services.evidence.response import EvidenceResponses
from immportal.services.evidence.service import EvidenceService
from immportal.services.identity.access_tokens import AccessTokens
from immportal.services.identity.accounts import AccountService
from immportal.services.identity.changes import PasswordChangeService
from immportal.services.identity.email_change import EmailChangeService
from immportal.services.identity.email_links import EmailLinkService
from immportal.services.identity.language_choice import LanguageService
from immportal.services.identity.lock_notice import LockNotices
from immportal.services.identity.passkeys import PasskeyService
from immportal.services.identity.ports import EmailIndex, SignInLimits
from immportal.services.identity.recovery import AccountRecoveryService
from immportal.services.identity.recovery_admin import RecoveryAdminService
from immportal.services.identity.sessions import SessionStore
from immportal.services.identity.time_zone import TimeZoneService
from immportal.services.notifications.ports import Mailer
from immportal.services.payments.filing import FeeFiling
from immportal.services.payments.service import PaymentService
from immportal.services.payments.waivers import FeeWaiverService
from immportal.services.ports import EventStore
from immportal.services.sharing.service import ShareCodeService
from immportal.services.transparency.proofs import TransparencyLog
from immportal.settings import Settings


class ReadModels(Protocol):
    """Lets a request that wrote wait until the read models the next page shows include it."""

    async def wait_until(self, position: int, projections: Sequence[str], seconds: float) -> bool:
        """True once every named projection has passed `position`; False after `seconds`."""
        ...

    async def head(self) -> int:
        """The last position committed to the log."""
        ...


@dataclass(frozen=True, kw_only=True)
class Portal:
    """The ready services of one web process, shared by every request."""

    settings: Settings
    # Read models are queried with the projections' query functions over this pool.
    pool: asyncpg.Pool
    read_models: ReadModels
    # Account and recovery histories are shown event by event (read, never replayed).
    events: EventStore
    blobs: BlobStore
    mailer: Mailer
    sessions: SessionStore
    access_tokens: AccessTokens
    passkeys: PasskeyService
    sign_in_limits: SignInLimits
    lookup_limits: LookupLimits
    email_index: EmailIndex
    accounts: AccountService
    email_links: EmailLinkService
    email_change: EmailChangeService
    password_change: PasswordChangeService
    lock_notices: LockNotices
    recovery: AccountRecoveryService
    recovery_admin: RecoveryAdminService
    cases: CaseService
    applications: ApplicationService
    adjudication: AdjudicationService
    inquiries: InquiryService
    profile_address: ProfileAddressService
    languages: LanguageService
    time_zones: TimeZoneService
    representatives: RepresentativeDirectory
    conversations: ConversationService
    case_requests: CaseRequestService
    evidence: EvidenceService
    evidence_responses: EvidenceResponses
    payments: PaymentService
    fee_filing: FeeFiling
    fee_waivers: FeeWaiverService
    appointments: AppointmentService
    staff_appointments: StaffAppointments
    appointment_book: AppointmentBook
    access_log: AccessLog
    audit_log: AuditLog
    chain: ChainVerifier
    transparency: TransparencyLog
    # Signed documents and share codes (docs/transparency.md): receipts are signed on
    # request; /verify and /check-status count checks per client address.
    receipts: SignedReceipts
    document_lookups: LookupLimits
    document_certificates: str
    sharing: ShareCodeService
    credential_keys: str
    # Paper cases added with their receipt notice's access code; online withdrawal.
    paper_cases: PaperCaseService
    withdrawals: WithdrawalService


PORTAL = web.AppKey("portal", Portal)


def portal(request: web.Request) -> Portal:
    """The ready services of the application serving this request."""
    return request.app[PORTAL]
