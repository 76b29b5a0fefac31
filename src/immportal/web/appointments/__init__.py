"""Appointments: the applicant's page and rescheduling, and the staff day list."""

from aiohttp import web

from immportal.web.appointments.applicant import (
    appointments_page,
    calendar,
    reschedule,
    reschedule_page,
)


def add_appointment_routes(app: web.Application) -> None:
    """Register the applicant's appointment pages (each opens its case through open_case)."""
    app.router.add_get("/cases/{case_id}/appointments", appointments_page)
    app.router.add_get("/cases/{case_id}/appointments/appointment.ics", calendar)
    app.router.add_get("/cases/{case_id}/appointments/reschedule", reschedule_page)
    app.router.add_post("/cases/{case_id}/appointments/reschedule", reschedule)
