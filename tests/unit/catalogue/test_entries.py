"""Numbered entries and copied questions in immportal.domain.catalogue.entries."""

from immportal.domain.cases.forms import FormType
from immportal.domain.catalogue import pages, validate_page
from immportal.domain.catalogue.common import Address
from immportal.domain.catalogue.entries import numbered_pages, of, prefixed
from immportal.domain.catalogue.fields import PageModel, number, text
from immportal.domain.catalogue.model import Form, Page, Section


class Count(PageModel):
    """How many."""

    pets: int = number("How many pets?", noun="The number of pets", required="Enter a number")


class Pet(PageModel):
    """One pet."""

    name: str = text("Name", required="Enter the pet's name")


FORM = Form(
    FormType.I90,
    sections=(Section("s", "Section", ""),),
    pages=(
        Page("pets", "s", "Pets", Count),
        *numbered_pages(
            page_id="pet",
            section="s",
            title="Pet %(n)s",
            model=Pet,
            count="pets",
            most=2,
            noun="Pet",
            plural="pets",
        ),
    ),
    summary="",
)


class TestNumberedPages:
    """A page per entry up to the count, then one page for the rest."""

    def test_pages_follow_the_count(self) -> None:
        """None for 0, one per entry, and the page for the rest past the most."""
        asked = [[p.id for p in pages(FORM, {"s": {"pets": n}})] for n in (0, 1, 3)]
        assert [["pets"], ["pets", "pet_1"], ["pets", "pet_1", "pet_2", "pet_more"]] == asked

    def test_entries_have_numbered_names_and_labels(self) -> None:
        """Each entry's question is saved under its number and labelled with it."""
        question = FORM.page("pet_2").questions[0]
        assert ("pet_2_name", "Pet 2: Name", "Pet 2") == (
            question.name,
            question.label,
            FORM.page("pet_2").title,
        )
        assert ({"pet_2_name": "Rex"}, {}) == validate_page(FORM, "pet_2", {"pet_2_name": "Rex"})

    def test_the_rest_in_words(self) -> None:
        """The page past the most asks for the others in plain words."""
        assert ({}, {"pet_more": "Tell us about your other pets"}) == validate_page(
            FORM, "pet_more", {}
        )


class TestPrefixed:
    """A copy of a page's questions for someone else."""

    def test_names_labels_and_country_rule(self) -> None:
        """Names get the prefix, labels the owner, and the ZIP rule follows the copied country."""
        copy = prefixed(Address, "work", of("Employer's"))
        labels = {name: info.title for name, info in copy.model_fields.items()}
        assert "Employer's ZIP or postal code" == labels["work_postal_code"]
        assert "Employer's street address" == labels["work_line1"]
        form = Form(
            FormType.I90,
            sections=(Section("s", "S", ""),),
            pages=(Page("work", "s", "Work", copy),),
            summary="",
        )
        raw = {
            "work_line1": "1 Main St",
            "work_city": "Salem",
            "work_state": "MA",
            "work_postal_code": "ABCDE",
            "work_country": "US",
        }
        assert ["work_postal_code"] == list(validate_page(form, "work", raw)[1])
