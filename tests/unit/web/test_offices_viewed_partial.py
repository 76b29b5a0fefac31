"""The applicant's "who has looked at your case" partial (templates/audit/_offices_viewed.html)."""

from datetime import UTC, datetime
from pathlib import Path

import jinja2

import immportal.web
from immportal.services.audit.access import OfficeView
from immportal.web.rendering import format_datetime

TEMPLATES = Path(immportal.web.__file__).parent / "templates"


def render(offices_viewed: list[OfficeView]) -> str:
    """The partial on its own, as an including page would render it."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES), autoescape=jinja2.select_autoescape(default=True)
    )
    env.filters["datetime"] = format_datetime
    page = env.from_string('{% include "audit/_offices_viewed.html" %}')
    return page.render(offices_viewed=offices_viewed)


class TestOfficesViewed:
    """Offices and times are shown; nothing about the people."""

    def test_offices_and_times(self) -> None:
        """Each view shows its office (or a general name when none was recorded) and when."""
        html = render(
            [
                OfficeView("NBC", datetime(2026, 3, 2, 9, 30, tzinfo=UTC)),
                OfficeView(None, datetime(2026, 3, 1, 14, 5, tzinfo=UTC)),
            ]
        )
        assert "NBC" in html
        assert "March 2, 2026, 4:30 AM EST" in html
        assert "An immigration office" in html
        assert 2 == html.count('class="office-view"')

    def test_nobody_yet(self) -> None:
        """Without views the applicant is told so."""
        assert "No staff member has opened your case yet." in render([])
