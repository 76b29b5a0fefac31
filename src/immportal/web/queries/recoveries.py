"""Account recoveries waiting for an administrator, from `account_recoveries` and profiles.

An attempt waits while it is open, unless the person has signed in with their second
factor since it began (the attempt is then cancelled the next time anyone acts on it),
and while one ended after wrong proofs still bars a new attempt.
"""

from dataclasses import dataclass
from datetime import datetime
from uuid import UUID

from immportal.errors import NotFound
from immportal.projections.account_profiles import AccountProfilesProjection, get_profiles
from immportal.projections.account_recoveries import get_recovery, waiting_recoveries
from immportal.services.identity.profiles import AccountProfile
from immportal.services.identity.recovery_book import signed_in_since
from immportal.services.identity.recovery_records import RecoveryRecord
from immportal.web.portal import Portal
from immportal.web.read_your_writes import READ_YOUR_WRITES_SECONDS

LIST_LIMIT = 200
"""Attempts listed at most (there are rarely more than a handful)."""
RECOVERY_MODELS = (AccountProfilesProjection.name,)
"""The administrators' pages read the attempts and whose accounts they are (one projection)."""


@dataclass(frozen=True)
class WaitingRecovery:
    """An attempt an administrator may decide on, with whose account it is."""

    recovery: RecoveryRecord
    email: str
    names: list[str]
    locked_until: datetime | None = None
    """Set for an attempt ended after wrong proofs that still bars the account."""


def waiting(
    record: RecoveryRecord, profile: AccountProfile | None, now: datetime
) -> WaitingRecovery | None:
    """The attempt as it waits for an administrator, or None if it waits for nobody."""
    if profile is None or record.completed_at is not None or record.replaced_by is not None:
        return None
    email, names = profile.email, list(profile.names)
    if record.is_open:
        return None if signed_in_since(profile, record) else WaitingRecovery(record, email, names)
    until = record.locked_until(now)
    return None if until is None else WaitingRecovery(record, email, names, until)


async def caught_up_with_log(portal: Portal) -> None:
    """Wait (bounded) until attempts and profiles have passed the log's head as it is now.

    Attempts begin and end by emailed links and sign-ins, not on the administrator's
    pages, so nothing written there says what to wait for; an attempt asked for a moment
    ago must still be listed, and one ended a moment ago not offered.
    """
    head = await portal.read_models.head()
    await portal.read_models.wait_until(head, RECOVERY_MODELS, READ_YOUR_WRITES_SECONDS)


async def recoveries_waiting(portal: Portal, now: datetime) -> list[WaitingRecovery]:
    """Every open attempt and every attempt whose lockout is running, oldest first."""
    await caught_up_with_log(portal)
    records = await waiting_recoveries(portal.pool, now, limit=LIST_LIMIT)
    profiles = await get_profiles(portal.pool, [r.account_id for r in records])
    found = (waiting(r, profiles.get(UUID(str(r.account_id))), now) for r in records)
    return [item for item in found if item is not None]


async def recovery_waiting(portal: Portal, recovery_id: UUID, now: datetime) -> WaitingRecovery:
    """One open or locking attempt; NotFound if there is none by that id."""
    await caught_up_with_log(portal)
    record = await get_recovery(portal.pool, recovery_id)
    if record is not None:
        profiles = await get_profiles(portal.pool, [record.account_id])
        found = waiting(record, profiles.get(UUID(str(record.account_id))), now)
        if found is not None:
            return found
    raise NotFound(f"no open account recovery {recovery_id}")
