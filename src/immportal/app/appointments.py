"""The appointment services and the automatic booker, built from a process's runtime."""

from immportal.adapters.postgres.appointments import PostgresAppointmentBook
from immportal.app.container import Runtime
from immportal.processes.auto_booking import AutoBooker
from immportal.services.appointments.service import AppointmentService
from immportal.services.appointments.staff import StaffAppointments
from immportal.services.repository import Repository


def appointment_service(runtime: Runtime) -> AppointmentService:
    """Booking and moving biometrics appointments (cheap: it holds no connection)."""
    return AppointmentService(PostgresAppointmentBook(runtime.pool), Repository(runtime.store))


def staff_appointments(runtime: Runtime) -> StaffAppointments:
    """Day lists, attendance and interviews for staff."""
    return StaffAppointments(PostgresAppointmentBook(runtime.pool), Repository(runtime.store))


def auto_booker(runtime: Runtime) -> AutoBooker:
    """The worker that books biometrics for every accepted case."""
    return AutoBooker(
        dsn=runtime.dsn,
        role=runtime.settings.database_app_role,
        store=runtime.store,
        notifier=runtime.notifier,
        appointments=appointment_service(runtime),
        idle_wait=runtime.settings.projection_idle_wait,
    )
