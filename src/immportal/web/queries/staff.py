"""Staff as the workspace shows them: the signed-in member's office, and names beside acts."""

from collections.abc import Iterable
from uuid import UUID

from immportal.domain.actor import Actor
from immportal.errors import NotFound
from immportal.projections.account_profiles import (
    AccountProfilesProjection,
    get_profile,
    get_profiles,
)
from immportal.services.cases.adjudication import ADJUDICATORS, StaffMember
from immportal.services.cases.files import CaseFile
from immportal.web.portal import Portal
from immportal.web.queries.case_files import read_case_file
from immportal.web.queries.catch_up import found_after_catch_up


async def staff_member(portal: Portal, actor: Actor) -> StaffMember:
    """The signed-in officer or supervisor with the office their profile records."""
    if actor.role not in ADJUDICATORS:
        raise NotFound("not an officer or supervisor")
    return StaffMember(actor, await office_of(portal, actor.user_id))


async def office_of(portal: Portal, account_id: str | UUID) -> str | None:
    """The office a staff member's profile records; None for none, or no such account."""
    try:
        found = UUID(str(account_id))
    except ValueError:
        return None  # an id from before accounts: no office
    profile = await found_after_catch_up(
        portal, AccountProfilesProjection.name, lambda: get_profile(portal.pool, found)
    )
    return None if profile is None else profile.office


async def staff_case(portal: Portal, case_id: UUID, actor: Actor) -> tuple[StaffMember, CaseFile]:
    """The case's file, if the person may work it; NotFound otherwise (ids cannot be probed)."""
    member = await staff_member(portal, actor)
    found = await read_case_file(portal, case_id)
    if not member.may_work(found):
        raise NotFound("case of another office")
    return member, found


async def staff_names(portal: Portal, ids: Iterable[str | None]) -> dict[str, str]:
    """The names of staff accounts by id, for pages that list who acted."""
    wanted: dict[UUID, str] = {}
    for account_id in {i for i in ids if i}:
        try:
            wanted[UUID(account_id)] = account_id
        except ValueError:
            continue  # a system actor, or an id from before accounts: shown as it is
    profiles = await get_profiles(portal.pool, wanted)
    return {wanted[key]: profile.display_name for key, profile in profiles.items()}
