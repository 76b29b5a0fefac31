"""What the paths through the forms are made of: the typical path changed page by page,
numbered entries, and answers several paths share (another name, address, job, helpers)."""

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
