"""Share codes: the holder makes and revokes them; anyone with a code and the date of birth checks.

A check answers with exactly the facts the holder chose, or with one refusal whatever the
reason (an unknown, revoked or expired code, a wrong date of birth, a code locked after
wrong dates of birth, a status that ended): the checker learns nothing from a refusal.
Checks are counted per network before anything is looked up, and wrong dates of birth
per code (domain.sharing.share.MAX_FAILED_CHECKS). The date of birth is never stored
anew: it is compared with the case's answers, read at check time.
"""

from __future__ import annotations

import hmac
from collections.abc import Collection
from dataclasses import dataclass
from datetime import date, datetime
from uuid import UUID

import structlog

from immportal.domain.actor import Actor
from immportal.domain.cases.status import CaseStatus
from immportal.domain.documents.codes import normalise_code
from immportal.domain.errors import DomainError, NotPermitted
from immportal.domain.sharing.benefits import ProvenStatus, proven_status
from immportal.domain.sharing.choices import Fact, Purpose
from immportal.domain.sharing.share import (
    SHARE_CODE_LENGTH,
    CheckRefused,
    Refusal,
    StatusShare,
    share_id,
)
from immportal.errors import ConcurrencyConflict, NotFound, PortalError
from immportal.services.cases.files import CaseFile
from immportal.services.identity.retry import retrying
from immportal.services.ports import Written
from immportal.services.repository import Repository
from immportal.services.sharing.ports import CaseFiles, CheckLimits, CredentialSigner
from immportal.services.sharing.statement import StatusStatement

log = structlog.get_logger(__name__)

PROVING = frozenset({CaseStatus.APPROVED, CaseStatus.CLOSED})
"""An approval proves a status while the case stays decided (closed afterwards, too)."""
CREATE_ATTEMPTS = 3


class NothingToShare(DomainError):
    """The case gives no status to prove: not approved, or a petition rather than a status."""


class ChecksLimited(PortalError):
    """Too many checks from the network; try again after `retry_after_seconds`."""

    def __init__(self, retry_after_seconds: int) -> None:
        super().__init__(f"retry after {retry_after_seconds} s")
        self.retry_after_seconds = retry_after_seconds


@dataclass(frozen=True)
class CreatedShare:
    """A new share code, for the holder to pass on."""

    share_id: UUID
    code: str
    written: Written


def proven(file: CaseFile) -> ProvenStatus | None:
    """The status the case proves today, or None."""
    decision = file.decision or {}
    if decision.get("outcome") != "approved" or file.status not in PROVING:
        return None
    if file.decided_at is None:
        return None
    return proven_status(file.form_type, file.answers, file.decided_at.date())


def holder_name(file: CaseFile) -> str:
    """The holder's name as the application gives it."""
    about = file.answers.get("applicant", {})
    parts = (about.get("given_name"), about.get("middle_name"), about.get("family_name"))
    return " ".join(str(part).strip() for part in parts if part)


def _born_on_matches(file: CaseFile, born_on: date) -> bool:
    recorded = str(file.answers.get("applicant", {}).get("date_of_birth") or "")
    return hmac.compare_digest(recorded.encode(), born_on.isoformat().encode())


class ShareCodeService:
    """Thin use cases over StatusShare: authorize, load, command, save."""

    def __init__(
        self,
        repository: Repository,
        files: CaseFiles,
        limits: CheckLimits,
        signer: CredentialSigner,
        *,
        issuer: str,
    ) -> None:
        self._repository, self._files, self._limits = repository, files, limits
        self._signer, self._issuer = signer, issuer

    async def status_of(self, actor: Actor, case_id: UUID, today: date) -> ProvenStatus:
        """The status the holder's case proves today; NotFound (not theirs), NothingToShare."""
        file = await self._files.case_file(case_id)
        if file is None or file.applicant_id != actor.user_id:
            raise NotFound("no case of this holder")
        status = proven(file)
        if status is None or not status.valid_on(today):
            raise NothingToShare("This application has not given you a status you can share.")
        return status

    async def create(
        self,
        actor: Actor,
        *,
        case_id: UUID,
        purpose: str,
        facts: Collection[str],
        now: datetime,
    ) -> CreatedShare:
        """A new code for one purpose, showing the chosen facts for 90 days."""
        await self.status_of(actor, case_id, now.date())
        for _ in range(CREATE_ATTEMPTS - 1):
            try:
                return await self._create(actor, case_id, purpose, facts, now)
            except ConcurrencyConflict:
                continue  # the code drawn is someone's already: draw another
        return await self._create(actor, case_id, purpose, facts, now)

    async def _create(
        self, actor: Actor, case_id: UUID, purpose: str, facts: Collection[str], now: datetime
    ) -> CreatedShare:
        share = StatusShare.create(actor, case_id=case_id, purpose=purpose, facts=facts, now=now)
        positions = await self._repository.save(share)
        log.info("share_code_created", purpose=share.purpose, facts=",".join(share.facts))
        return CreatedShare(share.id, share.code, Written.of(share.version, positions))

    async def revoke(self, actor: Actor, share: UUID) -> Written:
        """Stop a code working; NotFound for a code that is not the actor's."""

        async def attempt() -> Written:
            found = await self._repository.get(StatusShare, share)
            try:
                found.check_holder(actor)
            except NotPermitted:
                raise NotFound("no share code of this holder") from None
            found.revoke(actor)
            return Written.of(found.version, await self._repository.save(found))

        written = await retrying(attempt)
        log.info("share_code_revoked")
        return written

    async def check(
        self,
        typed_code: str,
        born_on: date,
        *,
        address: str | None,
        now: datetime,
        statement: bool = False,
    ) -> StatusStatement:
        """The chosen facts, if the code works and the date of birth is the holder's.

        Raises ChecksLimited when the network has checked too often, and CheckRefused
        (whose reason the checker must not be told) when the code shows nothing.
        """
        allowance = await self._limits.record(address, now)
        if not allowance.allowed:
            log.info("share_check_limited")
            raise ChecksLimited(allowance.retry_after_seconds)
        code = normalise_code(typed_code, SHARE_CODE_LENGTH)
        try:
            if code is None:
                raise CheckRefused(Refusal.UNKNOWN_CODE)
            shown = await retrying(lambda: self._check(code, born_on, now, statement))
        except CheckRefused as refused:
            log.info("share_check_refused", reason=refused.refusal.value)
            raise
        log.info("share_checked", purpose=shown.purpose.value, statement=statement)
        return shown

    async def _check(
        self, code: str, born_on: date, now: datetime, statement: bool
    ) -> StatusStatement:
        try:
            share = await self._repository.get(StatusShare, share_id(code))
        except NotFound:
            raise CheckRefused(Refusal.UNKNOWN_CODE) from None
        if share.code != code:
            raise CheckRefused(Refusal.UNKNOWN_CODE)
        refusal = share.refusal(now)
        if refusal is not None:
            raise CheckRefused(refusal)
        file = await self._files.case_file(UUID(share.case_id))
        status = proven(file) if file and file.applicant_id == share.holder_id else None
        if file is None or status is None or not status.valid_on(now.date()):
            raise CheckRefused(Refusal.STATUS_ENDED)
        try:
            share.record_check(
                born_on_matches=_born_on_matches(file, born_on), statement=statement, now=now
            )
        finally:
            # A wrong date of birth is recorded (and counts towards the lock) before refusing.
            await self._repository.save(share)
        shown = tuple(Fact(fact) for fact in share.facts)
        return StatusStatement(
            purpose=Purpose(share.purpose),
            shown=shown,
            name=holder_name(file) if Fact.NAME in shown else None,
            status=status.status if Fact.STATUS in shown else None,
            valid_until=status.valid_until if Fact.VALID_UNTIL in shown else None,
            checked_at=now,
        )

    def credential(self, statement: StatusStatement) -> str:
        """The statement as a compact JWS signed with the published credential key."""
        return self._signer.sign(statement.claims(self._issuer), statement.checked_at)
