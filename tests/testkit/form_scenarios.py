"""Paths through each form that, between them, ask every page: the typical path of
filled_forms changed answer by answer (another category, a second marriage, trips…)."""

from collections.abc import Mapping

from immportal.domain.cases.forms import FormType
from testkit.filled_forms import FILLED

Typed = dict[str, dict[str, str]]


def entries(page_id: str, count: int, fields: Mapping[str, str], more: bool = False) -> Typed:
    """The numbered pages PAGE_ID_1… of a list, each with the same answers; and its page
    for the rest when `more`."""
    found = {
        f"{page_id}_{n}": {f"{page_id}_{n}_{name}": value for name, value in fields.items()}
        for n in range(1, count + 1)
    }
    if more:
        found[f"{page_id}_more"] = {f"{page_id}_more": "Two more, in 2012 and 2013."}
    return found


def path(form_type: FormType, **changes: Mapping[str, str]) -> Typed:
    """The typical path with some pages answered otherwise (page id=answers)."""
    typed = {page_id: dict(raw) for page_id, raw in FILLED[form_type]}
    typed.update({page_id: dict(raw) for page_id, raw in changes.items()})
    return typed


def with_pages(typed: Typed, *added: Typed) -> Typed:
    """A path with more pages answered."""
    merged = dict(typed)
    for pages in added:
        merged.update(pages)
    return merged


NAME = {"given_name": "Maria", "family_name": "Lopez"}
ADDRESS = {
    "line1": "40 Pine Street",
    "city": "Lowell",
    "state": "MA",
    "postal_code": "01852",
    "country": "US",
}
HOME = {f"home_{name}": value for name, value in ADDRESS.items()}
FORMER = {**ADDRESS, "lived_from": "2010-01-01", "lived_to": "2011-01-01"}
JOB = {
    "employer": "Mill City Bakery",
    "occupation": "Baker",
    "city": "Lowell",
    "country": "US",
    "started_on": "2012-01-01",
    "ended_on": "2013-01-01",
    "line1": "1 Market Street",
}
INTERPRETED = {
    "language": {"reads_english": "no"},
    "interpreter": {
        "interpreter_language": "Spanish",
        "interpreter_given_name": "Lucia",
        "interpreter_family_name": "Perez",
        "interpreter_phone": "617 555 0100",
    },
    "interpreter_address": {f"interpreter_{k}": v for k, v in ADDRESS.items()},
    "preparer": {"preparer_used": "yes"},
    "preparer_details": {
        "preparer_given_name": "Tom",
        "preparer_family_name": "Reed",
        "preparer_phone": "617 555 0101",
        "preparer_role": "attorney",
    },
    "preparer_address": {f"preparer_{k}": v for k, v in ADDRESS.items()},
    "representation": {"representation": "extends"},
}
MOVED = {
    "lives_at_mailing": {"lives_at_mailing_address": "no"},
    "home_address": HOME,
}

I765 = FormType.I765
I765_PATHS: list[Typed] = [
    path(I765),
    with_pages(
        path(
            I765,
            reason={"reason": "renewal"},
            previous_card={
                "previous_card_number": "SRC2190012345",
                "previous_card_expiry": "2027-01-31",
            },
            category={"category": "c9"},
            pending_adjustment={
                "i485_receipt_number": "IOE0912345678",
                "i485_filed_on": "2024-06-03",
            },
            other_names={"other_names_count": "4"},
            travel_document={"travel_document": "travel_document"},
            travel_document_details={
                "travel_document_number": "RT1234567",
                "travel_document_country": "US",
                "travel_document_expiry": "2028-02-01",
            },
            **MOVED,
        ),
        entries("other_name", 3, NAME, more=True),
    ),
    path(
        I765,
        filed_before={"filed_before": "yes"},
        category={"category": "c8"},
        asylum={"i589_filed_on": "2024-01-10", "abc_class_member": "no"},
        arrests={"ever_arrested": "yes"},
        arrest_details={"arrest_details": "Arrested in Boston in 2021; the charge was dropped."},
        **INTERPRETED,
    ),
    path(
        I765,
        reason={"reason": "replacement"},
        previous_card={
            "previous_card_number": "SRC2190012345",
            "previous_card_expiry": "2027-01-31",
        },
        category={"category": "c3c"},
        stem={
            "degree": "MS in Computer Science",
            "employer_name": "Harbor Analytics",
            "everify_number": "123456",
        },
    ),
    path(I765, category={"category": "c26"}, h1b_spouse={"h1b_receipt_number": "WAC2190012345"}),
    path(
        I765,
        category={"category": "c35"},
        immigrant_petition={"i140_receipt_number": "LIN2190012345"},
        arrests={"ever_arrested": "no"},
    ),
    path(
        I765,
        category={"category": "c33"},
        economic_need={"annual_income": "18000", "annual_expenses": "21000", "assets": "500"},
    ),
]

I130 = FormType.I130
RELATIVE_IN_US = {
    "relative_address": {
        "relative_line1": "40 Pine Street",
        "relative_city": "Lowell",
        "relative_state": "MA",
        "relative_postal_code": "01852",
        "relative_country": "US",
    },
    "relative_abroad": {"has_address_abroad": "yes"},
    "relative_abroad_address": {
        "abroad_line1": "Calle 5 de Mayo 10",
        "abroad_city": "Puebla",
        "abroad_state": "Puebla",
        "abroad_postal_code": "72000",
        "abroad_country": "MX",
    },
    "relative_in_us": {"in_united_states": "yes"},
    "relative_arrival": {
        "arrived_on": "2021-08-20",
        "arrival_class": "F1 student",
        "i94_number": "12345678901",
        "stay_until": "D/S",
    },
    "relative_route": {"route": "adjust"},
    "relative_adjustment": {"office_city": "Lawrence", "office_state": "MA"},
}
I130_PATHS: list[Typed] = [
    path(I130),
    with_pages(
        path(
            I130,
            relationship={"relation": "child"},
            child={"child_relation": "in_wedlock"},
            status={"status": "permanent_resident"},
            residence={
                "admitted_on": "2017-02-10",
                "class_of_admission": "F21",
                "admission_city": "Boston",
                "admission_state": "MA",
                "through_marriage": "no",
            },
            relative_birth={
                "date_of_birth": "2008-05-02",
                "birth_city": "Puebla",
                "country_of_birth": "MX",
                "sex": "female",
            },
            relative_marital={"times_married": "0", "marital_status": "single"},
            relative_family={"family_count": "0"},
            relative_other_names={"other_names_count": "4"},
            relative_proceedings={"ever_in_proceedings": "yes"},
            relative_proceedings_details={
                "proceedings_type": "removal",
                "proceedings_city": "Boston",
                "proceedings_state": "MA",
                "proceedings_on": "2022-03-01",
            },
            relative_native={"native_alphabet": "yes"},
            relative_native_details={"native_name": "Мария Лопес", "native_address": "Москва"},
            relative_travel_document={"travel_document": "travel_document"},
            relative_travel_document_details={
                "travel_document_number": "RT7654321",
                "travel_document_country": "MX",
                "travel_document_expiry": "2029-03-01",
            },
            relative_work={"works": "no"},
            former_addresses={"former_addresses_count": "6"},
            jobs={"jobs_count": "6"},
            prior_petitions={"prior_petitions_count": "4"},
            other_relatives={"other_relatives_count": "3"},
            other_names={"other_names_count": "4"},
            **RELATIVE_IN_US,
            **INTERPRETED,
        ),
        entries("relative_other_name", 3, NAME, more=True),
        entries("other_name", 3, NAME, more=True),
        entries("former_address", 5, FORMER, more=True),
        entries("job", 5, JOB, more=True),
        entries(
            "prior_petition",
            3,
            {
                "given_name": "Pedro",
                "family_name": "Lopez",
                "city": "Boston",
                "state": "MA",
                "filed_on": "2018-01-01",
                "result": "approved",
            },
            more=True,
        ),
        entries(
            "other_relative",
            2,
            {"given_name": "Pedro", "family_name": "Lopez", "relationship": "Son"},
            more=True,
        ),
    ),
    with_pages(
        path(
            I130,
            relationship={"relation": "sibling"},
            sibling={"related_by_adoption": "no"},
            citizenship={"citizenship_how": "birth", "has_certificate": "no"},
            marital={"times_married": "5", "marital_status": "divorced"},
            relative_marital={"times_married": "5", "marital_status": "widowed"},
            relative_family={"family_count": "6"},
            **MOVED,
        ),
        entries("spouse", 4, {**NAME, "ended_on": "2015-01-01"}, more=True),
        entries("relative_spouse", 4, {**NAME, "ended_on": "2015-01-01"}, more=True),
        entries(
            "family_member",
            5,
            {**NAME, "relationship": "Son", "date_of_birth": "2012-01-01", "birth_country": "MX"},
            more=True,
        ),
    ),
    path(I130, relationship={"relation": "parent"}, child={"child_relation": "in_wedlock"}),
]

N400 = FormType.N400
NO = "no"
N400_PATHS: list[Typed] = [
    path(N400),
    with_pages(
        path(
            N400,
            basis={"basis": "married_three_years"},
            marital_status={"marital_status": "married"},
            times_married={"times_married": "2"},
            spouse={
                "spouse_given_name": "John",
                "spouse_family_name": "Smith",
                "spouse_date_of_birth": "1985-04-04",
                "married_on": "2018-06-01",
                "spouse_is_citizen": "yes",
                "spouse_same_address": "yes",
                "spouse_in_military": "no",
            },
            spouse_citizenship={"spouse_citizen_by": "other", "spouse_times_married": "1"},
            spouse_naturalized={"spouse_citizen_since": "2010-05-05"},
            children={"children_count": "7"},
            other_names={"other_names_count": "6"},
            new_name={"wants_name_change": "yes"},
            new_name_details={"new_given_name": "Ana", "new_family_name": "Smith"},
            social_security={"ssa_card": "yes"},
            social_security_details={"ssn": "123-45-6789", "ssa_consent": "yes"},
            trips={"trip_count": "9"},
            jobs={"jobs_count": "6"},
            former_addresses={"former_addresses_count": "6"},
            reduced_fee={"reduced_fee": "yes"},
            household={
                "household_income": "52000",
                "household_size": "4",
                "household_earners": "2",
                "head_of_household": "no",
            },
            head_of_household={"head_of_household_name": "John Smith"},
            **MOVED,
            **INTERPRETED,
        ),
        entries("other_name", 5, NAME, more=True),
        entries(
            "child",
            6,
            {
                **NAME,
                "date_of_birth": "2015-01-01",
                "relation": "biological",
                "lives": "with_me",
                "supported": "yes",
            },
            more=True,
        ),
        entries(
            "trip",
            8,
            {"left_on": "2023-01-01", "returned_on": "2023-01-10", "countries": "Mexico"},
            more=True,
        ),
        entries("job", 5, JOB, more=True),
        entries("former_address", 5, FORMER, more=True),
    ),
    with_pages(
        path(
            N400,
            basis={"basis": "other"},
            other_basis={"other_basis": "I am the child of a citizen serving abroad."},
            armed_service={"military_unit": "yes", "armed_group": NO, "detention_work": NO},
            armed_details={"armed_details": "Mexico, 5th Infantry, private, 2008 to 2009."},
            weapons={
                "weapons_group": "yes",
                "weapons_training": NO,
                "weapons_supply": NO,
                "child_soldiers": NO,
                "child_hostilities": NO,
            },
            weapons_use={"used_weapon": NO, "threatened_weapon": NO},
            crimes={"crime_not_arrested": NO, "ever_arrested": "yes"},
            offenses={"offenses_count": "6"},
            sentence={"completed_sentence": "none"},
            explanation={"explanation": "Weapons group: the army unit above."},
            selective_service={"male_18_to_26": "yes"},
            registered={"registered": "yes"},
            registration={"selective_service_number": "1234567890", "registered_on": "2009-01-01"},
            military={"avoided_draft": NO, "military_exemption": NO, "served_military": "yes"},
            military_service={
                "current_member": "yes",
                "discharged_as_alien": NO,
                "court_martialed": NO,
                "deserted": NO,
            },
            serving={"deploying": NO, "stationed_abroad": NO},
            titles={"hereditary_title": "yes"},
            title_details={"renounce_title": "yes", "titles": "Count of Somewhere"},
            oath={
                "supports_constitution": "yes",
                "understands_oath": "no",
                "oath_disability": "no",
            },
            oath_details={"oath_explanation": "I need the oath explained in Spanish."},
        ),
        entries(
            "offense",
            5,
            {
                "offense_on": "2012-02-02",
                "place": "Boston, MA, United States",
                "what": "Shoplifting",
                "outcome": "Dismissed",
            },
            more=True,
        ),
    ),
    path(
        N400,
        basis={"basis": "spouse_abroad"},
        interview_office={"interview_office": "Boston"},
        marital_status={"marital_status": "married"},
        times_married={"times_married": "1"},
        spouse={
            "spouse_given_name": "John",
            "spouse_family_name": "Smith",
            "spouse_date_of_birth": "1985-04-04",
            "married_on": "2018-06-01",
            "spouse_is_citizen": "yes",
            "spouse_same_address": "yes",
            "spouse_in_military": "no",
        },
        spouse_citizenship={"spouse_citizen_by": "birth", "spouse_times_married": "1"},
        spouse_employer={"spouse_employer": "U.S. Department of State"},
        military={"avoided_draft": NO, "military_exemption": NO, "served_military": "yes"},
        military_service={
            "current_member": "no",
            "discharged_as_alien": NO,
            "court_martialed": NO,
            "deserted": NO,
        },
        former_member={"former_abroad": NO},
    ),
]

I90 = FormType.I90
I90_PATHS: list[Typed] = [
    path(I90),
    path(
        I90,
        reason={"reason": "never_received"},
        never_received={"address_then": "8 Quay Road, Salem, MA 01970"},
        name_changed={"name_changed": "yes"},
        name_change={
            "card_given_name": "Ana",
            "card_family_name": "Ruiz",
            "changed_on": "2022-10-08",
            "changed_how": "marriage",
        },
        immigrant_visa={"entered_with_visa": "no"},
        history={"removal_proceedings": "yes", "abandoned_status": "no"},
        history_details={"history_details": "Proceedings closed in 2015."},
        accommodation={"accommodation": "yes"},
        accommodation_details={"deaf_help": "An ASL interpreter."},
        **MOVED,
        **INTERPRETED,
    ),
    path(
        I90,
        reason={"reason": "commuter_start"},
        commuter_port={"port_city": "Calexico", "port_state": "CA"},
    ),
    path(
        I90,
        card_details={"a_number": "A201234567", "status": "conditional_resident"},
        card_expiry={"card_expires_on": "2028-01-01"},
        reason={"reason": "damaged"},
    ),
]

PATHS: dict[FormType, list[Typed]] = {
    I765: I765_PATHS,
    I130: I130_PATHS,
    N400: N400_PATHS,
    I90: I90_PATHS,
}
