"""Complete, valid applications to file in tests: each form page by page, as typed.

Every form is filled for Ana Lopez (born March 27 1990), so one signature signs them all.
`FILLED` holds each form's typical path; `SCENARIOS` adds the other paths, which between
them ask every page of the form (tests/unit/catalogue/test_complete_forms.py walks them).
"""

from collections.abc import Mapping
from datetime import UTC, date, datetime
from typing import Any

from immportal.domain.actor import Actor
from immportal.domain.cases.case import Case
from immportal.domain.cases.forms import FormType
from immportal.domain.catalogue import form_for, next_page, validate_page
from immportal.services.cases.applications import SIGNATURE_SECTION

Pages = list[tuple[str, dict[str, str]]]
SIGNED_BY = "Ana Lopez"
WALKED_ON = date(2026, 12, 1)
"""The day the walks are checked on (every date below is before it)."""

NAME = ("name", {"given_name": "Ana", "middle_name": "", "family_name": "Lopez"})
BIRTH = ("date_of_birth", {"date_of_birth": "03/27/1990"})
CONTACT: Pages = [
    ("email_phone", {"email": "ana@example.com", "phone": "202 555 0143", "mobile_phone": ""}),
    (
        "mailing_address",
        {
            "in_care_of": "",
            "line1": "8 Quay Road",
            "line2": "",
            "city": "Salem",
            "state": "MA",
            "postal_code": "01970",
            "country": "United States",
        },
    ),
    ("lives_at_mailing", {"lives_at_mailing_address": "yes"}),
]
NO_HELP: Pages = [("language", {"reads_english": "yes"}), ("preparer", {"preparer_used": "no"})]
DESCRIPTION = (
    "description",
    {
        "ethnicity": "hispanic",
        "race": "white",
        "height_feet": "5",
        "height_inches": "4",
        "weight_pounds": "130",
        "eye_color": "brown",
        "hair_color": "black",
    },
)

# Form I-765 under category (c)(3)(B), optional practical training: page by page.
I765_PAGES: Pages = [
    NAME,
    BIRTH,
    ("other_names", {"other_names_count": "0"}),
    (
        "birth_place",
        {"birth_city": "Guadalajara", "birth_region": "Jalisco", "birth_country": "Mexico"},
    ),
    ("sex_marital", {"sex": "female", "marital_status": "single"}),
    ("citizenship", {"citizenship_country": "Mexico", "second_citizenship_country": ""}),
    ("numbers", {"a_number": "", "uscis_account_number": "", "ssn": ""}),
    *CONTACT,
    ("reason", {"reason": "initial"}),
    ("filed_before", {"filed_before": "no"}),
    ("category", {"category": "c3b"}),
    ("travel_document", {"travel_document": "passport"}),
    (
        "passport",
        {
            "passport_number": "G12345678",
            "passport_country": "Mexico",
            "passport_expiry": "05/09/2031",
        },
    ),
    (
        "arrival",
        {"last_arrival_on": "2020-01-15", "i94_number": "12345678901", "current_status": "F-1"},
    ),
    ("arrival_place", {"last_arrival_place": "Boston, MA", "status_at_arrival": "F-1 student"}),
    ("sevis", {"sevis_number": "N0012345678"}),
    *NO_HELP,
]

# Form I-130 by a U.S. citizen for her husband, who lives in Mexico.
I130_PAGES: Pages = [
    NAME,
    BIRTH,
    ("other_names", {"other_names_count": "0"}),
    (
        "birth_place",
        {"birth_city": "Guadalajara", "birth_country": "Mexico", "sex": "female"},
    ),
    ("numbers", {"a_number": "A201234567", "uscis_account_number": "", "ssn": "123-45-6789"}),
    (
        "parent_1",
        {
            "parent_1_given_name": "Rosa",
            "parent_1_family_name": "Lopez",
            "parent_1_date_of_birth": "1962-08-14",
            "parent_1_sex": "female",
            "parent_1_birth_country": "Mexico",
            "parent_1_residence_city": "Guadalajara",
            "parent_1_residence_country": "Mexico",
        },
    ),
    (
        "parent_2",
        {
            "parent_2_given_name": "Jorge",
            "parent_2_family_name": "Lopez",
            "parent_2_date_of_birth": "1960-02-02",
            "parent_2_sex": "male",
            "parent_2_birth_country": "Mexico",
            "parent_2_residence_city": "Deceased",
            "parent_2_residence_country": "Mexico",
        },
    ),
    DESCRIPTION,
    *CONTACT,
    ("moved_in", {"moved_in_on": "2019-06-01"}),
    ("former_addresses", {"former_addresses_count": "1"}),
    (
        "former_address_1",
        {
            "former_address_1_line1": "120 Elm Street",
            "former_address_1_city": "Boston",
            "former_address_1_state": "MA",
            "former_address_1_postal_code": "02118",
            "former_address_1_country": "US",
            "former_address_1_lived_from": "2015-09-01",
            "former_address_1_lived_to": "2019-05-31",
        },
    ),
    ("relationship", {"relation": "spouse"}),
    ("adoption", {"status_through_adoption": "no"}),
    ("status", {"status": "citizen"}),
    ("citizenship", {"citizenship_how": "naturalization", "has_certificate": "yes"}),
    (
        "naturalization",
        {
            "certificate_number": "12345678",
            "certificate_place": "Boston, MA",
            "naturalized_on": "2021-07-04",
        },
    ),
    ("marital", {"times_married": "1", "marital_status": "married"}),
    (
        "current_marriage",
        {
            "married_on": "2022-10-08",
            "married_city": "Guadalajara",
            "married_region": "Jalisco",
            "married_country": "MX",
        },
    ),
    ("spouse_1", {"spouse_1_given_name": "Diego", "spouse_1_family_name": "Ramirez"}),
    ("jobs", {"jobs_count": "1"}),
    (
        "job_1",
        {
            "job_1_employer": "Salem Harbor Clinic",
            "job_1_occupation": "Nurse",
            "job_1_city": "Salem",
            "job_1_region": "MA",
            "job_1_country": "US",
            "job_1_started_on": "2019-07-01",
            "job_1_line1": "2 Harbor Street",
            "job_1_postal_code": "01970",
        },
    ),
    ("relative_name", {"given_name": "Diego", "family_name": "Ramirez"}),
    ("relative_other_names", {"other_names_count": "0"}),
    (
        "relative_birth",
        {
            "date_of_birth": "1988-11-20",
            "birth_city": "Zapopan",
            "country_of_birth": "MX",
            "sex": "male",
        },
    ),
    ("relative_numbers", {}),
    ("relative_petitions", {"petitioned_before": "no"}),
    (
        "relative_address",
        {
            "relative_line1": "Avenida Vallarta 1200",
            "relative_city": "Zapopan",
            "relative_state": "Jalisco",
            "relative_postal_code": "45110",
            "relative_country": "MX",
        },
    ),
    (
        "relative_us_address",
        {
            "intended_line1": "8 Quay Road",
            "intended_city": "Salem",
            "intended_state": "MA",
            "intended_zip": "01970",
        },
    ),
    ("relative_contact", {"relative_phone": "+52 33 1234 5678"}),
    ("relative_marital", {"times_married": "1", "marital_status": "married"}),
    (
        "relative_current_marriage",
        {"married_on": "2022-10-08", "married_city": "Guadalajara", "married_country": "MX"},
    ),
    (
        "relative_spouse_1",
        {"relative_spouse_1_given_name": "Ana", "relative_spouse_1_family_name": "Lopez"},
    ),
    ("relative_family", {"family_count": "1"}),
    (
        "family_member_1",
        {
            "family_member_1_given_name": "Ana",
            "family_member_1_family_name": "Lopez",
            "family_member_1_relationship": "Wife",
            "family_member_1_date_of_birth": "1990-03-27",
            "family_member_1_birth_country": "MX",
        },
    ),
    ("relative_ever_in_us", {"ever_in_us": "yes"}),
    ("relative_in_us", {"in_united_states": "no"}),
    ("relative_travel_document", {"travel_document": "passport"}),
    (
        "relative_passport",
        {"passport_number": "G98765432", "passport_country": "MX", "passport_expiry": "2030-01-31"},
    ),
    ("relative_work", {"works": "yes"}),
    (
        "relative_employer",
        {
            "employer_name": "Constructora Jalisco",
            "employer_line1": "Calle Independencia 45",
            "employer_city": "Guadalajara",
            "employer_state": "Jalisco",
            "employer_postal_code": "44100",
            "employer_country": "MX",
            "employed_since": "2014-03-01",
        },
    ),
    ("relative_proceedings", {"ever_in_proceedings": "no"}),
    ("relative_native", {"native_alphabet": "no"}),
    ("lived_together", {"lived_together": "yes"}),
    (
        "shared_address",
        {
            "shared_line1": "Avenida Vallarta 1200",
            "shared_city": "Zapopan",
            "shared_state": "Jalisco",
            "shared_country": "MX",
            "shared_from": "2022-10-08",
            "shared_to": "2023-01-10",
        },
    ),
    ("relative_route", {"route": "consulate"}),
    ("relative_consulate", {"consulate_city": "Ciudad Juarez", "consulate_country": "MX"}),
    ("prior_petitions", {"prior_petitions_count": "0"}),
    ("other_relatives", {"other_relatives_count": "0"}),
    *NO_HELP,
]

# Form N-400 of a permanent resident of more than 5 years, never married, one trip.
N400_PAGES: Pages = [
    NAME,
    BIRTH,
    ("other_names", {"other_names_count": "0"}),
    ("new_name", {"wants_name_change": "no"}),
    (
        "origin",
        {"sex": "female", "birth_country": "Mexico", "citizenship_country": "Mexico"},
    ),
    ("situation", {"parent_citizen": "no", "disability_exception": "no"}),
    ("social_security", {"ssa_card": "no"}),
    DESCRIPTION,
    *CONTACT,
    ("moved_in", {"moved_in_on": "2019-06-01"}),
    ("former_addresses", {"former_addresses_count": "1"}),
    (
        "former_address_1",
        {
            "former_address_1_line1": "120 Elm Street",
            "former_address_1_city": "Boston",
            "former_address_1_state": "MA",
            "former_address_1_postal_code": "02118",
            "former_address_1_country": "US",
            "former_address_1_lived_from": "2015-09-01",
            "former_address_1_lived_to": "2019-05-31",
        },
    ),
    ("basis", {"basis": "five_years"}),
    ("green_card", {"a_number": "A201234567", "resident_since": "2017-02-10"}),
    ("marital_status", {"marital_status": "single"}),
    ("children", {"children_count": "0"}),
    ("jobs", {"jobs_count": "1"}),
    (
        "job_1",
        {
            "job_1_employer": "Salem Harbor Clinic",
            "job_1_occupation": "Nurse",
            "job_1_city": "Salem",
            "job_1_region": "MA",
            "job_1_country": "US",
            "job_1_started_on": "2019-07-01",
        },
    ),
    ("trips", {"trip_count": "1"}),
    (
        "trip_1",
        {
            "trip_1_left_on": "2023-12-20",
            "trip_1_returned_on": "2024-01-06",
            "trip_1_countries": "Mexico",
        },
    ),
    ("claims", {"claimed_citizenship": "no", "voted": "no"}),
    ("taxes", {"owes_taxes": "no", "nonresident_tax": "no"}),
    ("groups", {"communist_party": "no", "advocated_overthrow": "no"}),
    ("violence", {"weapon_harm": "no", "kidnapping": "no", "threatened": "no"}),
    (
        "harm",
        {
            "torture": "no",
            "genocide": "no",
            "killing": "no",
            "injuring": "no",
            "forced_sex": "no",
            "religious_persecution": "no",
            "persecution": "no",
        },
    ),
    ("armed_service", {"military_unit": "no", "armed_group": "no", "detention_work": "no"}),
    (
        "weapons",
        {
            "weapons_group": "no",
            "weapons_training": "no",
            "weapons_supply": "no",
            "child_soldiers": "no",
            "child_hostilities": "no",
        },
    ),
    ("crimes", {"crime_not_arrested": "no", "ever_arrested": "no"}),
    (
        "conduct",
        {
            "prostitution": "no",
            "drugs": "no",
            "marriage_fraud": "no",
            "polygamy": "no",
            "smuggling": "no",
            "gambling": "no",
            "failed_support": "no",
            "benefit_fraud": "no",
        },
    ),
    ("honesty", {"false_information": "no", "lied_for_benefit": "no"}),
    ("removal", {"removal_proceedings": "no", "removed": "no"}),
    ("selective_service", {"male_18_to_26": "no"}),
    ("military", {"avoided_draft": "no", "military_exemption": "no", "served_military": "no"}),
    ("titles", {"hereditary_title": "no"}),
    ("oath", {"supports_constitution": "yes", "understands_oath": "yes", "oath_disability": "no"}),
    (
        "willing",
        {
            "willing_oath": "yes",
            "bear_arms": "yes",
            "noncombatant": "yes",
            "national_importance": "yes",
        },
    ),
    ("reduced_fee", {"reduced_fee": "no"}),
    *NO_HELP,
]

# Form I-90 for a lost 10-year card.
I90_PAGES: Pages = [
    NAME,
    BIRTH,
    ("birth_place", {"birth_city": "Guadalajara", "birth_country": "Mexico", "sex": "female"}),
    ("parents", {"mother_given_name": "Rosa", "father_given_name": "Jorge"}),
    *CONTACT,
    ("card_details", {"a_number": "A201234567", "status": "permanent_resident"}),
    ("admission", {"class_of_admission": "F21", "admitted_on": "2017-02-10"}),
    ("name_changed", {"name_changed": "no"}),
    ("reason", {"reason": "lost"}),
    (
        "lost_card",
        {"lost_on": "2026-09-14", "lost_where": "Boston, United States", "police_report": "yes"},
    ),
    (
        "where_applied",
        {"visa_applied_at": "Ciudad Juarez", "visa_issued_at": "Ciudad Juarez"},
    ),
    ("immigrant_visa", {"entered_with_visa": "yes"}),
    ("visa_admission", {"destination": "Boston, MA", "port_of_entry": "Boston, MA"}),
    ("history", {"removal_proceedings": "no", "abandoned_status": "no"}),
    DESCRIPTION,
    ("accommodation", {"accommodation": "no"}),
    *NO_HELP,
]

FILLED: dict[FormType, Pages] = {
    FormType.I765: I765_PAGES,
    FormType.I130: I130_PAGES,
    FormType.N400: N400_PAGES,
    FormType.I90: I90_PAGES,
}


def answers_of(pages: Pages, page_id: str) -> dict[str, str]:
    """A copy of what the filled pages type on one page."""
    return dict(next(raw for found, raw in pages if found == page_id))


def pages_in(form_type: FormType | str, pages: Pages, *sections: str) -> Pages:
    """The filled pages that belong to the given sections of the form, in order."""
    form = form_for(form_type)
    return [(page_id, raw) for page_id, raw in pages if form.page(page_id).section in sections]


def changed(pages: Pages, **replaced: Mapping[str, str]) -> Pages:
    """The pages with some pages' answers replaced (page id=answers), others kept."""
    return [(page_id, dict(replaced.get(page_id, raw))) for page_id, raw in pages]


def clean_answers(form_type: FormType | str, pages: Pages) -> dict[str, dict[str, Any]]:
    """The answers as saved: each page checked as the filing page checks it, by section."""
    form = form_for(form_type)
    answers: dict[str, dict[str, Any]] = {}
    for page_id, raw in pages:
        clean, errors = validate_page(form, page_id, raw, today=WALKED_ON)
        assert {} == errors, (page_id, errors)
        section = form.page(page_id).section
        answers[section] = {**answers.get(section, {}), **clean}
    return answers


def walk(form_type: FormType | str, typed: Mapping[str, Mapping[str, str]]) -> list[str]:
    """Fill the form as a person does, each next page asked in turn with its typed answers;
    return the pages asked, in order (KeyError names a page asked but not filled)."""
    form = form_for(form_type)
    answers: dict[str, dict[str, Any]] = {}
    asked: list[str] = []
    page = next_page(form, answers)
    while page is not None:
        clean, errors = validate_page(form, page.id, dict(typed[page.id]), today=WALKED_ON)
        assert {} == errors, (page.id, errors)
        answers[page.section] = {**answers.get(page.section, {}), **clean}
        asked.append(page.id)
        page = next_page(form, answers, after=page.id)
    return asked


def fill(case: Case, actor: Actor, *, signed: bool = True) -> None:
    """Answer every page of a draft as a person would (its form's typical path), and sign
    it unless told not to."""
    form = form_for(case.form_type)
    for section, answers in clean_answers(form.form_type, FILLED[form.form_type]).items():
        case.save_answers(actor, section, answers)
    if signed:
        signature = {"full_name": SIGNED_BY, "signed_at": datetime.now(UTC).isoformat()}
        case.save_answers(actor, SIGNATURE_SECTION, signature)


def fill_i765(case: Case, actor: Actor, *, signed: bool = True) -> None:
    """Answer every page of a draft I-765 and sign it unless told not to."""
    fill(case, actor, signed=signed)
