"""Staff as the workspace shows them: the signed-in member's office, and names beside acts."""

from collections.abc import Iterable
from dataclasses import dataclass
from uuid import UUID

from immportal.domain.actor import Actor
from immportal.errors import NotFound
from immportal.projections.account_profiles import (
    AccountProfilesProjection,
    get_profile,
    get_profiles,
)
from immportal.projections.case_summary import get_case_summaries
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


SYSTEM_ID = Actor.system().user_id
SYSTEM_NAME = "The portal, automatically"
UNKNOWN_ACCOUNT = "An account this portal no longer has"


async def staff_names(portal: Portal, ids: Iterable[str | None]) -> dict[str, str]:
    """One name per person for every id given, for pages that list who acted.

    An account's name as its profile gives it; the system actor in words; an id that
    names no account (recorded before accounts existed) said to be one, with the id.
    """
    wanted: dict[UUID, str] = {}
    names: dict[str, str] = {}
    for actor_id in {i for i in ids if i}:
        try:
            wanted[UUID(actor_id)] = actor_id
        except ValueError:
            names[actor_id] = SYSTEM_NAME if actor_id == SYSTEM_ID else f"{actor_id} (no account)"
    profiles = await get_profiles(portal.pool, wanted)
    for key, actor_id in wanted.items():
        profile = profiles.get(key)
        names[actor_id] = UNKNOWN_ACCOUNT if profile is None else profile.display_name
    return names


@dataclass(frozen=True)
class CaseRef:
    """How a staff page names a case it lists, and whether it may link to its review page."""

    receipt_number: str | None
    form_type: str | None
    openable: bool

    @property
    def label(self) -> str:
        """The receipt number, or what the case is while it has none."""
        return self.receipt_number or f"{self.form_type or 'A'} filing without a receipt number"


async def case_refs(
    portal: Portal, member: StaffMember, case_ids: Iterable[UUID]
) -> dict[UUID, CaseRef]:
    """Receipt numbers (and whether the person may open each case) for cases a page lists."""
    summaries = await get_case_summaries(portal.pool, list(set(case_ids)))
    me = member.actor.user_id
    return {
        case_id: CaseRef(
            s.receipt_number,
            s.form_type,
            s.officer_id == me or (member.office is not None and s.office == member.office),
        )
        for case_id, s in summaries.items()
    }
