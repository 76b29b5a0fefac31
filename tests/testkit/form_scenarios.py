"""Paths through each form that, between them, ask every page: the typical path of
filled_forms changed answer by answer (another category, a second marriage, trips…)."""

from immportal.domain.cases.forms import FormType
from testkit.form_scenarios_family import I130, I130_PATHS, N400, N400_PATHS
from testkit.scenario_parts import INTERPRETED, MOVED, NAME, Typed, entries, path, with_pages

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
