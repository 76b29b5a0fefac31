"""Pages for officers and supervisors."""

from aiohttp import web

from immportal.web.staff.appointments import PATH, day_list, record_attended, record_missed


def add_staff_routes(app: web.Application) -> None:
    """Register the staff pages (officer and supervisor roles only)."""
    app.router.add_get(PATH, day_list)
    app.router.add_post(f"{PATH}/attended", record_attended)
    app.router.add_post(f"{PATH}/missed", record_missed)
