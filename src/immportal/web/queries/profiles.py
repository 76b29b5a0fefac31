"""A signed-in person's account profile from the `account_profiles` read model."""

from collections.abc import Sequence
from uuid import UUID

from immportal.errors import NotFound
from immportal.projections.account_profiles import (
    AccountProfilesProjection,
    get_profile,
    get_profiles,
)
from immportal.services.identity.profiles import AccountProfile
from immportal.web.portal import Portal
from immportal.web.queries.catch_up import found_after_catch_up
from immportal.web.read_your_writes import READ_YOUR_WRITES_SECONDS


async def read_profile(portal: Portal, account_id: UUID) -> AccountProfile:
    """The account's profile; NotFound if the read model has no such account once caught up."""
    found = await found_after_catch_up(
        portal, AccountProfilesProjection.name, lambda: get_profile(portal.pool, account_id)
    )
    if found is None:
        raise NotFound(f"no account profile {account_id}")
    return found


async def emails_of(portal: Portal, ids: Sequence[str]) -> list[tuple[str, str | None]]:
    """Each account id with the address it signs in with (None for an unknown account)."""
    wanted = {i: _uuid(i) for i in ids}
    profiles = await get_profiles(portal.pool, [u for u in wanted.values() if u is not None])
    found = {str(key): profile.email for key, profile in profiles.items()}
    return [(i, found.get(str(u))) for i, u in wanted.items()]


def _uuid(value: str) -> UUID | None:
    try:
        return UUID(value)
    except ValueError:
        return None


async def read_own_profile(portal: Portal, account_id: UUID) -> AccountProfile:
    """The signed-in person's own profile, including what they changed a moment ago.

    The account's changes (email, password, codes, address) are made through services that
    do not say where they went in the log, so the page waits (bounded) until the profiles
    have passed the log's head as it stands now, which includes any change just made.
    """
    head = await portal.read_models.head()
    await portal.read_models.wait_until(
        head, (AccountProfilesProjection.name,), READ_YOUR_WRITES_SECONDS
    )
    return await read_profile(portal, account_id)
