"""Each form asks every page on some path, and each path a person may take ends complete."""

import pytest

from immportal.domain.cases.forms import FormType
from immportal.domain.catalogue import FORMS, form_for, is_complete, problems
from testkit.filled_forms import FILLED, WALKED_ON, clean_answers, walk
from testkit.form_scenarios import PATHS

WALKS = [
    pytest.param(form_type, number, typed, id=f"{form_type}-path{number}")
    for form_type, paths in PATHS.items()
    for number, typed in enumerate(paths)
]


class TestTypicalPaths:
    """The filled forms the other tests file are complete as typed."""

    @pytest.mark.parametrize("form_type", list(FormType))
    def test_complete_without_problems(self, form_type: FormType) -> None:
        """Every page asked is answered and valid; no rule stops the application."""
        answers = clean_answers(form_type, FILLED[form_type])
        assert (True, []) == (
            is_complete(form_type, answers, today=WALKED_ON),
            problems(form_type, answers),
        )

    @pytest.mark.parametrize("form_type", list(FormType))
    def test_filled_in_the_order_asked(self, form_type: FormType) -> None:
        """Walking page after page asks exactly the filled pages, in the same order."""
        assert [page for page, _ in FILLED[form_type]] == walk(form_type, dict(FILLED[form_type]))


class TestEveryPath:
    """The paths between them ask every page; each ends complete and allowed."""

    @pytest.mark.parametrize(("form_type", "number", "typed"), WALKS)
    def test_path_ends_complete(
        self, form_type: FormType, number: int, typed: dict[str, dict[str, str]]
    ) -> None:
        """Answers given along the path, page by page, complete the application."""
        asked = walk(form_type, typed)
        answers = clean_answers(form_type, [(page, typed[page]) for page in asked])
        assert (number, True, []) == (
            number,
            is_complete(form_type, answers, today=WALKED_ON),
            problems(form_type, answers),
        )

    @pytest.mark.parametrize("form_type", list(FormType))
    def test_every_page_is_reachable(self, form_type: FormType) -> None:
        """No page of the form is left that no path asks."""
        asked = {page for typed in PATHS[form_type] for page in walk(form_type, typed)}
        assert [] == [page.id for page in form_for(form_type).pages if page.id not in asked]


class TestShape:
    """What every form carries."""

    def test_editions(self) -> None:
        """Each form names the edition of the paper form it follows."""
        assert {
            "I-90": "01/20/25",
            "I-765": "08/21/25",
            "I-130": "04/01/24",
            "N-400": "01/20/25",
        } == {form.form_type.value: form.edition_label for form in FORMS.values()}

    @pytest.mark.parametrize("form_type", list(FormType))
    def test_questions_are_worded(self, form_type: FormType) -> None:
        """Every page has a title; every question a label; a required one its message."""
        form = form_for(form_type)
        unworded = [
            (page.id, question.name)
            for page in form.pages
            for question in page.questions
            if not (page.title and question.label and question.label != question.name)
        ]
        assert [] == unworded

    @pytest.mark.parametrize("form_type", list(FormType))
    def test_every_form_ends_with_who_helped(self, form_type: FormType) -> None:
        """The applicant's statement (interpreter, preparer) is each form's last section."""
        assert "statement" == form_for(form_type).sections[-1].id
