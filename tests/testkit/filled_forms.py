"""A complete, valid application to file in tests: Form I-765, page by page, and signed."""

from datetime import UTC, datetime

from immportal.domain.actor import Actor
from immportal.domain.cases.case import Case
from immportal.domain.cases.forms import FormType
from immportal.domain.catalogue import form_for, validate_page
from immportal.services.cases.applications import SIGNATURE_SECTION

# A complete Form I-765 under category (c)(9), without a Social Security card: page by page.
I765_PAGES: list[tuple[str, dict[str, str]]] = [
    ("name", {"given_name": "Ana", "middle_name": "", "family_name": "Lopez"}),
    ("date_of_birth", {"date_of_birth": "03/27/1990"}),
    ("email_phone", {"email": "ana@example.com", "phone": "202 555 0143"}),
    (
        "mailing_address",
        {
            "line1": "8 Quay Road",
            "line2": "",
            "city": "Salem",
            "state": "MA",
            "postal_code": "01970",
            "country": "United States",
        },
    ),
    ("reason", {"reason": "initial"}),
    ("category", {"category": "c9"}),
    ("pending_adjustment", {"i485_receipt_number": "IOE0912345678"}),
    (
        "arrival",
        {"last_arrival_on": "2020-01-15", "i94_number": "12345678901", "current_status": "F-1"},
    ),
    ("ssn_card", {"wants_ssn_card": "no"}),
]

SIGNED_BY = "Ana Lopez"


def fill_i765(case: Case, actor: Actor, *, signed: bool = True) -> None:
    """Answer every page of a draft I-765 as a person would, and sign it unless told not to."""
    form = form_for(FormType.I765)
    for page_id, raw in I765_PAGES:
        clean, errors = validate_page(form, page_id, raw)
        assert {} == errors, page_id
        case.save_answers(actor, form.page(page_id).section, clean)
    if signed:
        signature = {"full_name": SIGNED_BY, "signed_at": datetime.now(UTC).isoformat()}
        case.save_answers(actor, SIGNATURE_SECTION, signature)
