"""Questions asked more than once: an address for several people, and numbered entries
(trips, children, employers) asked up to a count.

A list is asked the way the paper form has it, a few numbered rows and a continuation
sheet: a number question ("How many trips…?"), then one page per entry up to that count
with the entry's questions under numbered names (trip_2_left_on), and one page in plain
words for the entries beyond the pages. An "add another" loop would need the flow to
remember where it is; numbered pages keep every page a plain conditional page of the
flow (flow.py is unchanged), and each saved answer has one name, at the cost of a
largest number of entries per list.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from pydantic import create_model

from immportal.domain.catalogue.fields import PageModel, extra_of, long_text
from immportal.domain.catalogue.model import (
    Condition,
    DocumentRule,
    Page,
    Rule,
    all_of,
    at_least,
)
from immportal.domain.catalogue.rules import dates_in_order
from immportal.domain.catalogue.words import composed, remembered
from immportal.i18n import N_


def prefixed(
    model: type[PageModel], prefix: str, label: Callable[[str], str] = str
) -> type[PageModel]:
    """A copy of the page's questions named PREFIX_NAME, each label passed through `label`
    (a question whose rule follows a country question follows the copy's)."""
    fields: dict[str, Any] = {}
    for name, info in model.model_fields.items():
        extra = extra_of(info)
        if "country_field" in extra:
            extra = {**extra, "country_field": f"{prefix}_{extra['country_field']}"}
        copy = type(info).merge_field_infos(
            info, title=label(info.title or name), json_schema_extra=extra
        )
        fields[f"{prefix}_{name}"] = (info.annotation, copy)
    title = "".join(part.capitalize() for part in prefix.split("_"))
    made: type[PageModel] = create_model(
        f"{title}{model.__name__}", __base__=PageModel, __doc__=model.__doc__, **fields
    )
    return made


def of(owner: str) -> Callable[[str], str]:
    """Labels of someone else's answers: "Street address" becomes "Interpreter's street
    address" (an initialism such as ZIP keeps its capitals)."""

    def label(text: str) -> str:
        keep = len(text) > 1 and text[1].isupper()
        lowered = text if keep else text[:1].lower() + text[1:]
        return remembered(f"{owner} {lowered}", N_("%(owner)s %(label)s"), owner=owner, label=text)

    return label


def numbered_pages(
    *,
    page_id: str,
    section: str,
    title: str,
    model: type[PageModel],
    count: str,
    most: int,
    noun: str,
    plural: str,
    when: Condition | None = None,
    documents: tuple[DocumentRule, ...] = (),
) -> tuple[Page, ...]:
    """Pages PAGE_ID_1… asked while the section's `count` answer reaches their number (and
    `when` holds), titled `title` with %(n)s filled in; then PAGE_ID_more past `most`."""
    pages = []
    for number in range(1, most + 1):
        asked = at_least(section, count, number)
        pages.append(
            Page(
                f"{page_id}_{number}",
                section,
                composed(title, n=number),
                prefixed(model, f"{page_id}_{number}", _numbered(noun, number)),
                asked if when is None else all_of(when, asked),
                documents=documents,
            )
        )
    more = at_least(section, count, most + 1)
    pages.append(
        Page(
            f"{page_id}_more",
            section,
            composed(N_("Your other %(plural)s"), plural=plural),
            _more_model(page_id, plural),
            more if when is None else all_of(when, more),
            hint=composed(
                N_("The pages before have room for %(n)s. Tell us about the others here."), n=most
            ),
        )
    )
    return tuple(pages)


def entry_name(page_id: str, number: int, name: str) -> str:
    """The saved name of one numbered entry's question (trip_2_left_on)."""
    return f"{page_id}_{number}_{name}"


def entries_in_order(
    section: str, page_id: str, most: int, earlier: str, later: str, message: str
) -> tuple[Rule, ...]:
    """Rules: in each entry the `later` date is not before the `earlier` one; `message`
    names the entry with %(n)s."""
    return tuple(
        dates_in_order(
            (section, entry_name(page_id, number, earlier)),
            (section, entry_name(page_id, number, later)),
            composed(message, n=number),
        )
        for number in range(1, most + 1)
    )


def _numbered(noun: str, number: int) -> Callable[[str], str]:
    return lambda text: composed(N_("%(noun)s %(n)s: %(label)s"), noun=noun, n=number, label=text)


def _more_model(page_id: str, plural: str) -> type[PageModel]:
    words = composed(N_("Tell us about your other %(plural)s"), plural=plural)
    fields: dict[str, Any] = {f"{page_id}_more": (str, long_text(words, required=words))}
    made: type[PageModel] = create_model(
        f"More{page_id.title().replace('_', '')}",
        __base__=PageModel,
        __doc__=f"The {plural} beyond the numbered pages.",
        **fields,
    )
    return made
