"""The applicant's "who has looked at your case" partial (templates/audit/_offices_viewed.html)."""

from datetime import UTC, datetime, timedelta
from pathlib import Path

import jinja2

import immportal.web
from immportal import formatting
from immportal.domain.cases.offices import office_label
from immportal.services.audit.access import OfficeView
from immportal.services.audit.views_by_day import offices_by_day
from immportal.web.rendering import format_date

TEMPLATES = Path(immportal.web.__file__).parent / "templates"
MORNING = datetime(2026, 12, 5, 14, 0, tzinfo=UTC)


def render(views: list[OfficeView]) -> str:
    """The partial on its own, as the case page renders it (days in the agency's zone)."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        autoescape=jinja2.select_autoescape(default=True),
        extensions=["jinja2.ext.i18n"],
    )
    env.install_null_translations(newstyle=True)  # type: ignore[attr-defined] # the extension's
    env.filters["date"] = format_date
    env.filters["office"] = office_label
    page = env.from_string('{% include "audit/_offices_viewed.html" %}')
    grouped = offices_by_day(views, formatting.zone(formatting.AGENCY_ZONE))
    return " ".join(page.render(offices_viewed=grouped).split())


class TestOfficesViewed:
    """One line per office with its days; nothing about the people."""

    def test_fifty_views_on_two_days_read_as_one_line(self) -> None:
        """Fifty page loads by one office on two days: one line naming the office and both days."""
        views = [OfficeView("NBC", MORNING + timedelta(minutes=i)) for i in range(25)]
        views += [OfficeView("NBC", MORNING + timedelta(days=1, minutes=i)) for i in range(25)]

        html = render(views)

        assert 1 == html.count('class="office-view"')
        assert "Staff at the National Benefits Center (NBC) looked at your case on 2 days:" in html
        assert "December 6, 2026</time>; <time" in html
        assert "December 5, 2026</time>." in html

    def test_each_office_and_an_unrecorded_one(self) -> None:
        """Each office gets its line; a view with no office recorded is said generally."""
        html = render([OfficeView("NBC", MORNING), OfficeView(None, MORNING - timedelta(days=3))])
        assert 2 == html.count('class="office-view"')
        assert "Staff at an immigration office looked at your case on 1 day:" in html
        assert "officer" not in html.lower()

    def test_nobody_yet(self) -> None:
        """Without views the applicant is told so."""
        assert "No staff member has opened your case yet." in render([])
