"""Representatives on a case and who may act on it (domain.cases.case, .permissions)."""

from __future__ import annotations

import pytest

from immportal.domain.actor import Actor, Role
from immportal.domain.cases.permissions import Standing, check_acts_for, standing
from immportal.domain.cases.status import CaseStatus
from immportal.domain.errors import InvalidArgument, NotPermitted
from testkit.domain_case_helpers import APPLICANT, OFFICER, REPRESENTATIVE, case_in, new_case

ADDRESS = {"line1": "1 Elm St"}
STRANGER = Actor("applicant-2", Role.APPLICANT)
OTHER_REPRESENTATIVE = Actor("representative-2", Role.REPRESENTATIVE)


class TestAuthorize:
    """The applicant chooses who represents them."""

    def test_authorized_representative_is_recorded(self) -> None:
        """Authorizing records RepresentativeAuthorized and lists the representative."""
        case = new_case()
        case.authorize_representative(APPLICANT, " representative-1 ")
        last = case.collect_events()[-1]
        expected = ("RepresentativeAuthorized", "representative-1", ["representative-1"])
        assert expected == (
            type(last).__name__,
            last.representative_id,  # type: ignore[attr-defined]
            case.representative_ids,
        )

    def test_only_the_applicant_authorizes(self) -> None:
        """Another applicant, a representative or an officer may not authorize anyone."""
        for actor in (STRANGER, REPRESENTATIVE, OFFICER):
            case = new_case()
            with pytest.raises(NotPermitted):
                case.authorize_representative(actor, "representative-9")
            assert [] == case.representative_ids

    def test_twice_is_refused(self) -> None:
        """Authorizing the same representative again is refused."""
        case = new_case()
        case.authorize_representative(APPLICANT, "representative-1")
        with pytest.raises(InvalidArgument):
            case.authorize_representative(APPLICANT, "representative-1")

    def test_blank_or_self_is_refused(self) -> None:
        """A blank id or the applicant's own id is not a representative."""
        case = new_case()
        for chosen in ("  ", APPLICANT.user_id):
            with pytest.raises(InvalidArgument):
                case.authorize_representative(APPLICANT, chosen)


class TestRevoke:
    """The applicant can end a representative's access at any time."""

    def test_revoked_representative_loses_access(self) -> None:
        """After revocation the representative may no longer act on the case."""
        case = new_case()
        case.authorize_representative(APPLICANT, REPRESENTATIVE.user_id)
        case.change_address(REPRESENTATIVE, ADDRESS)
        case.revoke_representative(APPLICANT, REPRESENTATIVE.user_id)
        with pytest.raises(NotPermitted):
            case.change_address(REPRESENTATIVE, ADDRESS)
        expected = ([], "RepresentativeRevoked")
        assert expected == (case.representative_ids, type(case.collect_events()[-1]).__name__)

    def test_unknown_representative_is_refused(self) -> None:
        """Revoking someone who is not a representative of the case is refused."""
        with pytest.raises(InvalidArgument):
            new_case().revoke_representative(APPLICANT, "representative-9")

    def test_representative_cannot_revoke(self) -> None:
        """Only the applicant ends an authorization."""
        case = new_case()
        case.authorize_representative(APPLICANT, REPRESENTATIVE.user_id)
        with pytest.raises(NotPermitted):
            case.revoke_representative(REPRESENTATIVE, REPRESENTATIVE.user_id)


class TestActingForSomeoneElse:
    """Applicants and representatives act only on their own cases."""

    def test_other_applicant_is_refused(self) -> None:
        """Another applicant cannot change the address, and nothing is recorded."""
        case = case_in(CaseStatus.ACCEPTED)
        version = case.version
        with pytest.raises(NotPermitted):
            case.change_address(STRANGER, ADDRESS)
        assert version == case.version

    def test_unauthorized_representative_is_refused(self) -> None:
        """A representative the applicant did not authorize cannot act."""
        case = new_case()
        case.authorize_representative(APPLICANT, REPRESENTATIVE.user_id)
        with pytest.raises(NotPermitted):
            case.save_answers(OTHER_REPRESENTATIVE, "about_you", {"given_name": "Ada"})
        case.save_answers(REPRESENTATIVE, "about_you", {"given_name": "Ada"})
        assert {"about_you": {"given_name": "Ada"}} == case.answers

    def test_staff_are_not_bound_to_cases(self) -> None:
        """Officers act on any case their role allows."""
        case = case_in(CaseStatus.ACCEPTED)
        case.change_address(OFFICER, ADDRESS)
        assert ADDRESS == case.address


class TestStanding:
    """standing() says why someone may see a case."""

    @pytest.mark.parametrize(
        ("actor", "expected"),
        [
            (APPLICANT, Standing.APPLICANT),
            (REPRESENTATIVE, Standing.REPRESENTATIVE),
            (Actor("officer-9", Role.OFFICER), Standing.STAFF),
            (Actor("supervisor-9", Role.SUPERVISOR), Standing.STAFF),
            (Actor("auditor-9", Role.AUDITOR), Standing.STAFF),
            (Actor("admin-9", Role.ADMIN), Standing.STAFF),
            (STRANGER, None),
            (OTHER_REPRESENTATIVE, None),
            (Actor("analyst-9", Role.ANALYST), None),
            (Actor.system(), None),
            # The same id in another role is not the applicant.
            (Actor(APPLICANT.user_id, Role.REPRESENTATIVE), None),
            (Actor(REPRESENTATIVE.user_id, Role.APPLICANT), None),
        ],
    )
    def test_standing(self, actor: Actor, expected: Standing | None) -> None:
        """Each role and id gets the standing the access rules name."""
        assert expected == standing(actor, APPLICANT.user_id, [REPRESENTATIVE.user_id])

    def test_check_acts_for_ignores_staff(self) -> None:
        """check_acts_for only binds applicants and representatives."""
        check_acts_for(Actor.system(), APPLICANT.user_id, [])
        with pytest.raises(NotPermitted):
            check_acts_for(STRANGER, APPLICANT.user_id, [])
