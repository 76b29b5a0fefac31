"""The edition of the paper form is recorded on the case when it is filed."""

from immportal.domain.actor import Actor, Role
from immportal.domain.cases.case import Case
from immportal.domain.cases.forms import FormType
from immportal.domain.catalogue import form_for

APPLICANT = Actor("applicant-edition", Role.APPLICANT)


class TestEditionOnFiling:
    """Submitted carries the edition in force; replaying keeps it."""

    def test_submitted_records_the_edition(self) -> None:
        """An I-765 filed now says it was filed on the 08/21/25 edition, before and after replay."""
        case = Case.start(
            applicant_id=APPLICANT.user_id, form_type=FormType.I765, office="PSC", actor=APPLICANT
        )
        case.submit(APPLICANT, fee_cents=47_000)
        events = case.collect_events()
        replayed = None
        for event in events:
            replayed = event.mutate(replayed)
        assert ("2025-08-21", "2025-08-21") == (case.edition, getattr(replayed, "edition", None))
        assert "2025-08-21" == getattr(events[-1], "edition", None)

    def test_a_draft_has_none(self) -> None:
        """Nothing is filed yet, so no edition is recorded."""
        case = Case.start(
            applicant_id=APPLICANT.user_id, form_type=FormType.N400, office="NBC", actor=APPLICANT
        )
        assert (None, "01/20/25") == (case.edition, form_for(FormType.N400).edition_label)
