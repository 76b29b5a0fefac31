"""Answering a question page in a real browser from typed answers, whatever its questions:
each question found by its name and filled as its kind is drawn (radios and checkboxes by
their labels, dates in three boxes, lists by option)."""

from playwright.async_api import Page

from immportal.domain.catalogue import dates, form_for
from immportal.domain.identifiers.countries import parse_country
from immportal.domain.identifiers.states import parse_state

RADIOS = frozenset({"choice", "yes_no"})


async def answer_page(page: Page, form_type: str, page_id: str, typed: dict[str, str]) -> None:
    """Fill the open question page with the typed answers (empty ones left as they are)."""
    kinds = {q.name: q.kind for q in form_for(form_type).page(page_id).questions}
    for name, value in typed.items():
        if not value:
            continue
        kind = kinds[name]
        if kind in RADIOS:
            await _tick(page, f'input[name="{name}"][value="{value}"]')
        elif kind == "checkboxes":
            for option in value.split(","):
                await _tick(page, f'input[name="{name}-{option.strip()}"]')
        elif kind == "date":
            month, day, year = dates.split(value) or ("", "", "")
            # The month list's values are the months' numbers without a leading zero.
            month_box = page.locator(f'select[name="{dates.part_name(name, "month")}"]')
            await month_box.select_option(str(int(month)))
            await page.locator(f'input[name="{dates.part_name(name, "day")}"]').fill(day)
            await page.locator(f'input[name="{dates.part_name(name, "year")}"]').fill(year)
        elif kind in ("country", "state"):
            code = parse_country(value) if kind == "country" else parse_state(value)
            await page.locator(f'select[name="{name}"]').select_option(code)
        else:
            await page.locator(f'[name="{name}"]').fill(value)


async def _tick(page: Page, box: str) -> None:
    # USWDS draws the label and hides the box itself, so a person clicks the label.
    box_id = await page.locator(box).get_attribute("id")
    await page.locator(f'label[for="{box_id}"]').click()
