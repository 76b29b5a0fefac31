"""The demonstration path through each form, page by page, as typed. Pages left empty
here are the filer's own (name, birth, contact, and the I-130 husband's home and wife),
filled from the demo person (answers.Filer)."""

from __future__ import annotations

from immportal.domain.cases.forms import FormType

Typed = list[tuple[str, dict[str, str]]]
NO = "no"
YES = "yes"
CONTACT: Typed = [
    ("email_phone", {}),
    ("mailing_address", {}),
    ("lives_at_mailing", {}),
]
NO_HELP: Typed = [("language", {"reads_english": YES}), ("preparer", {"preparer_used": NO})]
DESCRIPTION = (
    "description",
    {
        "ethnicity": "not_hispanic",
        "race": "asian",
        "height_feet": "5",
        "height_inches": "6",
        "weight_pounds": "142",
        "eye_color": "brown",
        "hair_color": "black",
    },
)
ALL_NO = {
    "claims": ("claimed_citizenship", "voted"),
    "taxes": ("owes_taxes", "nonresident_tax"),
    "groups": ("communist_party", "advocated_overthrow"),
    "violence": ("weapon_harm", "kidnapping", "threatened"),
    "harm": (
        "torture",
        "genocide",
        "killing",
        "injuring",
        "forced_sex",
        "religious_persecution",
        "persecution",
    ),
    "armed_service": ("military_unit", "armed_group", "detention_work"),
    "weapons": (
        "weapons_group",
        "weapons_training",
        "weapons_supply",
        "child_soldiers",
        "child_hostilities",
    ),
    "crimes": ("crime_not_arrested", "ever_arrested"),
    "conduct": (
        "prostitution",
        "drugs",
        "marriage_fraud",
        "polygamy",
        "smuggling",
        "gambling",
        "failed_support",
        "benefit_fraud",
    ),
    "honesty": ("false_information", "lied_for_benefit"),
    "removal": ("removal_proceedings", "removed"),
    "selective_service": ("male_18_to_26",),
    "military": ("avoided_draft", "military_exemption", "served_military"),
    "titles": ("hereditary_title",),
}

I765: Typed = [
    ("name", {}),
    ("date_of_birth", {}),
    ("other_names", {"other_names_count": "0"}),
    ("birth_place", {"birth_city": "Pune", "birth_region": "Maharashtra", "birth_country": "IN"}),
    ("sex_marital", {"sex": "female", "marital_status": "single"}),
    ("citizenship", {"citizenship_country": "IN"}),
    ("numbers", {}),
    *CONTACT,
    ("reason", {"reason": "initial"}),
    ("filed_before", {"filed_before": NO}),
    ("category", {"category": "c3b"}),
    ("travel_document", {"travel_document": "passport"}),
    (
        "passport",
        {"passport_number": "Z4820193", "passport_country": "IN", "passport_expiry": "2032-04-30"},
    ),
    (
        "arrival",
        {"last_arrival_on": "2022-08-14", "i94_number": "90412345601", "current_status": "F-1"},
    ),
    ("arrival_place", {"last_arrival_place": "Newark, NJ", "status_at_arrival": "F-1 student"}),
    ("sevis", {"sevis_number": "N0034567812"}),
    *NO_HELP,
]

I130: Typed = [
    ("name", {}),
    ("date_of_birth", {}),
    ("other_names", {"other_names_count": "0"}),
    ("birth_place", {"birth_city": "Lagos", "birth_country": "NG", "sex": "female"}),
    ("numbers", {"ssn": "219-09-9999"}),
    (
        "parent_1",
        {
            "parent_1_given_name": "Grace",
            "parent_1_family_name": "Okafor",
            "parent_1_date_of_birth": "1950-03-02",
            "parent_1_sex": "female",
            "parent_1_birth_country": "NG",
            "parent_1_residence_city": "Lagos",
            "parent_1_residence_country": "NG",
        },
    ),
    (
        "parent_2",
        {
            "parent_2_given_name": "Samuel",
            "parent_2_family_name": "Okafor",
            "parent_2_date_of_birth": "1948-07-19",
            "parent_2_sex": "male",
            "parent_2_birth_country": "NG",
            "parent_2_residence_city": "Deceased",
            "parent_2_residence_country": "NG",
        },
    ),
    DESCRIPTION,
    *CONTACT,
    ("moved_in", {"moved_in_on": "2018-03-01"}),
    ("former_addresses", {"former_addresses_count": "0"}),
    ("relationship", {"relation": "spouse"}),
    ("adoption", {"status_through_adoption": NO}),
    ("status", {"status": "citizen"}),
    ("citizenship", {"citizenship_how": "naturalization", "has_certificate": YES}),
    (
        "naturalization",
        {
            "certificate_number": "31456789",
            "certificate_place": "Newark, NJ",
            "naturalized_on": "2020-09-17",
        },
    ),
    ("marital", {"times_married": "1", "marital_status": "married"}),
    (
        "current_marriage",
        {"married_on": "2023-12-16", "married_city": "Accra", "married_country": "GH"},
    ),
    ("spouse_1", {"spouse_1_given_name": "Kwame", "spouse_1_family_name": "Mensah"}),
    ("jobs", {"jobs_count": "1"}),
    (
        "job_1",
        {
            "job_1_employer": "Garden State Health",
            "job_1_occupation": "Pharmacist",
            "job_1_city": "Newark",
            "job_1_region": "NJ",
            "job_1_country": "US",
            "job_1_started_on": "2017-09-05",
            "job_1_line1": "150 Bergen Street",
            "job_1_postal_code": "07103",
        },
    ),
    ("relative_name", {"given_name": "Kwame", "family_name": "Mensah"}),
    ("relative_other_names", {"other_names_count": "0"}),
    (
        "relative_birth",
        {
            "date_of_birth": "1986-05-11",
            "birth_city": "Kumasi",
            "country_of_birth": "GH",
            "sex": "male",
        },
    ),
    ("relative_numbers", {}),
    ("relative_petitions", {"petitioned_before": NO}),
    (
        "relative_address",
        {
            "relative_line1": "12 Oxford Street",
            "relative_city": "Accra",
            "relative_state": "Greater Accra",
            "relative_postal_code": "GA-183",
            "relative_country": "GH",
        },
    ),
    ("relative_us_address", {}),
    ("relative_contact", {"relative_phone": "+233 30 277 1234"}),
    ("relative_marital", {"times_married": "1", "marital_status": "married"}),
    (
        "relative_current_marriage",
        {"married_on": "2023-12-16", "married_city": "Accra", "married_country": "GH"},
    ),
    ("relative_spouse_1", {}),
    ("relative_family", {"family_count": "0"}),
    ("relative_ever_in_us", {"ever_in_us": NO}),
    ("relative_travel_document", {"travel_document": "passport"}),
    (
        "relative_passport",
        {"passport_number": "G2841937", "passport_country": "GH", "passport_expiry": "2031-06-30"},
    ),
    ("relative_work", {"works": NO}),
    ("relative_proceedings", {"ever_in_proceedings": NO}),
    ("relative_native", {"native_alphabet": NO}),
    ("lived_together", {"lived_together": NO}),
    ("relative_route", {"route": "consulate"}),
    ("relative_consulate", {"consulate_city": "Accra", "consulate_country": "GH"}),
    ("prior_petitions", {"prior_petitions_count": "0"}),
    ("other_relatives", {"other_relatives_count": "0"}),
    *NO_HELP,
]

N400: Typed = [
    ("name", {}),
    ("date_of_birth", {}),
    ("other_names", {"other_names_count": "0"}),
    ("new_name", {"wants_name_change": NO}),
    ("origin", {"sex": "male", "birth_country": "VN", "citizenship_country": "VN"}),
    ("situation", {"parent_citizen": NO, "disability_exception": NO}),
    ("social_security", {"ssa_card": NO}),
    DESCRIPTION,
    *CONTACT,
    ("moved_in", {"moved_in_on": "2016-05-01"}),
    ("former_addresses", {"former_addresses_count": "0"}),
    ("basis", {"basis": "five_years"}),
    ("green_card", {"a_number": "A098765432", "resident_since": "2015-11-02"}),
    ("marital_status", {"marital_status": "single"}),
    ("children", {"children_count": "0"}),
    ("jobs", {"jobs_count": "1"}),
    (
        "job_1",
        {
            "job_1_employer": "Harborview Logistics",
            "job_1_occupation": "Warehouse supervisor",
            "job_1_city": "Jersey City",
            "job_1_region": "NJ",
            "job_1_country": "US",
            "job_1_started_on": "2016-06-01",
        },
    ),
    ("trips", {"trip_count": "1"}),
    (
        "trip_1",
        {
            "trip_1_left_on": "2024-01-28",
            "trip_1_returned_on": "2024-02-18",
            "trip_1_countries": "Vietnam",
        },
    ),
    *((page, dict.fromkeys(names, NO)) for page, names in ALL_NO.items()),
    ("oath", {"supports_constitution": YES, "understands_oath": YES, "oath_disability": NO}),
    (
        "willing",
        dict.fromkeys(("willing_oath", "bear_arms", "noncombatant", "national_importance"), YES),
    ),
    ("reduced_fee", {"reduced_fee": NO}),
    *NO_HELP,
]

I90: Typed = [
    ("name", {}),
    ("date_of_birth", {}),
    ("birth_place", {"birth_city": "Manila", "birth_country": "PH", "sex": "female"}),
    ("parents", {"mother_given_name": "Teresita", "father_given_name": "Ramon"}),
    *CONTACT,
    ("card_details", {"a_number": "A087654321", "status": "permanent_resident"}),
    ("admission", {"class_of_admission": "IR1", "admitted_on": "2014-07-22"}),
    ("name_changed", {"name_changed": NO}),
    ("reason", {"reason": "lost"}),
    (
        "lost_card",
        {"lost_on": "2026-08-30", "lost_where": "Newark, United States", "police_report": YES},
    ),
    ("where_applied", {"visa_applied_at": "Manila", "visa_issued_at": "Manila"}),
    ("immigrant_visa", {"entered_with_visa": YES}),
    ("visa_admission", {"destination": "Newark, NJ", "port_of_entry": "Newark, NJ"}),
    ("history", {"removal_proceedings": NO, "abandoned_status": NO}),
    DESCRIPTION,
    ("accommodation", {"accommodation": NO}),
    *NO_HELP,
]

PATHS: dict[FormType, Typed] = {
    FormType.I765: I765,
    FormType.I130: I130,
    FormType.N400: N400,
    FormType.I90: I90,
}
