"""The demonstration cases are filed with complete, valid answers (dev.demo)."""

from datetime import date

import pytest

from immportal.dev.demo.answers import Filer, filled_answers
from immportal.dev.demo.cases import DEMO_CASES, DEMO_PEOPLE, seed_demo_cases
from immportal.domain.cases.forms import FormType
from immportal.domain.catalogue import is_complete, problems
from immportal.services.cases.service import CaseService
from immportal.services.repository import Repository
from testkit.case_fakes import Receipts
from testkit.memory_store import MemoryEventStore


def filer(given: str, family: str, born: date, sex: str) -> Filer:
    """A demo person as a filer."""
    return Filer(
        given, family, born, sex, None, "201 555 0100", "1 Main St", "Newark", "NJ", "07102"
    )


class TestDemoAnswers:
    """Each form's demonstration path is complete for every demo person."""

    @pytest.mark.parametrize("form_type", list(FormType))
    @pytest.mark.parametrize("person", DEMO_PEOPLE, ids=[p[0] for p in DEMO_PEOPLE])
    def test_complete_and_allowed(
        self, form_type: FormType, person: tuple[str, str, date, str]
    ) -> None:
        """Every page asked is answered and valid, and no rule stops the application."""
        answers = filled_answers(form_type, filer(*person))
        assert (True, []) == (is_complete(form_type, answers), problems(form_type, answers))


class TestSeededCases:
    """The seeded demo cases carry their answers."""

    async def test_every_case_answered_in_full(self) -> None:
        """Each demo case's answers complete its form; the applicant signs with their name."""
        store = MemoryEventStore()
        cases = CaseService(Repository(store), Receipts())
        ids = await seed_demo_cases(cases)
        seeded = [await cases.get(case_id) for case_id in ids]
        assert [form for form, _, _ in DEMO_CASES] == [case.form_type for case in seeded]
        assert all(is_complete(case.form_type, case.answers) for case in seeded)
        assert ["Maria", "Wei", "Amina", "Carlos", "Olena", "Tunde"] == [
            case.answers["applicant"]["given_name"] for case in seeded
        ]
